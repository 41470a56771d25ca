// What the lexicons say about a word, in one read-only table that every stage shares.
//   const WordIndex& words = *lexicon.Index();
//   words.Has(hash::WordKey("Pilih"), WordIndex::kCommon)   → true   (words.tsv: "pilih")
//   words.Has(hash::WordKey("Oktober"), WordIndex::kMonth)    → true   (months.tsv)
//   words.Flags(doc.TokenKey(i))                               → every flag of token i's word
// Keyed by hash::WordKey, the hash of a word's lower case (as Document::TokenKey gives it for a
// token): a stage that has hashed a token asks about it with no further hashing. The index is
// built once, by Lexicon::Index() (lexicon.cc), which reads the files named at each flag; the
// stages hold it by shared_ptr and only read it, from any thread.
//
// To add a feature of words (say, for a trained tagger: honorific, degree, role head,
// organisation head, gazetteer level, name evidence):
//   1. a bit in Flag below, saying which file it comes from;
//   2. in Lexicon::Index(), a loop over that file's rows calling Add(hash::WordKey(word), bit);
//   3. in the stage, Flags(key) & bit.
// A feature with more than two values (a gazetteer level) takes a few bits of its own (shift
// and mask, with a named constant for each); counts (name evidence) go in a side table of the
// stage that needs them, looked up with the same key.
//
// Beside the flags, the index knows the affixes of lexicons/affixes.tsv and takes them off a
// word to find the common lemma under it (IsCommonWord):
//   words.IsCommonWord("pemilihan") → true (pe(m)- + pilih + -an);  IsCommonWord("rinjani") → false
#ifndef WARTA_TEXT_WORD_INDEX_H_
#define WARTA_TEXT_WORD_INDEX_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/hash_table.h"

namespace warta {

class WordIndex {
 public:
  enum Flag : uint32_t {
    kLemma = 1 << 0,    // a lemma of words.tsv, in any case ("jakarta" for "Jakarta")
    kCommon = 1 << 1,   // a lemma of words.tsv not written with a capital: no proper noun
    kMonth = 1 << 2,    // a month name or abbreviation (months.tsv): "oktober", "okt"
    kWeekday = 1 << 3,  // a day of the week (dates/weekdays.tsv): "senin", "jumat"
  };

  // How a lookup is made. kFiltered asks the filter first (the fast path); kPlain probes the
  // table alone, the slow twin that tests run to check the filter changes no answer
  // (StageSettings::fast_paths in stage.h).
  enum class Probe : uint8_t { kFiltered, kPlain };

  // Room for `words` keys without growing (set-up).
  void Reserve(size_t words) { table_.Reserve(words); }
  // ORs `flags` into those of the word whose key is `key` (set-up).
  void Add(uint64_t key, uint32_t flags) {
    table_.Insert(key, 0) |= flags;
    filter_.Add(key);
  }

  // The flags of the word whose key is `key`, 0 for a word no lexicon names. Most words asked
  // about are none (the stems a stage tries, names): a bit of the filter (32 KiB, in cache)
  // turns them away without a probe of the table (768 KiB for words.tsv, a cache miss).
  uint32_t Flags(uint64_t key, Probe probe = Probe::kFiltered) const {
    if (probe == Probe::kFiltered && !filter_.MayContain(key)) return 0;
    const uint32_t* f = table_.Find(key);
    return f ? *f : 0;
  }
  // Flags(key) without the filter: the table probed for every key. The plain path of a stage
  // run with StageSettings::fast_paths = false, which tests compare with Flags().
  uint32_t FlagsUnfiltered(uint64_t key) const {
    const uint32_t* f = table_.Find(key);
    return f ? *f : 0;
  }
  // Whether the word has any of `flags`.
  bool Has(uint64_t key, uint32_t flags, Probe probe = Probe::kFiltered) const {
    return (Flags(key, probe) & flags) != 0;
  }

  // An affix of lexicons/affixes.tsv: a prefix ("meng", lost 'k': the nasal took the place of
  // the lemma's first consonant, "mengirim" ← kirim) or a suffix ("kan"; lost 0).
  struct Affix {
    std::string form;  // lower case
    char lost = 0;     // prefixes only: the consonant the nasal replaced, or 0
  };
  // Sets the affixes (set-up). Returns false, changing nothing, when more than kMaxPrefixStarts
  // prefixes share a first byte or an affix is empty.
  bool SetAffixes(std::vector<Affix> prefixes, std::vector<Affix> suffixes);
  static constexpr size_t kMaxPrefixStarts = 16;

  // True when `lower` (a lower-cased word, UTF-8) is a common Indonesian word: a kCommon lemma
  // of two bytes or more, or one under at most two layers of affixes (kAffixDepth), each layer a
  // prefix and perhaps a suffix: "pemilihan" (pilih), "kependudukan" (duduk), "dikatakannya"
  // (kata). Words under five bytes are looked up whole only. Indonesian derivation is mostly
  // affixes around a lemma (Sneddon, Indonesian: A Comprehensive Grammar, ch. 2): trying the
  // few possible lemmas is enough to tell "Pemilihan" from a name. No allocation.
  bool IsCommonWord(std::string_view lower, Probe probe = Probe::kFiltered) const {
    return Derives(lower, kAffixDepth, probe);
  }
  static constexpr int kAffixDepth = 2;

 private:
  // IsCommonWord with `depth` layers of affixes still to take off.
  bool Derives(std::string_view w, int depth, Probe probe) const;
  bool CommonLemma(std::string_view s, Probe probe) const {
    return s.size() >= 2 && Has(hash::Fnv1a(s), kCommon, probe);
  }

  std::vector<Affix> prefixes_;  // grouped by first byte
  // The prefixes starting with byte b: prefixes_[prefix_from_[b], prefix_from_[b + 1]).
  std::array<uint16_t, 257> prefix_from_{};
  std::vector<Affix> suffixes_;
  HashTable<uint32_t> table_;
  KeyFilter filter_{18};
};

}  // namespace warta

#endif  // WARTA_TEXT_WORD_INDEX_H_
