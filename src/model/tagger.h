// The entity tagger: a sentence's words in, names with their type and confidence out.
//   "kata Bupati Kupang Korinus Masneno ." → {LOC [2,3) 0.93}, {PER [3,5) 0.97}
// An averaged structured perceptron (model/model.h holds its weights): each token's score for
// each label is the sum of the weights of its features (model/features.h), and first-order
// Viterbi finds the best labelling under the scheme's rules (BIO or BILOU, model/labels.h).
//
// Speed. Almost every feature depends on one word type at one relative position, so the
// tagger sums a word type's weights once per position (-2 … +2) into five small vectors and
// keeps them in a per-thread cache (kCacheSlots word types, four-way set-associative with
// pseudo-LRU replacement: 2 MB of keys probed, 40 MB of vectors read on a hit, asked for in
// huge pages; on CLICK-ID 3.3% of the lookups miss, 2.6% being words met for the
// first time; a missed word costs one feature extraction and a few dozen table
// probes, whose memory reads are asked for all at once so that they overlap). A sentence's
// words are looked up in passes — keys, slots, sums — for the same reason: the tagger waits
// on memory more than it computes.
// A token then costs a hash of its form, one cache probe, the vectors' additions into its
// neighbours' scores, three small context tables and a Viterbi step done eight labels at a
// time; and only tokens near a capitalised word are tagged at all (Tag's `anchored`). The labels whose
// allowed predecessors are the same are kept side by side ("lanes"), so that one addition and one maximum
// serve them all. Under BILOU (13 labels) the fast path goes further: the I and L labels of
// the three types form one block of eight lanes fed by two shuffled rows of the previous
// scores, in the forward and in the backward (margin) pass, and a back-pointer into O, B or U
// is found among the even lanes at once; `cached = false` keeps the plain group-by-group
// steps, its twin. Measured (callgrind, warta-train bench, the first 3,000 CLICK-ID
// articles): Tag costs 640 instructions a token, of which the missed words' features about
// 165, the cache lookups and score additions 190, Viterbi 100, the margins 75, the anchors 65.
// Arithmetic: the model's weights are i16; a token's score (a sum of at most a few hundred of
// them) and the renormalised Viterbi scores are integers below 2^24, so the f32 sums are exact: the cached
// and the uncached sum agree, whatever the order of adding.
//
// Confidence: a backward pass from a few tokens past a span gives each of its tokens'
// max-marginals (the best labelling's score with that token's label fixed, the sentence past
// the window taken as indifferent); a span's margin is the least, over its tokens, of how much
// the best labelling loses when the token takes any other label. Model::Confidence turns it
// into a calibrated probability.
// Built once; Tag() is const and thread-safe (the cache is per thread).
#ifndef WARTA_MODEL_TAGGER_H_
#define WARTA_MODEL_TAGGER_H_

#include <array>
#include <cstdint>
#include <vector>

#include "model/features.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/word_facts.h"

namespace warta::model {

struct ScoredSpan {
  LabelSpan span;      // tokens relative to the sentence
  float score = 0;     // confidence in [0, 1]
  int64_t margin = 0;  // in weight units (Model::scale per 1.0)
};

class Tagger {
 public:
  static constexpr int kLanes = 16;                  // labels padded to 16 (L ≤ 13)
  static constexpr uint32_t kCacheSlots = 1u << 17;  // word types per thread
  static constexpr int kWays = 4;                    // the cache's associativity

  // model and facts must outlive the tagger.
  Tagger(const Model& model, const WordFacts& facts);
  const FeatureExtractor& extractor() const { return extractor_; }
  const Model& model() const { return model_; }

  // Tags one sentence of n words: spans in order, tokens relative to the sentence.
  // anchored: only the stretches within kReach tokens of a word with a capital letter are
  // labelled, the rest is O (in cased text a name has a capital: 0.7% of the training sets'
  // names have none); the first word of the sentence counts only when its lower case is not
  // mostly written in lower case in the corpus ("Menurut", "Sementara" do not). Pass false for
  // text written all in lower case. A stretch is labelled
  // with the same features as the whole sentence, and is taken to follow and precede O.
  // cached = false takes the plain path everywhere, the twin tests compare with: every
  // feature's weights summed afresh (no cache), Viterbi group by group.
  static constexpr size_t kReach = 2;
  void Tag(const WordView* words, size_t n, std::vector<ScoredSpan>& out, bool anchored = true,
           bool cached = true) const;

  // The label scores of each token, n × kLanes in label order (lanes past L are 0) — for tests.
  void Scores(const WordView* words, size_t n, bool cached, std::vector<int32_t>& scores) const;

