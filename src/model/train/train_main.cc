// warta-train: learns the entity model's word clusters and weights (see scripts/train-ner).
// The command line only (Boost.Program_options); the work is in model/train/.
//   warta-train clusters --corpus news.jsonl -o lexicons/model/clusters.tsv
//   warta-train cv   --data ../shared/data                 5-fold cross-validation on the train splits
//   warta-train fit  --data ../shared/data -o lexicons/model/ner.bin
//   warta-train eval --data ../shared/data --model lexicons/model/ner.bin   the dev splits
// Exit status: 0 done, 2 usage or set-up error (the message names the file).
#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "error.h"
#include "input/reader.h"
#include "lexicon.h"
#include "model/model.h"
#include "model/tagger.h"
#include "model/train/ner_data.h"
#include "model/train/perceptron.h"
#include "model/train/trainer.h"
#include "model/train/word_clusters.h"
#include "model/word_facts.h"
#include "options.h"
#include "pipeline.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace warta::model;
using namespace warta::model::train;

namespace {

constexpr char kUsage[] =
    "warta-train — learns warta's entity model\n"
    "\n"
    "Usage:\n"
    "  warta-train clusters --corpus FILE.jsonl -o clusters.tsv   word clusters from unlabelled text\n"
    "  warta-train cv   --data DIR [OPTIONS]       k-fold cross-validation on the train splits\n"
    "  warta-train fit  --data DIR -o ner.bin      the model (calibrated on k folds), from the train splits\n"
    "  warta-train eval --data DIR --model ner.bin scores a model on the dev splits\n"
    "  warta-train bench --corpus FILE.jsonl       the tagger's time per token on a corpus\n"
    "Run `warta-train <command> --help` for the options.\n";

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Common {
  std::string lexicons, data, clusters, features, scheme = "bilou", runtime = "shared",
                                                  sets = "nerui,nerugm,idner,nergrit";
  std::string split = "train";
  bool no_clusters = false, augment = false;
  int epochs = 10, folds = 5, threads = 2;
  unsigned min_count = 1;
  float set_rate = 1;
  uint64_t seed = 20261207;
};

void AddTrainingOptions(po::options_description& d, Common& c) {
  d.add_options()("data", po::value(&c.data)->required(),
                  "the folder holding indolem-nerui/, indolem-nerugm/, idner-news-2k/, indonlu-nergrit/")(
      "sets", po::value(&c.sets)->default_value(c.sets), "the sets to use, comma-separated")(
      "clusters", po::value(&c.clusters), "word clusters (TSV; default: LEXICONS/model/clusters.tsv)")(
      "no-clusters", po::bool_switch(&c.no_clusters), "no cluster features")(
      "features", po::value(&c.features),
      "feature overrides, e.g. \"form=-1,0,1 lower=-2..2 path=off paths=4,8\"")(
      "scheme", po::value(&c.scheme)->default_value(c.scheme), "bio|bilou")(
      "epochs", po::value(&c.epochs)->default_value(c.epochs), "passes over the training data")(
      "augment", po::bool_switch(&c.augment), "per-set copies of the features (Daumé 2007)")(
      "set-rate", po::value(&c.set_rate)->default_value(c.set_rate),
      "the step of the per-set copies' updates")("runtime", po::value(&c.runtime)->default_value(c.runtime),
                                                 "with --augment, the weights kept: shared, or shared plus "
                                                 "one set's copy (nerui, nerugm, idner, nergrit)")(
      "min-count", po::value(&c.min_count)->default_value(c.min_count),
      "features seen fewer times are left out")("folds", po::value(&c.folds)->default_value(c.folds),
                                                "cross-validation folds (fit: for the calibration; 0: none)")(
      "threads", po::value(&c.threads)->default_value(c.threads), "folds trained at once")(
      "seed", po::value(&c.seed)->default_value(c.seed), "the shuffling seed");
}

std::vector<SetId> ParseSets(const std::string& list) {
  std::vector<SetId> out;
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(',', i);
    if (j == std::string::npos) j = list.size();
    const std::string name = list.substr(i, j - i);
    if (!name.empty()) {
      const SetId s = SetByName(name);
      if (s == kSetCount)
        throw warta::Error("--sets: unknown set '" + name + "' (nerui, nerugm, idner, nergrit)");
      out.push_back(s);
    }
    i = j + 1;
  }
  return out;
}

