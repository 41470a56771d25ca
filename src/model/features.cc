#include "model/features.h"

#include <bit>
#include <charconv>
#include <cstring>

#include "error.h"
#include "model/hash.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta::model {

namespace {

constexpr std::array<std::string_view, kTemplateCount> kTemplateNames = {
    "bias",        "form",          "lower",        "shape",      "prefix",          "suffix",
    "cluster",     "path",          "fact",         "kind",       "length",          "pad",
    "casing",      "position",      "shape-prev",   "shape-next", "position-casing", "coarse-prev",
    "coarse-next", "frequent-prev", "frequent-next"};

// Seeds of the value hashes, one per template, so that equal strings of different templates
// ("ku" as a prefix and as a suffix) never share a value.
constexpr uint64_t ValueSeed(uint8_t tmpl) { return 0x7761727461ull * (tmpl + 1); }

uint8_t RoleBits(int from, int to) {
  uint8_t bits = 0;
  for (int r = from; r <= to; ++r) bits |= uint8_t(1u << (r + kWindow));
  return bits;
}

// Code points of valid UTF-8 text; the byte offset of code point k (k <= count).
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !utf8::IsContinuation(c);
  return n;
}
size_t ByteOfCodePoint(std::string_view s, size_t k) {
  size_t i = 0;
  while (i < s.size() && k > 0) {
    ++i;
    while (i < s.size() && utf8::IsContinuation(s[i])) ++i;
    --k;
  }
  return i;
}

}  // namespace

FeatureConfig FeatureConfig::Default() {
  FeatureConfig c;
  c.roles[kBias] = RoleBits(0, 0);
  c.roles[kForm] = RoleBits(-1, 1);
  c.roles[kLower] = RoleBits(-2, 2);
  c.roles[kShape] = RoleBits(-1, 1);
  c.roles[kPrefix] = RoleBits(0, 0);
  c.roles[kSuffix] = RoleBits(0, 0);
  c.roles[kCluster] = RoleBits(-1, 1);
  c.roles[kClusterPath] = RoleBits(0, 0);
  c.roles[kFact] = RoleBits(-1, 1);
  c.roles[kKind] = RoleBits(-1, 1);
  c.roles[kLength] = RoleBits(0, 0);
  c.roles[kPad] = RoleBits(-2, 2) & ~RoleBits(0, 0);
  c.roles[kCasing] = RoleBits(-1, 1);
  c.roles[kPositionShape] = c.roles[kShapePrev] = c.roles[kShapeNext] = RoleBits(0, 0);
  c.roles[kPositionCasing] = RoleBits(0, 0);
  // kCoarsePrev, kCoarseNext: off (cross-validation: no gain over the type features).
  // kFrequentPrev, kFrequentNext: off (likewise).
  c.max_prefix = 4;
  c.max_suffix = 4;
  c.cluster_prefixes = 1u << 4 | 1u << 8 | 1u << 12;
  return c;
}

void FeatureConfig::Apply(std::string_view spec) {
  auto fail = [&](std::string_view item) {
    throw Error("--features: cannot read \"" + std::string(item) +
                "\" (expected NAME=off, NAME=R,R…, NAME=A..B, prefix-len=N, suffix-len=N or paths=N,N…)");
  };
  auto number = [&](std::string_view s, std::string_view item) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) fail(item);
    return v;
  };
  size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && (spec[i] == ' ' || spec[i] == ';')) ++i;
    size_t j = i;
    while (j < spec.size() && spec[j] != ' ' && spec[j] != ';') ++j;
    if (j == i) break;
    const std::string_view item = spec.substr(i, j - i);
    i = j;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) fail(item);
    const std::string_view name = item.substr(0, eq), value = item.substr(eq + 1);
    std::vector<int> list;
    for (size_t a = 0; a <= value.size();) {
      size_t b = value.find(',', a);
      if (b == std::string_view::npos) b = value.size();
      const std::string_view part = value.substr(a, b - a);
      const size_t dots = part.find("..");
      if (part == "off") {
      } else if (dots != std::string_view::npos) {
        for (int r = number(part.substr(0, dots), item); r <= number(part.substr(dots + 2), item); ++r)
          list.push_back(r);
      } else {
        list.push_back(number(part, item));
      }
      a = b + 1;
    }
    if (name == "prefix-len" || name == "suffix-len") {
      if (list.size() != 1 || list[0] < 0 || list[0] > 8) fail(item);
      (name == "prefix-len" ? max_prefix : max_suffix) = uint8_t(list[0]);
      continue;
    }
    if (name == "paths") {
      cluster_prefixes = 0;
      for (int n : list) {
        if (n < 1 || n > 24) fail(item);
        cluster_prefixes |= 1u << n;
      }
      continue;
    }
    size_t t = 0;
    while (t < kTemplateCount && kTemplateNames[t] != name) ++t;
    if (t == kTemplateCount) fail(item);
    roles[t] = 0;
    for (int r : list) {
      if (r < -kWindow || r > kWindow) fail(item);
      roles[t] |= uint8_t(1u << (r + kWindow));
    }
  }
}

