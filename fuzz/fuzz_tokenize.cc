// Fuzz target: normalise, structure, tokenise and split sentences; check token/sentence
// invariants, and that the stages' plain paths give what their fast paths give.
#include "fuzz_common.h"
#include "twins.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::Document doc = warta::fuzz::DocumentFrom(data, size);
  warta::fuzz::TokenizePipeline().Run(doc);
  warta::fuzz::CheckTokens(doc);
  if (doc.dateline) warta::fuzz::CheckSpan(doc, doc.dateline->span, "dateline");
  warta::Document plain = warta::fuzz::DocumentFrom(data, size);
  warta::fuzz::RunPlainUpTo(plain, "segment");
  warta::fuzz::CheckTwins(doc, plain);
  return 0;
}
