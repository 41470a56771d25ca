// Phase 1 of the people stage: the facts of each token of a document that the later phases read.
//   "… ujar Kepala Bagian Humas KPU NTT, Reni Rinjani." →
//     "ujar" kSpeechAfter;  "Kepala" cap, kRoleFirst;  "KPU" cap, acronym, and the start of an
//     organisation mention (mention_end);  "Reni" cap, evidence 12 to 0;  "Rinjani" cap, no evidence
// A Tok says what a token is (capitalised, an initial, an acronym, a common word), what the
// lexicons say of its lower-case form (Flag bits, name evidence) and what the other stages
// found there (inside a date, a place or an organisation). Marks list the only tokens where a
// role, a name or a region can start (capitalised words, initials, words with flags): the later
// phases walk them, not every token.
// Reads: doc.tokens, doc.norm, doc.sentences, doc.dates, doc.places, doc.organizations.
// Writes nothing of the document: its output is the Toks and marks (valid until the next Read
// on the same reader: lower-case forms may point into the reader's storage).
#ifndef WARTA_STAGES_PEOPLE_WORDS_H_
#define WARTA_STAGES_PEOPLE_WORDS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "stages/people_lexicon.h"

namespace warta::people {

// 40 bytes, not the 64 of one bool per byte: TokenReader fills one for every token of every
// document, and the phases after it read them again, so their size is time (flags in 16 bits,
// facts in bit-fields).
struct Tok {
  std::string_view lower;        // lower-cased norm form (into doc.norm or the reader's storage)
  const Evidence* ev = nullptr;  // name evidence (capitalised words only)
  // (These two ends are read as "> the token's own index"; 0 is none, so a Tok{} is all zeros.)
  int32_t mention_end = 0;        // a place or organisation mention starts here: its end token
  int32_t region_end = 0;         // a region name written whole elsewhere in the document starts here
  uint16_t f = 0;                 // Flag bits of `lower` (capitalised words and the words near them)
  char punct = 0;                 // the character of a one-byte punctuation token, else 0
  bool word : 1 = false;          // word, initial or abbreviation
  bool space_after : 1 = false;   // as Token::space_after
  bool cap : 1 = false;           // starts with a capital letter
  bool acronym : 1 = false;       // two or more letters, all capitals, in a sentence not all in capitals
  bool acronym_part : 1 = false;  // hyphenated with an acronym: "RI-Timor", "KPU-Bawaslu"
  bool initial : 1 = false;       // "M." "A."
  bool digit : 1 = false;         // holds a digit 0-9, so is no word of a name (capitalised words only)
  bool common : 1 = false;        // a common word (capitalised words only)
  bool sent_start : 1 = false;    // first word of a sentence, or of a quotation
  bool headline : 1 = false;      // in a sentence where nearly every word is capitalised
  bool role : 1 = false;          // inside a parsed role phrase (set by phase 2, ParseRoles)
  bool place_or_org : 1 = false;  // inside a mention of doc.places or doc.organizations
  bool org_mention : 1 = false;   // … and its mention_end is that of an organisation
  bool in_date : 1 = false;       // inside a span of doc.dates ("12 Agus 2024", "Jun lalu")
};

// A capitalised word that reads as the start of a personal name, not as part of a unit,
// organisation or region: an initial, an honorific or a name part before a capital, or a word
// that is not common and that the name evidence does not mostly see as something else.
// toks[i, end) is the range the name may take.
inline bool StartsName(const std::vector<Tok>& toks, size_t i, size_t end) {
  const Tok& t = toks[i];
  if (!t.word || t.role) return false;
  if (t.initial) return true;
  if (!t.cap || t.acronym || t.place_or_org || t.in_date) return false;
  bool next_cap = i + 1 < end && toks[i + 1].cap;
  if ((t.f & (kHonorific | kNamePart)) && next_cap) return true;
  if (t.f & (kOfficeWords | kNotName)) return false;
  if (t.ev) return t.ev->person * 2 >= t.ev->other;
  return !t.common;
}

// A word that may be part of a unit or an organisation's name: a common word, an organisation,
// region or unit word, or one the name evidence mostly sees outside names.
inline bool InCommonOrUnit(const Tok& t) {
  if (t.common || (t.f & (kOrg | kRegion | kUnit))) return true;
  return t.ev && t.ev->person * 2 < t.ev->other;
}

// The text of tokens [a, b) as written (doc.text), from the first one's start to the last one's end.
inline std::string_view Written(const Document& doc, size_t a, size_t b) {
  return doc.Original(Span{doc.tokens[a].span.start, doc.tokens[b - 1].span.end});
}

// s with every run of whitespace made one space, none at the ends: a title or an honorific as
// it is read ("Kepala\nBagian  Umum" → "Kepala Bagian Umum").
std::string Squeeze(std::string_view s);

struct ReaderState;  // the memo of words and the storage of lower-case forms (people_words.cc)

// Fills the Toks and marks of a document. One per thread (it keeps a memo of the words it has
// studied, from document to document); Read() is not reentrant.
class TokenReader {
 public:
  TokenReader();
  ~TokenReader();
  // Input: doc (see the file comment). Output: toks, one per doc.tokens; marks, in order and
  // unique, every token that is capitalised, an initial, or has flags (with fast paths off:
  // every token). Returns true when some sentence is a headline (Tok::headline).
  bool Read(const PeopleLexicon& lex, const Document& doc, std::vector<Tok>& toks, std::vector<uint32_t>& marks);

 private:
  std::unique_ptr<ReaderState> state_;
};

}  // namespace warta::people

#endif  // WARTA_STAGES_PEOPLE_WORDS_H_
