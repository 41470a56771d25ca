// Finds quotations and who said them.
//   “Bakohumas bukan hanya …,” ujar Reni.   → quote “Bakohumas …,” speaker "Reni Rinjani"
//   Menurut Baharudin, jumlah pemilih …     → quote "jumlah pemilih …" speaker "Baharudin Hamzah"
//   “…,” tutur para kuasa hukum.            → speaker null (a group)
// Direct quotes run between quotation marks, across paragraphs when the next paragraph opens
// with a quotation mark again (the news convention for a long quote). The speaker comes from a
// speech verb (lexicons/people/speech_verbs.tsv) beside the quote and the person mention next to
// it, or the holder of the title named there ("terang Kapolda"); "katanya", "ujarnya" and the
// pronouns of lexicons/people/pronouns.tsv point back to the last speech verb's subject, else to
// the person named since the last quote, else to the last speaker; a quote without a verb
// continues the speaker of its paragraph.
//
// Run() is five phases over one per-thread Scratch (quotes.cc), each a method below:
//   1. FindCues       doc.norm, doc.tokens → the quotation-mark tokens, the "menurut" tokens
//   2. IndexTokens    doc.people's mentions, doc.sentences → person_at, named, sentence_of
//   3. ReadDirect     the marks, doc.paragraphs → each direct quotation's tokens; its speaker
//                     from phase 4; doc.quotes
//   4. Speakers       the attribution: who said a quotation (a person of doc.people, or none)
//   5. ReadIndirect   the "menurut" tokens → "Menurut X, <clause>" said by X; doc.quotes sorted
// Speakers is the one place that decides who spoke (titles and pronouns resolved to the people
// who hold them, a quote continuing its paragraph's speaker).
//
// Reads: doc.norm, doc.text (clitics of speech verbs), doc.tokens, doc.sentences,
// doc.paragraphs, doc.people (name, mentions, roles' titles).
// Writes: doc.quotes (this stage's alone: in text order of their starts).
// Built once from the Lexicon; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_QUOTES_H_
#define WARTA_STAGES_QUOTES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"
#include "text/shape_filter.h"

namespace warta {

class QuoteFinder final : public Stage {
 public:
  // Reads lexicons/people/speech_verbs.tsv, speaker_groups.tsv and pronouns.tsv; throws Error on
  // a bad file.
  // settings.fast_paths = false: the cues are found token by token rather than by the byte
  // scan of the norm, and the word sets are asked without their shape filter.
  explicit QuoteFinder(const Lexicon& lexicon, StageSettings settings = {});
  std::string_view name() const override { return "quotes"; }
  void Run(Document& doc) const override;

 private:
  // A set of words with a shape filter in front of it: most words asked about are no member
  // and skip the hashing. (Without the filter when the stage takes its plain paths.)
  class WordSet {
   public:
    explicit WordSet(bool filtered) : filtered_(filtered) {}
    void insert(std::string word) {
      shapes_.Add(word);
      words_.insert(std::move(word));
    }
    bool contains(std::string_view word) const {
      return (!filtered_ || shapes_.MayContain(word)) && words_.find(word) != words_.end();
    }

   private:
    hash::StringSet words_;  // looked up by string_view: no std::string made per lookup
    ShapeFilter shapes_;
    bool filtered_;
  };

  struct Scratch;  // one document's token tables and buffers, kept by each thread (quotes.cc)
  class Speakers;  // phase 4, the attribution (quotes.cc)
  // A direct quotation: tokens [open, close]. closed: `close` is its closing mark; else the
  // quotation stops unclosed at the end of a paragraph (or of the text), `close` its last token.
  struct Direct {
    uint32_t open;
    uint32_t close;
    bool closed;
  };

  // Phase 1. Fills scratch.marks (the tokens that are a straight quotation mark: kPunct, norm
  // '"') and scratch.menurut (the tokens whose norm is "menurut" in any case), each in order.
  // Most documents have neither, and the stage stops there.
  void FindCues(const Document& doc, Scratch& scratch) const;
  // Phase 2. Fills scratch.person_at, scratch.named and scratch.sentence_of from doc.people
  // and doc.sentences (see Scratch).
  static void IndexTokens(const Document& doc, Scratch& scratch);
  // Phase 3. The quotation that opens at mark token `open`: up to the next mark, carried into
  // the next paragraph when that opens with a mark, else ended with its paragraph.
  static Direct CloseOf(const Document& doc, uint32_t open);
  // Phase 3. Appends to doc.quotes every direct quotation opened by a mark of scratch.marks
  // (a mark inside the last quotation closes it, opens none), with its speaker from `speakers`.
  void ReadDirect(Document& doc, const Scratch& scratch, Speakers& speakers) const;
  // Phase 5. Appends "Menurut X, <clause>": the clause after the comma that follows the person,
  // the first such clause of a sentence, not inside a direct quotation; then sorts doc.quotes.
  void ReadIndirect(Document& doc, const Scratch& scratch, const Speakers& speakers) const;

  bool fast_paths_;
  WordSet after_;   // "ujar": the speaker follows the verb
  WordSet before_;  // "mengatakan": the speaker precedes the verb
  WordSet groups_;  // "para", "mereka"
  WordSet pronouns_;  // "dia", "ia", "beliau": a speaker pointed back to
};

}  // namespace warta

#endif  // WARTA_STAGES_QUOTES_H_
