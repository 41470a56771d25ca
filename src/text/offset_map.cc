#include "text/offset_map.h"

#include <algorithm>

namespace warta {

void OffsetMap::Copy(uint32_t norm_pos, uint32_t orig_pos, uint32_t n) {
  if (n == 0) return;
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    // Extend a linear piece that this copy continues.
    if (last.linear && last.norm + last.orig_len == norm_pos && last.orig + last.orig_len == orig_pos) {
      last.orig_len += n;
      return;
    }
  }
  if (norm_pos != orig_pos) identity_ = false;
  pieces_.push_back({norm_pos, orig_pos, n, true});
}

void OffsetMap::Replace(uint32_t norm_pos, uint32_t norm_len, uint32_t orig_pos, uint32_t orig_len) {
  (void)norm_len;
  identity_ = false;
  pieces_.push_back({norm_pos, orig_pos, orig_len, false});
}

void OffsetMap::Finish(uint32_t norm_size, uint32_t text_size) {
  norm_size_ = norm_size;
  text_size_ = text_size;
  if (norm_size != text_size) identity_ = false;
}

const OffsetMap::Piece& OffsetMap::Find(uint32_t norm_pos) const {
  // The last piece whose norm start is <= norm_pos and that is not an empty replacement
  // preceding a later piece at the same norm position.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), norm_pos,
                             [](uint32_t pos, const Piece& p) { return pos < p.norm; });
  return *(it - 1);
}

const OffsetMap::Piece& OffsetMap::FindFrom(uint32_t norm_pos, size_t& from) const {
  // The answer is the last piece whose norm start is <= norm_pos, as in Find(). From a piece
  // at or before it, stepping forward over pieces that start at or before norm_pos reaches
  // it; a few steps cover the usual next token, a longer way is a binary search.
  size_t k = from < pieces_.size() ? from : 0;
  if (pieces_[k].norm <= norm_pos) {
    const size_t last = pieces_.size() - 1;
    for (int steps = 0; steps < 8; ++steps) {
      if (k == last || pieces_[k + 1].norm > norm_pos) {
        from = k;
        return pieces_[k];
      }
      ++k;
    }
  }
  const Piece& p = Find(norm_pos);
  from = size_t(&p - pieces_.data());
  return p;
}

// A boundary strictly inside a replacement ("…" → "...", a boundary after the first ".")
// rounds down to where the replaced source begins, for starts and ends alike, so that
// adjacent spans never overlap whatever boundaries a stage chooses.
uint32_t OffsetMap::OrigStart(uint32_t norm_start) const {
  if (identity_ || pieces_.empty()) return norm_start;
  if (norm_start >= norm_size_) return text_size_;
  return StartIn(Find(norm_start), norm_start);
}

uint32_t OffsetMap::EndIn(const Piece& p, uint32_t norm_end) const {
  if (p.linear) return p.orig + (norm_end - p.norm);
  const Piece* next = &p + 1;
  uint32_t piece_norm_end = next < pieces_.data() + pieces_.size() ? next->norm : norm_size_;
  return norm_end < piece_norm_end ? p.orig : p.orig + p.orig_len;
}

uint32_t OffsetMap::OrigEnd(uint32_t norm_end) const {
  if (identity_ || pieces_.empty()) return norm_end;
  if (norm_end == 0) return OrigStart(0);
  return EndIn(Find(norm_end - 1), norm_end);
}

OffsetMap::Cursor::Cursor(const OffsetMap& map) : map_(&map) {
  if (map.identity_ || map.pieces_.empty()) hi_ = UINT32_MAX;  // every offset maps to itself
}

void OffsetMap::Cursor::Remember(size_t piece) {
  const OffsetMap& m = *map_;
  const Piece& p = m.pieces_[piece];
  lo_ = hi_ = 0;
  if (!p.linear) return;
  // Find() answers this piece for norm positions up to the next piece's start.
  uint32_t end = piece + 1 < m.pieces_.size() ? m.pieces_[piece + 1].norm : m.norm_size_;
  if (end > m.norm_size_) end = m.norm_size_;  // past the norm, OrigStart answers text_size_
  if (end <= p.norm) return;
  lo_ = p.norm;
  hi_ = end;
  delta_ = p.orig - p.norm;
}

uint32_t OffsetMap::Cursor::SlowStart(uint32_t norm_start) {
  const OffsetMap& m = *map_;
  if (m.identity_ || m.pieces_.empty()) return norm_start;
  if (norm_start >= m.norm_size_) return m.text_size_;
  const Piece& p = m.FindFrom(norm_start, piece_);
  Remember(piece_);
  return m.StartIn(p, norm_start);
}

uint32_t OffsetMap::Cursor::SlowEnd(uint32_t norm_end) {
  const OffsetMap& m = *map_;
  if (m.identity_ || m.pieces_.empty()) return norm_end;
  if (norm_end == 0) return SlowStart(0);
  const Piece& p = m.FindFrom(norm_end - 1, piece_);
  Remember(piece_);
  return m.EndIn(p, norm_end);
}

}  // namespace warta
