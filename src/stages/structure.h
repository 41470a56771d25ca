// Finds the parts of a release around its sentences: title, dateline, paragraphs.
//   "KPU NTT Hadiri …\nKupang, ntt.kpu.go.id — Komisi …"
//     title    "KPU NTT Hadiri …" (the first line, standing alone)
//     dateline {place "Kupang", outlet "ntt.kpu.go.id", span of "Kupang, ntt.kpu.go.id —"}
// Also recognised: "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "TEMPO.CO, Jakarta -",
// "Kupang – ", and a date after the place ("Jakarta, 27 Oktober 2025 -").
// Paragraphs: blank-line separated when the text has blank lines, else one per line.
// Three phases, in this order: FindParagraphs, FindTitle, FindDateline (which asks the
// dateline grammar, ParseDateline, about the opening of the body).
// Reads: doc.text, doc.norm, doc.norm_map, doc.given_title.  Writes: doc.title, doc.title_span,
// doc.dateline, doc.paragraphs.
// Fast paths (skipped for their plain twin when StageSettings::fast_paths is false): lines
// cut at the '\n's memchr finds in a text without '\r' (else a byte at a time); the body's
// norm position taken as its text position when the norm is the text (else a binary search
// of the norm map).
#ifndef WARTA_STAGES_STRUCTURE_H_
#define WARTA_STAGES_STRUCTURE_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "lexicon.h"
#include "stage.h"

namespace re2 {
class RE2;
}

namespace warta {

class StructureFinder final : public Stage {
 public:
  explicit StructureFinder(const Lexicon& lexicon, StageSettings settings = {});  // reads months.tsv
  ~StructureFinder() override;
  std::string_view name() const override { return "structure"; }
  void Run(Document& doc) const override;

 private:
  // Bytes [start, start + size) of the text a grammar was given.
  struct Piece {
    size_t start = 0;
    size_t size = 0;
  };
  // A dateline read at the start of the body, in bytes of what the grammar was given.
  struct DatelineParse {
    size_t length = 0;              // the dateline, through its final dash (no trailing space)
    Piece place;                    // "Kupang": never empty
    std::optional<Piece> outlet;    // "ntt.kpu.go.id", "ANTARA", "TEMPO.CO"
    std::optional<CivilDate> date;  // a valid date written after the place
  };
  // How much of the body's opening the dateline grammar reads (norm bytes).
  static constexpr size_t kDatelineWindow = 200;

  // Phase 1. doc.text → doc.paragraphs (text spans, trimmed of spaces and tabs).
  void FindParagraphs(Document& doc) const;
  // Phase 2. doc.paragraphs, doc.given_title → doc.title, doc.title_span. Returns the text
  // byte where the body starts: the second paragraph's after a title line, else the first's.
  static uint32_t FindTitle(Document& doc);
  // Phase 3. The dateline at the body's start → doc.dateline (text spans), when there is one.
  void FindDateline(Document& doc, uint32_t body_start) const;
  // The first norm byte that maps at or after text byte body_start.
  uint32_t NormStart(const Document& doc, uint32_t body_start) const;
  // The dateline grammar: the dateline that `opening` starts with, or nullopt. `opening` is the
  // norm from the body's start (dashes "-", quotes straight, NFC), at most kDatelineWindow
  // bytes. A dateline is [outlet-domain ", "] place ["(" outlet ")"] [", " outlet]
  // [", " [weekday ","] day month year] " -", and a lower-case letter does not follow it.
  // (Reads nothing of the document: a richer grammar, with lexicons of outlets and places,
  // takes its place with the same contract.)
  std::optional<DatelineParse> ParseDateline(std::string_view opening) const;

  bool fast_paths_;  // StageSettings::fast_paths
  std::unique_ptr<re2::RE2> dateline_;
  std::unordered_map<std::string, int> months_;  // lower-case month name or abbreviation → 1..12
};

}  // namespace warta

#endif  // WARTA_STAGES_STRUCTURE_H_
