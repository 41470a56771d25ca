// warta's command line: flags → Options → RunCommand → exit status.
// The only user of Boost.Program_options, and the one place that maps errors to exit codes:
//   0 every document processed, 1 some document failed, 2 usage, set-up or I/O error.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "error.h"
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
    "  warta --version | --help | <command> --help\n"
    "\n"
    "A FILE of '-', or no FILE, reads standard input; a directory means every regular\n"
    "file below it, in byte order of path.\n";

po::options_description CommandOptions(const std::string& command, Options& o, std::string& input,
                                       std::string& format, std::string& reference, std::string& include) {
  po::options_description d("Options of `warta " + command + "`");
  d.add_options()
      ("help,h", "show this help")
      ("input", po::value(&input)->default_value("auto"),
       "auto|text|html|jsonl: how to read each FILE (auto: .jsonl/.ndjson → jsonl, .html/.htm → html, else text)")
      ("format", po::value(&format)->default_value(""),
       command == "tokenize" ? "conllu|json|jsonl (default: json for one document to a terminal, else jsonl)"
                             : "json|jsonl|es-bulk (default: json for one document to a terminal, else jsonl)")
      ("output,o", po::value(&o.output), "write to FILE instead of standard output")
      ("jobs,j", po::value(&o.jobs)->default_value(0), "worker threads (0: one per core); output order is input order")
      ("quiet,q", po::bool_switch(&o.quiet), "no progress and no summary on stderr (errors are still reported)")
      ("progress", po::bool_switch(&o.progress),
       "progress and a summary on stderr even when it is not a terminal")
      ("resume", po::bool_switch(&o.resume),
       "with -o FILE: skip documents whose id is already in FILE, repair a cut-short last line, append")
      ("lexicons", po::value(&o.lexicon_dir), "the lexicons folder (default: $WARTA_LEXICONS, else the build's)");
  if (command == "extract") {
    d.add_options()
        ("reference-date", po::value(&reference),
         "YYYY-MM-DD: the day relative and partial dates are resolved against (default: the document's "
         "published date, else a dated dateline, else today)")
        ("include", po::value(&include), "extra fields, comma-separated: text, sentences, tokens")
        ("es-index", po::value(&o.es_index)->default_value("warta"), "index name in es-bulk action lines");
  }
  d.add_options()("files", po::value(&o.inputs)->multitoken(), "input files");
  return d;
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
  if (command != "extract" && command != "tokenize")
    throw warta::Error("unknown command '" + command + "' (commands: extract, tokenize; see `warta --help`)");

  Options o;
  o.command = command;
  std::string input, format, reference, include;
  po::options_description desc = CommandOptions(command, o, input, format, reference, include);
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc - 1, argv + 1).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw warta::Error(std::string(e.what()) + " (see `warta " + command + " --help`)");
  }
  if (vm.count("help")) {
    std::cout << "Usage: warta " << command << " [OPTIONS] [FILE...]\n\n" << desc << "\n";
    return 0;
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
