// What warta's lexicons say about one word, as bits: the lexicon features of the entity model.
//   Of("kupang")  → kRegencyWhole | kDistrictWord | …   ("Kabupaten Kupang", "Kupang Barat" …)
//   Of("bupati")  → kRoleWhole | kPlaceCue
//   Of("indah")   → kCommon | kDistrictWord …          (a common word that also names places)
// Words are looked up in lower case (LowerWord). A multi-word entry marks its words: "Nusa
// Tenggara Timur" makes "nusa" kProvinceFirst and "tenggara", "timur" kProvinceWord; a
// one-word entry ("Bali") makes its word k…Whole.
// Reads (through Lexicon, once, at construction): places/{provinces,regencies,districts,
// countries,cities,aliases,cues}.tsv, organizations/{heads,institutions}.tsv,
// people/{honorifics,degrees,roles,org_heads,name_parts,not_names,speech_verbs}.tsv,
// words.tsv, months.tsv, dates/weekdays.tsv. Not people/name_evidence.tsv: its counts come
// from the labels of NER training sentences, which the model is trained on — a feature made
// from the answers would be trusted more in training than it deserves on new text. Nor
// places/villages.tsv: its 84k names gave no gain in cross-validation and cost 30 ms of start-up.
// This is the model's one seam to the word lists: when the stages share one word index,
// only this file changes. Immutable after construction; Of() is thread-safe.
#ifndef WARTA_MODEL_WORD_FACTS_H_
#define WARTA_MODEL_WORD_FACTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"

namespace warta::model {

// One bit per fact. The model's features name a fact by FactName(bit), not by its number,
// so bits may be renumbered freely; a fact renamed or added needs a retrained model.
enum Fact : uint32_t {
  kProvinceWhole,
  kProvinceFirst,
  kProvinceWord,
  kRegencyWhole,
  kRegencyFirst,
  kRegencyWord,
  kDistrictWhole,
  kDistrictFirst,
  kDistrictWord,
  kCountryWhole,
  kCountryFirst,
  kCountryWord,
  kCityWhole,
  kCityFirst,
  kCityWord,
  kAliasWhole,
  kAliasFirst,
  kPlaceCue,
  kStreetCue,
  kFacilityCue,
  kHonorific,
  kRank,
  kDegree,
  kRoleWhole,
  kRoleFirst,
  kOrgHead,
  kOrgHeadName,
  kOrgSuffix,
  kOrgWord,
  kRegionWord,
  kUnitWord,
  kCompass,
  kNamedAfter,
  kInstitutionWhole,
  kInstitutionFirst,
  kInstitutionWord,
  kNamePart,
  kNameParticle,
  kNotName,
  kCommon,
  kProperLemma,
  kSpeechVerb,
  kMonth,
  kWeekday,
  kFactCount
};

// "province-whole", "common" …: the value of the fact feature.
std::string_view FactName(uint32_t fact);

// Lower case as the model compares words: ASCII letters folded in place, other scripts
// through ICU (utf8::Lower). Allocates only for non-ASCII input.
void LowerWord(std::string_view word, std::string& out);

class WordFacts {
 public:
  // Throws Error naming the file (and line) when a list is missing or malformed.
  explicit WordFacts(const Lexicon& lexicon);
  // The facts of a lower-case word (one token, no spaces): bits 1 << Fact.
  uint64_t Of(std::string_view lower) const;
  size_t size() const { return count_; }

 private:
  void Add(std::string_view lower_word, uint64_t bits);
  // Marks every word of a lexicon name: whole, first or word bits of one list.
  void AddName(std::string_view name, Fact whole, Fact first, Fact word);
  void Grow();

  std::vector<uint64_t> keys_;  // HashBytes(lower, kSeed); 0 = empty slot
  std::vector<uint64_t> bits_;
  size_t count_ = 0;
};

}  // namespace warta::model

#endif  // WARTA_MODEL_WORD_FACTS_H_
