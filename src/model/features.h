// The features of the entity model, one extractor for training and for tagging.
//   "… kata Bupati Kupang Korinus Masneno …", token "Kupang":
//     form=Kupang lower=kupang shape=Xx prefix=ku suffix=ng cluster=37 fact=regency-whole …  (the word)
//     form@-1=Bupati fact@-1=role-whole … form@+1=Korinus …                              (its neighbours)
//     position=middle×Xx, shape-pair=Xx×Xx …                                               (small context)
// A feature is a 64-bit key (model/hash.h) and a position; the model file maps keys to weight rows.
//
// Most features depend on one word alone: a *type feature* (template, value) of the word at
// relative position r (-2 … +2) of the token being labelled. Its key depends only on the
// word type (form and token kind) and r, so the sum of a word type's weights at each r can
// be computed once and cached (model/tagger.h). The few *context features* depend on the
// token's place in the sentence and on small classes (WordClasses: shape, casing …) of it
// and its neighbours: a small index per template, whose weights the tagger keeps in dense
// tables.
// Which templates are used, and at which positions, is a FeatureConfig stored in the model.
// Units: forms are the tokens' normalised text (Document::Norm), UTF-8; affixes and lengths
// count code points.
#ifndef WARTA_MODEL_FEATURES_H_
#define WARTA_MODEL_FEATURES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "model/clusters.h"
#include "model/hash.h"
#include "model/word_facts.h"

namespace warta::model {

enum Template : uint8_t {
  // Type features (of one word, at the positions its role mask names).
  kBias,         // one constant feature (position 0 only)
  kForm,         // the form as written ("Kupang"); numbers, URLs … by their shape ("d/d", ByShape)
  kLower,        // the form in lower case
  kShape,        // letters → X x, digits → d, runs collapsed: "Xx", "X.X.", "Xx-Xx", "d.d"
  kPrefix,       // the first 1 … max_prefix code points, lower case (words only)
  kSuffix,       // the last 1 … max_suffix code points, lower case (words only)
  kCluster,      // the word's cluster (ClusterTable), by the form, else its lower case (not ByShape)
  kClusterPath,  // prefixes of the cluster's path, of the lengths in cluster_prefixes
  kFact,         // each lexicon fact of the lower-case form (WordFacts)
  kKind,         // the TokenKind
  kLength,       // length bucket: 1 2 3 4 5 6-7 8-10 11+ code points
  kPad,          // the padding word before and after the sentence
  kCasing,       // how often the lower-case form is written capitalised mid-sentence (CasingBucket)
  kTypeTemplates,
  // Context features.
  kPositionShape = kTypeTemplates,  // position in the sentence (first, second, last, other) × shape class
  kShapePrev,                       // shape class of the previous token × of this one
  kShapeNext,                       // shape class of this token × of the next one
  kPositionCasing,                  // position in the sentence × casing bucket
  kCoarsePrev,    // coarse cluster (the path's first kCoarseBits bits) of the previous token × of this one
  kCoarseNext,    // coarse cluster of this token × of the next one
  kFrequentPrev,  // the previous word, when among the most frequent forms (ClusterOf::rank) × shape class
  kFrequentNext,  // shape class × the next word, when among the most frequent forms
  kTemplateCount
};
constexpr int kContextTemplates = kTemplateCount - kTypeTemplates;

constexpr int kWindow = 2;               // positions -2 … +2
constexpr int kRoles = 2 * kWindow + 1;  // role index r + kWindow
constexpr int kShapeClasses = 17;        // ShapeClass values, kPadClass included
constexpr uint8_t kPadClass = 16;
constexpr int kPositions = 4;
constexpr int kCasingBuckets = 8;  // 0 unknown, 1 … 7 (ClusterOf::casing)
constexpr int kCoarseBits = 5;
constexpr int kCoarseClasses = (1 << kCoarseBits) + 2;  // the prefixes, unclustered, padding
constexpr uint8_t kCoarseNone = 1 << kCoarseBits, kCoarsePad = kCoarseNone + 1;
constexpr int kFrequentClasses = 256;  // 0 other, 1 … 254 the most frequent forms, 255 padding
constexpr uint8_t kFrequentPad = 255;

// The small per-word classes the context features combine.
struct WordClasses {
  uint8_t shape = 0;   // ShapeClass
  uint8_t casing = 0;  // 0 … kCasingBuckets-1
  uint8_t coarse = kCoarseNone;
  uint8_t frequent = 0;  // ClusterOf::rank
};
constexpr WordClasses kPadClasses{kPadClass, 0, kCoarsePad, kFrequentPad};

static_assert(kTemplateCount <= 32, "FeatureConfig::roles holds 32 templates");

// Which features the model uses. Stored in the model file (48 bytes, model/model.h).
struct FeatureConfig {
  // Per template: bit (r + kWindow) set when the template applies to the word at relative
  // position r; context templates use bit kWindow (on/off).
  std::array<uint8_t, 32> roles{};
  uint8_t max_prefix = 4;
  uint8_t max_suffix = 4;
  // Bit n (1 … 24): a kClusterPath feature of the path's first n bits.
  uint32_t cluster_prefixes = 0;

