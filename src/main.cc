// warta's command line: flags → Options → RunCommand → exit status.
// The only user of Boost.Program_options, and the one place that maps errors to exit codes:
//   0 every document processed, 1 some document failed, 2 usage, set-up or I/O error.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "error.h"
#include "index/commands.h"
#include "options.h"
#include "run.h"
#include "serve/server.h"

namespace po = boost::program_options;
using warta::Command;
using warta::Options;

namespace {

constexpr std::pair<std::string_view, Command> kCommands[] = {
    {"extract", Command::kExtract}, {"tokenize", Command::kTokenize}, {"index", Command::kIndex},
    {"search", Command::kSearch},   {"stats", Command::kStats},       {"serve", Command::kServe}};

// Edits (insert, delete, replace, swap two neighbours) from a to b: how far a misspelling is.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The candidate nearest to `word`, when it is near enough to be what was meant.
std::string Nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

// A Boost.PO error as warta says it: what is wrong, "did you mean" for a misspelt option,
// and where the options are listed.
warta::Error UsageError(const boost::program_options::error& e, const boost::program_options::options_description& d,
                        const std::string& command) {
  std::string message = e.what();
  if (auto* unknown = dynamic_cast<const boost::program_options::unknown_option*>(&e)) {
    std::string name = unknown->get_option_name();
    while (!name.empty() && name.front() == '-') name.erase(0, 1);
    std::vector<std::string> known;
    for (const auto& option : d.options())
      if (!option->long_name().empty()) known.push_back(option->long_name());
    if (std::string near = Nearest(name, known); !near.empty()) message += "; did you mean --" + near + "?";
  }
  return warta::Error(message + " (see `warta " + command + " --help`)");
}

// An archive named on the command line, checked before SQLite opens it, so that the
// message names the file and says what is wrong in plain words.
//   search/stats: the file must exist and be an SQLite file;
//   index: its folder must exist, and the file, if there is one, must be an SQLite file.
void CheckArchivePath(const std::string& path, bool write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st)) {
    fs::path folder = fs::path(path).parent_path();
    if (!folder.empty() && !fs::is_directory(folder, ec))
      throw warta::Error(path + ": no such folder: " + folder.string());
    if (!write)
      throw warta::Error(path + ": no such file (an archive is made with `warta index -o " + path + " FILE...`)");
    return;
  }
  if (fs::is_directory(st)) throw warta::Error(path + ": a folder, not an archive file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw warta::Error(path + ": cannot read: " + std::strerror(errno));
  char head[16] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0) return;  // an empty file: the archive code says what it makes of it
  if (in.gcount() < std::streamsize(sizeof head) || std::memcmp(head, "SQLite format 3", 16) != 0)
    throw warta::Error(path + ": not a warta archive (not an SQLite database file)" +
                       (write ? "; not overwritten" : ""));
}

constexpr char kUsage[] =
    "warta — Indonesian news text to structured JSON records\n"
    "\n"
    "Usage:\n"
    "  warta extract  [OPTIONS] [FILE...]   one JSON record per document\n"
    "  warta tokenize [OPTIONS] [FILE...]   sentences and tokens only (CoNLL-U or JSON)\n"
    "  warta index -o DB [OPTIONS] [FILE...] extract into an SQLite archive (idempotent)\n"
    "  warta search DB [QUERY] [FILTERS]    full text and facets over an archive\n"
    "  warta stats DB                       what an archive holds\n"
    "  warta serve DB [--port 8080]         look at an archive in a browser (read-only)\n"
    "  warta --version | --help | <command> --help\n"
    "\n"
    "A FILE of '-', or no FILE, reads standard input; a folder means every regular file\n"
    "below it, in byte order of path, except dot files and binary files (--hidden, --binary).\n";

// The options of extract, tokenize and index. Values go straight into `o` where they need
// no checking; the others into `raw`, for Main to check.
struct RawValues {
  std::string input, format, reference, include;
  long long jobs = 0;
};

