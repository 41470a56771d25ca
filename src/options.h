// What the command line asked for, as plain data: main.cc fills it (the only Boost.PO
// user); the pipeline, readers and writers read it.
#ifndef WARTA_OPTIONS_H_
#define WARTA_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "text/civil_date.h"

namespace warta {

enum class InputFormat { kAuto, kText, kHtml, kJsonl, kPdf };
enum class OutputFormat { kDefault, kJson, kJsonl, kEsBulk, kConllu };

struct Options {
  std::string command = "extract";          // extract | tokenize
  std::vector<std::string> inputs;          // files, directories, "-" (stdin); empty = stdin
  InputFormat input = InputFormat::kAuto;
  OutputFormat format = OutputFormat::kDefault;
  std::optional<CivilDate> reference_date;  // --reference-date
  bool include_text = false;                // --include text
  bool include_sentences = false;           // --include sentences
  bool include_tokens = false;              // --include tokens
  std::string output;                       // -o FILE; empty = stdout
  unsigned jobs = 0;                        // -j; 0 = number of cores
  std::string lexicon_dir;                  // --lexicons; empty = Lexicon::DefaultDir()
  std::string es_index = "warta";           // --es-index
  bool quiet = false;                       // --quiet: no progress, no summary
  bool progress = false;                    // --progress: force progress on stderr
  bool resume = false;                      // --resume (needs -o)
  std::string index_db;                     // `warta index -o DB`: records go to this archive
};

}  // namespace warta

#endif  // WARTA_OPTIONS_H_
