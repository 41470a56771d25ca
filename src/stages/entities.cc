#include "stages/entities.h"

#include <algorithm>
#include <vector>

#include "text/chars.h"

namespace warta {

EntityTagger::EntityTagger(const Lexicon& lexicon)
    : model_(std::make_unique<model::Model>(lexicon.dir() + "/model/ner.bin")),
      facts_(std::make_unique<model::WordFacts>(lexicon)),
      tagger_(std::make_unique<model::Tagger>(*model_, *facts_)) {}

void EntityTagger::Run(Document& doc) const {
  doc.entity_spans.clear();
  thread_local std::vector<model::WordView> words;
  thread_local std::vector<model::ScoredSpan> spans;
  // Text with no capital at all (a lower-cased feed) is tagged in full; cased text only near
  // its capitals (model::Tagger::Tag).
  bool cased = false;
  for (char c : doc.norm)
    if (c >= 'A' && c <= 'Z') {
      cased = true;
      break;
    }
  if (!cased) cased = chars::HasUpper(doc.norm);
  for (const Sentence& s : doc.sentences) {
    for (uint32_t first = s.first_token; first < s.end_token; first += kMaxSentenceTokens) {
      const uint32_t end = std::min(s.end_token, first + kMaxSentenceTokens);
      words.clear();
      for (uint32_t t = first; t < end; ++t) words.push_back({doc.Norm(doc.tokens[t]), doc.tokens[t].kind});
      tagger_->Tag(words.data(), words.size(), spans, /*anchored=*/cased);
      for (const model::ScoredSpan& x : spans) {
        EntitySpan e;
        e.type = x.span.type;
        e.first_token = first + x.span.first;
        e.end_token = first + x.span.end;
        e.span = {doc.tokens[e.first_token].span.start, doc.tokens[e.end_token - 1].span.end};
        e.score = x.score;
        doc.entity_spans.push_back(e);
      }
    }
  }
}

}  // namespace warta
