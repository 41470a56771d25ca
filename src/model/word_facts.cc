#include "model/word_facts.h"

#include <array>

#include "model/hash.h"
#include "text/utf8.h"

namespace warta::model {

namespace {

constexpr uint64_t kSeed = 0x6661637473ull;  // "facts"

constexpr std::array<std::string_view, kFactCount> kNames = {
    "province-whole",   "province-first", "province-word",  "regency-whole",     "regency-first",
    "regency-word",     "district-whole", "district-first", "district-word",     "country-whole",
    "country-first",    "country-word",   "city-whole",     "city-first",        "city-word",
    "alias-whole",      "alias-first",    "place-cue",      "street-cue",        "facility-cue",
    "honorific",        "rank",           "degree",         "role-whole",        "role-first",
    "org-head",         "org-head-name",  "org-suffix",     "org-word",          "region-word",
    "unit-word",        "compass",        "named-after",    "institution-whole", "institution-first",
    "institution-word", "name-part",      "name-particle",  "not-name",          "common",
    "proper-lemma",     "speech-verb",    "month",          "weekday",
};

constexpr uint64_t Bit(Fact f) { return uint64_t(1) << f; }

// The words of a name, split at spaces.
template <typename F>
void ForEachWord(std::string_view name, F f) {
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    size_t j = i;
    while (j < name.size() && name[j] != ' ') ++j;
    if (j > i) f(name.substr(i, j - i));
    i = j;
  }
}

}  // namespace

std::string_view FactName(uint32_t fact) { return fact < kFactCount ? kNames[fact] : "?"; }

void LowerWord(std::string_view word, std::string& out) {
  out.assign(word);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out = utf8::Lower(word);
      return;
    }
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  }
}

