// Finds dates, times, ranges, durations and sets, and resolves them against the reference date.
//   "Senin (27/10)" with reference 2025-11-01 → date 2025-10-27, inferred ["year"]
//   "pukul 10.00-12.00 WITA" after it → range 2025-10-27T10:00+08:00 … T12:00+08:00
//   "27-29 Oktober 2025" → range 2025-10-27 … 2025-10-29;  "dua hari lalu" → 2025-10-30
//   "selama tiga hari" → duration P3D;  "setiap Senin" → set XXXX-WXX-1
//   "1 Syawal 1446 H" → 2025-03-31 (ICU islamic-civil; see dates_calendar.cc)
// Not dates: "UU Nomor 7 Tahun 2017", "PKPU 3/2022", ratios "3/4", scores "2-1", counts.
// A year left out is inferred from the written weekday, nearest to the reference date; a
// written date or a publication date outweighs a wrong weekday, with a `weekday-mismatch`
// warning. Grammar and choices: README.md, section "Dates".
// Reads: doc.tokens, doc.sentences, doc.paragraphs, doc.norm, doc.text (for warnings),
// doc.reference_date (+ source).
// Writes: doc.dates (in text order, spans in bytes of doc.text), doc.warnings.
// Built once from the Lexicon; Run() is const and safe to share across threads.
#ifndef WARTA_STAGES_DATES_H_
#define WARTA_STAGES_DATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon.h"
#include "stage.h"
#include "text/hash_table.h"
#include "text/shape_filter.h"

namespace warta {

class DateFinder final : public Stage {
 public:
  // Reads months.tsv and dates/*.tsv; throws Error naming file:line on a bad row.
  // settings.fast_paths = false: the gate, the shape filters and the per-token start tests
  // are skipped for their plain twin (every token's entry from the table, a form tried at
  // every token), and numbers are parsed anew each time.
  explicit DateFinder(const Lexicon& lexicon, StageSettings settings = {});
  std::string_view name() const override { return "dates"; }
  void Run(Document& doc) const override;

  // The date a document gives itself near its top, for its reference date (Pipeline): among
  // the dates of the first `end` bytes of doc.text written in full (day, month and year,
  // nothing inferred) and not after `latest` (the day the document is read: a typo such as
  // "Kamis (12/9/2109)" cannot date it), the first written with its weekday ("Kamis
  // (19/9/2019)", the news convention for the day of the event, and true), else the first.
  // FindTopDate scans for them itself, before Run (which needs a reference date), and leaves
  // doc.dates and doc.warnings as they were; TopDate picks from the doc.dates Run found.
  std::optional<CivilDate> FindTopDate(Document& doc, uint32_t end, CivilDate latest) const;
  std::optional<CivilDate> TopDate(const Document& doc, uint32_t end, CivilDate latest) const;

  // Roles of the function words in dates/words.tsv (a word may have several).
  enum Role : uint32_t {
    kContext = 1,
    kPart = 2,
    kConnector = 4,
    kPast = 8,
    kNext = 16,
    kThis = 32,
    kFuture = 64,
    kRegulation = 128,
    kSet = 256,
    kClock = 512,
    kHijri = 1024,
    kAge = 2048,
  };
  // What the lexicons say about one lower-case word (or multi-word phrase).
  struct Word {
    int month = 0;              // 1..12 (months.tsv)
    bool month_short = false;   // an abbreviation: "Okt" may take a period
    int weekday = -1;           // 0 Monday … 6 Sunday
    int hijri_month = 0;        // 1..12
    int number = -1;            // "tiga" → 3
    std::string unit;           // "D" "W" "M" "Y" "H" "MIN" "S"
    std::string daypart;        // "MO" "MI" "AF" "EV" "NI"
    std::string zone;           // "+08:00"
    std::string period;         // "Q" (triwulan), "H" (semester)
    int ordinal = 0;            // "iii" → 3
    bool relative_day = false;  // a key of relative_days.tsv
    int day_offset = 0;         // its offset in days
    std::string day_part;       // and its part of day, or ""
    uint32_t roles = 0;         // Role bits
    bool phrase_start = false;  // the first word of a multi-word key
    bool starts_form = false;   // some form may start at this word (set once all are read)
  };

 private:
  friend class DateScanner;
  bool fast_paths_;  // StageSettings::fast_paths
  Word& Entry(const std::string& key);
  // The entry of a lower-case key, or nullptr. Most words of a text are no key: the shape
  // filter (length, first letter, last letter) rejects them, a second one by (length, second
  // letter, second-to-last letter) most of the rest; the few left are looked up.
  const Word* Find(std::string_view key) const {
    if (key.empty() || key.size() >= kFilterLengths) return nullptr;
    if (!shapes_.MayContain(key)) return nullptr;
    if (key.size() >= 2 && !inner_shapes_.Test(key.size(), key[1], key[key.size() - 2])) return nullptr;
    return Lookup(key);
  }
  const Word* Lookup(std::string_view key) const;
  // Five bits of a byte: exact for the letters a-z (the keys).
  static uint32_t Letter(char c) { return static_cast<unsigned char>(c) & 31; }

  // Keys: lower case, apostrophes straight; multi-word keys joined by one space. Filled while
  // the lexicons load (the entries' home); lookups go through table_.
  std::unordered_map<std::string, Word> words_;
  HashTable<const Word*> table_;  // hash::Fnv1a(key) → its entry in words_, built once
  static constexpr size_t kFilterLengths = 32;  // keys are shorter (at most 31 bytes)
  ShapeFilter shapes_;        // every key
  // The same keys of two bytes or more by their second and second-to-last bytes: with shapes_
  // alone, a third of the words that pass it are common words ("dari", "sudah").
  ShapeFilter inner_shapes_;
  // The scanner's test of every token, before Find(): [length][first byte] (the whole byte,
  // lower case), a bit per Letter(last byte), set for every key and for every token at which
  // TryAt() may do anything although the token is no key: a first byte that is a digit or
  // "(", "se" + a unit ("seminggu"), two weekdays joined by a hyphen ("senin-rabu"). A clear
  // bit means: no key, and no form starts here. 32 KB, but a text reads few of its rows.
  uint32_t gate_[kFilterLengths][256] = {};
  void BuildGate();
  size_t longest_phrase_ = 1;                     // words in the longest key
};

}  // namespace warta

#endif  // WARTA_STAGES_DATES_H_
