// The entity model file (lexicons/model/ner.bin): reading it, and writing it for the trainer.
//   Model m("lexicons/model/ner.bin");  m.Row(GroupKey(kLower, …), -1) → 13 weights, or nullptr
// The file is mapped into memory (mmap) and used in place: loading costs a few system calls
// whatever its size, and pages are read as features are first looked up.
//
// Format, version 1. Little-endian; every section starts at a multiple of 8 bytes; L is the
// number of labels (7 for BIO, 13 for BILOU, model/labels.h).
//   offset  size                       field
//   0       8                          magic "WARTANER"
//   8       u32                        version (1)
//   12      u32                        L
//   16      u32                        scheme: 0 BIO, 1 BILOU
//   20      u32                        K, the number of word clusters
//   24      u64                        the file's size in bytes
//   32      u32                        F, feature slots (a power of two)
//   36      u32                        R, weight rows (a feature has one per position it has weights at)
//   40      u32                        C, cluster slots (a power of two, or 0)
//   44      f32                        scale: weight units per 1.0 of the perceptron's weights
//   48      f32 ×2                     calibration a, b: score = 1 / (1 + exp(-(a·margin/scale + b)))
//   56      u32 ×2                     features (keys in the table), the longest probe run
//   64      48                         FeatureConfig: roles[32] (u8), max_prefix, max_suffix (u8),
//                                      2 zero bytes, cluster_prefixes (u32), 8 zero bytes
//   112     u32 ×2                     clustered words, the longest probe run of their table
//   120     8                          zero
//   128     i32 × (L+1)·L              transitions: [from][to], from = L is the sentence start
//           i32 × L                    end: the weight of ending the sentence after each label
//           u64 × F                    feature keys (GroupKey, ContextKey: model/features.h), 0 = empty slot
//           u32 × F                    the key's first weight row (< R)
//           u8 × F                     the key's positions: bit r + 2 for position r (-2 … 2); its
//                                      rows follow one another from the first, in the order of the bits
//           i16 × R·16                 weights, row after row, each padded with zeros to 16
//           u64 × C, u32 × C, u32 × C  cluster keys, leaves (cluster in the low 16 bits, casing
//                                      bucket in the next 8, frequency rank in the top 8), packed
//                                      paths (model/clusters.h)
// A feature is found by linear probing from slot (key mod F), at most (longest run + 1) slots;
// the writer keeps each table at most half full. Scores are sums of i16 weights and i32
// transitions, exact in f32 (model/tagger.h): the same on every machine, in any order of summing.
// Errors name the file: missing, unreadable, bad magic, another version, a size that does not
// match the header (a truncated file), a header whose counts make no sense.
#ifndef WARTA_MODEL_MODEL_H_
#define WARTA_MODEL_MODEL_H_

#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "model/clusters.h"
#include "model/features.h"
#include "model/labels.h"

namespace warta::model {

// The number of bits set in a byte, by table: std::popcount is a library call on x86-64
// builds without the POPCNT instruction, and the tagger counts a feature's positions often.
inline constexpr std::array<uint8_t, 256> kBitsSet = [] {
  std::array<uint8_t, 256> n{};
  for (size_t b = 0; b < n.size(); ++b) n[b] = uint8_t(std::popcount(b));
  return n;
}();

class Model {
 public:
  static constexpr int kRowStride = 16;  // i16 per weight row in the file
  // Maps and checks the file; throws Error naming it.
  explicit Model(const std::string& path);
  // A model held in memory (SerializeModel's bytes), named `name` in errors.
  Model(const std::string& bytes, const std::string& name);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const std::string& path() const { return path_; }
  const FeatureConfig& config() const { return config_; }
  const Labels& labels() const { return labels_; }
  int label_count() const { return labels_.count(); }

