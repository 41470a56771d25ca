#include "model/tagger.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <limits>
#include <memory>
#include <string>

#include "error.h"
#include "model/hash.h"
#include "text/chars.h"

namespace warta::model {

namespace {

constexpr float kNever = -std::numeric_limits<float>::infinity();
// The floor of renormalised Viterbi scores: keeps every sum an integer below 2^24 (exact).
constexpr float kFloor = -float(1 << 23);

std::atomic<uint64_t> next_tagger_id{1};

inline void AddLanes(float* into, const float* from) {
#if defined(__SSE2__)
  for (int l = 0; l < Tagger::kLanes; l += 4)
    _mm_storeu_ps(into + l, _mm_add_ps(_mm_loadu_ps(into + l), _mm_loadu_ps(from + l)));
#else
  for (int l = 0; l < Tagger::kLanes; ++l) into[l] += from[l];
#endif
}

// The cache key of a word type: its form (its shape for the kinds seen by shape) and token
// kind (the kind changes its features): every feature is a function of the two.
// Hashed as HashBytes is, but the last 1 … 8 bytes are read with fixed-size loads (4 … 8 bytes:
// the first and the last four, overlapping; fewer: the first, middle and last byte), which
// with the length name them exactly. Only the cache uses this key; it is not in the model file.
inline uint64_t CacheHash(std::string_view s, uint64_t seed) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = Mix(seed ^ (uint64_t(n) * 0x9E3779B97F4A7C15ull)), w;
  for (; n > 8; p += 8, n -= 8) {
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w);
  }
  if (n >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    w = head | uint64_t(tail) << 32;
  } else if (n > 0) {
    const auto byte = [&](size_t i) { return uint64_t(static_cast<unsigned char>(p[i])); };
    w = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
  } else {
    w = 0;
  }
  return Mix(h ^ w);
}

inline uint64_t WordKey(const WordView& w) {
  if (ByShape(w.kind)) {
    thread_local std::string shape;
    Shape(w.form, shape);
    return CacheHash(shape, 0x7368617065ull + uint64_t(w.kind)) | 1;
  }
  return CacheHash(w.form, 0x776F7264ull + uint64_t(w.kind)) | 1;
}

// Whether a form holds a capital letter (an anchor of Tag). Eight ASCII bytes at a time: byte
// b (< 0x80) is a capital when b + 0x3F reaches 0x80 ('A' and up) and b + 0x25 does not ('Z'
// and below); neither sum carries into the next byte. A form of 4 … 8 bytes is read as its
// first and last four (overlapping), a shorter one byte by byte: never past its end.
inline bool HasCapital(std::string_view form) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto capitals = [](uint64_t x) {
    return (x + 0x3F3F3F3F3F3F3F3Full) & ~(x + 0x2525252525252525ull) & kHigh;
  };
  const char* p = form.data();
  size_t n = form.size();
  uint64_t x;
  for (; n > 8; p += 8, n -= 8) {
    std::memcpy(&x, p, 8);
    if (x & kHigh) return chars::HasUpper(std::string_view(p, n));
    if (capitals(x)) return true;
  }
  if (n >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    x = head | uint64_t(tail) << 32;
  } else if (n > 0) {
    const auto byte = [&](size_t i) { return uint64_t(static_cast<unsigned char>(p[i])); };
    x = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
  } else {
    return false;
  }
  if (x & kHigh) return chars::HasUpper(std::string_view(p, n));
  return capitals(x) != 0;
}

}  // namespace

// A cached word type's vectors: five cache lines, read whole by CachedScores.
struct alignas(64) Tagger::Entry {
  float v[kRoles][kLanes];
};

// A set of the cache: the keys and classes of its four ways, in one cache line.
struct alignas(64) Tagger::Set {
  uint64_t keys[kWays];  // WordKey; 0 = empty
  WordClasses classes[kWays];
  uint8_t plru;  // tree pseudo-LRU: bit 0 the pair, bits 1, 2 the way in it
};

// The cache keeps its keys apart from the vectors, so that a probe reads one line (a set) from
// a table small enough to stay in the processor's caches (1 MB), and only a hit's vectors are
// read from the large part. The vectors are not initialised: their pages are touched only
// when a word is first stored there. Slot 4k + w is way w of set k.
struct Tagger::Cache {
  uint64_t owner = 0;
  std::vector<Set> sets;             // kCacheSlots / kWays
  struct Free {
    void operator()(Entry* p) const { std::free(p); }
  };
  std::unique_ptr<Entry, Free> entries;  // per slot (kCacheSlots)
  CacheStats stats;
  WordInfo info;
  std::vector<WordInfo> infos;
  std::vector<WordClasses> sentence_classes;
  std::vector<uint64_t> word_keys;
  std::vector<uint32_t> word_slots;
  std::vector<float> scores, alpha;
  std::vector<int> labels;
  std::vector<uint8_t> anchors;  // per word of the sentence: whether it anchors a stretch (Tag)
  std::vector<int64_t> margins;
  std::vector<LabelSpan> spans;
  std::vector<FeatureRef> refs;
};

