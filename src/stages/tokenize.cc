#include "stages/tokenize.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "error.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta {
namespace {

using utf8::DecodeAt;

[[gnu::always_inline]] inline char32_t At(std::string_view s, size_t i) {
  return i < s.size() ? DecodeAt(s, i).cp : 0;
}
[[gnu::always_inline]] inline size_t Len(std::string_view s, size_t i) {
  return i < s.size() ? DecodeAt(s, i).len : 0;
}
[[gnu::always_inline]] inline char32_t Before(std::string_view s, size_t i) {
  return i > 0 ? DecodeAt(s, utf8::PrevStart(s, i)).cp : 0;
}

// ASCII bytes that separate chunks like whitespace does: spaces and control characters.
constexpr std::array<bool, 256> kAsciiSeparator = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t[' '] = true;
  t[0x7F] = true;
  return t;
}();

constexpr bool IsAsciiLetterByte(unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
constexpr bool IsAsciiDigitByte(unsigned char b) { return b >= '0' && b <= '9'; }
// std::isalnum in the "C" locale (warta never sets another), without a library call.
constexpr bool IsAsciiAlnumByte(unsigned char b) { return IsAsciiLetterByte(b) || IsAsciiDigitByte(b); }

// Bytes of a domain name ("ntt.kpu.go.id"), as the domain test reads them.
constexpr bool IsDomainByte(unsigned char b) { return IsAsciiAlnumByte(b) || b == '.' || b == '-'; }

// ASCII bytes that are always a token of their own, one byte long: every ASCII character but
// letters, digits, separators and those the chunk loop treats specially ('#' and '@' start
// hashtags and mentions, '\'' a possessive or a doubled quote, '.', '-' and '`' runs).
constexpr std::array<bool, 128> kLonePunct = [] {
  std::array<bool, 128> t{};
  for (int c = 0x21; c < 0x7F; ++c) t[c] = !IsAsciiAlnumByte(static_cast<unsigned char>(c));
  for (char c : std::string_view("#@'.-`")) t[static_cast<unsigned char>(c)] = false;
  return t;
}();

// Bytes after which a run of ASCII letters is certainly a whole plain word: no period
// (abbreviations, domains), hyphen, apostrophe, slash, colon, '@' or digit can follow.
constexpr std::array<bool, 256> kPlainWordEnd = [] {
  std::array<bool, 256> t{};
  for (char c : std::string_view(",;)!?\"")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// The first byte at or after i that is an ASCII separator or not ASCII at all (it may be a
// separator: the caller decodes it), or s.size(); has_at is set when an '@' comes before it.
// Sixteen bytes at a time: chunks with punctuation or digits run on past their letters.
size_t SkipChunkAscii(std::string_view s, size_t i, bool& has_at) {
  const size_t n = s.size();
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x21), del = _mm_set1_epi8(0x7F), at = _mm_set1_epi8('@');
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // As signed bytes, those >= 0x80 are negative: below 0x21 with the separators.
    const unsigned stop = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del))));
    const unsigned ats = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, at)));
    if (stop) {
      const unsigned k = unsigned(std::countr_zero(stop));
      has_at |= (ats & ((1u << k) - 1)) != 0;
      return i + k;
    }
    has_at |= ats != 0;
    i += 16;
  }
#endif
  for (; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80 || kAsciiSeparator[b]) break;
    has_at |= b == '@';
  }
  return i;
}

// Bytes of the separator at byte k of s (whitespace or a control character, which breaks
// tokens without being one), or 0; line_break is set when it holds a line break.
[[gnu::always_inline]] inline size_t SeparatorAt(std::string_view s, size_t k, bool& line_break) {
  const auto b = static_cast<unsigned char>(s[k]);
  if (b < 0x80) {
    if (!kAsciiSeparator[b]) return 0;
    line_break |= b == '\n' || b == '\r';
    return 1;
  }
  const utf8::CodePoint cp = DecodeAt(s, k);
  if (!(chars::IsSpace(cp.cp) || chars::IsControl(cp.cp))) return 0;
  line_break |= chars::IsBreak(cp.cp);
  return cp.len;
}

// The end of the chunk that goes on at byte k of s: its first separator, or s.size(); has_at
// is set when an '@' comes before it. (The fast path: sixteen ASCII bytes at a time, and
// only the bytes beyond ASCII decoded.)
size_t ChunkEnd(std::string_view s, size_t k, bool& has_at) {
  bool unused = false;
  while (k < s.size()) {
    k = SkipChunkAscii(s, k, has_at);
    if (k >= s.size() || static_cast<unsigned char>(s[k]) < 0x80 || SeparatorAt(s, k, unused)) break;
    k += DecodeAt(s, k).len;
  }
  return k;
}

// ChunkEnd's plain twin: a code point at a time.
size_t ChunkEndPlain(std::string_view s, size_t k, bool& has_at) {
  bool unused = false;
  while (k < s.size() && !SeparatorAt(s, k, unused)) {
    has_at |= s[k] == '@';
    k += DecodeAt(s, k).len;
  }
  return k;
}

