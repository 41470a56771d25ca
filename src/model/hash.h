// The 64-bit hash of the entity model: feature keys, word keys and cluster keys.
//   HashBytes("Kupang", 0) → a 64-bit key;  Mix(key ^ salt) → a key derived from it
// The model file stores keys made by these functions, so they are part of its format
// (src/model/model.h): changing a constant here needs a new format version and a retrained
// model. Bytes are read little-endian, eight at a time; the results are the same on every
// little-endian machine (x86-64, AArch64), which is all warta builds for.
#ifndef WARTA_MODEL_HASH_H_
#define WARTA_MODEL_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace warta::model {

// A bijective 64-bit finaliser (the "moremur" constants of Pelle Evensen's rrmxmx family):
// every input bit changes about half of the output bits.
constexpr uint64_t Mix(uint64_t x) {
  x ^= x >> 27;
  x *= 0x3C79AC492BA7B653ull;
  x ^= x >> 33;
  x *= 0x1C69B3F74AC4AE35ull;
  x ^= x >> 27;
  return x;
}

// The hash of a byte string under a seed. Different seeds give independent-looking hashes,
// which is how one word yields a different key per feature template and position.
inline uint64_t HashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = Mix(seed ^ (uint64_t(s.size()) * 0x9E3779B97F4A7C15ull));
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w);
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = Mix(h ^ w ^ 0xA5A5A5A5A5A5A5A5ull);
  }
  return h;
}

}  // namespace warta::model

#endif  // WARTA_MODEL_HASH_H_