Tagger::Tagger(const Model& model, const WordFacts& facts)
    : model_(model),
      extractor_(model.config(), facts, model.clusters()),
      L_(model.label_count()),
      id_(next_tagger_id.fetch_add(1)) {
  const Labels& labels = model.labels();
  trans_.assign(size_t(L_ + 1) * L_, kNever);
  for (int from = -1; from < L_; ++from)
    for (int to = 0; to < L_; ++to)
      if (labels.Allowed(from, to)) {
        trans_[size_t(from + 1) * L_ + to] = float(model.Transition(from, to));
        if (from < 0) continue;
        Sources& s = sources_[to];
        s.label[s.count] = uint8_t(from);
        s.weight[s.count] = trans_[size_t(from + 1) * L_ + to];
        ++s.count;
      }
  auto trans = [&](int from, int to) { return trans_[size_t(from + 1) * L_ + to]; };

  // Lanes: labels grouped by the set of their allowed neighbours on one side (BILOU forward:
  // O B U of each type follow the same labels, and I L of one type follow B I of it).
  auto build = [&](Direction& d, bool forward) {
    std::vector<uint32_t> mask(L_, 0);
    for (int y = 0; y < L_; ++y)
      for (int z = 0; z < L_; ++z)
        if (forward ? labels.Allowed(z, y) : labels.Allowed(y, z)) mask[y] |= 1u << z;
    std::vector<bool> placed(L_, false);
    int lane = 0;
    for (int y = 0; y < L_; ++y) {
      if (placed[y]) continue;
      std::vector<int> members;
      for (int z = y; z < L_; ++z)
        if (!placed[z] && mask[z] == mask[y]) members.push_back(z);
      for (size_t chunk = 0; chunk < members.size(); chunk += kGroupLanes) {
        Group g;
        g.first = uint8_t(lane);
        g.count = uint8_t(std::min<size_t>(kGroupLanes, members.size() - chunk));
        for (int z = 0; z < L_; ++z)
          if (mask[y] >> z & 1) g.others.push_back(uint8_t(z));
        for (uint8_t other : g.others)
          for (int j = 0; j < kGroupLanes; ++j) {
            if (j >= g.count) {
              g.rows.push_back(kNever);
              continue;
            }
            const int member = members[chunk + j];
            g.rows.push_back(forward ? trans(other, member) : trans(member, other));
          }
        for (int j = 0; j < g.count; ++j) {
          const int member = members[chunk + j];
          placed[member] = true;
          d.label_of[lane] = uint8_t(member);
          d.lane_of[member] = uint8_t(lane);
          ++lane;
        }
        d.groups.push_back(std::move(g));
      }
    }
  };
  build(forward_, true);
  build(backward_, false);
  for (int y = 0; y < L_; ++y)
    if (forward_.lane_of[y] != y) throw Error(model.path() + ": labels not numbered in lane order");
  // BILOU's inside labels (I and L of each type, lanes 7 … 12) follow B or I of their type: one
  // block of 8 lanes (7 … 14) for the three types, fed by two gathered rows of predecessors.
  const bool bilou = labels.scheme() == Scheme::kBilou && L_ == 13 && forward_.groups.size() == 4 &&
                     forward_.groups[0].first == 0 && forward_.groups[0].count == 7;
  inside_block_ = bilou;
  for (int t = 0; bilou && t < kTypes; ++t) {
    const Group& g = forward_.groups[1 + t];
    const uint8_t b = uint8_t(1 + 2 * t), i = uint8_t(7 + 2 * t);
    if (g.first != i || g.count != 2 || g.others != std::vector<uint8_t>{b, i}) inside_block_ = false;
  }
  for (int j = 0; j < kGroupLanes; ++j) {
    const int t = j / 2, y = 7 + j;
    // (Only BILOU's block has these labels: a smaller label set must not be read past its end.)
    const bool live = inside_block_ && j < 2 * kTypes;
    inside_from_b_[j] = live ? trans(1 + 2 * t, y) : kNever;
    inside_from_i_[j] = live ? trans(7 + 2 * t, y) : kNever;
  }
  // Labels preceded by exactly the even labels (BILOU's O, B, U follow O, U, L): their
  // back-pointer is found among the even lanes of the previous scores at once.
  for (int y = 0; y < L_; ++y) {
    const Sources& src = sources_[y];
    even_sources_[y] = inside_block_ && src.count == 7;
    for (int k = 0; k < src.count && even_sources_[y]; ++k) even_sources_[y] = src.label[k] == 2 * k;
    for (int k = 0; k < 8; ++k) even_weights_[y][k] = even_sources_[y] && k < 7 ? src.weight[k] : kNever;
  }
  // Backwards, B and I of each type (lanes 7 … 12) precede I or L of it: the same block, fed by
  // the gains of I and of L of each lane's type.
  backward_block_ = inside_block_ && backward_.groups.size() == 4 && backward_.groups[0].first == 0 &&
                    backward_.groups[0].count == 7;
  for (int t = 0; backward_block_ && t < kTypes; ++t) {
    const Group& g = backward_.groups[1 + t];
    const uint8_t i = uint8_t(7 + 2 * t), l = uint8_t(8 + 2 * t);
    if (g.first != i || g.count != 2 || g.others != std::vector<uint8_t>{i, l}) backward_block_ = false;
  }
  for (int j = 0; j < kGroupLanes; ++j) {
    const bool live = backward_block_ && j < 2 * kTypes;
    inside_to_i_[j] = live ? backward_.groups[1 + j / 2].rows[j % 2] : kNever;
    inside_to_l_[j] = live ? backward_.groups[1 + j / 2].rows[kGroupLanes + j % 2] : kNever;
  }
  start_.fill(kNever);
  end_.fill(kNever);
  after_o_.fill(kNever);
  before_o_.fill(kNever);
  for (int y = 0; y < L_; ++y) {
    start_[y] = trans(-1, y);
    after_o_[y] = trans(0, y);
    before_o_[y] = trans(y, 0);
    if (labels.AllowedEnd(y)) end_[y] = float(model.End(y));
  }

  const FeatureConfig& config = model.config();
  here_.assign(size_t(kPositions) * kShapeClasses * kCasingBuckets * kLanes, 0.f);
  for (uint8_t tmpl = kTypeTemplates; tmpl < kTemplateCount; ++tmpl) {
    if (!config.roles[tmpl]) continue;
    if (tmpl == kPositionShape || tmpl == kPositionCasing) {
      // Folded into one table over (position, shape, casing) of the token alone.
      for (uint32_t p = 0; p < kPositions; ++p)
        for (uint32_t s = 0; s < kShapeClasses; ++s)
          for (uint32_t c = 0; c < kCasingBuckets; ++c) {
            const uint32_t index = tmpl == kPositionShape ? p * kShapeClasses + s : p * kCasingBuckets + c;
            AddRow(model.Row(ContextKey(tmpl, index), 0),
                   &here_[((size_t(p) * kShapeClasses + s) * kCasingBuckets + c) * kLanes]);
          }
      continue;
    }
    context_templates_.push_back(tmpl);
    context_.emplace_back(size_t(ContextSize(tmpl)) * kLanes, 0.f);
    for (uint32_t i = 0; i < ContextSize(tmpl); ++i)
      AddRow(model.Row(ContextKey(tmpl, i), 0), &context_.back()[size_t(i) * kLanes]);
  }
  Fill(extractor_.Pad(true), pad_before_);
  Fill(extractor_.Pad(false), pad_after_);
}

