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
// Reads: doc.tokens, doc.sentences, doc.norm, doc.dateline, doc.title_span.
// Writes: doc.places; fills doc.token_keys of the tokens it looks up (Document::TokenKey).
// Built once from the Lexicon (lexicons/places/*); Run() is const and thread-safe.
#ifndef WARTA_STAGES_PLACES_H_
#define WARTA_STAGES_PLACES_H_

#include <memory>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class Gazetteer;

class PlaceFinder final : public Stage {
 public:
  // Throws Error naming file:line on an unusable lexicon row.
  explicit PlaceFinder(const Lexicon& lexicon);
  ~PlaceFinder() override;
  std::string_view name() const override { return "places"; }
  void Run(Document& doc) const override;

 private:
  std::unique_ptr<const Gazetteer> gazetteer_;
};

}  // namespace warta

#endif  // WARTA_STAGES_PLACES_H_
