// Phases 3 to 5 of the people stage: name candidates, the evidence for and against each, and
// the roles that vouch for them.
//   "… disampaikan Dr. Reni Rinjani, S.H., M.Si. …" → a candidate "Reni Rinjani" (tokens of the
//     name only), honorifics ["Dr."], degrees ["S.H.", "M.Si."], strong (an honorific vouches)
//   "… melalui aplikasi Zoom." → a candidate "Zoom", score -1 (one unknown word after a common
//     word): no person
// Phase 3 (FindCandidates) reads a run of capitalised words and initials as a name (NameEnd),
// with the honorifics before it and the degrees after it; phase 4 (ScoreCandidates) turns what
// the words and their context say into NameFeatures, and sums them with the Weights of
// lexicons/people/weights.tsv: the features are the evidence, the weights the decision, so that
// a learned scorer can replace Score() without touching the parse. Phase 5 (BindRoles) lets
// each role phrase vouch for the name it stands beside ("Kepala Bagian … Reni Rinjani", "Reni,
// Kepala Bagian …", "Reni selaku Kepala …", one role for "A serta B").
// Phase 3 also reads the trained tagger's spans (doc.entity_spans): a person span gives an
// overlapping candidate its bounds (cut to name words: no honorific, role, acronym, place or
// organisation at its ends) or proposes a candidate of its own; phase 4 lets it vouch, and
// lets a place or organisation span that no person span matches ask for a cue (README, people).
// Reads: doc.tokens (spans), doc.text (honorifics and degrees as written), doc.sentences,
// doc.entity_spans, the Toks and marks of phase 1 and the RolePhrases of phase 2. Writes: the
// Candidates.
#ifndef WARTA_STAGES_PEOPLE_NAMES_H_
#define WARTA_STAGES_PEOPLE_NAMES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "document.h"
#include "stages/people_lexicon.h"
#include "stages/people_roles.h"
#include "stages/people_words.h"

namespace warta::people {

struct Candidate {
  size_t first = 0, end = 0;  // name tokens, honorifics and degrees excluded
  std::vector<std::string> honorifics, degrees;  // as written (honorifics whitespace squeezed)
  int score = 0;              // Score() of its features (phase 4); accepted when > 0
  bool strong = false;        // a role, honorific or speech verb vouches for it, whatever the score
  std::vector<size_t> roles;  // indexes into the document's role phrases (phase 5)
  // What the trained tagger (doc.entity_spans) says of these tokens: the confidence of the
  // person span that gave the candidate its bounds (-1: none overlaps), and the best confidence
  // of a place or organisation span over any of its tokens (0: none).
  float model = -1;
  float model_other = 0;
  bool model_only = false;  // the rules read no name here; the tagger's person span did
};

// The evidence about one candidate, each piece named as its weight in Weights (people_lexicon.h):
// counts of the candidate's capitalised words and initials by what they are, then facts of the
// candidate and its context.
struct NameFeatures {
  int initial = 0, name_part = 0, non_name_word = 0, named_word = 0, weakly_named_word = 0, unnamed_word = 0,
      common_word = 0, unknown_in_company = 0;
  bool plain_common_pair = false, lone_sentence_start = false, lone_short_word = false, named_after = false,
       headline = false, person_cue_before = false, place_cue_before = false, common_word_before = false,
       speech_verb_after = false, acronym_after = false;
};

// The sum of the features, each times its weight.
inline int Score(const NameFeatures& f, const Weights& w) {
  return f.initial * w.initial + f.name_part * w.name_part + f.non_name_word * w.non_name_word +
         f.named_word * w.named_word + f.weakly_named_word * w.weakly_named_word + f.unnamed_word * w.unnamed_word +
         f.common_word * w.common_word + f.unknown_in_company * w.unknown_in_company +
         f.plain_common_pair * w.plain_common_pair + f.lone_sentence_start * w.lone_sentence_start +
         f.lone_short_word * w.lone_short_word + f.named_after * w.named_after + f.headline * w.headline +
         f.person_cue_before * w.person_cue_before + f.place_cue_before * w.place_cue_before +
         f.common_word_before * w.common_word_before + f.speech_verb_after * w.speech_verb_after +
         f.acronym_after * w.acronym_after;
}

// Phase 3. Input: toks and marks (phases 1 and 2), doc.sentences. Output: cands (emptied first),
// in text order; cand_at[token] = the index of the candidate whose name starts there, else -1.
void FindCandidates(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
                    const std::vector<uint32_t>& marks, std::vector<Candidate>& cands, std::vector<int32_t>& cand_at);

// Phase 4. Input: toks, cands. Output: each candidate's score; its `strong` cleared after a word
// naming a place after a person ("Jalan Gatot Subroto"), set after a cue of a speaker ("ujar X",
// "menurut X").
void ScoreCandidates(const PeopleLexicon& lex, const std::vector<Tok>& toks, std::vector<Candidate>& cands);

// Phase 5. Input: toks, roles, cands, cand_at, and doc.tokens (line breaks). Output: the role
// indexes of the candidates the roles stand beside ("Reni Rinjani, Kepala …", a name alone on
// the line above a role that fills its line: a signature block), which become strong.
void BindRoles(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
               const std::vector<RolePhrase>& roles, std::vector<Candidate>& cands, const std::vector<int32_t>& cand_at);

}  // namespace warta::people

#endif  // WARTA_STAGES_PEOPLE_NAMES_H_
