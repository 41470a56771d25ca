// What the people stage knows of words before it reads a document, loaded once from the lexicons.
//   lex.FlagsOf("ketua") & kRole                   "ketua" heads a role (people/roles.tsv)
//   lex.EvidenceOf(hash::Fnv1a("reni"))->person     times "reni" was part of a name in NER data
//   lex.Is(Cue::kPlaceNext, "di")                   "di Kupang" names a place (people/context.tsv)
//   lex.weights().initial == 2                      what an initial adds to a name's score
// Reads (once, while built): lexicons/people/{honorifics,degrees,roles,role_modifiers,org_heads,org_parts,
// name_parts,not_names,speech_verbs,name_evidence,context,weights}.tsv, months.tsv, and the
// shared word index (Lexicon::Index: words.tsv, affixes.tsv). Writes nothing of a document.
// Every table is keyed by hash::Fnv1a of a lower-case word or phrase (words joined by one
// space). Built once; read-only afterwards, from any thread.
#ifndef WARTA_STAGES_PEOPLE_LEXICON_H_
#define WARTA_STAGES_PEOPLE_LEXICON_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/shape_filter.h"
#include "text/word_index.h"

namespace warta::people {

// What the people lexicons say about one lower-case word (a bit set; a word may have several).
enum Flag : uint32_t {
  kRole = 1 << 0,           // a one-word role head: "ketua", "kapolda" (roles.tsv)
  kRoleFirst = 1 << 1,      // first word of a role head
  kModifierFirst = 1 << 2,  // first word of a role modifier: "plt.", "mantan" (role_modifiers.tsv)
  kHonorific = 1 << 3,      // "bapak", "h.", "irjen" (also without its final period; honorifics.tsv)
  kRankSuffix = 1 << 4,     // "pol.", "tni"
  kOrg = 1 << 5,            // opens an organisation: "komisi", "polda" (org_heads.tsv)
  kRegion = 1 << 6,         // region marker: "provinsi", "kota"
  kUnit = 1 << 7,           // unit inside an organisation: "divisi", "bagian"
  kNamePart = 1 << 8,       // "abdul", "ni", "gusti" (name_parts.tsv)
  kParticle = 1 << 9,       // "bin", "van"
  kNotName = 1 << 10,       // weekdays, months, "pemilu" (not_names.tsv, months.tsv)
  kSpeechAfter = 1 << 11,   // "ujar": the speaker follows (speech_verbs.tsv)
  kSpeechBefore = 1 << 12,  // "mengatakan": the speaker precedes
  kCompass = 1 << 13,       // continues a region name: "timur", "tenggara", "kota"
  kNamedAfter = 1 << 14,    // names a place after a person: "jalan", "rs", "bandara"
  kPart = 1 << 15,          // an organisation word naming a part of another: "sekretariat" (org_parts.tsv)
};
// Flags that say a word belongs to something other than a name: a role, an organisation, a region
// or a unit.
inline constexpr uint32_t kOfficeWords = kOrg | kRegion | kUnit | kRole;

// How often a word was part of a person's name in NER training data (name_evidence.tsv).
struct Evidence {
  uint32_t person = 0;  // times the word was part of a person's name
  uint32_t other = 0;   // times it was capitalised mid-sentence and not a name
};

// What a role head takes after it (roles.tsv).
enum class RoleKind : uint8_t {
  kOffice,  // units and an organisation: "Kepala Bagian Humas … KPU RI"
  kRegion,  // a region: "Bupati Kupang"
  kPerson,  // nothing: "kuasa hukum", "juru bicara"
};

// What a small function word says about the words beside it (people/context.tsv).
enum class Cue : uint8_t {
  kJoins,        // joins the words of a unit or organisation: "Humas dan Informasi Publik" (dan)
  kHolders,      // joins the holders of one role: "Anggota KPU RI A serta B" (dan, serta)
  kRoleNext,     // a role follows a name: "Reni selaku Kepala Bagian …" (selaku, sebagai)
  kSpeakerNext,  // the speaker follows: "menurut Reni"
  kPersonNext,   // a person follows: "oleh Reni", "bersama Reni"
  kPlaceNext,    // a place follows: "di Kupang", "ke Jakarta"
  kAdverb,       // stands between a name and its speech verb: "Audy juga berbagi"
  kNameLink,     // joins two forms of one name: "Budi alias Ucok"
  kCount,
};

// How much each piece of evidence counts for (> 0) or against (< 0) a name candidate
// (people/weights.tsv, one row per member, by its name). Each is added once per occurrence
// (people_names.h, NameFeatures); a candidate with no role, honorific or speech verb to vouch
// for it is a person when the sum is above 0.
struct Weights {
  // Per capitalised word or initial of the candidate:
  int initial = 0;             // "M." "A."
  int name_part = 0;           // "Abdul", "Ni", "Gusti"
  int non_name_word = 0;       // listed as a role, organisation, region, unit, honorific, rank, month …
  int named_word = 0;          // the NER data mostly saw it in names
  int weakly_named_word = 0;   // a common word seen in names more often than not ("Hamzah")
  int unnamed_word = 0;        // the NER data mostly saw it outside names
  int common_word = 0;         // a common word (words.tsv) with no evidence either way
  int unknown_in_company = 0;  // an unknown word beside other words ("Jemris Fointuna")
  // Per candidate:
  int plain_common_pair = 0;    // two common words or more: a title, not a name
  int lone_sentence_start = 0;  // one word, first of its sentence, nothing vouching
  int lone_short_word = 0;      // one word of one or two bytes
  int named_after = 0;          // after "Jalan", "RS", "Bandara": a place named after a person
  int headline = 0;             // in a headline, where every word has a capital
  int person_cue_before = 0;    // after "oleh", "bersama", "kepada", "dengan"
  int place_cue_before = 0;     // after "di", "ke", "dari"
  int common_word_before = 0;   // one word after a lower-case common word ("aplikasi Zoom")
  int speech_verb_after = 0;    // before a speech verb: "Reni menegaskan"
  int acronym_after = 0;        // before an acronym: "Bakohumas KPU"
};

class PeopleLexicon {
 public:
  // Throws Error naming file:line on an unusable row, or the file when a weight is missing.
  PeopleLexicon(const Lexicon& lexicon, StageSettings settings);

