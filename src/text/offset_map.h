// Maps byte offsets in a normalised copy back to the original text (after sentencepiece's
// norm_to_orig, but sparse: memory grows with the number of edits, not the text size).
//   text "Kecamatan¬† Tanjungpinang", norm "Kecamatan  Tanjungpinang"
//   OrigStart(11) = 12 ("Tanjungpinang" begins at byte 12 of text: "¬†" is 4 bytes, " " 1)
// The norm is built as a sequence of pieces: copies (byte for byte) and replacements
// (any norm bytes standing for a source range, possibly empty: a deletion).
#ifndef WARTA_TEXT_OFFSET_MAP_H_
#define WARTA_TEXT_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace warta {

class OffsetMap {
 public:
  // Building, in norm order. Copy(n, orig): n norm bytes equal to text[orig, orig+n).
  // Replace(norm_len, orig, orig_len): norm_len norm bytes stand for text[orig, orig+orig_len).
  void Copy(uint32_t norm_pos, uint32_t orig_pos, uint32_t n);
  void Replace(uint32_t norm_pos, uint32_t norm_len, uint32_t orig_pos, uint32_t orig_len);
  // Closes the map: norm_size and text_size are the final sizes.
  void Finish(uint32_t norm_size, uint32_t text_size);

  // True when norm == text (no edits at all): lookups are then the identity.
  bool identity() const { return identity_; }

  // Original byte offset where the norm byte at `norm_start` begins (for a span's start).
  uint32_t OrigStart(uint32_t norm_start) const;
  // Original byte offset just past the norm byte at `norm_end - 1` (for a span's exclusive end).
  // A replacement wholly inside a span ends where its source ends; a boundary strictly
  // inside a replacement rounds down to its source start (as OrigStart does), so adjacent
  // norm ranges map to adjacent, never overlapping, original spans.
  uint32_t OrigEnd(uint32_t norm_end) const;

  // The same lookups for a reader that walks the norm from left to right (the tokenizer asks
  // for every token's start and end in text order). The cursor remembers the piece of the
  // last lookup: inside a copied piece a lookup is one addition, and the next piece is found
  // by stepping forward, not by a binary search. Answers equal OffsetMap's for any order of
  // calls (a lookup behind the cursor or far ahead searches). The map must outlive the
  // cursor and not change while it is used.
  class Cursor {
   public:
    explicit Cursor(const OffsetMap& map);
    uint32_t OrigStart(uint32_t norm_start) {
      if (norm_start - lo_ < hi_ - lo_) return norm_start + delta_;
      return SlowStart(norm_start);
    }
    uint32_t OrigEnd(uint32_t norm_end) {
      if (norm_end - 1 - lo_ < hi_ - lo_) return norm_end + delta_;  // norm_end 0 wraps: slow path
      return SlowEnd(norm_end);
    }

    // The copied piece the last lookup fell in: norm bytes [linear_begin(), linear_end()) map
    // to norm + linear_delta() (mod 2^32), so that a span inside it maps without a call. The
    // range is empty after a lookup inside a replacement; it is everything for an identity map.
    uint32_t linear_begin() const { return lo_; }
    uint32_t linear_end() const { return hi_; }
    uint32_t linear_delta() const { return delta_; }

   private:
    uint32_t SlowStart(uint32_t norm_start);
    uint32_t SlowEnd(uint32_t norm_end);
    void Remember(size_t piece);  // caches the norm range of the piece if it is a copy
    const OffsetMap* map_;
    size_t piece_ = 0;  // index of the piece found last
    // Norm bytes [lo_, hi_) lie in one copied piece: orig = norm + delta_ (mod 2^32).
    uint32_t lo_ = 0, hi_ = 0, delta_ = 0;
  };

 private:
  struct Piece {
    uint32_t norm;      // first norm byte of the piece
    uint32_t orig;      // first source byte
    uint32_t orig_len;  // source bytes
    bool linear;        // copy: norm byte norm+k came from orig+k
  };
  const Piece& Find(uint32_t norm_pos) const;  // the piece holding norm byte norm_pos
  // Find() starting from the piece at index `from` (updated to the index found).
  const Piece& FindFrom(uint32_t norm_pos, size_t& from) const;
  // The lookups once the piece is known.
  uint32_t StartIn(const Piece& p, uint32_t norm_start) const {
    return p.linear ? p.orig + (norm_start - p.norm) : p.orig;
  }
  uint32_t EndIn(const Piece& p, uint32_t norm_end) const;
  std::vector<Piece> pieces_;
  uint32_t norm_size_ = 0;
  uint32_t text_size_ = 0;
  bool identity_ = true;
};

}  // namespace warta

#endif  // WARTA_TEXT_OFFSET_MAP_H_
