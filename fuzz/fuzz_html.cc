// Fuzz target: the HTML reader (gumbo) on arbitrary bytes; its text is valid UTF-8.
#include "input/html.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  warta::Decoded d = warta::DecodeBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  warta::HtmlContent html = warta::ExtractHtml(d.text);
  warta::fuzz::Check(warta::fuzz::ValidUtf8(html.text), "HTML text is valid UTF-8");
  if (html.title) warta::fuzz::Check(warta::fuzz::ValidUtf8(*html.title), "HTML title is valid UTF-8");
  return 0;
}
