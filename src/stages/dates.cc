#include "stages/dates.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "error.h"
#include "stages/dates_calendar.h"
#include "text/utf8.h"

// The grammar is read over tokens, left to right; at each token the forms are tried from the
// most to the least specific, and a match consumes its tokens. Forms and their sources:
//   weekday + date   "Senin (27/10)", "Senin, 27 Oktober 2025", "Senin-Rabu (27-29/10)"
//   calendar date    "27 Okt. 2025", "27/10/2025", "2025-10-27", "Oktober 2025", ranges
//   Islamic          "1 Syawal 1446 H", "Ramadan 1446 H"
//   relative         "kemarin", "dua hari lalu", "pekan depan", "akhir tahun ini"
//   years            "tahun 2025", "pada 2005", "1970-an", "tahun 2020-2024"
//   times            "pukul 10.00 WITA", "pkl. 09.30-12.00 WIB", "14:00 WIT", "pagi hari"
//   durations, sets  "selama tiga hari", "2 x 24 jam", "setiap Senin"
// The forms follow how Indonesian releases and agency news write dates (PUEBI writes
// "27 Oktober 2025"; agencies "Senin (27/10)"); HeidelTime's Indonesian rules were read for
// coverage, none of their code is used. Ambiguous numbers are dates only in context: "27/10"
// with a weekday, in parentheses, after "tanggal"/"pada", or written with two digits each;
// "3/4" alone is a ratio, "2-1" a score, "PKPU 3/2022" and "Nomor 7 Tahun 2017" references.

namespace warta {

namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2199;

// A token of digits in groups: "27/10/2025" → {27,10,2025}, widths {2,2,4}, seps "//".
struct Num {
  int n = 0;
  int v[4] = {0, 0, 0, 0};
  int w[4] = {0, 0, 0, 0};
  char sep[3] = {0, 0, 0};
};

bool ParseNum(std::string_view s, Num& out) {
  out = Num{};
  int width = 0;
  long value = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    char c = i < s.size() ? s[i] : '\0';
    if (c >= '0' && c <= '9') {
      if (++width > 4) return false;
      value = value * 10 + (c - '0');
      continue;
    }
    if (width == 0 || out.n == 4) return false;
    out.v[out.n] = int(value);
    out.w[out.n] = width;
    ++out.n;
    if (c == '\0') return true;
    if (c != '/' && c != '-' && c != '.' && c != ':') return false;
    if (out.n == 4) return false;
    out.sep[out.n - 1] = c;
    width = 0;
    value = 0;
  }
  return true;
}

bool IsYear(const Num& x) { return x.n == 1 && x.w[0] == 4 && x.v[0] >= kMinYear && x.v[0] <= kMaxYear; }
bool IsDay(int d) { return d >= 1 && d <= 31; }
bool IsMonthNo(int m) { return m >= 1 && m <= 12; }

// Zero-padded decimal digits of 0 <= v < 10^width (no printf: it shows in profiles).
std::string Digits(int v, int width) {
  std::string out(width, '0');
  for (int k = width - 1; k >= 0 && v > 0; --k, v /= 10) out[k] = char('0' + v % 10);
  return out;
}
std::string Pad2(int v) { return Digits(v, 2); }
// Appends `sep` and 0 <= v < 100 in two digits: "T09", ":30".
void AppendClock(std::string& out, char sep, int v) {
  const char piece[3] = {sep, char('0' + v / 10 % 10), char('0' + v % 10)};
  out.append(piece, 3);
}
std::string YearStr(int y) { return Digits(y, 4); }
std::string MonthStr(int y, int m) { return YearStr(y) + "-" + Pad2(m); }
// "2025-10-27": what CivilDate::Iso() writes ("%04d-%02d-%02d"), without printf. Dates out of
// four-digit years (arithmetic far from any real reference) take Iso() itself.
std::string IsoDay(const CivilDate& d) {
  if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) return d.Iso();
  const char out[10] = {char('0' + d.year / 1000),     char('0' + d.year / 100 % 10), char('0' + d.year / 10 % 10),
                        char('0' + d.year % 10),       '-',
                        char('0' + d.month / 10),      char('0' + d.month % 10),      '-',
                        char('0' + d.day / 10),        char('0' + d.day % 10)};
  return std::string(out, sizeof out);
}

// Months counted from year 0: for "bulan depan" arithmetic.
CivilDate AddMonths(const CivilDate& d, int n) {
  int k = d.year * 12 + (d.month - 1) + n;
  return CivilDate{k / 12, k % 12 + 1, 1};
}

const char* const kWeekdayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

}  // namespace

// ---------------------------------------------------------------------------------------
// Lexicons

// Out of line: most tokens never get here (Find's filter rejects them), and inlined into the
// token loop it would take registers that loop needs.
[[gnu::noinline]] const DateFinder::Word* DateFinder::Lookup(std::string_view key) const {
  const Word* const* w = table_.Find(hash::Fnv1a(key));
  return w ? *w : nullptr;
}

DateFinder::Word& DateFinder::Entry(const std::string& key) {
  if (key.size() >= kFilterLengths) throw Error("dates lexicon: key too long: '" + key + "'");
  shapes_.Add(key);
  if (key.size() >= 2) inner_shapes_.Set(key.size(), key[1], key[key.size() - 2]);
  size_t words = 1 + std::count(key.begin(), key.end(), ' ');
  if (words > 1) {
    longest_phrase_ = std::max(longest_phrase_, words);
    Entry(key.substr(0, key.find(' '))).phrase_start = true;
  }
  return words_[key];
}

DateFinder::DateFinder(const Lexicon& lexicon, StageSettings settings) : fast_paths_(settings.fast_paths) {
  auto number = [&](const std::string& file, const LexiconRow& row, size_t field, int lo, int hi) {
    try {
      size_t used = 0;
      int v = std::stoi(row.fields[field], &used);
      if (used == row.fields[field].size() && v >= lo && v <= hi) return v;
    } catch (const std::exception&) {
    }
    throw Error(lexicon.Where(file, row.line) + ": expected a number " + std::to_string(lo) + "-" +
                std::to_string(hi) + ", got '" + row.fields[field] + "'");
  };
  for (const LexiconRow& row : lexicon.Rows("months.tsv", 2))
    Entry(row.fields[0]).month = number("months.tsv", row, 1, 1, 12);
  // An abbreviation ("okt", "agt", "mrt") may carry a period: a form that begins a longer
  // form of its month, or has three letters or fewer ("mei" is the whole name).
  for (auto& [key, w] : words_) {
    if (!w.month) continue;
    bool prefix = false, longest = true;
    for (const auto& [k2, w2] : words_) {
      if (w2.month != w.month || k2.size() <= key.size()) continue;
      longest = false;
      prefix |= k2.compare(0, key.size(), key) == 0;
    }
    w.month_short = prefix || (key.size() <= 3 && !longest);
  }
  for (const LexiconRow& row : lexicon.Rows("dates/weekdays.tsv", 2))
    Entry(row.fields[0]).weekday = number("dates/weekdays.tsv", row, 1, 0, 6);
  for (const LexiconRow& row : lexicon.Rows("dates/hijri_months.tsv", 2))
    Entry(row.fields[0]).hijri_month = number("dates/hijri_months.tsv", row, 1, 1, 12);
  for (const LexiconRow& row : lexicon.Rows("dates/numbers.tsv", 2))
    Entry(row.fields[0]).number = number("dates/numbers.tsv", row, 1, 0, 1000);
  for (const LexiconRow& row : lexicon.Rows("dates/units.tsv", 2)) {
    const std::string& u = row.fields[1];
    if (u != "D" && u != "W" && u != "M" && u != "Y" && u != "H" && u != "MIN" && u != "S")
      throw Error(lexicon.Where("dates/units.tsv", row.line) + ": unknown unit '" + u + "'");
    Entry(row.fields[0]).unit = u;
  }
  auto part_ok = [](const std::string& p) {
    return p == "MO" || p == "MI" || p == "AF" || p == "EV" || p == "NI";
  };
  for (const LexiconRow& row : lexicon.Rows("dates/dayparts.tsv", 2)) {
    if (!part_ok(row.fields[1]))
      throw Error(lexicon.Where("dates/dayparts.tsv", row.line) + ": unknown part of day '" + row.fields[1] +
                  "'");
    Entry(row.fields[0]).daypart = row.fields[1];
  }
  for (const LexiconRow& row : lexicon.Rows("dates/zones.tsv", 2)) Entry(row.fields[0]).zone = row.fields[1];
  for (const LexiconRow& row : lexicon.Rows("dates/periods.tsv", 2)) {
    if (row.fields[1] != "Q" && row.fields[1] != "H")
      throw Error(lexicon.Where("dates/periods.tsv", row.line) + ": unknown period '" + row.fields[1] + "'");
    Entry(row.fields[0]).period = row.fields[1];
  }
  for (const LexiconRow& row : lexicon.Rows("dates/ordinals.tsv", 2))
    Entry(row.fields[0]).ordinal = number("dates/ordinals.tsv", row, 1, 1, 4);
  for (const LexiconRow& row : lexicon.Rows("dates/relative_days.tsv", 3)) {
    Word& w = Entry(row.fields[0]);
    w.relative_day = true;
    w.day_offset = number("dates/relative_days.tsv", row, 1, -7, 7);
    if (row.fields[2] != "-" && !part_ok(row.fields[2]))
      throw Error(lexicon.Where("dates/relative_days.tsv", row.line) + ": unknown part of day '" +
                  row.fields[2] + "'");
    w.day_part = row.fields[2] == "-" ? "" : row.fields[2];
  }
  static const std::pair<const char*, Role> kRoles[] = {
      {"context", kContext}, {"part", kPart},   {"connector", kConnector}, {"past", kPast},
      {"next", kNext},       {"this", kThis},   {"future", kFuture},       {"regulation", kRegulation},
      {"set", kSet},         {"clock", kClock}, {"hijri", kHijri},         {"age", kAge}};
  for (const LexiconRow& row : lexicon.Rows("dates/words.tsv", 2)) {
    uint32_t role = 0;
    for (const auto& [name, r] : kRoles)
      if (row.fields[1] == name) role = r;
    if (!role)
      throw Error(lexicon.Where("dates/words.tsv", row.line) + ": unknown role '" + row.fields[1] + "'");
    Entry(row.fields[0]).roles |= role;
  }
  // The words at which TryAt() tries a form: the others ("ini", "akan", "lalu", "-") only
  // follow one. Keep in step with the tests at the head of TryAt().
  for (auto& [key, w] : words_)
    w.starts_form = (w.roles & (kRegulation | kSet | kPart | kClock | kContext)) || w.weekday >= 0 ||
                    key == "hari" || key == "tahun" || w.relative_day || w.phrase_start || !w.unit.empty() ||
                    !w.period.empty() || w.month || w.hijri_month || w.number >= 0 || !w.daypart.empty();
  table_.Reserve(words_.size());
  for (const auto& [key, word] : words_) table_.Insert(hash::Fnv1a(key), &word);
  BuildGate();
}

