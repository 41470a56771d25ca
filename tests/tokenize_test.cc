// Tokeniser cases: each row is a text and the tokens UD Indonesian expects of it.
#include <catch2/catch.hpp>

#include "testing.h"

using warta::testing::Forms;
using warta::testing::Run;
using Tokens = std::vector<std::string>;

TEST_CASE("abbreviations, titles and degrees keep their periods", "[tokenize]") {
  struct Row { std::string text; Tokens want; };
  std::vector<Row> rows = {
      {"Plt. Sekretaris Kab. Kupang", {"Plt.", "Sekretaris", "Kab.", "Kupang"}},
      {"Yohanes, S.H., M.Si. hadir", {"Yohanes", ",", "S.H.", ",", "M.Si.", "hadir"}},
      {"M.Samsul Kadir", {"M.", "Samsul", "Kadir"}},
      {"A. Yani", {"A.", "Yani"}},
      {"Prof. Dr. Ir. H. Budi", {"Prof.", "Dr.", "Ir.", "H.", "Budi"}},
      {"buku, pena, dll. dibawa", {"buku", ",", "pena", ",", "dll.", "dibawa"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(Forms(Run(r.text, "", "tokenize")) == r.want);
  }
}

TEST_CASE("numbers, times, dates and money stay whole", "[tokenize]") {
  struct Row { std::string text; Tokens want; };
  std::vector<Row> rows = {
      {"Rp9.000 dan 1.250.000 pemilih", {"Rp", "9.000", "dan", "1.250.000", "pemilih"}},
      {"naik 3,5 persen", {"naik", "3,5", "persen"}},
      {"pukul 10.00 WITA", {"pukul", "10.00", "WITA"}},
      {"pukul 09:30", {"pukul", "09:30"}},
      {"Senin (27/10)", {"Senin", "(", "27/10", ")"}},
      {"27/10/2025 dan 27-10-2025", {"27/10/2025", "dan", "27-10-2025"}},
      {"tahap ke-3", {"tahap", "ke-3"}},
      {"45% suara", {"45", "%", "suara"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(Forms(Run(r.text, "", "tokenize")) == r.want);
  }
}

TEST_CASE("URLs, e-mail, domains, hashtags and mentions stay whole", "[tokenize]") {
  struct Row { std::string text; Tokens want; };
  std::vector<Row> rows = {
      {"Kupang, ntt.kpu.go.id —", {"Kupang", ",", "ntt.kpu.go.id", "—"}},
      {"lihat https://kpu.go.id/berita.", {"lihat", "https://kpu.go.id/berita", "."}},
      {"surel humas@kpu.go.id.", {"surel", "humas@kpu.go.id", "."}},
      {"#PemiluDamai @kpu_ri", {"#PemiluDamai", "@kpu_ri"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(Forms(Run(r.text, "", "tokenize")) == r.want);
  }
}

TEST_CASE("quotes, brackets and dashes are tokens of their own", "[tokenize]") {
  auto doc = Run("“Kami siap,” ujar Reni (KPU) — hari-hari ini.", "", "tokenize");
  CHECK(Forms(doc) == Tokens{"“", "Kami", "siap", ",", "”", "ujar", "Reni", "(", "KPU", ")", "—", "hari-hari", "ini",
                             "."});
}

TEST_CASE("clitics split into a second word, lexicalised forms stay whole", "[tokenize]") {
  auto doc = Run("rumahnya hanya punya lainnya", "", "tokenize");
  REQUIRE(doc.tokens.size() == 4);
  CHECK(doc.tokens[0].clitic == doc.tokens[0].span.start + 5);
  CHECK(doc.tokens[1].clitic == 0);
  CHECK(doc.tokens[2].clitic == 0);
  CHECK(doc.tokens[3].clitic == 0);
}

TEST_CASE("token spans are byte ranges of the original text, across normalisation", "[tokenize]") {
  std::string text = "Kecamatan\xC2\xAC\xE2\x80\xA0 Tanjungpinang\xE2\x80\x8B Timur";  // "¬†" and a zero-width space
  auto doc = Run(text, "", "tokenize");
  CHECK(Forms(doc) == Tokens{"Kecamatan", "Tanjungpinang", "Timur"});
}
