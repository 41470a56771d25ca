// Finds places and resolves them to the official Kemendagri areas (codes of 2025).
//   "Kupang, ntt.kpu.go.id — … KPU Provinsi NTT … Kabupaten Kupang … Desa Oelnasi"
//     Kupang (dateline)  → Kota Kupang, kota, 53.71, Nusa Tenggara Timur
//     NTT                → Nusa Tenggara Timur, provinsi, 53
//     Kabupaten Kupang   → Kabupaten Kupang, kabupaten, 53.01
// Provinces, regencies, countries, foreign cities and the curated aliases ("Kaltim", "Solo")
// are found wherever they are written with a capital; kecamatan and desa/kelurahan names only
// after a cue ("Kec.", "Desa") or when their regency (or kecamatan) is named in the document,
// because thousands of village names are ordinary words or personal names. Streets ("Jl. …")
// and named facilities ("Bandara …", "Pulau …") are places of type `lain` without a code.
// A name shared by several areas is resolved by its cue, then the dateline (a city), then the
// provinces named in the document, then population. Every mention is a byte Span into
// doc.text on token boundaries; places inside organisation names are places too.
// Phases of Run (places.cc, one method each): ReadTokens (sentence ends, capitals, the tokens
// a name may start at, the dateline's tokens) → FindNames (pass 1: cues, strong names,
// streets and facilities, each with its candidate areas) → ReadContext (the provinces and
// regencies named without ambiguity) → ChooseAreas → ExtendContext (the regencies and
// districts of the chosen areas) → FindLocalNames (pass 2: bare kecamatan and desa names of
// those areas) → AddDatelinePlace → Emit (one Place per area, mentions in text order).
// Reads: doc.tokens, doc.sentences, doc.norm (and its Unicode case), doc.dateline (place,
// place_span), doc.title_span.
// Writes: doc.places (appended; mentions are byte spans of doc.text on token boundaries, the
// dateline's its place_span); fills doc.token_keys of the tokens it looks up
// (Document::TokenKey), except with StageSettings::fast_paths off.
// Built once from the Lexicon (lexicons/places/*.tsv, lexicons/organizations/heads.tsv, the
// word index of words.tsv); Run() is const and thread-safe.
#ifndef WARTA_STAGES_PLACES_H_
#define WARTA_STAGES_PLACES_H_

#include <memory>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class Gazetteer;

class PlaceFinder final : public Stage {
 public:
  // Throws Error naming file:line on an unusable lexicon row. settings.fast_paths = false: the
  // plain path everywhere (no first-byte, first-word, three-byte or key filter before a
  // lookup, no memo of token keys or parent codes), for tests to compare; same output.
  explicit PlaceFinder(const Lexicon& lexicon, StageSettings settings = {});
  ~PlaceFinder() override;
  std::string_view name() const override { return "places"; }
  void Run(Document& doc) const override;

 private:
  StageSettings settings_;
  std::unique_ptr<const Gazetteer> gazetteer_;
};

}  // namespace warta

#endif  // WARTA_STAGES_PLACES_H_