void DateFinder::BuildGate() {
  auto set = [&](size_t len, char first, uint32_t bits) {
    if (len > 0 && len < kFilterLengths) gate_[len][static_cast<unsigned char>(first)] |= bits;
  };
  auto bit = [](char last) { return uint32_t(1) << Letter(last); };
  std::vector<std::string_view> units, weekdays;
  for (const auto& [key, w] : words_) {
    set(key.size(), key.front(), bit(key.back()));
    if (!w.unit.empty()) units.push_back(key);
    if (w.weekday >= 0) weekdays.push_back(key);
  }
  // What MayStart() passes, as narrowly as TryAt() can use it:
  // a digit or "(" first (a number that ParseNum() reads begins with an ASCII digit) …
  for (size_t len = 1; len < kFilterLengths; ++len)
    for (char c : std::string_view("0123456789("))
      set(len, c, ~uint32_t(0));
  // … "se" + a unit of two bytes or more ("seminggu": SeUnit() on a word of four bytes or more) …
  for (std::string_view u : units)
    if (u.size() >= 2) set(2 + u.size(), 's', bit(u.back()));
  // … and two weekdays joined at the word's first hyphen, nine bytes or more ("senin-rabu").
  for (std::string_view a : weekdays)
    for (std::string_view b : weekdays)
      if (a.size() + 1 + b.size() >= 9) set(a.size() + 1 + b.size(), a.front(), bit(b.back()));
}

// ---------------------------------------------------------------------------------------
// The scanner: one per document.

class DateScanner {
 public:
  // Per-document buffers, kept by each thread from one document to the next (cleared, not
  // freed): allocating them anew for every document showed in profiles.
  struct Scratch {
    std::string lower;                        // doc.norm in ASCII lower case
    std::vector<const DateFinder::Word*> words;  // each token's lexicon entry, or nullptr
    std::vector<uint32_t> starts;             // the tokens where a form may start, in order
    std::vector<std::pair<size_t, CivilDate>> days;   // DateScanner::days_
    std::vector<std::pair<size_t, size_t>> loose_times;  // DateScanner::loose_times_
  };

  // Reads the first `tokens` tokens only (FindTopDate), by default all of them.
  DateScanner(const DateFinder& finder, Document& doc, Scratch& scratch, size_t tokens = SIZE_MAX)
      : f_(finder), doc_(doc), toks_(doc.tokens), n_(std::min(tokens, doc.tokens.size())), lower_(scratch.lower), words_(scratch.words), starts_(scratch.starts),
        days_(scratch.days), loose_times_(scratch.loose_times) {
    days_.clear();
    loose_times_.clear();
    // ASCII lower case keeps every byte offset: a token's norm range reads its lower form.
    // Branch-free, so that the compiler vectorises it.
    // (FindTopDate reads the first tokens only: their bytes are enough.)
    lower_.assign(doc.norm, 0, n_ < doc.tokens.size() ? (n_ ? toks_[n_ - 1].norm_end : 0) : doc.norm.size());
    utf8::AsciiLowerInPlace(lower_.data(), lower_.size());
    if (f_.fast_paths_)
      Index();
    else
      IndexPlain();
    // The pipeline always sets the reference date; Today() (a time-zone lookup) only as a fallback.
    ref_ = doc.reference_date ? *doc.reference_date : CivilDate::Today();
    strong_ = doc.reference_source == ReferenceSource::kOption ||
              doc.reference_source == ReferenceSource::kPublished;
  }

  // Reads the forms left to right; a match consumes its tokens. Only the tokens listed in
  // starts_ are tried: TryAt() returns 0 at every other one (Word::starts_form, MayStart).
  void Scan() {
    size_t i = 0;
    for (uint32_t start : starts_) {
      if (start < i) continue;  // inside the last match
      size_t end = TryAt(start);
      i = end > start ? end : start + 1;
    }
    AnchorTimesBefore();
  }

  // "pukul 19.05 WIB pada Senin (16/9/2019)": a clock time written just before its day
  // (at most "pada", "hari" or a comma between) is on that day.
  void AnchorTimesBefore() {
    size_t d = 0;
    for (const auto& [index, end] : loose_times_) {
      while (d < days_.size() && days_[d].first < end) ++d;
      if (d == days_.size()) break;
      size_t k = end;
      while (k < days_[d].first && k < end + 2 && (Is(k, ',') || L(k) == "pada" || L(k) == "hari")) ++k;
      if (k != days_[d].first) continue;
      DateExpr& t = doc_.dates[index];
      const std::string day = IsoDay(days_[d].second);
      if (t.value) *t.value = day + *t.value;
      if (t.end_value) *t.end_value = day + *t.end_value;
      if (t.type == "time") t.type = "datetime";
      t.inferred = {"year", "month", "day"};
    }
  }

 private:
  using Word = DateFinder::Word;

  // Fills words_ (each token's lexicon entry, or nullptr) and starts_ (the tokens where a form
  // may start, in order) in one pass over the tokens. The fast path: most tokens fail the gate
  // (DateFinder::gate_) at once (no key, and no form starts there); tokens of kFilterLengths
  // bytes or more (no key) and empty ones take the full test. The entries then come through
  // the shape filters of Find(), and a token is a start when its entry says so
  // (Word::starts_form) or, for a token that is no key, when MayStart() does.
  void Index() {
    words_.assign(n_, nullptr);  // (a memset: the loop below writes only the few keys)
    starts_.resize(n_);
    // (Raw pointers: the loop runs for every token, and through the vectors the compiler
    // reloads their bounds from memory at each store.)
    const char* lower = lower_.data();
    const Token* tok = toks_.data();
    const Word** words = words_.data();
    uint32_t* starts = starts_.data();
    const uint32_t(*gate)[256] = f_.gate_;
    size_t m = 0;
    for (size_t i = 0; i < n_; ++i) {
      const uint32_t len = tok[i].norm_end - tok[i].norm_start;
      const char* s = lower + tok[i].norm_start;
      if (len - 1 < DateFinder::kFilterLengths - 1 &&
          !(gate[len][static_cast<unsigned char>(s[0])] >> DateFinder::Letter(s[len - 1]) & 1))
        continue;
      const std::string_view form(s, len);
      const Word* w = f_.Find(form);
      words[i] = w;
      if (w ? w->starts_form : MayStart(form, tok[i].kind)) starts[m++] = uint32_t(i);
    }
    starts_.resize(m);
  }
  // Index()'s plain twin: every token's entry looked up in the table, and every token a start
  // (TryAt() returns 0 where no form starts). What the gate, the shape filters,
  // Word::starts_form and MayStart() pass over must give no date: the tests compare the two.
  void IndexPlain() {
    words_.resize(n_);
    starts_.resize(n_);
    for (size_t i = 0; i < n_; ++i) {
      words_[i] = f_.Lookup(L(i));
      starts_[i] = uint32_t(i);
    }
  }

