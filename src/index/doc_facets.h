// The doc_facets table's blocks: the date and facet ids of 64 documents in one row, so that
// facet counts over most of an archive read a few thousand rows, not one per document.
//   block = doc >> kBlockBits; a block's data is its documents' entries, one after another:
//     u8 slot (doc - block << kBlockBits), u32 day (YYYYMMDD, 0 = undated),
//     u16 n, n × u32 facet id (ascending)          — all little-endian
// And the postings table's keys: facet << 32 | doc (an INTEGER PRIMARY KEY, so that the
// documents of a facet are one range of the table's own B-tree).
// Internal to src/index/ (archive.cc writes, query.cc reads).
#ifndef WARTA_INDEX_DOC_FACETS_H_
#define WARTA_INDEX_DOC_FACETS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::doc_facets {

inline constexpr int kBlockBits = 6;

inline long long Posting(long long facet, long long doc) { return facet << 32 | doc; }
inline long long PostingDoc(long long posting) { return posting & 0xFFFFFFFFll; }

inline void PutLe(std::string& out, uint32_t v, int bytes) {
  for (int b = 0; b < bytes; ++b) out.push_back(char((v >> (8 * b)) & 0xFF));
}
inline uint32_t GetLe(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int b = 0; b < bytes; ++b) v |= uint32_t(p[b]) << (8 * b);
  return v;
}

// Appends a document's entry to its block's data.
inline void Append(std::string& block, long long doc, long long day, const std::vector<uint32_t>& ids) {
  block.push_back(char(doc & ((1 << kBlockBits) - 1)));
  PutLe(block, uint32_t(day), 4);
  PutLe(block, uint32_t(ids.size()), 2);
  for (uint32_t id : ids) PutLe(block, id, 4);
}

// Calls f(doc, day, ids, n) for every entry of block `block` (ids: n little-endian u32).
// Stops at a truncated entry (which no writer leaves).
template <typename F>
void ForEach(std::string_view data, long long block, F f) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t i = 0;
  while (i + 7 <= data.size()) {
    const long long doc = (block << kBlockBits) | p[i];
    const long long day = GetLe(p + i + 1, 4);
    const size_t n = GetLe(p + i + 5, 2);
    i += 7;
    if (i + 4 * n > data.size()) return;
    f(doc, day, p + i, n);
    i += 4 * n;
  }
}

// Removes a document's entry from its block's data; returns its facet ids (empty when the
// block had no entry for it).
inline std::vector<uint32_t> Remove(std::string& data, long long doc) {
  std::vector<uint32_t> ids;
  const long long block = doc >> kBlockBits;
  std::string kept;
  ForEach(data, block, [&](long long d, long long day, const unsigned char* p, size_t n) {
    std::vector<uint32_t> these(n);
    for (size_t k = 0; k < n; ++k) these[k] = GetLe(p + 4 * k, 4);
    if (d == doc) ids = std::move(these);
    else Append(kept, d, day, these);
  });
  data = std::move(kept);
  return ids;
}

}  // namespace warta::doc_facets

#endif  // WARTA_INDEX_DOC_FACETS_H_
