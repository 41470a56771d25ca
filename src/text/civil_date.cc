#include "text/civil_date.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace warta {

namespace chr = std::chrono;

long CivilDate::DaysSinceEpoch() const {
  chr::year_month_day ymd{chr::year(year), chr::month(month), chr::day(day)};
  return chr::sys_days(ymd).time_since_epoch().count();
}

CivilDate CivilDate::FromDays(long days) {
  chr::year_month_day ymd{chr::sys_days(chr::days(days))};
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

int CivilDate::Weekday() const {
  chr::weekday wd{chr::sys_days(chr::days(DaysSinceEpoch()))};
  return int(wd.iso_encoding()) - 1;
}

std::string CivilDate::Iso() const {
  // The usual case by hand: snprintf costs ~1,600 instructions, and every record calls this.
  if (year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
    char b[10] = {char('0' + year / 1000), char('0' + year / 100 % 10), char('0' + year / 10 % 10),
                  char('0' + year % 10), '-', char('0' + month / 10), char('0' + month % 10), '-',
                  char('0' + day / 10), char('0' + day % 10)};
    return std::string(b, 10);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int CivilDate::DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool CivilDate::Valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::optional<CivilDate> CivilDate::Parse(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int pos[3][2] = {{0, 4}, {5, 7}, {8, 10}};
  for (int k = 0; k < 3; ++k) {
    for (int i = pos[k][0]; i < pos[k][1]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  if (!Valid(v[0], v[1], v[2])) return std::nullopt;
  return CivilDate{v[0], v[1], v[2]};
}

CivilDate CivilDate::Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace warta
