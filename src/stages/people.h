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
// Reads: doc.tokens, doc.sentences, doc.norm, doc.text (honorifics, degrees and roles as
// written), doc.dates (no name inside a date), doc.places, doc.organizations.
// Writes: doc.people.
#ifndef WARTA_STAGES_PEOPLE_H_
#define WARTA_STAGES_PEOPLE_H_

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/shape_filter.h"
#include "text/word_index.h"

namespace warta {

class PeopleFinder final : public Stage {
 public:
  // Reads lexicons/people/*.tsv and months.tsv, and keeps the word index (Lexicon::Index:
  // words.tsv); throws Error on an unusable file.
  explicit PeopleFinder(const Lexicon& lexicon);
  std::string_view name() const override { return "people"; }
  void Run(Document& doc) const override;

  // True when `lower` (a lower-cased word) is a common Indonesian word: a lemma of words.tsv,
  // or one after taking off the usual affixes ("pemilihan" → "pilih").
  bool IsCommon(std::string_view lower) const;

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
    if (!flag_shapes_.MayContain(lower)) return 0;  // most words: no hashing
    const uint32_t* f = flags_.Find(hash::Fnv1a(lower));
    return f ? *f : 0;
  }
  // Whether a lower-case word is a common word (WordIndex::kCommon), by its hash::Fnv1a.
  bool HasCommon(uint64_t h) const { return words_->Has(h, WordIndex::kCommon); }

  uint64_t id_ = 0;  // unique per PeopleFinder: per-thread memos of another one are not reused
  // Every table is keyed by hash::Fnv1a of the lower-case word or phrase.
  HashTable<uint32_t> flags_;  // small: the people lexicons only, so lookups stay in cache
  // The shape of every word in flags_: a lower-case word beside a capital is mostly not there,
  // and a clear bit says so for the price of a few loads (4 KB, like the table, in cache).
  ShapeFilter flag_shapes_;
  std::shared_ptr<const WordIndex> words_;  // the lexicons' word index: common words
  HashTable<Evidence> evidence_;          // lower-case word → counts
  HashTable<uint8_t> degrees_;            // lower-case form, no spaces (value 1)
  HashTable<RoleKind> roles_;             // lower-case head phrase
  size_t max_role_words_ = 1;
  HashTable<uint8_t> modifiers_;          // lower-case → 1 acting, 0 former
  size_t max_modifier_words_ = 1;
};

}  // namespace warta

#endif  // WARTA_STAGES_PEOPLE_H_
