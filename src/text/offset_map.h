// Maps byte offsets in a normalised copy back to the original text (after sentencepiece's
// norm_to_orig, but sparse: memory grows with the number of edits, not the text size).
//   text "Kecamatan¬† Tanjungpinang", norm "Kecamatan  Tanjungpinang"
//   OrigStart(11) = 12 ("Tanjungpinang" begins at byte 12 of text: "¬†" is 4 bytes, " " 1)
// The norm is built as a sequence of pieces: copies (byte for byte) and replacements
// (any norm bytes standing for a source range, possibly empty: a deletion).
#ifndef WARTA_TEXT_OFFSET_MAP_H_
#define WARTA_TEXT_OFFSET_MAP_H_

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

 private:
  struct Piece {
    uint32_t norm;      // first norm byte of the piece
    uint32_t orig;      // first source byte
    uint32_t orig_len;  // source bytes
    bool linear;        // copy: norm byte norm+k came from orig+k
  };
  const Piece& Find(uint32_t norm_pos) const;  // the piece holding norm byte norm_pos
  std::vector<Piece> pieces_;
  uint32_t norm_size_ = 0;
  uint32_t text_size_ = 0;
  bool identity_ = true;
};

}  // namespace warta

#endif  // WARTA_TEXT_OFFSET_MAP_H_
