// What the entity stages read of a document's tokens, written once for all of them.
//   "Kab. Kupang , M. Samsul"
//     Wordish: "Kab." "Kupang" "Samsul" (a word or an abbreviation: where a name may start)
//     IsWordKind: the same and the initial "M."
//     NormOf(doc, tok): the token's norm form, as doc.Norm(tok) without its bounds check
//     TokensByFirstByte(doc, capitals, out): the tokens whose norm form starts with a byte of a
//       table ("Kab." "Kupang" "M." "Samsul" for the capitals A-Z)
//     FillSentenceEnds: each token's sentence end
// The character tests of a token's text (chars::StartsUpper, utf8::AsciiLower, utf8::LowerInto)
// are in text/; the key of a token's word for the lexicon tables is Document::TokenKey.
// Reads: doc.tokens, doc.norm, doc.sentences. Writes nothing of the document.
#ifndef WARTA_STAGES_TOKENS_H_
#define WARTA_STAGES_TOKENS_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "document.h"

namespace warta {

// A word or an abbreviation ("Kupang", "Kab."): the tokens a name or a cue may start with.
inline bool Wordish(const Token& t) { return t.kind == TokenKind::kWord || t.kind == TokenKind::kAbbrev; }

// A word, an initial or an abbreviation ("Kupang", "M.", "Kab."): the tokens a name is made of.
inline bool IsWordKind(TokenKind k) {
  constexpr unsigned kWords = 1u << unsigned(TokenKind::kWord) | 1u << unsigned(TokenKind::kInitial) |
                              1u << unsigned(TokenKind::kAbbrev);
  return (kWords >> unsigned(k)) & 1;  // (one test, not three)
}

// doc.Norm(t) without the bounds check of string_view::substr: the tokenizer's norm offsets
// always lie inside doc.norm, and the stages read this several times for every token.
inline std::string_view NormOf(const Document& doc, const Token& t) {
  return std::string_view(doc.norm.data() + t.norm_start, t.norm_end - t.norm_start);
}

// Writes to out, in order, every token whose norm form's first byte b has first_byte[b], and
// returns how many it wrote; out has room for doc.tokens.size(). An empty token reads the byte
// after it (at worst the '\0' that ends doc.norm). The stages take their few possible starts
// of a name this way: with no branch per token (which token opens a name is anyone's guess,
// and a mispredicted branch costs more than this whole step), and two tokens a round (half
// the loop's own instructions, on a loop every token of every document goes through).
inline uint32_t TokensByFirstByte(const Document& doc, const std::array<bool, 256>& first_byte, uint32_t* out) {
  // Plain pointers: a store through a uint32_t* may alias anything reachable from a vector,
  // which the compiler would then reload at each token.
  const Token* tk = doc.tokens.data();
  const char* norm = doc.norm.c_str();
  const uint32_t n = uint32_t(doc.tokens.size());
  uint32_t count = 0, i = 0;
  for (; i + 2 <= n; i += 2) {
    out[count] = i;
    count += first_byte[static_cast<unsigned char>(norm[tk[i].norm_start])];
    out[count] = i + 1;
    count += first_byte[static_cast<unsigned char>(norm[tk[i + 1].norm_start])];
  }
  if (i < n) {
    out[count] = i;
    count += first_byte[static_cast<unsigned char>(norm[tk[i].norm_start])];
  }
  return count;
}

// out[t] = the end token of token t's sentence (of the last sentence of `sentences` covering
// t, clipped to n tokens), or n for a token in no sentence; out has n entries afterwards.
// One pass over the tokens where the sentences come in order without overlap (as the segmenter
// makes them), rather than a fill of n followed by a fill per sentence: the places and
// organizations stages do this for every document.
inline void FillSentenceEnds(const std::vector<Sentence>& sentences, uint32_t n, std::vector<uint32_t>& out) {
  out.resize(n);
  uint32_t* o = out.data();
  uint32_t t = 0;  // out[0, t) is written
  for (const Sentence& s : sentences) {
    uint32_t first = s.first_token, e = std::min(s.end_token, n);
    if (first >= e) continue;
    if (first < t) {  // out of order or overlapping: the general way, later sentences winning
      std::fill(o, o + n, n);
      for (const Sentence& x : sentences)
        if (x.first_token < std::min(x.end_token, n)) std::fill(o + x.first_token, o + std::min(x.end_token, n), x.end_token);
      return;
    }
    std::fill(o + t, o + first, n);
    std::fill(o + first, o + e, s.end_token);
    t = e;
  }
  std::fill(o + t, o + n, n);
}

}  // namespace warta

#endif  // WARTA_STAGES_TOKENS_H_
