// Finds quotations and who said them.
//   “Bakohumas bukan hanya …,” ujar Reni.   → quote “Bakohumas …,” speaker "Reni Rinjani"
//   Menurut Baharudin, jumlah pemilih …     → quote "jumlah pemilih …" speaker "Baharudin Hamzah"
//   “…,” tutur para kuasa hukum.            → speaker null (a group)
// Direct quotes run between quotation marks, across paragraphs when the next paragraph opens
// with a quotation mark again (the news convention for a long quote). The speaker comes from a
// speech verb (lexicons/people/speech_verbs.tsv) beside the quote and the person mention next to
// it; "katanya", "ujarnya" point back to the last speaker, else to the last person named.
// Reads: doc.tokens, doc.sentences, doc.paragraphs, doc.norm, doc.text, doc.people.
// Writes: doc.quotes.
#ifndef WARTA_STAGES_QUOTES_H_
#define WARTA_STAGES_QUOTES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"
#include "text/shape_filter.h"

namespace warta {

class QuoteFinder final : public Stage {
 public:
  // Reads lexicons/people/speech_verbs.tsv and speaker_groups.tsv; throws Error on a bad file.
  explicit QuoteFinder(const Lexicon& lexicon);
  std::string_view name() const override { return "quotes"; }
  void Run(Document& doc) const override;

 private:
  // A set of words with a shape filter in front of it: most words asked about are no member
  // and skip the hashing.
  class WordSet {
   public:
    void insert(std::string word) {
      shapes_.Add(word);
      words_.insert(std::move(word));
    }
    bool contains(std::string_view word) const { return shapes_.MayContain(word) && words_.find(word) != words_.end(); }

   private:
    hash::StringSet words_;  // looked up by string_view: no std::string made per lookup
    ShapeFilter shapes_;
  };
  WordSet after_;   // "ujar": the speaker follows the verb
  WordSet before_;  // "mengatakan": the speaker precedes the verb
  WordSet groups_;  // "para", "mereka"
};

}  // namespace warta

#endif  // WARTA_STAGES_QUOTES_H_
