// Groups tokens into sentences.
//   "Acara dibuka oleh Kabag Humas. “Bakohumas penting,” ujar Reni. Ia hadir."
//   → 3 sentences; the closing ” stays with its sentence, "Kab." or "M." never ends one.
// A sentence ends at . ! ? … (and runs like "?!") before a token that can begin one: a
// capitalised word, a number, an opening quote or bracket, a dash or bullet — never before
// a lower-case word or a comma. Closing quotes and brackets after the mark stay with it; a
// straight quote closes when it is written against the mark, curly and doubled quotes say
// which they are. An abbreviation token keeps its period and does not end a sentence (the
// tokeniser gives a "closing" abbreviation that ends one, "dll." before "Konon", its own "."),
// except a degree before a capitalised word ("…, S.H. Ia menjelaskan").
// Paragraph ends (doc.paragraphs) always end a sentence, so headlines and list items
// without final punctuation stand alone.
// Reads: doc.tokens, doc.paragraphs, doc.norm, doc.text.  Writes: doc.sentences.
// Built once from the Lexicon; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_SEGMENT_H_
#define WARTA_STAGES_SEGMENT_H_

#include <string>
#include <unordered_set>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class SentenceSplitter final : public Stage {
 public:
  explicit SentenceSplitter(const Lexicon& lexicon);  // reads tokenize/abbreviations.tsv
  std::string_view name() const override { return "segment"; }
  void Run(Document& doc) const override;

 private:
  std::unordered_set<std::string> degrees_;  // academic degrees as written and in capitals
};

}  // namespace warta

#endif  // WARTA_STAGES_SEGMENT_H_
