// The one shape filter: a bit per (length, first byte, last byte) of the words of a set.
//   ShapeFilter f;  f.Add("ujar");
//   f.MayContain("ujar") → true;  f.MayContain("kata") → false (no word of 4 bytes k…a)
// Most words asked about a small set are not in it, and most of those have a shape no member
// has: one load and a shift say so, before any hashing or table probe. No false negatives.
// A byte counts by its low five bits (exact for the letters a-z, which a lower-case key is
// made of); words of kLengths - 1 bytes or more share one row. 4 KiB: it stays in cache.
// Set()/Test() give the same filter over other bytes of a word, for a second filter of the
// same set: (length, w[1], w[n - 2]) turns away many words that share a first and last letter
// with a member ("dari", "sudah" for the dates stage's keys).
#ifndef WARTA_TEXT_SHAPE_FILTER_H_
#define WARTA_TEXT_SHAPE_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace warta {

class ShapeFilter {
 public:
  static constexpr size_t kLengths = 32;
  // Adds word w (nothing for "").
  void Add(std::string_view w) {
    if (!w.empty()) Set(w.size(), w.front(), w.back());
  }
  // False only when no word added has w's length, first and last byte; false for "".
  bool MayContain(std::string_view w) const { return !w.empty() && Test(w.size(), w.front(), w.back()); }
  // The cell of a word of `length` bytes, by two of its bytes.
  void Set(size_t length, char a, char b) { bits_[Row(length)][Low(a)] |= uint32_t(1) << Low(b); }
  bool Test(size_t length, char a, char b) const { return bits_[Row(length)][Low(a)] >> Low(b) & 1; }

 private:
  static size_t Row(size_t length) { return length < kLengths ? length : kLengths - 1; }
  static uint32_t Low(char c) { return static_cast<unsigned char>(c) & 31; }
  uint32_t bits_[kLengths][32] = {};
};

}  // namespace warta

#endif  // WARTA_TEXT_SHAPE_FILTER_H_
