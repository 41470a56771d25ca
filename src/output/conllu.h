// CoNLL-U for `warta tokenize --format conllu` (CONTRACT.md): one block per sentence,
// "# text = …", ID and FORM filled, HEAD 0/root on the first word and 1/dep after, and a
// multi-word token range line ("3-4 rumahnya") before the words of a split clitic.
//   # text = Rumahnya di Kupang.
//   1-2  Rumahnya …   1  Rumah … 0 root   2  nya … 1 dep   3  di …
#ifndef WARTA_OUTPUT_CONLLU_H_
#define WARTA_OUTPUT_CONLLU_H_

#include <string>

#include "document.h"

namespace warta {

// All sentences of doc; "# newdoc id = …" opens the first.
std::string Conllu(const Document& doc);

}  // namespace warta

#endif  // WARTA_OUTPUT_CONLLU_H_