// Trailing characters that close a URL or e-mail in chunk s[a, b) rather than belong to it:
// the end without them.
size_t TrimLinkTail(std::string_view s, size_t a, size_t b) {
  while (b > a && std::string_view(".,;:!?)\"'").find(s[b - 1]) != std::string_view::npos) {
    if (s[b - 1] == ')' && s.substr(a, b - a).find('(') != std::string_view::npos) break;
    --b;
  }
  return b;
}
// Superscript digits continue a unit: "km²", "m³".
bool IsSuperscript(char32_t c) { return c == 0xB2 || c == 0xB3 || c == 0xB9; }

std::string Capitalised(std::string_view s) {
  std::string lower = utf8::Lower(s);
  if (!lower.empty() && lower[0] >= 'a' && lower[0] <= 'z') lower[0] = char(lower[0] - 'a' + 'A');
  return lower;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

bool EndsWithIgnoreCase(std::string_view word, std::string_view suffix) {
  if (word.size() < suffix.size()) return false;
  for (size_t k = 0; k < suffix.size(); ++k)
    if (utf8::AsciiLower(word[word.size() - suffix.size() + k]) != suffix[k]) return false;
  return true;
}

using utf8::AsciiLowerTo;
using utf8::LowerInto;

// An amount rather than a date or time: a decimal comma ("6,2") or a thousands group ("9.000").
bool IsAmount(std::string_view number) {
  if (number.find(',') != std::string_view::npos) return true;
  for (size_t k = number.find('.'); k != std::string_view::npos; k = number.find('.', k + 1)) {
    size_t d = k + 1;
    while (d < number.size() && IsAsciiDigitByte(number[d])) ++d;
    if (d - k - 1 == 3) return true;
  }
  return false;
}

// The digits, periods and commas that follow byte q: "6,8" in "6,2-6,8 persen".
std::string_view NumberAt(std::string_view s, size_t q, size_t end) {
  size_t r = q;
  while (r < end && (IsAsciiDigitByte(s[r]) || s[r] == '.' || s[r] == ',')) ++r;
  while (r > q && (s[r - 1] == '.' || s[r - 1] == ',')) --r;  // "2024," ends a clause, not a decimal
  return s.substr(q, r - q);
}

// "S/A", "C/O", "a/n": one letter on each side of the slash at byte q (the word began at p).
bool SingleLetters(std::string_view s, size_t p, size_t q, size_t end) {
  if (q != p + Len(s, p) || !chars::IsLetter(At(s, p))) return false;
  size_t r = q + 1;
  if (r >= end || !chars::IsLetter(At(s, r))) return false;
  r += Len(s, r);
  return r >= end || !chars::IsAlnum(At(s, r));
}

}  // namespace

