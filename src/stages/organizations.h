// Finds organisations and binds their names, acronyms and regions.
//   "Komisi Pemilihan Umum (KPU) Provinsi Nusa Tenggara Timur … KPU Provinsi NTT … KPU NTT"
//     → one body: name "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur", acronym "KPU",
//       region "Provinsi Nusa Tenggara Timur", place_code "53", three mentions (full spans)
//   "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kupang" → a pattern (head "Dinas")
// Sources of a mention: the curated lexicon (lexicons/organizations/institutions.tsv: state
// bodies, the cabinet of October 2024, parties, universities, companies, media), a head word
// followed by a name (lexicons/organizations/heads.tsv: "Kementerian X", "Universitas X",
// "PT X Tbk"), and acronyms the text defines ("Badan Gizi Nasional (BGN)", then "BGN").
// A regional body keeps the place that follows it ("KPU Kabupaten Kupang", "Bawaslu Kaltim",
// "KPU RI") in its mention, region and place_code; that place stays a place mention too.
// Capitalised words alone never make an organisation, nor do role words ("Ketua", "Kepala").
// Candidates are scored by rules only; a learned scorer could rank the same candidates later.
// Phases of Run (organizations.cc, one method each): MapPlaces (the place mention starting at
// each token, and the tokens inside an area's name) → ReadTokens (sentence ends, capitals, the
// tokens a hit may start at) → FindHits (at each start: a lexicon form, a head word and its
// name, a name closed by a suffix word, a head and words defining an acronym, an acronym
// defined earlier; the longest wins, a regional body takes the place after it, a bracketed
// acronym is defined) → Merge (one organisation per name and region).
// Reads: doc.tokens, doc.sentences, doc.norm, doc.title_span, doc.places (type, name, code,
// mentions).
// Writes: doc.organizations (appended; mentions are byte spans of doc.text on token
// boundaries); fills doc.token_keys of the tokens it looks up (Document::TokenKey), except
// with StageSettings::fast_paths off.
// Built once from the Lexicon (lexicons/organizations/institutions.tsv, brands.tsv, heads.tsv, named_heads.tsv, the
// admin cues of lexicons/places/cues.tsv, the word index of words.tsv); Run() is const and
// thread-safe.
#ifndef WARTA_STAGES_ORGANIZATIONS_H_
#define WARTA_STAGES_ORGANIZATIONS_H_

#include <memory>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class OrganizationLexicon;

class OrganizationFinder final : public Stage {
 public:
  // Throws Error naming file:line on an unusable lexicon row. settings.fast_paths = false: the
  // plain path everywhere (no first-byte, first-word, three-byte or two-byte filter before a
  // lookup, no galloping search, no memo of token keys, common words or the title's case), for
  // tests to compare; same output.
  explicit OrganizationFinder(const Lexicon& lexicon, StageSettings settings = {});
  ~OrganizationFinder() override;
  std::string_view name() const override { return "organizations"; }
  void Run(Document& doc) const override;

 private:
  StageSettings settings_;
  std::unique_ptr<const OrganizationLexicon> lexicon_;
};

}  // namespace warta

#endif  // WARTA_STAGES_ORGANIZATIONS_H_