// The items of the chosen sets' split, in set order.
std::vector<Item> LoadItems(const Common& c, const warta::Pipeline& tokenizer, const std::string& split) {
  std::vector<Item> items;
  for (SetId s : ParseSets(c.sets)) {
    const SetFiles& files = FilesOf(s);
    const std::string path = (fs::path(c.data) / (split == "dev" ? files.dev : files.train)).string();
    MappingStats stats;
    std::vector<Item> part = MapToTokens(tokenizer, s, ReadBio(path, files.idner_format), stats);
    std::cerr << "data: " << path << ": " << stats.sentences << " sentences, " << stats.gold
              << " gold spans; " << stats.inexact << " not on warta's token boundaries, " << stats.crossing
              << " across warta's sentences, " << stats.clashes << " dropped (overlap)\n";
    for (Item& item : part) items.push_back(std::move(item));
  }
  return items;
}

// Reads clusters.tsv (form, cluster, path, casing, count) into arrays; the 254 most frequent
// forms (by count, then bytes) get their rank.
ClusterArrays LoadClusters(const std::string& path) {
  const fs::path p(path);
  const warta::Lexicon lexicon(p.parent_path().string());
  const auto& rows = lexicon.Rows(p.filename().string(), 5);
  std::vector<std::pair<uint64_t, size_t>> by_count;
  for (size_t i = 0; i < rows.size(); ++i) by_count.emplace_back(std::stoull(rows[i].fields[4]), i);
  std::sort(by_count.begin(), by_count.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : rows[a.second].fields[0] < rows[b.second].fields[0];
  });
  std::vector<uint32_t> rank(rows.size(), 0);
  for (size_t r = 0; r < by_count.size() && r < 254; ++r) rank[by_count[r].second] = uint32_t(r + 1);
  ClusterArrays arrays;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    arrays.Add(f[0], uint32_t(std::stoul(f[1])), f[2], uint32_t(std::stoul(f[3])), rank[i]);
  }
  arrays.Finish();
  return arrays;
}

TrainOptions MakeOptions(const Common& c) {
  TrainOptions o;
  o.features = FeatureConfig::Default();
  if (c.no_clusters) o.features.roles[kCluster] = o.features.roles[kClusterPath] = 0;
  if (!c.features.empty()) o.features.Apply(c.features);
  if (c.scheme != "bio" && c.scheme != "bilou")
    throw warta::Error("--scheme: bio or bilou, not '" + c.scheme + "'");
  o.scheme = c.scheme == "bio" ? Scheme::kBio : Scheme::kBilou;
  o.epochs = c.epochs;
  o.augment = c.augment;
  o.set_rate = c.set_rate;
  o.min_count = c.min_count;
  o.seed = c.seed;
  if (c.runtime != "shared") {
    const SetId s = SetByName(c.runtime);
    if (s == kSetCount) throw warta::Error("--runtime: shared or a set name, not '" + c.runtime + "'");
    o.runtime_set = s;
  }
  return o;
}

