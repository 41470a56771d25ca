// Splits the text into tokens the way UD Indonesian does.
//   "Plt. Sekretaris … M.Samsul Kadir, S.H., menyerahkan Rp9.000 kepadanya (27/10)."
//   → "Plt." "Sekretaris" … "M." "Samsul" "Kadir" "," "S.H." "," "menyerahkan" "Rp" "9.000"
//     "kepadanya"(= "kepada" + "nya") "(" "27/10" ")" "."
// Kept whole: abbreviations, titles and degrees with their periods (lexicons/tokenize/
// abbreviations.tsv), runs of initials ("D.W."), numbers in Indonesian notation (1.250.000,
// 3,5, 10.00, 09:30, 27/10/2025, 27-10-2025, 2020-2024, 27-29/10, 0380-821234: the dates
// stage reads digit-hyphen runs as one token), regulation numbers (7/2017, 34/PMK.011/2007),
// ordinals (ke-3), URLs, e-mail addresses, domains, hashtags, @mentions, hyphenated words
// (kata-kata, APBN-P, Senin-Rabu, Januari-Maret) and "S/A". A "closing" abbreviation (dll.,
// Tbk.) before a capitalised word ends its sentence and gives up its period ("dll" ".").
// Split: quotes (`` and '' are one token), brackets, dashes and other punctuation ("?!" is
// two tokens); pairs of different names ("Jakarta-Bandung", "TNI-Polri"); ranges of
// amounts ("Rp9.100/9.105"); a currency prefix from its amount; an English possessive "'s".
// Clitics (lexicons/tokenize/clitics.tsv) become a second word of the token (Token::clitic)
// unless the word is lexicalised (clitic_exceptions.tsv, or a lemma of words.tsv);
// clitic_splits.tsv lists lemmas that split all the same ("apakah"); -lah/-kah/-pun also
// split after a prefixed verb whose base is a lemma ("berkatalah", prefixes.tsv).
// Units: byte offsets into doc.norm inside the stage; tokens carry doc.text spans.
// Reads: doc.norm, doc.norm_map.  Writes: doc.tokens, doc.token_keys (one 0 per token: the
// keys are filled on demand by Document::TokenKey), doc.warnings (limit-tokens).
//
// The text is cut into whitespace-free chunks (Tokenize), and each chunk read by the general
// path (TokenizeChunk): at each position the readers below (ReadLink … ReadPunct) are tried in
// turn, the first whose form starts there emitting its tokens. Fast paths stand in front of
// it, each meant to give what the general path gives, and each skipped when
// StageSettings::fast_paths is false: the plain twin, which the tests compare it with over a
// corpus (tests/fast_paths.h) and the fuzz targets over their inputs.
//   fast path                                    plain twin
//   one space before printable ASCII             the separator loop, a code point at a time
//   a chunk of ASCII letters → one plain word    TokenizeChunk
//   the chunk's end, sixteen bytes at a time     a code point at a time
//   a plain word, "word." or lone punctuation    the general path (ReadLink … ReadPunct)
//   no '.' near: no abbreviation, no initial     MatchAbbreviation, MatchInitials asked
//   abbreviation sizes by first byte             the table asked for every candidate
//   the last two bytes end no clitic             SplitClitic asked for every word
//   tails, hyphen window, lower case on stack    EndsWith, every hyphen form, utf8::Lower
//   the word index's filter before a lemma       the table probed (WordIndex::FlagsUnfiltered)
//   a token inside the norm map's copied piece   OffsetMap::OrigStart/OrigEnd for each token
//   a dotted run ending in no TLD (memo)         IsDomain asked at every word of the run
// Built once from the Lexicon; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_TOKENIZE_H_
#define WARTA_STAGES_TOKENIZE_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "stage.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/word_index.h"

namespace warta {

class Tokenizer final : public Stage {
 public:
  // Throws Error on an unusable lexicon. settings.fast_paths = false: every fast path above is
  // skipped for its plain twin (for tests; the output is the same).
  explicit Tokenizer(const Lexicon& lexicon, StageSettings settings = {});
  std::string_view name() const override { return "tokenize"; }
  void Run(Document& doc) const override;

