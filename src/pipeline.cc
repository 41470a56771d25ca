#include "pipeline.h"

#include <algorithm>
#include <cctype>
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

namespace {

// Longer than any date a person writes with its weekday, time and zone: a longer value is
// no date, and the stages are not run over it.
constexpr size_t kMaxWrittenDate = 200;

// How messages name where a document came from: "news.jsonl:12", "rilis.html", "stdin".
std::string Where(const Document& doc) {
  if (!doc.source) return doc.id;
  std::string where = doc.source->path == "-" ? "stdin" : doc.source->path;
  if (doc.source->line)
    where += ":" + std::to_string(*doc.source->line);
  else if (doc.source->path == "-" && doc.id != "stdin")
    where += " (" + doc.id + ")";
  return where;
}

}  // namespace

Pipeline::Pipeline(const Options& options, const Lexicon& lexicon)
    : options_(options), today_(CivilDate::Today()) {
  stages_.push_back(std::make_unique<Normalizer>(lexicon));
  stages_.push_back(std::make_unique<StructureFinder>(lexicon));
  stages_.push_back(std::make_unique<Tokenizer>(lexicon));
  stages_.push_back(std::make_unique<SentenceSplitter>(lexicon));
  reference_index_ = stages_.size();
  if (options.command == Command::kTokenize) return;
  // Entity stages, in the order their inputs need: dates first (they use the reference
  // date), places and organisations before people (roles link to organisations), quotes
  // last (speakers are people).
  auto dates = std::make_unique<DateFinder>(lexicon);
  dates_ = dates.get();
  stages_.push_back(std::move(dates));
  // Names proposed by the trained tagger (doc.entity_spans): places, organisations and
  // people read them after it.
  stages_.push_back(std::make_unique<EntityTagger>(lexicon));
  stages_.push_back(std::make_unique<PlaceFinder>(lexicon));
  stages_.push_back(std::make_unique<OrganizationFinder>(lexicon));
  stages_.push_back(std::make_unique<PeopleFinder>(lexicon));
  stages_.push_back(std::make_unique<QuoteFinder>(lexicon));
}

Pipeline::~Pipeline() = default;

std::optional<DateTime> Pipeline::ReadDate(std::string_view written) const {
  while (!written.empty() && std::isspace(static_cast<unsigned char>(written.front())))
    written.remove_prefix(1);
  while (!written.empty() && std::isspace(static_cast<unsigned char>(written.back())))
    written.remove_suffix(1);
  if (written.empty()) return std::nullopt;
  if (auto iso = ParseIsoDateTime(written)) return iso;
  if (auto rfc = ParseRfc2822(written)) return rfc;
  if (!dates_ || written.size() > kMaxWrittenDate) return std::nullopt;
  // Any other form: the dates stage's grammar, over the value as a tiny document. The day
  // must be written in full; a time that the stage puts on that day ("14:40 WIB" after it)
  // gives the time and zone.
  Document mini;
  mini.text = std::string(written);
  mini.id = "published";
  for (size_t i = 0; i < reference_index_; ++i) stages_[i]->Run(mini);
  mini.reference_date = today_;
  mini.reference_source = ReferenceSource::kOption;  // a written date outweighs its weekday
  dates_->Run(mini);
  for (size_t i = 0; i < mini.dates.size(); ++i) {
    const DateExpr& d = mini.dates[i];
    if ((d.type != "date" && d.type != "datetime") || !d.inferred.empty() || !d.value) continue;
    std::optional<DateTime> day = ParseIsoDateTime(*d.value);
    if (!day) continue;
    if (day->hour < 0 && i + 1 < mini.dates.size()) {
      const DateExpr& t = mini.dates[i + 1];
      std::optional<DateTime> time = t.value ? ParseIsoDateTime(*t.value) : std::nullopt;
      if (t.type == "datetime" && time && time->date == day->date && time->hour >= 0) day = time;
    }
    return day;
  }
  return std::nullopt;
}

Pipeline::UnreadDates Pipeline::unread_published() const {
  std::lock_guard<std::mutex> lock(unread_mu_);
  UnreadDates out;
  out.count = unread_count_;
  for (const auto& [where, example] : unread_examples_) out.examples.push_back(example);
  return out;
}