int Clusters(int argc, char** argv) {
  std::string corpus, output, lexicons;
  ClusterOptions o;
  po::options_description d("Options of `warta-train clusters`");
  d.add_options()("help,h", "show this help")("corpus", po::value(&corpus)->required(),
                                              "jsonl, one document a line with a \"text\" field")(
      "output,o", po::value(&output)->required(), "the clusters TSV to write")(
      "lexicons", po::value(&lexicons), "the lexicons folder for the tokenizer (default: the build's)")(
      "words", po::value(&o.words)->default_value(o.words), "the most frequent forms clustered")(
      "contexts", po::value(&o.contexts)->default_value(o.contexts),
      "the most frequent forms used as neighbours")(
      "min-count", po::value(&o.min_count)->default_value(o.min_count), "rarer forms are not clustered")(
      "dims", po::value(&o.dims)->default_value(o.dims), "dimensions of the projected context vectors")(
      "clusters", po::value(&o.clusters)->default_value(o.clusters), "the number of clusters")(
      "iterations", po::value(&o.iterations)->default_value(o.iterations), "k-means iterations at most")(
      "threads", po::value(&o.threads)->default_value(o.threads), "threads of the assignment step")(
      "seed", po::value(&o.seed)->default_value(o.seed), "the seed");
  po::variables_map vm;
  po::store(po::parse_command_line(argc - 1, argv + 1, d), vm);
  if (vm.count("help")) {
    std::cout << d << "\n";
    return 0;
  }
  po::notify(vm);
  const auto start = std::chrono::steady_clock::now();
  const warta::Lexicon lexicon(lexicons.empty() ? warta::Lexicon::DefaultDir() : lexicons);
  warta::Options options;
  options.command = warta::Command::kTokenize;
  const warta::Pipeline tokenizer(options, lexicon);
  const std::vector<ClusteredWord> words = LearnClusters(tokenizer, corpus, o, &std::cerr);
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out) throw warta::Error(output + ": cannot write");
  out << "# clusters.tsv — generated by scripts/train-ner (warta-train clusters --words " << o.words
      << " --contexts " << o.contexts << " --min-count " << o.min_count << " --dims " << o.dims
      << " --clusters " << o.clusters << " --iterations " << o.iterations << " --seed " << o.seed
      << "); do not edit.\n"
      << "# Word clusters learned without labels from the CLICK-ID news corpus (William & Sari 2020, CC BY "
         "4.0;\n"
      << "# see lexicons/README.md): forms as written, grouped by their neighbouring words (k-means), with\n"
      << "# each cluster's path in a binary tree of the clusters (Ward). Columns: form, cluster, path,\n"
      << "# casing: how often the form in lower case is written capitalised after a word (0 unknown,\n"
      << "# 1 under 2%, 2 under 10%, 3 under 30%, 4 under 70%, 5 under 90%, 6 under 98%, 7 more),\n"
      << "# count: occurrences in the corpus.\n";
  for (const ClusteredWord& w : words)
    out << w.form << '\t' << w.leaf << '\t' << w.path << '\t' << w.casing << '\t' << w.count << '\n';
  out.close();
  if (!out) throw warta::Error(output + ": cannot write");
  std::cerr << "clusters: " << words.size() << " words written to " << output << " in " << Seconds(start)
            << " s\n";
  return 0;
}

