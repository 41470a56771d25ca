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

#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon.h"
#include "stage.h"

namespace warta {

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
  struct RolePhrase;  // a parsed role phrase
  struct Candidate;   // a possible name, with its evidence
  enum class RoleKind : uint8_t { kOffice, kRegion, kPerson };
  enum class OrgWord : uint8_t { kOrg, kRegion, kUnit };

  void Describe(const Document& doc, std::vector<Tok>& toks) const;
  bool ParseRole(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end,
                 RolePhrase& out) const;
  size_t NameEnd(const std::vector<Tok>& toks, size_t i, size_t end) const;
  size_t RegionEnd(const std::vector<Tok>& toks, size_t i, size_t end) const;
  size_t OrgEnd(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end) const;
  bool StartsName(const std::vector<Tok>& toks, size_t i, size_t end) const;
  bool InCommonOrUnit(const Tok& t) const;
  // The kind of an honorific ("courtesy", "rank" …), also written without its final period.
  const std::string* Honorific(std::string_view lower) const;
  template <class Map>
  size_t MatchPhrase(const Map& map, size_t max_words, const std::vector<Tok>& toks, size_t i,
                     size_t end, typename Map::mapped_type* value) const;

  std::unordered_set<std::string> common_;                 // lower-case lemmas
  std::unordered_map<std::string, Evidence> evidence_;     // lower-case word → counts
  std::unordered_map<std::string, std::string> honorifics_;  // lower-case form → kind
  std::unordered_set<std::string> degrees_;                // lower-case form, no spaces
  std::unordered_map<std::string, RoleKind> roles_;        // lower-case head phrase
  size_t max_role_words_ = 1;
  std::unordered_map<std::string, bool> modifiers_;        // lower-case → acting (else former)
  size_t max_modifier_words_ = 1;
  std::unordered_map<std::string, OrgWord> org_words_;
  std::unordered_set<std::string> name_parts_;             // lower-case (capitalised parts)
  std::unordered_set<std::string> particles_;              // lower-case connectors: bin, van
  std::unordered_set<std::string> not_names_;              // lower-case: weekdays, months …
  std::unordered_set<std::string> speech_after_;           // "ujar": the speaker follows
  std::unordered_set<std::string> speech_before_;          // "mengatakan": the speaker precedes
};

}  // namespace warta

#endif  // WARTA_STAGES_PEOPLE_H_