Tokenizer::Tokenizer(const Lexicon& lexicon, StageSettings settings) : fast_paths_(settings.fast_paths) {
  for (char32_t c = 0; c < 0x80; ++c) ascii_kind_[c] = chars::IsPunct(c) ? TokenKind::kPunct : TokenKind::kSymbol;
  for (const LexiconRow& row : lexicon.Rows("tokenize/abbreviations.tsv", 1)) {
    const std::string& f = row.fields[0];
    const bool closing = row.fields.size() > 1 && row.fields[1] == "closing";
    auto add = [&](const std::string& form) {
      abbreviations_.Insert(hash::Fnv1a(form)) |= closing ? kAbbreviation | kClosing : kAbbreviation;
      if (form.size() < 64) abbreviation_sizes_[static_cast<unsigned char>(form[0])] |= uint64_t{1} << form.size();
    };
    add(f);
    if (utf8::CountCodePoints(f) > 2) {
      add(utf8::Lower(f));
      add(Upper(f));
      add(Capitalised(f));
    }
    max_abbreviation_ = std::max(max_abbreviation_, f.size());
  }
  for (const LexiconRow& row : lexicon.Rows("tokenize/tlds.tsv", 1)) tlds_.insert(row.fields[0]);
  for (const LexiconRow& row : lexicon.Rows("tokenize/currency.tsv", 1)) {
    currencies_.push_back(row.fields[0]);
    currency_first_[static_cast<unsigned char>(row.fields[0][0])] = true;
  }
  std::sort(currencies_.begin(), currencies_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const LexiconRow& row : lexicon.Rows("tokenize/clitics.tsv", 2)) {
    const std::string& f = row.fields[0];
    const std::string& n = row.fields[1];
    size_t min_stem = 0;
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), min_stem);
    if (ec != std::errc() || end != n.data() + n.size())
      throw Error(lexicon.Where("tokenize/clitics.tsv", row.line) + ": minimum stem length '" + n +
                  "' is no number");
    if (f.size() < 2)
      throw Error(lexicon.Where("tokenize/clitics.tsv", row.line) + ": a clitic has two letters or more");
    const auto tail2 = uint16_t(static_cast<unsigned char>(f[f.size() - 2]) << 8 | static_cast<unsigned char>(f.back()));
    clitics_.push_back({f, min_stem, tail2, f == "nya", f == "ku" || f == "mu"});
    // Words are matched in ASCII lower case (EndsWithIgnoreCase): both cases of each letter.
    auto cases = [](unsigned char b) {
      return b >= 'a' && b <= 'z' ? std::array<unsigned char, 2>{b, static_cast<unsigned char>(b - 'a' + 'A')}
                                  : std::array<unsigned char, 2>{b, b};
    };
    for (unsigned char x : cases(static_cast<unsigned char>(f[f.size() - 2])))
      for (unsigned char y : cases(static_cast<unsigned char>(f.back()))) clitic_tail_any_case_.set(x << 8 | y);
  }
  std::sort(clitics_.begin(), clitics_.end(),
            [](const Clitic& a, const Clitic& b) { return a.form.size() > b.form.size(); });
  for (const Clitic& c : clitics_) max_clitic_ = std::max(max_clitic_, c.form.size());
  for (const std::string& w : lexicon.Words("tokenize/clitic_exceptions.tsv")) clitic_words_.Insert(hash::Fnv1a(w)) |= kKeepWhole;
  for (const std::string& w : lexicon.Words("tokenize/clitic_splits.tsv")) clitic_words_.Insert(hash::Fnv1a(w)) |= kForceSplit;
  words_ = lexicon.Index();
  for (const std::string& w : lexicon.Words("tokenize/prefixes.tsv")) prefixes_.push_back(w);
  // Longest first ("meng" before "me"); each is tried in turn.
  std::sort(prefixes_.begin(), prefixes_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

size_t Tokenizer::MatchAbbreviation(std::string_view s, size_t i) const {
  // Candidates end at a period within max_abbreviation_ bytes; the longest known one wins.
  size_t best = 0;
  size_t limit = std::min(s.size(), i + max_abbreviation_);
  for (size_t k = i; k < limit;) {
    // The next period: a byte loop, as the span is a few bytes (a call to memchr cost more).
    while (k < limit && s[k] != '.') ++k;
    if (k >= limit) break;
    size_t end = k + 1;
    ++k;
    // An abbreviation ends the word: "Kab." before "Kupang" or "5", not "Kab.kupang".
    char32_t next = At(s, end);
    if (next != 0 && chars::IsLetter(next) && chars::IsLower(next)) continue;
    // Most candidates ("Riau.", "lalu.") have a first byte and size no abbreviation has.
    const size_t size = end - i;
    if (fast_paths_ && size < 64 && !(abbreviation_sizes_[static_cast<unsigned char>(s[i])] >> size & 1))
      continue;
    if (FlagsIn(abbreviations_, s.substr(i, size))) best = size;
  }
  return best;
}

size_t Tokenizer::MatchInitials(std::string_view s, size_t i) {
  // (Capital '.'){2,} at the chunk end, before punctuation or before a capital: "D.W. Martowardojo",
  // "R.A.Kartini".
  size_t q = i;
  int n = 0;
  while (q < s.size()) {
    char32_t c = At(s, q);
    size_t len = Len(s, q);
    if (!chars::IsUpper(c) || At(s, q + len) != '.') break;
    q += len + 1;
    ++n;
  }
  if (n < 2) return 0;
  char32_t after = At(s, q);
  return after == 0 || !chars::IsAlnum(after) || chars::IsUpper(after) ? q - i : 0;
}

bool Tokenizer::EndsSentence(std::string_view norm, std::string_view abbreviation, size_t end) const {
  if (!(FlagsIn(abbreviations_, abbreviation) & kClosing)) return false;
  // The next word starts with a capital and is no abbreviation or initial ("Pte. Ltd.").
  size_t k = end;
  while (k < norm.size() && (norm[k] == ' ' || norm[k] == '\n' || norm[k] == '\r' || norm[k] == '\t')) ++k;
  if (k == end || k >= norm.size() || !chars::IsUpper(DecodeAt(norm, k).cp)) return false;
  size_t w = k;
  while (w < norm.size() && chars::IsLetter(DecodeAt(norm, w).cp)) w += DecodeAt(norm, w).len;
  return w > k && (w >= norm.size() || norm[w] != '.');
}

bool Tokenizer::IsDomain(std::string_view s) const {
  // label(.label)+ with a known last label; labels alphanumeric or hyphen.
  size_t dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= s.size()) return false;
  for (char c : s)
    if (!(IsAsciiAlnumByte(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return false;
  if (s.find("..") != std::string_view::npos) return false;
  return KnownTld(s);
}

bool Tokenizer::KnownTld(std::string_view s) const {
  std::string buf;
  return tlds_.find(LowerInto(s.substr(s.rfind('.') + 1), buf)) != tlds_.end();  // (npos + 1: all of s)
}

bool Tokenizer::HyphenJoins(std::string_view left, std::string_view s, size_t right_start, size_t end) const {
  size_t r = right_start;
  while (r < end && chars::IsLetter(At(s, r))) r += Len(s, r);
  std::string_view right = s.substr(right_start, r - right_start);
  if (right.empty()) return true;  // ke-3, COVID-19
  // Two different names: "Jakarta-Bandung", "TNI-Polri", "Bapepam-LK", "E-Net" split; a
  // one-letter tail ("APBN-P"), an article ("Al-Azhar"), two all-capital parts ("PEI-AISAH")
  // and reduplication ("Kata-Kata") stay whole; so do a range of weekdays or months ("Senin-Rabu",
  // "Januari-Maret": the dates stage reads such ranges so). The tests on the letters come
  // first: most hyphenated words ("kata-kata", "pasca-pemilu") are joined by them alone.
  auto all_upper = [](std::string_view w) {
    for (size_t k = 0; k < w.size(); k += Len(w, k))
      if (!chars::IsUpper(At(w, k))) return false;
    return true;
  };
  if (!chars::IsUpper(At(left, 0)) || !chars::IsUpper(At(right, 0))) return true;
  if (utf8::CountCodePoints(right) < 2) return true;
  if (utf8::CountCodePoints(left) == 2 && !all_upper(left)) return true;
  if (all_upper(left) && all_upper(right)) return true;
  // The lower case: on the stack for short ASCII words (the fast path), else utf8::Lower's.
  char small_a[32], small_b[32];
  std::string big_a, big_b;
  std::string_view a = fast_paths_ && left.size() <= sizeof small_a && AsciiLowerTo(left, small_a)
                           ? std::string_view(small_a, left.size())
                           : LowerInto(left, big_a);
  std::string_view b = fast_paths_ && right.size() <= sizeof small_b && AsciiLowerTo(right, small_b)
                           ? std::string_view(small_b, right.size())
                           : LowerInto(right, big_b);
  const uint32_t both =
      fast_paths_ ? WordFlags<true>(a) & WordFlags<true>(b) : WordFlags<false>(a) & WordFlags<false>(b);
  if (both & (WordIndex::kWeekday | WordIndex::kMonth)) return true;
  return a == b;
}

template <bool kFast>
uint32_t Tokenizer::SplitClitic(std::string_view word) const {
  const size_t size = word.size();
  const auto tail2 = uint16_t(static_cast<unsigned char>(utf8::AsciiLower(word[size - 2])) << 8 |
                              static_cast<unsigned char>(utf8::AsciiLower(word.back())));
  // The filters of the fast path, each passing what the test after it rejects anyway: a clitic
  // whose last two bytes are not the word's does not end it; a clitic after a hyphen has the
  // hyphen among the word's last max_clitic_ + 1 bytes; a stem of 4 * min_stem bytes or more
  // has min_stem code points; an ASCII word is lowered on the stack, its code points its bytes.
  constexpr bool fast = kFast;
  // At least min_stem code points.
  auto long_enough = [](std::string_view stem, size_t min_stem) {
    if (fast && stem.size() >= 4 * min_stem) return true;  // (a code point has at most four bytes)
    size_t n = 0;
    for (char c : stem) n += !utf8::IsContinuation(c);
    return n >= min_stem;
  };
  // "hamba-Ku", "melakukan-Nya": a clitic written after a hyphen splits with the hyphen on the
  // stem. (The hyphen is then the last one of the word: no clitic holds a hyphen.)
  bool hyphen = !fast;
  for (size_t k = size > max_clitic_ + 1 ? size - max_clitic_ - 1 : 0; fast && k < size; ++k)
    hyphen |= word[k] == '-';
  if (hyphen) {
    for (const Clitic& c : clitics_) {
      if ((fast && c.tail2 != tail2) || size < c.form.size() + 2) continue;
      size_t hyphen = size - c.form.size() - 1;
      if (word[hyphen] == '-' && EndsWithIgnoreCase(word, c.form) && long_enough(word.substr(0, hyphen), c.min_stem))
        return uint32_t(hyphen + 1);
    }
  }
  for (const Clitic& c : clitics_) {
    if ((fast && c.tail2 != tail2) || !EndsWithIgnoreCase(word, c.form)) continue;
    size_t stem_bytes = size - c.form.size();
    std::string_view stem = word.substr(0, stem_bytes);
    char small[64];
    std::string big;
    std::string_view lw;
    const bool ascii = fast && size <= sizeof small && AsciiLowerTo(word, small);
    if (ascii) lw = {small, size};
    else lw = LowerInto(word, big);
    if (ascii ? stem.size() < c.min_stem : !long_enough(stem, c.min_stem)) return 0;
    const auto last = static_cast<unsigned char>(stem.back());
    if (fast && last < 0x80 ? !IsAsciiLetterByte(last) : !chars::IsLetter(Before(stem, stem.size())))
      return 0;  // "ke-nya", "2nya"
    uint8_t flags = FlagsIn(clitic_words_, lw);
    if (flags & kForceSplit) return uint32_t(stem_bytes);
    if ((flags & kKeepWhole) || IsLemma<kFast>(lw)) return 0;
    if (c.nya) return uint32_t(stem_bytes);
    // -ku and -mu on a capitalised word end names ("Maluku"), not a possessor.
    if (c.ku_mu && chars::IsUpper(At(word, 0))) return 0;
    // -ku, -mu, -lah, -kah, -pun: only when the stem is a known word ("bukuku", "tidaklah").
    std::string_view lstem = lw.substr(0, lw.size() - c.form.size());
    if (IsLemma<kFast>(lstem)) return uint32_t(stem_bytes);
    if (c.ku_mu) return 0;
    // A particle after a derived verb: "berkatalah" (ber + kata), not "bermasalah" (ber + masalah).
    for (const std::string& prefix : prefixes_) {
      if (lstem.size() < prefix.size() + 4 || lstem.compare(0, prefix.size(), prefix) != 0) continue;
      if (IsLemma<kFast>(lw.substr(prefix.size()))) return 0;
      if (IsLemma<kFast>(lstem.substr(prefix.size()))) return uint32_t(stem_bytes);
    }
    return 0;
  }
  return 0;
}

// Where the tokens of one document go. The stage works in norm offsets; Push() maps each
// token to its text span as it comes (Document::NormToOrig's answer) and drops a token
// wholly inside a normalised sequence, which has nothing of its own to show: the whitespace
// after it (Run() marks the last token) then follows the token before it. Tokens come in
// text order, and most lie in the same copied piece of the norm map as the token before
// (for the usual document, whose norm is the text, all do): they map by one addition (the
// fast path; the plain path asks the OffsetMap itself for every token).
struct Tokenizer::Sink {
  Document& doc;
  OffsetMap::Cursor map;
  // Norm bytes [lo, hi) map to norm + delta (mod 2^32): the cursor's last copied piece.
  uint32_t lo, hi, delta;
  const bool fast;
  Sink(Document& d, bool fast_paths) : doc(d), map(d.norm_map), fast(fast_paths) {
    Remember();
    doc.tokens.clear();
    doc.tokens.reserve(doc.norm.size() / 5 + 16);  // news text has a token per 5.5 bytes
  }

  // Appends the token norm[a, b), with its clitic starting at norm byte a + stem (stem 0: none;
  // else stem < b - a, as CliticSplit gives it).
  // Inlined everywhere: a call cost more than the usual token's work.
  [[gnu::always_inline]] void Push(uint32_t a, uint32_t b, TokenKind kind, uint32_t stem = 0) {
    if (b <= a) return;  // an empty span: nothing to show
    if (a < lo || b > hi || doc.tokens.size() == doc.tokens.capacity()) [[unlikely]]
      return PushSlow(a, b, kind, stem);  // a tail call: the usual path saves no registers
    Append(Span{a + delta, b + delta}, a, b, stem ? a + delta + stem : 0, kind);
  }

 private:
  void Remember() {
    if (!fast) {  // no piece is known: every token goes through PushSlow
      lo = UINT32_MAX;
      hi = delta = 0;
      return;
    }
    lo = map.linear_begin();
    hi = map.linear_end();
    delta = map.linear_delta();
  }
  // Push() through the cursor (the plain path: through the map), after making room.
  [[gnu::noinline]] void PushSlow(uint32_t a, uint32_t b, TokenKind kind, uint32_t stem) {
    const OffsetMap& plain = doc.norm_map;
    const uint32_t s = fast ? map.OrigStart(a) : plain.OrigStart(a);
    const uint32_t e = fast ? map.OrigEnd(b) : plain.OrigEnd(b);
    uint32_t c = !stem ? 0 : fast ? map.OrigStart(a + stem) : plain.OrigStart(a + stem);
    Remember();
    if (e <= s) return;
    if (c <= s || c >= e) c = 0;
    if (doc.tokens.size() == doc.tokens.capacity()) doc.tokens.reserve(doc.tokens.size() * 2);
    Append(Span{s, e}, a, b, c, kind);
  }
  // A token at the end of doc.tokens, written field by field where it lies: a Token built
  // aside and copied in had its byte fields stored singly and reloaded as one word, a stalled
  // store-to-load forward for every token. (Not emplace_back's parenthesised aggregate
  // initialisation, which clang 14, the fuzz targets' compiler, lacks.)
  void Append(Span span, uint32_t a, uint32_t b, uint32_t clitic, TokenKind kind) {
    Token& t = doc.tokens.emplace_back();
    t.span = span;
    t.norm_start = a;
    t.norm_end = b;
    t.clitic = clitic;
    t.kind = kind;
    t.space_after = false;
    t.line_break_after = false;
  }
};

// One whitespace-free chunk being read: TokenizeChunk's scratch, which its readers share.
struct Tokenizer::Chunk {
  Sink& out;
  std::string_view s;  // doc.norm up to the chunk's end: the readers never look past it
  size_t end;          // s.size()
  bool has_at;         // an '@' is in the chunk: e-mails and mentions are looked for
  // (A memo of ReadWord's fast path.) The dotted run up to here was found to be no domain.
  size_t no_domain_until = 0;
  void Emit(size_t a, size_t b, TokenKind kind) { out.Push(uint32_t(a), uint32_t(b), kind); }
};

// Inline: the plain words of Tokenize() come here.
template <bool kFast>
[[gnu::always_inline]] inline void Tokenizer::EmitWord(Sink& out, const char* norm, uint32_t a,
                                                       uint32_t b) const {
  out.Push(a, b, TokenKind::kWord, CliticSplit<kFast>(std::string_view(norm + a, b - a)));
}

void Tokenizer::Run(Document& doc) const {
  if (fast_paths_)
    Tokenize<true>(doc);
  else
    Tokenize<false>(doc);
}

template <bool kFast>
void Tokenizer::Tokenize(Document& doc) const {
  const std::string_view s = doc.norm;
  const size_t n = s.size();
  Sink out(doc, kFast);
  const bool may_overflow = n > kMaxTokens;  // every token holds a byte of the norm
  size_t i = 0;
  while (i < n) {
    // The separators before the next chunk.
    size_t j = i;
    bool line_break = false;
    if (kFast && j + 1 < n && s[j] == ' ' && static_cast<unsigned char>(s[j + 1]) - 0x21u < 0x5Eu) {
      j = i + 1;  // the usual separator: one space, then a printable ASCII character
    } else {
      while (j < n) {
        const size_t len = SeparatorAt(s, j, line_break);
        if (!len) break;
        j += len;
      }
    }
    if (j > i && !doc.tokens.empty()) {
      doc.tokens.back().space_after = true;
      doc.tokens.back().line_break_after |= line_break;
    }
    if (j >= n) break;
    // The chunk.
    size_t k = kFast ? chars::SkipAsciiLetters(s, j) : j;
    if (kFast && (k == n || kAsciiSeparator[static_cast<unsigned char>(s[k])])) {
      // The usual chunk: ASCII letters only, a plain word (no period, digit or '@' in it).
      EmitWord<kFast>(out, s.data(), uint32_t(j), uint32_t(k));
    } else {
      bool has_at = false;  // (no '@' among the letters before k)
      k = kFast ? ChunkEnd(s, k, has_at) : ChunkEndPlain(s, k, has_at);
      TokenizeChunk<kFast>(out, uint32_t(j), uint32_t(k), has_at);
    }
    if (may_overflow && doc.tokens.size() > kMaxTokens) {
      doc.Warn("limit-tokens",
               "more than " + std::to_string(kMaxTokens) + " tokens: the rest of the text was not tokenised");
      break;
    }
    i = k;
  }
  if (!doc.tokens.empty()) doc.tokens.back().space_after = true;
  doc.token_keys.assign(doc.tokens.size(), 0);  // (filled on demand: Document::TokenKey)
}

template <bool kFast>
void Tokenizer::TokenizeChunk(Sink& out, uint32_t start, uint32_t end, bool has_at) const {
  Chunk c{out, std::string_view(out.doc.norm.data(), end), end, has_at};
  size_t p = start;
  while (p < end) {
    if (kFast && ReadPlain(c, p)) continue;
    const char32_t ch = At(c.s, p);
    const size_t ch_len = Len(c.s, p);
    if (ReadLink(c, p, ch)) continue;
    if (chars::IsAlnum(ch)) {
      if (!ReadAbbreviation<kFast>(c, p, ch, ch_len)) ReadWord<kFast>(c, p);
      continue;
    }
    ReadPunct(c, p, ch, ch_len);
  }
}

// Inline: most tokens of a chunk come here first.
[[gnu::always_inline]] inline bool Tokenizer::ReadPlain(Chunk& c, size_t& p) const {
  const std::string_view s = c.s;
  const auto b0 = static_cast<unsigned char>(s[p]);
  if (IsAsciiLetterByte(b0) && !c.has_at) {
    size_t q = chars::SkipAsciiLetters(s, p + 1);  // s ends at the chunk end
    if (q == c.end || kPlainWordEnd[static_cast<unsigned char>(s[q])]) {
      EmitWord<true>(c.out, s.data(), uint32_t(p), uint32_t(q));
      p = q;
      return true;
    }
    // A word and a single period ("lalu." "Riau.,Penangkapan"): the word and "." unless
    // the tests below would read them otherwise. Not when the period starts a domain or a
    // run ("KOMPAS.com", "dst..") or the letters could be a currency ("Rp."), "www.", an
    // initial ("M.") or an abbreviation ("Kab.", "dll.").
    if (s[q] == '.' && (q + 1 == c.end || !IsDomainByte(static_cast<unsigned char>(s[q + 1]))) &&
        !currency_first_[b0] && !(q - p == 1 && chars::IsUpper(b0)) &&
        !(q - p == 3 && s[p] == 'w' && s[p + 1] == 'w' && s[p + 2] == 'w') &&
        // (No abbreviation starting with b0 is as long as "word." or longer: none matches.)
        ((abbreviation_sizes_[b0] >> std::min<size_t>(q + 1 - p, 63)) == 0 || MatchAbbreviation(s, p) == 0)) {
      EmitWord<true>(c.out, s.data(), uint32_t(p), uint32_t(q));
      c.Emit(q, q + 1, TokenKind::kPunct);
      p = q + 1;
      return true;
    }
  }
  // Punctuation that is a token by itself (",", "(", ")", "\"" …): what ReadPunct's last line
  // gives it, without the tests in between.
  if (b0 < 0x80 && kLonePunct[b0]) {
    c.Emit(p, p + 1, ascii_kind_[b0]);
    ++p;
    return true;
  }
  return false;
}

[[gnu::always_inline]] inline bool Tokenizer::ReadLink(Chunk& c, size_t& p, char32_t ch) const {
  constexpr size_t kMaxEmail = 320;  // longer chunks are no address (and would cost quadratic time)
  const std::string_view s = c.s, rest = s.substr(p);
  // URLs and e-mail addresses run to the end of the chunk, less closing punctuation.
  if ((ch == 'h' || ch == 'w') &&
      (rest.rfind("http://", 0) == 0 || rest.rfind("https://", 0) == 0 || rest.rfind("www.", 0) == 0)) {
    const size_t b = TrimLinkTail(s, p, c.end);
    c.Emit(p, b, TokenKind::kUrl);
    p = b;
    return true;
  }
  if (c.has_at && chars::IsAlnum(ch) && c.end - p <= kMaxEmail) {
    const size_t at = rest.find('@');
    if (at != std::string_view::npos && at > 0 &&
        rest.substr(0, at).find_first_of("()\"'") == std::string_view::npos) {
      const size_t b = TrimLinkTail(s, p, c.end);
      const std::string_view cand = s.substr(p, b - p);
      const size_t at2 = cand.find('@');
      if (at2 != std::string_view::npos && cand.find('.', at2) != std::string_view::npos &&
          cand.find_first_of("()\"',;") == std::string_view::npos) {
        c.Emit(p, b, TokenKind::kEmail);
        p = b;
        return true;
      }
    }
  }
  // "#Pemilu2024", "@kpu_ri", "@kpu.ri": a hashtag or mention runs over letters, digits and
  // '_' (and inner periods in a mention).
  if ((ch == '#' || ch == '@') && p + 1 < c.end && (chars::IsAlnum(At(s, p + 1)) || At(s, p + 1) == '_')) {
    size_t q = p + 1;
    while (q < c.end) {
      const char32_t d = At(s, q);
      const bool inner_dot = ch == '@' && d == '.' && q + 1 < c.end && chars::IsAlnum(At(s, q + 1));
      if (!(chars::IsAlnum(d) || d == '_' || inner_dot)) break;
      q += Len(s, q);
    }
    c.Emit(p, q, ch == '#' ? TokenKind::kHashtag : TokenKind::kMention);
    p = q;
    return true;
  }
  return false;
}

template <bool kFast>
[[gnu::always_inline]] inline bool Tokenizer::ReadAbbreviation(Chunk& c, size_t& p, char32_t ch,
                                                               size_t ch_len) const {
  const std::string_view s = c.s;
  // A currency prefix before an amount: "Rp9.000" → "Rp" "9.000".
  if (currency_first_[static_cast<unsigned char>(s[p])]) {
    for (const std::string& cur : currencies_) {
      if (s.substr(p).rfind(cur, 0) == 0 && p + cur.size() < c.end && chars::IsDigit(At(s, p + cur.size()))) {
        c.Emit(p, p + cur.size(), TokenKind::kWord);
        p += cur.size();
        return true;
      }
    }
  }
  // Known abbreviations, titles and degrees with their periods; initials: each ends in a
  // period within max_abbreviation_ bytes (the fast path looks for one first).
  if (!chars::IsLetter(ch)) return false;
  if (kFast && !std::memchr(s.data() + p, '.', std::min<size_t>(c.end - p, max_abbreviation_ + 1)))
    return false;
  if (size_t len = MatchAbbreviation(s, p)) {
    if (p + len == c.end && EndsSentence(c.out.doc.norm, s.substr(p, len), c.end)) {
      // "… jagung dll. Konon …": the period ends the sentence and is a token of its own.
      c.Emit(p, p + len - 1, TokenKind::kWord);
      c.Emit(p + len - 1, p + len, TokenKind::kPunct);
    } else {
      c.Emit(p, p + len, TokenKind::kAbbrev);
    }
    p += len;
    return true;
  }
  if (size_t len = MatchInitials(s, p)) {
    c.Emit(p, p + len, TokenKind::kInitial);
    p += len;
    return true;
  }
  // An initial: one capital and a period, before a space, the end or another capital
  // ("M.Samsul" → "M." "Samsul", "A. Yani").
  if (chars::IsUpper(ch) && At(s, p + ch_len) == '.') {
    const char32_t after = At(s, p + ch_len + 1);
    if (p + ch_len + 1 >= c.end || chars::IsUpper(after)) {
      c.Emit(p, p + ch_len + 1, TokenKind::kInitial);
      p += ch_len + 1;
      return true;
    }
  }
  return false;
}

[[gnu::always_inline]] inline bool Tokenizer::ConnectorJoins(const Chunk& c, size_t p, size_t q, char32_t d,
                                                             WordRun& run) const {
  const std::string_view s = c.s;
  const char32_t prev = Before(s, q);
  const char32_t next = At(s, q + 1);
  switch (d) {
    case '-':
      if (!chars::IsAlnum(next)) return false;
      if (chars::IsDigit(prev) && chars::IsDigit(next)) {
        // 27-10-2025, 2025-10-27, 27-29/10, 0380-821234, 09.30-12.00 and 2020-2024 stay one
        // token (the dates stage reads them so); a range of amounts splits: "6,2-6,8",
        // "9.000-9.300".
        return !IsAmount(s.substr(run.part, q - run.part)) && !IsAmount(NumberAt(s, q + 1, c.end));
      }
      if (chars::IsLetter(prev)) return HyphenJoins(s.substr(run.part, q - run.part), s, q + 1, c.end);
      return true;  // kata-kata, ke-3, COVID-19, 1960-an, Kep-176
    case '.':
    case ',': {
      const bool joins = (chars::IsDigit(prev) && chars::IsDigit(next)) ||
                         (d == '.' && run.regulation && chars::IsAlnum(prev) && chars::IsAlnum(next));
      run.has_group |= joins && chars::IsDigit(prev);
      return joins;
    }
    case '/': {
      if (!chars::IsAlnum(prev) || !chars::IsAlnum(next)) return false;
      // "Rp9.100/9.105" is a range of amounts; "27/10", "7/2017", "II/2007" are one.
      const bool joins = chars::IsDigit(prev) && run.has_group
                             ? false
                             : run.has_digit || chars::IsDigit(next) || SingleLetters(s, p, q, c.end);
      run.regulation |= joins;
      return joins;
    }
    case ':':
      return chars::IsDigit(prev) && chars::IsDigit(next);  // 09:30
    case '\'':
      // Jum'at, but "Moody's" → "Moody" "'s".
      return chars::IsLetter(prev) && chars::IsLetter(next) &&
             !((next == 's' || next == 'S') && !chars::IsLetter(At(s, q + 2)));
    default:
      return false;
  }
}

template <bool kFast>
[[gnu::always_inline]] inline void Tokenizer::ReadWord(Chunk& c, size_t& p) const {
  const std::string_view s = c.s;
  const size_t end = c.end;
  WordRun run{p};
  size_t q = p;
  while (q < end) {
    const auto bq = static_cast<unsigned char>(s[q]);
    if (IsAsciiLetterByte(bq)) {
      run.has_letter = true;
      ++q;
      continue;
    }
    if (IsAsciiDigitByte(bq)) {
      run.has_digit = true;
      ++q;
      continue;
    }
    const char32_t d = At(s, q);
    if (chars::IsAlnum(d)) {
      run.has_letter |= chars::IsLetter(d);
      run.has_digit |= chars::IsDigit(d);
      q += Len(s, q);
      continue;
    }
    if (IsSuperscript(d) && q > p && chars::IsLetter(Before(s, q))) {  // "km²"
      q += Len(s, q);
      continue;
    }
    if (q + 1 >= end || !ConnectorJoins(c, p, q, d, run)) break;
    q += 1;
    if (d == '-') run.part = q;
  }
  if (!run.has_letter) {
    c.Emit(p, q, TokenKind::kNumber);
    p = q;
    return;
  }
  // A domain: "ntt.kpu.go.id", "KOMPAS.com": the word and the dotted run after it.
  if (At(s, q) == '.' && (!kFast || q >= c.no_domain_until)) {
    const size_t domain_end = std::min<size_t>(end, p + 254);  // RFC 1035: 253 characters at most
    size_t run_end = q;
    while (run_end < domain_end && IsDomainByte(static_cast<unsigned char>(s[run_end]))) ++run_end;
    size_t r = run_end;
    while (r > q && (s[r - 1] == '.' || s[r - 1] == '-')) --r;
    if (r > q + 1 && IsDomain(s.substr(p, r - p))) {
      c.Emit(p, r, TokenKind::kUrl);
      p = r;
      return;
    }
    // (The fast path's memo.) When the run ends before the 253 characters (its end is then
    // every later word's of the run too) in a last label that is no top-level domain, no later
    // word of the run up to r starts a domain either: their test is skipped. This bounds the
    // work on a long dotted run to a pass.
    if (kFast && (run_end < domain_end || domain_end == end) && r > q + 1 && !KnownTld(s.substr(q, r - q)))
      c.no_domain_until = r;
  }
  EmitWord<kFast>(c.out, s.data(), uint32_t(p), uint32_t(q));
  p = q;
}

[[gnu::always_inline]] inline void Tokenizer::ReadPunct(Chunk& c, size_t& p, char32_t ch,
                                                        size_t ch_len) const {
  const std::string_view s = c.s;
  // English possessive: "Moody's" → "Moody" "'s".
  if (ch == '\'' && (At(s, p + 1) == 's' || At(s, p + 1) == 'S') && chars::IsLetter(Before(s, p)) &&
      !chars::IsLetter(At(s, p + 2))) {
    c.Emit(p, p + 2, TokenKind::kWord);
    p += 2;
    return;
  }
  // Runs of periods ("...") and hyphens ("--") and the doubled quotes `` and '' are one token;
  // "?!" is two, as in UD Indonesian.
  if (ch == '.' || ch == '-' || ch == '`' || ch == '\'') {
    size_t q = p + 1;
    if (ch == '.' || ch == '-') {
      while (q < c.end && s[q] == char(ch)) ++q;
    } else if (q < c.end && s[q] == char(ch)) {
      ++q;
    }
    c.Emit(p, q, TokenKind::kPunct);
    p = q;
    return;
  }
  c.Emit(p, p + ch_len, chars::IsPunct(ch) ? TokenKind::kPunct : TokenKind::kSymbol);
  p += ch_len;
}

}  // namespace warta