void Tagger::AddRow(const int16_t* row, float* into) const {
  if (!row) return;
  static_assert(Model::kRowStride == kLanes);
#if defined(__SSE2__)
  // The labels are numbered in lane order (model/labels.h): 16 i16 become 16 f32 in place.
  for (int half = 0; half < 2; ++half) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8 * half));
    const __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16),
                  hi = _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16);
    float* out = into + 8 * half;
    _mm_storeu_ps(out, _mm_add_ps(_mm_loadu_ps(out), _mm_cvtepi32_ps(lo)));
    _mm_storeu_ps(out + 4, _mm_add_ps(_mm_loadu_ps(out + 4), _mm_cvtepi32_ps(hi)));
  }
#else
  for (int l = 0; l < kLanes; ++l) into[l] += float(row[l]);
#endif
}

void Tagger::Fill(const WordInfo& info, float (*v)[kLanes]) const {
  // Summed in i32 (exact, as the f32 sums are: model/tagger.h), converted once at the end.
  alignas(16) int32_t sum[kRoles][kLanes] = {};
  const FeatureConfig& config = model_.config();
  // The features' table slots and then their rows are far apart in the model: each is asked
  // for (prefetched) before any is read, so that the memory reads overlap instead of waiting
  // one after the other. In chunks of kChunk features.
  constexpr size_t kChunk = 64;
  struct Hit {
    uint64_t key;
    uint32_t positions, used;  // the positions the model has rows at; those the config uses
    const int16_t* rows;
  };
  std::array<Hit, kChunk> hits;
  const TypeFeature* features = info.features.data();
  for (size_t done = 0; done < info.features.size(); done += kChunk) {
    const size_t count = std::min(kChunk, info.features.size() - done);
    for (size_t k = 0; k < count; ++k) {
      const TypeFeature& f = features[done + k];
      hits[k].key = GroupKey(f.tmpl, f.value);
      model_.Prefetch(hits[k].key);
    }
    for (size_t k = 0; k < count; ++k) {
      Hit& h = hits[k];
      h.used = 0;
      if (!model_.Find(h.key, h.positions, h.rows)) continue;
      h.used = h.positions & config.roles[features[done + k].tmpl];
      if (h.used) __builtin_prefetch(h.rows);
    }
    for (size_t k = 0; k < count; ++k) {
      const Hit& h = hits[k];
      if (!h.used) continue;
      // Rows follow one another in the order of the feature's positions (used or not).
      const int16_t* rows = h.rows;
      for (uint32_t positions = h.positions; positions; positions &= positions - 1, rows += Model::kRowStride) {
        const int position = std::countr_zero(positions);
        if (!(h.used >> position & 1)) continue;
        int32_t* into = sum[position];
#if defined(__SSE2__)
        for (int half = 0; half < 2; ++half) {
          const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows + 8 * half));
          __m128i* out = reinterpret_cast<__m128i*>(into + 8 * half);
          _mm_store_si128(out,
                          _mm_add_epi32(_mm_load_si128(out), _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16)));
          _mm_store_si128(out + 1, _mm_add_epi32(_mm_load_si128(out + 1),
                                                 _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16)));
        }
