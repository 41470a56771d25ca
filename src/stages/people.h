// Finds the people of a document, their titles, degrees and roles (jabatan).
//   "Plt. Sekretaris Komisi Pemilihan Umum Provinsi Kalimantan Timur M.Samsul Kadir, S.H., …"
//   → person "M.Samsul Kadir", degrees ["S.H."], role {title "Sekretaris",
//     organization "Komisi Pemilihan Umum Provinsi Kalimantan Timur", acting true}
//   "… ujar Reni." after "… KPU RI Reni Rinjani" → a second mention of Reni Rinjani.
// How: role phrases are parsed first (modifier, head, units, organisation: lexicons/people/
// roles.tsv, role_modifiers.tsv, org_heads.tsv), then capitalised name candidates are scored by
// context (a role, an honorific, a speech verb) and by the words they are made of (initials,
// name parts, how often a word names a person in NER training data, whether it is a common
// word of words.tsv or a place or organisation of doc.places / doc.organizations). Short
// mentions join the full name they are part of. The candidates and their evidence are kept
// apart from the decision (Candidate::score), so a learned scorer can replace the sum later.
// Reads: doc.tokens, doc.sentences, doc.norm, doc.places, doc.organizations.
// Writes: doc.people.
#ifndef WARTA_STAGES_PEOPLE_H_
#define WARTA_STAGES_PEOPLE_H_

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"

namespace warta {

// A read-only map from strings, kept as 64-bit hashes in one open-addressed array with a
// power-of-two size: the 31k lemmas of words.tsv fit in the L2 cache and a lookup is a probe
// or two, with no division and no string comparison. (A 64-bit FNV-1a collision between two
// words is vanishingly unlikely; it would only cost one name.)
template <class V>
class HashedWordMap {
 public:
  using mapped_type = V;
  // Hash(w) is Finish(Fold(kSeed, w)). Folding goes byte by byte, so a phrase can be hashed
  // word by word as it is read ("a", then " ", then "b" for "a b") without being built.
  static constexpr uint64_t kSeed = hash::kFnvBasis;
  static uint64_t Fold(uint64_t h, std::string_view w) { return hash::Fold(h, w); }
  static uint64_t Step(uint64_t h, unsigned char c) { return hash::Step(h, c); }  // one byte
  static uint64_t Finish(uint64_t h) { return h | 1; }  // never 0, the empty slot
  static uint64_t Hash(std::string_view w) { return Finish(Fold(kSeed, w)); }
  // Later entries for the same word replace earlier ones; use Get() to merge.
  V& operator[](std::string_view w) { return AtHash(Hash(w)); }
  // Empties the map, with room for slots / 2 words before it grows (slots: a power of two).
  void Reset(size_t slots) {
    hashes_.assign(slots, 0);
    values_.assign(slots, V{});
    used_ = 0;
  }
  const V* Find(std::string_view w) const { return FindHash(Hash(w)); }
  // The same lookups with h = Hash(w) computed once by the caller, for a word looked up in
  // several maps (every HashedWordMap hashes alike).
  const V* FindHash(uint64_t h) const {
    if (hashes_.empty()) return nullptr;
    size_t i = Slot(h);
    return hashes_[i] == 0 ? nullptr : &values_[i];
  }
  V& AtHash(uint64_t h) {
    if ((used_ + 1) * 2 > hashes_.size()) Grow();
    size_t i = Slot(h);
    if (hashes_[i] == 0) {
      hashes_[i] = h;
      ++used_;
    }
    return values_[i];
  }

 private:
  size_t Slot(uint64_t h) const {
    size_t mask = hashes_.size() - 1, i = h & mask;
    while (hashes_[i] != 0 && hashes_[i] != h) i = (i + 1) & mask;
    return i;
  }
  void Grow() {
    std::vector<uint64_t> old_h = std::move(hashes_);
    std::vector<V> old_v = std::move(values_);
    hashes_.assign(old_h.empty() ? 64 : old_h.size() * 2, 0);
    values_.assign(hashes_.size(), V{});
    for (size_t k = 0; k < old_h.size(); ++k)
      if (old_h[k]) {
        size_t i = Slot(old_h[k]);
        hashes_[i] = old_h[k];
        values_[i] = old_v[k];
      }
  }
  std::vector<uint64_t> hashes_;
  std::vector<V> values_;
  size_t used_ = 0;
};

class PeopleFinder final : public Stage {
 public:
  // Reads lexicons/people/*.tsv and words.tsv; throws Error on an unusable file.
  explicit PeopleFinder(const Lexicon& lexicon);
  std::string_view name() const override { return "people"; }
  void Run(Document& doc) const override;

  // True when `lower` (a lower-cased word) is a common Indonesian word: a lemma of words.tsv,
  // or one after taking off the usual affixes ("pemilihan" → "pilih").
  bool IsCommon(std::string_view lower) const;
  bool IsCommon(std::string_view lower, int depth) const;  // depth: affix layers still to take off

  struct Evidence {
    uint32_t person = 0;  // times the word was part of a person's name in the training data
    uint32_t other = 0;   // times it was capitalised mid-sentence and not a name
  };

 private:
  struct Tok;         // per-token facts of one document (people.cc)
  struct WordFacts;   // what a word not in lower-case ASCII says, in any document (people.cc)
  class WordMemo;     // per-thread memo of WordFacts (people.cc)
  struct RolePhrase;  // a parsed role phrase
  struct Candidate;   // a possible name, with its evidence
  enum class RoleKind : uint8_t { kOffice, kRegion, kPerson };
  enum class OrgWord : uint8_t { kOrg, kRegion, kUnit, kCompass, kNamed };

