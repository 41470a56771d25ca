// The pipeline around the stages: reading `published` as written, and the reference date —
// --reference-date, published, a dated dateline, a full date near the top of the text, today.
#include <catch2/catch.hpp>

#include "pipeline.h"
#include "stages/dates.h"
#include "testing.h"

namespace {

const warta::Pipeline& Extract(std::optional<std::string> reference = std::nullopt) {
  static const warta::Pipeline plain(warta::Options(), warta::testing::Lexicons());
  static const warta::Pipeline with_option([] {
    warta::Options o;
    o.reference_date = warta::CivilDate{2026, 12, 1};
    o.index_db = "arsip.db";  // the document's own date is wanted for the archive
    return o;
  }(), warta::testing::Lexicons());
  return reference ? with_option : plain;
}

warta::Document Doc(const std::string& text, const std::string& published = "") {
  warta::Document doc;
  doc.id = "rilis";
  doc.text = text;
  doc.given_published = published;
  doc.source = warta::SourceInfo{"news.jsonl", "", 0, 7};
  return doc;
}

}  // namespace

TEST_CASE("a publication date is read in the forms feeds and people write", "[pipeline]") {
  struct Row { std::string written; std::optional<std::string> iso; };
  std::vector<Row> rows = {
      {"2019-09-17", "2019-09-17"},
      {"2019-09-17 14:40:00", "2019-09-17T14:40:00"},
      {"2019-09-17T14:40:00+07:00", "2019-09-17T14:40:00+07:00"},
      {"Tue, 17 Sep 2019 14:40:00 +0700", "2019-09-17T14:40:00+07:00"},
      {"17/09/2019", "2019-09-17"},
      {"17-09-2019", "2019-09-17"},
      {"17 September 2019", "2019-09-17"},
      {"Selasa, 17 September 2019 14:40 WIB", "2019-09-17T14:40+07:00"},
      {"Selasa, 17/09/2019 14:40 WIB", "2019-09-17T14:40+07:00"},
      {"17 Sep 2019, 14.40 WITA", "2019-09-17T14:40+08:00"},
      {"Rabu, 18 Sep 2019 09:05", "2019-09-18T09:05"},
      {"2019-09-17 14:40 WIB", "2019-09-17T14:40+07:00"},
      // a written weekday that contradicts the day: the day as written wins
      {"Senin, 17 September 2019", "2019-09-17"},
      // not a day written in full, or no date at all
      {"Selasa (17/9)", std::nullopt},
      {"September 2019", std::nullopt},
      {"kemarin", std::nullopt},
      {"17-Sept-19", std::nullopt},
      {"09/17/2019", std::nullopt},
      {"", std::nullopt},
      {std::string(300, 'x') + " 17 September 2019", std::nullopt},
  };
  for (const Row& r : rows) {
    INFO(r.written);
    std::optional<warta::DateTime> dt = Extract().ReadDate(r.written);
    CHECK((dt ? std::optional<std::string>(dt->Iso()) : std::nullopt) == r.iso);
  }
}