std::string FeatureConfig::ToString() const {
  std::string out;
  for (size_t t = 0; t < kTemplateCount; ++t) {
    out += out.empty() ? "" : " ";
    out += kTemplateNames[t];
    out += '=';
    bool any = false;
    for (int r = -kWindow; r <= kWindow; ++r) {
      if (!(roles[t] >> (r + kWindow) & 1)) continue;
      out += any ? "," : "";
      out += std::to_string(r);
      any = true;
    }
    if (!any) out += "off";
  }
  out +=
      " prefix-len=" + std::to_string(max_prefix) + " suffix-len=" + std::to_string(max_suffix) + " paths=";
  bool any = false;
  for (int n = 1; n <= 24; ++n) {
    if (!(cluster_prefixes >> n & 1)) continue;
    out += any ? "," : "";
    out += std::to_string(n);
    any = true;
  }
  if (!any) out += "off";
  return out;
}

uint64_t ContextKey(uint8_t tmpl, uint32_t index) {
  return Mix(Mix(kRoleSalt ^ (uint64_t(tmpl) << 40)) + index) | 1;
}

uint32_t ContextSize(uint8_t tmpl) {
  switch (tmpl) {
    case kPositionShape:
      return kPositions * kShapeClasses;
    case kShapePrev:
    case kShapeNext:
      return kShapeClasses * kShapeClasses;
    case kPositionCasing:
      return kPositions * kCasingBuckets;
    case kCoarsePrev:
    case kCoarseNext:
      return kCoarseClasses * kCoarseClasses;
    default:
      return kFrequentClasses * kShapeClasses;
  }
}

void Shape(std::string_view form, std::string& out) {
  out.clear();
  for (size_t i = 0; i < form.size();) {
    const utf8::CodePoint cp = utf8::DecodeAt(form, i);
    i += cp.len;
    char c;
    if (chars::IsUpper(cp.cp))
      c = 'X';
    else if (chars::IsDigit(cp.cp))
      c = 'd';
    else if (chars::IsLetter(cp.cp))
      c = 'x';
    else if (cp.cp < 0x80)
      c = char(cp.cp);
    else
      c = '*';
    if (out.empty() || out.back() != c) out += c;
  }
}

uint8_t ShapeClass(WordView w) {
  const std::string_view f = w.form;
  if (f.empty()) return 15;
  switch (w.kind) {
    case TokenKind::kNumber:
      return 5;
    case TokenKind::kUrl:
    case TokenKind::kEmail:
    case TokenKind::kHashtag:
    case TokenKind::kMention:
    case TokenKind::kSymbol:
      return 15;
    case TokenKind::kAbbrev:
    case TokenKind::kInitial:
      return chars::HasUpper(f) ? 7 : 8;
    case TokenKind::kPunct: {
      const char c = f[0];
      if (c == '"' || c == '\'' || c == '`') return 9;
      if (c == '(' || c == '[' || c == '{') return 10;
      if (c == ')' || c == ']' || c == '}') return 11;
      if (c == ',') return 12;
      if (c == '.' || c == '!' || c == '?' || f == "\u2026") return 13;
      return 14;
    }
    case TokenKind::kWord:
      break;
  }
  size_t upper = 0, lower = 0, digits = 0, letters = 0;
  bool first_upper = false;
  for (size_t i = 0; i < f.size();) {
    const utf8::CodePoint cp = utf8::DecodeAt(f, i);
    if (chars::IsUpper(cp.cp)) {
      ++upper;
      ++letters;
      if (i == 0) first_upper = true;
    } else if (chars::IsLower(cp.cp)) {
      ++lower;
      ++letters;
    } else if (chars::IsDigit(cp.cp)) {
      ++digits;
    } else if (chars::IsLetter(cp.cp)) {
      ++letters;
    }
    i += cp.len;
  }
  if (digits > 0) return 6;
  if (upper == 0) return 0;
  if (letters == 1) return 3;
  if (lower == 0) return 2;
  if (first_upper && upper == 1) return 1;
  return 4;
}

FeatureExtractor::FeatureExtractor(const FeatureConfig& config, const WordFacts& facts, ClusterTable clusters)
    : config_(config), facts_(facts), clusters_(clusters) {
  for (uint32_t f = 0; f < kFactCount; ++f) fact_values_[f] = HashBytes(FactName(f), ValueSeed(kFact));
  pad_before_.classes = pad_after_.classes = kPadClasses;
  pad_before_.features.push_back({kPad, HashBytes("<s>", ValueSeed(kPad))});
  pad_after_.features.push_back({kPad, HashBytes("</s>", ValueSeed(kPad))});
}

