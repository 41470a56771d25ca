// Groups tokens into sentences.
//   "Acara dibuka oleh Kabag Humas. “Bakohumas penting,” ujar Reni. Ia hadir."
//   → 3 sentences; the closing ” stays with its sentence, "Kab." or "M." never ends one.
// A sentence ends at . ! ? … (and runs like "?!") before a capital, a digit, an opening
// quote or bracket, or the end; closing quotes and brackets after the mark stay with it.
// Paragraph ends (doc.paragraphs) always end a sentence, so headlines and list items
// without final punctuation stand alone.
// Reads: doc.tokens, doc.paragraphs, doc.norm.  Writes: doc.sentences.
#ifndef WARTA_STAGES_SEGMENT_H_
#define WARTA_STAGES_SEGMENT_H_

#include "lexicon.h"
#include "stage.h"

namespace warta {

class SentenceSplitter final : public Stage {
 public:
  explicit SentenceSplitter(const Lexicon& lexicon);
  std::string_view name() const override { return "segment"; }
  void Run(Document& doc) const override;
};

}  // namespace warta

#endif  // WARTA_STAGES_SEGMENT_H_
