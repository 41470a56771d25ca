// The one lookup table of warta, and the one-hash Bloom filter that guards it.
//   HashTable<uint32_t> t;
//   t.Insert(hash::WordKey("Kupang"), 7);
//   *t.Find(hash::WordKey("KUPANG")) == 7;   t.Find(hash::WordKey("Kota")) == nullptr
// A table maps a 64-bit key — the hash (text/hash.h) of a word, a phrase or a code — to a
// value; the strings themselves are not kept, so a lookup compares no bytes and a table of the
// 90k gazetteer names or the 31k lemmas of words.tsv loads with no allocation per entry. Two
// strings whose 64-bit hashes agree are one key (for 10^5 keys about one chance in 10^9);
// callers that can re-check what they found do (the places stage checks an area's own key).
// Open addressing with linear probing, keys and values in two arrays of a power-of-two size
// kept at most half full, the slot taken from hash::Spread(key): a lookup is a multiplication
// and a probe or two. Keys 0 and 1 are one key (key | 1 is stored; 0 marks an empty slot).
// A table is filled while a stage is built, then read from any thread.
#ifndef WARTA_TEXT_HASH_TABLE_H_
#define WARTA_TEXT_HASH_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "text/hash.h"

namespace warta {

template <class V>
class HashTable {
 public:
  using mapped_type = V;

  // The value stored for key, inserting `fresh` first when the key is absent.
  V& Insert(uint64_t key, V fresh = V{}) {
    if ((size_ + 1) * 2 > keys_.size()) Rehash(keys_.empty() ? kMinSlots : keys_.size() * 2);
    key |= 1;
    size_t i = Slot(key);
    while (keys_[i] && keys_[i] != key) i = (i + 1) & mask_;
    if (!keys_[i]) {
      keys_[i] = key;
      values_[i] = fresh;
      ++size_;
    }
    return values_[i];
  }
  // The value stored for key, or nullptr.
  const V* Find(uint64_t key) const {
    if (keys_.empty()) return nullptr;
    key |= 1;
    for (size_t i = Slot(key); keys_[i]; i = (i + 1) & mask_)
      if (keys_[i] == key) return &values_[i];
    return nullptr;
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  // Makes room for n keys in all without growing (one rehash, not one per doubling).
  void Reserve(size_t n) {
    size_t slots = keys_.empty() ? kMinSlots : keys_.size();
    while ((n + 1) * 2 > slots) slots *= 2;
    if (slots != keys_.size()) Rehash(slots);
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kMinSlots = 64;
  size_t Slot(uint64_t key) const { return (hash::Spread(key) >> 32) & mask_; }
  // Moves every key into a table of `slots` slots (a power of two).
  void Rehash(size_t slots) {
    std::vector<uint64_t> keys(slots, 0);
    std::vector<V> values(slots);
    const size_t mask = slots - 1;
    for (size_t j = 0; j < keys_.size(); ++j) {
      if (!keys_[j]) continue;
      size_t i = (hash::Spread(keys_[j]) >> 32) & mask;
      while (keys[i]) i = (i + 1) & mask;
      keys[i] = keys_[j];
      values[i] = values_[j];
    }
    keys_.swap(keys);
    values_.swap(values);
    mask_ = mask;
  }
  std::vector<uint64_t> keys_;  // 0: an empty slot
  std::vector<V> values_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

// A one-hash Bloom filter over 64-bit keys: "may this key be present?", with few false
// positives while the keys number well under 2^bits / 8. No false negatives: a key added is
// always found. At 2^16 bits (8 KiB) it stays in L1 cache: one test turns most absent keys
// away before any probe of a table too large for the cache.
class KeyFilter {
 public:
  static constexpr int kBits = 16;
  // bits: log2 of the filter's size in bits (16, 8 KiB, by default; 18, 32 KiB, for 31k keys).
  explicit KeyFilter(int bits = kBits) : bits_(bits), words_(size_t(1) << (bits - 6), 0) {}
  void Add(uint64_t key) {
    size_t b = Bit(key);
    words_[b >> 6] |= uint64_t(1) << (b & 63);
  }
  bool MayContain(uint64_t key) const {
    size_t b = Bit(key);
    return (words_[b >> 6] >> (b & 63)) & 1;
  }
  // Removes every key (a filter reused per document keeps its memory).
  void Clear() { std::fill(words_.begin(), words_.end(), 0); }

 private:
  size_t Bit(uint64_t key) const { return size_t(hash::Spread(key) >> (64 - bits_)); }
  int bits_;
  std::vector<uint64_t> words_;
};

}  // namespace warta

#endif  // WARTA_TEXT_HASH_TABLE_H_