#else
        for (int l = 0; l < kLanes; ++l) into[l] += rows[l];
#endif
      }
    }
  }
  for (int r = 0; r < kRoles; ++r)
    for (int l = 0; l < kLanes; ++l) v[r][l] = float(sum[r][l]);
}

Tagger::Cache& Tagger::ThreadCache() const {
  thread_local Cache cache;
  if (cache.owner != id_) {
    cache.owner = id_;
    cache.sets.assign(kCacheSlots / kWays, Set{});
    if (!cache.entries) {
      // In huge pages where the system gives them on request (Linux's transparent huge pages,
      // "madvise"): lookups land anywhere in the 40 MB, and with 4 kB pages nearly each one
      // missed the TLB, and each page's first touch cost a fault.
      constexpr size_t kHuge = size_t(2) << 20, kBytes = size_t(kCacheSlots) * sizeof(Entry);
      static_assert(kBytes % kHuge == 0);
      cache.entries.reset(static_cast<Entry*>(std::aligned_alloc(kHuge, kBytes)));
      if (!cache.entries) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
      madvise(cache.entries.get(), kBytes, MADV_HUGEPAGE);  // a hint: refused, it changes nothing
#endif
    }
    cache.stats = {};
  }
  return cache;
}

Tagger::CacheStats Tagger::Stats() const { return ThreadCache().stats; }

uint32_t Tagger::Lookup(Cache& cache, const WordView& w, uint64_t key) const {
  const uint32_t set = uint32_t(key) & (kCacheSlots / kWays - 1);
  Set& s = cache.sets[set];
  const uint64_t* keys = s.keys;
  uint8_t& plru = s.plru;
  ++cache.stats.lookups;
  int way = 0;
  while (way < kWays && keys[way] != key) ++way;
  if (way == kWays) {
    // Missed: the way the tree points at is replaced (bit 0: the pair, bits 1, 2: the way in it).
    ++cache.stats.misses;
    way = plru & 1 ? 2 + (plru >> 2 & 1) : (plru >> 1 & 1);
    const uint32_t slot = set * kWays + uint32_t(way);
    extractor_.Analyze(w, cache.info);
    s.classes[way] = cache.info.classes;
    Fill(cache.info, cache.entries.get()[slot].v);
    s.keys[way] = key;
  }
  // The tree then points away from the way just used.
  if (way < 2)
    plru = uint8_t((plru & 4) | 1 | (way == 0 ? 2 : 0));
  else
    plru = uint8_t((plru & 2) | (way == 2 ? 4 : 0));
  return set * kWays + uint32_t(way);
}

bool Tagger::IsAnchor(Cache& cache, const WordView* words, size_t k, bool cached) const {
  if (!HasCapital(words[k].form)) return false;
  if (k > 0) return true;
  // A sentence's first word is capitalised whatever it is: it counts only when its lower
  // case is not mostly written in lower case elsewhere (ClusterOf::casing 1, 2: "Menurut").
  uint8_t casing;
  if (cached) {
    const uint32_t slot = Lookup(cache, words[k], WordKey(words[k]));
    casing = cache.sets[slot / kWays].classes[slot % kWays].casing;
  } else {
    extractor_.Analyze(words[k], cache.info);
    casing = cache.info.classes.casing;
  }
  return casing == 0 || casing > 2;
}