  // Maximum tokens per document; past it the rest of the text is not tokenised and a
  // warning "limit-tokens" is recorded.
  static constexpr size_t kMaxTokens = 5'000'000;

 private:
  struct Sink;   // the document being tokenised, with a cursor over its norm map
  struct Chunk;  // the chunk being read: its bytes and what was learnt of them
  // The fast paths are chosen at compile time (kFast), so that the plain twin costs the fast
  // one nothing: Run() calls Tokenize<fast_paths_>, and the rest follows.
  template <bool kFast>
  void Tokenize(Document& doc) const;
  // Appends the word norm[a, b), its clitic split off when it has one; norm: doc.norm.data()
  // (passed along: a pointer reread from the document after every token written costs a load).
  template <bool kFast>
  void EmitWord(Sink& out, const char* norm, uint32_t a, uint32_t b) const;
  // Tokens of one whitespace-free chunk norm[start, end); has_at: it holds an '@'.
  template <bool kFast>
  void TokenizeChunk(Sink& out, uint32_t start, uint32_t end, bool has_at) const;

  // The readers of TokenizeChunk, one per kind of form, tried in this order. Each reads the
  // form that starts at byte p of the chunk: when there is one, it emits its tokens, moves p
  // past them and returns true; else it returns false and emits nothing.
  // (Fast path only.) A run of ASCII letters that can only be a plain word, alone or with one
  // period after it ("lalu."), or ASCII punctuation that is always a token by itself (",").
  bool ReadPlain(Chunk& c, size_t& p) const;
  // URLs and e-mail addresses (to the chunk's end, less closing punctuation), hashtags, mentions.
  bool ReadLink(Chunk& c, size_t& p, char32_t ch) const;
  // At a letter or digit ch: a currency before its amount ("Rp" of "Rp9.000"), a known
  // abbreviation ("Kab.", "dll." that ends its sentence), a run of initials, an initial.
  template <bool kFast>
  bool ReadAbbreviation(Chunk& c, size_t& p, char32_t ch, size_t ch_len) const;
  // At a letter or digit: a word or number, alphanumeric runs joined by the connectors that
  // stand between them (ConnectorJoins), or a domain. Always reads something.
  template <bool kFast>
  void ReadWord(Chunk& c, size_t& p) const;
  // Anything else: an English possessive "'s", a run of periods or hyphens, a doubled quote,
  // else one character. Always reads something.
  void ReadPunct(Chunk& c, size_t& p, char32_t ch, size_t ch_len) const;

  // What ReadWord has read of a word or number so far.
  struct WordRun {
    size_t part;  // the start of its current hyphen-separated part
    bool has_letter = false;
    bool has_digit = false;
    bool has_group = false;   // '.' or ',' between digits
    bool regulation = false;  // after a '/' in "7/2017", "34/PMK.011/2007": '.' joins alphanumerics
  };
  // Whether connector d at byte q of the chunk (a word began at p; q + 1 < the chunk's end)
  // joins what comes before it to what follows; updates run.
  bool ConnectorJoins(const Chunk& c, size_t p, size_t q, char32_t d, WordRun& run) const;

  // Bytes of the known abbreviation starting at byte i of s (s ends at the chunk end), or 0.
  size_t MatchAbbreviation(std::string_view s, size_t i) const;
  // Bytes of a run of two or more initials ("D.W.") at byte i, or 0.
  static size_t MatchInitials(std::string_view s, size_t i);
  // Whether s is a domain name: label(.label)+ of ASCII letters, digits and hyphens, its last
  // label a top-level domain of tokenize/tlds.tsv (KnownTld).
  bool IsDomain(std::string_view s) const;
  // Whether the label after the last '.' of s (all of s when it has none) is a top-level domain.
  bool KnownTld(std::string_view s) const;
  // Whether the abbreviation that ends a chunk at norm byte `end` also ends its sentence:
  // it is of class "closing" (dll., Tbk.) and a capitalised word follows.
  bool EndsSentence(std::string_view norm, std::string_view abbreviation, size_t end) const;
  // Bytes of the stem of `word` when a clitic is split off it, or 0 for no split.
  // Inline: most words end in two letters no clitic ends in ("-an", "-at"), and one bit
  // rejects them before any call.
  template <bool kFast>
  uint32_t CliticSplit(std::string_view word) const {
    if (word.size() < 3) return 0;
    if constexpr (kFast) {
      const auto tail2 = uint16_t(static_cast<unsigned char>(word[word.size() - 2]) << 8 |
                                  static_cast<unsigned char>(word.back()));
      if (!clitic_tail_any_case_[tail2]) return 0;
    }
    return SplitClitic<kFast>(word);
  }
  // CliticSplit() after its first filter.
  template <bool kFast>
  uint32_t SplitClitic(std::string_view word) const;
  // Whether a hyphen joins `left` (the letters before it) to what follows at s[right_start].
  bool HyphenJoins(std::string_view left, std::string_view s, size_t right_start,
                   size_t end) const;  // "Januari", "okt" … (lexicons/months.tsv)