po::options_description CommandOptions(Command command, Options& o, RawValues& raw) {
  const std::string name(warta::CommandName(command));
  po::options_description d("Options of `warta " + name + "`");
  const bool index = command == Command::kIndex;
  d.add_options()
      ("help,h", "show this help")
      ("input", po::value(&raw.input)->default_value("auto"),
       "auto|text|html|jsonl|pdf: how to read each FILE (auto: .jsonl/.ndjson → jsonl, .html/.htm → html, "
       ".pdf or a file that starts with %PDF- → pdf, else text)");
  if (index) {
    d.add_options()("output,o", po::value(&o.output)->required(), "the archive (SQLite file) to create or update");
  } else {
    d.add_options()
      ("format", po::value(&raw.format)->default_value(""),
       command == Command::kTokenize ? "conllu|json|jsonl (default: json for one document to a terminal, else jsonl)"
                                     : "json|jsonl|es-bulk|html (default: json for one document to a terminal, else "
                                       "jsonl; html: one page that shows each document with its entities highlighted)")
      ("output,o", po::value(&o.output), "write to FILE instead of standard output");
  }
  d.add_options()
      ("jobs,j", po::value(&raw.jobs)->default_value(0),
       "worker threads, 1 to 1024 (0 or -1: one per core); output order is input order")
      ("quiet,q", po::bool_switch(&o.quiet), "no progress and no summary on stderr (errors are still reported)")
      ("progress", po::bool_switch(&o.progress),
       "progress and a summary on stderr even when it is not a terminal (plain lines into a file or log)")
      ("lexicons", po::value(&o.lexicon_dir),
       "the lexicons folder (default: $WARTA_LEXICONS, else the installed one, else the build's)");
  if (!index)
    d.add_options()("resume", po::bool_switch(&o.resume),
                    "with -o FILE: skip documents whose id is already in FILE, repair a cut-short last line, append");
  if (command == Command::kExtract || index)
    d.add_options()("reference-date", po::value(&raw.reference),
                    "YYYY-MM-DD: the day relative and partial dates are resolved against (default: the document's "
                    "published date, else a dated dateline, else the first full date near the top of its text, else "
                    "today)");
  if (command == Command::kExtract) {
    d.add_options()
        ("include", po::value(&raw.include), "extra fields, comma-separated: text, sentences, tokens")
        ("es-index", po::value(&o.es_index)->default_value("warta"), "index name in es-bulk action lines");
  }
  po::options_description walk("Folders (a FILE named on the command line is always read)");
  walk.add_options()
      ("hidden", po::bool_switch(&o.hidden), "also read dot files and dot folders")
      ("binary", po::bool_switch(&o.binary), "also read files that look binary (NUL bytes, PNG, ZIP, ELF, PDF …)")
      ("glob,g", po::value(&o.globs)->composing(),
       "GLOB: read only files whose path below the folder matches (*.txt, 2025/**); '!GLOB' excludes; repeatable")
      ("exclude", po::value(&o.excludes)->composing(), "GLOB: skip files and folders that match; repeatable");
  d.add(walk);
  po::options_description jsonl("jsonl input (the keys that hold each field)");
  jsonl.add_options()
      ("text-field", po::value(&o.jsonl_keys.text)->default_value("text"), "the document text (required)")
      ("id-field", po::value(&o.jsonl_keys.id)->default_value("id"), "the id (else FILE#LINE)")
      ("title-field", po::value(&o.jsonl_keys.title)->default_value("title"), "the title")
      ("url-field", po::value(&o.jsonl_keys.url)->default_value("url"), "the URL")
      ("published-field", po::value(&o.jsonl_keys.published)->default_value("published"),
       "the publication date (ISO 8601)");
  d.add(jsonl);
  return d;
}

