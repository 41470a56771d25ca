// Builds the stages for a command and runs them in order over one Document.
//   Pipeline p(options, lexicon);  p.Run(doc);   // doc.tokens, doc.dates … filled
// Stage order (extract): normalize → structure → tokenize → segment → reference date →
// dates → entities → places → organizations → people → quotes. `tokenize` stops after segment.
// Before the stages, `extract` reads the publication date the input gave (doc.given_published)
// into doc.published (ReadDate); one it cannot read is a `bad-published` warning, and is
// counted for the run (unread_published).
// The reference date: --reference-date, else `published`, else a dated dateline, else the
// first full date near the top of the text (DateFinder::FindTopDate), else today.
// Built once; Run() is const and thread-safe (stages are immutable).
#ifndef WARTA_PIPELINE_H_
#define WARTA_PIPELINE_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "options.h"
#include "stage.h"
#include "text/date_time.h"

namespace warta {

class DateFinder;

class Pipeline {
 public:
  // Throws Error when a lexicon is missing or malformed.
  Pipeline(const Options& options, const Lexicon& lexicon);
  ~Pipeline();

  // Runs every stage unless doc.error is set. Per-document limits (bytes) are checked here.
  void Run(Document& doc) const;

  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

  // A publication date as written, or nullopt: ISO 8601 with or without a time and zone
  // ("2019-09-17", "2019-09-17 14:40:00", "2019-09-17T14:40:00+07:00"), RFC 2822 ("Tue, 17 Sep
  // 2019 14:40:00 +0700"), or a full date the dates stage reads, with the time and zone that
  // follow it ("17/09/2019", "Selasa, 17 September 2019 14:40 WIB"). The last needs the
  // stages of `extract`; for `tokenize` only the machine formats are read.
  std::optional<DateTime> ReadDate(std::string_view written) const;

  // The publication dates of this run that ReadDate could not read: how many, and the first
  // few by file and line ("news.jsonl:12: \"17-Sept-19\"").
  struct UnreadDates {
    size_t count = 0;
    std::vector<std::string> examples;
  };
  UnreadDates unread_published() const;
  // The same for people, for stderr: "warta: 2 publication date(s) not understood (…):\n
  //   news.jsonl:12: \"17-Sept-19\"\n …", or "" when every date was read.
  std::string UnreadPublishedReport() const;

  // Where the top of a document ends for FindTopDate, in bytes of doc.text: the title and the
  // first three paragraphs of the body, at most kTopBytes past the body's start.
  static uint32_t TopEnd(const Document& doc);
  static constexpr uint32_t kTopBytes = 1000;

 private:
  void ReadPublished(Document& doc) const;
  void ResolveReferenceDate(Document& doc) const;

  Options options_;
  CivilDate today_;
  std::vector<std::unique_ptr<Stage>> stages_;
  size_t reference_index_ = 0;         // the reference date is resolved before stage [reference_index_]
  const DateFinder* dates_ = nullptr;  // in stages_; null for `tokenize`

  static constexpr size_t kExamples = 3;
  mutable std::mutex unread_mu_;
  mutable size_t unread_count_ = 0;
  // The first kExamples unread dates in order of (path, line): the same whatever the threads.
  mutable std::vector<std::pair<std::pair<std::string, uint64_t>, std::string>> unread_examples_;
};

}  // namespace warta

#endif  // WARTA_PIPELINE_H_
