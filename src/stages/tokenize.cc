#include "stages/tokenize.h"

#include <algorithm>

#include "text/chars.h"
#include "text/utf8.h"

namespace warta {
namespace {

using utf8::DecodeAt;

char32_t At(std::string_view s, size_t i) { return i < s.size() ? DecodeAt(s, i).cp : 0; }
size_t Len(std::string_view s, size_t i) { return i < s.size() ? DecodeAt(s, i).len : 0; }

std::string Capitalised(std::string_view s) {
  std::string lower = utf8::Lower(s);
  if (!lower.empty() && lower[0] >= 'a' && lower[0] <= 'z') lower[0] = char(lower[0] - 'a' + 'A');
  return lower;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

bool EndsWithIgnoreCase(std::string_view word, std::string_view suffix) {
  if (word.size() < suffix.size()) return false;
  for (size_t k = 0; k < suffix.size(); ++k) {
    char c = word[word.size() - suffix.size() + k];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != suffix[k]) return false;
  }
  return true;
}

}  // namespace

Tokenizer::Tokenizer(const Lexicon& lexicon) {
  for (const LexiconRow& row : lexicon.Rows("tokenize/abbreviations.tsv", 1)) {
    const std::string& f = row.fields[0];
    abbreviations_.insert(f);
    if (utf8::CountCodePoints(f) > 2) {
      abbreviations_.insert(utf8::Lower(f));
      abbreviations_.insert(Upper(f));
      abbreviations_.insert(Capitalised(f));
    }
    max_abbreviation_ = std::max(max_abbreviation_, f.size());
  }
  for (const LexiconRow& row : lexicon.Rows("tokenize/tlds.tsv", 1)) tlds_.insert(row.fields[0]);
  for (const LexiconRow& row : lexicon.Rows("tokenize/currency.tsv", 1)) currencies_.push_back(row.fields[0]);
  std::sort(currencies_.begin(), currencies_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const LexiconRow& row : lexicon.Rows("tokenize/clitics.tsv", 2))
    clitics_.push_back({row.fields[0], size_t(std::stoul(row.fields[1]))});
  std::sort(clitics_.begin(), clitics_.end(),
            [](const Clitic& a, const Clitic& b) { return a.form.size() > b.form.size(); });
  for (const std::string& w : lexicon.Words("tokenize/clitic_exceptions.tsv")) clitic_exceptions_.insert(w);
  for (const std::string& w : lexicon.Words("words.tsv")) words_.insert(w);
}

size_t Tokenizer::MatchAbbreviation(std::string_view s, size_t i) const {
  // Candidates end at a period within max_abbreviation_ bytes, before any space.
  size_t best = 0;
  size_t limit = std::min(s.size(), i + max_abbreviation_);
  for (size_t k = i; k < limit; ++k) {
    char c = s[k];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') break;
    if (c != '.') continue;
    size_t end = k + 1;
    char32_t next = At(s, end);
    // An abbreviation must end the word: "Kab." before "Kupang" yes, "No." before "5" yes,
    // but not "Rp." inside "Rp.9000"? yes too — the amount follows the currency.
    if (next != 0 && chars::IsLetter(next) && chars::IsLower(next)) continue;
    if (abbreviations_.count(std::string(s.substr(i, end - i)))) best = end - i;
  }
  return best;
}

bool Tokenizer::IsDomain(std::string_view s) const {
  // label(.label)+ with a known last label; labels alphanumeric or hyphen.
  size_t dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= s.size()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return false;
  if (s.find("..") != std::string_view::npos) return false;
  return tlds_.count(utf8::AsciiLower(s.substr(dot + 1))) > 0;
}

uint32_t Tokenizer::CliticSplit(std::string_view word) const {
  for (const Clitic& c : clitics_) {
    if (!EndsWithIgnoreCase(word, c.form)) continue;
    std::string_view stem = word.substr(0, word.size() - c.form.size());
    if (utf8::CountCodePoints(stem) < c.min_stem) return 0;
    char32_t last = utf8::DecodeAt(stem, utf8::PrevStart(stem, stem.size())).cp;
    if (!chars::IsLetter(last)) return 0;  // "ke-nya", "2nya"
    std::string lw = utf8::Lower(word);
    if (clitic_exceptions_.count(lw) || words_.count(lw)) return 0;
    std::string ls = utf8::Lower(stem);
    if (c.form == "nya") return uint32_t(stem.size());
    // -ku, -mu, -lah, -kah, -pun: only when the stem is a known word ("bukuku", "ataupun").
    return words_.count(ls) ? uint32_t(stem.size()) : 0;
  }
  return 0;
}

void Tokenizer::Run(Document& doc) const {
  doc.tokens.clear();
  std::string_view s = doc.norm;
  size_t i = 0;
  while (i < s.size()) {
    // Skip whitespace (and control characters), noting line breaks for the token before.
    size_t j = i;
    bool line_break = false;
    while (j < s.size()) {
      auto cp = DecodeAt(s, j);
      if (!(chars::IsSpace(cp.cp) || chars::IsControl(cp.cp))) break;
      line_break |= chars::IsBreak(cp.cp);
      j += cp.len;
    }
    if (j > i && !doc.tokens.empty()) {
      doc.tokens.back().space_after = true;
      doc.tokens.back().line_break_after |= line_break;
    }
    if (j >= s.size()) break;
    size_t k = j;
    while (k < s.size()) {
      auto cp = DecodeAt(s, k);
      if (chars::IsSpace(cp.cp) || chars::IsControl(cp.cp)) break;
      k += cp.len;
    }
    TokenizeChunk(doc, uint32_t(j), uint32_t(k));
    if (doc.tokens.size() > kMaxTokens) {
      doc.Warn("limit-tokens", "more than " + std::to_string(kMaxTokens) +
                                   " tokens: the rest of the text was not tokenised");
      break;
    }
    i = k;
  }
  if (!doc.tokens.empty()) doc.tokens.back().space_after = true;
}

void Tokenizer::TokenizeChunk(Document& doc, uint32_t start, uint32_t end) const {
  std::string_view s(doc.norm.data(), end);  // the chunk ends at `end`
  auto emit = [&](size_t a, size_t b, TokenKind kind, uint32_t clitic_norm = 0) {
    Token t;
    t.norm_start = uint32_t(a);
    t.norm_end = uint32_t(b);
    t.span = doc.NormToOrig(t.norm_start, t.norm_end);
    if (t.span.empty()) return;  // wholly inside a normalised sequence: nothing of its own to show
    t.kind = kind;
    t.space_after = false;
    if (clitic_norm) {
      uint32_t c = doc.norm_map.OrigStart(clitic_norm);
      if (c > t.span.start && c < t.span.end) t.clitic = c;
    }
    doc.tokens.push_back(t);
  };
  // Trailing characters that close a URL or e-mail rather than belong to it.
  auto trim_tail = [&](size_t a, size_t b) {
    while (b > a && std::string_view(".,;:!?)\"'").find(s[b - 1]) != std::string_view::npos) {
      if (s[b - 1] == ')' && s.substr(a, b - a).find('(') != std::string_view::npos) break;
      --b;
    }
    return b;
  };

  size_t p = start;
  while (p < end) {
    char32_t c = At(s, p);
    size_t clen = Len(s, p);

    // URLs and e-mail addresses run to the end of the chunk, less closing punctuation.
    std::string_view rest = s.substr(p);
    if (rest.rfind("http://", 0) == 0 || rest.rfind("https://", 0) == 0 || rest.rfind("www.", 0) == 0) {
      size_t b = trim_tail(p, end);
      emit(p, b, TokenKind::kUrl);
      p = b;
      continue;
    }
    if (chars::IsAlnum(c)) {
      size_t at = rest.find('@');
      if (at != std::string_view::npos && at > 0 && rest.substr(0, at).find_first_of("()\"'") == std::string_view::npos) {
        size_t b = trim_tail(p, end);
        std::string_view cand = s.substr(p, b - p);
        size_t at2 = cand.find('@');
        if (at2 != std::string_view::npos && cand.find('.', at2) != std::string_view::npos &&
            cand.find_first_of("()\"',;") == std::string_view::npos) {
          emit(p, b, TokenKind::kEmail);
          p = b;
          continue;
        }
      }
    }
    if ((c == '#' || c == '@') && p + 1 < end && (chars::IsAlnum(At(s, p + 1)) || At(s, p + 1) == '_')) {
      size_t q = p + 1;
      while (q < end) {
        char32_t d = At(s, q);
        bool inner_dot = c == '@' && d == '.' && q + 1 < end && chars::IsAlnum(At(s, q + 1));
        if (!(chars::IsAlnum(d) || d == '_' || inner_dot)) break;
        q += Len(s, q);
      }
      emit(p, q, c == '#' ? TokenKind::kHashtag : TokenKind::kMention);
      p = q;
      continue;
    }

    if (chars::IsAlnum(c)) {
      // A currency prefix before an amount: "Rp9.000" → "Rp" "9.000".
      bool split_currency = false;
      for (const std::string& cur : currencies_) {
        if (rest.rfind(cur, 0) == 0 && cur.size() < rest.size() && chars::IsDigit(At(s, p + cur.size()))) {
          emit(p, p + cur.size(), TokenKind::kWord);
          p += cur.size();
          split_currency = true;
          break;
        }
      }
      if (split_currency) continue;
      // Known abbreviations, titles and degrees with their periods.
      if (chars::IsLetter(c)) {
        if (size_t n = MatchAbbreviation(s, p)) {
          emit(p, p + n, TokenKind::kAbbrev);
          p += n;
          continue;
        }
        // An initial: one capital and a period, before a space, the end or another capital
        // ("M.Samsul" → "M." "Samsul", "A. Yani").
        if (chars::IsUpper(c) && At(s, p + clen) == '.') {
          char32_t after = At(s, p + clen + 1);
          if (p + clen + 1 >= end || chars::IsUpper(after)) {
            if (p + clen + 1 >= end || !chars::IsUpper(At(s, p + clen + 1 + Len(s, p + clen + 1))) ||
                At(s, p + clen + 1 + Len(s, p + clen + 1)) != '.') {
              emit(p, p + clen + 1, TokenKind::kInitial);
              p += clen + 1;
              continue;
            }
          }
        }
      }
      // A word or number: alphanumeric runs joined by connectors that stand between them.
      size_t q = p;
      bool has_letter = false;
      while (q < end) {
        char32_t d = At(s, q);
        if (chars::IsAlnum(d)) {
          has_letter |= chars::IsLetter(d);
          q += Len(s, q);
          continue;
        }
        if (q + 1 >= end) break;
        char32_t prev = At(s, utf8::PrevStart(s, q));
        char32_t next = At(s, q + 1);
        bool joins = false;
        if (d == '-') joins = chars::IsAlnum(next);                                    // kata-kata, ke-3, 27-10-2025
        else if (d == '.' || d == ',') joins = chars::IsDigit(prev) && chars::IsDigit(next);  // 1.250.000 3,5 10.00
        else if (d == '/' || d == ':') joins = chars::IsDigit(prev) && chars::IsDigit(next);  // 27/10 09:30
        else if (d == '\'') joins = chars::IsLetter(prev) && chars::IsLetter(next);        // Jum'at
        if (!joins) break;
        q += 1;
      }
      std::string_view word = s.substr(p, q - p);
      if (has_letter) {
        // A domain: "ntt.kpu.go.id", "KOMPAS.com".
        if (At(s, q) == '.') {
          size_t r = q;
          while (r < end && (std::isalnum(static_cast<unsigned char>(s[r])) || s[r] == '.' || s[r] == '-')) ++r;
          while (r > q && (s[r - 1] == '.' || s[r - 1] == '-')) --r;
          if (r > q + 1 && IsDomain(s.substr(p, r - p))) {
            emit(p, r, TokenKind::kUrl);
            p = r;
            continue;
          }
        }
        uint32_t stem = CliticSplit(word);
        emit(p, q, TokenKind::kWord, stem ? uint32_t(p + stem) : 0);
      } else {
        emit(p, q, TokenKind::kNumber);
      }
      p = q;
      continue;
    }

    // Punctuation: runs of periods ("..."), hyphens ("--"), ?/! ("?!") are one token.
    if (c == '.' || c == '-' || c == '?' || c == '!') {
      size_t q = p + 1;
      if (c == '.' || c == '-') {
        while (q < end && s[q] == char(c)) ++q;
      } else {
        while (q < end && (s[q] == '?' || s[q] == '!')) ++q;
      }
      emit(p, q, TokenKind::kPunct);
      p = q;
      continue;
    }
    emit(p, p + clen, chars::IsPunct(c) ? TokenKind::kPunct : TokenKind::kSymbol);
    p += clen;
  }
}

}  // namespace warta