// Tags every sentence of a jsonl corpus once (tokenised beforehand, not timed), as the
// entities stage would: the tagger's own time per token, its cache's misses.
int Bench(int argc, char** argv) {
  std::string corpus, lexicons, model_path, dump;
  size_t max_docs = 0;
  po::options_description d("Options of `warta-train bench`");
  d.add_options()("help,h", "show this help")("corpus", po::value(&corpus)->required(),
                                              "jsonl, one document a line with a \"text\" field")(
      "docs", po::value(&max_docs)->default_value(0), "only the first N documents (0: all)")(
      "lexicons", po::value(&lexicons), "the lexicons folder (default: the build's)")(
      "model", po::value(&model_path), "the model (default: LEXICONS/model/ner.bin)")(
      "dump", po::value(&dump),
      "write every span to FILE: line, first and end token (of the document), type, score, margin — "
      "to compare two taggers' output");
  po::variables_map vm;
  po::store(po::parse_command_line(argc - 1, argv + 1, d), vm);
  if (vm.count("help")) {
    std::cout << d << "\n";
    return 0;
  }
  po::notify(vm);
  std::ofstream dump_out;
  if (!dump.empty()) {
    dump_out.open(dump, std::ios::binary | std::ios::trunc);
    if (!dump_out) throw warta::Error(dump + ": cannot write");
  }
  static const char* const kTypeNames[] = {"PER", "LOC", "ORG"};
  const warta::Lexicon lexicon(lexicons.empty() ? warta::Lexicon::DefaultDir() : lexicons);
  warta::Options tokenize;
  tokenize.command = warta::Command::kTokenize;
  const warta::Pipeline tokenizer(tokenize, lexicon);
  std::ifstream in(corpus, std::ios::binary);
  if (!in) throw warta::Error(corpus + ": cannot read");
  const auto load = std::chrono::steady_clock::now();
  const Model model(model_path.empty() ? lexicon.dir() + "/model/ner.bin" : model_path);
  const WordFacts facts(lexicon);
  const Tagger tagger(model, facts);
  const double load_s = Seconds(load);
  // Document by document, as the entities stage runs: tokenised first (not timed), then each
  // sentence tagged (timed).
  size_t documents = 0, sentences = 0, tokens = 0, spans = 0;
  double s = 0;
  std::vector<WordView> words;
  std::vector<ScoredSpan> out;
  std::string line;
  size_t line_no = 0;
  warta::Document doc;
  while (std::getline(in, line) && (max_docs == 0 || documents < max_docs)) {
    ++line_no;
    doc.Reset();
    const std::string where = corpus + ":" + std::to_string(line_no);
    warta::ParseJsonlLine(line, where, where, doc);
    if (doc.error) continue;
    tokenizer.Run(doc);
    ++documents;
    const auto start = std::chrono::steady_clock::now();
    for (const warta::Sentence& sentence : doc.sentences) {
      words.clear();
      for (uint32_t t = sentence.first_token; t < sentence.end_token; ++t)
        words.push_back({doc.Norm(doc.tokens[t]), doc.tokens[t].kind});
      tagger.Tag(words.data(), words.size(), out);
      if (dump_out.is_open())
        for (const ScoredSpan& x : out)
          dump_out << line_no << '\t' << sentence.first_token + x.span.first << '\t'
                   << sentence.first_token + x.span.end << '\t' << kTypeNames[int(x.span.type)] << '\t'
                   << x.score << '\t' << x.margin << '\n';
      ++sentences;
      tokens += words.size();
      spans += out.size();
    }
    s += Seconds(start);
  }
  if (dump_out.is_open()) {
    dump_out.close();
    if (!dump_out) throw warta::Error(dump + ": cannot write");
  }
  const Tagger::CacheStats stats = tagger.Stats();
  std::printf(
      "%zu documents, %zu sentences, %zu tokens, %zu spans: %.3f s, %.1f ns per token; %.1f%% of the tokens "
      "labelled, %.2f lookups per token, cache misses %.2f%%; "
      "model and word facts loaded in %.1f ms\n",
      documents, sentences, tokens, spans, s, 1e9 * s / double(std::max<size_t>(1, tokens)),
      100.0 * double(stats.labelled) / double(std::max<size_t>(1, tokens)),
      double(stats.lookups) / double(std::max<size_t>(1, tokens)),
      100.0 * double(stats.misses) / double(std::max<uint64_t>(1, stats.lookups)), 1e3 * load_s);
  return 0;
}