  // The Flag bits of a lower-case word, 0 for most. Fast path: the shape filter turns away most
  // words without hashing them; StageSettings::fast_paths = false probes the table for each.
  [[gnu::always_inline]] uint32_t FlagsOf(std::string_view lower) const {
    return fast_paths_ ? FlagsOf<true>(lower) : FlagsOf<false>(lower);
  }
  // The same with the path chosen by the caller (kFast == fast_paths()), for a loop that has
  // chosen it once.
  template <bool kFast>
  [[gnu::always_inline]] uint32_t FlagsOf(std::string_view lower) const {
    if (kFast && !flag_shapes_.MayContain(lower)) return 0;
    return FlagsOfKey(hash::Fnv1a(lower));
  }
  // The same by the word's hash::Fnv1a, with no filter (for a word hashed already).
  uint32_t FlagsOfKey(uint64_t h) const {
    const uint32_t* f = flags_.Find(h);
    return f ? *f : 0;
  }
  // The name evidence of a lower-case word by its hash::Fnv1a, or null.
  const Evidence* EvidenceOf(uint64_t h) const { return evidence_.Find(h); }
  // True when a lower-case word is a common word, with affixes taken off (WordIndex::IsCommonWord).
  bool IsCommon(std::string_view lower) const { return words_->IsCommonWord(lower, probe_); }
  // True when a lower-case word is itself a common lemma of words.tsv (no affixes taken off).
  bool IsCommonLemma(std::string_view lower) const {
    return words_->Has(hash::Fnv1a(lower), WordIndex::kCommon, probe_);
  }
  // True when the hash::Fnv1a of a lower-case form with no spaces is a degree ("s.h.", "m.si").
  bool IsDegree(uint64_t h) const { return degrees_.Contains(h); }
  // The same, with the periods and commas left out of both ("sh" of "SH." and "S.H.", "msi" of
  // "M,Si" and "M.Si."): degrees as they are often typed.
  bool IsBareDegree(uint64_t h) const { return bare_degrees_.Contains(h); }
  // Role heads (lower-case phrase → kind) and the most words one has.
  const HashTable<RoleKind>& role_heads() const { return roles_; }
  size_t max_role_words() const { return max_role_words_; }
  // Role modifiers (lower-case phrase → 1 acting, 0 former) and the most words one has.
  const HashTable<uint8_t>& modifiers() const { return modifiers_; }
  size_t max_modifier_words() const { return max_modifier_words_; }
  // True when the lower-case word w is a context word of kind `cue` (a scan of a few words).
  bool Is(Cue cue, std::string_view w) const {
    for (const std::string& x : cues_[size_t(cue)])
      if (x == w) return true;
    return false;
  }
  const Weights& weights() const { return weights_; }
  // The canonical name of a well-known public figure written as `name` (the whole name, in
  // lower case: "jokowi" → "Joko Widodo"), else null (people/aliases.tsv; an alias of one word
  // in initials, "JK", needs more than the word and is not read).
  const std::string* Canonical(std::string_view lower_name) const {
    for (const auto& [alias, canonical] : aliases_)
      if (alias == lower_name) return &canonical;
    return nullptr;
  }

  // False when the stage takes the plain path everywhere (StageSettings::fast_paths).
  bool fast_paths() const { return fast_paths_; }
  // Unique per PeopleLexicon: a per-thread memo learnt under another one is not reused.
  uint64_t id() const { return id_; }

 private:
  void LoadFlags(const Lexicon& lexicon);
  void LoadRoles(const Lexicon& lexicon);
  void LoadCues(const Lexicon& lexicon);
  void LoadWeights(const Lexicon& lexicon);
  void LoadAliases(const Lexicon& lexicon);
  std::vector<std::pair<std::string, std::string>> aliases_;  // lower-case alias, canonical name
  uint32_t& Flags(std::string_view lower);  // set-up: the flags of a word, inserted as 0

  uint64_t id_ = 0;
  bool fast_paths_ = true;
  WordIndex::Probe probe_ = WordIndex::Probe::kFiltered;
  HashTable<uint32_t> flags_;  // small: the people lexicons only, so lookups stay in cache
  // The shape of every word in flags_: a lower-case word beside a capital is mostly not there,
  // and a clear bit says so for the price of a few loads (4 KB, like the table, in cache).
  ShapeFilter flag_shapes_;
  std::shared_ptr<const WordIndex> words_;  // the lexicons' word index: common words
  HashTable<Evidence> evidence_;            // name_evidence.tsv
  HashTable<uint8_t> degrees_;              // lower-case form, no spaces (value 1)
  HashTable<uint8_t> bare_degrees_;         // … and no periods or commas
  HashTable<RoleKind> roles_;               // lower-case head phrase
  size_t max_role_words_ = 1;
  HashTable<uint8_t> modifiers_;  // lower-case → 1 acting, 0 former
  size_t max_modifier_words_ = 1;
  std::array<std::vector<std::string>, size_t(Cue::kCount)> cues_;  // the words of each Cue
  Weights weights_;
};

}  // namespace warta::people

#endif  // WARTA_STAGES_PEOPLE_LEXICON_H_