  // ---- token access
  // Token i in lower case (its norm range read in lower_), "" past the end.
  std::string_view L(size_t i) const {
    return i < n_ ? std::string_view(lower_.data() + toks_[i].norm_start, toks_[i].norm_end - toks_[i].norm_start)
                  : std::string_view();
  }
  // Token i is the one character c (cheaper than comparing views for punctuation).
  bool Is(size_t i, char c) const {
    std::string_view s = L(i);
    return s.size() == 1 && s[0] == c;
  }
  const Word* W(size_t i) const { return i < n_ ? words_[i] : nullptr; }
  // The entry of a lower-case key: through the shape filters (DateFinder::Find) on the fast
  // path, straight from the table on the plain one.
  const Word* Find(std::string_view key) const { return f_.fast_paths_ ? f_.Find(key) : f_.Lookup(key); }
  uint32_t Roles(size_t i) const { return W(i) ? W(i)->roles : 0; }
  bool Has(size_t i, uint32_t role) const { return (Roles(i) & role) != 0; }
  bool IsNumber(size_t i) const { return i < n_ && toks_[i].kind == TokenKind::kNumber; }
  // The forms tried at a number each parse it again: the last parse is kept.
  bool Num(size_t i, struct Num& x) const {
    if (!IsNumber(i)) return false;
    if (i != parsed_token_ || !f_.fast_paths_) {
      parsed_ok_ = ParseNum(L(i), parsed_);
      parsed_token_ = i;
    }
    x = parsed_;
    return parsed_ok_;
  }
  // Adjacent: token i is followed by i+1 with no space ("Okt" ".").
  bool Tight(size_t i) const { return i + 1 < n_ && !toks_[i].space_after; }
  bool Capitalised(size_t i) const {
    char c = doc_.text[toks_[i].span.start];
    return c >= 'A' && c <= 'Z';
  }
  bool SentenceStart(size_t i) const {
    auto it = std::lower_bound(doc_.sentences.begin(), doc_.sentences.end(), i,
                               [](const Sentence& s, size_t t) { return s.first_token < t; });
    return it != doc_.sentences.end() && it->first_token == i;
  }

  // A key of the lexicons spanning tokens [i, i+k) (words joined by one space), longest
  // first. Returns the number of tokens, 0 if none.
  size_t Phrase(size_t i, const Word** out, bool (*want)(const Word&)) const {
    if (!W(i)) return 0;
    if (W(i)->phrase_start) {
      for (size_t k = std::min(f_.longest_phrase_, n_ - i); k >= 2; --k) {
        // Built in place: a key is shorter than kFilterLengths bytes, a longer phrase no key.
        char buf[DateFinder::kFilterLengths];
        size_t len = 0;
        for (size_t j = 0; j < k && len < sizeof buf; ++j) {
          std::string_view word = L(i + j);
          if (j) buf[len++] = ' ';
          if (len + word.size() > sizeof buf) {
            len = sizeof buf;  // too long
          } else {
            std::memcpy(buf + len, word.data(), word.size());
            len += word.size();
          }
        }
        if (len >= sizeof buf) continue;
        const Word* w = Find(std::string_view(buf, len));
        if (w && want(*w)) {
          *out = w;
          return k;
        }
      }
    }
    if (want(*W(i))) {
      *out = W(i);
      return 1;
    }
    return 0;
  }

  // A range connector at k: "-", "hingga", "s.d.", "s/d", "sampai dengan". Tokens used, or 0.
  size_t Connector(size_t k) const {
    if (k >= n_) return 0;
    // "s/d" is three tight tokens.
    if (Is(k, 's') && Tight(k) && Is(k + 1, '/') && Tight(k + 1) && Is(k + 2, 'd')) return 3;
    const Word* w = nullptr;
    size_t used = Phrase(k, &w, [](const Word& x) { return (x.roles & DateFinder::kConnector) != 0; });
    return used;
  }

  // A month name at i, with the period of an abbreviation ("Okt."). Sets *end.
  int Month(size_t i, size_t* end) const {
    const Word* w = W(i);
    if (!w || !w->month) return 0;
    *end = i + 1;
    if (w->month_short && Tight(i) && Is(i + 1, '.')) *end = i + 2;
    return w->month;
  }

  std::optional<int> Year(size_t i) const {
    struct Num x;
    if (Num(i, x) && IsYear(x)) return x.v[0];
    return std::nullopt;
  }

  // ---- output
  Span SpanOf(size_t a, size_t b) const { return {toks_[a].span.start, toks_[b - 1].span.end}; }

  void Emit(size_t a, size_t b, std::string type, std::optional<std::string> value,
            std::optional<std::string> end_value = std::nullopt, std::vector<std::string> inferred = {}) {
    // Room for a typical document's dates at once, rather than moving them all at each of
    // the vector's first doublings.
    if (doc_.dates.capacity() == 0) doc_.dates.reserve(16);
    // (Braced, not emplace_back's parenthesised aggregate initialisation: clang 14, which
    // builds the fuzz targets, lacks it.)
    doc_.dates.push_back(DateExpr{SpanOf(a, b), std::move(type), std::move(value), std::move(end_value), std::move(inferred)});
  }

  // A day-level date was found: later times in the paragraph are on that day.
  void SetAnchor(const CivilDate& d, size_t tok) {
    anchor_ = d;
    anchor_para_ = Paragraph(tok);
    days_.push_back({tok, d});
  }
  size_t Paragraph(size_t tok) const {
    uint32_t pos = toks_[tok].span.start;
    auto it = std::upper_bound(doc_.paragraphs.begin(), doc_.paragraphs.end(), pos,
                               [](uint32_t p, const Span& s) { return p < s.start; });
    return size_t(it - doc_.paragraphs.begin());
  }

  void WarnWeekday(size_t a, size_t b, const CivilDate& d, int written) {
    doc_.Warn("weekday-mismatch", "\"" + std::string(doc_.Original(SpanOf(a, b))) + "\": " + IsoDay(d) +
                                      " is a " + kWeekdayNames[d.Weekday()] + ", not a " +
                                      kWeekdayNames[written]);
  }

  // ---- the forms, each returning the token after the match, or 0

  // Whether a form may start at a token of lower-case form `s` that is no key of the lexicons.
  // Most tokens are plain words and TryAt() returns 0 at them; this test, run on every token,
  // is what TryAt() below its lexicon entries asks first of each form: a number, "(", a word
  // that begins with a digit, "se" + a unit ("seminggu"), or holds a hyphen and has nine
  // bytes or more ("Senin-Rabu").
  bool MayStart(std::string_view s, TokenKind kind) const {
    if (kind == TokenKind::kNumber) return true;
    if (s.empty()) return false;
    const char c0 = s[0];
    if (c0 >= 'a' && c0 != 's' && s.size() < 9) return false;  // the common case: a short word
    if ((c0 >= '0' && c0 <= '9') || c0 == '(') return true;
    if (c0 == 's' && s.size() > 3 && s[1] == 'e' && SeUnit(s)) return true;
    return s.size() >= 9 && kind == TokenKind::kWord && s.find('-') != std::string_view::npos;
  }
  // "sehari", "seminggu", "sebulan", "setahun": one unit (KBBI: se- 'one'). The unit's entry,
  // or nullptr. `s` begins with "se" and has more than three bytes.
  const Word* SeUnit(std::string_view s) const {
    const Word* u = Find(s.substr(2));
    return u && !u->unit.empty() ? u : nullptr;
  }

  size_t TryAt(size_t i) {
    const Word* w = W(i);
    if (w) {
      // (Word::starts_form is true exactly when one of these tests may pass.)
      if (w->roles & DateFinder::kRegulation)
        if (size_t e = Regulation(i)) return e;
      if (w->roles & DateFinder::kSet)
        if (size_t e = SetForm(i)) return e;
      if (w->weekday >= 0 || L(i) == "hari")
        if (size_t e = WeekdayForm(i)) return e;
      if (w->roles & DateFinder::kPart)
        if (size_t e = PartForm(i)) return e;
      if (w->relative_day || w->phrase_start)
        if (size_t e = RelativeDay(i)) return e;
      if (!w->unit.empty())
        if (size_t e = RelativeUnit(i)) return e;
      if (!w->period.empty())
        if (size_t e = PeriodForm(i)) return e;
      if (w->roles & DateFinder::kClock)
        if (size_t e = TimeForm(i, true)) return e;
      if (w->month)
        if (size_t e = MonthForm(i, false)) return e;
      if (w->hijri_month || w->phrase_start)
        if (size_t e = HijriForm(i)) return e;
      if (w->number >= 0)
        if (size_t e = CountForm(i)) return e;
      if (L(i) == "tahun")
        if (size_t e = YearForm(i + 1, i + 1)) return e;
      if (w->roles & DateFinder::kContext) {
        if (Has(i + 1, DateFinder::kRegulation)) return 0;
        if (size_t e = YearForm(i + 1, i + 1)) return e;
        if (W(i + 1) && W(i + 1)->month)
          if (size_t e = MonthForm(i + 1, true)) return e;
        if (IsNumber(i + 1))
          if (size_t e = NumericDate(i + 1, true)) return e;
      }
      if (!w->daypart.empty()) return DaypartForm(i);
      return 0;
    }
    // (The tokens that reach this point satisfy MayStart.)
    std::string_view s = L(i);
    // "Senin-Rabu": two weekdays (9 letters at least) in one word.
    if (L(i).size() >= 9 && toks_[i].kind == TokenKind::kWord && L(i).find('-') != std::string_view::npos)
      if (size_t e = WeekdayForm(i)) return e;
    if (Is(i, '(') && IsNumber(i + 1) && Is(i + 2, ')')) {
      struct Num x;
      if (Num(i + 1, x) && x.n >= 2)
        if (size_t e = NumericDate(i, true)) return e;
    }
    if (IsNumber(i)) {
      if (W(i + 1) && (W(i + 1)->hijri_month || W(i + 1)->phrase_start))
        if (size_t e = HijriForm(i)) return e;
      if (size_t e = DayMonth(i)) return e;
      if (size_t e = NumericDate(i, false)) return e;
      if (size_t e = TimeForm(i, false)) return e;
      if (size_t e = CountForm(i)) return e;
      if (size_t e = BareYear(i)) return e;
      return 0;
    }
    // "1970-an": a decade; "2x24 jam": a duration.
    if (s.size() == 7 && s.substr(4) == "-an") {
      struct Num x;
      if (ParseNum(s.substr(0, 4), x) && IsYear(x) && x.v[0] % 10 == 0) {
        Emit(i, i + 1, "date", YearStr(x.v[0]).substr(0, 3));
        return i + 1;
      }
    }
    if (!s.empty() && s[0] >= '1' && s[0] <= '9') return CountForm(i);
    if (s.size() > 3 && s[0] == 's' && s[1] == 'e') return CountForm(i);
    return 0;
  }

