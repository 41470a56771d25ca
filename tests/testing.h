// Shared helpers for the unit tests: the project's lexicons and a pipeline run on a string.
//   Document doc = testing::Extract("Kupang, ntt.kpu.go.id — … Senin (27/10) …", "2025-11-01");
#ifndef WARTA_TESTS_TESTING_H_
#define WARTA_TESTS_TESTING_H_

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "document.h"
#include "lexicon.h"
#include "options.h"
#include "pipeline.h"

namespace warta::testing {

// The lexicons of this checkout (tests never depend on an installed copy).
inline const Lexicon& Lexicons() {
  static const Lexicon lexicon(std::string(WARTA_SOURCE_DIR) + "/lexicons");
  return lexicon;
}

// A path in the temporary folder that no other test process uses: ctest runs tests in
// parallel, and several checkouts (or a sanitizer build) may run the suite at the same time.
inline std::filesystem::path ScratchPath(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("warta-" + name + "-" + std::to_string(::getpid()));
}

// Runs the whole extract pipeline (or tokenize's, with command "tokenize") over text.
inline Document Run(const std::string& text, const std::string& reference_date = "",
                    const std::string& command = "extract") {
  Options o;
  o.command = command == "tokenize" ? Command::kTokenize : Command::kExtract;
  if (!reference_date.empty()) o.reference_date = CivilDate::Parse(reference_date);
  static const Pipeline extract([] { Options x; return x; }(), Lexicons());
  static const Pipeline tokenize([] { Options x; x.command = Command::kTokenize; return x; }(), Lexicons());
  Document doc;
  doc.id = "test";
  doc.text = text;
  // The reference date comes from the option in tests: set it as `published` would be.
  if (o.reference_date) {
    doc.published.emplace();
    doc.published->date = *o.reference_date;
  }
  (command == "tokenize" ? tokenize : extract).Run(doc);
  return doc;
}

// The token forms of a document, as written.
inline std::vector<std::string> Forms(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.Original(t.span));
  return out;
}

// The sentences of a document, as written.
inline std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.Original(s.span));
  return out;
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_TESTING_H_
