// Fuzz target: normalise, structure, tokenise and split sentences; check token/sentence invariants.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::Document doc = warta::fuzz::DocumentFrom(data, size);
  warta::fuzz::TokenizePipeline().Run(doc);
  warta::fuzz::CheckTokens(doc);
  if (doc.dateline) warta::fuzz::CheckSpan(doc, doc.dateline->span, "dateline");
  return 0;
}
