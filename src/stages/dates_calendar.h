// Calendar arithmetic for the dates stage: ISO weeks, the Islamic calendar, and choosing the
// year of a date written without one.
//   IsoWeek(2025-10-27) → "2025-W44"
//   HijriToGregorian(1446, 10, 1) → 2025-03-31 (1 Syawal 1446 H)
//   InferYear(10, 27, weekday Monday, reference 2026-11-28, weak) → 2025-10-27
// Pure functions; thread-safe.
#ifndef WARTA_STAGES_DATES_CALENDAR_H_
#define WARTA_STAGES_DATES_CALENDAR_H_

#include <optional>
#include <string>

#include "text/civil_date.h"

namespace warta::dates {

// "2025-W44": the ISO 8601 week that holds `d` (weeks start on Monday; week 1 holds the
// year's first Thursday).
std::string IsoWeek(const CivilDate& d);

// The Gregorian day of a day in the Islamic calendar (year 1-based AH, month 1..12, day
// 1..30), with ICU's arithmetic "islamic-civil" calendar (see dates_calendar.cc for why).
// nullopt when the day does not exist in that month or ICU fails.
std::optional<CivilDate> HijriToGregorian(int year, int month, int day);
// The Islamic year that is current on `d` (for "1 Syawal" written without a year).
std::optional<int> HijriYear(const CivilDate& d);

// How a date written without its year was resolved.
struct YearChoice {
  CivilDate date;
  bool weekday_mismatch = false;  // the written weekday is not the chosen date's weekday
};

// The year for day/month written without one, near `reference`:
// - with a written weekday (0 Monday … 6 Sunday): the year that makes the weekday true,
//   nearest to the reference; but with a `strong` reference (a publication date), a date
//   within four months of it outweighs a weekday that contradicts it (news weekdays are
//   wrong about 3% of the time; a publication date almost never is);
// - without one: the nearest occurrence, a past one preferred over a future one at equal
//   distance and up to half again as far (news mostly reports what happened).
// nullopt when the day never exists in that month (31/4) — or 29/2 far from a leap year.
std::optional<YearChoice> InferYear(int month, int day, std::optional<int> weekday,
                                    const CivilDate& reference, bool strong);

}  // namespace warta::dates

#endif  // WARTA_STAGES_DATES_CALENDAR_H_
