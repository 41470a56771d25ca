// Makes bytes valid UTF-8: every maximal ill-formed subpart becomes one U+FFFD, the Unicode
// recommendation that Python's "replace" error handler also follows, so that offsets agree
// with `bytes.decode("utf-8", "replace")`.
//   RepairUtf8("Joko \xff\xfe Widodo", out) → 2, out "Joko \uFFFD\uFFFD Widodo"
// The input side (input/decode.h) repairs what it reads; the output side (output/) repairs
// the strings it writes that did not come through the decoder (jsonl fields, meta).
// Units: bytes. Well-formed input, the usual case, is scanned many bytes at a time (text/scan.h).
#ifndef WARTA_TEXT_UTF8_REPAIR_H_
#define WARTA_TEXT_UTF8_REPAIR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace warta {

// The length of the well-formed UTF-8 sequence at s[i] (i < s.size()), or 0 with *subpart
// set to the length of the maximal ill-formed subpart there (Unicode 15, table 3-7).
size_t WellFormedAt(std::string_view s, size_t i, size_t* subpart);

// The length of the longest prefix of `bytes` that is well-formed UTF-8: bytes.size() when
// all of it is. Lets callers use well-formed input as it is, without a repaired copy.
size_t WellFormedPrefix(std::string_view bytes);

// Appends `bytes` to `out` with ill-formed UTF-8 replaced by U+FFFD; returns the number of
// replacements and, in *first_bad, the byte offset (in `bytes`) of the first.
size_t RepairUtf8(std::string_view bytes, std::string& out, size_t* first_bad = nullptr);

}  // namespace warta

#endif  // WARTA_TEXT_UTF8_REPAIR_H_