  // "UU Nomor 7 Tahun 2017", "PKPU 3/2022", "Pasal 27": the number is a reference. Skips it.
  size_t Regulation(size_t i) {
    size_t j = i + 1;
    while (j < n_ && j <= i + 3 && (Has(j, DateFinder::kRegulation) || Is(j, '.'))) ++j;  // "UU No."
    if (!IsNumber(j)) return 0;
    ++j;
    if (L(j) == "tahun" && Year(j + 1)) j += 2;
    return j;
  }

  // "setiap Senin" (XXXX-WXX-1), "setiap hari" (P1D), "tiap tahun" (P1Y).
  size_t SetForm(size_t i) {
    const Word* w = W(i + 1);
    if (!w) return 0;
    if (w->weekday >= 0) {
      Emit(i, i + 2, "set", "XXXX-WXX-" + std::to_string(w->weekday + 1));
      return i + 2;
    }
    if (!w->unit.empty()) {
      bool time = w->unit == "H" || w->unit == "MIN" || w->unit == "S";
      Emit(i, i + 2, "set", std::string("P") + (time ? "T1" : "1") + w->unit.substr(0, 1));
      return i + 2;
    }
    return 0;
  }

  // ---- weekday forms

  size_t WeekdayForm(size_t i) {
    // "hari Senin": the span starts at the weekday, as agencies' own indexes and the NER
    // corpora mark it ("pada hari Senin (16/9/2019)" → "Senin (16/9/2019)").
    if (L(i) == "hari") {
      if (!W(i + 1) || W(i + 1)->weekday < 0) return 0;
      return WeekdayForm(i + 1);
    }
    size_t start = i, wt = i;
    int wd = -1, wd2 = -1;
    std::string_view form = L(wt);
    size_t dash = form.find('-');
    if (W(wt) && W(wt)->weekday >= 0) {
      wd = W(wt)->weekday;
    } else if (dash != std::string_view::npos) {  // "Senin-Rabu"
      const Word* a = Find(form.substr(0, dash));
      const Word* b = Find(form.substr(dash + 1));
      if (!a || !b || a->weekday < 0 || b->weekday < 0) return 0;
      wd = a->weekday;
      wd2 = b->weekday;
    } else {
      return 0;
    }
    size_t j = wt + 1;
    if (Is(j, ',')) ++j;
    if (L(j) == "tanggal" || L(j) == "tgl") {
      ++j;
      if (Is(j, '.') && L(j - 1) == "tgl") ++j;  // "tgl."
    }
    // "Senin (27/10)", "Senin (27/10/2025)", "Senin-Rabu (27-29/10)", "Senin (27 Oktober)".
    // "Senin sore (9/9/2019)": the part of the day joins the date's value.
    const Word* part = nullptr;
    if (size_t k = Phrase(j, &part, [](const Word& x) { return !x.daypart.empty(); }); k && wd2 < 0) {
      bool paren = Is(j + k, '(');
      if (size_t e = WeekdayDate(start, j + k + paren, wd, paren)) {
        DateExpr& d = doc_.dates.back();
        if (d.type == "date" && d.value) {
          d.type = "datetime";
          *d.value += "T" + part->daypart;
        }
        return e;
      }
    }
    if (Is(j, '(')) {
      if (size_t e = WeekdayDate(start, j + 1, wd, true)) return e;
      // "Selasa (9/20/2019)": a date that is no day of the calendar. Its span, no value.
      struct Num x;
      if (Num(j + 1, x) && x.n >= 2 && Is(j + 2, ')')) {
        doc_.Warn("invalid-date", "\"" + std::string(doc_.Original(SpanOf(start, j + 3))) +
                                      "\" is not a day of the calendar");
        Emit(start, j + 3, "date", std::nullopt);
        return j + 3;
      }
    } else if (size_t e = WeekdayDate(start, j, wd, false)) {
      return e;
    }
    if (wd2 >= 0) return 0;  // "Senin-Rabu" alone: too rare to resolve
    // "minggu" before lalu/depan/ini is a week, not Sunday — unless written as a name
    // mid-sentence ("pada Minggu lalu").
    size_t k = wt + 1;
    if (wd == 6 && start == wt && (Roles(k) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis)) &&
        (!Capitalised(wt) || SentenceStart(wt)))
      return 0;
    if (wd == 6 && start == wt && !Capitalised(wt)) return 0;
    // "Polsek Pasar Minggu", "Jalan Kamis": after a capitalised word a bare weekday is part of
    // a name — unless a direction or a part of the day follows it ("Trump Minggu lalu").
    if (wt > 0 && toks_[wt - 1].kind == TokenKind::kWord && Capitalised(wt - 1) && !SentenceStart(wt - 1) &&
        !W(wt - 1) && !(Roles(k) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis)))
      return 0;
    return BareWeekday(start, wt, wd);
  }

  // A date after a weekday: in parentheses (`paren`, j after "(") or directly.
  size_t WeekdayDate(size_t start, size_t j, int wd, bool paren) {
    int d = 0, m = 0, y = 0, d2 = 0;
    size_t e = 0;
    struct Num x;
    if (Num(j, x)) {
      if (x.n == 2 && x.sep[0] == '/' && IsDay(x.v[0]) && IsMonthNo(x.v[1])) {
        d = x.v[0], m = x.v[1];
      } else if (x.n == 3 && x.sep[0] == x.sep[1] && x.sep[0] != ':' && IsDay(x.v[0]) && IsMonthNo(x.v[1]) &&
                 (x.w[2] == 4 || (x.w[2] == 2 && x.sep[0] == '/'))) {
        d = x.v[0], m = x.v[1], y = x.w[2] == 2 ? 2000 + x.v[2] : x.v[2];
      } else if (x.n == 3 && x.sep[0] == '-' && x.sep[1] == '/' && IsDay(x.v[0]) && IsDay(x.v[1]) &&
                 IsMonthNo(x.v[2]) && x.v[0] < x.v[1]) {
        d = x.v[0], d2 = x.v[1], m = x.v[2];
      } else if (x.n == 4 && x.sep[0] == '-' && x.sep[1] == '/' && x.sep[2] == '/' && x.w[3] == 4 &&
                 IsDay(x.v[0]) && IsDay(x.v[1]) && IsMonthNo(x.v[2]) && x.v[0] < x.v[1]) {
        d = x.v[0], d2 = x.v[1], m = x.v[2], y = x.v[3];
      } else if ((x.n == 1 && IsDay(x.v[0]) && x.w[0] <= 2) ||
                 (x.n == 2 && x.sep[0] == '-' && x.w[0] <= 2 && x.w[1] <= 2 && IsDay(x.v[0]) &&
                  IsDay(x.v[1]) && x.v[0] < x.v[1])) {
        // "Senin, 27 Oktober 2025"; "Kamis-Jumat, 30-31 Oktober 2025"
        size_t me = 0;
        if ((m = Month(j + 1, &me))) {
          d = x.v[0];
          if (x.n == 2) d2 = x.v[1];
          e = me;
          if (auto yy = Year(me)) y = *yy, e = me + 1;
        }
      }
      if (!d) return 0;
      if (!e) e = j + 1;
    } else {
      return 0;
    }
    if (paren) {
      if (!Is(e, ')')) return 0;
      ++e;
    }
    ResolveDay(start, e, d, m, y, wd, d2);
    return e;
  }

  // Emits a day (or a range of days in one month) with the written weekday of its first day.
  void ResolveDay(size_t a, size_t b, int d, int m, int y, int wd, int d2 = 0) {
    std::vector<std::string> inferred;
    std::optional<CivilDate> date;
    bool mismatch = false;
    if (y) {
      if (CivilDate::Valid(y, m, d)) {
        date = CivilDate{y, m, d};
        mismatch = wd >= 0 && date->Weekday() != wd;
      }
    } else {
      auto c = dates::InferYear(m, d, wd >= 0 ? std::optional<int>(wd) : std::nullopt, ref_, strong_);
      if (c) date = c->date, mismatch = c->weekday_mismatch;
      inferred.push_back("year");
    }
    if (!date) {
      doc_.Warn("invalid-date",
                "\"" + std::string(doc_.Original(SpanOf(a, b))) + "\" is not a day of the calendar");
      Emit(a, b, d2 ? "range" : "date", std::nullopt, std::nullopt, std::move(inferred));
      return;
    }
    if (mismatch) WarnWeekday(a, b, *date, wd);
    SetAnchor(*date, a);
    if (d2) {
      std::optional<std::string> end;
      if (CivilDate::Valid(date->year, m, d2)) end = IsoDay(CivilDate{date->year, m, d2});
      Emit(a, b, "range", IsoDay(*date), end, std::move(inferred));
    } else {
      Emit(a, b, "date", IsoDay(*date), std::nullopt, std::move(inferred));
    }
  }

  // "Senin", "hari Senin", "Senin lalu", "Senin pekan depan", "Senin pagi".
  size_t BareWeekday(size_t start, size_t wt, int wd) {
    size_t e = wt + 1;
    long r = ref_.DaysSinceEpoch();
    int rw = ref_.Weekday();
    long day;
    const Word* unit = W(e);
    if (unit && (unit->unit == "W") &&
        (Roles(e + 1) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis))) {
      int dir = Has(e + 1, DateFinder::kPast) ? -1 : Has(e + 1, DateFinder::kNext) ? 1 : 0;
      day = r - rw + 7 * dir + wd;
      e += 2;
    } else if (Has(e, DateFinder::kPast)) {
      int back = (rw - wd + 7) % 7;
      day = r - (back ? back : 7);
      e += 1;
    } else if (Has(e, DateFinder::kNext)) {
      int fwd = (wd - rw + 7) % 7;
      day = r + (fwd ? fwd : 7);
      e += 1;
    } else if (Has(e, DateFinder::kThis)) {
      day = r - rw + wd;
      e += 1;
    } else if (FutureContext(start)) {
      day = r + (wd - rw + 7) % 7;
    } else {
      day = r - (rw - wd + 7) % 7;
    }
    CivilDate d = CivilDate::FromDays(day);
    SetAnchor(d, start);
    std::string value = IsoDay(d);
    std::string type = "date";
    const Word* part = nullptr;
    if (size_t k = Phrase(e, &part, [](const Word& x) { return !x.daypart.empty(); })) {
      value += "T" + part->daypart;
      type = "datetime";
      e += k;
    }
    Emit(start, e, type, value, std::nullopt, {"year", "month", "day"});
    return e;
  }

  // Token i comes right after the last date found.
  bool FollowsDate(size_t i) const {
    return i > 0 && !doc_.dates.empty() && doc_.dates.back().span.end == toks_[i - 1].span.end;
  }

  // A future marker ("akan", "dijadwalkan") earlier in the sentence, within eight tokens.
  bool FutureContext(size_t i) const {
    for (size_t k = i; k > 0 && k + 8 > i; --k) {
      if (Is(k - 1, '.') || Is(k - 1, '!') || Is(k - 1, '?')) return false;
      if (Has(k - 1, DateFinder::kFuture)) return true;
    }
    return false;
  }

  // ---- calendar dates

  // "27/10/2025", "27-10-2025", "2025-10-27", "27.10.2025"; "27/10" and "(27/10)" in context.
  size_t NumericDate(size_t i, bool context) {
    bool paren = Is(i, '(');
    size_t t = paren ? i + 1 : i;
    struct Num x;
    if (!Num(t, x)) return 0;
    int d = 0, m = 0, y = 0;
    if (x.n == 3 && x.sep[0] == '-' && x.sep[1] == '-' && x.w[0] == 4 && x.w[1] == 2 && x.w[2] == 2) {
      y = x.v[0], m = x.v[1], d = x.v[2];  // ISO 8601
      if (y < kMinYear || y > kMaxYear) return 0;
    } else if (x.n == 3 && x.sep[0] == x.sep[1] && x.sep[0] != ':' && x.w[0] <= 2 && x.w[1] <= 2 &&
               (x.w[2] == 4 || (x.w[2] == 2 && x.sep[0] == '/'))) {
      d = x.v[0], m = x.v[1], y = x.w[2] == 2 ? 2000 + x.v[2] : x.v[2];
      if (x.w[2] == 4 && (y < kMinYear || y > kMaxYear)) return 0;
    } else if (x.n == 2 && x.sep[0] == '/' && x.w[0] <= 2 && x.w[1] <= 2) {
      // "27/10": a date in parentheses, after a context word, or with two digits each;
      // "3/4" alone is a ratio.
      if (!(paren || context || (x.w[0] == 2 && x.w[1] == 2))) return 0;
      d = x.v[0], m = x.v[1];
    } else {
      return 0;
    }
    if (!IsDay(d) || !IsMonthNo(m)) return 0;
    size_t e = t + 1;
    if (paren) {
      if (!Is(e, ')')) return 0;
      ++e;
    }
    ResolveDay(i, e, d, m, y, -1);
    return e;
  }

  // "27 Oktober 2025", "27 Okt.", "27-29 Oktober 2025", "27 s.d. 29 Oktober",
  // "27 Oktober hingga 2 November 2025", "28 Desember 2025 - 2 Januari 2026".
  size_t DayMonth(size_t i) {
    struct Num x;
    if (!Num(i, x)) return 0;
    int d = 0, d2 = 0;
    size_t j = i + 1;
    if (x.n == 1 && x.w[0] <= 2 && IsDay(x.v[0])) {
      d = x.v[0];
      // "27 - 29 Oktober", "27 s.d. 29 Oktober"
      if (size_t c = Connector(j)) {
        struct Num y2;
        if (Num(j + c, y2) && y2.n == 1 && y2.w[0] <= 2 && IsDay(y2.v[0]) && y2.v[0] > d && W(j + c + 1) &&
            W(j + c + 1)->month) {
          d2 = y2.v[0];
          j += c + 1;
        }
      }
    } else if (x.n == 2 && x.sep[0] == '-' && x.w[0] <= 2 && x.w[1] <= 2 && IsDay(x.v[0]) && IsDay(x.v[1]) &&
               x.v[0] < x.v[1]) {
      d = x.v[0], d2 = x.v[1];  // "27-29" as one token
    } else {
      return 0;
    }
    size_t me = 0;
    int m = Month(j, &me);
    if (!m) return d2 ? 0 : DayList(i);
    std::optional<int> y = Year(me);
    size_t e = y ? me + 1 : me;
    if (!d2) {
      // "27 Oktober [2025] hingga 2 November 2025"
      if (size_t c = Connector(e)) {
        struct Num z;
        size_t me2 = 0;
        int m2 = 0;
        if (Num(e + c, z) && z.n == 1 && z.w[0] <= 2 && IsDay(z.v[0]) && (m2 = Month(e + c + 1, &me2))) {
          std::optional<int> y2 = Year(me2);
          size_t e2 = y2 ? me2 + 1 : me2;
          int y1 = y ? *y : y2 ? (m > m2 ? *y2 - 1 : *y2) : 0;
          EmitRange(i, e2, y1, m, d, y2 ? *y2 : y1, m2, z.v[0]);
          return e2;
        }
      }
    }
    if (d2) {
      EmitRange(i, e, y.value_or(0), m, d, y.value_or(0), m, d2);
      return e;
    }
    ResolveDay(i, e, d, m, y.value_or(0), -1);
    return e;
  }

  // "27 dan 28 Oktober 2025", "25, 26, dan 27 Oktober": days listed before the month they
  // share; each day is a date of its own.
  size_t DayList(size_t i) {
    // A list needs "," or "dan" after its first day: most numbers stop here, before the vector.
    if (!Is(i + 1, ',') && L(i + 1) != "dan") return 0;
    std::vector<size_t> days;  // tokens of the days
    size_t k = i;
    struct Num x;
    while (Num(k, x) && x.n == 1 && x.w[0] <= 2 && IsDay(x.v[0])) {
      days.push_back(k);
      size_t next = k + 1;
      if (Is(next, ',')) ++next;
      if (L(next) == "dan") ++next;
      if (next == k + 1 || days.size() > 31) break;
      k = next;
    }
    if (days.size() < 2) return 0;
    size_t me = 0;
    int m = Month(days.back() + 1, &me);
    if (!m) return 0;
    std::optional<int> y = Year(me);
    size_t e = y ? me + 1 : me;
    for (size_t t = 0; t + 1 < days.size(); ++t) {
      Num(days[t], x);
      ResolveDay(days[t], days[t] + 1, x.v[0], m, y.value_or(0), -1);
      doc_.dates.back().inferred =
          y ? std::vector<std::string>{"month"} : std::vector<std::string>{"year", "month"};
    }
    Num(days.back(), x);
    ResolveDay(days.back(), e, x.v[0], m, y.value_or(0), -1);
    return e;
  }

  // A range of days; years 0 when not written (inferred for the start, the end follows it).
  void EmitRange(size_t a, size_t b, int y1, int m1, int d1, int y2, int m2, int d2) {
    std::vector<std::string> inferred;
    if (!y1) {
      auto c = dates::InferYear(m1, d1, std::nullopt, ref_, strong_);
      if (!c) return ResolveDay(a, b, d1, m1, 0, -1, 0);
      y1 = c->date.year;
      y2 = (m2 < m1 || (m2 == m1 && d2 < d1)) ? y1 + 1 : y1;
      inferred.push_back("year");
    }
    if (!CivilDate::Valid(y1, m1, d1) || !CivilDate::Valid(y2, m2, d2)) {
      Emit(a, b, "range", std::nullopt, std::nullopt, std::move(inferred));
      return;
    }
    SetAnchor(CivilDate{y1, m1, d1}, a);
    Emit(a, b, "range", IsoDay(CivilDate{y1, m1, d1}), IsoDay(CivilDate{y2, m2, d2}), std::move(inferred));
  }

  // "Oktober 2025", "Oktober-Desember 2025", "Oktober hingga Desember 2025"; without a year
  // only in context ("sejak Maret", "Maret lalu"), resolved to the nearest such month.
  size_t MonthForm(size_t i, bool context) {
    size_t me = 0;
    int m = Month(i, &me);
    if (!m) return 0;
    // A lone abbreviation is too often something else ("Jan", "Mar", "Des").
    if (W(i)->month_short && !Year(me)) return 0;
    if (auto y = Year(me)) {
      Emit(i, me + 1, "date", MonthStr(*y, m));
      return me + 1;
    }
    if (size_t c = Connector(me)) {
      size_t me2 = 0;
      int m2 = Month(me + c, &me2);
      if (m2) {
        if (auto y2 = Year(me2)) {
          Emit(i, me2 + 1, "range", MonthStr(m > m2 ? *y2 - 1 : *y2, m), MonthStr(*y2, m2));
          return me2 + 1;
        }
      }
    }
    // "Maret dan Agustus 2019": the year written once serves both months.
    if (L(me) == "dan" || Is(me, ',')) {
      size_t me2 = 0;
      if (Month(me + 1, &me2) && Year(me2) && (context || !W(i)->month_short)) {
        Emit(i, me, "date", MonthStr(*Year(me2), m));
        return me;
      }
    }
    int dir = Has(me, DateFinder::kPast)   ? -1
              : Has(me, DateFinder::kNext) ? 1
              : Has(me, DateFinder::kThis) ? 0
                                           : 2;
    if (!context && dir == 2) return 0;
    // Nearest such month: the past one unless it lies more than half a year back, or the text
    // says "mendatang"/"depan"; "lalu" forces the past.
    int back = (ref_.month - m + 12) % 12;  // months back to the last such month (0: this one)
    int y = ref_.year - (m > ref_.month ? 1 : 0);
    if (dir == 1 || (dir == 2 && back > 6) || (dir == 2 && FutureContext(i) && back > 0)) {
      y = m >= ref_.month ? ref_.year : ref_.year + 1;
      if (dir == 1 && m == ref_.month) y = ref_.year + 1;
    } else if (dir == -1 && back == 0) {
      y = ref_.year - 1;
    }
    size_t e = dir == 2 ? me : me + 1;
    Emit(i, e, "date", MonthStr(y, m), std::nullopt, {"year"});
    return e;
  }

  // "awal bulan", "akhir tahun ini", "pertengahan Oktober 2025", "awal 2025", "akhir pekan lalu".
  size_t PartForm(size_t i) {
    size_t j = i + 1;
    if (W(j) && W(j)->month) {
      size_t me = 0;
      Month(j, &me);
      // "akhir Desember 2014" → "Desember 2014": the value has no place for the part, so
      // the span is the month that it has (as the NER corpora mark it).
      if (auto y = Year(me)) {
        Emit(j, me + 1, "date", MonthStr(*y, W(j)->month));
        return me + 1;
      }
      if (W(j)->month_short) return 0;
      return MonthForm(j, true);
    }
    if (auto y = Year(j)) {
      Emit(j, j + 1, "date", YearStr(*y));
      return j + 1;
    }
    const Word* w = W(j);
    if (!w || (w->unit != "M" && w->unit != "Y" && w->unit != "W")) return 0;
    int dir = Has(j + 1, DateFinder::kPast) ? -1 : Has(j + 1, DateFinder::kNext) ? 1 : 0;
    bool written = Roles(j + 1) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis);
    if (w->unit == "Y" && Year(j + 1)) {
      Emit(i, j + 2, "date", YearStr(*Year(j + 1)));
      return j + 2;
    }
    size_t e = written ? j + 2 : j + 1;
    std::string value = w->unit == "Y"   ? YearStr(ref_.year + dir)
                        : w->unit == "M" ? MonthStr(AddMonths(ref_, dir).year, AddMonths(ref_, dir).month)
                                         : dates::IsoWeek(ref_.AddDays(7 * dir));
    if (w->unit == "W") {
      if (L(i) != "akhir") return 0;  // "akhir pekan": the weekend
      value += "-WE";
    }
    Emit(i, e, "date", value, std::nullopt, Inferred(w->unit));
    return e;
  }

  static std::vector<std::string> Inferred(const std::string& unit) {
    if (unit == "Y") return {"year"};
    if (unit == "M") return {"year", "month"};
    if (unit == "W") return {"year", "week"};
    return {"year", "month", "day"};
  }

  // "kemarin", "hari ini", "kemarin lusa", "tadi pagi", "semalam".
  size_t RelativeDay(size_t i) {
    const Word* w = nullptr;
    size_t k = Phrase(i, &w, [](const Word& x) { return x.relative_day; });
    if (!k) return 0;
    // "Senin (9/9/2019) kemarin": the word only says the date just read is past;
    // "Senin (16/9/2019) malam ini": that night, not tonight.
    if (w->day_offset <= 0 && FollowsDate(i)) return i + k;
    // "esok" in "keesokan" is a different token; "lusa" alone is rare enough to trust.
    CivilDate d = ref_.AddDays(w->day_offset);
    SetAnchor(d, i);
    if (!w->day_part.empty())
      Emit(i, i + k, "datetime", IsoDay(d) + "T" + w->day_part, std::nullopt, {"year", "month", "day"});
    else
      Emit(i, i + k, "date", IsoDay(d), std::nullopt, {"year", "month", "day"});
    return i + k;
  }

  // "pekan lalu", "minggu depan", "bulan depan", "tahun lalu", "tahun ini", "bulan ini".
  size_t RelativeUnit(size_t i) {
    const Word* w = W(i);
    if (w->unit != "W" && w->unit != "M" && w->unit != "Y") return 0;
    size_t j = i + 1;
    if (L(j) == "yang" && Has(j + 1, DateFinder::kPast)) ++j;
    uint32_t r = Roles(j) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis);
    if (!r || L(j) == "lagi") return 0;
    // "minggu kemarin" yes; "tahun kemarin" yes: kPast covers both.
    int dir = r & DateFinder::kPast ? -1 : r & DateFinder::kNext ? 1 : 0;
    std::string value;
    if (w->unit == "Y") {
      value = YearStr(ref_.year + dir);
    } else if (w->unit == "M") {
      CivilDate m = AddMonths(ref_, dir);
      value = MonthStr(m.year, m.month);
    } else {
      value = dates::IsoWeek(ref_.AddDays(7 * dir));
    }
    Emit(i, j + 1, "date", value, std::nullopt, Inferred(w->unit));
    return j + 1;
  }

  // A count of units: "tiga hari", "2 minggu", "seminggu", "dua belas bulan", "2 x 24 jam".
  // Followed by "lalu"/"yang lalu"/"silam" it is a point in the past ("dua hari lalu"), by
  // "lagi"/"mendatang" one in the future; else a duration ("selama tiga hari" P3D).
  size_t CountForm(size_t i) {
    long count = -1;
    size_t j = i;
    struct Num x;
    std::string_view s = L(i);
    size_t xpos = !s.empty() && s[0] >= '0' && s[0] <= '9' ? s.find('x') : std::string_view::npos;
    if (xpos != std::string_view::npos && xpos + 1 < s.size()) {  // "2x24"
      struct Num a, b;
      if (!ParseNum(s.substr(0, xpos), a) || !ParseNum(s.substr(xpos + 1), b) || a.n != 1 || b.n != 1)
        return 0;
      count = long(a.v[0]) * b.v[0];
      j = i + 1;
    } else if (Num(i, x)) {
      if (x.n != 1 || x.w[0] > 3) return 0;
      count = x.v[0];
      j = i + 1;
      struct Num b;
      if (Is(j, 'x') && Num(j + 1, b) && b.n == 1) {  // "2 x 24 jam"
        count *= b.v[0];
        j += 2;
      }
    } else if (const Word* u = s.size() > 3 && s[0] == 's' && s[1] == 'e' ? SeUnit(s) : nullptr) {
      return Counted(i, i + 1, 1, u->unit);  // "seminggu"
    } else if (W(i) && W(i)->number >= 0) {
      count = W(i)->number;
      j = i + 1;
      if (L(j) == "belas" && count < 10) {
        count += 10;
        ++j;
      } else if (L(j) == "puluh" && count < 10) {
        count *= 10;
        ++j;
        if (W(j) && W(j)->number > 0 && W(j)->number < 10) count += W(j++)->number;
      }
    } else {
      return 0;
    }
    const Word* u = W(j);
    if (!u || u->unit.empty() || count < 0) return 0;
    return Counted(i, j + 1, count, u->unit);
  }

  // A counted unit [a, b): relative when a direction follows, else a duration.
  size_t Counted(size_t a, size_t b, long count, const std::string& unit) {
    // "berusia 74 tahun", "usia 50 tahun", "Budi (45 tahun)", "korban, 53 tahun, …": an age
    // is a quantity of the person, not a time.
    if (a > 0 && Has(a - 1, DateFinder::kAge)) return b;
    if (unit == "Y" && a > 0 && ((Is(a - 1, '(') && Is(b, ')')) || (Is(a - 1, ',') && Is(b, ','))))
      return b;
    size_t k = b;
    if (L(k) == "yang" && Has(k + 1, DateFinder::kPast)) ++k;
    int dir = Has(k, DateFinder::kPast) && L(k) != "kemarin" ? -1
              : (L(k) == "lagi" || L(k) == "mendatang")      ? 1
                                                             : 0;
    bool time = unit == "H" || unit == "MIN" || unit == "S";
    if (dir && !time) {
      long n = dir * count;
      std::string value;
      if (unit == "D") {
        CivilDate d = ref_.AddDays(n);
        value = IsoDay(d);
        SetAnchor(d, a);
      } else if (unit == "W") {
        value = dates::IsoWeek(ref_.AddDays(7 * n));
      } else if (unit == "M") {
        CivilDate m = AddMonths(ref_, int(n));
        value = MonthStr(m.year, m.month);
      } else {
        value = YearStr(int(ref_.year + n));
      }
      Emit(a, k + 1, "date", value, std::nullopt, Inferred(unit));
      return k + 1;
    }
    if (dir) return k + 1;  // "dua jam lalu": no clock time to give
    // Hours beyond a day stay hours: "2 x 24 jam" is PT48H, as written.
    std::string value = time ? "PT" : "P";
    value += std::to_string(count);
    value += unit.front();
    Emit(a, b, "duration", value);
    return b;
  }

  // "tahun 2025" (span: the year), "pada 2005", "tahun 2020-2024", "tahun ajaran 2024/2025".
  // `i`: the year's token; `a`: where the span starts.
  size_t YearForm(size_t i, size_t a) {
    struct Num x;
    if (!Num(i, x)) return 0;
    if (IsYear(x)) {
      // "tahun 2020 - 2024", "2020 hingga 2024"
      if (size_t c = Connector(i + 1)) {
        // value_or: 0 is no year, and no read of an empty optional's payload (GCC's branch-free
        // code for `y2 && *y2 > …` made valgrind report an uninitialised value).
        if (int y2 = Year(i + 1 + c).value_or(0); y2 > x.v[0]) {
          Emit(a, i + 2 + c, "range", YearStr(x.v[0]), YearStr(y2));
          return i + 2 + c;
        }
      }
      if (Has(i + 1, DateFinder::kHijri)) return 0;
      Emit(a, i + 1, "date", YearStr(x.v[0]));
      return i + 1;
    }
    if (x.n == 2 && (x.sep[0] == '-' || x.sep[0] == '/') && x.w[0] == 4 && x.w[1] == 4 &&
        x.v[0] >= kMinYear && x.v[1] > x.v[0] && x.v[1] <= kMaxYear) {
      Emit(a, i + 1, "range", YearStr(x.v[0]), YearStr(x.v[1]));
      return i + 1;
    }
    return 0;
  }

  // "Pemilu 2014.", "Piala Dunia 2018 di Rusia": a lone 19xx/20xx is a year — Indonesian
  // writes counts from a thousand up with a point ("2.014 orang") — unless a word follows
  // that it may count ("2014 orang"), or it is a price ("Rp 2000") or a reference number.
  size_t BareYear(size_t i) {
    struct Num x;
    if (!Num(i, x) || x.w[0] != 4 || x.v[0] < 1900 || x.v[0] > 2099) return 0;
    // "masa jabatan 2024-2029": two years in order are a range of years.
    if (x.n == 2 && !(x.sep[0] == '-' && x.w[1] == 4 && x.v[1] > x.v[0] && x.v[1] <= 2099)) return 0;
    if (x.n > 2) return 0;
    if (i > 0 && (toks_[i - 1].kind == TokenKind::kNumber || toks_[i - 1].kind == TokenKind::kSymbol ||
                  Has(i - 1, DateFinder::kRegulation) || Has(i - 1, DateFinder::kClock) || L(i - 1) == "rp" ||
                  Is(i - 1, '/') || Is(i - 1, '-') || Is(i - 1, 'x') || L(i - 1) == "ke"))
      return 0;
    if (i + 1 < n_ && x.n == 1) {
      const Token& next = toks_[i + 1];
      if (!toks_[i].space_after && next.kind != TokenKind::kPunct) return 0;  // "2014-an", "2014km"
      if (next.kind == TokenKind::kWord && !Capitalised(i + 1) &&
          !(Roles(i + 1) &
            (DateFinder::kPast | DateFinder::kThis | DateFinder::kConnector | DateFinder::kContext)) &&
          !(W(i + 1) && W(i + 1)->weekday >= 0))
        return 0;
      if (next.kind == TokenKind::kSymbol || Is(i + 1, '%')) return 0;
    }
    return YearForm(i, i);
  }

  // "Triwulan III Tahun 2025" (2025-Q3), "kuartal kedua 2024", "semester I tahun ini".
  size_t PeriodForm(size_t i) {
    const std::string& period = W(i)->period;
    size_t j = i + 1;
    int n = 0;
    struct Num x;
    if (W(j) && W(j)->ordinal) {
      n = W(j)->ordinal;
    } else if (Num(j, x) && x.n == 1 && x.w[0] == 1) {
      n = x.v[0];
    }
    if (n < 1 || n > (period == "Q" ? 4 : 2)) return 0;
    size_t e = j + 1;
    size_t y_tok = e;
    if (L(e) == "tahun") y_tok = e + 1;
    std::vector<std::string> inferred;
    int year = 0;
    if (auto y = Year(y_tok)) {
      year = *y;
      e = y_tok + 1;
    } else if (y_tok > e && (Roles(y_tok) & (DateFinder::kPast | DateFinder::kNext | DateFinder::kThis))) {
      year = ref_.year + (Has(y_tok, DateFinder::kPast) ? -1 : Has(y_tok, DateFinder::kNext) ? 1 : 0);
      e = y_tok + 1;
      inferred.push_back("year");
    } else {
      year = ref_.year;  // releases count the periods of the current year
      inferred.push_back("year");
    }
    Emit(i, e, "date", YearStr(year) + "-" + period + std::to_string(n), std::nullopt, std::move(inferred));
    return e;
  }

  // ---- times

  // "pukul 10.00 WITA", "pkl. 09.30 WIB", "14:00 WIT", "pukul 10.00-12.00 WITA",
  // "pukul 8 malam". `clock`: token i is "pukul"/"pkl"/"jam".
  size_t TimeForm(size_t i, bool clock) {
    size_t j = i;
    if (clock) {
      j = i + 1;
      if (Is(j, '.') && Tight(i)) ++j;
    }
    struct Num x;
    if (!Num(j, x)) return 0;
    int h1 = -1, m1 = 0, h2 = -1, m2 = 0;
    auto clock_ok = [](int h, int m) { return h >= 0 && h <= 24 && m >= 0 && m <= 59; };
    int sec = -1;
    if (x.n == 2 && (x.sep[0] == '.' || x.sep[0] == ':') && x.w[1] == 2) {
      h1 = x.v[0], m1 = x.v[1];
    } else if (x.n == 3 && x.sep[0] == ':' && x.sep[1] == ':' && x.w[1] == 2 && x.w[2] == 2 && x.v[2] < 60) {
      h1 = x.v[0], m1 = x.v[1], sec = x.v[2];  // "13:05:46"
    } else if (x.n == 4 && (x.sep[0] == '.' || x.sep[0] == ':') && x.sep[1] == '-' && x.w[1] == 2 &&
               x.w[3] == 2) {
      h1 = x.v[0], m1 = x.v[1], h2 = x.v[2], m2 = x.v[3];  // "10.00-12.00"
    } else if (x.n == 1 && clock && x.w[0] <= 2) {
      h1 = x.v[0];
    } else if (x.n == 2 && clock && x.sep[0] == '-' && x.w[0] <= 2 && x.w[1] <= 2) {
      h1 = x.v[0], h2 = x.v[1];  // "pukul 8-10"
    } else {
      return 0;
    }
    if (!clock_ok(h1, m1) || (h2 >= 0 && !clock_ok(h2, m2))) return 0;
    if (x.w[0] > 2) return 0;
    size_t e = j + 1;
    // The end of a range: "10.00 hingga 12.00 WITA", "19.00 WIB hingga pukul 21.00 WIB".
    auto range_end = [&](size_t k) {
      size_t c = Connector(k);
      if (!c) return k;
      size_t t = k + c;
      if (Has(t, DateFinder::kClock)) t += (Is(t + 1, '.') && Tight(t)) ? 2 : 1;
      struct Num y;
      if (Num(t, y) && y.n == 2 && (y.sep[0] == '.' || y.sep[0] == ':') && y.w[1] == 2 &&
          clock_ok(y.v[0], y.v[1]) && y.w[0] <= 2) {
        h2 = y.v[0], m2 = y.v[1];
        return t + 1;
      }
      return k;
    };
    if (h2 < 0) e = range_end(e);
    std::string zone;
    if (W(e) && !W(e)->zone.empty()) zone = W(e++)->zone;
    if (h2 < 0 && !zone.empty()) {
      size_t k = range_end(e);
      if (k > e) {
        e = k;
        if (W(e) && W(e)->zone == zone) ++e;  // the same zone written again
      }
    }
    std::string part;
    const Word* pw = nullptr;
    if (size_t k = Phrase(e, &pw, [](const Word& w) { return !w.daypart.empty(); })) {
      part = pw->daypart;
      e += k;
    }
    // Without "pukul", only a colon or a zone makes a clock time ("14:00", "09.30 WIB"):
    // "10.00" alone could be a count or a score.
    if (!clock && zone.empty() && x.sep[0] != ':') return 0;
    if (!clock && x.sep[0] == ':' && x.w[0] != 2 && zone.empty()) return 0;
    // After "malam"/"sore", "pukul 8" is 20:00; "siang" moves the early hours only.
    auto adjust = [&](int h) {
      if (h < 12 && (part == "AF" || part == "EV" || (part == "NI" && h >= 6))) return h + 12;
      if (h < 6 && part == "MI") return h + 12;
      return h;
    };
    h1 = adjust(h1);
    if (h2 >= 0) h2 = adjust(h2);
    std::string prefix;
    std::vector<std::string> inferred;
    if (anchor_ && anchor_para_ == Paragraph(i)) {
      prefix = IsoDay(*anchor_);
      inferred = {"year", "month", "day"};
    }
    // Written in one string (a chain of + made a temporary at each step).
    auto value = [&](int h, int m) {
      std::string v;
      v.reserve(prefix.size() + 10 + zone.size());
      v += prefix;
      AppendClock(v, 'T', h);
      AppendClock(v, ':', m);
      if (sec >= 0 && h == h1) AppendClock(v, ':', sec);
      v += zone;
      return v;
    };
    std::string type = h2 >= 0 ? "range" : prefix.empty() ? "time" : "datetime";
    // "pukul" is left out of the span, as "hari" and "tahun" are: the expression is the
    // clock time ("pukul 15.50 WIB" → "15.50 WIB", the NER corpora's convention).
    Emit(j, e, type, value(h1, m1), h2 >= 0 ? std::optional<std::string>(value(h2, m2)) : std::nullopt,
         std::move(inferred));
    if (prefix.empty()) loose_times_.push_back({doc_.dates.size() - 1, e});
    return e;
  }

  // "pagi hari", "malam hari": a part of the day, on the day last named in the paragraph.
  size_t DaypartForm(size_t i) {
    const Word* w = nullptr;
    size_t k = Phrase(i, &w, [](const Word& x) { return !x.daypart.empty(); });
    if (!k) return 0;
    size_t e = i + k;
    if (L(e) != "hari" || L(i + k - 1) == "hari") return 0;
    ++e;
    if (anchor_ && anchor_para_ == Paragraph(i))
      Emit(i, e, "datetime", IsoDay(*anchor_) + "T" + w->daypart, std::nullopt, {"year", "month", "day"});
    else
      Emit(i, e, "time", "T" + w->daypart);
    return e;
  }

  // ---- the Islamic calendar

  // "1 Syawal 1446 H", "10 Muharram 1447 Hijriah", "1 Syawal" (year inferred), and
  // "Ramadan 1446 H" (the month, as a range of days).
  size_t HijriForm(size_t i) {
    struct Num x;
    int day = 0;
    size_t j = i;
    if (Num(i, x)) {
      if (x.n != 1 || x.w[0] > 2 || x.v[0] < 1 || x.v[0] > 30) return 0;
      day = x.v[0];
      j = i + 1;
    }
    const Word* w = nullptr;
    size_t k = Phrase(j, &w, [](const Word& x) { return x.hijri_month > 0; });
    if (!k) return 0;
    int month = w->hijri_month;
    size_t e = j + k;
    int year = 0;
    struct Num y;
    if (Num(e, y) && y.n == 1 && y.w[0] == 4 && y.v[0] >= 1300 && y.v[0] <= 1700) {
      year = y.v[0];
      ++e;
      if (Has(e, DateFinder::kHijri)) {
        ++e;
        if (Is(e, '.') && Tight(e - 1) && Is(e - 1, 'h')) ++e;
      }
    }
    std::vector<std::string> inferred;
    if (!day) {
      if (!year) return 0;  // "Ramadan" alone: a season, not a date
      auto first = dates::HijriToGregorian(year, month, 1);
      auto last = dates::HijriToGregorian(year, month, 30);
      if (!last) last = dates::HijriToGregorian(year, month, 29);
      if (!first || !last) return 0;
      Emit(i, e, "range", IsoDay(*first), IsoDay(*last));
      return e;
    }
    std::optional<CivilDate> d;
    if (year) {
      d = dates::HijriToGregorian(year, month, day);
    } else {
      // The nearest such day, past before future, as for Gregorian dates.
      auto hy = dates::HijriYear(ref_);
      if (!hy) return 0;
      long best = 0;
      for (int cand = *hy - 1; cand <= *hy + 1; ++cand) {
        auto c = dates::HijriToGregorian(cand, month, day);
        if (!c) continue;
        long delta = c->DaysSinceEpoch() - ref_.DaysSinceEpoch();
        long cost = delta > 0 ? delta * 3 / 2 : -delta;
        if (!d || cost < best) d = c, best = cost;
      }
      inferred.push_back("year");
    }
    if (!d) {
      Emit(i, e, "date", std::nullopt, std::nullopt, std::move(inferred));
      return e;
    }
    SetAnchor(*d, i);
    Emit(i, e, "date", IsoDay(*d), std::nullopt, std::move(inferred));
    return e;
  }

  const DateFinder& f_;
  Document& doc_;
  const std::vector<Token>& toks_;
  size_t n_;
  std::string& lower_;    // doc.norm in ASCII lower case (Scratch::lower)
  std::vector<const Word*>& words_;  // one per token (Scratch::words)
  std::vector<uint32_t>& starts_;  // Scratch::starts
  // Num()'s last parse: of token parsed_token_ (SIZE_MAX: none yet).
  mutable size_t parsed_token_ = SIZE_MAX;
  mutable struct Num parsed_;
  mutable bool parsed_ok_ = false;
  CivilDate ref_;
  bool strong_ = false;
  std::optional<CivilDate> anchor_;
  size_t anchor_para_ = 0;
  std::vector<std::pair<size_t, CivilDate>>& days_;  // (first token, day) of each day found
  // (index in doc.dates, end token) of times without a day
  std::vector<std::pair<size_t, size_t>>& loose_times_;
};