void FeatureExtractor::Analyze(WordView w, WordInfo& out) const {
  out.features.clear();
  out.classes = WordClasses();
  out.classes.shape = ShapeClass(w);
  auto used = [&](Template t) { return config_.roles[t] != 0; };
  auto add = [&](Template t, std::string_view value) {
    out.features.push_back({t, HashBytes(value, ValueSeed(t))});
  };
  auto add_number = [&](Template t, uint64_t value) {
    out.features.push_back({t, Mix(ValueSeed(t) ^ Mix(value))});
  };

  if (used(kBias)) add_number(kBias, 1);
  thread_local std::string shape, lower;
  Shape(w.form, shape);
  const bool number = ByShape(w.kind);
  if (used(kForm)) add(kForm, number ? std::string_view(shape) : w.form);
  LowerWord(w.form, lower);
  if (used(kLower)) add(kLower, number ? std::string_view(shape) : std::string_view(lower));
  if (used(kShape)) add(kShape, shape);
  const bool wordish =
      w.kind == TokenKind::kWord || w.kind == TokenKind::kAbbrev || w.kind == TokenKind::kInitial;
  const size_t length = CodePoints(number ? std::string_view(shape) : w.form);
  // Affixes of n code points, hashed incrementally: the hash of an affix is Mix of the hash
  // of the affix one code point shorter with the new code point's bytes.
  if (wordish && used(kPrefix)) {
    const std::string_view l = lower;
    uint64_t h = ValueSeed(kPrefix);
    size_t i = 0;
    for (size_t n = 1; n <= config_.max_prefix && n < length && i < l.size(); ++n) {
      const size_t j = ByteOfCodePoint(l.substr(i), 1) + i;
      uint64_t bytes = 0;
      std::memcpy(&bytes, l.data() + i, std::min<size_t>(8, j - i));
      h = Mix(h ^ bytes);
      out.features.push_back({kPrefix, h});
      i = j;
    }
  }
  if (wordish && used(kSuffix)) {
    const std::string_view l = lower;
    const size_t lower_length = CodePoints(l);
    uint64_t h = ValueSeed(kSuffix);
    size_t j = l.size();
    for (size_t n = 1; n <= config_.max_suffix && n < lower_length && j > 0; ++n) {
      const size_t i = utf8::PrevStart(l, j);
      uint64_t bytes = 0;
      std::memcpy(&bytes, l.data() + i, std::min<size_t>(8, j - i));
      h = Mix(h ^ bytes);
      out.features.push_back({kSuffix, h});
      j = i;
    }
  }
  ClusterOf c;
  const bool clustered =
      !number && (clusters_.Lookup(w.form, c) || (lower != w.form && clusters_.Lookup(lower, c)));
  if (clustered) {
    out.classes.casing = uint8_t(c.casing);
    out.classes.frequent = uint8_t(c.rank);
    out.classes.coarse = uint8_t(c.length >= kCoarseBits ? c.path >> (c.length - kCoarseBits)
                                                         : c.path << (kCoarseBits - c.length));
    if (used(kCasing)) add_number(kCasing, c.casing);
  }
  if (used(kCluster) || used(kClusterPath)) {
    if (clustered) {
      if (used(kCluster)) add_number(kCluster, c.leaf);
      if (used(kClusterPath)) {
        for (uint32_t n = 1; n <= c.length && n <= 24; ++n)
          if (config_.cluster_prefixes >> n & 1)
            add_number(kClusterPath, uint64_t(n) << 32 | (c.path >> (c.length - n)));
      }
    } else if (used(kCluster)) {
      add_number(kCluster, 0xFFFFFFFFull);  // not clustered: rare or unseen in the corpus
    }
  }
  if (used(kFact) && !number) {
    uint64_t bits = facts_.Of(lower);
    while (bits) {
      const int f = std::countr_zero(bits);
      bits &= bits - 1;
      out.features.push_back({kFact, fact_values_[f]});
    }
  }
  if (used(kKind)) add_number(kKind, uint64_t(w.kind));
  if (used(kLength)) {
    const uint64_t bucket = length <= 5 ? length : length <= 7 ? 6 : length <= 10 ? 7 : 8;
    add_number(kLength, bucket);
  }
}

void FeatureExtractor::TokenFeatures(const WordInfo* info, const WordClasses* classes, size_t n, size_t i,
                                     std::vector<FeatureRef>& out) const {
  for (int r = -kWindow; r <= kWindow; ++r) {
    const long j = long(i) + r;
    const WordInfo& w = j < 0 ? pad_before_ : j >= long(n) ? pad_after_ : info[j];
    for (const TypeFeature& f : w.features)
      if (config_.Uses(Template(f.tmpl), r)) out.push_back({GroupKey(f.tmpl, f.value), int8_t(r)});
  }
  for (uint8_t t = kTypeTemplates; t < kTemplateCount; ++t)
    if (config_.roles[t]) out.push_back({ContextKey(t, ContextIndex(t, classes, i, n)), 0});
}

}  // namespace warta::model
