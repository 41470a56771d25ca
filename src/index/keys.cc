#include "index/keys.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace warta {

std::string NameKey(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool space = false;  // a separator is pending
  auto letter = [&](auto append) {
    if (space && !key.empty()) key.push_back(' ');
    space = false;
    append();
  };
  bool ascii = true;
  for (char c : name) ascii &= (c & 0x80) == 0;
  if (ascii) {
    for (char c : name) {
      if (c >= 'A' && c <= 'Z') letter([&] { key.push_back(char(c - 'A' + 'a')); });
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) letter([&] { key.push_back(c); });
      else space = true;
    }
    return key;
  }
  // Decomposed, so that "é" is "e" + a combining mark to drop; invalid UTF-8 became U+FFFD.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), int32_t(name.size())));
  if (nfd && U_SUCCESS(status)) {
    icu::UnicodeString d = nfd->normalize(text, status);
    if (U_SUCCESS(status)) text = d;
  }
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    const uint32_t mask = U_GET_GC_MASK(c);
    if (mask & U_GC_M_MASK) continue;  // a diacritic: dropped, the letter goes on
    if (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) letter([&] { utf8::Append(key, char32_t(u_tolower(c))); });
    else space = true;
  }
  return key;
}

bool IsAreaCode(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i - 1] == '.') return false;
    } else if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return true;
}

bool AreaCodeBelow(std::string_view code, std::string_view area) {
  return code.substr(0, area.size()) == area && (code.size() == area.size() || code[area.size()] == '.');
}

}  // namespace warta
