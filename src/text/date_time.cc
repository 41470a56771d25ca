#include "text/date_time.h"

#include <cctype>

namespace warta {

namespace {

// Reads exactly `width` digits at s[i], moving i past them.
bool Digits(std::string_view s, size_t& i, int width, int* value) {
  if (i + width > s.size()) return false;
  int v = 0;
  for (int k = 0; k < width; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  i += width;
  return true;
}

bool ValidTime(int hour, int minute, int second) {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= -1 && second <= 60;
}

// A zone offset of at most 18 hours (the limit of java.time and of RFC 3339 in practice).
bool ValidOffset(int hours, int minutes) { return hours <= 18 && minutes <= 59; }

void Append2(std::string& out, int v) {
  out.push_back(char('0' + v / 10 % 10));
  out.push_back(char('0' + v % 10));
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string DateTime::Iso() const {
  std::string out = date.Iso();
  if (hour < 0) return out;
  out.push_back('T');
  Append2(out, hour);
  out.push_back(':');
  Append2(out, minute);
  if (second >= 0) {
    out.push_back(':');
    Append2(out, second);
  }
  if (offset_minutes) {
    int off = *offset_minutes;
    if (off == 0) {
      out.push_back('Z');
    } else {
      out.push_back(off < 0 ? '-' : '+');
      if (off < 0) off = -off;
      Append2(out, off / 60);
      out.push_back(':');
      Append2(out, off % 60);
    }
  }
  return out;
}

std::optional<DateTime> ParseIsoDateTime(std::string_view s) {
  s = Trim(s);
  DateTime dt;
  size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (!Digits(s, i, 4, &y) || i >= s.size() || s[i++] != '-' || !Digits(s, i, 2, &m) || i >= s.size() ||
      s[i++] != '-' || !Digits(s, i, 2, &d) || !CivilDate::Valid(y, m, d))
    return std::nullopt;
  dt.date = CivilDate{y, m, d};
  if (i == s.size()) return dt;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int hh = 0, mm = 0, ss = -1;
  if (!Digits(s, i, 2, &hh) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, &mm)) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, i, 2, &ss)) return std::nullopt;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {  // a fraction of a second: dropped
      size_t start = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == start) return std::nullopt;
    }
  }
  if (!ValidTime(hh, mm, ss)) return std::nullopt;
  dt.hour = hh;
  dt.minute = mm;
  dt.second = ss;
  if (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size()) return dt;
  if (s[i] == 'Z' || s[i] == 'z') {
    dt.offset_minutes = 0;
    return i + 1 == s.size() ? std::optional<DateTime>(dt) : std::nullopt;
  }
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  const int sign = s[i++] == '-' ? -1 : 1;
  int oh = 0, om = 0;
  if (!Digits(s, i, 2, &oh)) return std::nullopt;
  if (i < s.size()) {
    if (s[i] == ':') ++i;
    if (!Digits(s, i, 2, &om)) return std::nullopt;
  }
  if (i != s.size() || !ValidOffset(oh, om)) return std::nullopt;
  dt.offset_minutes = sign * (oh * 60 + om);
  return dt;
}

