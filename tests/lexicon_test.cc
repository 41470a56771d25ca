// Lint for lexicons/: every file parses, is UTF-8 NFC with LF endings, opens with a header
// comment naming its source, and has its rows sorted in byte order and unique.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "error.h"
#include "testing.h"
#include "text/utf8_repair.h"

namespace fs = std::filesystem;

TEST_CASE("every lexicon file is NFC, LF, headed, sorted and unique", "[lexicon]") {
  const std::string root = std::string(WARTA_SOURCE_DIR) + "/lexicons";
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  REQUIRE(U_SUCCESS(st));
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tsv") continue;
    ++files;
    const std::string rel = fs::relative(entry.path(), root).string();
    INFO(rel);
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    std::string repaired;
    CHECK(warta::RepairUtf8(bytes, repaired) == 0);
    CHECK(bytes.find('\r') == std::string::npos);
    CHECK(nfc->isNormalizedUTF8(icu::StringPiece(bytes.data(), int32_t(bytes.size())), st));
    CHECK(bytes.rfind("# ", 0) == 0);
    // Rows through the real loader: it throws on what it cannot read.
    const auto& rows = warta::testing::Lexicons().Rows(rel);
    for (size_t i = 1; i < rows.size(); ++i) {
      std::string prev, cur;
      for (const auto& f : rows[i - 1].fields) prev += f + "\t";
      for (const auto& f : rows[i].fields) cur += f + "\t";
      INFO("line " << rows[i].line << ": " << cur);
      REQUIRE(prev < cur);  // byte order, no duplicates
    }
  }
  CHECK(files > 0);
}

TEST_CASE("a malformed lexicon row is an error naming file and line", "[lexicon]") {
  const fs::path dir = warta::testing::ScratchPath("lexicon-test");
  fs::create_directories(dir);
  std::ofstream(dir / "bad.tsv") << "# header\nKab.\tkabupaten\nno-second-field\n";
  warta::Lexicon lex(dir.string());
  try {
    lex.Rows("bad.tsv", 2);
    FAIL("no error");
  } catch (const warta::Error& e) {
    CHECK(std::string(e.what()).find("bad.tsv:3") != std::string::npos);
  }
  CHECK_THROWS_AS(lex.Rows("missing.tsv"), warta::Error);
  fs::remove_all(dir);
}

TEST_CASE("lexicon rows keep their fields, line numbers and order", "[lexicon]") {
  const fs::path dir = warta::testing::ScratchPath("lexicon-rows-test");
  fs::create_directories(dir);
  std::ofstream(dir / "rows.tsv") << "# header\nKab.\tkabupaten\n\n# note\none\na\tb\tc\td\te\nlast\t";
  warta::Lexicon lex(dir.string());
  const auto& rows = lex.Rows("rows.tsv");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].fields.size() == 2);
  CHECK(rows[0].fields[0] == "Kab.");
  CHECK(rows[0].fields[1] == "kabupaten");
  CHECK(rows[1].line == 5);
  CHECK(rows[1].fields.size() == 1);
  CHECK(rows[1].fields[0] == "one");
  std::string joined;
  for (const std::string& f : rows[2].fields) joined += f;
  CHECK(joined == "abcde");
  CHECK(rows[3].line == 7);  // the last line, without its '\n', and an empty last field
  CHECK(rows[3].fields.size() == 2);
  CHECK(rows[3].fields[1].empty());
  CHECK(&lex.Rows("rows.tsv") == &rows);  // read once, kept
  fs::remove_all(dir);
}

TEST_CASE("a file's text split by ForEachRow gives the rows of Rows, as views of that text", "[lexicon]") {
  const fs::path dir = warta::testing::ScratchPath("lexicon-each-row-test");
  fs::create_directories(dir);
  std::ofstream(dir / "rows.tsv") << "# header\nKab.\tkabupaten\n\n# note\none\na\tb\tc\td\te\nlast\t";
  std::ofstream(dir / "crlf.tsv") << "# header\nKab.\tkabupaten\r\n";
  warta::Lexicon lex(dir.string());
  const std::string text = lex.Text("rows.tsv");
  CHECK(warta::Lexicon::Lines(text) == 7);
  std::vector<std::vector<std::string>> seen;
  std::vector<uint32_t> lines;
  lex.ForEachRow("rows.tsv", text, 1, [&](std::span<const std::string_view> fields, uint32_t line) {
    for (std::string_view f : fields) CHECK((f.data() >= text.data() && f.data() + f.size() <= text.data() + text.size()));
    seen.emplace_back(fields.begin(), fields.end());
    lines.push_back(line);
  });
  const auto& rows = lex.Rows("rows.tsv");
  REQUIRE(seen.size() == rows.size());
  for (size_t k = 0; k < rows.size(); ++k) {
    CHECK(lines[k] == rows[k].line);
    CHECK(seen[k] == std::vector<std::string>(rows[k].fields.begin(), rows[k].fields.end()));
  }
  // The same errors as Rows(): a short row and a CRLF line name file and line.
  auto error = [&](const std::string& rel, size_t min_fields) -> std::string {
    try {
      lex.ForEachRow(rel, lex.Text(rel), min_fields, [](std::span<const std::string_view>, uint32_t) {});
    } catch (const warta::Error& e) {
      return e.what();
    }
    return "";
  };
  CHECK(error("rows.tsv", 2).find("rows.tsv:5: expected at least 2") != std::string::npos);
  CHECK(error("crlf.tsv", 1).find("crlf.tsv:2: CRLF") != std::string::npos);
  CHECK_THROWS_AS(lex.Text("missing.tsv"), warta::Error);
  fs::remove_all(dir);
}
