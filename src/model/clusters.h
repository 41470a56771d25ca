// Word clusters learned without labels: which of K classes a word form falls in, and that
// class's place in a binary tree of the classes (the path, as in Brown clusters).
//   Lookup("Kupang") → {leaf 37, path 0b0110 (length 4) …}: words used like "Kupang" share it
// With each form, a fact of the corpus: how often its lower case is written capitalised.
// Keys are HashBytes(form as written, kClusterSeed) | 1, so a table can live in the model file
// and be used straight from it (ClusterTable is a view of three arrays), or be built from
// lexicons/model/clusters.tsv by the trainer (ClusterTable::Build).
#ifndef WARTA_MODEL_CLUSTERS_H_
#define WARTA_MODEL_CLUSTERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/hash.h"

namespace warta::model {

constexpr uint64_t kClusterSeed = 0x636C7573746572ull;  // "cluster"

struct ClusterOf {
  uint32_t leaf = 0;  // 0 … K-1
  // How often the form's lower-case spelling is written capitalised mid-sentence (after a
  // word): 0 unknown (seen fewer than 3 times so), 1 under 2%, 2 under 10%, 3 under 30%,
  // 4 under 70%, 5 under 90%, 6 under 98%, 7 more.
  uint32_t casing = 0;
  // 1 … 254: the form's rank among the most frequent forms of the corpus; 0 past them.
  uint32_t rank = 0;
  uint32_t path = 0;    // the path's bits, first step highest: bit (length-1) … bit 0
  uint32_t length = 0;  // bits in the path, 0 … 24
};

// Packs a path into one 32-bit word: length in the top 8 bits, the path below.
inline uint32_t PackPath(uint32_t path, uint32_t length) { return length << 24 | (path & 0xFFFFFFu); }

class ClusterTable {
 public:
  ClusterTable() = default;
  // A view of `slots` (a power of two, or 0) keys, leaves and packed paths; not owned.
  // A lookup probes at most max_probe + 1 slots (the longest run the table was built with).
  ClusterTable(const uint64_t* keys, const uint32_t* leaves, const uint32_t* paths, uint32_t slots,
               uint32_t max_probe)
      : keys_(keys), leaves_(leaves), paths_(paths), slots_(slots), max_probe_(max_probe) {}

  // The cluster of a word form as written, or false when the form was not clustered.
  bool Lookup(std::string_view form, ClusterOf& out) const {
    if (slots_ == 0) return false;
    const uint64_t key = HashBytes(form, kClusterSeed) | 1;
    const uint32_t mask = slots_ - 1;
    uint32_t i = uint32_t(key) & mask;
    for (uint32_t probe = 0; probe <= max_probe_; ++probe, i = (i + 1) & mask) {
      if (keys_[i] == key) {
        out.leaf = leaves_[i] & 0xFFFFu;
        out.casing = leaves_[i] >> 16 & 0xFFu;
        out.rank = leaves_[i] >> 24;
        out.path = paths_[i] & 0xFFFFFFu;
        out.length = paths_[i] >> 24;
        return true;
      }
      if (keys_[i] == 0) return false;
    }
    return false;
  }
  uint32_t slots() const { return slots_; }
  const uint64_t* keys() const { return keys_; }
  const uint32_t* leaves() const { return leaves_; }
  const uint32_t* paths() const { return paths_; }
  uint32_t max_probe() const { return max_probe_; }

 private:
  const uint64_t* keys_ = nullptr;
  const uint32_t* leaves_ = nullptr;
  const uint32_t* paths_ = nullptr;
  uint32_t slots_ = 0;
  uint32_t max_probe_ = 0;
};

// The arrays of a ClusterTable, owned: built from (form, leaf, path bits as '0'/'1' text) rows.
struct ClusterArrays {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> leaves,
      paths;               // leaves: the leaf in the low 16 bits, casing in the next 8, rank in the top 8
  uint32_t clusters = 0;   // K: one more than the largest leaf
  uint32_t words = 0;      // forms in the table
  uint32_t max_probe = 0;  // the longest probe run
  // Adds a word; the table is sized by Finish(). Throws Error on a path over 24 bits, a
  // leaf over 65535, a casing bucket over 7 or a rank over 254.
  void Add(std::string_view form, uint32_t leaf, std::string_view bits, uint32_t casing, uint32_t rank);
  // Lays the words out in open-addressing slots (load at most 1/2), in the order added.
  void Finish();
  ClusterTable View() const {
    return ClusterTable(keys.data(), leaves.data(), paths.data(), uint32_t(keys.size()), max_probe);
  }

 private:
  struct Pending {
    uint64_t key;
    uint32_t leaf, path;
  };
  std::vector<Pending> pending_;
};

}  // namespace warta::model

#endif  // WARTA_MODEL_CLUSTERS_H_
