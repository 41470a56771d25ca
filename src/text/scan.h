// Byte scans over text that is mostly ASCII, sixteen bytes at a time (SSE2) where the
// machine has it, else eight (one 64-bit word), the last few bytes one by one.
//   JsonSpecial("Kata \"Siap\"")  → the byte at 5, the first quote
//   NonAscii("Jum’at")            → the byte at 3, the lead byte of ’
//   ContinuationBytes("Jum’at")   → 2, so "Jum’at" is 8 bytes but 6 code points
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
// Eight bytes as a word with p[0] in the lowest byte, whatever the machine's byte order.
inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
  return x;
}
// The index of the first byte whose high bit is set in `high` (a word from Load8).
inline size_t FirstByte(uint64_t high) { return size_t(std::countr_zero(high)) >> 3; }
}  // namespace detail

// The first byte in [p, end) that a JSON string cannot hold as is — '"', '\\' or a control
// character below 0x20 — or end.
inline const char* JsonSpecial(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), ctrl = _mm_set1_epi8(0x1F);
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // v <= 0x1F unsigned: min(v, 0x1F) == v.
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                               _mm_cmpeq_epi8(_mm_min_epu8(v, ctrl), v));
    if (unsigned mask = unsigned(_mm_movemask_epi8(hit))) return p + std::countr_zero(mask);
  }
#endif
  using namespace detail;
  for (; end - p >= 8; p += 8) {
    uint64_t x = Load8(p), q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
    // "Has a zero byte" for x - 0x20 (bytes below 0x20), x ^ '"' and x ^ '\\'. Exact for
    // the first hit, which is all that is used (borrows only run towards higher bytes).
    uint64_t hit = (((x - kOnes * 0x20) & ~x) | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh;
    if (hit) return p + FirstByte(hit);
  }
  for (; p < end; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\') return p;
  }
  return end;
}

// The first byte >= 0x80 in [p, end), or end.
inline const char* NonAscii(const char* p, const char* end) {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if (unsigned mask = unsigned(_mm_movemask_epi8(v))) return p + std::countr_zero(mask);
  }
#endif
  for (; end - p >= 8; p += 8)
    if (uint64_t high = detail::Load8(p) & detail::kHigh) return p + detail::FirstByte(high);
  for (; p < end; ++p)
    if (static_cast<unsigned char>(*p) >= 0x80) return p;
  return end;
}

// The number of UTF-8 continuation bytes (10xxxxxx) in [p, end): the bytes that start no
// code point. For valid UTF-8, code points = (end - p) - ContinuationBytes(p, end).
inline size_t ContinuationBytes(const char* p, const char* end) {
  size_t n = 0;
#if defined(__SSE2__)
  // As signed bytes, 0x80..0xBF are -128..-65: below -64. Per-byte counters are summed
  // every 255 blocks, before they can wrap.
  const __m128i limit = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
  while (end - p >= 16) {
    __m128i counts = zero;
    for (int k = 0; k < 255 && end - p >= 16; ++k, p += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmplt_epi8(v, limit));  // a hit is -1
    }
    __m128i sums = _mm_sad_epu8(counts, zero);
    n += size_t(_mm_cvtsi128_si32(sums)) + size_t(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  using namespace detail;
  for (; end - p >= 8; p += 8) {
    uint64_t x = Load8(p);
    uint64_t continuation = (x & ~(x << 1) & kHigh) >> 7;  // bit 7 set, bit 6 clear
    n += size_t((continuation * kOnes) >> 56);  // the sum of the eight bits, in the top byte
  }
  for (; p < end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) == 0x80;
  return n;
}

}  // namespace warta::scan

#endif  // WARTA_TEXT_SCAN_H_
