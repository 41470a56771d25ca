// The matching copy and its map back to the original.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/normalize.h"
#include "testing.h"

using warta::Document;

namespace {

// The normalised copy the normalizer makes of text.
std::string NormOf(const warta::Normalizer& n, const std::string& text) {
  Document doc;
  doc.text = text;
  n.Run(doc);
  return doc.norm;
}

}  // namespace

TEST_CASE("normalisation rewrites quotes, dashes, spaces and mojibake", "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  struct Row { std::string text, norm; };
  std::vector<Row> rows = {
      {"“Siap,” ujar Reni—", "\"Siap,\" ujar Reni-"},
      {"Jum’at", "Jum'at"},
      {"Kecamatan\xC2\xAC\xE2\x80\xA0Timur", "Kecamatan Timur"},
      {"a\xC3\x82\xC2\xA0" "b", "a b"},
      {"zero\xE2\x80\x8Bwidth", "zerowidth"},
      // UTF-8 curly quotes and a dash read as Mac Roman: "‚Äú", "‚Äù", "‚Äô", "‚Äì".
      {"\u201A\u00C4\u00FASiap,\u201A\u00C4\u00F9 ujar Ma\u201A\u00C4\u00F4ruf \u201A\u00C4\u00EC lalu",
       "\"Siap,\" ujar Ma'ruf - lalu"},
      {"\u201Ajuga\u201B", "'juga'"},  // a lone low quote stays a quote
      {"Cafe\xCC\x81", "Caf\xC3\xA9"},  // NFC composes e + combining acute
      {"plain ASCII stays", "plain ASCII stays"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(NormOf(n, r.text) == r.norm);
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

TEST_CASE("a cursor over the norm map answers as the map does, in any order of lookups",
          "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  // Copies, replacements that grow ("…" → "..."), shrink ("“" → "\""), delete (zero-width
  // space) and NFC, at the start, in the middle and at the end.
  const std::vector<std::string> texts = {
      "“Kami” di Kecamatan\xC2\xAC\xE2\x80\xA0Timur\xE2\x80\x8B, Cafe\xCC\x81 ok…",
      "\xE2\x80\x8B" "awal—tengah\xE2\x80\x8B\xE2\x80\x8B" "akhir…",
      "plain ASCII, no edits", "", "…"};
  for (const std::string& text : texts) {
    Document doc;
    doc.text = text;
    n.Run(doc);
    const warta::OffsetMap& m = doc.norm_map;
    const auto size = uint32_t(doc.norm.size());
    INFO(text);
    // Left to right, as the tokenizer asks; then right to left; then jumping about.
    warta::OffsetMap::Cursor forward(m);
    for (uint32_t p = 0; p <= size + 1; ++p) {
      CHECK(forward.OrigStart(p) == m.OrigStart(p));
      CHECK(forward.OrigEnd(p) == m.OrigEnd(p));
    }
    warta::OffsetMap::Cursor backward(m);
    for (uint32_t p = size + 2; p-- > 0;) {
      CHECK(backward.OrigEnd(p) == m.OrigEnd(p));
      CHECK(backward.OrigStart(p) == m.OrigStart(p));
    }
    warta::OffsetMap::Cursor jumping(m);
    for (uint32_t k = 0; k < 4 * (size + 1); ++k) {
      uint32_t p = (k * 7919u) % (size + 1);
      CHECK(jumping.OrigStart(p) == m.OrigStart(p));
      CHECK(jumping.OrigEnd(p) == m.OrigEnd(p));
    }
  }
}

TEST_CASE("NFC and the rewrites are found wherever they stand in long ASCII text", "[normalize]") {
  warta::Normalizer n(warta::testing::Lexicons());
  struct Row { std::string text, norm; };
  const std::string pad = "abcdefghijklmnopq";  // longer than the eight bytes tested at a time
  std::vector<Row> rows = {
      {pad + "Jum`at" + pad, pad + "Jum'at" + pad},
      {pad + "x\xE2\x80\x9Cy" + pad, pad + "x\"y" + pad},
      {pad + "\xE2\x84\xAB" + pad, pad + "\xC3\x85" + pad},          // U+212B Angstrom sign: NFC_QC No
      {pad + "\xE1\x84\x80\xE1\x85\xA1", pad + "\xEA\xB0\x80"},      // Hangul jamo: NFC_QC Maybe
      {pad + "a\xCC\xA3\xCC\x81" + pad, pad + "\xE1\xBA\xA1\xCC\x81" + pad},  // marks in canonical order
      {"\xC3\xA9t\xC3\xA9 " + pad, "\xC3\xA9t\xC3\xA9 " + pad},      // precomposed: already NFC
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(NormOf(n, r.text) == r.norm);
  }
}

TEST_CASE("a character that may not be NFC after rewrites sends the whole text through NFC", "[normalize]") {
  // The rewrites run while the text is checked for NFC; a late character that may not be NFC
  // discards what was written and starts again on the NFC copy, with offsets into the text.
  warta::Normalizer n(warta::testing::Lexicons());
  const std::string pad = "abcdefghijklmnopqrstuvwxyz0123456789";  // past the sixteen bytes skipped at once
  Document doc;
  doc.text = "\xE2\x80\x9CKami\xE2\x80\x9D " + pad + " Jum`at \xE2\x80\x94 Cafe\xCC\x81 " + pad + " \xE2\x84\xAB ok";
  n.Run(doc);
  CHECK(doc.norm == "\"Kami\" " + pad + " Jum'at - Caf\xC3\xA9 " + pad + " \xC3\x85 ok");
  auto orig = [&](const std::string& s) {
    auto p = doc.norm.find(s);
    REQUIRE(p != std::string::npos);
    return std::string(doc.Original(doc.NormToOrig(uint32_t(p), uint32_t(p + s.size()))));
  };
  CHECK(orig("\"Kami\"") == "\xE2\x80\x9CKami\xE2\x80\x9D");
  CHECK(orig("Jum'at") == "Jum`at");
  CHECK(orig("Caf\xC3\xA9") == "Cafe\xCC\x81");
  CHECK(orig("\xC3\x85 ok") == "\xE2\x84\xAB ok");
  // Latin-1 and general punctuation come from tables; other blocks still ask ICU.
  CHECK(NormOf(n, pad + "\xC2\xA0" + pad + "\xE2\x80\xA6" + pad + "\xE0\xA4\x95") ==
        pad + " " + pad + "..." + pad + "\xE0\xA4\x95");
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the fast paths give the norm and map of ICU's NFC and the plain rewrite", "[normalize]") {
  const warta::Normalizer plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
