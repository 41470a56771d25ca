#include "stages/segment.h"

#include "text/chars.h"
#include "text/utf8.h"

namespace warta {
namespace {

bool IsTerminal(std::string_view t) {
  if (t.empty()) return false;
  char c = t[0];
  return c == '.' || c == '!' || c == '?';
}

bool IsClosingBracket(std::string_view t) { return t == ")" || t == "]" || t == "}"; }
bool IsOpeningBracket(std::string_view t) { return t == "(" || t == "[" || t == "{"; }

enum class QuoteDir { kNone, kOpen, kClose, kEither };

// Whether token k is a quote mark, and which way it faces. Curly, guillemet and doubled
// quotes say it themselves; a straight quote closes when written against the word or mark
// before it and followed by a space or punctuation, opens in the mirror case.
// The direction a quote mark's own character gives: kEither for the straight " and ',
// kNone for anything that is no quote mark.
QuoteDir WrittenDirection(std::string_view orig) {
  if (orig == "\xE2\x80\x9C" || orig == "\xE2\x80\x98" || orig == "\xC2\xAB" || orig == "`" || orig == "``" ||
      orig == "\xE2\x80\x9E")
    return QuoteDir::kOpen;
  if (orig == "\xE2\x80\x9D" || orig == "\xE2\x80\x99" || orig == "\xC2\xBB" || orig == "''")
    return QuoteDir::kClose;
  return orig == "\"" || orig == "'" ? QuoteDir::kEither : QuoteDir::kNone;
}

QuoteDir QuoteAt(const Document& doc, uint32_t k) {
  const Token& t = doc.tokens[k];
  if (t.kind != TokenKind::kPunct) return QuoteDir::kNone;
  QuoteDir written = WrittenDirection(doc.Original(t.span));
  if (written != QuoteDir::kEither) return written;
  bool space_before = k == 0 || doc.tokens[k - 1].space_after;
  bool last = k + 1 >= doc.tokens.size();
  // Punctuation after it, other than an opening mark, says the straight quote closes.
  const Token* next = last ? nullptr : &doc.tokens[k + 1];
  bool punct_after = next && next->kind == TokenKind::kPunct &&
                     WrittenDirection(doc.Original(next->span)) != QuoteDir::kOpen &&
                     !IsOpeningBracket(doc.Norm(*next));
  if (!space_before && (t.space_after || last || punct_after)) return QuoteDir::kClose;
  if (space_before && !t.space_after && !last) return QuoteDir::kOpen;
  return QuoteDir::kEither;
}

// Whether token k can begin a sentence: a capitalised word, a number, a symbol, an opening
// bracket, quote or dash (a straight quote opens only outside a quotation: in_quote).
inline bool CanBegin(const Document& doc, uint32_t k, bool in_quote) {  // (inline: as the lambda it was)
  const Token& t = doc.tokens[k];
  std::string_view form = doc.Norm(t);
  switch (t.kind) {
    case TokenKind::kPunct: {
      if (IsOpeningBracket(form) || form[0] == '-') return true;
      QuoteDir q = QuoteAt(doc, k);
      return q == QuoteDir::kOpen || (q == QuoteDir::kEither && !in_quote);
    }
    case TokenKind::kSymbol:
    case TokenKind::kNumber:
    case TokenKind::kHashtag:
    case TokenKind::kMention:
      return true;
    default: {
      char32_t c = utf8::DecodeAt(form, 0).cp;
      return chars::IsUpper(c) || chars::IsDigit(c) || !chars::IsLetter(c);
    }
  }
}

// Bytes of the line that ends at byte `end` of text (from the previous line break).
size_t LineLength(std::string_view text, uint32_t end) {
  size_t nl = text.find_last_of("\n\r", end == 0 ? 0 : end - 1);
  return nl == std::string_view::npos || nl >= end ? end : end - nl - 1;
}

// Whether text[a, b) holds exactly one line break (CR LF counts once) and nothing but spaces.
bool OneLineBreak(std::string_view text, uint32_t a, uint32_t b) {
  int breaks = 0;
  for (uint32_t k = a; k < b; ++k) {
    char c = text[k];
    if (c == '\r' && k + 1 < b && text[k + 1] == '\n') continue;
    if (c == '\n' || c == '\r') {
      if (++breaks > 1) return false;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return breaks == 1;
}

}  // namespace

SentenceSplitter::SentenceSplitter(const Lexicon& lexicon, StageSettings settings)
    : fast_paths_(settings.fast_paths) {
  for (const LexiconRow& row : lexicon.Rows("tokenize/abbreviations.tsv", 2)) {
    const std::string& cls = row.fields[1];
    std::string upper = row.fields[0];
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    // The tokeniser derives the same case variants (lower, UPPER, Capitalised).
    std::string lower = utf8::AsciiLower(row.fields[0]);
    std::string capital = lower;
    if (!capital.empty() && capital[0] >= 'a' && capital[0] <= 'z') capital[0] = char(capital[0] - 'a' + 'A');
    if (cls == "degree") {
      degrees_.insert(row.fields[0]);
      degrees_.insert(upper);
    } else {
      auto& set = cls == "closing" ? closing_ : inner_;
      for (const std::string& f : {row.fields[0], upper, lower, capital}) set.insert(f);
    }
  }
  for (const LexiconRow& row : lexicon.Rows("segment/openers.tsv", 1)) openers_.insert(row.fields[0]);
  for (const LexiconRow& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    if (row.fields[1] == "after") speech_after_.insert(row.fields[0]);
}

bool SentenceSplitter::IsOpener(std::string_view form) const {
  // Written capitalised: a capital, then no capital ("Sementara", not "SEMENTARA" or "Sementara-").
  if (form.empty() || form.size() > 16 || !(form[0] >= 'A' && form[0] <= 'Z')) return false;
  char lower[16];
  for (size_t k = 0; k < form.size(); ++k) {
    char c = form[k];
    if (k > 0 && !(c >= 'a' && c <= 'z')) return false;
    lower[k] = k == 0 ? utf8::AsciiLower(c) : c;
  }
  return openers_.count(std::string_view(lower, form.size())) > 0;
}

bool SentenceSplitter::QuotedSentenceAt(const Document& doc, uint32_t k) const {
  const auto& toks = doc.tokens;
  const uint32_t n = uint32_t(toks.size());
  if (k == 0 || k + 2 >= n || toks[k].space_after || !toks[k - 1].space_after) return false;
  // Double quotes only: single ones mostly mark terms and titles ('Ngoprek Bareng').
  std::string_view open = doc.Norm(toks[k]);
  if (open != "\"" && open != "``") return false;
  QuoteDir q = QuoteAt(doc, k);
  if (q != QuoteDir::kOpen && q != QuoteDir::kEither) return false;
  // After a word: "…, " and "…: " introduce the quotation inside their sentence.
  TokenKind before = toks[k - 1].kind;
  if (before != TokenKind::kWord && before != TokenKind::kNumber) return false;
  const Token& first_word = toks[k + 1];
  if (first_word.kind != TokenKind::kWord || !chars::IsUpper(utf8::DecodeAt(doc.Norm(first_word), 0).cp))
    return false;
  // The closing mark, then the speech verb: "…," kata Budi.
  const uint32_t limit = std::min<uint32_t>(n - 1, k + kMaxQuoteTokens);
  for (uint32_t j = k + 2; j < limit; ++j) {
    if (toks[j].kind != TokenKind::kPunct) continue;
    // A sentence ends inside: the quotation is not looked for past it.
    if (IsTerminal(doc.Norm(toks[j])) && (toks[j].space_after || QuoteAt(doc, j + 1) == QuoteDir::kNone)) return false;
    QuoteDir c = QuoteAt(doc, j);
    if (c == QuoteDir::kNone) continue;
    if (c == QuoteDir::kOpen || toks[j - 1].space_after) return false;  // another quotation opens
    std::string_view mark = doc.Norm(toks[j - 1]);
    if (mark != "," && mark != "?" && mark != "!") return false;
    const Token& verb = toks[j + 1];
    if (verb.kind != TokenKind::kWord) return false;
    // "katanya": the stem before the clitic.
    std::string_view v = verb.clitic ? doc.Original({verb.span.start, verb.clitic}) : doc.Norm(verb);
    return speech_after_.count(v) > 0;
  }
  return false;
}

bool SentenceSplitter::SoftBreak(const Document& doc, size_t para, uint32_t k) const {
  const auto& toks = doc.tokens;
  const Span p = doc.paragraphs[para];
  if (k == 0 || k >= toks.size() || !OneLineBreak(doc.text, p.end, toks[k].span.start)) return false;
  // Only a long line is taken for a wrapped one: short lines are items of their own
  // ("Jadwal:\npukul 08.00 registrasi\npukul 09.00 pembukaan", "Budi S.\nAni R.").
  if (LineLength(doc.text, p.end) < kLongLine) return false;
  const Token& next = toks[k];
  std::string_view form = doc.Norm(next);
  // "… yang dikelola Badan Layanan Umum (BLU)\nyang mengelola …": a line that opens in lower
  // case continues a sentence, unless it is a list item ("a. …", "b) …").
  if (next.kind == TokenKind::kWord && chars::IsLower(utf8::DecodeAt(form, 0).cp) && !chars::HasUpper(form)) {
    bool roman = form.find_first_not_of("ivx") == std::string_view::npos;
    bool marker = (form.size() == 1 || roman) && !next.space_after && k + 1 < toks.size() &&
                  (doc.Norm(toks[k + 1]) == "." || doc.Norm(toks[k + 1]) == ")");
    return !marker;
  }
  // "… Deputi Gubernur Miranda S.\nGoeltom …": a line that ends in an initial or a title.
  const Token& last = toks[k - 1];
  return last.kind == TokenKind::kInitial || (last.kind == TokenKind::kAbbrev && inner_.count(doc.Norm(last)));
}

void SentenceSplitter::Run(Document& doc) const {
  doc.sentences.clear();
  const auto& toks = doc.tokens;
  if (toks.empty()) return;
  size_t para = 0;
  uint32_t first = 0;
  bool in_quote = false;  // inside a straight-quoted passage, when the spacing cannot tell
  auto close = [&](uint32_t end_token) {
    if (end_token <= first) return;
    Sentence s;
    s.first_token = first;
    s.end_token = end_token;
    s.span = {toks[first].span.start, toks[end_token - 1].span.end};
    doc.sentences.push_back(s);
    first = end_token;
  };
  auto begins = [&](uint32_t k) { return CanBegin(doc, k, in_quote); };
  const uint32_t n = uint32_t(toks.size());
  for (uint32_t i = 0; i < n; ++i) {
    // Most tokens are words, numbers and the like inside the paragraph: nothing below acts on
    // them, so they are passed over in a tight loop (this stage reads every token). The plain
    // path takes every token through the tests below.
    if (fast_paths_) {
      const uint32_t para_end = para < doc.paragraphs.size() ? doc.paragraphs[para].end : UINT32_MAX;
      while (i < n && toks[i].span.start < para_end && toks[i].kind != TokenKind::kPunct &&
             toks[i].kind != TokenKind::kInitial && toks[i].kind != TokenKind::kAbbrev)
        ++i;
      if (i == n) break;
    }
    // A token past the current paragraph's end closes the sentence before it.
    while (para < doc.paragraphs.size() && toks[i].span.start >= doc.paragraphs[para].end) {
      if (!SoftBreak(doc, para, i)) {
        close(i);
        in_quote = false;
      }
      ++para;
    }
    const Token& t = toks[i];
    std::string_view form = doc.Norm(t);
    if (t.kind == TokenKind::kPunct && i > first && (form == "\"" || form == "``") && QuotedSentenceAt(doc, i)) {
      close(i);
      in_quote = false;
    }
    bool terminal = false;
    bool glue_only = false;  // ends a sentence only at a comma joint (below)
    if (t.kind == TokenKind::kPunct) {
      QuoteDir q = QuoteAt(doc, i);
      if (q == QuoteDir::kOpen)
        in_quote = true;
      else if (q == QuoteDir::kClose)
        in_quote = false;
      else if (q == QuoteDir::kEither)
        in_quote = !in_quote;
      terminal = IsTerminal(form);
      // "1. Pembukaan": the period of a list number that opens the sentence ends nothing.
      if (terminal && form == "." && i == first + 1 && toks[first].kind == TokenKind::kNumber &&
          !toks[first].space_after)
        terminal = false;
      // "senapan kaliber .50": a period written against the number after it, not the word before.
      if (terminal && !t.space_after && i > 0 && toks[i - 1].space_after && form == "." && i + 1 < n &&
          toks[i + 1].kind == TokenKind::kNumber)
        terminal = false;
    } else if ((t.kind == TokenKind::kInitial || t.kind == TokenKind::kAbbrev) && i + 1 < n) {
      if (t.kind == TokenKind::kInitial) {
        // "… lolos dari Grup G. Sementara itu, …": a name never goes on with "Sementara".
        // Else the period may still end a paragraph before a comma joint (below): "…
        // berinisial J.,Saat ini …".
        terminal = true;
        glue_only = !IsOpener(doc.Norm(toks[i + 1]));
      } else if (degrees_.count(form)) {
        // "… oleh Kadis, dr. Ani, M.Kes. Ia menjelaskan …": a degree keeps its period and may
        // still end the sentence, before a capitalised word, or before a comma joint as a
        // closing abbreviation may ("…, S.H.,Sesudah itu …", "… Tbk.,Direktur …").
        const Token& next = toks[i + 1];
        terminal = true;
        glue_only = !(next.kind == TokenKind::kWord && chars::IsUpper(utf8::DecodeAt(doc.Norm(next), 0).cp));
      } else {
        terminal = glue_only = closing_.count(form) > 0;
      }
    }
    if (!terminal) continue;
    const bool quote_before = in_quote;
    // Closing quotes and brackets right after the mark belong to this sentence.
    uint32_t end = i + 1;
    while (end < n) {
      std::string_view f = doc.Norm(toks[end]);
      QuoteDir q = QuoteAt(doc, end);
      if (IsClosingBracket(f) || q == QuoteDir::kClose || (q == QuoteDir::kEither && in_quote)) {
        if (q != QuoteDir::kNone) in_quote = false;
        ++end;
        continue;
      }
      break;
    }
    // Scraped news glues paragraphs with a comma ("… Kepulauan Riau.,Penangkapan …", "Riau. ,
    // Warga …", as in CLICK-ID): commas right after the mark go with the sentence it ends.
    uint32_t glued = end;
    bool joint = false;
    while (glued < n && doc.Norm(toks[glued]) == ",") ++glued;
    if (glued > end && glued < n && toks[glued].kind != TokenKind::kNumber) {
      // A straight quote written against a capitalised word after the joint opens a quotation,
      // whatever the quotes of the paragraph before left unpaired.
      bool opens_quote = QuoteAt(doc, glued) == QuoteDir::kEither && !toks[glued].space_after &&
                         glued + 1 < n && toks[glued + 1].kind == TokenKind::kWord &&
                         chars::IsUpper(utf8::DecodeAt(doc.Norm(toks[glued + 1]), 0).cp);
      // After an initial, abbreviation or degree only the scraped form counts: a comma written
      // against the word after it ("S.H.,Sesudah"); "S.H., Kepala Dinas" is an apposition.
      bool scraped = !toks[glued - 1].space_after && (opens_quote || toks[glued].kind == TokenKind::kWord);
      if ((opens_quote || begins(glued)) && (!glue_only || scraped)) {
        end = glued;
        joint = true;
        in_quote = false;
      }
    }
    if (glue_only && !joint) {
      in_quote = quote_before;
      continue;
    }
    if (end >= n) break;
    bool new_para = para < doc.paragraphs.size() && toks[end].span.start >= doc.paragraphs[para].end &&
                    !SoftBreak(doc, para, end);
    if (new_para || begins(end)) {
      close(end);
      i = end - 1;
    }
  }
  close(n);
}

}  // namespace warta
