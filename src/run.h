// Runs `extract` or `tokenize` over every input: reader → pipeline → sink, with -j worker
// threads and the output in input order whatever the number of threads.
//   RunCommand(options) == 0   every document processed
//                       == 1   finished, but at least one document failed (its record has "error")
//                       == 130 interrupted (SIGINT/SIGTERM): reading stopped, the documents in
//                              flight were written, -o FILE can be completed with --resume
// Progress and a one-line summary (with what the folder walks left out, by reason) go to
// stderr when it is a terminal (or --progress: plain lines into a file or log), never under
// --quiet. Standard input on a terminal gets a note on stderr; one Ctrl-C ends its reading.
// --resume skips documents whose id is already in -o FILE (output/sink.h), or whose older
// id is (a path as given, from before ids stopped depending on the working directory).
// Throws Error for set-up problems (no named input exists, bad lexicon, unwritable output,
// threads that will not start): exit 2.
// Memory: at most a bounded window of documents (4 batches of at most 64 documents or 1 MB
// per thread) is held at once, whatever the corpus size.
#ifndef WARTA_RUN_H_
#define WARTA_RUN_H_

#include "options.h"

namespace warta {

int RunCommand(const Options& options);

}  // namespace warta

#endif  // WARTA_RUN_H_
