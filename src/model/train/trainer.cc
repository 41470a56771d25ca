#include "model/train/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace warta::model::train {

namespace {

std::string Percent(uint64_t num, uint64_t den) {
  char b[16];
  std::snprintf(b, sizeof b, "%6.2f", den ? 100.0 * double(num) / double(den) : 0.0);
  return b;
}

std::string F1(uint64_t tp, uint64_t pred, uint64_t gold) {
  char b[16];
  const double f = pred + gold ? 200.0 * double(tp) / double(pred + gold) : 0.0;
  std::snprintf(b, sizeof b, "%6.2f", f);
  return b;
}

}  // namespace

void Evaluate(const Tagger& tagger, const std::vector<const Item*>& items, Evaluation& out, std::string* dump,
              bool anchored) {
  std::vector<WordView> words;
  std::vector<ScoredSpan> spans;
  const float scale = tagger.model().scale();
  static const char* kTypeNames[] = {"PER", "LOC", "ORG"};
  auto text_of = [](const Item& item, uint32_t a, uint32_t b) {
    std::string t;
    for (uint32_t k = a; k < b; ++k) t += (k > a ? " " : "") + item.forms[k];
    return t;
  };
  for (const Item* item : items) {
    std::set<std::tuple<int, uint32_t, uint32_t>> predicted;
    Counts& c = out.sets[item->set];
    std::set<std::tuple<int, uint32_t, uint32_t>> gold;
    for (const LabelSpan& g : item->gold) {
      gold.emplace(int(g.type), g.first, g.end);
      ++c.gold[int(g.type)];
    }
    for (const Range& r : item->sentences) {
      words.clear();
      for (uint32_t t = r.first; t < r.end; ++t) words.push_back({item->forms[t], item->kinds[t]});
      tagger.Tag(words.data(), words.size(), spans, anchored);
      for (const ScoredSpan& s : spans) {
        const int type = int(s.span.type);
        const bool right = gold.count({type, r.first + s.span.first, r.first + s.span.end}) > 0;
        ++c.pred[type];
        c.tp[type] += right;
        out.margins.emplace_back(double(s.margin) / scale, uint8_t(right));
        out.scores.emplace_back(s.score, uint8_t(right));
        predicted.emplace(type, r.first + s.span.first, r.first + s.span.end);
      }
    }
    if (dump && predicted != gold) {
      *dump += "## " + std::string(SetName(item->set)) + "#" + std::to_string(item->index + 1) + "  " +
               item->text + "\n";
      for (const auto& [t, a, b] : gold)
        if (!predicted.count({t, a, b}))
          *dump += std::string("  FN ") + kTypeNames[t] + " " + text_of(*item, a, b) + "\n";
      for (const auto& [t, a, b] : predicted)
        if (!gold.count({t, a, b}))
          *dump += std::string("  FP ") + kTypeNames[t] + " " + text_of(*item, a, b) + "\n";
    }
  }
}

double MicroF1(const Counts& c) {
  uint64_t tp = 0, pred = 0, gold = 0;
  for (int t = 0; t < kTypes; ++t) tp += c.tp[t], pred += c.pred[t], gold += c.gold[t];
  return pred + gold ? 200.0 * double(tp) / double(pred + gold) : 0.0;
}

std::string FormatEvaluation(const Evaluation& e) {
  static const char* kTypeNames[] = {"PER", "LOC", "ORG"};
  std::string out = "set      type   gold   pred     tp       P       R      F1\n";
  for (int s = 0; s < kSetCount; ++s) {
    const Counts& c = e.sets[s];
    uint64_t tp = 0, pred = 0, gold = 0;
    for (int t = 0; t < kTypes; ++t) tp += c.tp[t], pred += c.pred[t], gold += c.gold[t];
    if (gold == 0 && pred == 0) continue;
    char line[160];
    for (int t = 0; t <= kTypes; ++t) {
      const bool micro = t == kTypes;
      const uint64_t g = micro ? gold : c.gold[t], p = micro ? pred : c.pred[t], k = micro ? tp : c.tp[t];
      std::snprintf(line, sizeof line, "%-8s %-5s %6llu %6llu %6llu  %s  %s  %s\n",
                    std::string(SetName(SetId(s))).c_str(), micro ? "micro" : kTypeNames[t],
                    (unsigned long long)g, (unsigned long long)p, (unsigned long long)k,
                    Percent(k, p).c_str(), Percent(k, g).c_str(), F1(k, p, g).c_str());
      out += line;
    }
  }
  if (!e.scores.empty()) {
    out += "score band   spans  mean score  right\n";
    const float bands[] = {0.f, 0.3f, 0.5f, 0.7f, 0.9f, 1.01f};
    for (int b = 0; b < 5; ++b) {
      uint64_t n = 0, right = 0;
      double sum = 0;
      for (const auto& [score, ok] : e.scores)
        if (score >= bands[b] && score < bands[b + 1]) ++n, right += ok, sum += score;
      char line[120];
      std::snprintf(line, sizeof line, "%.1f-%.1f   %7llu      %6.3f  %s\n", bands[b],
                    std::min(1.f, bands[b + 1]), (unsigned long long)n, n ? sum / double(n) : 0.0,
                    Percent(right, n).c_str());
      out += line;
    }
  }
  return out;
}

