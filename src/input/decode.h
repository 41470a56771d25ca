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

namespace warta {

struct Decoded {
  std::string text;               // valid UTF-8
  std::vector<Warning> warnings;  // invalid-utf8, decoded-charset, nul-bytes
};

// Never fails: every byte sequence gives some text.
Decoded DecodeBytes(std::string_view bytes);

// The length of the longest prefix of `bytes` that is well-formed UTF-8: bytes.size() when
// all of it is. Lets callers use well-formed input as it is, without a repaired copy.
size_t WellFormedPrefix(std::string_view bytes);

// Replaces ill-formed UTF-8 with U+FFFD; returns the number of replacements and the byte
// offset (in `bytes`) of the first. Used for jsonl strings too.
size_t RepairUtf8(std::string_view bytes, std::string& out, size_t* first_bad = nullptr);

}  // namespace warta

#endif  // WARTA_INPUT_DECODE_H_
