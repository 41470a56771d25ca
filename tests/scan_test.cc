// The byte scans of text/scan.h against one-byte-at-a-time answers, for every length and
// every position of the byte sought: the 64-, 16- and 8-byte loops and the partial last word
// each take their turn, and a buffer ends exactly where the scan must stop reading.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "text/scan.h"
#include "text/utf8_repair.h"

namespace {

bool JsonSpecialByte(char c) {
  auto b = static_cast<unsigned char>(c);
  return b < 0x20 || b == '"' || b == '\\';
}

// A heap copy of s with nothing after it, so that a read past the end is a read past the
// allocation (visible under the sanitizer build).
std::unique_ptr<char[]> Exact(const std::string& s) {
  auto p = std::make_unique<char[]>(s.size() + 1);
  s.copy(p.get(), s.size());
  return p;
}

}  // namespace

TEST_CASE("the scans find the first byte sought at any length and position", "[scan]") {
  // Bytes that each scan must pass over: letters, high bytes for JsonSpecial, 0x7F and
  // ASCII punctuation for NonAscii.
  const std::string plain = "Rapat pleno KPU di Kupang, Senin.";
  for (size_t len = 0; len <= 150; ++len) {
    std::string base;
    for (size_t k = 0; k < len; ++k) base += plain[k % plain.size()];
    for (size_t at = 0; at <= len; ++at) {  // at == len: nothing to find
      for (char sought : {'"', '\\', '\n', '\x01', '\x1F', '\x80', '\xE2', '\xFF'}) {
        std::string s = base;
        if (at < len) s[at] = sought;
        if (at > 0) s[at - 1] = '\xC3';  // a high byte before it: special to NonAscii only
        auto buf = Exact(s);
        const char* begin = buf.get();
        const char* end = begin + s.size();
        INFO("len " << len << " at " << at << " byte " << int(static_cast<unsigned char>(sought)));

        size_t want = 0;
        while (want < s.size() && !JsonSpecialByte(s[want])) ++want;
        CHECK(size_t(warta::scan::JsonSpecial(begin, end) - begin) == want);

        std::string out(s.size() + 16, '#');
        char* o = out.data();
        const char* stop = warta::scan::CopyToJsonSpecial(begin, end, o);
        CHECK(size_t(stop - begin) == want);
        CHECK(size_t(o - out.data()) == want);
        CHECK(out.substr(0, want) == s.substr(0, want));

        size_t high = 0;
        while (high < s.size() && static_cast<unsigned char>(s[high]) < 0x80) ++high;
        CHECK(size_t(warta::scan::NonAscii(begin, end) - begin) == high);
      }
    }
  }
}

TEST_CASE("the well-formed prefix of UTF-8 ends at the first ill-formed byte", "[scan]") {
  struct Row { std::string bytes; size_t prefix; };
  std::vector<Row> rows = {
      {"", 0},
      {"Rapat pleno di Kupang", 21},
      {"Jum\xE2\x80\x99" "at (31/10)", 16},
      {"Caf\xC3\xA9 \xF0\x9F\x98\x80 ok", 13},
      {"abc\xFF", 3},
      {"abc\xC3", 3},                       // cut short at the end
      {"abc\xE2\x80" "d", 3},               // cut short inside
      {"abc\xED\xA0\x80", 3},               // a surrogate
      {"abc\xC0\xAF", 3},                   // overlong
      {std::string(70, 'a') + "\x80", 70},  // a lone continuation byte after the 64-byte loop
  };
  for (const Row& r : rows) {
    INFO(r.bytes);
    CHECK(warta::WellFormedPrefix(r.bytes) == r.prefix);
    std::string repaired;
    size_t first_bad = 999;
    size_t bad = warta::RepairUtf8(r.bytes, repaired, &first_bad);
    CHECK((bad == 0) == (r.prefix == r.bytes.size()));
    if (bad) CHECK(first_bad == r.prefix);
    else CHECK(repaired == r.bytes);
  }
}