  // Cache statistics of this thread since it began tagging with this tagger.
  struct CacheStats {
    uint64_t lookups = 0, misses = 0;
    uint64_t tokens = 0, labelled = 0;  // tokens given to Tag, and those in stretches labelled
  };
  CacheStats Stats() const;

 private:
  struct Entry;
  struct Set;
  struct Cache;
  // Labels that share their allowed neighbours on one side, side by side in lanes
  // [first, first + count); `others` are those neighbours (labels), `rows` the transition
  // weights from (forward) or to (backward) each of them, kGroupLanes per neighbour.
  static constexpr int kGroupLanes = 8;
  struct Group {
    uint8_t first = 0, count = 0;
    std::vector<uint8_t> others;
    std::vector<float> rows;
  };
  struct Direction {
    std::array<uint8_t, kLanes> label_of{};  // lane → label
    std::array<uint8_t, kLanes> lane_of{};   // label → lane
    std::vector<Group> groups;
  };

  Cache& ThreadCache() const;
  // The cache slot of a word whose WordKey is `key`, filled first when missing; valid until
  // the next lookup of another word.
  uint32_t Lookup(Cache& cache, const WordView& w, uint64_t key) const;
  // Whether word k anchors a stretch to label (see Tag).
  bool IsAnchor(Cache& cache, const WordView* words, size_t k, bool cached) const;
  void Fill(const WordInfo& info, float (*v)[kLanes]) const;
  void AddRow(const int16_t* row, float* into) const;  // a model row (or nullptr) into f32 lanes
  // The label scores of tokens [a, b) of a sentence of n words: token i's in row
  // i - a + kMargin of `scores` (b - a + 2·kMargin rows, forward lanes).
  static constexpr size_t kMargin = 2 * kWindow;
  void CachedScores(const WordView* words, size_t n, size_t a, size_t b, float* scores) const;
  void UncachedScores(const WordView* words, size_t n, size_t a, size_t b, float* scores) const;
  // Best labels of m tokens into `labels`, the first token after a label with weights `first`
  // to each label, the last before one with weights `last`; alpha (m × kLanes) keeps the
  // forward scores.
  // fast: BILOU's inside labels in one block (inside_block_); false: group by group, the
  // plain twin.
  void Viterbi(const float* scores, size_t m, const float* first, const float* last, int* labels,
               float* alpha, bool fast) const;
  // Per-token margins of the best labelling for tokens [from, to) of m, looking kMarginWindow
  // tokens past `to`; `last` as for Viterbi.
  static constexpr size_t kMarginWindow = 2;
  void Margins(const float* scores, const float* alpha, const int* labels, size_t m, const float* last,
               size_t from, size_t to, int64_t* margins, bool fast) const;

  const Model& model_;
  FeatureExtractor extractor_;
  int L_;
  uint64_t id_;  // tells this tagger's per-thread cache from another tagger's
  Direction forward_, backward_;
  std::vector<float> trans_;  // [from + 1][to], label order; -inf where not allowed
  // By label, -inf where not allowed: the weights of starting and ending the sentence, of
  // following O (a stretch after tokens left O) and of preceding O.
  alignas(16) std::array<float, kLanes> start_{}, end_{}, after_o_{}, before_o_{};
  // Viterbi's block of BILOU's inside labels: whether the labels are laid out for it, and the
  // transitions into lanes 7 … 14 from B and from I of each lane's type.
  bool inside_block_ = false;
  alignas(16) std::array<float, kGroupLanes> inside_from_b_{}, inside_from_i_{};
  // Its twin in Margins' backward pass: lanes 7 … 14 are B and I of each type, and the
  // transitions from them into I and into L of their type.
  bool backward_block_ = false;
  alignas(16) std::array<float, kGroupLanes> inside_to_i_{}, inside_to_l_{};
  // Per label, the labels that may precede it (in label order) and the transitions' weights.
  struct Sources {
    int count = 0;
    std::array<uint8_t, kLanes> label{};
    std::array<float, kLanes> weight{};
  };
  std::array<Sources, kLanes> sources_{};
  // Per label: whether its sources are the labels 0, 2 … 12 (Viterbi's fast back-pointer), and
  // their weights in that order (the eighth -inf).
  std::array<bool, kLanes> even_sources_{};
  std::array<std::array<float, 8>, kLanes> even_weights_{};
  // Context weights in forward lanes: one table for the templates of the token alone
  // (position × shape × casing), one per template that looks at a neighbour.
  std::vector<float> here_;  // kPositions × kShapeClasses × kCasingBuckets × kLanes
  std::vector<uint8_t> context_templates_;
  std::vector<std::vector<float>> context_;
  alignas(16) float pad_before_[kRoles][kLanes], pad_after_[kRoles][kLanes];
};

}  // namespace warta::model

#endif  // WARTA_MODEL_TAGGER_H_
