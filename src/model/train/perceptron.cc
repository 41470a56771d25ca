#include "model/train/perceptron.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "model/hash.h"

namespace warta::model::train {

namespace {
constexpr float kNever = -std::numeric_limits<float>::infinity();
}

uint64_t SetCopyKey(uint64_t key, SetId set) {
  return Mix(key ^ (0x736574ull + uint64_t(set) * 0x100000001ull)) | 1;
}

Perceptron::Perceptron(const FeatureExtractor& extractor, const TrainOptions& options)
    : extractor_(extractor), options_(options), labels_(options.scheme), L_(labels_.count()) {}

float Perceptron::Transition(SetId set, int from, int to) const {
  const size_t per = size_t(L_ + 1) * L_ + L_;
  const size_t at = size_t(from < 0 ? L_ : from) * L_ + to;
  float t = tw_[at];
  if (options_.augment) t += tw_[per * (1 + set) + at];
  return t;
}

void Perceptron::Extract(const std::vector<const Item*>& items, std::vector<Unit>& units) {
  // Pass 1: every unit's keys, and how often each key (shared or a set's copy) occurs.
  struct Pending {
    SetId set;
    std::vector<uint64_t> keys;
    std::vector<uint32_t> offsets;
    std::vector<int> gold;
  };
  std::vector<Pending> pending;
  std::unordered_map<uint64_t, FeatureRef> ref_of;  // training key → feature
  std::vector<FeatureRef> refs;
  std::unordered_map<uint64_t, uint32_t> count;
  std::vector<WordInfo> infos;
  std::vector<WordClasses> classes;
  std::vector<LabelSpan> spans;
  for (const Item* item : items) {
    for (const Range& r : item->units) {
      Pending p;
      p.set = item->set;
      const size_t n = r.end - r.first;
      infos.resize(n);
      classes.resize(n);
      for (size_t k = 0; k < n; ++k) {
        extractor_.Analyze({item->forms[r.first + k], item->kinds[r.first + k]}, infos[k]);
        classes[k] = infos[k].classes;
      }
      for (size_t k = 0; k < n; ++k) {
        p.offsets.push_back(uint32_t(p.keys.size()));
        refs.clear();
        extractor_.TokenFeatures(infos.data(), classes.data(), n, k, refs);
        for (const FeatureRef& f : refs) {
          const uint64_t key = TrainingKey(f);
          p.keys.push_back(key);
          ref_of.emplace(key, f);
          ++count[key];
          if (options_.augment) ++count[SetCopyKey(key, item->set)];
        }
      }
      p.offsets.push_back(uint32_t(p.keys.size()));
      spans.clear();
      for (const LabelSpan& s : item->gold)
        if (s.first >= r.first && s.end <= r.end)
          spans.push_back({s.type, s.first - r.first, s.end - r.first});
      labels_.Encode(spans, uint32_t(n), p.gold);
      pending.push_back(std::move(p));
    }
  }
  // Pass 2: ids, in order of first occurrence, for the keys seen often enough.
  auto id_for = [&](uint64_t key, uint8_t domain) -> int64_t {
    auto it = id_of_.find(key);
    if (it != id_of_.end()) return it->second;
    if (count[key] < options_.min_count) return -1;
    const uint32_t id = uint32_t(keys_.size());
    id_of_.emplace(key, id);
    keys_.push_back(key);
    domains_.push_back(domain);
    refs_.push_back(domain == 0 ? ref_of.at(key) : FeatureRef{0, 0});
    return id;
  };
  units.clear();
  units.reserve(pending.size());
  for (Pending& p : pending) {
    Unit u;
    u.set = p.set;
    u.gold = std::move(p.gold);
    for (size_t t = 0; t + 1 < p.offsets.size(); ++t) {
      u.offsets.push_back(uint32_t(u.ids.size()));
      for (uint32_t j = p.offsets[t]; j < p.offsets[t + 1]; ++j) {
        const int64_t id = id_for(p.keys[j], 0);
        if (id >= 0) u.ids.push_back(uint32_t(id));
        if (options_.augment) {
          const int64_t copy = id_for(SetCopyKey(p.keys[j], p.set), uint8_t(1 + p.set));
          if (copy >= 0) u.ids.push_back(uint32_t(copy));
        }
      }
    }
    u.offsets.push_back(uint32_t(u.ids.size()));
    p = Pending();
    units.push_back(std::move(u));
  }
}

void Perceptron::Decode(const Unit& u, std::vector<int>& labels, std::vector<float>& scores) const {
  const size_t n = u.gold.size();
  labels.assign(n, 0);
  if (n == 0) return;
  scores.assign(n * L_, 0.f);
  for (size_t t = 0; t < n; ++t)
    for (uint32_t j = u.offsets[t]; j < u.offsets[t + 1]; ++j) {
      const float* row = &w_[size_t(u.ids[j]) * L_];
      for (int l = 0; l < L_; ++l) scores[t * L_ + l] += row[l];
    }
  std::vector<float> delta(n * L_, kNever);
  std::vector<uint8_t> back(n * L_, 0);
  for (int y = 0; y < L_; ++y)
    if (labels_.Allowed(-1, y)) delta[y] = Transition(u.set, -1, y) + scores[y];
  for (size_t t = 1; t < n; ++t) {
    for (int y = 0; y < L_; ++y) {
      float best = kNever;
      int arg = 0;
      for (int s = 0; s < L_; ++s) {
        if (!labels_.Allowed(s, y) || delta[(t - 1) * L_ + s] == kNever) continue;
        const float v = delta[(t - 1) * L_ + s] + Transition(u.set, s, y);
        if (v > best) {
          best = v;
          arg = s;
        }
      }
      delta[t * L_ + y] = best == kNever ? kNever : best + scores[t * L_ + y];
      back[t * L_ + y] = uint8_t(arg);
    }
  }
  const size_t per = size_t(L_ + 1) * L_ + L_;
  float best = kNever;
  int arg = 0;
  for (int y = 0; y < L_; ++y) {
    if (!labels_.AllowedEnd(y) || delta[(n - 1) * L_ + y] == kNever) continue;
    float e = tw_[size_t(L_ + 1) * L_ + y];
    if (options_.augment) e += tw_[per * (1 + u.set) + size_t(L_ + 1) * L_ + y];
    const float v = delta[(n - 1) * L_ + y] + e;
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  labels[n - 1] = arg;
  for (size_t t = n - 1; t > 0; --t) labels[t - 1] = back[t * L_ + labels[t]];
}

void Perceptron::Update(uint32_t id, int label, float delta) {
  const size_t at = size_t(id) * L_ + label;
  w_[at] += delta;
  u_[at] += c_ * delta;
}

void Perceptron::Train(const std::vector<const Item*>& items) {
  id_of_.clear();
  keys_.clear();
  domains_.clear();
  refs_.clear();
  std::vector<Unit> units;
  Extract(items, units);
  w_.assign(keys_.size() * L_, 0.f);
  u_.assign(keys_.size() * L_, 0.0);
  const size_t per = size_t(L_ + 1) * L_ + L_;
  tw_.assign(per * (1 + kSetCount), 0.f);
  tu_.assign(tw_.size(), 0.0);
  c_ = 1;
  auto update_transition = [&](SetId set, size_t at, float delta) {
    for (size_t domain : {size_t(0), size_t(1 + set)}) {
      if (domain > 0 && !options_.augment) break;
      const float step = domain > 0 ? delta * options_.set_rate : delta;
      tw_[per * domain + at] += step;
      tu_[per * domain + at] += c_ * step;
    }
  };

  Random random(options_.seed);
  std::vector<uint32_t> order(units.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<int> pred;
  std::vector<float> scores;
  for (int epoch = 0; epoch < options_.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.Below(i)]);
    for (uint32_t k : order) {
      const Unit& u = units[k];
      const size_t n = u.gold.size();
      if (n == 0) continue;
      Decode(u, pred, scores);
      if (pred != u.gold) {
        for (size_t t = 0; t < n; ++t) {
          const int g = u.gold[t], p = pred[t];
          if (g != p) {
            for (uint32_t j = u.offsets[t]; j < u.offsets[t + 1]; ++j) {
              const float rate = Rate(u.ids[j]);
              Update(u.ids[j], g, rate);
              Update(u.ids[j], p, -rate);
            }
          }
          const int gp = t ? u.gold[t - 1] : -1, pp = t ? pred[t - 1] : -1;
          if (gp != pp || g != p) {
            update_transition(u.set, size_t(gp < 0 ? L_ : gp) * L_ + g, 1.f);
            update_transition(u.set, size_t(pp < 0 ? L_ : pp) * L_ + p, -1.f);
          }
        }
        if (u.gold.back() != pred.back()) {
          update_transition(u.set, size_t(L_ + 1) * L_ + u.gold.back(), 1.f);
          update_transition(u.set, size_t(L_ + 1) * L_ + pred.back(), -1.f);
        }
      }
      c_ += 1;
    }
  }
  // Averaged: w - u / c, in place.
  for (size_t i = 0; i < w_.size(); ++i) w_[i] = float(double(w_[i]) - u_[i] / c_);
  for (size_t i = 0; i < tw_.size(); ++i) tw_[i] = float(double(tw_[i]) - tu_[i] / c_);
  u_.clear();
  u_.shrink_to_fit();
}

ModelData Perceptron::Export(const ClusterArrays* clusters, float calib_a, float calib_b) const {
  ModelData d;
  d.config = extractor_.config();
  d.scheme = options_.scheme;
  d.clusters = clusters;
  d.calib_a = calib_a;
  d.calib_b = calib_b;
  // The sets whose copies are added to the shared weights, and with what weight.
  std::vector<SetId> added;
  if (options_.augment && options_.runtime_set >= 0) added.push_back(SetId(options_.runtime_set));
  const float share = added.empty() ? 0.f : 1.f / float(added.size());
  // The runtime weights of each shared feature, in id order.
  std::vector<FeatureRef> refs;
  std::vector<float> rows;
  for (uint32_t id = 0; id < keys_.size(); ++id) {
    if (domains_[id] != 0) continue;
    refs.push_back(refs_[id]);
    for (int l = 0; l < L_; ++l) rows.push_back(w_[size_t(id) * L_ + l]);
    for (SetId set : added) {
      auto it = id_of_.find(SetCopyKey(keys_[id], set));
      if (it != id_of_.end())
        for (int l = 0; l < L_; ++l) rows[rows.size() - L_ + l] += share * w_[size_t(it->second) * L_ + l];
    }
  }
  const size_t per = size_t(L_ + 1) * L_ + L_;
  std::vector<float> trans(tw_.begin(), tw_.begin() + per);
  for (SetId set : added)
    for (size_t i = 0; i < per; ++i) trans[i] += share * tw_[per * (1 + set) + i];

  float top = 1e-6f;
  for (float v : rows) top = std::max(top, std::fabs(v));
  d.scale = 32767.f / top;
  // Quantised rows, grouped by feature key (in order of first id), rows in position order.
  std::unordered_map<uint64_t, size_t> group_of;
  std::vector<uint64_t> group_keys;
  std::vector<std::array<int16_t, kRoles * kMaxLabels>> group_rows;
  std::vector<uint8_t> group_positions;
  for (size_t r = 0; r < refs.size(); ++r) {
    int16_t q[kMaxLabels];
    bool any = false;
    for (int l = 0; l < L_; ++l) {
      const long v = std::lround(double(rows[r * L_ + l]) * d.scale);
      q[l] = int16_t(std::clamp(v, -32767L, 32767L));
      any |= q[l] != 0;
    }
    if (!any) continue;
    auto [it, fresh] = group_of.try_emplace(refs[r].group, group_keys.size());
    if (fresh) {
      group_keys.push_back(refs[r].group);
      group_rows.emplace_back();
      group_positions.push_back(0);
    }
    const int position = refs[r].r + kWindow;
    group_positions[it->second] |= uint8_t(1u << position);
    std::copy(q, q + L_, group_rows[it->second].begin() + position * kMaxLabels);
  }
  for (size_t g = 0; g < group_keys.size(); ++g) {
    d.keys.push_back(group_keys[g]);
    d.positions.push_back(group_positions[g]);
    for (int position = 0; position < kRoles; ++position)
      if (group_positions[g] >> position & 1) {
        const int16_t* q = group_rows[g].data() + position * kMaxLabels;
        d.weights.insert(d.weights.end(), q, q + L_);
      }
  }
  for (size_t i = 0; i < size_t(L_ + 1) * L_; ++i)
    d.transitions.push_back(int32_t(std::lround(double(trans[i]) * d.scale)));
  for (int y = 0; y < L_; ++y)
    d.end.push_back(int32_t(std::lround(double(trans[size_t(L_ + 1) * L_ + y]) * d.scale)));
  return d;
}

}  // namespace warta::model::train
