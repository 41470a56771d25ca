// Finds the parts of a release around its sentences: title, dateline, paragraphs.
//   "KPU NTT Hadiri …\nKupang, ntt.kpu.go.id — Komisi …"
//     title    "KPU NTT Hadiri …" (the first line, standing alone)
//     dateline {place "Kupang", outlet "ntt.kpu.go.id", span of "Kupang, ntt.kpu.go.id —"}
// Also recognised: "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "TEMPO.CO, Jakarta -",
// "Kupang – ", and a date after the place ("Jakarta, 27 Oktober 2025 -").
// Paragraphs: blank-line separated when the text has blank lines, else one per line.
// Reads: doc.text, doc.norm, doc.norm_map, doc.given_title.  Writes: doc.title, doc.title_span,
// doc.dateline, doc.paragraphs.
#ifndef WARTA_STAGES_STRUCTURE_H_
#define WARTA_STAGES_STRUCTURE_H_

#include <memory>
#include <unordered_map>

#include "lexicon.h"
#include "stage.h"

namespace re2 {
class RE2;
}

namespace warta {

class StructureFinder final : public Stage {
 public:
  explicit StructureFinder(const Lexicon& lexicon);  // reads months.tsv
  ~StructureFinder() override;
  std::string_view name() const override { return "structure"; }
  void Run(Document& doc) const override;

 private:
  void FindDateline(Document& doc, uint32_t body_start) const;
  std::unique_ptr<re2::RE2> dateline_;
  std::unordered_map<std::string, int> months_;  // lower-case month name or abbreviation → 1..12
};

}  // namespace warta

#endif  // WARTA_STAGES_STRUCTURE_H_
