// The interface between warta and its Poppler module (input/pdf_poppler.cc → warta-poppler.so),
// which input/pdf.cc loads with dlopen the first time a run reads a PDF. Poppler and the two
// dozen libraries it pulls in (freetype, fontconfig, NSS, lcms2, openjpeg …, all bound at load
// time) made every start of warta a tenth slower; a run without PDFs no longer pays for them.
// Both sides are built together by the same compiler from this header: the module fills a
// PdfFile of the caller's, and kPdfModuleVersion guards against a stale module.
#ifndef WARTA_INPUT_PDF_MODULE_H_
#define WARTA_INPUT_PDF_MODULE_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "input/pdf.h"

namespace warta {

// One file as Poppler reads it: the words of its pages and its Info dictionary.
struct PdfFile {
  std::string error_code;  // set: the file could not be read ("pdf-broken", "pdf-encrypted")
  std::string error_message;
  int pages = 0;                                          // the pages in the file
  std::vector<std::vector<PdfWord>> words;                // of the pages read, in reading order
  bool truncated = false;                                 // kMaxPdfPages or kMaxPdfTextBytes reached
  std::vector<std::pair<std::string, std::string>> info;  // Title, Author … → UTF-8 value, as written
  size_t problems = 0;                                    // messages Poppler gave while reading
  std::string first_problem;
};

inline constexpr int kPdfModuleVersion = 1;

}  // namespace warta

// The module's two entry points (C names, for dlsym).
extern "C" {
// kPdfModuleVersion of the build that made the module.
int warta_pdf_module_version();
// Reads data[0, size) into *out. Never throws; one file at a time per process.
void warta_pdf_read(const char* data, size_t size, warta::PdfFile* out);
}

#endif  // WARTA_INPUT_PDF_MODULE_H_
