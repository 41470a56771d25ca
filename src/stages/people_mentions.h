// Phase 6 of the people stage: the decision, and the people made of the accepted mentions.
//   "Kepala Bagian Umum KPU NTT Reni Rinjani … ujar Reni. … RENI RINJANI HADIRI RAPAT"
//     → one person "Reni Rinjani", three mentions: the full name, the short "Reni" (a word of
//       the full name), the headline's capitals (a run of its words)
// A candidate is accepted when something vouches for it (Candidate::strong) or its score is above
// 0, and a single word is not vetoed (seen where no person stands: "tim Bakohumas" vetoes
// "Bakohumas" elsewhere). A full name files a person under its lower case without spaces; a
// one-word mention joins the nearest full name it is a word of (one before it first), else
// files a person of its own if it was accepted; a headline run of words of a full name joins it.
// Mentions absorb honorifics, degrees (full names only) and roles, each kept once.
// Reads: doc.tokens (spans), doc.norm (names are filed under their normalised forms),
// doc.text (a one-word name as written), the Toks, marks, RolePhrases and Candidates of the
// earlier phases. Writes: the people (doc.people, in the order of their first mentions).
#ifndef WARTA_STAGES_PEOPLE_MENTIONS_H_
#define WARTA_STAGES_PEOPLE_MENTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document.h"
#include "stages/people_lexicon.h"
#include "stages/people_names.h"
#include "stages/people_roles.h"
#include "stages/people_words.h"

namespace warta::people {

// Builds the people of one document after another (one per thread: it keeps its scratch
// vectors from document to document, so that filing a person allocates nothing).
class PeopleBuilder {
 public:
  // Input: doc, toks, marks (phase 1; any_headline: some sentence is a headline), roles (phase
  // 2), cands (phases 3 to 5). Output: the document's people, mentions sorted by start, people
  // by their first mention.
  std::vector<Person> Build(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
                            const std::vector<uint32_t>& marks, bool any_headline,
                            const std::vector<RolePhrase>& roles, const std::vector<Candidate>& cands);

 private:
  // The capitalised words of candidate c, into cand_words_.
  void WordsOf(const std::vector<Tok>& toks, const Candidate& c);
  // True when a one-word candidate w was seen where no person stands (vetoed_).
  bool Vetoed(std::string_view w);
  // Sets key_ to utf8::Lower(name), without its spaces when `no_spaces`.
  void SetKey(std::string_view name, bool no_spaces);
  // The person filed under key_, else people_.size() after filing key_ for the caller to add.
  size_t File();
  // The people with full names that have word w: a range of people_with_word_.
  using WordPerson = std::pair<std::string_view, uint32_t>;
  std::pair<std::vector<WordPerson>::const_iterator, std::vector<WordPerson>::const_iterator> WithWord(
      std::string_view w) const;
  // Files a new person named `name` (at people_.size()), with its capitalised words w[0, n): in
  // person_words_, and, for a full name (two words or more), in people_with_word_.
  void AddPerson(std::string name, const std::string_view* w, size_t n, bool full_name);
  // What a mention brings to its person: honorifics, degrees (with_degrees) and roles, each once.
  void Absorb(const Document& doc, const std::vector<RolePhrase>& roles, Person& p, const Candidate& c,
              bool with_degrees) const;
  // The steps of Build.
  void FullNames(const Document& doc, const std::vector<Tok>& toks, const std::vector<RolePhrase>& roles,
                 const std::vector<Candidate>& cands);
  void ShortMentions(const Document& doc, const std::vector<Tok>& toks, const std::vector<RolePhrase>& roles,
                     const std::vector<Candidate>& cands);
  void HeadlineMentions(const Document& doc, const std::vector<Tok>& toks, const std::vector<uint32_t>& marks);
  // Well-known public figures take their canonical name (people/aliases.tsv: "Jokowi" → "Joko
  // Widodo"), and two people of one canonical name become one.
  void Canonicalize(const PeopleLexicon& lex);

  bool fast_ = true;                      // the fast paths of the lookups (StageSettings::fast_paths)
  std::vector<Person> people_;            // being built
  std::vector<std::string_view> cand_words_;  // WordsOf()
  std::vector<std::string_view> vetoed_;  // one-word candidates seen where no person stands
  bool vetoed_sorted_ = false;
  // The name each person is filed under: people_[pi] under keys_[pi] (lower case; for a full
  // name, without spaces), found by a scan of the keys' hashes (a document names few people).
  std::vector<std::string> keys_;  // (keys_ beyond key_hashes_.size() are spare strings)
  std::vector<uint64_t> key_hashes_;
  std::string key_;  // the key being looked up
  // The capitalised words of people_[pi]: person_words_[word_start_[pi], word_start_[pi + 1]).
  std::vector<std::string_view> person_words_;
  std::vector<uint32_t> word_start_;
  std::vector<uint8_t> pending_;  // cands[ci] waits for the short mentions' pass
  // A word of a full name → those people: (word, person) pairs, sorted by word once all are in,
  // each word's people in the order they were found.
  std::vector<WordPerson> people_with_word_;
  uint64_t word_bits_ = 0;  // a bit per word of people_with_word_ (WordBit)
};

}  // namespace warta::people

#endif  // WARTA_STAGES_PEOPLE_MENTIONS_H_