int Train(const std::string& command, int argc, char** argv) {
  Common c;
  std::string output, model_path, dump, save_folds;
  bool everywhere = false;
  po::options_description d("Options of `warta-train " + command + "`");
  d.add_options()("help,h", "show this help")("lexicons", po::value(&c.lexicons),
                                              "the lexicons folder (default: the build's)");
  d.add_options()("dump", po::value(&dump), "write the errors (held-out folds, or the split scored) to FILE");
  if (command == "eval") {
    d.add_options()("data", po::value(&c.data)->required(), "the folder of the NER sets")(
        "sets", po::value(&c.sets)->default_value(c.sets), "the sets to score, comma-separated")(
        "model", po::value(&model_path), "the model (default: LEXICONS/model/ner.bin)")(
        "split", po::value(&c.split)->default_value("dev"), "dev or train")(
        "everywhere", po::bool_switch(&everywhere), "tag every token, not only those near a capital");
  } else {
    AddTrainingOptions(d, c);
    if (command == "fit")
      d.add_options()("output,o", po::value(&output)->required(), "the model file to write");
    if (command == "cv")
      d.add_options()("save-folds", po::value(&save_folds),
                      "write each fold's model (DIR/foldK.bin, calibrated) and the held-out sentences of "
                      "each fold (DIR/folds.tsv: set, index in its file, fold) to DIR");
  }
  po::variables_map vm;
  po::store(po::parse_command_line(argc - 1, argv + 1, d), vm);
  if (vm.count("help")) {
    std::cout << d << "\n";
    return 0;
  }
  po::notify(vm);
  const auto start = std::chrono::steady_clock::now();
  const warta::Lexicon lexicon(c.lexicons.empty() ? warta::Lexicon::DefaultDir() : c.lexicons);
  warta::Options tokenize;
  tokenize.command = warta::Command::kTokenize;
  const warta::Pipeline tokenizer(tokenize, lexicon);
  const WordFacts facts(lexicon);

  if (command == "eval") {
    const Model model(model_path.empty() ? lexicon.dir() + "/model/ner.bin" : model_path);
    const Tagger tagger(model, facts);
    const std::vector<Item> items = LoadItems(c, tokenizer, c.split);
    std::vector<const Item*> all;
    for (const Item& item : items) all.push_back(&item);
    Evaluation e;
    std::string errors;
    Evaluate(tagger, all, e, dump.empty() ? nullptr : &errors, !everywhere);
    if (!dump.empty()) std::ofstream(dump, std::ios::binary) << errors;
    std::cout << "model " << model.path() << " (" << model.feature_count() << " features, " << model.bytes()
              << " bytes) on the " << c.split << " splits, exact spans over warta's tokens:\n"
              << FormatEvaluation(e);
    return 0;
  }

  const TrainOptions options = MakeOptions(c);
  const bool use_clusters = options.features.roles[kCluster] || options.features.roles[kClusterPath];
  ClusterArrays clusters;
  if (use_clusters)
    clusters = LoadClusters(c.clusters.empty() ? lexicon.dir() + "/model/clusters.tsv" : c.clusters);
  const FeatureExtractor extractor(options.features, facts, use_clusters ? clusters.View() : ClusterTable());
  const std::vector<Item> items = LoadItems(c, tokenizer, "train");
  std::cerr << "features: " << options.features.ToString() << "\n";

  std::pair<float, float> calibration{1.f, 0.f};
  if (c.folds > 1) {
    std::string errors;
    std::vector<ModelData> fold_models;
    const Evaluation e = CrossValidate(items, extractor, facts, use_clusters ? &clusters : nullptr, options,
                                       c.folds, c.threads, &std::cerr, dump.empty() ? nullptr : &errors,
                                       save_folds.empty() ? nullptr : &fold_models);
    if (!dump.empty()) std::ofstream(dump, std::ios::binary) << errors;
    calibration = FitCalibration(e.margins);
    if (!save_folds.empty()) {
      fs::create_directories(save_folds);
      for (size_t k = 0; k < fold_models.size(); ++k) {
        fold_models[k].calib_a = calibration.first;
        fold_models[k].calib_b = calibration.second;
        WriteModel((fs::path(save_folds) / ("fold" + std::to_string(k) + ".bin")).string(), fold_models[k]);
      }
      const std::vector<uint8_t> fold = AssignFolds(items, c.folds);
      std::ofstream out(fs::path(save_folds) / "folds.tsv", std::ios::binary);
      out << "set\tindex\tfold\n";
      for (size_t i = 0; i < items.size(); ++i)
        out << SetName(items[i].set) << '\t' << items[i].index << '\t' << int(fold[i]) << '\n';
      if (!out) throw warta::Error(save_folds + "/folds.tsv: cannot write");
    }
    std::cout << c.folds << "-fold cross-validation on the train splits (" << Seconds(start)
              << " s), exact spans over warta's tokens:\n"
              << FormatEvaluation(e);
    std::printf("calibration: a %.4f b %.4f over %zu spans\n", calibration.first, calibration.second,
                e.margins.size());
  }
  if (command == "fit") {
    Perceptron p(extractor, options);
    std::vector<const Item*> all;
    for (const Item& item : items) all.push_back(&item);
    p.Train(all);
    const ModelData data =
        p.Export(use_clusters ? &clusters : nullptr, calibration.first, calibration.second);
    WriteModel(output, data);
    std::cerr << "fit: " << data.keys.size() << " features (" << p.feature_count() << " trained) written to "
              << output << " in " << Seconds(start) << " s\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "clusters") return Clusters(argc, argv);
    if (command == "bench") return Bench(argc, argv);
    if (command == "cv" || command == "fit" || command == "eval") return Train(command, argc, argv);
    std::cerr << kUsage;
    return command == "--help" || command == "-h" ? 0 : 2;
  } catch (const po::error& e) {
    std::cerr << "warta-train: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "warta-train: " << e.what() << "\n";
    return 2;
  }
}
