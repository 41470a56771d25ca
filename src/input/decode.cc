#include "input/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <memory>


namespace warta {
namespace {

std::string FromCharset(std::string_view bytes, const char* charset, bool* ok) {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString u(bytes.data(), int32_t(bytes.size()), charset);
  std::string out;
  u.toUTF8String(out);
  *ok = !u.isBogus() && U_SUCCESS(st);
  return out;
}

// Would this byte, read as Windows-1252, be something Indonesian text plausibly holds?
// Letters with diacritics, curly quotes, dashes, the ellipsis, no-break space, degree …
// but not the bytes that make binary junk or broken UTF-8 look like text (þ, ÿ, ð, the
// C1 holes of Windows-1252).
bool PlausibleCp1252(unsigned char b) {
  switch (b) {
    case 0x81: case 0x8D: case 0x8F: case 0x90: case 0x9D:  // undefined in Windows-1252
    case 0xD0: case 0xDE: case 0xF0: case 0xFE: case 0xFF:  // Ð Þ ð þ ÿ
    case 0xA4: case 0xA6: case 0xA8: case 0xAF: case 0xB8:  // ¤ ¦ ¨ ¯ ¸
      return false;
    default:
      return b >= 0x80;
  }
}

}  // namespace

Decoded DecodeBytes(std::string_view bytes) {
  Decoded d;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  const char* utf16 = nullptr;
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") utf16 = "UTF-16LE";
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") utf16 = "UTF-16BE";
  if (utf16) {
    bool ok = false;
    d.text = FromCharset(bytes.substr(2), utf16, &ok);
    d.warnings.push_back({"decoded-charset", std::string("decoded from ") + utf16 + " (byte-order mark)"});
    return d;
  }

  size_t first_bad = 0;
  std::string repaired;
  size_t bad = RepairUtf8(bytes, repaired, &first_bad);
  if (bad == 0) {
    d.text = std::move(repaired);
  } else {
    // Mostly-UTF-8 text with a few broken bytes keeps its UTF-8 reading; text with no valid
    // multi-byte sequence but many high bytes is a legacy 8-bit encoding.
    size_t high = 0, multibyte = 0, implausible = 0;
    for (size_t i = 0; i < bytes.size();) {
      size_t sub, n = WellFormedAt(bytes, i, &sub);
      if (n > 1) ++multibyte;
      if (!n) ++high;
      i += n ? n : sub;
    }
    for (char c : bytes) implausible += static_cast<unsigned char>(c) >= 0x80 && !PlausibleCp1252(static_cast<unsigned char>(c));
    std::string charset;
    if (multibyte == 0 && high > 0 && implausible == 0) {
      UErrorCode st = U_ZERO_ERROR;
      UCharsetDetector* det = ucsdet_open(&st);
      ucsdet_setText(det, bytes.data(), int32_t(bytes.size()), &st);
      const UCharsetMatch* m = ucsdet_detect(det, &st);
      if (U_SUCCESS(st) && m) {
        const char* name = ucsdet_getName(m, &st);
        if (U_SUCCESS(st) && name && std::string_view(name).rfind("UTF", 0) != 0) charset = name;
      }
      ucsdet_close(det);
      // ICU names an 8-bit Latin text by the language its letters look most like: ISO-8859-1
      // or windows-1252 for English, French …, ISO-8859-2/windows-1250 for Polish or Czech,
      // ISO-8859-9/windows-1254 for Turkish (the windows- name when bytes 0x80-0x9F occur).
      // Indonesian is none of them, and the guess among them is noise; what Indonesian
      // Windows editors really wrote is Windows-1252, the superset of ISO-8859-1 (curly
      // quotes at 0x93/0x94), and only bytes PlausibleCp1252 accepts get here.
      for (const char* latin : {"ISO-8859-1", "ISO-8859-2", "ISO-8859-9", "windows-1250", "windows-1252", "windows-1254"})
        if (charset == latin) charset = "windows-1252";
    }
    bool ok = false;
    std::string converted;
    if (!charset.empty()) converted = FromCharset(bytes, charset.c_str(), &ok);
    if (ok) {
      d.text = std::move(converted);
      d.warnings.push_back({"decoded-charset", "not UTF-8; decoded as " + charset});
    } else {
      d.text = std::move(repaired);
      d.warnings.push_back({"invalid-utf8", std::to_string(bad) +
                                                " invalid UTF-8 sequence(s) replaced by U+FFFD, the first at byte " +
                                                std::to_string(first_bad)});
    }
  }
  if (d.text.find('\0') != std::string::npos)
    d.warnings.push_back({"nul-bytes", "the text contains NUL characters"});
  return d;
}

}  // namespace warta
