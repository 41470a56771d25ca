#include "model/train/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <ostream>
#include <thread>
#include <unordered_map>

#include "error.h"
#include "input/reader.h"
#include "model/hash.h"
#include "model/train/perceptron.h"
#include "model/word_facts.h"
#include "text/chars.h"

namespace warta::model::train {

namespace {

constexpr uint32_t kBoundary = std::numeric_limits<uint32_t>::max();

// x·y over n floats in a fixed order: eight running sums (lanes the compiler may keep in
// vector registers without reordering anything), added up in a fixed order at the end.
float Dot(const float* x, const float* y, int n) {
  float lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) lane[k] += x[i + k] * y[i + k];
  float sum = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
  for (; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

// Runs f(begin, end) over [0, n) split into `threads` contiguous parts.
template <typename F>
void Parallel(size_t n, int threads, F f) {
  if (threads <= 1 || n < 1024) {
    f(size_t(0), n);
    return;
  }
  std::vector<std::thread> pool;
  const size_t part = (n + threads - 1) / threads;
  for (int t = 0; t < threads; ++t) {
    const size_t a = std::min(n, part * t), b = std::min(n, part * (t + 1));
    pool.emplace_back([=] { f(a, b); });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

std::vector<ClusteredWord> LearnClusters(const Pipeline& tokenizer, const std::string& corpus,
                                         const ClusterOptions& options, std::ostream* log) {
  // 1. The corpus as a stream of form ids, sentences separated by kBoundary.
  std::ifstream in(corpus, std::ios::binary);
  if (!in) throw Error(corpus + ": cannot read the corpus");
  std::unordered_map<std::string, uint32_t> id_of;
  std::vector<std::string> forms;
  std::vector<uint64_t> counts;
  std::vector<uint32_t> stream{kBoundary};
  Document doc;
  // Per lower-case form: words written after another word, and of those, capitalised.
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> casing;
  std::string line, lower;
  size_t line_no = 0, documents = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    doc.Reset();
    const std::string where = corpus + ":" + std::to_string(line_no);
    ParseJsonlLine(line, where, where, doc);
    if (doc.error) throw Error(doc.error->message);
    tokenizer.Run(doc);
    ++documents;
    for (const Sentence& s : doc.sentences) {
      for (uint32_t t = s.first_token; t < s.end_token; ++t) {
        const std::string_view form = doc.Norm(doc.tokens[t]);
        auto [it, fresh] = id_of.try_emplace(std::string(form), uint32_t(forms.size()));
        if (fresh) {
          forms.emplace_back(form);
          counts.push_back(0);
        }
        ++counts[it->second];
        stream.push_back(it->second);
        if (t > s.first_token && doc.tokens[t].kind == TokenKind::kWord &&
            doc.tokens[t - 1].kind == TokenKind::kWord) {
          LowerWord(form, lower);
          auto& c = casing[lower];
          ++c.first;
          c.second += chars::IsUpper(utf8::DecodeAt(form, 0).cp);
        }
      }
      stream.push_back(kBoundary);
    }
  }
  if (log)
    *log << "clusters: " << documents << " documents, " << stream.size() << " tokens, " << forms.size()
         << " forms\n";

  // 2. The vocabulary (most frequent first, then byte order) and the context words.
  std::vector<uint32_t> order(forms.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : forms[a] < forms[b];
  });
  std::vector<uint32_t> vocab;  // form ids
  // '#' would open a comment line in clusters.tsv (lexicon format).
  for (uint32_t f : order)
    if (vocab.size() < options.words && counts[f] >= options.min_count && forms[f][0] != '#')
      vocab.push_back(f);
  const uint32_t C = uint32_t(std::min(options.contexts, vocab.size()));
  std::vector<int32_t> word_of(forms.size(), -1), context_of(forms.size(), int32_t(C));  // C: other
  for (uint32_t v = 0; v < vocab.size(); ++v) word_of[vocab[v]] = int32_t(v);
  for (uint32_t c = 0; c < C; ++c) context_of[vocab[c]] = int32_t(c);
  const uint32_t S = 2 * (C + 2);  // left contexts, then right; C other, C+1 boundary
  auto context = [&](uint32_t id) { return id == kBoundary ? C + 1 : uint32_t(context_of[id]); };

  // 3. Co-occurrence counts as sorted (word, context) codes, then rows.
  std::vector<uint32_t> codes;
  for (size_t p = 1; p + 1 < stream.size(); ++p) {
    if (stream[p] == kBoundary || word_of[stream[p]] < 0) continue;
    const uint32_t base = uint32_t(word_of[stream[p]]) * S;
    codes.push_back(base + context(stream[p - 1]));
    codes.push_back(base + (C + 2) + context(stream[p + 1]));
  }
  std::vector<uint32_t>().swap(stream);
  std::sort(codes.begin(), codes.end());
  const uint32_t V = uint32_t(vocab.size());
  const int D = options.dims;
  // 4. Hellinger rows projected by a fixed random ±1 matrix.
  std::vector<int8_t> sign(size_t(S) * D);
  for (size_t i = 0; i < sign.size(); ++i)
    sign[i] = (Mix(options.seed ^ (i * 0x9E3779B97F4A7C15ull)) & 1) ? 1 : -1;
  std::vector<float> x(size_t(V) * D, 0.f);
  for (size_t i = 0; i < codes.size();) {
    const uint32_t v = codes[i] / S;
    size_t row_end = i;
    uint64_t total = 0;
    while (row_end < codes.size() && codes[row_end] / S == v) ++row_end, ++total;
    std::vector<double> acc(D, 0.0);
    for (size_t j = i; j < row_end;) {
      size_t k = j;
      while (k < row_end && codes[k] == codes[j]) ++k;
      const double value = std::sqrt(double(k - j) / double(total));
      const int8_t* r = &sign[size_t(codes[j] % S) * D];
      for (int d = 0; d < D; ++d) acc[d] += value * r[d];
      j = k;
    }
    for (int d = 0; d < D; ++d) x[size_t(v) * D + d] = float(acc[d]);
    i = row_end;
  }
  std::vector<uint32_t>().swap(codes);
  std::vector<float> norm2(V);
  for (uint32_t v = 0; v < V; ++v) norm2[v] = Dot(&x[size_t(v) * D], &x[size_t(v) * D], D);
  if (log) *log << "clusters: " << V << " words, " << C << " context words, " << D << " dimensions\n";

  // 5. k-means++ seeding.
  const uint32_t K = uint32_t(std::min<size_t>(options.clusters, V));
  Random random(options.seed);
  std::vector<float> centers(size_t(K) * D);
  std::vector<double> nearest(V, std::numeric_limits<double>::infinity());
  auto distance = [&](uint32_t v, const float* c, float c2) {
    return double(norm2[v]) - 2.0 * Dot(&x[size_t(v) * D], c, D) + c2;
  };
  uint32_t pick = uint32_t(random.Below(V));
  for (uint32_t k = 0; k < K; ++k) {
    std::copy_n(&x[size_t(pick) * D], D, &centers[size_t(k) * D]);
    const float c2 = norm2[pick];
    Parallel(V, options.threads, [&](size_t a, size_t b) {
      for (size_t v = a; v < b; ++v)
        nearest[v] = std::min(nearest[v], std::max(0.0, distance(uint32_t(v), &centers[size_t(k) * D], c2)));
    });
    double sum = 0;
    for (double d : nearest) sum += d;
    double target = random.Unit() * sum;
    pick = V - 1;
    for (uint32_t v = 0; v < V; ++v) {
      target -= nearest[v];
      if (target < 0) {
        pick = v;
        break;
      }
    }
  }

  // 6. Lloyd iterations.
  std::vector<uint32_t> assign(V, 0);
  std::vector<double> best_d(V, 0);
  std::vector<float> c2(K);
  for (int it = 0; it < options.iterations; ++it) {
    for (uint32_t k = 0; k < K; ++k) c2[k] = Dot(&centers[size_t(k) * D], &centers[size_t(k) * D], D);
    const std::vector<uint32_t> before = assign;
    Parallel(V, options.threads, [&](size_t a, size_t b) {
      for (size_t v = a; v < b; ++v) {
        uint32_t arg = 0;
        double best = std::numeric_limits<double>::infinity();
        for (uint32_t k = 0; k < K; ++k) {
          const double d = distance(uint32_t(v), &centers[size_t(k) * D], c2[k]);
          if (d < best) {
            best = d;
            arg = k;
          }
        }
        assign[v] = arg;
        best_d[v] = best;
      }
    });
    size_t changed = 0;
    for (uint32_t v = 0; v < V; ++v) changed += assign[v] != before[v];
    // New centres: sums in word order.
    std::vector<double> sum(size_t(K) * D, 0.0);
    std::vector<uint32_t> size(K, 0);
    for (uint32_t v = 0; v < V; ++v) {
      ++size[assign[v]];
      for (int d = 0; d < D; ++d) sum[size_t(assign[v]) * D + d] += x[size_t(v) * D + d];
    }
    for (uint32_t k = 0; k < K; ++k) {
      if (size[k] == 0) {
        // An empty cluster takes the word farthest from its centre.
        uint32_t far = 0;
        for (uint32_t v = 1; v < V; ++v)
          if (best_d[v] > best_d[far]) far = v;
        std::copy_n(&x[size_t(far) * D], D, &centers[size_t(k) * D]);
        best_d[far] = 0;
        continue;
      }
      for (int d = 0; d < D; ++d) centers[size_t(k) * D + d] = float(sum[size_t(k) * D + d] / size[k]);
    }
    double inertia = 0;
    for (double d : best_d) inertia += d;
    if (log)
      *log << "clusters: iteration " << it + 1 << ", " << changed << " words moved, inertia " << inertia
           << "\n";
    if (changed == 0) break;
  }

  // 7. Ward's tree over the centres: nodes 0 … K-1 are the clusters, K … 2K-2 the merges.
  std::vector<uint32_t> members(K, 0);
  for (uint32_t v = 0; v < V; ++v) ++members[assign[v]];
  std::vector<std::vector<double>> mean(K);
  std::vector<double> weight(K), low(K);  // low: the node's lowest cluster number
  for (uint32_t k = 0; k < K; ++k) {
    mean[k].assign(&centers[size_t(k) * D], &centers[size_t(k) * D] + D);
    weight[k] = std::max<uint32_t>(1, members[k]);
    low[k] = k;
  }
  std::vector<std::pair<uint32_t, uint32_t>> children(K);  // of node K + m
  std::vector<uint32_t> active(K);
  for (uint32_t k = 0; k < K; ++k) active[k] = k;
  auto ward = [&](uint32_t a, uint32_t b) {
    double s = 0;
    for (int d = 0; d < D; ++d) s += (mean[a][d] - mean[b][d]) * (mean[a][d] - mean[b][d]);
    return weight[a] * weight[b] / (weight[a] + weight[b]) * s;
  };
  std::vector<std::vector<double>> cost(2 * K);
  for (uint32_t a = 0; a < K; ++a) {
    cost[a].assign(2 * K, 0.0);
    for (uint32_t b = 0; b < a; ++b) cost[a][b] = ward(a, b);
  }
  children.clear();
  while (active.size() > 1) {
    size_t bi = 0, bj = 1;
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < active.size(); ++i)
      for (size_t j = i + 1; j < active.size(); ++j) {
        const uint32_t a = active[i], b = active[j];
        const double c = a > b ? cost[a][b] : cost[b][a];
        if (c < best) {
          best = c;
          bi = i;
          bj = j;
        }
      }
    uint32_t a = active[bi], b = active[bj];
    if (low[b] < low[a]) std::swap(a, b);
    const uint32_t node = uint32_t(mean.size());
    mean.emplace_back(D);
    for (int d = 0; d < D; ++d)
      mean[node][d] = (mean[a][d] * weight[a] + mean[b][d] * weight[b]) / (weight[a] + weight[b]);
    weight.push_back(weight[a] + weight[b]);
    low.push_back(std::min(low[a], low[b]));
    children.emplace_back(a, b);
    active.erase(active.begin() + std::max(bi, bj));
    active.erase(active.begin() + std::min(bi, bj));
    cost[node].assign(2 * K, 0.0);
    for (uint32_t other : active) cost[node][other] = ward(node, other);
    active.push_back(node);
  }
  std::vector<std::string> path(mean.size());
  for (uint32_t node = uint32_t(mean.size()); node-- > K;) {
    const auto [a, b] = children[node - K];
    path[a] = path[node] + '0';
    path[b] = path[node] + '1';
  }

  std::vector<ClusteredWord> out;
  for (uint32_t v = 0; v < V; ++v) {
    const uint32_t k = assign[v];
    LowerWord(forms[vocab[v]], lower);
    uint32_t bucket = 0;
    if (auto it = casing.find(lower); it != casing.end() && it->second.first >= 3) {
      const double p = double(it->second.second) / it->second.first;
      bucket = p < 0.02 ? 1 : p < 0.1 ? 2 : p < 0.3 ? 3 : p < 0.7 ? 4 : p < 0.9 ? 5 : p < 0.98 ? 6 : 7;
    }
    out.push_back({forms[vocab[v]], k, path[k].substr(0, 24), bucket, counts[vocab[v]]});
  }
  std::sort(out.begin(), out.end(),
            [](const ClusteredWord& a, const ClusteredWord& b) { return a.form < b.form; });
  return out;
}

}  // namespace warta::model::train
