// Renders a Document as the JSON record of the contract (CONTRACT.md, schema "warta/1").
//   {"schema":"warta/1","id":"…","source":{…},"title":"…","dateline":{…},…,"warnings":[]}
// This file and output/record.cc are the only users of nlohmann/json on the output side.
// Offsets: Document spans are UTF-8 byte offsets; the record's `start`/`end` are Unicode
// code points of Document::text, converted here.
#ifndef WARTA_OUTPUT_RECORD_H_
#define WARTA_OUTPUT_RECORD_H_

#include <string>

#include "document.h"
#include "options.h"

namespace warta {

inline constexpr char kSchema[] = "warta/1";

// The extract record, compact on one line (no trailing newline), or pretty-printed.
std::string RecordJson(const Document& doc, const Options& options, bool pretty);

// The tokenize record: id, sentences with their tokens, warnings.
std::string TokensJson(const Document& doc, bool pretty);

// Re-indents a compact record (used when the one document turns out to go to a terminal).
std::string Prettify(const std::string& compact_json);

}  // namespace warta

#endif  // WARTA_OUTPUT_RECORD_H_
