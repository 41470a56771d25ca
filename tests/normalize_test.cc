// The matching copy and its map back to the original.
#include <catch2/catch.hpp>

#include "stages/normalize.h"
#include "testing.h"

using warta::Document;

TEST_CASE("normalisation rewrites quotes, dashes, spaces and mojibake", "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  struct Row { std::string text, norm; };
  std::vector<Row> rows = {
      {"“Siap,” ujar Reni—", "\"Siap,\" ujar Reni-"},
      {"Jum’at", "Jum'at"},
      {"Kecamatan\xC2\xAC\xE2\x80\xA0Timur", "Kecamatan Timur"},
      {"a\xC3\x82\xC2\xA0" "b", "a b"},
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},
      {"Cafe\xCC\x81", "Caf\xC3\xA9"},  // NFC composes e + combining acute
      {"plain ASCII stays", "plain ASCII stays"},
  };
  for (const Row& r : rows) {
    Document doc;
    doc.text = r.text;
    n.Run(doc);
    INFO(r.text);
    CHECK(doc.norm == r.norm);
  }
}

TEST_CASE("every norm range maps back to the original text it came from", "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  Document doc;
  doc.text = "“Kami” di Kecamatan\xC2\xAC\xE2\x80\xA0Timur\xE2\x80\x8B, Cafe\xCC\x81 ok";
  n.Run(doc);
  auto find = [&](const std::string& s) {
    auto p = doc.norm.find(s);
    REQUIRE(p != std::string::npos);
    return doc.Original(doc.NormToOrig(uint32_t(p), uint32_t(p + s.size())));
  };
  CHECK(find("\"Kami\"") == "“Kami”");
  CHECK(find("Timur") == "Timur");
  CHECK(find("Kecamatan Timur") == "Kecamatan\xC2\xAC\xE2\x80\xA0Timur");
  CHECK(find("ok") == "ok");
  CHECK(find("Caf\xC3\xA9") == "Cafe\xCC\x81");
}

TEST_CASE("boundaries inside a replacement never make overlapping spans", "[normalize]") {
  // Found by fuzz_extract: "Se…taris" tokenised as "Se." + ".." overlapped in the original.
  warta::Normalizer n(warta::testing::Lexicons());
  Document doc;
  doc.text = "Se\xE2\x80\xA6taris";  // norm "Se...taris": "…" (3 bytes) became "..." (3 bytes)
  n.Run(doc);
  REQUIRE(doc.norm == "Se...taris");
  warta::Span a = doc.NormToOrig(0, 3), b = doc.NormToOrig(3, 5), c = doc.NormToOrig(5, 10);
  CHECK(a.end <= b.start);
  CHECK(b.end <= c.start);
  CHECK(doc.Original(doc.NormToOrig(2, 5)) == "\xE2\x80\xA6");
}

TEST_CASE("a document past the byte limit is analysed up to it, with a warning", "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  Document doc;
  std::string unit = "Gubernur tiba di Kupang. ";
  while (doc.text.size() <= warta::Normalizer::kMaxBytes + 1000) doc.text += unit;
  n.Run(doc);
  CHECK(doc.norm.size() <= warta::Normalizer::kMaxBytes);
  CHECK(doc.norm.size() > warta::Normalizer::kMaxBytes - 4096);
  REQUIRE(!doc.warnings.empty());
  CHECK(doc.warnings.back().code == "limit-bytes");
  CHECK(doc.Original(doc.NormToOrig(0, 8)) == "Gubernur");
}