  bool Uses(Template t, int r) const { return roles[t] >> (r + kWindow) & 1; }
  // The configuration the shipped model was chosen with (see lexicons/model/README.md).
  static FeatureConfig Default();
  // Parses "form:-1,0,1 lower:-2..2 …" style overrides (the trainer's --features); throws Error.
  void Apply(std::string_view spec);
  std::string ToString() const;
};

// A word as the model sees it.
struct WordView {
  std::string_view form;  // normalised text of the token
  TokenKind kind = TokenKind::kWord;
};

// Whether tokens of this kind are seen only through their shape (and kind): numbers, URLs,
// e-mail addresses, hashtags, @mentions. There are very many of them, each rare; their form
// says nothing their shape does not.
inline bool ByShape(TokenKind k) {
  return k == TokenKind::kNumber || k == TokenKind::kUrl || k == TokenKind::kEmail ||
         k == TokenKind::kHashtag || k == TokenKind::kMention;
}

// One type feature of a word: its template and the hash of its value (GroupKey(tmpl, value)
// names it in the model).
struct TypeFeature {
  uint8_t tmpl;
  uint64_t value;
};

struct WordInfo {
  std::vector<TypeFeature> features;
  WordClasses classes;
};

// A feature as the model stores it: the key of its template and value, and the relative
// position (-kWindow … kWindow) it applies at. The model keeps, per key, one weight row for
// each position it has weights at (model/model.h), so that one lookup serves all positions.
struct FeatureRef {
  uint64_t group;
  int8_t r;
};
// The key of a type feature's template and value: Mix(value ^ salt of the template) | 1, the
// salts (Mix(kRoleSalt + 16·tmpl)) computed at compile time.
constexpr uint64_t kRoleSalt = 0x726F6C65ull;  // "role"
inline constexpr std::array<uint64_t, 32> kGroupSalts = [] {
  std::array<uint64_t, 32> salts{};
  for (uint64_t t = 0; t < salts.size(); ++t) salts[t] = Mix(kRoleSalt + t * 16);
  return salts;
}();
inline uint64_t GroupKey(uint8_t tmpl, uint64_t value) { return Mix(value ^ kGroupSalts[tmpl & 31]) | 1; }
// The key of a context feature with small index `index` (it applies at position 0).
uint64_t ContextKey(uint8_t tmpl, uint32_t index);
// One 64-bit key per feature and position: the trainer's name for a weight row.
inline uint64_t TrainingKey(const FeatureRef& f) {
  return Mix(f.group + uint64_t(f.r + kWindow + 1) * 0x9E3779B97F4A7C15ull);
}
// The size of a context template's index space.
uint32_t ContextSize(uint8_t tmpl);
// The position class of token i of n: 0 first, 1 second, 2 last, 3 other.
inline uint32_t PositionClass(size_t i, size_t n) { return i == 0 ? 0 : i == 1 ? 1 : i + 1 == n ? 2 : 3; }
// The index of context template tmpl at token i of n, from the words' classes.
inline uint32_t ContextIndex(uint8_t tmpl, const WordClasses* c, size_t i, size_t n) {
  const WordClasses& prev = i > 0 ? c[i - 1] : kPadClasses;
  const WordClasses& next = i + 1 < n ? c[i + 1] : kPadClasses;
  switch (tmpl) {
    case kPositionShape:
      return PositionClass(i, n) * kShapeClasses + c[i].shape;
    case kShapePrev:
      return uint32_t(prev.shape) * kShapeClasses + c[i].shape;
    case kShapeNext:
      return uint32_t(c[i].shape) * kShapeClasses + next.shape;
    case kPositionCasing:
      return PositionClass(i, n) * kCasingBuckets + c[i].casing;
    case kCoarsePrev:
      return uint32_t(prev.coarse) * kCoarseClasses + c[i].coarse;
    case kCoarseNext:
      return uint32_t(c[i].coarse) * kCoarseClasses + next.coarse;
    case kFrequentPrev:
      return uint32_t(prev.frequent) * kShapeClasses + c[i].shape;
    default:
      return uint32_t(c[i].shape) * kFrequentClasses + next.frequent;
  }
}

// The shape class of a token (0 … 15): lower word, Capitalised, ALLCAPS, single capital,
// mixed case, number, letters with digits, capitalised abbreviation or initial, lower-case
// abbreviation, quote, opening bracket, closing bracket, comma, final punctuation, other
// punctuation, anything else (URL, symbol …).
uint8_t ShapeClass(WordView w);
// The collapsed shape string of a form ("Xx", "X.X.", "d/d").
void Shape(std::string_view form, std::string& out);

// Computes features for a configuration. Immutable; thread-safe.
class FeatureExtractor {
 public:
  FeatureExtractor(const FeatureConfig& config, const WordFacts& facts, ClusterTable clusters);
  const FeatureConfig& config() const { return config_; }

  // The type features of one word (every template that applies at any position).
  void Analyze(WordView w, WordInfo& out) const;
  // The padding words' info (before: the sentence start, else its end).
  const WordInfo& Pad(bool before) const { return before ? pad_before_ : pad_after_; }

  // Every feature of token i of a sentence of n words, type and context features, appended
  // to `out` — the uncached path: training, and the tagger's check. `info` holds Analyze()
  // of each word of the sentence, `classes` their classes.
  void TokenFeatures(const WordInfo* info, const WordClasses* classes, size_t n, size_t i,
                     std::vector<FeatureRef>& out) const;

 private:
  FeatureConfig config_;
  const WordFacts& facts_;
  ClusterTable clusters_;
  std::array<uint64_t, kFactCount> fact_values_{};
  WordInfo pad_before_, pad_after_;
};

}  // namespace warta::model

#endif  // WARTA_MODEL_FEATURES_H_
