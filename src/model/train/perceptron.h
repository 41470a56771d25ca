// Trains the entity model: an averaged structured perceptron (Collins 2002) over warta's
// tokens, with first-order Viterbi under the label scheme's rules, and the feature
// augmentation of Daumé (2007): every feature has a shared copy and a copy for the set its
// sentence comes from, so that the shared weights learn what the sets agree on and the
// per-set weights their own conventions. The model keeps the shared weights (plus one set's
// copy when TrainOptions::runtime_set says so).
//   Perceptron p(extractor, options);  p.Train(items);  ModelData d = p.Export(…);
// Deterministic: items in the order given, shuffled each epoch by a seeded generator of our
// own; the same inputs give the same model, byte for byte.
#ifndef WARTA_MODEL_TRAIN_PERCEPTRON_H_
#define WARTA_MODEL_TRAIN_PERCEPTRON_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "model/features.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/train/ner_data.h"

namespace warta::model::train {

struct TrainOptions {
  FeatureConfig features = FeatureConfig::Default();
  Scheme scheme = Scheme::kBilou;
  int epochs = 10;
  bool augment = false;  // per-set copies of every feature
  float set_rate = 1;    // the step of the per-set copies' updates (the shared copy's is 1)
  // The weights the model keeps: -1 the shared copy only, else the shared copy plus this set's.
  int runtime_set = -1;
  uint32_t min_count = 1;  // features seen fewer times in the training items are left out
  uint64_t seed = 20261207;
};

class Perceptron {
 public:
  Perceptron(const FeatureExtractor& extractor, const TrainOptions& options);

  // Trains from scratch on the items' training units.
  void Train(const std::vector<const Item*>& items);

  // The averaged weights for the runtime, quantised to i16 (the largest weight → 32767·q),
  // with calibration a, b. Rows that round to all zeros are left out.
  ModelData Export(const ClusterArrays* clusters, float calib_a, float calib_b) const;

  size_t feature_count() const { return keys_.size(); }  // trained weight rows, copies included

 private:
  // Feature ids of one unit's tokens: ids_[offsets_[t] … offsets_[t+1]) for token t.
  struct Unit {
    SetId set;
    std::vector<uint32_t> ids, offsets;
    std::vector<int> gold;
  };
  void Extract(const std::vector<const Item*>& items, std::vector<Unit>& units);
  void Decode(const Unit& u, std::vector<int>& labels, std::vector<float>& scores) const;
  void Update(uint32_t id, int label, float delta);
  float Rate(uint32_t id) const { return domains_[id] ? options_.set_rate : 1.f; }
  float Transition(SetId set, int from, int to) const;

  const FeatureExtractor& extractor_;
  TrainOptions options_;
  Labels labels_;
  int L_;
  // Feature ids: keys_[id] is the key, domains_[id] 0 for the shared copy, 1 + set for a set's.
  std::unordered_map<uint64_t, uint32_t> id_of_;
  std::vector<uint64_t> keys_;
  std::vector<uint8_t> domains_;
  std::vector<FeatureRef> refs_;  // the feature of each shared id (the model's key and position)
  // Weights (id × L) and their running sums for averaging: the average is w - u / c.
  std::vector<float> w_;
  std::vector<double> u_;
  // Transitions per domain (shared, then each set): ((L+1) × L) then the L end weights.
  std::vector<float> tw_;
  std::vector<double> tu_;
  double c_ = 1;
};

// A seeded generator (splitmix64): the same numbers on every platform, unlike std::
// distributions, whose output the standard leaves to the library.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  uint64_t Below(uint64_t n) { return Next() % n; }
  double Unit() { return double(Next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t state_;
};

// The key of a feature's copy for one set (Daumé's augmentation).
uint64_t SetCopyKey(uint64_t key, SetId set);

}  // namespace warta::model::train

#endif  // WARTA_MODEL_TRAIN_PERCEPTRON_H_
