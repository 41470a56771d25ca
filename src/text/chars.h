// Character classes for tokenising, with an ASCII fast path and ICU for the rest.
//   IsLetter(U'é') → true;  IsSpace(U'\u00A0') → true;  IsDigit(U'٣') → true
// Units: code points.
#ifndef WARTA_TEXT_CHARS_H_
#define WARTA_TEXT_CHARS_H_

#include <unicode/uchar.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "text/utf8.h"

namespace warta::chars {

inline bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0;
  return u_isUWhiteSpace(UChar32(c)) || c == 0x85;
}
// Control characters other than whitespace (NUL, escape …) separate tokens like spaces do.
inline bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }
inline bool IsBreak(char32_t c) { return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029; }
inline bool IsAsciiLetter(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(UChar32(c));
}
// Letters and combining marks (a mark continues the letter before it).
inline bool IsLetter(char32_t c) {
  if (c < 0x80) return IsAsciiLetter(c);
  return u_isalpha(UChar32(c)) || (U_GET_GC_MASK(UChar32(c)) & U_GC_M_MASK) != 0;
}
inline bool IsAlnum(char32_t c) { return IsLetter(c) || IsDigit(c); }
inline bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(UChar32(c)) || u_istitle(UChar32(c));
}
inline bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(UChar32(c));
}
inline bool IsPunct(char32_t c) { return u_ispunct(UChar32(c)); }

// Whether valid UTF-8 s holds any lower-case (upper-case) letter.
inline bool HasLower(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto cp = utf8::DecodeAt(s, i);
    if (IsLower(cp.cp)) return true;
    i += cp.len;
  }
  return false;
}
inline bool HasUpper(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto cp = utf8::DecodeAt(s, i);
    if (IsUpper(cp.cp)) return true;
    i += cp.len;
  }
  return false;
}

// Whether valid UTF-8 s starts with a capital (small) letter: IsUpper (IsLower) of its first
// code point; false for "". An ASCII first byte, nearly every word's, is tested inline without
// decoding; the rest out of line, so that the callers' token loops stay small.
[[gnu::noinline]] inline bool StartsUpperDecoded(std::string_view s) { return IsUpper(utf8::DecodeAt(s, 0).cp); }
[[gnu::noinline]] inline bool StartsLowerDecoded(std::string_view s) { return IsLower(utf8::DecodeAt(s, 0).cp); }
inline bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return StartsUpperDecoded(s);
}
inline bool StartsLower(std::string_view s) {
  if (s.empty()) return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return StartsLowerDecoded(s);
}

// The end of the run of ASCII letters [A-Za-z] that starts at byte i of s: the first byte at
// or after i that is no ASCII letter, or s.size(). Most words of news text are such runs;
// sixteen (SSE2) or eight bytes are tested at a time.
inline size_t SkipAsciiLetters(std::string_view s, size_t i) {
  const size_t n = s.size();
#if defined(__SSE2__)
  // Per byte x (bit 5 set, folding upper case onto lower): x + 0x1F wraps into the signed
  // bytes -128..-103 exactly when x is 'a'..'z' (bytes >= 0x80 land elsewhere).
  const __m128i fold = _mm_set1_epi8(0x20), shift = _mm_set1_epi8(0x1F), limit = _mm_set1_epi8(-102);
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i y = _mm_add_epi8(_mm_or_si128(v, fold), shift);
    unsigned other = ~unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(y, limit))) & 0xFFFFu;
    if (other) return i + size_t(std::countr_zero(other));
    i += 16;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kHigh = 0x8080808080808080ull, kLow7 = 0x7F7F7F7F7F7F7F7Full;
    while (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      // Per byte, with bit 5 set (folding upper case onto lower) and the top bit cleared so
      // that no sum carries into the next byte: x + 0x1F reaches 0x80 iff x >= 'a', and
      // x + 0x05 reaches 0x80 iff x > 'z'. A byte >= 0x80 is no letter.
      uint64_t x = (v | 0x2020202020202020ull) & kLow7;
      uint64_t at_least_a = (x + 0x1F1F1F1F1F1F1F1Full) & kHigh;
      uint64_t past_z = (x + 0x0505050505050505ull) & kHigh;
      uint64_t letter = at_least_a & ~past_z & ~v;
      uint64_t other = ~letter & kHigh;
      if (other) return i + size_t(std::countr_zero(other) >> 3);
      i += 8;
    }
  }
  while (i < n && IsAsciiLetter(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace warta::chars

#endif  // WARTA_TEXT_CHARS_H_
