// Byte scans over text that is mostly ASCII: 64 or 16 bytes at a time (SSE2) where the
// machine has it, else 8 (one 64-bit word); the last few bytes as one partial word.
//   JsonSpecial("Kata \"Siap\"")  → the byte at 5, the first quote
//   NonAscii("Jum’at")            → the byte at 3, the lead byte of ’
// Units: byte pointers into one buffer, [p, end). Reads stay inside [p, end). No allocation.
// The reader (jsonl strings), the record writer (escaping, code-point offsets) and the
// decoder (UTF-8 validation) spend most of their time in these loops.
#ifndef WARTA_TEXT_SCAN_H_
#define WARTA_TEXT_SCAN_H_

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace warta::scan {

namespace detail {
constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;

// Words hold bytes in text order from the lowest byte up, whatever the machine's byte order.
inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return x;
}
inline void Store8(char* out, uint64_t x) {
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  std::memcpy(out, &x, 8);
}
// The n < 8 bytes at p as a word, the bytes above them zero: two overlapping 4-byte loads,
// or three single bytes, instead of a loop.
inline uint64_t LoadPartial(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    if constexpr (std::endian::native == std::endian::big) lo = __builtin_bswap32(lo), hi = __builtin_bswap32(hi);
    return uint64_t(lo) | uint64_t(hi) << (8 * (n - 4));
  }
  if (n == 0) return 0;
  auto byte = [p](size_t k) { return uint64_t(static_cast<unsigned char>(p[k])); };
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}
// The high bits of the first n < 8 bytes of a word.
inline uint64_t HighBits(size_t n) { return kHigh & ((uint64_t(1) << (8 * n)) - 1); }
// The index of the first byte whose high bit is set in `high`.
inline size_t FirstByte(uint64_t high) { return size_t(std::countr_zero(high)) >> 3; }

// Per byte of x: the high bit set where the byte is '"', '\\' or below 0x20 ("has a zero
// byte" for x - 0x20, x ^ '"' and x ^ '\\'). Exact up to the first such byte, which is all
// that is used: a false hit needs a borrow from a true hit below it.
inline uint64_t JsonSpecialBits(uint64_t x) {
  uint64_t q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
  return (((x - kOnes * 0x20) & ~x) | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh;
}
#if defined(__SSE2__)
inline __m128i Load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
// 0xFF per byte that is '"', '\\' or below 0x20 (v <= 0x1F unsigned: min(v, 0x1F) == v).
inline __m128i JsonSpecial16(__m128i v) {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), ctrl = _mm_set1_epi8(0x1F);
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                      _mm_cmpeq_epi8(_mm_min_epu8(v, ctrl), v));
}
// Any byte of the 64 at p is special: long runs are skipped a cache line at a time.
inline bool JsonSpecial64(const char* p) {
  __m128i a = JsonSpecial16(Load16(p)), b = JsonSpecial16(Load16(p + 16));
  __m128i c = JsonSpecial16(Load16(p + 32)), d = JsonSpecial16(Load16(p + 48));
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0;
}
#endif
}  // namespace detail

// The first byte in [p, end) that a JSON string cannot hold as is — '"', '\\' or a control
// character below 0x20 — or end.
inline const char* JsonSpecial(const char* p, const char* end) {
  using namespace detail;
#if defined(__SSE2__)
  while (end - p >= 64 && !JsonSpecial64(p)) p += 64;
  for (; end - p >= 16; p += 16)
    if (unsigned mask = unsigned(_mm_movemask_epi8(JsonSpecial16(Load16(p))))) return p + std::countr_zero(mask);
#endif
  for (; end - p >= 8; p += 8)
    if (uint64_t hit = JsonSpecialBits(Load8(p))) return p + FirstByte(hit);
  if (uint64_t hit = JsonSpecialBits(LoadPartial(p, size_t(end - p))) & HighBits(size_t(end - p)))
    return p + FirstByte(hit);
  return end;
}

// Copies [p, end) to `out` up to the byte JsonSpecial would return, and returns that byte
// (end when there is none); `out` moves past the bytes copied. Whole words are stored, so
// `out` must have room for end - p + 16 bytes; what lies past the copied bytes is scratch.
inline const char* CopyToJsonSpecial(const char* p, const char* end, char*& out) {
  using namespace detail;
#if defined(__SSE2__)
  for (; end - p >= 64 && !JsonSpecial64(p); p += 64, out += 64) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), Load16(p));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), Load16(p + 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 32), Load16(p + 32));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 48), Load16(p + 48));
  }
  for (; end - p >= 16; p += 16, out += 16) {
    __m128i v = Load16(p);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
    if (unsigned mask = unsigned(_mm_movemask_epi8(JsonSpecial16(v)))) {
      out += std::countr_zero(mask);
      return p + std::countr_zero(mask);
    }
  }
#endif
  for (; end - p >= 8; p += 8, out += 8) {
    uint64_t x = Load8(p);
    Store8(out, x);
    if (uint64_t hit = JsonSpecialBits(x)) {
      out += FirstByte(hit);
      return p + FirstByte(hit);
    }
  }
  const size_t n = size_t(end - p);
  uint64_t x = LoadPartial(p, n);
  Store8(out, x);
  if (uint64_t hit = JsonSpecialBits(x) & HighBits(n)) {
    out += FirstByte(hit);
    return p + FirstByte(hit);
  }
  out += n;
  return end;
}

// The first byte >= 0x80 in [p, end), or end.
inline const char* NonAscii(const char* p, const char* end) {
  using namespace detail;
#if defined(__SSE2__)
  for (; end - p >= 64; p += 64) {
    __m128i any = _mm_or_si128(_mm_or_si128(Load16(p), Load16(p + 16)), _mm_or_si128(Load16(p + 32), Load16(p + 48)));
    if (_mm_movemask_epi8(any)) break;  // found below
  }
  for (; end - p >= 16; p += 16)
    if (unsigned mask = unsigned(_mm_movemask_epi8(Load16(p)))) return p + std::countr_zero(mask);
#endif
  for (; end - p >= 8; p += 8)
    if (uint64_t high = Load8(p) & kHigh) return p + FirstByte(high);
  if (uint64_t high = LoadPartial(p, size_t(end - p)) & kHigh) return p + FirstByte(high);
  return end;
}

}  // namespace warta::scan

#endif  // WARTA_TEXT_SCAN_H_
