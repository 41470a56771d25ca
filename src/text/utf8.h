// UTF-8 helpers for text that is already valid UTF-8 (the decoder guarantees it).
//   DecodeAt("Jum’at", 3) → {U+2019, 3 bytes}
// Units: byte offsets in, code points out. No allocation.
#ifndef WARTA_TEXT_UTF8_H_
#define WARTA_TEXT_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::utf8 {

struct CodePoint {
  char32_t cp;
  uint32_t len;  // bytes, 1..4
};

// The code point starting at byte i of valid UTF-8 s (i < s.size()). ASCII, by far the most
// common, is answered inline; longer sequences by DecodeMultiByte().
CodePoint DecodeMultiByte(std::string_view s, size_t i);
inline CodePoint DecodeAt(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  return DecodeMultiByte(s, i);
}

// The start of the code point that ends at byte i (i > 0): steps back over continuation bytes.
inline size_t PrevStart(std::string_view s, size_t i) {
  do {
    --i;
  } while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
  return i;
}

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void Append(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
size_t CountCodePoints(std::string_view s);

// Converts byte offsets into code-point offsets in one pass over s. `offsets` may be in any
// order and hold duplicates; each is replaced by its code-point offset. Offsets must lie on
// code-point boundaries and be <= s.size().
void BytesToCodePoints(std::string_view s, std::vector<uint32_t*>& offsets);

// Lower-cases ASCII letters only (fast path for matching lexicon keys).
std::string AsciiLower(std::string_view s);

// Full Unicode lower-casing (ICU), for keys with non-ASCII letters.
std::string Lower(std::string_view s);

}  // namespace warta::utf8

#endif  // WARTA_TEXT_UTF8_H_
