#include "pipeline.h"

#include <exception>

#include "stages/dates.h"
#include "stages/entities.h"
#include "stages/normalize.h"
#include "stages/organizations.h"
#include "stages/people.h"
#include "stages/places.h"
#include "stages/quotes.h"
#include "stages/segment.h"
#include "stages/structure.h"
#include "stages/tokenize.h"

namespace warta {

Pipeline::Pipeline(const Options& options, const Lexicon& lexicon)
    : options_(options), today_(CivilDate::Today()) {
  stages_.push_back(std::make_unique<Normalizer>(lexicon));
  stages_.push_back(std::make_unique<StructureFinder>(lexicon));
  stages_.push_back(std::make_unique<Tokenizer>(lexicon));
  stages_.push_back(std::make_unique<SentenceSplitter>(lexicon));
  reference_index_ = stages_.size();
  if (options.command == "tokenize") return;
  // Entity stages, in the order their inputs need: dates first (they use the reference
  // date), places and organisations before people (roles link to organisations), quotes
  // last (speakers are people).
  stages_.push_back(std::make_unique<DateFinder>(lexicon));
  // Names proposed by the trained tagger (doc.entity_spans); no stage reads them yet.
  stages_.push_back(std::make_unique<EntityTagger>(lexicon));
  stages_.push_back(std::make_unique<PlaceFinder>(lexicon));
  stages_.push_back(std::make_unique<OrganizationFinder>(lexicon));
  stages_.push_back(std::make_unique<PeopleFinder>(lexicon));
  stages_.push_back(std::make_unique<QuoteFinder>(lexicon));
}

Pipeline::~Pipeline() = default;

void Pipeline::ResolveReferenceDate(Document& doc) const {
  if (options_.reference_date) {
    doc.reference_date = options_.reference_date;
    doc.reference_source = ReferenceSource::kOption;
  } else if (doc.published) {
    doc.reference_date = doc.published;
    doc.reference_source = ReferenceSource::kPublished;
  } else if (doc.dateline && doc.dateline->date) {
    doc.reference_date = doc.dateline->date;
    doc.reference_source = ReferenceSource::kDateline;
  } else {
    doc.reference_date = today_;
    doc.reference_source = ReferenceSource::kToday;
  }
}

void Pipeline::Run(Document& doc) const {
  if (doc.error) return;
  try {
    for (size_t i = 0; i < stages_.size(); ++i) {
      if (i == reference_index_) ResolveReferenceDate(doc);
      stages_[i]->Run(doc);
    }
    if (reference_index_ >= stages_.size() && options_.command != "tokenize") ResolveReferenceDate(doc);
  } catch (const std::exception& e) {
    // A bug or resource failure in one document must not end the batch.
    doc.error = DocumentError{"internal", doc.id + ": " + e.what()};
  }
}

}  // namespace warta