void Tagger::CachedScores(const WordView* words, size_t n, size_t a, size_t b, float* scores) const {
  Cache& cache = ThreadCache();
  cache.sentence_classes.resize(n);
  std::memset(scores, 0, (b - a + 2 * kMargin) * kLanes * sizeof(float));
  const size_t from = a > size_t(kWindow) ? a - kWindow : 0, to = std::min(n, b + kWindow);
  // In three passes, so that the memory reads of different words overlap: the words' keys
  // (their sets' keys asked for), their slots (their vectors asked for), the sums.
  cache.word_keys.resize(to - from);
  cache.word_slots.resize(to - from);
  uint64_t* keys = cache.word_keys.data();
  uint32_t* slots = cache.word_slots.data();
  for (size_t j = from; j < to; ++j) {
    keys[j - from] = WordKey(words[j]);
    __builtin_prefetch(&cache.sets[uint32_t(keys[j - from]) & (kCacheSlots / kWays - 1)]);
  }
  for (size_t j = from; j < to; ++j) {
    const uint32_t slot = Lookup(cache, words[j], keys[j - from]);
    slots[j - from] = slot;
    const char* v = reinterpret_cast<const char*>(cache.entries.get()[slot].v);
    for (size_t line = 0; line < sizeof(Entry); line += 64) __builtin_prefetch(v + line);
  }
  for (size_t j = from; j < to; ++j) {
    uint32_t slot = slots[j - from];
    // (A word looked up later in the window may have taken the slot: four misses in one set.)
    if (cache.sets[slot / kWays].keys[slot % kWays] != keys[j - from]) slot = Lookup(cache, words[j], keys[j - from]);
    const Entry& e = cache.entries.get()[slot];
    cache.sentence_classes[j] = cache.sets[slot / kWays].classes[slot % kWays];
    // Word j stands at relative position r of token j - r, whose row is j - r - a + kMargin
    // (rows outside [a, b) are scratch).
    float* row = scores + (j + kMargin - kWindow - a) * kLanes;
    for (int r = kWindow; r >= -kWindow; --r, row += kLanes) AddLanes(row, e.v[r + kWindow]);
  }
  float* s = scores + kMargin * kLanes;
  for (size_t i = a; i < b; ++i, s += kLanes) {
    for (int r = -kWindow; r < 0; ++r)
      if (long(i) + r < 0) AddLanes(s, pad_before_[r + kWindow]);
    for (int r = 1; r <= kWindow; ++r)
      if (i + r >= n) AddLanes(s, pad_after_[r + kWindow]);
  }
  const WordClasses* c = cache.sentence_classes.data();
  const size_t templates = context_templates_.size();
  s = scores + kMargin * kLanes;
  for (size_t i = a; i < b; ++i, s += kLanes) {
    AddLanes(
        s,
        &here_[((size_t(PositionClass(i, n)) * kShapeClasses + c[i].shape) * kCasingBuckets + c[i].casing) *
               kLanes]);
    for (size_t t = 0; t < templates; ++t)
      AddLanes(s, &context_[t][size_t(ContextIndex(context_templates_[t], c, i, n)) * kLanes]);
  }
}

void Tagger::UncachedScores(const WordView* words, size_t n, size_t a, size_t b, float* scores) const {
  Cache& cache = ThreadCache();
  cache.infos.resize(n);
  cache.sentence_classes.resize(n);
  for (size_t j = 0; j < n; ++j) {
    extractor_.Analyze(words[j], cache.infos[j]);
    cache.sentence_classes[j] = cache.infos[j].classes;
  }
  std::memset(scores, 0, (b - a + 2 * kMargin) * kLanes * sizeof(float));
  for (size_t i = a; i < b; ++i) {
    cache.refs.clear();
    extractor_.TokenFeatures(cache.infos.data(), cache.sentence_classes.data(), n, i, cache.refs);
    for (const FeatureRef& f : cache.refs)
      AddRow(model_.Row(f.group, f.r), scores + (i - a + kMargin) * kLanes);
  }
}

void Tagger::Scores(const WordView* words, size_t n, bool cached, std::vector<int32_t>& scores) const {
  std::vector<float> lanes((n + 2 * kMargin) * kLanes);
  if (cached)
    CachedScores(words, n, 0, n, lanes.data());
  else
    UncachedScores(words, n, 0, n, lanes.data());
  scores.assign(n * kLanes, 0);
  for (size_t i = 0; i < n; ++i)
    for (int l = 0; l < L_; ++l)
      scores[i * kLanes + l] = int32_t(lanes[(i + kMargin) * kLanes + forward_.lane_of[l]]);
}