std::pair<float, float> FitCalibration(const std::vector<std::pair<double, uint8_t>>& margins) {
  if (margins.empty()) return {1.f, 0.f};
  // Newton's method from a = b = 0 on margins scaled to mean 1 (a well-conditioned start),
  // with step halving whenever the log-loss would grow, and a small ridge on a.
  double scale = 0;
  for (const auto& m : margins) scale += std::fabs(m.first);
  scale = scale > 0 ? scale / double(margins.size()) : 1.0;
  auto loss = [&](double a, double b) {
    double l = 1e-3 * a * a;
    for (const auto& [x, y] : margins) {
      const double z = a * x / scale + b;
      l += (y ? std::log1p(std::exp(-z)) : std::log1p(std::exp(z)));
    }
    return l;
  };
  double a = 0, b = 0, current = loss(a, b);
  for (int it = 0; it < 50; ++it) {
    double ga = 2e-3 * a, gb = 0, haa = 2e-3, hab = 0, hbb = 1e-9;
    for (const auto& [x0, y] : margins) {
      const double x = x0 / scale;
      const double p = 1.0 / (1.0 + std::exp(-(a * x + b)));
      const double r = p - y, w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    double step = 1;
    while (step > 1e-6 && !(loss(a - step * da, b - step * db) <= current)) step /= 2;
    if (step <= 1e-6) break;
    a -= step * da;
    b -= step * db;
    const double next = loss(a, b);
    const bool done = current - next < 1e-10 * std::max(1.0, current);
    current = next;
    if (done) break;
  }
  return {float(a / scale), float(b)};
}

std::vector<uint8_t> AssignFolds(const std::vector<Item>& items, int folds) {
  std::array<uint32_t, kSetCount> total{};
  for (const Item& item : items) ++total[item.set];
  std::unordered_map<std::string, uint8_t> fold_of_text;
  std::vector<uint8_t> fold(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    const uint8_t own = uint8_t(uint64_t(item.index) * folds / std::max<uint32_t>(1, total[item.set]));
    auto [it, fresh] = fold_of_text.try_emplace(item.key, own);
    fold[i] = item.key.size() >= 10 ? it->second : own;
  }
  return fold;
}

Evaluation CrossValidate(const std::vector<Item>& items, const FeatureExtractor& extractor,
                         const WordFacts& facts, const ClusterArrays* clusters, const TrainOptions& options,
                         int folds, int threads, std::ostream* log, std::string* dump,
                         std::vector<ModelData>* fold_models) {
  const std::vector<uint8_t> fold = AssignFolds(items, folds);
  if (fold_models) fold_models->assign(size_t(folds), ModelData());
  std::vector<Evaluation> results(folds);
  std::vector<std::string> dumps(folds);
  auto run = [&](int k) {
    std::vector<const Item*> train, test;
    for (size_t i = 0; i < items.size(); ++i) (fold[i] == k ? test : train).push_back(&items[i]);
    Perceptron p(extractor, options);
    p.Train(train);
    ModelData data = p.Export(clusters, 1.f, 0.f);
    const Model model(SerializeModel(data), "fold " + std::to_string(k + 1));
    if (fold_models) (*fold_models)[size_t(k)] = std::move(data);
    const Tagger tagger(model, facts);
    Evaluate(tagger, test, results[k], dump ? &dumps[k] : nullptr);
  };
  for (int first = 0; first < folds; first += std::max(1, threads)) {
    std::vector<std::thread> pool;
    for (int k = first; k < folds && k < first + std::max(1, threads); ++k) pool.emplace_back(run, k);
    for (auto& t : pool) t.join();
    if (log)
      *log << "cv: folds " << first + 1 << "-" << std::min(folds, first + std::max(1, threads)) << " of "
           << folds << " done\n";
  }
  Evaluation all;
  for (const Evaluation& r : results) all.Add(r);
  if (dump)
    for (const std::string& d : dumps) *dump += d;
  return all;
}

}  // namespace warta::model::train
