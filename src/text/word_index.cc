#include "text/word_index.h"

#include <algorithm>

namespace warta {

bool WordIndex::SetAffixes(std::vector<Affix> prefixes, std::vector<Affix> suffixes) {
  auto empty = [](const Affix& a) { return a.form.empty(); };
  if (std::any_of(prefixes.begin(), prefixes.end(), empty) || std::any_of(suffixes.begin(), suffixes.end(), empty))
    return false;
  // Grouped by first byte, in the order given within a group (the order changes no answer:
  // any one path to a lemma will do).
  std::stable_sort(prefixes.begin(), prefixes.end(), [](const Affix& a, const Affix& b) {
    return static_cast<unsigned char>(a.form[0]) < static_cast<unsigned char>(b.form[0]);
  });
  std::array<uint16_t, 257> from{};
  for (const Affix& a : prefixes) ++from[static_cast<unsigned char>(a.form[0]) + 1];
  for (size_t b = 0; b < 256; ++b)
    if (from[b + 1] > kMaxPrefixStarts) return false;
  for (size_t b = 1; b < from.size(); ++b) from[b] = uint16_t(from[b] + from[b - 1]);
  prefixes_ = std::move(prefixes);
  suffixes_ = std::move(suffixes);
  prefix_from_ = from;
  return true;
}

namespace {

// w.starts_with(a), compared in line byte by byte: the affixes are a few bytes, fewer than
// the call of the library's memcmp costs.
inline bool StartsWith(std::string_view w, std::string_view a) {
  if (w.size() < a.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (w[k] != a[k]) return false;
  return true;
}

}  // namespace

bool WordIndex::Derives(std::string_view w, int depth, Probe probe) const {
  if (CommonLemma(w, probe)) return true;
  if (depth == 0 || w.size() < 5) return false;
  // The prefixes w starts with. Suffixes come off the end only, so every stem below starts
  // with the same ones: they are found once, not once per stem (most words match none).
  std::array<const Affix*, kMaxPrefixStarts> starts;
  size_t n_starts = 0;
  const unsigned char first = static_cast<unsigned char>(w[0]);
  for (size_t k = prefix_from_[first]; k < prefix_from_[first + 1]; ++k)
    if (StartsWith(w, prefixes_[k].form)) starts[n_starts++] = &prefixes_[k];
  // The stems: w, and w without each suffix it ends with, leaving three bytes at least.
  for (size_t si = 0; si <= suffixes_.size(); ++si) {
    std::string_view stem = w;
    if (si > 0) {
      const std::string& s = suffixes_[si - 1].form;
      if (w.size() <= s.size() + 2 || !StartsWith(std::string_view(w.data() + w.size() - s.size(), s.size()), s))
        continue;
      stem = std::string_view(w.data(), w.size() - s.size());  // (no substr: its range check is a call)
      if (CommonLemma(stem, probe)) return true;
    }
    for (size_t pi = 0; pi < n_starts; ++pi) {
      const Affix& p = *starts[pi];
      if (stem.size() <= p.form.size() + 2) continue;
      std::string_view rest(stem.data() + p.form.size(), stem.size() - p.form.size());
      if (Derives(rest, depth - 1, probe)) return true;
      // The lemma's first consonant, which the nasal took: "mengirim" → k + irim.
      char buf[64];
      if (p.lost && rest.size() + 1 < sizeof buf) {
        buf[0] = p.lost;
        std::copy(rest.begin(), rest.end(), buf + 1);
        if (CommonLemma(std::string_view(buf, rest.size() + 1), probe)) return true;
      }
    }
  }
  return false;
}

}  // namespace warta