WordFacts::WordFacts(const Lexicon& lexicon) {
  keys_.assign(size_t(1) << 17, 0);
  bits_.assign(keys_.size(), 0);

  for (const auto& row : lexicon.Rows("places/provinces.tsv", 2))
    AddName(row.fields[1], kProvinceWhole, kProvinceFirst, kProvinceWord);
  for (const auto& row : lexicon.Rows("places/regencies.tsv", 2)) {
    std::string_view name = row.fields[1];
    for (std::string_view level : {"Kabupaten ", "Kota "})
      if (name.substr(0, level.size()) == level) name.remove_prefix(level.size());
    AddName(name, kRegencyWhole, kRegencyFirst, kRegencyWord);
  }
  for (const auto& row : lexicon.Rows("places/districts.tsv", 2))
    AddName(row.fields[1], kDistrictWhole, kDistrictFirst, kDistrictWord);
  for (const auto& row : lexicon.Rows("places/countries.tsv", 2))
    AddName(row.fields[1], kCountryWhole, kCountryFirst, kCountryWord);
  for (const auto& row : lexicon.Rows("places/cities.tsv", 1))
    AddName(row.fields[0], kCityWhole, kCityFirst, kCityWord);
  for (const auto& row : lexicon.Rows("places/aliases.tsv", 1))
    AddName(row.fields[0], kAliasWhole, kAliasFirst, kAliasFirst);
  for (const auto& row : lexicon.Rows("places/cues.tsv", 2)) {
    const std::string& kind = row.fields[1];
    const Fact f = kind == "jalan" ? kStreetCue : kind == "lain" ? kFacilityCue : kPlaceCue;
    if (kind != "stop") AddName(row.fields[0], f, f, f);
  }

  for (const auto& row : lexicon.Rows("organizations/heads.tsv", 2)) {
    const std::string& kind = row.fields[1];
    const Fact f = kind == "suffix" ? kOrgSuffix : kind == "name" ? kOrgHeadName : kOrgHead;
    AddName(row.fields[0], f, f, f);
  }
  for (const auto& row : lexicon.Rows("organizations/institutions.tsv", 1))
    AddName(row.fields[0], kInstitutionWhole, kInstitutionFirst, kInstitutionWord);

  for (const auto& row : lexicon.Rows("people/honorifics.tsv", 2)) {
    const std::string& kind = row.fields[1];
    const Fact f = kind.substr(0, 4) == "rank" ? kRank : kHonorific;
    AddName(row.fields[0], f, f, f);
  }
  for (const auto& row : lexicon.Rows("people/degrees.tsv", 1))
    AddName(row.fields[0], kDegree, kDegree, kDegree);
  for (const auto& row : lexicon.Rows("people/roles.tsv", 1))
    AddName(row.fields[0], kRoleWhole, kRoleFirst, kRoleFirst);
  for (const auto& row : lexicon.Rows("people/org_heads.tsv", 2)) {
    const std::string& kind = row.fields[1];
    const Fact f = kind == "org"       ? kOrgWord
                   : kind == "region"  ? kRegionWord
                   : kind == "unit"    ? kUnitWord
                   : kind == "compass" ? kCompass
                                       : kNamedAfter;
    AddName(row.fields[0], f, f, f);
  }
  for (const auto& row : lexicon.Rows("people/name_parts.tsv", 2)) {
    const Fact f = row.fields[1] == "particle" ? kNameParticle : kNamePart;
    AddName(row.fields[0], f, f, f);
  }
  for (const auto& row : lexicon.Rows("people/not_names.tsv", 1))
    AddName(row.fields[0], kNotName, kNotName, kNotName);
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 1))
    AddName(row.fields[0], kSpeechVerb, kSpeechVerb, kSpeechVerb);
  for (const auto& row : lexicon.Rows("months.tsv", 1)) AddName(row.fields[0], kMonth, kMonth, kMonth);
  for (const auto& row : lexicon.Rows("dates/weekdays.tsv", 1))
    AddName(row.fields[0], kWeekday, kWeekday, kWeekday);

  // words.tsv: hunspell lemmas; a capitalised lemma is a proper noun of the dictionary
  // ("Jakarta", "Islam"), told apart from the common words.
  std::string lower;
  for (const auto& row : lexicon.Rows("words.tsv", 1)) {
    const std::string& w = row.fields[0];
    if (w.empty() || w[0] == '-') continue;
    const bool proper = w[0] >= 'A' && w[0] <= 'Z';
    ForEachWord(w, [&](std::string_view word) {
      LowerWord(word, lower);
      Add(lower, proper ? Bit(kProperLemma) : Bit(kCommon));
    });
  }
}

void WordFacts::AddName(std::string_view name, Fact whole, Fact first, Fact word) {
  size_t words = 0;
  ForEachWord(name, [&](std::string_view) { ++words; });
  size_t k = 0;
  std::string lower;
  ForEachWord(name, [&](std::string_view w) {
    LowerWord(w, lower);
    Add(lower, Bit(words == 1 ? whole : k == 0 ? first : word));
    ++k;
  });
}

void WordFacts::Add(std::string_view lower_word, uint64_t bits) {
  if ((count_ + 1) * 2 > keys_.size()) Grow();
  uint64_t key = HashBytes(lower_word, kSeed) | 1;
  const size_t mask = keys_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) {
      bits_[i] |= bits;
      return;
    }
    if (keys_[i] == 0) {
      keys_[i] = key;
      bits_[i] = bits;
      ++count_;
      return;
    }
  }
}

void WordFacts::Grow() {
  std::vector<uint64_t> keys(keys_.size() * 2, 0), bits(keys.size(), 0);
  const size_t mask = keys.size() - 1;
  for (size_t j = 0; j < keys_.size(); ++j) {
    if (!keys_[j]) continue;
    size_t i = keys_[j] & mask;
    while (keys[i]) i = (i + 1) & mask;
    keys[i] = keys_[j];
    bits[i] = bits_[j];
  }
  keys_.swap(keys);
  bits_.swap(bits);
}

uint64_t WordFacts::Of(std::string_view lower) const {
  const uint64_t key = HashBytes(lower, kSeed) | 1;
  const size_t mask = keys_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return bits_[i];
    if (keys_[i] == 0) return 0;
  }
}

}  // namespace warta::model