namespace {

// acc[j] = max over the neighbours k of value[k] + rows[k·8 + j], for j < 8.
inline void MaxPlus8(const float* value, const uint8_t* others, size_t count, const float* rows, float* acc) {
#if defined(__SSE2__)
  __m128 a0 = _mm_set1_ps(-std::numeric_limits<float>::infinity()), a1 = a0;
  for (size_t k = 0; k < count; ++k, rows += 8) {
    const __m128 v = _mm_set1_ps(value[others[k]]);
    a0 = _mm_max_ps(a0, _mm_add_ps(v, _mm_loadu_ps(rows)));
    a1 = _mm_max_ps(a1, _mm_add_ps(v, _mm_loadu_ps(rows + 4)));
  }
  _mm_storeu_ps(acc, a0);
  _mm_storeu_ps(acc + 4, a1);
#else
  for (int j = 0; j < 8; ++j) acc[j] = -std::numeric_limits<float>::infinity();
  for (size_t k = 0; k < count; ++k, rows += 8)
    for (int j = 0; j < 8; ++j) acc[j] = std::max(acc[j], value[others[k]] + rows[j]);
#endif
}

// One max-plus step over the transition groups of a direction, in lane order: out[g.first + j]
// = max over g's neighbours k of from[k] + g's row of k at j, plus add[g.first + j] when add is
// given (Viterbi adds the emission scores; the backward pass adds nothing). Each group writes 4
// or 8 lanes from its first: a lane past a group's end is written again by the next group, or
// is a dead lane the caller sets.
template <class Group>
inline void MaxPlusGroups(const std::vector<Group>& groups, const float* from, const float* add, float* out) {
  for (const Group& g : groups) {
    const uint8_t* others = g.others.data();
    const float* rows = g.rows.data();
    const size_t count = g.others.size();
#if defined(__SSE2__)
    __m128 a0 = _mm_set1_ps(kNever), a1 = a0;
    if (g.count > 4) {
      for (size_t k = 0; k < count; ++k, rows += 8) {
        const __m128 v = _mm_set1_ps(from[others[k]]);
        a0 = _mm_max_ps(a0, _mm_add_ps(v, _mm_loadu_ps(rows)));
        a1 = _mm_max_ps(a1, _mm_add_ps(v, _mm_loadu_ps(rows + 4)));
      }
      _mm_storeu_ps(out + g.first + 4, add ? _mm_add_ps(a1, _mm_loadu_ps(add + g.first + 4)) : a1);
    } else {
      for (size_t k = 0; k < count; ++k, rows += 8)
        a0 = _mm_max_ps(a0, _mm_add_ps(_mm_set1_ps(from[others[k]]), _mm_loadu_ps(rows)));
    }
    _mm_storeu_ps(out + g.first, add ? _mm_add_ps(a0, _mm_loadu_ps(add + g.first)) : a0);
#else
    float acc[8];
    MaxPlus8(from, others, count, rows, acc);
    for (int j = 0; j < g.count; ++j) out[g.first + j] = add ? acc[j] + add[g.first + j] : acc[j];
#endif
  }
}

// row[l] = max(row[l] - max(row), kFloor) over the 16 lanes.
inline void RenormalizeRow(float* row) {
#if defined(__SSE2__)
  const __m128 a = _mm_loadu_ps(row), b = _mm_loadu_ps(row + 4), c = _mm_loadu_ps(row + 8),
               d = _mm_loadu_ps(row + 12);
  __m128 m = _mm_max_ps(_mm_max_ps(a, b), _mm_max_ps(c, d));
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
  const __m128 floor = _mm_set1_ps(kFloor);
  _mm_storeu_ps(row, _mm_max_ps(_mm_sub_ps(a, m), floor));
  _mm_storeu_ps(row + 4, _mm_max_ps(_mm_sub_ps(b, m), floor));
  _mm_storeu_ps(row + 8, _mm_max_ps(_mm_sub_ps(c, m), floor));
  _mm_storeu_ps(row + 12, _mm_max_ps(_mm_sub_ps(d, m), floor));
#else
  float top = row[0];
  for (int l = 1; l < Tagger::kLanes; ++l) top = std::max(top, row[l]);
  for (int l = 0; l < Tagger::kLanes; ++l) row[l] = std::max(row[l] - top, kFloor);
#endif
}

}  // namespace