std::optional<DateTime> ParseRfc2822(std::string_view s) {
  // RFC 5322, section 3.3: the names are the format's own tokens, as "T" and "Z" are ISO's.
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  s = Trim(s);
  // Words split at spaces (and after the weekday's comma).
  std::string_view parts[7];
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) break;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    if (i < s.size() && s[i] == ',') ++i;  // "Tue," stays one word
    if (n == 7) return std::nullopt;
    parts[n++] = s.substr(start, i - start);
  }
  size_t k = 0;
  if (n > 0 && parts[0].size() == 4 && parts[0].back() == ',') {
    bool day_name = false;
    for (std::string_view d : kDays) day_name |= IEquals(parts[0].substr(0, 3), d);
    if (!day_name) return std::nullopt;
    k = 1;
  }
  if (n - k < 4) return std::nullopt;
  // day month year time [zone]
  DateTime dt;
  size_t i = 0;
  int day = 0;
  std::string_view day_part = parts[k];
  if (day_part.size() == 1) {
    if (!Digits(day_part, i, 1, &day)) return std::nullopt;
  } else if (!Digits(day_part, i, 2, &day) || i != day_part.size()) {
    return std::nullopt;
  }
  int month = 0;
  for (int m = 0; m < 12; ++m)
    if (IEquals(parts[k + 1], kMonths[m])) month = m + 1;
  int year = 0;
  i = 0;
  if (!month || parts[k + 2].size() != 4 || !Digits(parts[k + 2], i, 4, &year) ||
      !CivilDate::Valid(year, month, day))
    return std::nullopt;
  dt.date = CivilDate{year, month, day};
  std::string_view time = parts[k + 3];
  int hh = 0, mm = 0, ss = -1;
  i = 0;
  if (!Digits(time, i, 2, &hh) || i >= time.size() || time[i++] != ':' || !Digits(time, i, 2, &mm))
    return std::nullopt;
  if (i < time.size() && (time[i++] != ':' || !Digits(time, i, 2, &ss))) return std::nullopt;
  if (i != time.size() || !ValidTime(hh, mm, ss)) return std::nullopt;
  dt.hour = hh;
  dt.minute = mm;
  dt.second = ss;
  if (n - k == 4) return dt;
  if (n - k != 5) return std::nullopt;
  std::string_view zone = parts[k + 4];
  if (IEquals(zone, "GMT") || IEquals(zone, "UT") || IEquals(zone, "UTC") || IEquals(zone, "Z")) {
    dt.offset_minutes = 0;
    return dt;
  }
  if (zone.size() != 5 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  int oh = 0, om = 0;
  i = 1;
  if (!Digits(zone, i, 2, &oh) || !Digits(zone, i, 2, &om) || !ValidOffset(oh, om)) return std::nullopt;
  // "-0000" means "zone unknown" (RFC 5322, section 3.3).
  if (zone == "-0000") return dt;
  dt.offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  return dt;
}

std::optional<DateTime> ParsePdfDate(std::string_view s) {
  s = Trim(s);
  if (s.substr(0, 2) == "D:") s.remove_prefix(2);
  size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (!Digits(s, i, 4, &y) || !Digits(s, i, 2, &m) || !Digits(s, i, 2, &d) || !CivilDate::Valid(y, m, d))
    return std::nullopt;  // a year or a month alone is no day
  DateTime dt;
  dt.date = CivilDate{y, m, d};
  int hh = 0, mm = 0, ss = -1;
  if (!Digits(s, i, 2, &hh)) return i == s.size() ? std::optional<DateTime>(dt) : std::nullopt;
  if (Digits(s, i, 2, &mm)) Digits(s, i, 2, &ss);  // minutes, then seconds, each optional
  if (!ValidTime(hh, mm, ss)) return std::nullopt;
  dt.hour = hh;
  dt.minute = mm;
  dt.second = ss;
  if (i == s.size()) return dt;
  const char o = s[i++];
  if (o == 'Z') {
    // "Z" may still be followed by "00'00'" (written by some producers).
    dt.offset_minutes = 0;
    return dt;
  }
  if (o != '+' && o != '-') return std::nullopt;
  int oh = 0, om = 0;
  if (!Digits(s, i, 2, &oh)) return std::nullopt;
  if (i < s.size() && s[i] == '\'') ++i;
  if (i < s.size() && !Digits(s, i, 2, &om)) return std::nullopt;
  if (i < s.size() && s[i] == '\'') ++i;
  if (i != s.size() || !ValidOffset(oh, om)) return std::nullopt;
  dt.offset_minutes = (o == '-' ? -1 : 1) * (oh * 60 + om);
  return dt;
}

}  // namespace warta
