#include "index/fts_query.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

#include "text/utf8.h"

namespace warta {
namespace {

// Whether FTS5's unicode61 tokenizer (default categories "L* N* Co") finds a token in s: a
// string without one is a phrase of no tokens, which matches nothing, so a stray `–` would
// empty every AND it is part of.
bool HasTokenChar(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    utf8::CodePoint cp = utf8::DecodeAt(s, i);
    i += cp.len;
    if (cp.cp < 0x80) {
      const char c = char(cp.cp);
      if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
      continue;
    }
    if (U_GET_GC_MASK(UChar32(cp.cp)) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) return true;
  }
  return false;
}

enum class Kind { kWord, kPhrase, kOpen, kClose, kAnd, kOr, kNot, kNear, kColumn };

struct Token {
  Kind kind;
  std::string text;     // kWord, kPhrase: the text; kNear: the group's inside
  bool prefix = false;  // kWord, kPhrase: ends in *
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }  // Clean() made every control a space
bool Ends(char c) { return IsSpace(c) || c == '"' || c == '(' || c == ')'; }

// Whether a word starts with the column filter "title:" (any case, as FTS5 column names).
bool IsTitlePrefix(std::string_view w) {
  static constexpr std::string_view kTitle = "title:";
  if (w.size() < kTitle.size()) return false;
  for (size_t i = 0; i < kTitle.size(); ++i)
    if (char(w[i] | (i < 5 ? 0x20 : 0)) != kTitle[i]) return false;
  return true;
}

// Splits the (valid UTF-8) text into words, phrases, brackets and operators.
std::vector<Token> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (IsSpace(c)) {
      ++i;
    } else if (c == '(') {
      out.push_back({Kind::kOpen, ""});
      ++i;
    } else if (c == ')') {
      out.push_back({Kind::kClose, ""});
      ++i;
    } else if (c == '"') {
      size_t end = s.find('"', i + 1);
      if (end == std::string_view::npos) end = n;
      Token t{Kind::kPhrase, std::string(s.substr(i + 1, end - i - 1))};
      i = end < n ? end + 1 : n;
      // "tata kel*" and "tata kel"* both ask for a prefix.
      while (!t.text.empty() && (t.text.back() == '*' || IsSpace(t.text.back()))) {
        t.prefix |= t.text.back() == '*';
        t.text.pop_back();
      }
      while (i < n && s[i] == '*') t.prefix = true, ++i;
      out.push_back(std::move(t));
    } else {
      size_t end = i;
      while (end < n && !Ends(s[end])) ++end;
      std::string word(s.substr(i, end - i));
      i = end;
      if (word == "AND") {
        out.push_back({Kind::kAnd, ""});
      } else if (word == "OR") {
        out.push_back({Kind::kOr, ""});
      } else if (word == "NOT") {
        out.push_back({Kind::kNot, ""});
      } else if (word == "NEAR" && i < n && s[i] == '(') {
        size_t close = s.find(')', i + 1);
        if (close == std::string_view::npos) close = n;
        out.push_back({Kind::kNear, std::string(s.substr(i + 1, close - i - 1))});
        i = close < n ? close + 1 : n;
      } else if (IsTitlePrefix(word)) {
        out.push_back({Kind::kColumn, ""});
        while (IsTitlePrefix(word)) word.erase(0, 6);
        if (!word.empty()) {
          Token t{Kind::kWord, std::move(word)};
          while (!t.text.empty() && t.text.back() == '*') t.prefix = true, t.text.pop_back();
          out.push_back(std::move(t));
        }
      } else {
        Token t{Kind::kWord, std::move(word)};
        while (!t.text.empty() && t.text.back() == '*') t.prefix = true, t.text.pop_back();
        out.push_back(std::move(t));
      }
    }
  }
  return out;
}

// An FTS5 string literal: the text in double quotes (it never holds one: the lexer splits
// on them), then * for a prefix.
std::string Quote(const std::string& text, bool prefix) { return "\"" + text + "\"" + (prefix ? "*" : ""); }

// A parsed expression, already written as FTS5 text: the parser builds strings bottom-up.
struct Expr {
  std::string fts;        // empty: nothing (ignored)
  bool negative = false;  // an AND-group of only NOT terms: `fts` is what to exclude
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  FtsQuery Parse() {
    // Top level: groups separated by stray closing brackets, ANDed.
    std::vector<std::string> pos, neg;
    while (i_ < t_.size()) {
      Expr e = Or(0);
      if (!e.fts.empty()) (e.negative ? neg : pos).push_back(e.fts);
      if (i_ < t_.size() && t_[i_].kind == Kind::kClose) ++i_;
    }
    FtsQuery q;
    q.truncated = truncated_;
    if (!pos.empty()) {
      q.match = Join(pos, " AND ");
      if (!neg.empty()) q.match = "(" + q.match + ") NOT (" + Join(neg, " OR ") + ")";
    } else if (!neg.empty()) {
      q.match = Join(neg, " OR ");
      q.negated = true;
    }
    return q;
  }

