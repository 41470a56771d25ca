// warta's command line: flags → Options → RunCommand → exit status.
// The only user of Boost.Program_options, and the one place that maps errors to exit codes:
//   0 every document processed, 1 some document failed, 2 usage, set-up or I/O error.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "error.h"
#include "index/commands.h"
#include "options.h"
#include "run.h"

namespace po = boost::program_options;
using warta::Options;

namespace {

constexpr char kUsage[] =
    "warta — Indonesian news text to structured JSON records\n"
    "\n"
    "Usage:\n"
    "  warta extract  [OPTIONS] [FILE...]   one JSON record per document\n"
    "  warta tokenize [OPTIONS] [FILE...]   sentences and tokens only (CoNLL-U or JSON)\n"
    "  warta index -o DB [OPTIONS] [FILE...] extract into an SQLite archive (idempotent)\n"
    "  warta search DB [QUERY] [FILTERS]    full text and facets over an archive\n"
    "  warta stats DB                       what an archive holds\n"
    "  warta --version | --help | <command> --help\n"
    "\n"
    "A FILE of '-', or no FILE, reads standard input; a directory means every regular\n"
    "file below it, in byte order of path.\n";

po::options_description CommandOptions(const std::string& command, Options& o, std::string& input,
                                       std::string& format, std::string& reference, std::string& include) {
  po::options_description d("Options of `warta " + command + "`");
  const bool index = command == "index";
  d.add_options()
      ("help,h", "show this help")
      ("input", po::value(&input)->default_value("auto"),
       "auto|text|html|jsonl: how to read each FILE (auto: .jsonl/.ndjson → jsonl, .html/.htm → html, else text)");
  if (index) {
    d.add_options()("output,o", po::value(&o.output)->required(), "the archive (SQLite file) to create or update");
  } else {
    d.add_options()
      ("format", po::value(&format)->default_value(""),
       command == "tokenize" ? "conllu|json|jsonl (default: json for one document to a terminal, else jsonl)"
                             : "json|jsonl|es-bulk (default: json for one document to a terminal, else jsonl)")
      ("output,o", po::value(&o.output), "write to FILE instead of standard output");
  }
  d.add_options()
      ("jobs,j", po::value(&o.jobs)->default_value(0), "worker threads (0: one per core); output order is input order")
      ("quiet,q", po::bool_switch(&o.quiet), "no progress and no summary on stderr (errors are still reported)")
      ("progress", po::bool_switch(&o.progress),
       "progress and a summary on stderr even when it is not a terminal")
      ("lexicons", po::value(&o.lexicon_dir), "the lexicons folder (default: $WARTA_LEXICONS, else the build's)");
  if (!index)
    d.add_options()("resume", po::bool_switch(&o.resume),
                    "with -o FILE: skip documents whose id is already in FILE, repair a cut-short last line, append");
  if (command == "extract" || index)
    d.add_options()("reference-date", po::value(&reference),
                    "YYYY-MM-DD: the day relative and partial dates are resolved against (default: the document's "
                    "published date, else a dated dateline, else today)");
  if (command == "extract") {
    d.add_options()
        ("include", po::value(&include), "extra fields, comma-separated: text, sentences, tokens")
        ("es-index", po::value(&o.es_index)->default_value("warta"), "index name in es-bulk action lines");
  }
  d.add_options()("files", po::value(&o.inputs)->multitoken(), "input files");
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
    throw warta::Error(std::string(e.what()) + " (see `warta " + command + " --help`)");
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
  if (command == "search") warta::SearchArchive(db, q, format, std::cout, repeat);
  else warta::PrintArchiveStats(db, top, std::cout);
  return 0;
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
  if (command == "search" || command == "stats") return ArchiveCommand(command, argc, argv);
  if (command != "extract" && command != "tokenize" && command != "index")
    throw warta::Error("unknown command '" + command +
                       "' (commands: extract, tokenize, index, search, stats; see `warta --help`)");

  Options o;
  o.command = command;
  std::string input, format, reference, include;
  po::options_description desc = CommandOptions(command, o, input, format, reference, include);
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(desc).positional(pos).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: warta " << command << (command == "index" ? " -o DB" : "") << " [OPTIONS] [FILE...]\n\n"
                << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw warta::Error(std::string(e.what()) + " (see `warta " + command + " --help`)");
  }
  if (input == "auto") o.input = warta::InputFormat::kAuto;
  else if (input == "text") o.input = warta::InputFormat::kText;
  else if (input == "html") o.input = warta::InputFormat::kHtml;
  else if (input == "jsonl") o.input = warta::InputFormat::kJsonl;
  else throw warta::Error("--input must be auto, text, html or jsonl, not '" + input + "'");

  if (format.empty()) o.format = warta::OutputFormat::kDefault;
  else if (format == "json") o.format = warta::OutputFormat::kJson;
  else if (format == "jsonl") o.format = warta::OutputFormat::kJsonl;
  else if (format == "es-bulk" && command == "extract") o.format = warta::OutputFormat::kEsBulk;
  else if (format == "conllu" && command == "tokenize") o.format = warta::OutputFormat::kConllu;
  else throw warta::Error("--format '" + format + "' is not a format of `warta " + command + "`");

  if (!reference.empty()) {
    o.reference_date = warta::CivilDate::Parse(reference);
    if (!o.reference_date || reference.size() != 10)
      throw warta::Error("--reference-date must be a real date as YYYY-MM-DD, not '" + reference + "'");
  }
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
  if (command == "index") {
    // The extract run, with the archive as its sink (the sink also gets each document's
    // text, for full-text search).
    o.command = "extract";
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