std::string Pipeline::UnreadPublishedReport() const {
  UnreadDates unread = unread_published();
  if (!unread.count) return "";
  std::string out = "warta: " + std::to_string(unread.count) +
                    " publication date(s) not understood, left null (warning bad-published in each record)" +
                    (unread.count > unread.examples.size() ? ", the first:\n" : ":\n");
  for (const std::string& e : unread.examples) out += "  " + e + "\n";
  return out;
}

void Pipeline::ReadPublished(Document& doc) const {
  if (doc.given_published.empty() || doc.published) return;
  doc.published = ReadDate(doc.given_published);
  if (doc.published) return;
  const std::string where = Where(doc);
  doc.Warn("bad-published", where + ": publication date not understood: " + doc.given_published);
  std::string value = doc.given_published.substr(0, 80);
  std::pair<std::string, uint64_t> key{doc.source ? doc.source->path : doc.id,
                                       doc.source && doc.source->line ? *doc.source->line : 0};
  std::lock_guard<std::mutex> lock(unread_mu_);
  ++unread_count_;
  auto it = std::lower_bound(unread_examples_.begin(), unread_examples_.end(), key,
                             [](const auto& e, const auto& k) { return e.first < k; });
  if (it - unread_examples_.begin() < std::ptrdiff_t(kExamples)) {
    unread_examples_.insert(it, {key, where + ": \"" + value + "\""});
    if (unread_examples_.size() > kExamples) unread_examples_.pop_back();
  }
}

uint32_t Pipeline::TopEnd(const Document& doc) {
  const size_t first_body = doc.title_span ? 1 : 0;
  const uint32_t body_start = doc.paragraphs.size() > first_body ? doc.paragraphs[first_body].start : 0;
  uint64_t end = doc.text.size();
  if (doc.paragraphs.size() > first_body + 3) end = doc.paragraphs[first_body + 2].end;
  return uint32_t(std::min<uint64_t>(end, uint64_t(body_start) + kTopBytes));
}

void Pipeline::ResolveReferenceDate(Document& doc) const {
  // The date the document gives itself, kept whatever --reference-date says (the archive
  // files the document under it).
  ReferenceSource own = ReferenceSource::kToday;
  doc.own_date.reset();
  if (doc.published) {
    doc.own_date = doc.published->date;
    own = ReferenceSource::kPublished;
  } else if (doc.dateline && doc.dateline->date) {
    doc.own_date = doc.dateline->date;
    own = ReferenceSource::kDateline;
  } else if (!options_.reference_date && dates_) {
    // With --reference-date, Run takes it from the dates found (DateFinder::TopDate) instead.
    doc.reference_date = today_;
    doc.reference_source = ReferenceSource::kToday;
    doc.own_date = dates_->FindTopDate(doc, TopEnd(doc), today_.AddDays(1));
    if (doc.own_date) own = ReferenceSource::kText;
  }
  if (options_.reference_date) {
    doc.reference_date = options_.reference_date;
    doc.reference_source = ReferenceSource::kOption;
  } else if (doc.own_date) {
    doc.reference_date = doc.own_date;
    doc.reference_source = own;
  } else {
    doc.reference_date = today_;
    doc.reference_source = ReferenceSource::kToday;
  }
}

void Pipeline::Run(Document& doc) const {
  if (doc.error) return;
  try {
    if (dates_) ReadPublished(doc);
    for (size_t i = 0; i < stages_.size(); ++i) {
      if (i == reference_index_) ResolveReferenceDate(doc);
      stages_[i]->Run(doc);
    }
    if (reference_index_ >= stages_.size() && options_.command != Command::kTokenize) ResolveReferenceDate(doc);
    // Under --reference-date the document's own date matters to the archive only.
    if (dates_ && options_.reference_date && !options_.index_db.empty() && !doc.own_date)
      doc.own_date = dates_->TopDate(doc, TopEnd(doc), today_.AddDays(1));
  } catch (const std::exception& e) {
    // A bug or resource failure in one document must not end the batch.
    doc.error = DocumentError{"internal", doc.id + ": " + e.what()};
  }
}

}  // namespace warta