 private:
  static std::string Join(const std::vector<std::string>& v, const char* op) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : op) + x;
    return v.size() > 1 ? "(" + s + ")" : s;
  }
  bool At(Kind k) const { return i_ < t_.size() && t_[i_].kind == k; }

  // or := and (OR and)*
  Expr Or(int depth) {
    std::vector<Expr> parts;
    parts.push_back(And(depth));
    while (At(Kind::kOr)) {
      ++i_;
      parts.push_back(And(depth));
    }
    std::vector<std::string> alts;
    for (const Expr& e : parts)
      if (!e.fts.empty() && !e.negative) alts.push_back(e.fts);
    // A lone operand passes through (a NOT-only group stays negative for the level above).
    size_t nonempty = 0;
    const Expr* only = nullptr;
    for (const Expr& e : parts)
      if (!e.fts.empty()) ++nonempty, only = &e;
    if (nonempty == 1) return *only;
    return {Join(alts, " OR "), false};
  }

  // and := unit ((AND)? unit)* — NOT terms are collected and subtracted at the end.
  Expr And(int depth) {
    std::vector<std::string> pos, neg;
    while (i_ < t_.size() && !At(Kind::kOr) && !At(Kind::kClose)) {
      if (At(Kind::kAnd)) {
        ++i_;
        continue;
      }
      bool negate = false;
      while (At(Kind::kNot)) negate = !negate, ++i_;
      if (i_ >= t_.size() || At(Kind::kOr) || At(Kind::kClose) || At(Kind::kAnd)) break;
      Expr e = Unit(depth);
      if (e.fts.empty()) continue;
      if (e.negative) negate = !negate;
      (negate ? neg : pos).push_back(e.fts);
    }
    if (pos.empty()) return {Join(neg, " OR "), !neg.empty()};
    std::string p = Join(pos, " AND ");
    if (neg.empty()) return {p, false};
    return {"(" + p + " NOT " + Join(neg, " OR ") + ")", false};
  }

  // unit := ( or ) | NEAR(…) | title: unit | word | "phrase"
  Expr Unit(int depth) {
    const Token& t = t_[i_++];
    switch (t.kind) {
      case Kind::kWord:
      case Kind::kPhrase:
        return {Term(t.text, t.prefix), false};
      case Kind::kNear:
        return {Near(t.text), false};
      case Kind::kColumn: {
        while (At(Kind::kColumn)) ++i_;  // title:title:x is title:x (and no deep recursion)
        if (i_ >= t_.size() || At(Kind::kOr) || At(Kind::kClose) || At(Kind::kAnd) || At(Kind::kNot)) return {};
        Expr e = Unit(depth);
        if (e.fts.empty()) return e;
        return {"title : " + (e.fts[0] == '(' || e.fts[0] == '"' || e.fts.rfind("NEAR(", 0) == 0 ? e.fts : "(" + e.fts + ")"),
                e.negative};
      }
      case Kind::kOpen: {
        // Past kMaxDepth a bracket is ignored: its contents join the level it is in.
        if (depth >= kMaxDepth) return {};
        Expr e = Or(depth + 1);
        if (At(Kind::kClose)) ++i_;
        return e;
      }
      default:
        return {};
    }
  }

  std::string Term(const std::string& text, bool prefix) {
    if (!HasTokenChar(text)) return "";
    if (terms_ >= kMaxTerms) {
      truncated_ = true;
      return "";
    }
    ++terms_;
    return Quote(text, prefix);
  }

  // NEAR(a "b c" d, 5): phrases and an optional distance after the last comma.
  std::string Near(std::string inside) {
    std::string distance;
    size_t comma = inside.rfind(',');
    if (comma != std::string::npos) {
      std::string tail = inside.substr(comma + 1);
      size_t b = tail.find_first_not_of(" \t"), e = tail.find_last_not_of(" \t");
      std::string d = b == std::string::npos ? "" : tail.substr(b, e - b + 1);
      bool digits = !d.empty() && d.size() <= 6 && d.find_first_not_of("0123456789") == std::string::npos;
      if (digits) distance = std::to_string(std::stoi(d));
      if (digits || d.empty()) inside.erase(comma);
    }
    std::vector<std::string> phrases;
    for (const Token& t : Lex(inside)) {
      if (t.kind != Kind::kWord && t.kind != Kind::kPhrase) continue;  // operators inside NEAR mean nothing
      std::string term = Term(t.text, t.prefix);
      if (!term.empty()) phrases.push_back(term);
    }
    if (phrases.empty()) return "";
    if (phrases.size() == 1) return phrases[0];
    std::string s = "NEAR(";
    for (size_t k = 0; k < phrases.size(); ++k) s += (k ? " " : "") + phrases[k];
    return s + (distance.empty() ? "" : ", " + distance) + ")";
  }

  std::vector<Token> t_;
  size_t i_ = 0;
  int terms_ = 0;
  bool truncated_ = false;
};

// The text as valid UTF-8 without control characters: invalid bytes become U+FFFD (no token
// character, so a separator), controls (NUL, which would end FTS5's reading of a string,
// included) become spaces.
std::string Clean(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= (c & 0x80) == 0;
  std::string out;
  if (ascii)
    out = text;
  else
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size()))).toUTF8String(out);
  for (char& c : out)
    if ((unsigned char)c < 0x20 || c == 0x7F) c = ' ';
  return out;
}

}  // namespace

FtsQuery TranslateQuery(std::string_view text) {
  return Parser(Lex(Clean(text))).Parse();
}

}  // namespace warta