TEST_CASE("the reference date comes from the option, published, the dateline, the text, else today", "[pipeline]") {
  struct Row { std::string text, published, date, source; };
  std::vector<Row> rows = {
      {"Rapat digelar hari ini, Kamis (19/9/2019).", "Selasa, 17 September 2019", "2019-09-17", "published"},
      {"Rapat Pleno\nJakarta, 2 Oktober 2019 - Rapat digelar Kamis (19/9/2019).", "", "2019-10-02", "dateline"},
      {"Rapat digelar hari ini, Kamis (19/9/2019).", "", "2019-09-19", "text"},
      // the first date written with its weekday, over an earlier one without
      {"Sejak 1 Januari 2019 warga antre. Rapat digelar Kamis (19/9/2019).", "", "2019-09-19", "text"},
      // else the first full date
      {"Rapat digelar pada 19 September 2019 dan 20 September 2019.", "", "2019-09-19", "text"},
      // an unreadable published value: the text's date
      {"Rapat digelar hari ini, Kamis (19/9/2019).", "kemarin", "2019-09-19", "text"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    warta::Document doc = Doc(r.text, r.published);
    Extract().Run(doc);
    REQUIRE(doc.reference_date);
    CHECK(doc.reference_date->Iso() == r.date);
    CHECK(warta::ReferenceSourceName(doc.reference_source) == r.source);
    CHECK(doc.own_date == doc.reference_date);
  }
  // Partial dates are no document date; nor a date far from the top.
  for (std::string text : {std::string("Rapat digelar Senin (27/10)."),
                           "Rapat. " + std::string(2000, 'a') + " Kamis (19/9/2019)."}) {
    warta::Document doc = Doc(text);
    Extract().Run(doc);
    CHECK(warta::ReferenceSourceName(doc.reference_source) == "today");
    CHECK_FALSE(doc.own_date);
  }
  // With --reference-date the option resolves the dates, and the document keeps its own date.
  warta::Document doc = Doc("Rapat digelar hari ini, Kamis (19/9/2019).");
  Extract("2026-12-01").Run(doc);
  CHECK(doc.reference_date->Iso() == "2026-12-01");
  CHECK(warta::ReferenceSourceName(doc.reference_source) == "option");
  REQUIRE(doc.own_date);
  CHECK(doc.own_date->Iso() == "2019-09-19");
}

TEST_CASE("looking for the date near the top leaves the dates stage's findings as they were", "[pipeline]") {
  // The text's date found first (FindTopDate), then the stage run against it, must give what
  // the stage gives when that date is the option.
  const std::string text = "Polisi Tangkap Pelaku\nPolisi menangkap pelaku, Senin (16/9/2019) pukul 10.00 WIB. "
                           "Jumat (13/9) pelaku beraksi. Rabu (16/9/2019) lalu ia terlihat.";
  warta::Document found = Doc(text);
  Extract().Run(found);
  REQUIRE(warta::ReferenceSourceName(found.reference_source) == "text");
  warta::Options o;
  o.reference_date = found.reference_date;
  warta::Pipeline option(o, warta::testing::Lexicons());
  warta::Document given = Doc(text);
  option.Run(given);
  REQUIRE(found.dates.size() == given.dates.size());
  for (size_t i = 0; i < found.dates.size(); ++i) {
    CHECK(found.dates[i].value == given.dates[i].value);
    CHECK(found.dates[i].span == given.dates[i].span);
  }
  CHECK(found.warnings.size() == given.warnings.size());
}

TEST_CASE("publication dates that cannot be read are counted with their file and line", "[pipeline]") {
  warta::Pipeline pipeline(warta::Options(), warta::testing::Lexicons());
  for (uint64_t line : {9, 3, 5, 12, 4}) {
    warta::Document doc = Doc("Rapat.", "17-Sept-" + std::to_string(line));
    doc.source->line = line;
    pipeline.Run(doc);
    CHECK_FALSE(doc.published);
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].code == "bad-published");
    CHECK(doc.warnings[0].message == "news.jsonl:" + std::to_string(line) +
                                         ": publication date not understood: 17-Sept-" + std::to_string(line));
  }
  warta::Document good = Doc("Rapat.", "2019-09-17");
  pipeline.Run(good);
  warta::Pipeline::UnreadDates unread = pipeline.unread_published();
  CHECK(unread.count == 5);
  CHECK(unread.examples == std::vector<std::string>{"news.jsonl:3: \"17-Sept-3\"", "news.jsonl:4: \"17-Sept-4\"",
                                                    "news.jsonl:5: \"17-Sept-5\""});
  CHECK(pipeline.UnreadPublishedReport().find("warta: 5 publication date(s) not understood") == 0);
  CHECK(warta::Pipeline(warta::Options(), warta::testing::Lexicons()).UnreadPublishedReport().empty());
}
