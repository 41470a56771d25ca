// Builds the stages for a command and runs them in order over one Document.
//   Pipeline p(options, lexicon);  p.Run(doc);   // doc.tokens, doc.dates … filled
// Stage order (extract): normalize → structure → tokenize → segment → reference date →
// dates → entities → places → organizations → people → quotes. `tokenize` stops after segment.
// Built once; Run() is const and thread-safe (stages are immutable).
#ifndef WARTA_PIPELINE_H_
#define WARTA_PIPELINE_H_

#include <memory>
#include <vector>

#include "lexicon.h"
#include "options.h"
#include "stage.h"

namespace warta {

class Pipeline {
 public:
  // Throws Error when a lexicon is missing or malformed.
  Pipeline(const Options& options, const Lexicon& lexicon);
  ~Pipeline();

  // Runs every stage unless doc.error is set. Per-document limits (bytes) are checked here.
  void Run(Document& doc) const;

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  void ResolveReferenceDate(Document& doc) const;

  Options options_;
  CivilDate today_;
  std::vector<std::unique_ptr<Stage>> stages_;
  size_t reference_index_ = 0;  // the reference date is resolved before stage [reference_index_]
};

}  // namespace warta

#endif  // WARTA_PIPELINE_H_
