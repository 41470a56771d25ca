// The labels of the entity model's sequences: O and, per entity type, B I (BIO) or B I L U (BILOU).
//   "kata Bupati Kupang Korinus Masneno ," BILOU → O O U-LOC B-PER L-PER O
// Numbering (types: person 0, place 1, organisation 2). BILOU: O 0, then B and U of each
// type (B-t = 1 + 2t, U-t = 2 + 2t), then I and L (I-t = 7 + 2t, L-t = 8 + 2t). BIO: O 0,
// B-t = 1 + t, I-t = 4 + t. Labels that may follow the same labels are neighbours: O, B, U
// all follow O, L or U; I and L of a type follow B or I of it. The tagger relies on this to
// treat them together (model/tagger.h), and the model file's rows are in this order.
#ifndef WARTA_MODEL_LABELS_H_
#define WARTA_MODEL_LABELS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "document.h"

namespace warta::model {

enum class Scheme : uint32_t { kBio = 0, kBilou = 1 };

constexpr int kTypes = 3;
constexpr int kMaxLabels = 1 + 4 * kTypes;

// A labelled span of a sentence: tokens [first, end) relative to the sentence.
struct LabelSpan {
  EntityType type;
  uint32_t first = 0, end = 0;
  friend bool operator==(const LabelSpan&, const LabelSpan&) = default;
};

class Labels {
 public:
  explicit Labels(Scheme scheme) : scheme_(scheme), per_type_(scheme == Scheme::kBio ? 2 : 4) {}
  Scheme scheme() const { return scheme_; }
  int count() const { return 1 + per_type_ * kTypes; }

  enum Part { kB = 0, kI = 1, kL = 2, kU = 3 };
  int Label(EntityType t, Part p) const {
    const int type = int(t);
    if (scheme_ == Scheme::kBio) return p == kB ? 1 + type : 4 + type;
    switch (p) {
      case kB:
        return 1 + 2 * type;
      case kU:
        return 2 + 2 * type;
      case kI:
        return 7 + 2 * type;
      default:
        return 8 + 2 * type;
    }
  }
  // The type and part of a label other than O.
  EntityType TypeOf(int label) const {
    if (scheme_ == Scheme::kBio) return EntityType((label - 1) % kTypes);
    return EntityType(((label - 1) % (2 * kTypes)) / 2);
  }
  Part PartOf(int label) const {
    if (scheme_ == Scheme::kBio) return label <= kTypes ? kB : kI;
    const bool second = (label - 1) % 2 == 1;
    return label <= 2 * kTypes ? (second ? kU : kB) : (second ? kL : kI);
  }

  // Whether label `to` may follow label `from`; from = -1 is the sentence start.
  bool Allowed(int from, int to) const {
    const bool inside_to = to != 0 && (PartOf(to) == kI || PartOf(to) == kL);
    const bool open_from =
        from > 0 && (PartOf(from) == kB || PartOf(from) == kI) && (scheme_ == Scheme::kBilou);
    if (scheme_ == Scheme::kBio) {
      if (to != 0 && PartOf(to) == kI) return from > 0 && TypeOf(from) == TypeOf(to);
      return true;
    }
    if (open_from) return inside_to && TypeOf(from) == TypeOf(to);
    return !inside_to;
  }
  // Whether a sentence may end after label `from`.
  bool AllowedEnd(int from) const {
    return scheme_ == Scheme::kBio || from == 0 || PartOf(from) == kL || PartOf(from) == kU;
  }

  // Labels for n tokens from spans (non-overlapping, in any order).
  void Encode(const std::vector<LabelSpan>& spans, uint32_t n, std::vector<int>& labels) const {
    labels.assign(n, 0);
    for (const LabelSpan& s : spans) {
      for (uint32_t i = s.first; i < s.end && i < n; ++i) {
        Part p = i == s.first ? kB : kI;
        if (scheme_ == Scheme::kBilou) {
          if (s.end - s.first == 1)
            p = kU;
          else if (i + 1 == s.end)
            p = kL;
        }
        labels[i] = Label(s.type, p);
      }
    }
  }
  // Spans of a label sequence. Ill-formed runs (I without B) open a span, as conlleval does.
  void Decode(const int* labels, uint32_t n, std::vector<LabelSpan>& spans) const {
    spans.clear();
    int open = -1;  // index into spans of the span still open, or -1
    for (uint32_t i = 0; i < n; ++i) {
      const int l = labels[i];
      if (l == 0) {
        open = -1;
        continue;
      }
      const EntityType t = TypeOf(l);
      const Part p = PartOf(l);
      const bool continues = open >= 0 && spans[open].type == t && (p == kI || p == kL);
      if (continues) {
        spans[open].end = i + 1;
      } else {
        spans.push_back({t, i, i + 1});
        open = int(spans.size()) - 1;
      }
      if (p == kL || p == kU) open = -1;
    }
  }
  std::string Name(int label) const {
    if (label == 0) return "O";
    static const char* kParts = "BILU";
    static const char* kTypeNames[] = {"PER", "LOC", "ORG"};
    return std::string(1, kParts[PartOf(label)]) + "-" + kTypeNames[int(TypeOf(label))];
  }

 private:
  Scheme scheme_;
  int per_type_;
};

}  // namespace warta::model

#endif  // WARTA_MODEL_LABELS_H_
