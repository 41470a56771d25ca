// Builds the matching copy of the text: NFC, then the rewrites of lexicons/normalize.tsv
// (curly quotes straight, dashes to "-", no-break and odd spaces to " ", zero-width
// characters and soft hyphens deleted, the scraped-news mojibake "Â " and "¬†" to " ").
//   text "“Kami siap,” ujar Reni–" → norm "\"Kami siap,\" ujar Reni-"
// Reads: doc.text.  Writes: doc.norm, doc.norm_map.
// The original text is never changed; later stages map norm offsets back with norm_map.
#ifndef WARTA_STAGES_NORMALIZE_H_
#define WARTA_STAGES_NORMALIZE_H_

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
  // Rules by the first byte of `from`, longest `from` first.
  std::vector<Rule> rules_by_byte_[256];
  bool first_byte_[256] = {};
  std::vector<unsigned char> ascii_first_bytes_;  // the first bytes below 0x80 ('`')
};

}  // namespace warta

#endif  // WARTA_STAGES_NORMALIZE_H_
