// The tokenize record (output/tokens_json.h) is byte for byte the one the general record
// writer gives (TokensJson in output/record.h), whatever the document holds.
#include <catch2/catch.hpp>

#include "output/record.h"
#include "output/tokens_json.h"
#include "testing.h"

using warta::testing::Run;

TEST_CASE("the tokenize record equals the general writer's", "[output]") {
  const std::vector<std::string> texts = {
      "",
      "Rumahnya di Kupang, katanya.",
      "Plt. Sekretaris KPU NTT, Yohanes, S.H., menyerahkan Rp9.000 kepadanya (27/10).",
      "“Kami siap,” kata Ketua KPU — pada Senin (27/10) pukul 10.00 WITA…",
      "Tab\there, a quote \" and a backslash \\ and a bell \x07 in one line.\n\nNext paragraph.",
      "Jum’at, 31 Oktober 2025: hamba-Ku berkatalah, bukuku, apakah? Ya!",
      "Zoë and Ünal met in São Paulo; 東京 too. Dîner à l’hôtel.",
      "Kecamatan¬† Tanjungpinang Â Timur, Kepulauan Riau.,Penangkapan",
  };
  for (const std::string& text : texts) {
    INFO(text);
    warta::Document doc = Run(text, "", "tokenize");
    CHECK(warta::TokensJsonl(doc) == warta::TokensJson(doc, false));
    doc.source = warta::SourceInfo{"dir/a\"b\\c\x01.txt", std::string(64, 'f'), 1234, 7};
    doc.id = "id with \xff bad byte and \n newline";
    doc.Warn("invalid-utf8", "bad \xfe byte at 3");
    doc.Warn("limit-tokens", "more than 5 tokens");
    CHECK(warta::TokensJsonl(doc) == warta::TokensJson(doc, false));
    doc.source->line.reset();
    doc.error = warta::DocumentError{"unreadable", "cannot read \"x\""};
    CHECK(warta::TokensJsonl(doc) == warta::TokensJson(doc, false));
  }
}
