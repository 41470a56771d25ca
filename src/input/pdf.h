// Reads the text layer of a PDF, in reading order, through Poppler (libpoppler-cpp). Poppler
// itself is behind input/pdf_poppler.cc, a module loaded on the first PDF (input/pdf_module.h).
//   rilis.pdf: "KPU NTT Gelar Rapat Pleno …" (bold, 14 pt) / "Kupang, ntt.kpu.go.id — Komisi
//   … menggelar Rapat Pleno Terbuka Rekapi-" / "tulasi Daftar Pemilih …"
//   → text "KPU NTT Gelar Rapat Pleno …\n\nKupang, ntt.kpu.go.id — Komisi … Rekapitulasi
//     Daftar Pemilih …", title from the Info dictionary, meta {"pdf": {"pages": 1, …}}
// Poppler gives the words in reading order (columns one after the other); AssemblePdfText
// makes lines and paragraphs of them:
//   - words of one line are joined as Poppler spaced them; the lines of a paragraph by a space;
//   - a paragraph ends where the gap to the next line is clearly wider than the page's usual
//     line pitch, where the font size changes (a heading), and at a page break — unless the
//     text plainly runs on over the break (the line ends in a hyphen, or ends without a
//     sentence's last punctuation and the next starts in lower case); a column break the same;
//   - a hyphen at a line end joins the word ("Rekapi-" "tulasi" → "Rekapitulasi") unless the
//     next line starts with a capital or a digit ("Undang-" "Undang", "ke-" "3"), or the two
//     parts repeat each other (reduplication: "Anak-" "anak", "berhari-" "hari"), where the
//     hyphen stays; a soft hyphen (U+00AD) always goes. (Partial reduplication such as
//     "sayur-" "mayur" cannot be told from a hyphenated word without a dictionary: joined.)
//   - a line of only digits at the top or bottom of a page (a page number) is left out.
// Failures are errors, never crashes: a file Poppler cannot open ("pdf-broken"), a file
// locked by a password ("pdf-encrypted"; one encrypted with an owner password only opens
// and is read), a file without any text ("no-text-layer": a scan). Problems Poppler reports
// while reading become one `pdf-damaged` warning; without the module, "pdf-unsupported".
// Poppler is not documented as safe for concurrent documents: one PDF is read at a time per
// process (a mutex in the module).
#ifndef WARTA_INPUT_PDF_H_
#define WARTA_INPUT_PDF_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace warta {

struct PdfContent {
  std::string text;                    // the document text (UTF-8): paragraphs split by "\n\n"
  std::optional<std::string> title;    // Info Title, unless it names a file ("Microsoft Word - a.docx")
  std::string meta_json;               // {"pdf": {"pages", "title", "author", "creator", "producer",
                                       //  "created", "modified"}}: what the file says of itself
  std::optional<DocumentError> error;  // the message does not name the file (the caller does)
  std::vector<Warning> warnings;
};

// Never throws for bad input. bytes: the whole file.
PdfContent ExtractPdf(std::string_view bytes);

// Files larger than this are not given to Poppler (an error "pdf-too-large").
inline constexpr size_t kMaxPdfBytes = size_t(1) << 30;
// At most this many pages are read, and at most this much text kept (warning pdf-truncated).
inline constexpr int kMaxPdfPages = 20000;
inline constexpr size_t kMaxPdfTextBytes = size_t(64) << 20;

// One word as a page places it: points, from the page's top-left corner.
struct PdfWord {
  std::string text;  // UTF-8
  double left = 0, top = 0, right = 0, bottom = 0;
  bool space_after = true;  // Poppler saw a space after it on its line
};

// The text of pages of words in reading order, as described above.
std::string AssemblePdfText(const std::vector<std::vector<PdfWord>>& pages);

}  // namespace warta

#endif  // WARTA_INPUT_PDF_H_
