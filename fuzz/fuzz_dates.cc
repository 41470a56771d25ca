// Fuzz target: the extract pipeline through the dates stage; date spans and values are checked,
// and the stages' plain paths must give what their fast paths give.
#include "fuzz_common.h"
#include "twins.h"

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
  warta::Document plain = warta::fuzz::DocumentFrom(data, size);
  plain.reference_date = doc.reference_date;
  warta::fuzz::RunPlainUpTo(plain, "dates");
  warta::fuzz::CheckTwins(doc, plain);
  return 0;
}
