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

// A boundary strictly inside a replacement ("…" → "...", a boundary after the first ".")
// rounds down to where the replaced source begins, for starts and ends alike, so that
// adjacent spans never overlap whatever boundaries a stage chooses.
uint32_t OffsetMap::OrigStart(uint32_t norm_start) const {
  if (identity_ || pieces_.empty()) return norm_start;
  if (norm_start >= norm_size_) return text_size_;
  const Piece& p = Find(norm_start);
  return p.linear ? p.orig + (norm_start - p.norm) : p.orig;
}

uint32_t OffsetMap::OrigEnd(uint32_t norm_end) const {
  if (identity_ || pieces_.empty()) return norm_end;
  if (norm_end == 0) return OrigStart(0);
  const Piece& p = Find(norm_end - 1);
  if (p.linear) return p.orig + (norm_end - p.norm);
  const Piece* next = &p + 1;
  uint32_t piece_norm_end = next < pieces_.data() + pieces_.size() ? next->norm : norm_size_;
  return norm_end < piece_norm_end ? p.orig : p.orig + p.orig_len;
}

}  // namespace warta
