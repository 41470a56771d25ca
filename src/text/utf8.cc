#include "text/utf8.h"

#include <unicode/unistr.h>

#include <algorithm>

namespace warta::utf8 {

CodePoint DecodeMultiByte(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  if (b < 0xE0 && i + 1 < s.size())
    return {char32_t((b & 0x1F) << 6 | (s[i + 1] & 0x3F)), 2};
  if (b < 0xF0 && i + 2 < s.size())
    return {char32_t((b & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F)), 3};
  if (i + 3 < s.size())
    return {char32_t((b & 0x07) << 18 | (s[i + 1] & 0x3F) << 12 | (s[i + 2] & 0x3F) << 6 |
                     (s[i + 3] & 0x3F)),
            4};
  return {0xFFFD, 1};
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

void BytesToCodePoints(std::string_view s, std::vector<uint32_t*>& offsets) {
  std::sort(offsets.begin(), offsets.end(), [](uint32_t* a, uint32_t* b) { return *a < *b; });
  size_t byte = 0, cps = 0;
  for (uint32_t* p : offsets) {
    size_t target = std::min<size_t>(*p, s.size());
    for (; byte < target; ++byte) cps += !IsContinuation(s[byte]);
    *p = static_cast<uint32_t>(cps);
  }
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  AsciiLowerInPlace(out.data(), out.size());
  return out;
}

std::string Lower(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) return AsciiLower(s);
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size())))
      .toLower()
      .toUTF8String(out);
  return out;
}

}  // namespace warta::utf8
