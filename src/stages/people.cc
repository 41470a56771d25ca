#include "stages/people.h"

#include <vector>

#include "stages/people_lexicon.h"
#include "stages/people_mentions.h"
#include "stages/people_names.h"
#include "stages/people_roles.h"
#include "stages/people_words.h"

namespace warta {

namespace {

// The scratch space of one worker thread, reused from document to document (Run is const and
// shared; allocating these afresh for every document cost more than filling them).
struct Scratch {
  people::TokenReader reader;            // phase 1, with its memo of words
  std::vector<people::Tok> toks;         // one per token
  std::vector<uint32_t> marks;           // the tokens a role or a name may start at
  std::vector<people::RolePhrase> roles;
  std::vector<people::Candidate> cands;
  std::vector<int32_t> cand_at;          // token → the candidate whose name starts there, or -1
  people::PeopleBuilder builder;         // phase 6, with its own scratch
};

}  // namespace

PeopleFinder::PeopleFinder(const Lexicon& lexicon, StageSettings settings)
    : lexicon_(std::make_unique<people::PeopleLexicon>(lexicon, settings)) {}

PeopleFinder::~PeopleFinder() = default;

void PeopleFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  thread_local Scratch s;
  const people::PeopleLexicon& lex = *lexicon_;
  const bool any_headline = s.reader.Read(lex, doc, s.toks, s.marks);  // 1. token facts
  people::ParseRoles(lex, doc, s.toks, s.marks, s.roles);                // 2. role phrases
  people::FindCandidates(lex, doc, s.toks, s.marks, s.cands, s.cand_at); // 3. name candidates
  if (s.cands.empty()) return;
  people::ScoreCandidates(lex, s.toks, s.cands);                         // 4. evidence
  people::BindRoles(lex, doc, s.toks, s.roles, s.cands, s.cand_at);      // 5. roles vouch
  people::BindHolders(lex, s.toks, s.roles, s.cands, s.cand_at);         //    and lists of holders
  doc.people = s.builder.Build(lex, doc, s.toks, s.marks, any_headline, s.roles, s.cands);  // 6. people
}

}  // namespace warta
