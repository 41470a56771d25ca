// The facet kinds, and the doc_facets table's blocks: the date, length and facet ids of 64 documents in one row,
// so that facet counts over most of an archive read a few thousand rows, not one per
// document.
//   block = doc >> kBlockBits; a block's data is its documents' entries, one after another:
//     u8 slot (doc - block << kBlockBits), u32 day (YYYYMMDD, 0 = undated), u32 length (the
//     document's tokens in fts, as fts_docsize counts them: bm25 needs it), u16 n,
//     n × u32 facet id (ascending)                     — all little-endian
// And the postings table: which documents name a facet, in epochs of 4096 documents:
//   posting = facet << kEpochKeyBits | epoch (epoch = doc >> kEpochBits); docs = the
//   documents of that facet in that epoch, as u16 (doc & 4095), ascending.
// A facet's documents are one key range; a transaction of new documents writes one row per
// facet it names (appending to the epoch's row), not one per document and facet.
// Internal to src/index/ (archive.cc writes, query.cc reads).
#ifndef WARTA_INDEX_DOC_FACETS_H_
#define WARTA_INDEX_DOC_FACETS_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warta::doc_facets {

// Facet kinds: a facet id is (sequence << 2) | kind, so a document's ids say their kind
// without a lookup; the names are those of the facets table's kind column.
inline constexpr int kPerson = 0, kOrganization = 1, kPlace = 2, kRole = 3;
inline constexpr const char* kKindNames[] = {"person", "organization", "place", "role"};

inline constexpr int kBlockBits = 6;

inline constexpr int kEpochBits = 12;     // documents per epoch: 4096
inline constexpr int kEpochKeyBits = 20;  // epochs: 2^20, so 2^32 documents

inline long long PostingKey(long long facet, long long doc) { return facet << kEpochKeyBits | (doc >> kEpochBits); }
// The first document of the epoch of a posting key.
inline long long PostingEpochStart(long long key) { return (key & ((1ll << kEpochKeyBits) - 1)) << kEpochBits; }
inline uint16_t PostingOffset(long long doc) { return uint16_t(doc & ((1 << kEpochBits) - 1)); }

inline void PutLe(std::string& out, uint32_t v, int bytes) {
  for (int b = 0; b < bytes; ++b) out.push_back(char((v >> (8 * b)) & 0xFF));
}
inline uint32_t GetLe(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int b = 0; b < bytes; ++b) v |= uint32_t(p[b]) << (8 * b);
  return v;
}

// One document's entry in a block.
struct Entry {
  long long doc = 0;
  long long day = 0;                  // YYYYMMDD, 0 = undated
  uint32_t length = 0;                // tokens in title and text
  const unsigned char* ids = nullptr;  // n little-endian u32
  size_t n = 0;
  uint32_t Id(size_t k) const { return GetLe(ids + 4 * k, 4); }
};

constexpr size_t kEntryHeader = 11;

// Appends a document's entry to its block's data.
inline void Append(std::string& block, long long doc, long long day, uint32_t length, const std::vector<uint32_t>& ids) {
  block.push_back(char(doc & ((1 << kBlockBits) - 1)));
  PutLe(block, uint32_t(day), 4);
  PutLe(block, length, 4);
  PutLe(block, uint32_t(ids.size()), 2);
  for (uint32_t id : ids) PutLe(block, id, 4);
}

// Calls f(const Entry&) for every entry of block `block`. Stops at a truncated entry (which
// no writer leaves).
template <typename F>
void ForEach(std::string_view data, long long block, F f) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t i = 0;
  Entry e;
  while (i + kEntryHeader <= data.size()) {
    e.doc = (block << kBlockBits) | p[i];
    e.day = GetLe(p + i + 1, 4);
    e.length = GetLe(p + i + 5, 4);
    e.n = GetLe(p + i + 9, 2);
    i += kEntryHeader;
    if (i + 4 * e.n > data.size()) return;
    e.ids = p + i;
    f(const_cast<const Entry&>(e));
    i += 4 * e.n;
  }
}

// Removes a document's entry from its block's data; returns its facet ids (empty when the
// block had no entry for it).
inline std::vector<uint32_t> Remove(std::string& data, long long doc) {
  std::vector<uint32_t> ids;
  std::string kept;
  ForEach(data, doc >> kBlockBits, [&](const Entry& e) {
    std::vector<uint32_t> these(e.n);
    for (size_t k = 0; k < e.n; ++k) these[k] = e.Id(k);
    if (e.doc == doc) ids = std::move(these);
    else Append(kept, e.doc, e.day, e.length, these);
  });
  data = std::move(kept);
  return ids;
}

// The row length (tokens in all columns) from FTS5's fts_docsize.sz: one varint per column
// (SQLite's varint: 7 bits a byte, high bit set when more follow; a ninth byte holds 8).
inline uint32_t RowLength(std::string_view sz) {
  uint64_t total = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(sz.data());
  size_t i = 0;
  while (i < sz.size()) {
    uint64_t v = 0;
    for (int bytes = 1; i < sz.size(); ++bytes) {
      const unsigned char b = p[i++];
      if (bytes == 9) {
        v = (v << 8) | b;
        break;
      }
      v = (v << 7) | (b & 0x7F);
      if (!(b & 0x80)) break;
    }
    total += v;
  }
  return uint32_t(std::min<uint64_t>(total, UINT32_MAX));
}

}  // namespace warta::doc_facets

#endif  // WARTA_INDEX_DOC_FACETS_H_