void Tagger::Viterbi(const float* scores, size_t n, const float* first, const float* last_weights,
                     int* labels, float* alpha, bool fast) const {
  // Lanes are labels (the constructor checks it), so alpha rows are read by label. alpha has
  // kGroupLanes floats of slack after its last row, scores kMargin rows.
  for (int l = 0; l < kLanes; ++l) alpha[l] = first[l] + scores[l];
  for (size_t t = 1; t < n; ++t) {
    const float* prev = alpha + (t - 1) * kLanes;
    float* cur = alpha + t * kLanes;
    const float* e = scores + t * kLanes;
#if defined(__SSE2__)
    if (fast && inside_block_) {
      // Lanes 0 … 7 from the first group (lane 7 is written again below), lanes 7 … 14 from B
      // and I of each type: (1 1 3 3 5 5 · ·) and (7 7 9 9 11 11 · ·), · where the
      // transition is -inf.
      const Group& g = forward_.groups[0];
      const uint8_t* others = g.others.data();
      const float* rows = g.rows.data();
      __m128 a0 = _mm_set1_ps(kNever), a1 = a0;
      for (size_t k = 0; k < g.others.size(); ++k, rows += kGroupLanes) {
        const __m128 v = _mm_set1_ps(prev[others[k]]);
        a0 = _mm_max_ps(a0, _mm_add_ps(v, _mm_loadu_ps(rows)));
        a1 = _mm_max_ps(a1, _mm_add_ps(v, _mm_loadu_ps(rows + 4)));
      }
      _mm_storeu_ps(cur, _mm_add_ps(a0, _mm_loadu_ps(e)));
      _mm_storeu_ps(cur + 4, _mm_add_ps(a1, _mm_loadu_ps(e + 4)));
      const __m128 p0 = _mm_loadu_ps(prev), p1 = _mm_loadu_ps(prev + 4), p2 = _mm_loadu_ps(prev + 8);
      const __m128 b_lo = _mm_shuffle_ps(p0, p0, _MM_SHUFFLE(3, 3, 1, 1));
      const __m128 b_hi = _mm_shuffle_ps(p1, p1, _MM_SHUFFLE(1, 1, 1, 1));
      const __m128 i_lo = _mm_shuffle_ps(p1, p2, _MM_SHUFFLE(1, 1, 3, 3));
      const __m128 i_hi = _mm_shuffle_ps(p2, p2, _MM_SHUFFLE(3, 3, 3, 3));
      const __m128 lo = _mm_max_ps(_mm_add_ps(b_lo, _mm_loadu_ps(inside_from_b_.data())),
                                   _mm_add_ps(i_lo, _mm_loadu_ps(inside_from_i_.data())));
      const __m128 hi = _mm_max_ps(_mm_add_ps(b_hi, _mm_loadu_ps(inside_from_b_.data() + 4)),
                                   _mm_add_ps(i_hi, _mm_loadu_ps(inside_from_i_.data() + 4)));
      _mm_storeu_ps(cur + 7, _mm_add_ps(lo, _mm_loadu_ps(e + 7)));
      _mm_storeu_ps(cur + 11, _mm_add_ps(hi, _mm_loadu_ps(e + 11)));
      cur[13] = cur[14] = cur[15] = kNever;
      RenormalizeRow(cur);
      continue;
    }
#endif
    MaxPlusGroups(forward_.groups, prev, e, cur);
    for (int l = L_; l < kLanes; ++l) cur[l] = kNever;
    // Renormalised, so that the scores stay small integers, exact in f32.
    RenormalizeRow(cur);
  }
  const float* last = alpha + (n - 1) * kLanes;
  int best_label = 0;
  float best = kNever;
  for (int y = 0; y < L_; ++y) {
    const float v = last[y] + last_weights[y];
    if (v > best) {
      best = v;
      best_label = y;
    }
  }
  labels[n - 1] = best_label;
  // Back-pointers recomputed along the path: the first predecessor (in label order) reaching
  // the maximum. The sums are exact, so it is one the forward pass could have taken.
  for (size_t t = n - 1; t > 0; --t) {
    const int y = labels[t];
    const float* prev = alpha + (t - 1) * kLanes;
#if defined(__SSE2__)
    if (fast && even_sources_[y]) {
      // prev[0, 2 … 14] plus the weights (lane 7: -inf); the first lane reaching the maximum.
      const __m128 p0 = _mm_loadu_ps(prev), p1 = _mm_loadu_ps(prev + 4), p2 = _mm_loadu_ps(prev + 8),
                   p3 = _mm_loadu_ps(prev + 12);
      const __m128 lo =
          _mm_add_ps(_mm_shuffle_ps(p0, p1, _MM_SHUFFLE(2, 0, 2, 0)), _mm_loadu_ps(&even_weights_[y][0]));
      const __m128 hi =
          _mm_add_ps(_mm_shuffle_ps(p2, p3, _MM_SHUFFLE(2, 0, 2, 0)), _mm_loadu_ps(&even_weights_[y][4]));
      __m128 m = _mm_max_ps(lo, hi);
      m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
      m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
      const unsigned first = unsigned(_mm_movemask_ps(_mm_cmpeq_ps(lo, m))) |
                             unsigned(_mm_movemask_ps(_mm_cmpeq_ps(hi, m))) << 4;
      labels[t - 1] = 2 * std::countr_zero(first);
      continue;
    }
#endif
    const Sources& sources = sources_[y];
    int arg = 0;
    float top = kNever;
    for (int k = 0; k < sources.count; ++k) {
      const float v = prev[sources.label[k]] + sources.weight[k];
      if (v > top) {
        top = v;
        arg = sources.label[k];
      }
    }
    labels[t - 1] = arg;
  }
}

