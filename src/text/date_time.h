// A publication date as a feed, a page or a file gives it: a calendar day, and the time of
// day and the UTC offset where they are given. Parsers for the two machine formats:
//   ParseIsoDateTime("2019-09-17T14:40:00+07:00") → 2019-09-17, 14:40:00, +07:00
//   ParseIsoDateTime("2019-09-17 14:40")          → 2019-09-17, 14:40 (local time, zone unknown)
//   ParseRfc2822("Tue, 17 Sep 2019 14:40:00 +0700") → 2019-09-17, 14:40:00, +07:00
//   ParsePdfDate("D:20190917144000+07'00'")      → 2019-09-17, 14:40:00, +07:00
// Forms written for people ("Selasa, 17 September 2019 14:40 WIB", "17/09/2019") are read by
// the dates stage's grammar instead (Pipeline reads `published` with both).
// Value type; the parsers never throw and accept only real dates and times.
#ifndef WARTA_TEXT_DATE_TIME_H_
#define WARTA_TEXT_DATE_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "text/civil_date.h"

namespace warta {

struct DateTime {
  CivilDate date;                     // the day where it was written (in its own zone)
  int hour = -1;                      // 0..23, or -1: no time of day given
  int minute = 0;                     // 0..59
  int second = -1;                    // 0..60 (a leap second), or -1: not given
  std::optional<int> offset_minutes;  // the UTC offset (+07:00 → 420); none: zone unknown

  // ISO 8601 as precise as given: "2019-09-17", "2019-09-17T14:40",
  // "2019-09-17T14:40:00+07:00", "2019-09-17T07:40:00Z" (offset 0). Fractions of seconds
  // are not kept.
  std::string Iso() const;
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// ISO 8601 / RFC 3339 in the extended format: "YYYY-MM-DD", optionally followed by "T" (or
// one space) and "hh:mm", ":ss", a fraction ".sss" (dropped), and a zone "Z", "±hh:mm",
// "±hhmm" or "±hh" (a space before the zone is allowed). Nothing else may follow.
std::optional<DateTime> ParseIsoDateTime(std::string_view s);

// RFC 5322 section 3.3 (RFC 2822, the date of e-mail and RSS): "[Tue, ]17 Sep 2019
// 14:40[:00] +0700"; the zone may also be the obsolete "UT" or "GMT" (offset 0) or be left
// out (zone unknown). Month and weekday names are the format's English abbreviations, any case.
std::optional<DateTime> ParseRfc2822(std::string_view s);

// A PDF date (PDF 32000-1:2008, section 7.9.4): "D:YYYYMMDDHHmmSSOHH'mm'" with every part after
// the year optional, O one of + - Z; the "D:" prefix and the apostrophes may be missing.
std::optional<DateTime> ParsePdfDate(std::string_view s);

}  // namespace warta

#endif  // WARTA_TEXT_DATE_TIME_H_
