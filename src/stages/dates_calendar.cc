#include "stages/dates_calendar.h"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace warta::dates {

std::string IsoWeek(const CivilDate& d) {
  CivilDate thursday = d.AddDays(3 - d.Weekday());
  long first = CivilDate{thursday.year, 1, 1}.DaysSinceEpoch();
  long week = (thursday.DaysSinceEpoch() - first) / 7 + 1;
  if (thursday.year < 0 || thursday.year > 9999 || week < 0 || week > 99) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year, static_cast<int>(week));
    return buf;
  }
  // The same text as the printf above, which costs a thousand instructions and more a call.
  std::string out = "0000-W00";
  for (int k = 3, y = thursday.year; k >= 0; --k, y /= 10) out[k] = char('0' + y % 10);
  out[6] = char('0' + week / 10);
  out[7] = char('0' + week % 10);
  return out;
}

namespace {

// Why "islamic-civil": Indonesia fixes the Islamic months by the Ministry of Religious
// Affairs' sidang isbat (MABIMS criteria), not by Saudi Arabia's Umm al-Qura table. Checked
// against the official Indonesian dates of 1443–1447 H (1 Ramadan, 1 Syawal, 10 Zulhijah,
// 1 and 10 Muharram), the arithmetic civil calendar agrees on 7 of 10 days and Umm al-Qura
// on 5 (both differ from the isbat by at most one day): "1 Syawal 1446 H" was Monday
// 2025-03-31 in Indonesia, as islamic-civil gives, while Umm al-Qura gives 2025-03-30. The
// civil calendar is also pure arithmetic, so the result does not depend on ICU's data version.
constexpr const char* kIslamicLocale = "id@calendar=islamic-civil";
constexpr double kMsPerDay = 86400000.0;
constexpr long kStrongWindowDays = 120;

std::unique_ptr<icu::Calendar> NewCalendar(const char* locale) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), st));
  if (U_FAILURE(st)) return nullptr;
  cal->setLenient(false);
  return cal;
}

}  // namespace

std::optional<CivilDate> HijriToGregorian(int year, int month, int day) {
  if (year < 1 || year > 3000 || month < 1 || month > 12 || day < 1 || day > 30) return std::nullopt;
  auto cal = NewCalendar(kIslamicLocale);
  if (!cal) return std::nullopt;
  UErrorCode st = U_ZERO_ERROR;
  cal->clear();
  cal->set(UCAL_EXTENDED_YEAR, year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, day);
  UDate t = cal->getTime(st);  // not lenient: 30 in a 29-day month fails here
  if (U_FAILURE(st)) return std::nullopt;
  return CivilDate::FromDays(static_cast<long>(std::floor(t / kMsPerDay)));
}

std::optional<int> HijriYear(const CivilDate& d) {
  auto cal = NewCalendar(kIslamicLocale);
  if (!cal) return std::nullopt;
  UErrorCode st = U_ZERO_ERROR;
  cal->setTime(static_cast<double>(d.DaysSinceEpoch()) * kMsPerDay + kMsPerDay / 2, st);
  int y = cal->get(UCAL_EXTENDED_YEAR, st);
  if (U_FAILURE(st)) return std::nullopt;
  return y;
}

std::optional<YearChoice> InferYear(int month, int day, std::optional<int> weekday,
                                    const CivilDate& reference, bool strong) {
  // A weekday repeats on the same day and month within 11 years (28 for 29 February).
  const int span = weekday ? 28 : 4;
  // Past before future: a future date counts half again as far.
  auto cost = [&](const CivilDate& d) {
    long delta = d.DaysSinceEpoch() - reference.DaysSinceEpoch();
    return delta > 0 ? delta * 3 / 2 : -delta;
  };
  std::optional<CivilDate> best_any, best_weekday;
  for (int y = reference.year - span; y <= reference.year + span; ++y) {
    if (!CivilDate::Valid(y, month, day)) continue;
    CivilDate d{y, month, day};
    if (!best_any || cost(d) < cost(*best_any)) best_any = d;
    if (weekday && d.Weekday() == *weekday && (!best_weekday || cost(d) < cost(*best_weekday)))
      best_weekday = d;
  }
  if (!best_any) return std::nullopt;
  if (!weekday) return YearChoice{*best_any, false};
  if (!best_weekday) return YearChoice{*best_any, true};
  // A strong reference: the nearest occurrence within four months of the publication date
  // stands even when its weekday is wrong ("Senin (17/9)" published Tuesday 2019-09-17);
  // the other years' candidates lie about a year away, far outside what news reports.
  if (strong && *best_weekday != *best_any &&
      std::labs(best_any->DaysSinceEpoch() - reference.DaysSinceEpoch()) <= kStrongWindowDays)
    return YearChoice{*best_any, true};
  return YearChoice{*best_weekday, false};
}

}  // namespace warta::dates
