// The fast paths against their plain twins (StageSettings, stage.h) on fuzz input: the stages
// that take a plain path are built a second time with fast_paths = false, the document is run
// both ways, and what the stages wrote must agree field by field (a difference aborts).
#ifndef WARTA_FUZZ_TWINS_H_
#define WARTA_FUZZ_TWINS_H_

#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "stages/dates.h"
#include "stages/normalize.h"
#include "stages/quotes.h"
#include "stages/segment.h"
#include "stages/structure.h"
#include "stages/tokenize.h"

namespace warta::fuzz {

// The stages of the extract pipeline, in its order, each built on its plain path when it has one.
inline const std::vector<std::unique_ptr<Stage>>& PlainStages() {
  static const std::vector<std::unique_ptr<Stage>> stages = [] {
    constexpr StageSettings kPlain{false};
    std::vector<std::unique_ptr<Stage>> out;
    for (const auto& stage : ExtractPipeline().stages()) {
      const std::string_view n = stage->name();
      if (n == "normalize")
        out.push_back(std::make_unique<Normalizer>(Lexicons(), kPlain));
      else if (n == "structure")
        out.push_back(std::make_unique<StructureFinder>(Lexicons(), kPlain));
      else if (n == "tokenize")
        out.push_back(std::make_unique<Tokenizer>(Lexicons(), kPlain));
      else if (n == "segment")
        out.push_back(std::make_unique<SentenceSplitter>(Lexicons(), kPlain));
      else if (n == "dates")
        out.push_back(std::make_unique<DateFinder>(Lexicons(), kPlain));
      else if (n == "quotes")
        out.push_back(std::make_unique<QuoteFinder>(Lexicons(), kPlain));
      else
        out.push_back(nullptr);  // (run as the pipeline has it)
    }
    return out;
  }();
  return stages;
}

// RunUpTo() with every stage on its plain path.
inline void RunPlainUpTo(Document& doc, std::string_view last) {
  const auto& fast = ExtractPipeline().stages();
  for (size_t k = 0; k < fast.size(); ++k) {
    (PlainStages()[k] ? *PlainStages()[k] : *fast[k]).Run(doc);
    if (fast[k]->name() == last) break;
  }
}

// What the stages with a plain path write, the same in a (fast paths) and b (plain paths).
inline void CheckTwins(const Document& a, const Document& b) {
  Check(a.norm == b.norm, "fast and plain paths: the same norm");
  for (uint32_t i = 0; i <= a.norm.size(); ++i)
    Check(
        a.norm_map.OrigStart(i) == b.norm_map.OrigStart(i) && a.norm_map.OrigEnd(i) == b.norm_map.OrigEnd(i),
        "fast and plain paths: the same norm map", std::to_string(i));
  Check(a.paragraphs == b.paragraphs, "fast and plain paths: the same paragraphs");
  Check(a.title == b.title && a.title_span == b.title_span, "fast and plain paths: the same title");
  Check(a.dateline.has_value() == b.dateline.has_value() &&
            (!a.dateline ||
             (a.dateline->span == b.dateline->span && a.dateline->place_span == b.dateline->place_span &&
              a.dateline->outlet == b.dateline->outlet && a.dateline->date == b.dateline->date)),
        "fast and plain paths: the same dateline");
  Check(a.tokens.size() == b.tokens.size(), "fast and plain paths: as many tokens");
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const Token &x = a.tokens[i], &y = b.tokens[i];
    Check(x.span == y.span && x.norm_start == y.norm_start && x.norm_end == y.norm_end &&
              x.clitic == y.clitic && x.kind == y.kind && x.space_after == y.space_after &&
              x.line_break_after == y.line_break_after,
          "fast and plain paths: the same token", std::to_string(i));
  }
  Check(a.sentences.size() == b.sentences.size(), "fast and plain paths: as many sentences");
  for (size_t i = 0; i < a.sentences.size(); ++i)
    Check(a.sentences[i].first_token == b.sentences[i].first_token &&
              a.sentences[i].end_token == b.sentences[i].end_token,
          "fast and plain paths: the same sentence", std::to_string(i));
  Check(a.dates.size() == b.dates.size(), "fast and plain paths: as many dates");
  for (size_t i = 0; i < a.dates.size(); ++i) {
    const DateExpr &x = a.dates[i], &y = b.dates[i];
    Check(x.span == y.span && x.type == y.type && x.value == y.value && x.end_value == y.end_value &&
              x.inferred == y.inferred,
          "fast and plain paths: the same date", std::to_string(i));
  }
  Check(a.quotes.size() == b.quotes.size(), "fast and plain paths: as many quotes");
  for (size_t i = 0; i < a.quotes.size(); ++i)
    Check(a.quotes[i].span == b.quotes[i].span && a.quotes[i].speaker == b.quotes[i].speaker,
          "fast and plain paths: the same quote", std::to_string(i));
}

}  // namespace warta::fuzz

#endif  // WARTA_FUZZ_TWINS_H_
