// The interface every pipeline stage implements.
//   class DateFinder final : public Stage { … name() "dates" … Run(doc) fills doc.dates }
// A stage is built once (from the Lexicon) and Run() is const: one instance serves every
// worker thread. Run() never throws for a problem in the document: it records a warning.
#ifndef WARTA_STAGE_H_
#define WARTA_STAGE_H_

#include <string_view>

#include "document.h"

namespace warta {

// How a stage may run. Every filter or fast path a stage keeps in front of its real work (a
// shape filter before a hash probe, a byte scan before a parse, a per-thread memo) must give
// the same output as the plain path it guards; `fast_paths = false` makes the stage take the
// plain path everywhere, so that tests can run a corpus both ways and compare the documents
// (as re2 checks its DFA against its NFA). Production code never sets it to false.
struct StageSettings {
  bool fast_paths = true;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // One word, the same as the stage's file and test tag: "tokenize", "dates".
  virtual std::string_view name() const = 0;
  virtual void Run(Document& doc) const = 0;
};

}  // namespace warta

#endif  // WARTA_STAGE_H_
