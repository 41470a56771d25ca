// Finds the parts of a release around its sentences: title, dateline, paragraphs.
//   "KPU NTT Hadiri …\nKupang, ntt.kpu.go.id — Komisi …"
//     title    "KPU NTT Hadiri …" (the first line, standing alone)
//     dateline {place "Kupang", outlet "ntt.kpu.go.id", span of "Kupang, ntt.kpu.go.id —"}
// Also recognised: "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "TEMPO.CO, Jakarta -",
// "Kupang – ", "KASONGAN–Bupati", "ABDYAKITA.COM, (BLANGPIDIE) –" (the place in brackets after a
// domain), "Kolaka_Harian-RI.com -", "Rokan Hulu-Ameranews.com, Rapat …", "TOTABUANKINI, Bolsel –"
// and "Kabar Marapu, Jakarta –" (an outlet name first: the gazetteer tells the place), a date
// after the place ("Jakarta, 27 Oktober 2025 -"), and a dated place alone on its line
// ("Jakarta, 12 Juni 2025").
// Paragraphs: blank-line separated when the text has blank lines between hard-wrapped lines,
// else one per line (a text of long lines with a blank-separated signature block below it
// keeps one paragraph per line).
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
#include <unordered_set>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class StructureFinder final : public Stage {
 public:
  // Reads months.tsv and the place names of places/ (see places_).
  explicit StructureFinder(const Lexicon& lexicon, StageSettings settings = {});
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
  // bytes. A dateline is one to three parts, then an optional date, then its end:
  //   part:  a domain ("bawaslu.go.id", "Harian-RI.com"), a name of up to four capitalised
  //          words ("Rokan Hulu", "TOTABUANKINI"), or either in brackets ("(MEDAN)", "(ANTARA)");
  //          parts are joined by ", ", by "_" ("Kolaka_Harian-RI.com"), by " " before a bracket,
  //          and a name by "-" to a domain ("Rokan Hulu-Ameranews.com");
  //   date:  ", " [weekday ","] day month year;
  //   end:   a dash ("-", "--", "---") followed by a space, a line end or the text's end, or by a
  //          capital right after an upper-case place ("KASONGAN-Adanya"); a comma after a
  //          domain joined by "-" or "_"; or, after a date, the end of the line.
  // What follows begins a sentence: not a lower-case letter. The place is the one name (or the
  // bracket after a domain); of two names, the one the gazetteer knows, else the second when the
  // first is upper case and the second is not ("TOTABUANKINI, Bolsel"), else the first. The
  // other part, if any, is the outlet.
  std::optional<DatelineParse> ParseDateline(std::string_view opening) const;
  // The grammar once: name_first, the first part is read as a name even where a domain could
  // start ("Kuningan-Jabarnews.id": the name "Kuningan" joined to the domain), else a domain first.
  std::optional<DatelineParse> ParseDateline(std::string_view opening, bool name_first) const;

  bool fast_paths_;  // StageSettings::fast_paths
  std::unordered_map<std::string, int> months_;  // lower-case month name or abbreviation → 1..12
  // Lower-case names of provinces, regencies and cities ("kota " and "kabupaten " dropped),
  // and their aliases: lexicons/places/{provinces,regencies,cities,aliases}.tsv.
  std::unordered_set<std::string> places_;
};

}  // namespace warta

#endif  // WARTA_STAGES_STRUCTURE_H_
