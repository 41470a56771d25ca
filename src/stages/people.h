// Finds the people of a document, their titles, degrees and roles (jabatan).
//   "Plt. Sekretaris Komisi Pemilihan Umum Provinsi Kalimantan Timur M.Samsul Kadir, S.H., …"
//   → person "M.Samsul Kadir", degrees ["S.H."], role {title "Sekretaris",
//     organization "Komisi Pemilihan Umum Provinsi Kalimantan Timur", acting true}
//   "… ujar Reni." after "… KPU RI Reni Rinjani" → a second mention of Reni Rinjani.
// How, in six phases over one scratch space per thread (people.cc, Run):
//   1. token facts (people_words.h): what each token is and what the lexicons say of it;
//   2. role phrases (people_roles.h): modifier, head, units, organisation, region;
//   3. name candidates (people_names.h): capitalised runs, with honorifics and degrees;
//   4. evidence: NameFeatures of each candidate, summed with the weights of
//      lexicons/people/weights.tsv (the features are kept apart from the decision, so that a
//      learned scorer can replace the sum without touching the parse);
//   5. roles vouch for the names beside them;
//   6. decision and people (people_mentions.h): short mentions join the full name they are
//      part of, headline capitals join a name of the body.
// The lexicons: people_lexicon.h (lexicons/people/*.tsv, months.tsv, and the shared word index:
// words.tsv, affixes.tsv).
// Reads: doc.tokens, doc.sentences, doc.norm, doc.text (honorifics, degrees and roles as
// written), doc.dates (no name inside a date), doc.places and doc.organizations (their mentions),
// doc.entity_spans (the trained tagger's names: bounds, and a person's score).
// Writes: doc.people (left as it was when the document has no name candidate).
// Built once; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_PEOPLE_H_
#define WARTA_STAGES_PEOPLE_H_

#include <memory>
#include <string_view>

#include "lexicon.h"
#include "stage.h"

namespace warta {

namespace people {
class PeopleLexicon;
}

class PeopleFinder final : public Stage {
 public:
  // Reads lexicons/people/*.tsv and months.tsv, and keeps the word index (Lexicon::Index);
  // throws Error naming file:line on an unusable row. `settings.fast_paths = false` makes every
  // phase take its plain path (for tests that compare the two).
  explicit PeopleFinder(const Lexicon& lexicon, StageSettings settings = {});
  ~PeopleFinder() override;
  std::string_view name() const override { return "people"; }
  void Run(Document& doc) const override;

 private:
  std::unique_ptr<const people::PeopleLexicon> lexicon_;
};

}  // namespace warta

#endif  // WARTA_STAGES_PEOPLE_H_