  bool fast_paths_;  // StageSettings::fast_paths
  // The kind of a one-character token of each ASCII character (ICU's punctuation or not).
  std::array<TokenKind, 128> ascii_kind_{};
  size_t max_abbreviation_ = 0;  // bytes
  // Bit n of abbreviation_sizes_[b]: some abbreviation of n < 64 bytes starts with byte b.
  std::array<uint64_t, 256> abbreviation_sizes_{};
  hash::StringSet tlds_;
  std::vector<std::string> currencies_;     // longest first
  std::array<bool, 256> currency_first_{};  // first bytes of the currencies
  struct Clitic {
    std::string form;
    size_t min_stem;  // code points
    uint16_t tail2;   // its last two bytes: "ah" for "lah"
    bool nya;         // "nya": splits off any word not listed whole
    bool ku_mu;       // "ku", "mu": never after a capital ("Maluku")
  };
  std::vector<Clitic> clitics_;  // longest first
  size_t max_clitic_ = 0;        // bytes of the longest
  // Whether some clitic ends in the two bytes (b1 << 8 | b2) as written, in either case ("AH",
  // "Ah", "aH", "ah"): most words end like no clitic ("-an", "-at"), and one bit rejects them,
  // the test of every word, without lowering it.
  std::bitset<65536> clitic_tail_any_case_;

  // What the tokenizer's lexicons say of a lower-case word: a clitic exception (never split), a
  // forced split (clitic_splits.tsv). Lemmas are the word index's (WordIndex::kLemma).
  enum WordFlag : uint8_t { kKeepWhole = 2, kForceSplit = 4 };
  // Both tables are keyed by hash::Fnv1a of the word (HashTable: no string kept or compared).
  HashTable<uint8_t> clitic_words_;
  // The abbreviations as written, with derived case variants; kClosing on those of class
  // "closing" (dll., Tbk.). A flat table: a node-based set missed the cache on most lookups.
  enum AbbreviationFlag : uint8_t { kAbbreviation = 1, kClosing = 2 };
  HashTable<uint8_t> abbreviations_;
  // The flags `table` holds for `word`, or 0.
  static uint8_t FlagsIn(const HashTable<uint8_t>& table, std::string_view word) {
    const uint8_t* f = table.Find(hash::Fnv1a(word));
    return f ? *f : 0;
  }
  // The lexicons' word index (words.tsv, months.tsv, dates/weekdays.tsv), keyed by the lower case.
  std::shared_ptr<const WordIndex> words_;
  // The word index's flags of a lower-case word (through its filter on the fast paths).
  template <bool kFast>
  uint32_t WordFlags(std::string_view lower) const {
    return kFast ? words_->Flags(hash::Fnv1a(lower)) : words_->FlagsUnfiltered(hash::Fnv1a(lower));
  }
  template <bool kFast>
  bool IsLemma(std::string_view lower) const {
    return WordFlags<kFast>(lower) & WordIndex::kLemma;
  }
  std::vector<std::string> prefixes_;  // verbal prefixes, longest first (tokenize/prefixes.tsv)
};

}  // namespace warta

#endif  // WARTA_STAGES_TOKENIZE_H_
