// Fuzz target: the extract pipeline through the dates stage; date spans and values are checked.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::Document doc = warta::fuzz::DocumentFrom(data, size);
  doc.reference_date = warta::CivilDate{2025, 11, 1};
  warta::fuzz::RunUpTo(doc, "dates");
  warta::fuzz::CheckTokens(doc);
  for (const warta::DateExpr& d : doc.dates) {
    warta::fuzz::CheckSpan(doc, d.span, "date");
    warta::fuzz::Check(!d.span.empty(), "a date has text");
    if (d.value) warta::fuzz::Check(!d.value->empty() && warta::fuzz::ValidUtf8(*d.value), "date value");
  }
  return 0;
}
