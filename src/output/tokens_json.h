// The record of `warta tokenize --format jsonl|json`: id, source, sentences with their
// tokens, warnings (and error), one compact JSON line:
//   {"schema":"warta/1","id":"…","source":{…},"sentences":[{"text":"Rumahnya di Kupang.",
//    "start":0,"end":19,"tokens":[{"text":"Rumahnya","start":0,"end":8,"words":["Rumah","nya"]},…]}],
//    "warnings":[]}
// The same bytes as TokensJson(doc, false) (output/record.h), written for the tokenize command
// alone: a token is ~35 bytes of output for ~6 of input, and the general JSON writer's
// per-value bookkeeping (separators, nesting, room checks, a code-point cursor per call) cost
// more than tokenising. Here the output is sized once for the whole document, tokens are
// escaped and counted in code points as they are copied, and nothing is checked per value.
// Offsets: start/end are Unicode code points of Document::text (spans are UTF-8 bytes).
#ifndef WARTA_OUTPUT_TOKENS_JSON_H_
#define WARTA_OUTPUT_TOKENS_JSON_H_

#include <string>

#include "document.h"

namespace warta {

// The tokenize record of doc, compact, without a trailing newline.
std::string TokensJsonl(const Document& doc);

}  // namespace warta

#endif  // WARTA_OUTPUT_TOKENS_JSON_H_
