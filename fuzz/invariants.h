// Invariants every fuzz target checks besides "no crash": spans inside the text, ordered,
// on code-point boundaries, reading their own text; records valid JSON of the contract.
// A broken invariant aborts (so libFuzzer saves the input as a crash).
#ifndef WARTA_FUZZ_INVARIANTS_H_
#define WARTA_FUZZ_INVARIANTS_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "document.h"
#include "input/decode.h"
#include "text/utf8.h"

namespace warta::fuzz {

[[noreturn]] inline void Fail(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "INVARIANT BROKEN: %s %s\n", what, detail.c_str());
  std::abort();
}

inline void Check(bool ok, const char* what, const std::string& detail = "") {
  if (!ok) Fail(what, detail);
}

inline bool ValidUtf8(std::string_view s) {
  std::string out;
  return RepairUtf8(s, out) == 0;
}

inline bool OnBoundary(std::string_view s, uint32_t i) {
  return i == s.size() || (i < s.size() && !utf8::IsContinuation(s[i]));
}

inline void CheckSpan(const Document& doc, const Span& s, const char* what) {
  Check(s.start <= s.end && s.end <= doc.text.size(), what, "span out of range");
  Check(OnBoundary(doc.text, s.start) && OnBoundary(doc.text, s.end), what, "span splits a code point");
}

// Tokens and sentences: in range, non-empty, in order, not overlapping; sentences tile the
// tokens in order.
inline void CheckTokens(const Document& doc) {
  Check(ValidUtf8(doc.text), "document text is valid UTF-8");
  Check(ValidUtf8(doc.norm), "norm is valid UTF-8");
  uint32_t prev_end = 0;
  for (const Token& t : doc.tokens) {
    CheckSpan(doc, t.span, "token");
    Check(!t.span.empty(), "token is not empty");
    Check(t.span.start >= prev_end, "tokens are ordered and disjoint");
    Check(t.clitic == 0 || (t.clitic > t.span.start && t.clitic < t.span.end), "clitic inside its token");
    prev_end = t.span.end;
  }
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    Check(s.first_token == next && s.end_token > s.first_token && s.end_token <= doc.tokens.size(),
          "sentences tile the tokens");
    next = s.end_token;
  }
  Check(doc.sentences.empty() || next == doc.tokens.size(), "sentences cover every token");
}

inline void CheckEntities(const Document& doc) {
  if (doc.dateline) CheckSpan(doc, doc.dateline->span, "dateline");
  for (const Person& p : doc.people) {
    Check(!p.mentions.empty(), "a person has a mention");
    for (const Span& s : p.mentions) CheckSpan(doc, s, "person mention");
    for (const Role& r : p.roles) CheckSpan(doc, r.span, "role");
  }
  for (const Organization& o : doc.organizations)
    for (const Span& s : o.mentions) CheckSpan(doc, s, "organization mention");
  for (const Place& p : doc.places)
    for (const Span& s : p.mentions) CheckSpan(doc, s, "place mention");
  for (const DateExpr& d : doc.dates) CheckSpan(doc, d.span, "date");
  for (const Quote& q : doc.quotes) CheckSpan(doc, q.span, "quote");
}

}  // namespace warta::fuzz

#endif  // WARTA_FUZZ_INVARIANTS_H_
