// Splits the text into tokens the way UD Indonesian does.
//   "Plt. Sekretaris … M.Samsul Kadir, S.H., menyerahkan Rp9.000 kepadanya (27/10)."
//   → "Plt." "Sekretaris" … "M." "Samsul" "Kadir" "," "S.H." "," "menyerahkan" "Rp" "9.000"
//     "kepadanya"(= "kepada" + "nya") "(" "27/10" ")" "."
// Kept whole: abbreviations, titles and degrees with their periods (lexicons/tokenize/
// abbreviations.tsv), numbers in Indonesian notation (1.250.000, 3,5, 10.00, 09:30,
// 27/10/2025, 27-10-2025), ordinals (ke-3), URLs, e-mail addresses, domains, hashtags,
// @mentions and hyphenated words (kata-kata). Split: quotes, brackets, dashes and other
// punctuation; a currency prefix from its amount; the clitics of lexicons/tokenize/
// clitics.tsv become a second word of the token (Token::clitic).
// Reads: doc.norm, doc.norm_map.  Writes: doc.tokens.
#ifndef WARTA_STAGES_TOKENIZE_H_
#define WARTA_STAGES_TOKENIZE_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon.h"
#include "stage.h"

namespace warta {

class Tokenizer final : public Stage {
 public:
  explicit Tokenizer(const Lexicon& lexicon);
  std::string_view name() const override { return "tokenize"; }
  void Run(Document& doc) const override;

  // Maximum tokens per document; past it the rest of the text is not tokenised and a
  // warning "limit-tokens" is recorded.
  static constexpr size_t kMaxTokens = 5'000'000;

 private:
  struct Chunk;
  void TokenizeChunk(Document& doc, uint32_t start, uint32_t end) const;
  size_t MatchAbbreviation(std::string_view s, size_t i) const;  // bytes of the abbreviation at i, or 0
  bool IsDomain(std::string_view s) const;
  uint32_t CliticSplit(std::string_view word) const;  // bytes of the stem, or 0 for no split

  std::unordered_set<std::string> abbreviations_;  // with derived case variants
  size_t max_abbreviation_ = 0;                    // bytes
  std::unordered_set<std::string> tlds_;
  std::vector<std::string> currencies_;
  struct Clitic {
    std::string form;
    size_t min_stem;  // code points
  };
  std::vector<Clitic> clitics_;
  std::unordered_set<std::string> clitic_exceptions_;
  std::unordered_set<std::string> words_;  // lower-case lemmas (words.tsv)
};

}  // namespace warta

#endif  // WARTA_STAGES_TOKENIZE_H_
