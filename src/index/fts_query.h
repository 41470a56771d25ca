// What a person types into a search box, as an FTS5 expression that is never a syntax error.
//   TranslateQuery("bioskop-bioskop Ma'ruf")      → "bioskop-bioskop" AND "Ma'ruf"
//   TranslateQuery("\"tata kelola\" OR pemilu*")   → "tata kelola" OR "pemilu"*
//   TranslateQuery("NOT banjir")                   → "banjir", negated: documents without it
// Reads: the user's text (any bytes). Writes: nothing; a pure function, safe from any thread.
//
// The user syntax (a small, forgiving cousin of FTS5's):
//   word          anything between spaces, quotes and brackets: `F-16`, `Jakarta:`, `Ma'ruf`,
//                 `2024`, `bioskop-bioskop`. It is searched as the archive's tokenizer splits
//                 it (unicode61: letters and digits, case and diacritics ignored), so
//                 `bioskop-bioskop` is the phrase "bioskop bioskop" and `F-16` is "f 16" —
//                 what the text held. A word with no letter or digit (`–`, `...`) is ignored.
//   "a phrase"    the words next to each other; an unclosed quote runs to the end.
//   word*         prefix: `pemilu*`, `"tata kel"*` (or `"tata kel*"`): the last word's prefix.
//   a b, a AND b  both (AND may be left out).  a OR b: either.  a NOT b: a without b.
//   NOT a b       a leading NOT (an AND-group of only NOT terms, at the top): every
//                 document without them — FTS5 alone cannot say this, so it is `negated`.
//   ( … )         grouping; unbalanced brackets are closed at the end or ignored.
//   NEAR(a b, 5)  the words within 5 words of each other (default 10), as in FTS5.
//   title:word    only in the title: `title:Bakohumas`, `title:"rapat pleno"`, `title:( … )`.
// Operators are upper case (`or`, `and`, `not`, `near` are words); NOT binds tighter than
// AND, AND tighter than OR. An operator with nothing to join is ignored, so is a group that
// holds only NOT terms inside an OR or brackets (nothing to subtract from). At most
// kMaxTerms words are used (the rest are ignored, `truncated` says so) and brackets nest at
// most kMaxDepth deep (deeper ones are read as plain grouping of the level above).
#ifndef WARTA_INDEX_FTS_QUERY_H_
#define WARTA_INDEX_FTS_QUERY_H_

#include <string>
#include <string_view>

namespace warta {

struct FtsQuery {
  // An FTS5 MATCH expression over the archive's fts table, fully bracketed; empty when the
  // text held no searchable word.
  std::string match;
  // True when the query asked for the documents that do NOT match `match`.
  bool negated = false;
  // True when words beyond kMaxTerms were ignored.
  bool truncated = false;
  // True when the user's text held no searchable word (blank, or only punctuation):
  // `match` is empty. A caller decides: blank text → every document; punctuation → none.
  bool empty() const { return match.empty(); }
};

inline constexpr int kMaxTerms = 64;
inline constexpr int kMaxDepth = 16;

FtsQuery TranslateQuery(std::string_view text);

}  // namespace warta

#endif  // WARTA_INDEX_FTS_QUERY_H_