// `warta search DB [QUERY] [filters]` and `warta stats DB`.
int ArchiveCommand(const std::string& command, int argc, char** argv) {
  std::string db, format = "table", sort = "best";
  std::vector<std::string> query_words;
  warta::SearchRequest q;
  std::string from, to;
  int top = 10, repeat = 1;
  bool facets = false;
  po::options_description d("Options of `warta " + command + "`");
  d.add_options()("help,h", "show this help");
  if (command == "search") {
    d.add_options()
        ("person", po::value(&q.people)->composing(),
         "a person: words of the name, in order, the last one may be cut short (\"joko wid\"); "
         "=NAME for exactly that name; repeatable (all must match)")
        ("role", po::value(&q.roles)->composing(), "a role title, by its words: Ketua, \"kepala dinas\" …; repeatable")
        ("org", po::value(&q.organizations)->composing(), "an organisation, by words of its name or its acronym; repeatable")
        ("place", po::value(&q.places)->composing(),
         "a place by name, or a Kemendagri code that includes everything below it (53 = NTT); repeatable")
        ("from", po::value(&from), "YYYY-MM-DD: documents dated on or after")
        ("to", po::value(&to), "YYYY-MM-DD: documents dated on or before")
        ("limit", po::value(&q.limit)->default_value(20), "at most this many hits (0: only the total)")
        ("offset", po::value(&q.offset)->default_value(0), "skip this many hits first (paging: --offset 20 is page 2)")
        ("sort", po::value(&sort)->default_value("best"), "best|newest|oldest (best: bm25 with a query, else newest)")
        ("facets", po::bool_switch(&facets),
         "count the people, organisations, places, roles and months of every matching document")
        ("top", po::value(&top)->default_value(10), "with --facets: how many values of each to list")
        ("format", po::value(&format)->default_value("table"),
         "table|json|jsonl|tsv|csv (jsonl: the stored records; tsv, csv: for spreadsheets)")
        ("repeat", po::value(&repeat)->default_value(1),
         "measure: run the search N times in this process; median and p99 times on stderr");
  } else {
    d.add_options()("top", po::value(&top)->default_value(10), "how many of the most frequent names to list");
  }
  po::options_description hidden;
  hidden.add_options()("db", po::value(&db))("words", po::value(&query_words)->multitoken());
  po::options_description all;
  all.add(d).add(hidden);
  po::positional_options_description pos;
  pos.add("db", 1).add("words", command == "search" ? -1 : 0);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: warta " << command << " DB" << (command == "search" ? " [QUERY] [FILTERS]" : "")
                << "\n\n" << d << "\n";
      if (command == "search")
        std::cout << "QUERY: words (F-16, bioskop-bioskop, Ma'ruf as written), \"a phrase\", pemilu* (prefix),\n"
                     "a OR b, a NOT b, NOT a (every document without a), ( ), NEAR(a b, 5), title:word.\n"
                     "Operators are upper case; punctuation never makes a query invalid.\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e, d, command);
  }
  if (db.empty()) throw warta::Error("warta " + command + ": name the archive (see `warta " + command + " --help`)");
  for (const auto& [value, target] : {std::pair{from, &q.from}, std::pair{to, &q.to}}) {
    if (value.empty()) continue;
    if (!warta::CivilDate::Parse(value) || value.size() != 10)
      throw warta::Error("--from/--to must be a real date as YYYY-MM-DD, not '" + value + "'");
    *target = value;
  }
  if (q.limit < 0 || q.offset < 0 || top < 1 || repeat < 1)
    throw warta::Error("--limit and --offset take 0 or more, --top and --repeat 1 or more (see `warta " + command +
                       " --help`)");
  q.facets = facets ? top : 0;
  if (sort == "best") q.order = warta::SearchRequest::Order::kBest;
  else if (sort == "newest") q.order = warta::SearchRequest::Order::kNewest;
  else if (sort == "oldest") q.order = warta::SearchRequest::Order::kOldest;
  else throw warta::Error("--sort must be best, newest or oldest, not '" + sort + "'");
  for (const std::string& w : query_words) q.query += (q.query.empty() ? "" : " ") + w;
  CheckArchivePath(db, false);
  if (command == "search") warta::SearchArchive(db, q, format, std::cout, repeat);
  else warta::PrintArchiveStats(db, top, std::cout);
  return 0;
}

