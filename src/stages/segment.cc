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

bool IsClosing(std::string_view t) { return t == "\"" || t == "'" || t == ")" || t == "]" || t == "}"; }

}  // namespace

SentenceSplitter::SentenceSplitter(const Lexicon&) {}

void SentenceSplitter::Run(Document& doc) const {
  doc.sentences.clear();
  const auto& toks = doc.tokens;
  if (toks.empty()) return;
  size_t para = 0;
  uint32_t first = 0;
  bool in_quote = false;  // inside a straight-quoted passage, by parity within the paragraph
  auto close = [&](uint32_t end_token) {
    if (end_token <= first) return;
    Sentence s;
    s.first_token = first;
    s.end_token = end_token;
    s.span = {toks[first].span.start, toks[end_token - 1].span.end};
    doc.sentences.push_back(s);
    first = end_token;
  };
  for (uint32_t i = 0; i < toks.size(); ++i) {
    // A token past the current paragraph's end closes the sentence before it.
    while (para < doc.paragraphs.size() && toks[i].span.start >= doc.paragraphs[para].end) {
      close(i);
      ++para;
      in_quote = false;
    }
    std::string_view t = doc.Norm(toks[i]);
    if (t == "\"") in_quote = !in_quote;
    if (!IsTerminal(t) || toks[i].kind != TokenKind::kPunct) continue;
    // Closing quotes and brackets right after the mark belong to this sentence.
    uint32_t end = i + 1;
    while (end < toks.size() && IsClosing(doc.Norm(toks[end])) &&
           (doc.Norm(toks[end]) != "\"" || in_quote)) {
      if (doc.Norm(toks[end]) == "\"") in_quote = false;
      ++end;
    }
    if (end >= toks.size()) break;
    // The next sentence must begin like one.
    std::string_view next = doc.Norm(toks[end]);
    char32_t c = utf8::DecodeAt(next, 0).cp;
    bool starts = chars::IsUpper(c) || chars::IsDigit(c) || next == "\"" || next == "(" || next == "'" ||
                  next == "-" || !chars::IsLetter(c);
    bool new_para = para < doc.paragraphs.size() && toks[end].span.start >= doc.paragraphs[para].end;
    if (starts || new_para) {
      close(end);
      i = end - 1;
    }
  }
  close(uint32_t(toks.size()));
}

}  // namespace warta
