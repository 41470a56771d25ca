#include "text/utf8_repair.h"

#include "text/scan.h"

namespace warta {

size_t WellFormedAt(std::string_view s, size_t i, size_t* subpart) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  *subpart = 1;
  if (c < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c == 0xE0) need = 2, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) need = 2;
  else if (c == 0xED) need = 2, hi = 0x9F;
  else if (c >= 0xEE && c <= 0xEF) need = 2;
  else if (c == 0xF0) need = 3, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) need = 3;
  else if (c == 0xF4) need = 3, hi = 0x8F;
  else return 0;
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) { *subpart = k; return 0; }
    unsigned char d = b(i + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (d < l || d > h) { *subpart = k; return 0; }
  }
  return need + 1;
}

size_t WellFormedPrefix(std::string_view bytes) {
  const char* const begin = bytes.data();
  const char* const end = begin + bytes.size();
  size_t i = 0;
  while (true) {
    i = size_t(scan::NonAscii(begin + i, end) - begin);
    if (i == bytes.size()) return i;
    size_t sub;
    size_t n = WellFormedAt(bytes, i, &sub);
    if (!n) return i;
    i += n;
  }
}

size_t RepairUtf8(std::string_view bytes, std::string& out, size_t* first_bad) {
  // Well-formed input, by far the usual case, is copied whole.
  size_t i = WellFormedPrefix(bytes);
  if (i == bytes.size()) {
    out.append(bytes);
    return 0;
  }
  const char* const begin = bytes.data();
  const char* const end = begin + bytes.size();
  size_t bad = 0;
  out.reserve(out.size() + bytes.size());
  size_t run = 0;
  while (i < bytes.size()) {
    size_t sub;
    size_t n = WellFormedAt(bytes, i, &sub);
    if (n) {
      i += n;
    } else {
      out.append(bytes.substr(run, i - run));
      out += "\xEF\xBF\xBD";
      if (bad++ == 0 && first_bad) *first_bad = i;
      i += sub;
      run = i;
    }
    i = size_t(scan::NonAscii(begin + i, end) - begin);
  }
  out.append(bytes.substr(run));
  return bad;
}

}  // namespace warta
