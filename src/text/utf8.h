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

// The one ASCII lower-casing: A-Z to a-z, every other byte as it is. (GCC makes it a
// conditional move: no branch.)
constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// Lower-cases the ASCII letters of p[0, n) in place: AsciiLower on every byte, written as an
// addition so that the compiler vectorises the loop (half the instructions of the select).
inline void AsciiLowerInPlace(char* p, size_t n) {
  for (size_t k = 0; k < n; ++k) p[k] = char(p[k] + (static_cast<unsigned char>(p[k] - 'A') < 26u ? 'a' - 'A' : 0));
}

// A copy of s with its ASCII letters lower-cased (fast path for matching lexicon keys).
std::string AsciiLower(std::string_view s);

// Writes the lower case of s to out (s.size() bytes) and returns true when s is ASCII; returns
// false, out unspecified, when s has a byte beyond ASCII (use Lower(), whose result may differ
// in length). For a lower case on the stack: char buf[64]; if (s.size() <= 64 && AsciiLowerTo(s, buf)) …
inline bool AsciiLowerTo(std::string_view s, char* out) {
  unsigned char any = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    any |= static_cast<unsigned char>(s[k]);
    out[k] = AsciiLower(s[k]);
  }
  return any < 0x80;
}

// Full Unicode lower-casing (ICU), for keys with non-ASCII letters.
std::string Lower(std::string_view s);

// Lower(s), written into buf (a buffer the caller keeps from call to call, so that an ASCII
// word costs no allocation); returns a view of buf.
inline std::string_view LowerInto(std::string_view s, std::string& buf) {
  buf.resize(s.size());
  if (!AsciiLowerTo(s, buf.data())) buf = Lower(s);
  return buf;
}

}  // namespace warta::utf8

#endif  // WARTA_TEXT_UTF8_H_
