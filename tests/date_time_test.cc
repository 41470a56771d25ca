// Publication dates in the machine formats: ISO 8601, RFC 2822 and PDF dates (text/date_time).
#include <catch2/catch.hpp>

#include "text/date_time.h"

TEST_CASE("ISO 8601 dates and date-times keep the time and zone as given", "[date_time]") {
  struct Row { std::string in, iso; };
  std::vector<Row> rows = {
      {"2019-09-17", "2019-09-17"},
      {"2019-09-17T14:40", "2019-09-17T14:40"},
      {"2019-09-17T14:40:05", "2019-09-17T14:40:05"},
      {"2019-09-17 14:40:00", "2019-09-17T14:40:00"},
      {"2019-09-17T14:40:00+07:00", "2019-09-17T14:40:00+07:00"},
      {"2019-09-17T14:40:00.123+0700", "2019-09-17T14:40:00+07:00"},
      {"2019-09-17T07:40:00Z", "2019-09-17T07:40:00Z"},
      {"2019-09-17T07:40:00+00:00", "2019-09-17T07:40:00Z"},
      {"2019-09-17T14:40:00-03:30", "2019-09-17T14:40:00-03:30"},
      {"2019-09-17 14:40:00 +07", "2019-09-17T14:40:00+07:00"},
      {"  2020-02-29t23:59:60z ", "2020-02-29T23:59:60Z"},
  };
  for (const Row& r : rows) {
    INFO(r.in);
    auto dt = warta::ParseIsoDateTime(r.in);
    REQUIRE(dt);
    CHECK(dt->Iso() == r.iso);
  }
  for (std::string bad : {"", "2019-9-17", "2019-02-29", "2019-09-17T24:00", "2019-09-17T14:60", "2019-09-17T14",
                          "2019-09-17T14:40+25:00", "2019-09-17 WIB", "17/09/2019", "2019-09-17T14:40:00+07:00 x"}) {
    INFO(bad);
    CHECK_FALSE(warta::ParseIsoDateTime(bad));
  }
}

TEST_CASE("RFC 2822 dates are read with their zone", "[date_time]") {
  struct Row { std::string in, iso; };
  std::vector<Row> rows = {
      {"Tue, 17 Sep 2019 14:40:00 +0700", "2019-09-17T14:40:00+07:00"},
      {"17 Sep 2019 14:40 +0800", "2019-09-17T14:40+08:00"},
      {"Tue, 7 SEP 2021 01:02:03 GMT", "2021-09-07T01:02:03Z"},
      {"Mon, 02 Dec 2019 08:00:00 -0500", "2019-12-02T08:00:00-05:00"},
      {"Mon, 02 Dec 2019 08:00:00 -0000", "2019-12-02T08:00:00"},  // -0000: zone unknown
      {"02 Dec 2019 08:00:00", "2019-12-02T08:00:00"},
  };
  for (const Row& r : rows) {
    INFO(r.in);
    auto dt = warta::ParseRfc2822(r.in);
    REQUIRE(dt);
    CHECK(dt->Iso() == r.iso);
  }
  for (std::string bad : {"Tue, 17 Sept 2019 14:40:00 +0700", "Sel, 17 Sep 2019 14:40 +0700", "31 Feb 2019 10:00 +0700",
                          "17 Sep 19 14:40 +0700", "17 Sep 2019", "17 Sep 2019 14:40 WIB", "2019-09-17"}) {
    INFO(bad);
    CHECK_FALSE(warta::ParseRfc2822(bad));
  }
}

TEST_CASE("PDF dates are read to the precision given", "[date_time]") {
  struct Row { std::string in, iso; };
  std::vector<Row> rows = {
      {"D:20251029143000+08'00'", "2025-10-29T14:30:00+08:00"},
      {"D:20251029143000+08'00", "2025-10-29T14:30:00+08:00"},
      {"D:20251029143000Z", "2025-10-29T14:30:00Z"},
      {"D:20251029143000Z00'00'", "2025-10-29T14:30:00Z"},
      {"D:20251029143000", "2025-10-29T14:30:00"},
      {"D:202510291430", "2025-10-29T14:30"},
      {"D:20251029", "2025-10-29"},
      {"20251029143000-05'00'", "2025-10-29T14:30:00-05:00"},
  };
  for (const Row& r : rows) {
    INFO(r.in);
    auto dt = warta::ParsePdfDate(r.in);
    REQUIRE(dt);
    CHECK(dt->Iso() == r.iso);
  }
  for (std::string bad : {"", "D:2025", "D:202510", "D:20251329", "D:20251029256000", "D:20251029143000+08'00'x",
                          "Wed Oct 29 14:30:00 2025"}) {
    INFO(bad);
    CHECK_FALSE(warta::ParsePdfDate(bad));
  }
}
