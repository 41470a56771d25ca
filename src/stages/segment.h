// Groups tokens into sentences.
//   "Acara dibuka oleh Kabag Humas. “Bakohumas penting,” ujar Reni. Ia hadir."
//   → 3 sentences; the closing ” stays with its sentence, "Kab." or "M." never ends one.
// A sentence ends at . ! ? … (and runs like "?!") before a token that can begin one: a
// capitalised word, a number, an opening quote or bracket, a dash or bullet — never before
// a lower-case word or a comma. Closing quotes and brackets after the mark stay with it; a
// straight quote closes when it is written against the mark, curly and doubled quotes say
// which they are. An abbreviation token keeps its period and does not end a sentence (the
// tokeniser gives a "closing" abbreviation that ends one, "dll." before "Konon", its own "."),
// except a degree before a capitalised word ("…, S.H. Ia menjelaskan"). An initial ends one
// before a word that opens sentences and never a name (lexicons/segment/openers.tsv: "Grup G.
// Sementara itu, …"). Commas glued to the mark, as scraped news joins paragraphs ("Riau.,Warga"),
// go with the sentence the mark ends. A double-quoted passage followed by its speech verb
// ("…," kata Budi) opens a sentence even after a word without final punctuation.
// Paragraph ends (doc.paragraphs) end a sentence, so headlines and list items without final
// punctuation stand alone — except a single line break inside a sentence of hard-wrapped text
// (see SoftBreak): the next line opens in lower case, or a long line ends in an initial or title.
// Reads: doc.tokens, doc.paragraphs, doc.norm, doc.text.  Writes: doc.sentences.
// Fast path: the tokens that can neither end a sentence nor cross a paragraph's end (words,
// numbers …) are passed over in a tight loop; with StageSettings::fast_paths false every
// token goes through the tests (the plain twin that tests compare it with).
// Built once from the Lexicon; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_SEGMENT_H_
#define WARTA_STAGES_SEGMENT_H_

#include <string>
#include <string_view>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"

namespace warta {

class SentenceSplitter final : public Stage {
 public:
  // Reads tokenize/abbreviations.tsv, segment/openers.tsv, people/speech_verbs.tsv.
  explicit SentenceSplitter(const Lexicon& lexicon, StageSettings settings = {});
  std::string_view name() const override { return "segment"; }
  void Run(Document& doc) const override;

 private:
  // Lines at least this long (bytes) are taken for hard-wrapped text (see SoftBreak).
  static constexpr size_t kLongLine = 60;

  // Whether `form` is a sentence opener of segment/openers.tsv written capitalised ("Namun").
  bool IsOpener(std::string_view form) const;
  // Whether token k opens a quoted sentence inside a run without final punctuation: an opening
  // quote after a word, before a capital, whose quotation ends in , ? or ! and is followed by a
  // verb of people/speech_verbs.tsv that puts the speaker after it ("… tahun lalu "Kami siap,"
  // kata Budi." — the quotation opens the sentence of "kata Budi").
  bool QuotedSentenceAt(const Document& doc, uint32_t k) const;
  static constexpr uint32_t kMaxQuoteTokens = 200;  // a longer quotation is not looked for

  // Whether the end of paragraph `para`, with token k the first after it, is only a line
  // break inside a sentence of hard-wrapped text: one line break after a line of kLongLine
  // bytes or more, and the next line opens in lower case (not a list item "a."), or the line
  // ends in an initial or a non-final abbreviation or title ("Miranda S.\nGoeltom").
  bool SoftBreak(const Document& doc, size_t para, uint32_t k) const;

  bool fast_paths_;                   // StageSettings::fast_paths
  using StringSet = hash::StringSet;  // answers string_view lookups without allocating
  StringSet degrees_;  // academic degrees as written and in capitals
  StringSet inner_;    // abbreviations and titles that end no sentence, with case variants
  StringSet closing_;  // abbreviations that may end one (dll., Tbk.), with case variants
  StringSet openers_;  // lower case
  StringSet speech_after_;  // "kata", "ujar" …: the speaker follows the verb
};

}  // namespace warta

#endif  // WARTA_STAGES_SEGMENT_H_
