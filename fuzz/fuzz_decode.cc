// Fuzz target: byte decoding (UTF-8 repair, BOMs, legacy charsets). The text is always valid UTF-8.
#include "input/decode.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  warta::Decoded d = warta::DecodeBytes(bytes);
  warta::fuzz::Check(warta::fuzz::ValidUtf8(d.text), "decoded text is valid UTF-8");
  std::string repaired;
  size_t bad = warta::RepairUtf8(bytes, repaired);
  warta::fuzz::Check(warta::fuzz::ValidUtf8(repaired), "repaired text is valid UTF-8");
  warta::fuzz::Check((bad == 0) == (repaired == bytes), "repair changes exactly the invalid inputs");
  return 0;
}
