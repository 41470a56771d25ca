// What the command line asked for, as plain data: main.cc fills it (the only Boost.PO
// user); the pipeline, readers and writers read it.
#ifndef WARTA_OPTIONS_H_
#define WARTA_OPTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/civil_date.h"

namespace warta {

// The command of a run. extract, tokenize and index run the pipeline (RunCommand, run.h);
// search and stats read an archive (index/commands.h); serve shows one in a browser
// (serve/server.h).
enum class Command { kExtract, kTokenize, kIndex, kSearch, kStats, kServe };

// "extract", "tokenize" …: the word the command line uses.
constexpr std::string_view CommandName(Command c) {
  switch (c) {
    case Command::kExtract: return "extract";
    case Command::kTokenize: return "tokenize";
    case Command::kIndex: return "index";
    case Command::kSearch: return "search";
    case Command::kStats: return "stats";
    case Command::kServe: return "serve";
  }
  return "extract";
}

enum class InputFormat { kAuto, kText, kHtml, kJsonl, kPdf };
enum class OutputFormat { kDefault, kJson, kJsonl, kEsBulk, kConllu, kHtml };

// The keys of a jsonl object that hold the contract's fields (--text-field, --id-field …).
struct JsonlKeys {
  std::string id = "id", text = "text", title = "title", url = "url", published = "published";
};

struct Options {
  Command command = Command::kExtract;
  std::vector<std::string> inputs;          // files, directories, "-" (stdin); empty = stdin
  InputFormat input = InputFormat::kAuto;
  OutputFormat format = OutputFormat::kDefault;
  JsonlKeys jsonl_keys;                     // --text-field, --id-field, --title-field …
  // Folder walks (a FILE named on the command line is always read):
  bool hidden = false;                      // --hidden: also dot files and dot folders
  bool binary = false;                      // --binary: also files that look binary
  std::vector<std::string> globs;           // --glob: read only paths that match one
  std::vector<std::string> excludes;        // --exclude (or --glob '!…'): skip paths that match one
  std::optional<CivilDate> reference_date;  // --reference-date
  bool include_text = false;                // --include text
  bool include_sentences = false;           // --include sentences
  bool include_tokens = false;              // --include tokens
  std::string output;                       // -o FILE; empty = stdout
  unsigned jobs = 0;                        // -j; 0 = one per core (main.cc checks the range)
  std::string lexicon_dir;                  // --lexicons; empty = Lexicon::DefaultDir()
  std::string es_index = "warta";           // --es-index
  bool quiet = false;                       // --quiet: no progress, no summary
  bool progress = false;                    // --progress: force progress on stderr
  bool resume = false;                      // --resume (needs -o)
  std::string index_db;                     // `warta index -o DB`: records go to this archive
};

}  // namespace warta

#endif  // WARTA_OPTIONS_H_
