// Proposes the names of people, places and organisations with the trained sequence tagger.
//   "Bupati Kupang Korinus Masneno membuka rapat …"
//     → {place "Kupang", tokens [1, 2), score 0.9}, {person "Korinus Masneno", [2, 4), 0.97}
// Every sentence is tagged on its own (model/tagger.h), only near its capitalised words unless
// the document has no capital at all; a sentence longer than kMaxSentenceTokens is tagged in
// pieces of that many tokens. The spans are proposals: the
// places, organizations and people stages decide what becomes of them, under thresholds on the
// score chosen on the pipeline scored out of fold on the train splits (scripts/ner-oof); the
// spans themselves are not written to the record. A span's score is the calibrated chance
// that it is exactly right (lexicons/model/README.md).
// Reads: doc.tokens, doc.sentences, doc.norm.  Writes: doc.entity_spans (in text order).
// Built once from the Lexicon (lexicons/model/ner.bin and the word lists of
// model/word_facts.h); Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_ENTITIES_H_
#define WARTA_STAGES_ENTITIES_H_

#include <memory>

#include "lexicon.h"
#include "model/model.h"
#include "model/tagger.h"
#include "model/word_facts.h"
#include "stage.h"

namespace warta {

class EntityTagger final : public Stage {
 public:
  // Throws Error naming the file when the model or a word list is missing or damaged.
  explicit EntityTagger(const Lexicon& lexicon);
  std::string_view name() const override { return "entities"; }
  void Run(Document& doc) const override;

  static constexpr uint32_t kMaxSentenceTokens = 1000;
  const model::Tagger& tagger() const { return *tagger_; }

 private:
  std::unique_ptr<model::Model> model_;
  std::unique_ptr<model::WordFacts> facts_;
  std::unique_ptr<model::Tagger> tagger_;
};

}  // namespace warta

#endif  // WARTA_STAGES_ENTITIES_H_
