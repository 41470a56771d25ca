// CoNLL-U for `warta tokenize --format conllu` (CONTRACT.md): one block per sentence with
// "# sent_id = …" and "# text = …", ID and FORM filled, HEAD 0/root on the first word and
// 1/dep after, and a multi-word token range line ("3-4 rumahnya") before the words of a
// split clitic.
//   # newdoc id = rilis.txt
//   # sent_id = 1-1
//   # text = Rumahnya di Kupang.
//   1-2  Rumahnya …   1  Rumah … 0 root   2  nya … 1 dep   3  di …
// HEAD and DEPREL are a placeholder, not a parse: the CoNLL 2018 scorer reads a file only
// when each sentence is a tree, so every word hangs from the first. kConlluHeader says so
// at the top of the output.
#ifndef WARTA_OUTPUT_CONLLU_H_
#define WARTA_OUTPUT_CONLLU_H_

#include <cstdint>
#include <string>

#include "document.h"

namespace warta {

// The comment lines that open a CoNLL-U output (output/sink.h writes them once).
extern const char kConlluHeader[];

// All sentences of doc; "# newdoc id = …" opens the first. The sentences' ids are
// "NUMBER-1", "NUMBER-2" …, NUMBER being the document's position in the run (1-based;
// RawInput::number), so that they are unique in the file whatever the documents' ids.
std::string Conllu(const Document& doc, uint64_t number = 1);

}  // namespace warta

#endif  // WARTA_OUTPUT_CONLLU_H_
