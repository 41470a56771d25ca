// Fuzz target: one jsonl line; a broken line sets error, a good one gives valid UTF-8 text.
#include "input/reader.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::Document doc;
  warta::ParseJsonlLine(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz:1", "fuzz#1", doc);
  warta::fuzz::Check(!doc.id.empty(), "a jsonl document has an id");
  if (!doc.error) warta::fuzz::Check(warta::fuzz::ValidUtf8(doc.text), "jsonl text is valid UTF-8");
  return 0;
}
