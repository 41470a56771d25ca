// A calendar day in the proleptic Gregorian calendar, with the arithmetic the stages need.
//   CivilDate::Parse("2025-10-27") → {2025, 10, 27}; Weekday() → 0 (Monday)
// Value type; no time zone (a news date is a local calendar day).
#ifndef WARTA_TEXT_CIVIL_DATE_H_
#define WARTA_TEXT_CIVIL_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace warta {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  // Days since 1970-01-01 (negative before).
  long DaysSinceEpoch() const;
  static CivilDate FromDays(long days);
  // 0 = Monday … 6 = Sunday (ISO order, as Indonesian "Senin" … "Minggu").
  int Weekday() const;
  CivilDate AddDays(long n) const { return FromDays(DaysSinceEpoch() + n); }
  // "2025-10-27"
  std::string Iso() const;

  // True when year/month/day form a real date (Feb 29 only in leap years).
  static bool Valid(int year, int month, int day);
  static int DaysInMonth(int year, int month);
  // Accepts "YYYY-MM-DD" and a date-time that starts with one ("2025-10-27T10:00:00+08:00").
  static std::optional<CivilDate> Parse(std::string_view s);
  // Today in the local time zone of the machine.
  static CivilDate Today();

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

}  // namespace warta

#endif  // WARTA_TEXT_CIVIL_DATE_H_