  // Fills toks (one per doc.tokens); lower-cased forms that differ from the text are in the
  // thread's WordMemo, valid until the next Describe, or in store when it has no room.
  // marks: in order, the tokens that are capitalised, initials or have lexicon flags, the only
  // ones that can start a role, a name or a region (the passes below skip the others).
  // Returns true when some sentence is a headline (Tok::headline).
  bool Describe(const Document& doc, std::vector<Tok>& toks, std::deque<std::string>& store,
                std::vector<uint32_t>& marks) const;
  // The facts of `word` (not lower-case ASCII); its lower-case form is put in `lower`, and
  // facts.lower is left for the caller to point at where it keeps it.
  void Study(std::string_view word, WordFacts& facts, std::string& lower) const;
  bool ParseRole(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end,
                 RolePhrase& out) const;
  size_t NameEnd(const std::vector<Tok>& toks, size_t i, size_t end) const;
  void KnownRegions(std::vector<Tok>& toks, const std::vector<uint32_t>& marks) const;
  void Caseless(std::vector<Tok>& toks) const;
  size_t RegionEnd(const std::vector<Tok>& toks, size_t i, size_t end) const;
  size_t OrgEnd(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end) const;
  bool StartsName(const std::vector<Tok>& toks, size_t i, size_t end) const;
  bool InCommonOrUnit(const Tok& t) const;
  template <class Map>
  size_t MatchPhrase(const Map& map, size_t max_words, const std::vector<Tok>& toks, size_t i,
                     size_t end, typename Map::mapped_type* value) const;

  // What the lexicons say about one lower-case word, looked up once per token.
  enum Flag : uint32_t {
    kRole = 1 << 0,          // a one-word role head: "ketua", "kapolda"
    kRoleFirst = 1 << 1,     // first word of a role head
    kModifierFirst = 1 << 2, // first word of a role modifier: "plt.", "mantan"
    kHonorific = 1 << 3,     // "bapak", "h.", "irjen" (also without its final period)
    kRankSuffix = 1 << 4,    // "pol.", "tni"
    kOrg = 1 << 5,           // opens an organisation: "komisi", "polda"
    kRegion = 1 << 6,        // region marker: "provinsi", "kota"
    kUnit = 1 << 7,          // unit inside an organisation: "divisi", "bagian"
    kNamePart = 1 << 8,      // "abdul", "ni", "gusti"
    kParticle = 1 << 9,      // "bin", "van"
    kNotName = 1 << 10,      // weekdays, months, "pemilu"
    kSpeechAfter = 1 << 11,  // "ujar": the speaker follows
    kSpeechBefore = 1 << 12, // "mengatakan": the speaker precedes
    kCompass = 1 << 13,      // continues a region name: "timur", "tenggara", "kota"
    kNamedAfter = 1 << 14,   // names a place after a person: "jalan", "rs", "bandara"
  };
  [[gnu::always_inline]] uint32_t FlagsOf(std::string_view lower) const {
    if (!flag_shapes_[Shape(lower)]) return 0;  // most words: no hashing
    const uint32_t* f = flags_.Find(lower);
    return f ? *f : 0;
  }
  // A word's first and last bytes and length, as an index into flag_shapes_.
  static size_t Shape(std::string_view w) {
    if (w.empty()) return 0;
    return (size_t(static_cast<unsigned char>(w.front()) & 31) << 9) |
           (size_t(static_cast<unsigned char>(w.back()) & 31) << 4) | std::min<size_t>(w.size(), 15);
  }

  uint64_t id_ = 0;  // unique per PeopleFinder: per-thread memos of another one are not reused
  HashedWordMap<uint32_t> flags_;  // small: the people lexicons only, so lookups stay in cache
  // The Shape() of every word in flags_: a lower-case word beside a capital is mostly not there,
  // and a clear bit says so for the price of three loads (2 KB, like the table, in cache).
  std::bitset<32 * 32 * 16> flag_shapes_;
  HashedWordMap<uint8_t> common_;             // lower-case lemmas (value 1)
  // A bit per 2^kCommonBits of the hashes of common_, by their high bits: most lookups, of the
  // stems IsCommon tries, find no lemma, and a clear bit in these 32 KB (in cache) says so
  // without a probe of common_'s 512 KB (a cache miss, most of IsCommon's time natively).
  static constexpr int kCommonBits = 18;
  std::vector<uint64_t> common_filter_ = std::vector<uint64_t>(size_t(1) << (kCommonBits - 6));
  static size_t CommonBit(uint64_t h) { return size_t(h >> (64 - kCommonBits)); }
  void AddCommon(uint64_t h) {  // h: HashedWordMap::Hash() of a lower-case lemma
    common_.AtHash(h) = 1;
    common_filter_[CommonBit(h) >> 6] |= uint64_t(1) << (CommonBit(h) & 63);
  }
  bool HasCommon(uint64_t h) const {
    return (common_filter_[CommonBit(h) >> 6] >> (CommonBit(h) & 63) & 1) && common_.FindHash(h);
  }
  HashedWordMap<Evidence> evidence_;          // lower-case word → counts
  HashedWordMap<uint8_t> degrees_;            // lower-case form, no spaces (value 1)
  HashedWordMap<RoleKind> roles_;             // lower-case head phrase
  size_t max_role_words_ = 1;
  HashedWordMap<uint8_t> modifiers_;          // lower-case → 1 acting, 0 former
  size_t max_modifier_words_ = 1;
};

}  // namespace warta

#endif  // WARTA_STAGES_PEOPLE_H_
