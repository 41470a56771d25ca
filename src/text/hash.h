// The one string hash of warta: 64-bit FNV-1a, and the transparent StringHash built on it.
//   hash::Fnv1a("kota kupang")                  the hash of the bytes as they are
//   hash::WordKey("Kupang") == Fnv1a("kupang")   a word's key: the hash of its lower case
//   Fold(Fold(Fold(kFnvBasis, "kota"), " "), "kupang") == Fnv1a("kota kupang")
// Fold() and Step() hash a phrase piece by piece as it is read, without building it; that is
// how the stages hash a run of tokens one token at a time. Every table keyed by a hash (text/
// hash_table.h, text/word_index.h, the gazetteer keys of stages/gazetteer.h, Document::TokenKey)
// uses this one function, so one hash of a word serves all of them.
// FNV-1a: Fowler, Noll and Vo, http://www.isthe.com/chongo/tech/comp/fnv/ (64-bit offset basis
// 14695981039346656037, prime 1099511628211). Its high bits take the last byte through a single
// multiplication: a table or filter takes its slot from Spread(h), not from h's bits directly.
// Units: bytes. No allocation, except FoldLower() on text beyond ASCII.
#ifndef WARTA_TEXT_HASH_H_
#define WARTA_TEXT_HASH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/utf8.h"

namespace warta::hash {

inline constexpr uint64_t kFnvBasis = 14695981039346656037ull;  // the hash of ""
inline constexpr uint64_t kFnvPrime = 1099511628211ull;

// Feeds one byte into a hash.
constexpr uint64_t Step(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// Feeds the bytes of s into a hash h: Fold(Fold(h, a), b) == Fold(h, a + b).
constexpr uint64_t Fold(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = Step(h, c);
  return h;
}

// The FNV-1a hash of s.
constexpr uint64_t Fnv1a(std::string_view s) { return Fold(kFnvBasis, s); }

// Feeds the lower case of s (utf8::Lower(s)) into h, allocating only for text beyond ASCII.
// FoldLower(h, s) == Fold(h, utf8::Lower(s)).
inline uint64_t FoldLower(uint64_t h, std::string_view s) {
  // One branch-free pass: this runs for every capitalised token of every document. The bytes
  // are OR-ed together on the way; a byte beyond ASCII among them (rare) means the hash is
  // redone from the original h over the Unicode lower case.
  static constexpr auto kLower = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(utf8::AsciiLower(char(c)));
    return t;
  }();
  uint64_t x = h;
  unsigned char seen = 0;
  for (unsigned char c : s) {
    seen |= c;
    x = Step(x, kLower[c]);
  }
  if (seen >= 0x80) return Fold(h, utf8::Lower(s));
  return x;
}

// The key of a word for the lexicon tables: the hash of its lower case. WordKey("Pemilu") ==
// WordKey("PEMILU") == Fnv1a("pemilu").
inline uint64_t WordKey(std::string_view word) { return FoldLower(kFnvBasis, word); }

// A hash with every bit mixed into the high ones (a multiplication by 2^64 / golden ratio):
// the slot of a table of 2^k slots is Spread(h) >> (64 - k), or k bits from the middle.
constexpr uint64_t Spread(uint64_t h) { return h * 0x9E3779B97F4A7C15ull; }

// Hashes std::string and std::string_view alike, so that a lookup in a StringMap or StringSet
// needs no temporary string. FNV-1a inline: the keys are words and short names, for which it
// costs less than std::hash's call.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return size_t(Fnv1a(s)); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace warta::hash

#endif  // WARTA_TEXT_HASH_H_
