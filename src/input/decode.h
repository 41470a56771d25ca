// Turns raw bytes into the document text: valid UTF-8, BOM stripped.
//   "Joko \xff\xfe Widodo" → "Joko \uFFFD\uFFFD Widodo" + warning invalid-utf8
//   bytes of Windows-1252 "Caf\xe9"  → "Café" + warning decoded-charset (windows-1252)
//   UTF-16 with a BOM                 → converted, warning decoded-charset (UTF-16LE)
// Invalid UTF-8 sequences become one U+FFFD per maximal ill-formed subpart (the Unicode
// recommendation that Python's "replace" error handler also follows), so offsets agree
// with `bytes.decode("utf-8", "replace")`. Text that is mostly not UTF-8 at all is run
// through ICU's charset detection instead.
#ifndef WARTA_INPUT_DECODE_H_
#define WARTA_INPUT_DECODE_H_

#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "text/utf8_repair.h"  // WellFormedPrefix, RepairUtf8: the readers repair with them too

namespace warta {

struct Decoded {
  std::string text;               // valid UTF-8
  std::vector<Warning> warnings;  // invalid-utf8, decoded-charset, nul-bytes
};

// Never fails: every byte sequence gives some text.
Decoded DecodeBytes(std::string_view bytes);

}  // namespace warta

#endif  // WARTA_INPUT_DECODE_H_