void Tagger::Margins(const float* scores, const float* alpha, const int* labels, size_t n,
                     const float* last_weights, size_t from, size_t to, int64_t* margins, bool fast) const {
  // beta(t, ·): the best score of the tokens after t up to the window's end, by the label of
  // token t, kept in backward lanes (labels with the same successors side by side);
  // gain(z) = score(t+1, z) + beta(t+1, z), by label. The window ends kMarginWindow tokens
  // after `to` (or with the sentence, where its end weights count); past it, every labelling
  // is taken to be as good.
  const size_t last = std::min(n, to + kMarginWindow) - 1;
  const std::array<uint8_t, kLanes>& lane_of = backward_.lane_of;
  alignas(16) float beta[kLanes + kGroupLanes], gain[kLanes];
  for (int l = 0; l < kLanes; ++l) beta[l] = gain[l] = kNever;
  for (int y = 0; y < L_; ++y) beta[lane_of[y]] = last + 1 == n ? last_weights[y] : 0.f;
  for (size_t t = last + 1; t-- > from;) {
    if (t < last) {
      const float* e = scores + (t + 1) * kLanes;
      for (int z = 0; z < L_; ++z) gain[z] = e[z] + beta[lane_of[z]];
#if defined(__SSE2__)
      if (fast && backward_block_) {
        // As in Viterbi: lanes 0 … 7 from the first group, 7 … 14 from the gains of I
        // (7 7 9 9 11 11 · ·) and of L (8 8 10 10 12 12 · ·) of each lane's type.
        const Group& g = backward_.groups[0];
        const uint8_t* others = g.others.data();
        const float* rows = g.rows.data();
        __m128 a0 = _mm_set1_ps(kNever), a1 = a0;
        for (size_t k = 0; k < g.others.size(); ++k, rows += kGroupLanes) {
          const __m128 v = _mm_set1_ps(gain[others[k]]);
          a0 = _mm_max_ps(a0, _mm_add_ps(v, _mm_loadu_ps(rows)));
          a1 = _mm_max_ps(a1, _mm_add_ps(v, _mm_loadu_ps(rows + 4)));
        }
        _mm_storeu_ps(beta, a0);
        _mm_storeu_ps(beta + 4, a1);
        const __m128 q1 = _mm_loadu_ps(gain + 4), q2 = _mm_loadu_ps(gain + 8), q3 = _mm_loadu_ps(gain + 12);
        const __m128 i_lo = _mm_shuffle_ps(q1, q2, _MM_SHUFFLE(1, 1, 3, 3));
        const __m128 i_hi = _mm_shuffle_ps(q2, q2, _MM_SHUFFLE(3, 3, 3, 3));
        const __m128 l_lo = _mm_shuffle_ps(q2, q2, _MM_SHUFFLE(2, 2, 0, 0));
        const __m128 l_hi = _mm_shuffle_ps(q3, q3, _MM_SHUFFLE(0, 0, 0, 0));
        _mm_storeu_ps(beta + 7, _mm_max_ps(_mm_add_ps(i_lo, _mm_loadu_ps(inside_to_i_.data())),
                                           _mm_add_ps(l_lo, _mm_loadu_ps(inside_to_l_.data()))));
        _mm_storeu_ps(beta + 11, _mm_max_ps(_mm_add_ps(i_hi, _mm_loadu_ps(inside_to_i_.data() + 4)),
                                            _mm_add_ps(l_hi, _mm_loadu_ps(inside_to_l_.data() + 4))));
      } else
#endif
      {
        MaxPlusGroups(backward_.groups, gain, nullptr, beta);
      }
      for (int l = L_; l < kLanes; ++l) beta[l] = kNever;
      RenormalizeRow(beta);
    }
    if (t >= to) continue;
    const float* a = alpha + t * kLanes;
    const int chosen = labels[t];
    const float mine = a[chosen] + beta[lane_of[chosen]];
    float other = kNever;
    for (int y = 0; y < L_; ++y)
      if (y != chosen) other = std::max(other, a[y] + beta[lane_of[y]]);
    margins[t] = other == kNever ? int64_t(1) << 30 : std::max<int64_t>(0, int64_t(mine - other));
  }
}

void Tagger::Tag(const WordView* words, size_t n, std::vector<ScoredSpan>& out, bool anchored,
                 bool cached) const {
  out.clear();
  if (n == 0) return;
  Cache& cache = ThreadCache();
  cache.labels.resize(n);
  cache.stats.tokens += n;
  // The stretches to label: within kReach tokens of a capitalised word, or the whole sentence.
  // Each word is asked once whether it anchors a stretch.
  const uint8_t* anchors = nullptr;
  if (anchored) {
    cache.anchors.resize(n);
    for (size_t k = 0; k < n; ++k) cache.anchors[k] = IsAnchor(cache, words, k, cached);
    anchors = cache.anchors.data();
  }
  size_t a = 0;
  while (a < n) {
    size_t b = n;
    if (anchored) {
      size_t anchor = a;
      while (anchor < n && !anchors[anchor]) ++anchor;
      if (anchor == n) break;
      a = std::max(a, anchor > kReach ? anchor - kReach : 0);
      b = std::min(n, anchor + kReach + 1);
      // Anchors whose reach touches the stretch join it.
      for (size_t k = anchor + 1; k < n && k <= b + kReach; ++k)
        if (anchors[k]) b = std::min(n, k + kReach + 1);
    }
    const size_t m = b - a;
    cache.stats.labelled += m;
    cache.scores.resize((m + 2 * kMargin) * kLanes);
    cache.alpha.resize(m * kLanes + kGroupLanes);
    if (cached)
      CachedScores(words, n, a, b, cache.scores.data());
    else
      UncachedScores(words, n, a, b, cache.scores.data());
    const float* scores = cache.scores.data() + kMargin * kLanes;
    const float* first = a == 0 ? start_.data() : after_o_.data();
    const float* last = b == n ? end_.data() : before_o_.data();
    int* labels = cache.labels.data() + a;
    Viterbi(scores, m, first, last, labels, cache.alpha.data(), cached);
    model_.labels().Decode(labels, uint32_t(m), cache.spans);
    cache.margins.resize(m);
    for (const LabelSpan& s : cache.spans) {
      Margins(scores, cache.alpha.data(), labels, m, last, s.first, s.end, cache.margins.data(), cached);
      int64_t margin = INT64_MAX;
      for (uint32_t t = s.first; t < s.end; ++t) margin = std::min(margin, cache.margins[t]);
      out.push_back(
          {{s.type, uint32_t(a) + s.first, uint32_t(a) + s.end}, model_.Confidence(margin), margin});
    }
    // The next stretch begins past this one, with a gap of at least one token left O.
    a = b;
  }
}

}  // namespace warta::model