  // The weight rows of a feature key: `positions` gets bit r + kWindow for each relative
  // position r with a row, `rows` the first row; the rows follow one another (kRowStride i16
  // each: L weights, then zeros) in the order of the bits. False when the model has none.
  bool Find(uint64_t key, uint32_t& positions, const int16_t*& rows) const {
    const uint32_t mask = slots_ - 1;
    uint32_t i = uint32_t(key) & mask;
    for (uint32_t probe = 0; probe <= max_probe_; ++probe, i = (i + 1) & mask) {
      if (keys_[i] == key) {
        positions = masks_[i];
        if (first_[i] + kBitsSet[positions & 0xFF] > row_count_) return false;
        rows = weights_ + size_t(first_[i]) * kRowStride;
        return true;
      }
      if (keys_[i] == 0) return false;
    }
    return false;
  }
  // Asks the processor for the memory Find(key) reads first (a hint; reads nothing).
  void Prefetch(uint64_t key) const {
    const uint32_t i = uint32_t(key) & (slots_ - 1);
    __builtin_prefetch(keys_ + i);
    __builtin_prefetch(first_ + i);
    __builtin_prefetch(masks_ + i);
  }
  // The row of a feature key at relative position r, or nullptr.
  const int16_t* Row(uint64_t key, int r) const {
    uint32_t positions;
    const int16_t* rows;
    if (!Find(key, positions, rows) || !(positions >> (r + kWindow) & 1)) return nullptr;
    return rows + size_t(kBitsSet[positions & ((1u << (r + kWindow)) - 1)]) * kRowStride;
  }
  // Transition weight from label `from` (-1: the sentence start) to `to`.
  int32_t Transition(int from, int to) const {
    return transitions_[size_t(from < 0 ? label_count() : from) * label_count() + to];
  }
  int32_t End(int from) const { return end_[from]; }

  ClusterTable clusters() const { return clusters_; }
  uint32_t cluster_count() const { return cluster_count_; }
  float scale() const { return scale_; }
  // The calibrated confidence of a margin in weight units (see the format).
  float Confidence(int64_t margin) const;

  uint32_t feature_count() const { return feature_count_; }
  uint64_t bytes() const { return bytes_; }

 private:
  // Reads and checks the header of the model at p (bytes_ long); throws Error.
  void Init(const unsigned char* p);

  std::string path_;
  void* map_ = nullptr;
  std::vector<uint64_t> owned_;  // the bytes of an in-memory model, 8-byte aligned
  uint64_t bytes_ = 0;
  FeatureConfig config_;
  Labels labels_{Scheme::kBilou};
  const int32_t* transitions_ = nullptr;
  const int32_t* end_ = nullptr;
  const uint64_t* keys_ = nullptr;
  const uint32_t* first_ = nullptr;
  const uint8_t* masks_ = nullptr;
  const int16_t* weights_ = nullptr;
  uint32_t slots_ = 0, row_count_ = 0, feature_count_ = 0, max_probe_ = 0, cluster_count_ = 0;
  ClusterTable clusters_;
  float scale_ = 1, calib_a_ = 1, calib_b_ = 0;
};

// What the trainer writes: for each key, its positions and a row of L weights for each
// position (in the order of the bits), key after key.
struct ModelData {
  FeatureConfig config;
  Scheme scheme = Scheme::kBilou;
  std::vector<uint64_t> keys;        // distinct, nonzero
  std::vector<uint8_t> positions;    // per key: bit r + kWindow for each position r with a row
  std::vector<int16_t> weights;      // Σ rows × L
  std::vector<int32_t> transitions;  // (L+1) × L
  std::vector<int32_t> end;          // L
  const ClusterArrays* clusters = nullptr;
  float scale = 1, calib_a = 1, calib_b = 0;
};

// The bytes of a model file (the same bytes for the same data); throws Error on bad data.
std::string SerializeModel(const ModelData& data);
// Writes SerializeModel(data) to path; throws Error naming it.
void WriteModel(const std::string& path, const ModelData& data);

}  // namespace warta::model

#endif  // WARTA_MODEL_MODEL_H_
