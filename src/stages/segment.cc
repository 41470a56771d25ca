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

}  // namespace

SentenceSplitter::SentenceSplitter(const Lexicon& lexicon) {
  for (const LexiconRow& row : lexicon.Rows("tokenize/abbreviations.tsv", 2)) {
    if (row.fields[1] != "degree") continue;
    std::string upper = row.fields[0];
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    degrees_.insert(row.fields[0]);
    degrees_.insert(upper);
  }
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
  // Whether the token at k can begin a sentence.
  auto begins = [&](uint32_t k) {
    const Token& t = toks[k];
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
  };
  const uint32_t n = uint32_t(toks.size());
  for (uint32_t i = 0; i < n; ++i) {
    // A token past the current paragraph's end closes the sentence before it.
    while (para < doc.paragraphs.size() && toks[i].span.start >= doc.paragraphs[para].end) {
      close(i);
      ++para;
      in_quote = false;
    }
    const Token& t = toks[i];
    std::string_view form = doc.Norm(t);
    bool terminal = false;
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
    } else if (t.kind == TokenKind::kAbbrev && i + 1 < n && degrees_.count(std::string(form))) {
      // "… oleh Kadis, dr. Ani, M.Kes. Ia menjelaskan …": a degree keeps its period and may
      // still end the sentence, before a capitalised word.
      const Token& next = toks[i + 1];
      terminal = next.kind == TokenKind::kWord && chars::IsUpper(utf8::DecodeAt(doc.Norm(next), 0).cp);
    }
    if (!terminal) continue;
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
    if (end >= n) break;
    bool new_para = para < doc.paragraphs.size() && toks[end].span.start >= doc.paragraphs[para].end;
    if (new_para || begins(end)) {
      close(end);
      i = end - 1;
    }
  }
  close(n);
}

}  // namespace warta
