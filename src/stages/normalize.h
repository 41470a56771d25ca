// Builds the matching copy of the text: NFC, then the rewrites of lexicons/normalize.tsv
// (curly quotes straight, dashes to "-", no-break and odd spaces to " ", zero-width
// characters and soft hyphens deleted, the scraped-news mojibake "Â " and "¬†" to " ").
//   text "“Kami siap,” ujar Reni–" → norm "\"Kami siap,\" ujar Reni-"
// Reads: doc.text.  Writes: doc.norm, doc.norm_map, doc.warnings (limit-bytes).
// The original text is never changed; later stages map norm offsets back with norm_map.
#ifndef WARTA_STAGES_NORMALIZE_H_
#define WARTA_STAGES_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class Normalizer final : public Stage {
 public:
  explicit Normalizer(const Lexicon& lexicon);  // reads normalize.tsv; throws Error on a bad row
  std::string_view name() const override { return "normalize"; }
  // Past kMaxBytes of text only the first kMaxBytes are analysed, with a "limit-bytes"
  // warning: news documents are a few kilobytes, and this bounds every stage's work.
  void Run(Document& doc) const override;
  static constexpr size_t kMaxBytes = 8u << 20;

 private:
  struct Rule {
    std::string from;  // UTF-8
    std::string to;    // UTF-8, may be empty
  };
  // Writes doc.norm and doc.norm_map from src, the text or its NFC copy (nfc_map: src → text,
  // or nullptr when src is the text). With check_nfc, returns false, leaving the norm
  // unfinished, at the first character that is not surely NFC (SurelyNfc); else true.
  bool Rewrite(const std::string& src, const OffsetMap* nfc_map, bool check_nfc, Document& doc) const;
  // Whether code point cp is surely NFC where it stands (canonical combining class 0 and
  // NFC_Quick_Check Yes): read from tables for the blocks news text uses, else asked of ICU.
  bool SurelyNfcChar(char32_t cp) const;

  // Rules by the first byte of `from`, longest `from` first.
  std::vector<Rule> rules_by_byte_[256];
  bool first_byte_[256] = {};
  std::vector<unsigned char> ascii_first_bytes_;  // the first bytes below 0x80 ('`')
  // Every character of every rule's `from` is surely NFC: Rewrite() may then check the text
  // for NFC on its way, skipping the characters that rules replace.
  bool rules_nfc_ = true;
  // SurelyNfcChar() of U+0000..U+02FF and U+2000..U+20FF (Latin-1 and general punctuation:
  // nearly every non-ASCII character of CLICK-ID), a bit per code point.
  uint64_t nfc_latin_[0x300 / 64] = {};
  uint64_t nfc_punct_[0x100 / 64] = {};
};

}  // namespace warta

#endif  // WARTA_STAGES_NORMALIZE_H_
