// The record writer: offsets in code points for every kind of span, whatever the order the
// spans come in and however many multi-byte characters come before them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "document.h"
#include "options.h"
#include "output/record.h"

namespace {

// text[start:end] in code points, as Python slices a str.
std::string Slice(const std::u32string& text, uint64_t start, uint64_t end) {
  std::string out;
  for (char32_t c : text.substr(start, end - start)) {
    if (c < 0x80) {
      out += char(c);
    } else if (c < 0x800) {
      out += char(0xC0 | (c >> 6));
      out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += char(0xE0 | (c >> 12));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    } else {
      out += char(0xF0 | (c >> 18));
      out += char(0x80 | ((c >> 12) & 0x3F));
      out += char(0x80 | ((c >> 6) & 0x3F));
      out += char(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::u32string CodePoints(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += len;
  }
  return out;
}

warta::Span Find(const std::string& text, const std::string& what, size_t from = 0) {
  size_t at = text.find(what, from);
  REQUIRE(at != std::string::npos);
  return {uint32_t(at), uint32_t(at + what.size())};
}

}  // namespace

TEST_CASE("record offsets are code points for spans in any order", "[output]") {
  for (const std::string& lead : std::vector<std::string>{"", "\xE2\x80\x9C", "Caf\xC3\xA9 \xF0\x9F\x98\x80 ", std::string(70, 'a') + "\xC3\xA9"}) {
    warta::Document doc;
    doc.id = "t";
    doc.text = lead + "Kupang \xE2\x80\x94 Ketua KPU Jum\xE2\x80\x99" "at, kata Joko. Joko \xC3\xA9 tiba \xE2\x80\x9CSiap\xE2\x80\x9D.";
    warta::Person joko;
    joko.name = "Joko";
    // Out of text order on purpose: the second mention first.
    joko.mentions = {Find(doc.text, "Joko", Find(doc.text, "Joko").end), Find(doc.text, "Joko")};
    doc.people.push_back(joko);
    warta::Place kupang;
    kupang.name = "Kupang";
    kupang.type = warta::PlaceKind::kKota;
    kupang.mentions = {Find(doc.text, "Kupang")};
    doc.places.push_back(kupang);
    doc.quotes.push_back({Find(doc.text, "\xE2\x80\x9CSiap\xE2\x80\x9D"), std::string("Joko")});
    warta::DateExpr day;
    day.span = Find(doc.text, "Jum\xE2\x80\x99" "at");
    day.type = "date";
    doc.dates.push_back(day);
    doc.sentences.push_back({Find(doc.text, "Kupang"), 0, 0});
    doc.sentences.push_back({warta::Span{0, uint32_t(doc.text.size())}, 0, 0});  // behind the last one

    warta::Options options;
    options.include_sentences = true;
    auto record = nlohmann::json::parse(warta::RecordJson(doc, options, false));
    const std::u32string text = CodePoints(doc.text);
    auto check = [&](const nlohmann::json& span) {
      INFO(span.dump());
      CHECK(Slice(text, span["start"], span["end"]) == span["text"].get<std::string>());
    };
    INFO(lead);
    REQUIRE(record["people"][0]["mentions"].size() == 2);
    for (const auto& m : record["people"][0]["mentions"]) check(m);
    check(record["places"][0]["mentions"][0]);
    check(record["quotes"][0]);
    check(record["dates"][0]);
    for (const auto& s : record["sentences"]) check(s);
  }
}

TEST_CASE("a score is written with three decimals, clamped to [0, 1], and only when a stage set it", "[output]") {
  warta::Document doc;
  doc.id = "skor";
  doc.text = "Bupati Kupang Yosef Lede hadir di Kupang.";
  doc.reference_date = warta::CivilDate::Parse("2025-10-27");
  warta::Person with;
  with.name = "Yosef Lede";
  with.mentions = {{14, 24}};
  with.score = 0.8736f;
  warta::Person without = with;
  without.score.reset();
  warta::Place over;
  over.name = "Kupang";
  over.mentions = {{34, 40}};
  over.score = 1.7f;
  warta::Organization under;
  under.name = "Pemkab Kupang";
  under.score = -0.2f;
  doc.people = {with, without};
  doc.places = {over};
  doc.organizations = {under};
  warta::Options options;
  const std::string json = warta::RecordJson(doc, options, false);
  auto record = nlohmann::json::parse(json);
  CHECK(record["people"][0]["score"].dump() == "0.874");
  CHECK_FALSE(record["people"][1].contains("score"));
  CHECK(json.find(R"("score":1.000)") != std::string::npos);  // the place, clamped
  CHECK(json.find(R"("score":0.000)") != std::string::npos);  // the organisation, clamped
}
