// Fuzz target: the whole `extract` on arbitrary bytes. The record must be valid JSON with every
// contract field, and every span must read its own text in code points of the document text;
// the stages' plain paths must give what their fast paths give.
#include <nlohmann/json.hpp>

#include "fuzz_common.h"
#include "output/record.h"
#include "twins.h"

namespace {

// The text of code points [start, end) of s (valid UTF-8).
std::string CodePointSlice(const std::string& s, size_t start, size_t end) {
  size_t cp = 0, b = 0, from = std::string::npos;
  for (; b < s.size(); ++b) {
    if (warta::utf8::IsContinuation(s[b])) continue;
    if (cp == start) from = b;
    if (cp == end) break;
    ++cp;
  }
  if (start == cp && from == std::string::npos) from = b;
  if (from == std::string::npos || cp < end) return "\x01<out of range>";
  return s.substr(from, b - from);
}

void CheckSpanJson(const nlohmann::json& span, const std::string& text) {
  using warta::fuzz::Check;
  Check(span.is_object() && span["start"].is_number_unsigned() && span["end"].is_number_unsigned() &&
            span["text"].is_string(),
        "span has text/start/end");
  size_t s = span["start"], e = span["end"];
  Check(s <= e, "span start <= end");
  Check(CodePointSlice(text, s, e) == span["text"].get<std::string>(), "text[start:end] == span.text",
        span.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using warta::fuzz::Check;
  warta::Document doc = warta::fuzz::DocumentFrom(data, size);
  warta::fuzz::ExtractPipeline().Run(doc);
  warta::fuzz::CheckTokens(doc);
  warta::fuzz::CheckEntities(doc);
  warta::Options options;
  options.include_text = true;
  nlohmann::json r = nlohmann::json::parse(warta::RecordJson(doc, options, false), nullptr, false);
  Check(!r.is_discarded() && r.is_object(), "the record is a JSON object");
  for (const char* f : {"schema", "id", "source", "title", "dateline", "reference_date", "reference_date_source",
                        "people", "organizations", "places", "dates", "quotes", "warnings"})
    Check(r.contains(f), "the record has every contract field", f);
  const std::string text = r["text"];
  if (r["dateline"].is_object()) CheckSpanJson(r["dateline"], text);
  for (const char* f : {"people", "organizations", "places"})
    for (const auto& e : r[f]) {
      for (const auto& m : e["mentions"]) CheckSpanJson(m, text);
      if (e.contains("roles"))
        for (const auto& x : e["roles"]) CheckSpanJson(x, text);
    }
  for (const char* f : {"dates", "quotes"})
    for (const auto& x : r[f]) CheckSpanJson(x, text);
  warta::Document fast = warta::fuzz::DocumentFrom(data, size), plain = warta::fuzz::DocumentFrom(data, size);
  fast.reference_date = plain.reference_date = warta::CivilDate{2025, 11, 1};
  warta::fuzz::RunUpTo(fast, "quotes");
  warta::fuzz::RunPlainUpTo(plain, "quotes");
  warta::fuzz::CheckTwins(fast, plain);
  return 0;
}