// `warta serve DB [--port N] [--host ADDR]`.
int ServeCommand(int argc, char** argv) {
  warta::ServeOptions o;
  po::options_description d("Options of `warta serve`");
  d.add_options()
      ("help,h", "show this help")
      ("port,p", po::value(&o.port)->default_value(8080), "the TCP port (0: any free one; the address is printed)")
      ("host", po::value(&o.host)->default_value("127.0.0.1"),
       "the address to listen on (127.0.0.1: this machine only; 0.0.0.0 opens the archive to the network)")
      ("threads", po::value(&o.threads)->default_value(8),
       "requests answered at once, 1 to 256 (each reads the archive with a page cache of up to 32 MB)")
      ("lexicons", po::value(&o.lexicon_dir),
       "the lexicons folder, for the names of area codes (default: $WARTA_LEXICONS, else the installed one, else "
       "the build's)")
      ("quiet,q", po::bool_switch(&o.quiet), "no line per request on stderr");
  po::options_description hidden;
  hidden.add_options()("db", po::value(&o.archive));
  po::options_description all;
  all.add(d).add(hidden);
  po::positional_options_description pos;
  pos.add("db", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: warta serve DB [OPTIONS]\n\n"
                << "A read-only web view of an archive made by `warta index`: search with facets, each release\n"
                << "with its entities highlighted, people with their roles over time, places, releases per month.\n"
                << "Pages are made by the server; nothing is loaded from the internet.\n\n"
                << d << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e, d, "serve");
  }
  if (o.archive.empty()) throw warta::Error("warta serve: name the archive (see `warta serve --help`)");
  CheckArchivePath(o.archive, false);
  return warta::Serve(o);
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage << "\nSee `warta --help`.\n";
    return 2;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage << "\nRun `warta <command> --help` for the options of a command.\n";
    return 0;
  }
  if (command == "--version" || command == "-V") {
    std::cout << "warta " << WARTA_VERSION << " (record schema warta/1)\n";
    return 0;
  }
  std::optional<Command> known;
  for (const auto& [word, c] : kCommands)
    if (command == word) known = c;
  if (!known) {
    std::vector<std::string> words;
    for (const auto& [word, c] : kCommands) words.emplace_back(word);
    std::string near = Nearest(command, words);
    throw warta::Error("unknown command '" + command + "'" + (near.empty() ? "" : "; did you mean " + near + "?") +
                       " (commands: extract, tokenize, index, search, stats, serve; see `warta --help`)");
  }
  if (*known == Command::kSearch || *known == Command::kStats) return ArchiveCommand(command, argc, argv);
  if (*known == Command::kServe) return ServeCommand(argc, argv);

  Options o;
  o.command = *known;
  RawValues raw;
  po::options_description desc = CommandOptions(o.command, o, raw);
  // The FILE arguments: parsed as an option, listed in no help text.
  po::options_description hidden;
  hidden.add_options()("files", po::value(&o.inputs)->multitoken());
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(all).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: warta " << command << (o.command == Command::kIndex ? " -o DB" : "")
                << " [OPTIONS] [FILE...]\n\n" << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e, desc, command);
  }
  if (raw.input == "auto") o.input = warta::InputFormat::kAuto;
  else if (raw.input == "text") o.input = warta::InputFormat::kText;
  else if (raw.input == "html") o.input = warta::InputFormat::kHtml;
  else if (raw.input == "jsonl") o.input = warta::InputFormat::kJsonl;
  else if (raw.input == "pdf") o.input = warta::InputFormat::kPdf;
  else throw warta::Error("--input must be auto, text, html, jsonl or pdf, not '" + raw.input + "'");

  const std::string& format = raw.format;
  if (format.empty()) o.format = warta::OutputFormat::kDefault;
  else if (format == "json") o.format = warta::OutputFormat::kJson;
  else if (format == "jsonl") o.format = warta::OutputFormat::kJsonl;
  else if (format == "es-bulk" && o.command == Command::kExtract) o.format = warta::OutputFormat::kEsBulk;
  else if (format == "html" && o.command == Command::kExtract) o.format = warta::OutputFormat::kHtml;
  else if (format == "conllu" && o.command == Command::kTokenize) o.format = warta::OutputFormat::kConllu;
  else throw warta::Error("--format '" + format + "' is not a format of `warta " + command + "`");

  // -j: 0 and -1 mean one worker per core, as in joblib and spaCy; a thread per document
  // of a large corpus is no use, and the threads would not start.
  constexpr long long kMaxJobs = 1024;
  if (raw.jobs == 0 || raw.jobs == -1) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  else if (raw.jobs >= 1 && raw.jobs <= kMaxJobs) o.jobs = unsigned(raw.jobs);
  else
    throw warta::Error("-j/--jobs must be 1 to " + std::to_string(kMaxJobs) + ", or 0 or -1 for one per core; not " +
                       std::to_string(raw.jobs));

  if (vm.count("reference-date")) {
    const std::string& reference = raw.reference;
    o.reference_date = warta::CivilDate::Parse(reference);
    if (!o.reference_date || reference.size() != 10)
      throw warta::Error("--reference-date must be a real date as YYYY-MM-DD, not '" + reference + "'");
  }
  const std::string& include = raw.include;
  size_t pos_inc = 0;
  while (!include.empty() && pos_inc <= include.size()) {
    size_t comma = include.find(',', pos_inc);
    std::string item = include.substr(pos_inc, comma == std::string::npos ? std::string::npos : comma - pos_inc);
    if (item == "text") o.include_text = true;
    else if (item == "sentences") o.include_sentences = true;
    else if (item == "tokens") o.include_tokens = true;
    else throw warta::Error("--include takes text, sentences, tokens; not '" + item + "'");
    if (comma == std::string::npos) break;
    pos_inc = comma + 1;
  }
  // --glob '!GLOB' excludes, as in ripgrep.
  for (auto it = o.globs.begin(); it != o.globs.end();) {
    if (it->size() > 1 && it->front() == '!') {
      o.excludes.push_back(it->substr(1));
      it = o.globs.erase(it);
    } else {
      ++it;
    }
  }
  {
    const warta::JsonlKeys& k = o.jsonl_keys;
    const std::pair<const char*, const std::string*> keys[] = {{"--text-field", &k.text},
                                                               {"--id-field", &k.id},
                                                               {"--title-field", &k.title},
                                                               {"--url-field", &k.url},
                                                               {"--published-field", &k.published}};
    for (size_t i = 0; i < std::size(keys); ++i) {
      if (keys[i].second->empty()) throw warta::Error(std::string(keys[i].first) + " needs a key name");
      for (size_t j = 0; j < i; ++j)
        if (*keys[i].second == *keys[j].second)
          throw warta::Error(std::string(keys[j].first) + " and " + keys[i].first + " name the same key '" +
                             *keys[i].second + "'");
    }
  }
  if (o.command == Command::kIndex) {
    // The extract run, with the archive as its sink (the sink also gets each document's
    // text, for full-text search).
    CheckArchivePath(o.output, true);
    o.index_db = o.output;
    o.output.clear();
    o.format = warta::OutputFormat::kJsonl;
  }
  return warta::RunCommand(o);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const warta::Error& e) {
    std::cerr << "warta: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "warta: internal error: " << e.what() << "\n";
    return 2;
  }
}
