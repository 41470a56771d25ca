// Fuzz target: the PDF reader (Poppler, then warta's lines and paragraphs) on arbitrary bytes:
// an error or valid UTF-8 text, never a crash. Seeds: tests/pdf/*.pdf (scripts/fuzz copies them).
#include "input/pdf.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::PdfContent pdf = warta::ExtractPdf(std::string_view(reinterpret_cast<const char*>(data), size));
  if (pdf.error) return 0;
  warta::fuzz::Check(warta::fuzz::ValidUtf8(pdf.text), "PDF text is valid UTF-8");
  warta::fuzz::Check(!pdf.text.empty(), "a PDF read without error has text");
  if (pdf.title) warta::fuzz::Check(warta::fuzz::ValidUtf8(*pdf.title), "PDF title is valid UTF-8");
  return 0;
}
