// Builds the matching copy of the text: NFC, then the rewrites of lexicons/normalize.tsv
// (curly quotes straight, dashes to "-", no-break and odd spaces to " ", zero-width
// characters and soft hyphens deleted, the scraped-news mojibake "Â " and "¬†" to " ").
//   text "“Kami siap,” ujar Reni–" → norm "\"Kami siap,\" ujar Reni-"
// Reads: doc.text.  Writes: doc.norm, doc.norm_map, doc.warnings (limit-bytes).
// The original text is never changed; later stages map norm offsets back with norm_map.
// Fast paths, each skipped when StageSettings::fast_paths is false for its plain twin (tests
// compare the two over a corpus):
//   fast path                                         plain twin
//   one pass: the rewrites check NFC on their way     ICU's NFC check, then the rewrites
//     (tables of the code points surely NFC)
//   SurelyNfc(): every code point NFC-safe            ICU's isNormalized
//   bytes before the next rule's first byte skipped   every character tried against the rules
#ifndef WARTA_STAGES_NORMALIZE_H_
#define WARTA_STAGES_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class Normalizer final : public Stage {
 public:
  // Reads normalize.tsv; throws Error on a bad row.
  explicit Normalizer(const Lexicon& lexicon, StageSettings settings = {});
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
  // or nullptr when src is the text): at each character, the longest rule whose `from` starts
  // there, else the character itself. With check_nfc (the one-pass fast path), returns false,
  // leaving the norm unfinished, at the first character that is not surely NFC
  // (SurelyNfcChar); else true.
  bool Rewrite(const std::string& src, const OffsetMap* nfc_map, bool check_nfc, Document& doc) const;
  // Whether code point cp is surely NFC where it stands (canonical combining class 0 and
  // NFC_Quick_Check Yes): read from tables for the blocks news text uses, else asked of ICU.
  bool SurelyNfcChar(char32_t cp) const;

  bool fast_paths_;  // StageSettings::fast_paths
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