void DateFinder::Run(Document& doc) const {
  thread_local DateScanner::Scratch scratch;
  DateScanner scanner(*this, doc, scratch);
  scanner.Scan();
}

std::optional<CivilDate> DateFinder::FindTopDate(Document& doc, uint32_t end, CivilDate latest) const {
  // The tokens that end by `end`: a date cut by it is not read in full, so not taken.
  size_t tokens = size_t(std::upper_bound(doc.tokens.begin(), doc.tokens.end(), end,
                                          [](uint32_t e, const Token& t) { return e < t.span.end; }) -
                         doc.tokens.begin());
  // A date written in full has its year in a number token ("2019", "19/9/2019", "18/9/19"),
  // at its end or one token before (a closing bracket): the tokens after the top's last such
  // number (four digits in a row, or three groups of digits) need no scan, and a top without
  // one holds no date in full.
  size_t scan = 0;
  for (size_t i = tokens; i-- > 0 && scan == 0;) {  // from the end: the last such number
    if (doc.tokens[i].kind != TokenKind::kNumber) continue;
    const std::string_view form = doc.Norm(doc.tokens[i]);
    int groups = 0;
    for (size_t k = 0, run = 0; k <= form.size(); ++k) {
      if (k < form.size() && form[k] >= '0' && form[k] <= '9') {
        ++run;
        continue;
      }
      if (run > 0) ++groups;
      if (run == 4 || groups >= 3) scan = i + 2;
      run = 0;
    }
  }
  if (scan == 0) return std::nullopt;
  tokens = std::min(tokens, scan);
  const size_t dates = doc.dates.size(), warnings = doc.warnings.size();
  thread_local DateScanner::Scratch scratch;
  DateScanner scanner(*this, doc, scratch, tokens);
  scanner.Scan();
  std::optional<CivilDate> day = TopDate(doc, end, latest);
  doc.dates.resize(dates);
  doc.warnings.resize(warnings);
  return day;
}

std::optional<CivilDate> DateFinder::TopDate(const Document& doc, uint32_t end, CivilDate latest) const {
  std::optional<CivilDate> first;
  for (const DateExpr& d : doc.dates) {
    if (d.span.start >= end) break;
    if ((d.type != "date" && d.type != "datetime") || !d.inferred.empty() || !d.value) continue;
    std::optional<CivilDate> day = CivilDate::Parse(*d.value);
    if (!day || *day > latest) continue;
    // Written with its weekday: the date's first token is a weekday name.
    auto tok = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), d.span.start,
                                [](const Token& t, uint32_t start) { return t.span.start < start; });
    if (tok != doc.tokens.end() && tok->span.start == d.span.start) {
      std::string key(doc.Norm(*tok));
      for (char& c : key) c = char(c + (static_cast<unsigned char>(c - 'A') < 26 ? 'a' - 'A' : 0));
      // A weekday that contradicts the date marks a typo in one of them: the date is then taken
      // only as a date without a weekday would be.
      if (const Word* w = Find(key); w && w->weekday >= 0 && w->weekday == day->Weekday()) return day;
    }
    if (!first) first = day;
  }
  return first;
}

}  // namespace warta
