#include "stages/people_words.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <deque>
#include <string>
#include <type_traits>

#include "stages/tokens.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta::people {

namespace {

// True when the n bytes at p hold no capital A-Z and nothing beyond ASCII: a word that is its
// own lower-case form, as most words are. Eight bytes at a time (SWAR): for an ASCII byte b,
// b + 0x3F reaches 0x80 exactly when b >= 'A', and b + 0x25 exactly when b > 'Z', with no carry
// into the next byte; a byte >= 0x80 fails anyway, whatever carries it makes. Reads up to 7
// bytes past p + n, but never past `limit`; bytes past p + n are masked off (little-endian).
[[gnu::always_inline]] inline bool LowerAscii(const char* p, size_t n, const char* limit) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto clean = [](uint64_t x) {
    uint64_t capital = (x + 0x3F3F3F3F3F3F3F3Full) & ~(x + 0x2525252525252525ull);
    return ((x | capital) & kHigh) == 0;
  };
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    if (!clean(x)) return false;
  }
  if (n == 0) return true;
  if constexpr (std::endian::native == std::endian::little) {
    if (p + 8 <= limit) {
      uint64_t x;
      std::memcpy(&x, p, 8);
      return clean(x & ((uint64_t(1) << (8 * n)) - 1));
    }
  }
  for (; n > 0; ++p, --n)
    if ((*p >= 'A' && *p <= 'Z') || static_cast<unsigned char>(*p) >= 0x80) return false;
  return true;
}

// Inserts k into the sorted v[0, n), unless it is there; returns the new n. Requires room
// for v[n].
[[gnu::noinline]] size_t InsertSorted(uint32_t* v, size_t n, uint32_t k) {
  uint32_t* at = std::lower_bound(v, v + n, k);
  if (at != v + n && *at == k) return n;
  std::copy_backward(at, v + n, v + n + 1);
  *at = k;
  return n + 1;
}

// A word's 8-byte pieces, for hashing and comparing words read in place in a document: the
// last piece holds the word's last n % 8 bytes, zero-padded (little-endian; it reads past the
// word, never past `limit`, when it can: one load instead of a byte loop).
[[gnu::always_inline]] inline uint64_t Piece(const char* p, size_t n, const char* limit) {
  uint64_t x = 0;
  if (n >= 8) {
    std::memcpy(&x, p, 8);
    return x;
  }
  if constexpr (std::endian::native == std::endian::little) {
    if (p + 8 <= limit) {
      std::memcpy(&x, p, 8);
      return x & ((uint64_t(1) << (8 * n)) - 1);
    }
  }
  std::memcpy(&x, p, n);
  return x;
}

// The first of the n tokens at `first` whose span ends after offset x (std::lower_bound by
// span.end <= x), or first + n. Fast path: branch-free, as a conditional move (the mentions of
// places, organisations and dates, some 17 per document, are looked up this way, and a binary
// search's branches go either way at random); the plain path is std::partition_point.
const Token* FirstEndingAfter(const Token* first, size_t n, uint32_t x, bool fast) {
  if (!fast) return std::partition_point(first, first + n, [x](const Token& t) { return t.span.end <= x; });
  if (n == 0) return first;
  while (n > 1) {  // the answer is in [first, first + n]
    const size_t half = n / 2;
    first = first[half - 1].span.end <= x ? first + half : first;
    n -= half;
  }
  return first + (first->span.end <= x);
}

// What a word that is not its own lower-case ASCII form says, whatever the document it is in:
// Study() works it out, WordMemo keeps it for the words that come back.
struct WordFacts {
  std::string_view lower;  // lower-cased form (in the memo's storage, or the reader's store)
  bool cap = false;        // starts with a capital letter
  bool digit = false;      // holds a digit 0-9
  // Known for a capitalised word only (else empty: ReadWords reads no more of the others).
  const Evidence* ev = nullptr;  // name evidence of `lower`
  uint16_t f = 0;                // Flag bits of `lower`
  bool common = false;           // PeopleLexicon::IsCommon(lower)
  bool all_caps = false;         // two letters or more and all capitals: an acronym, if a plain word
  bool caps_hyphen = false;      // two capitals A-Z or more, then a hyphen: "RI-Timor"
};

// The facts of word s (not lower-case ASCII); its lower-case form is put in `lower`, and
// w.lower is left for the caller to point at where it keeps it.
void Study(const PeopleLexicon& lex, std::string_view s, WordFacts& w, std::string& lower) {
  // Lower-case the word as if it were ASCII while reading what it holds, in one pass.
  lower.resize(s.size());
  size_t upper = 0;
  bool small = false, digit = false;
  unsigned char high = 0;
  for (size_t b = 0; b < s.size(); ++b) {
    const unsigned char c = s[b];
    const bool capital = unsigned(c - 'A') < 26u;
    upper += capital;
    small |= unsigned(c - 'a') < 26u;
    digit |= unsigned(c - '0') < 10u;
    high |= c;
    lower[b] = utf8::AsciiLower(char(c));
  }
  w = WordFacts{};
  w.digit = digit;
  const bool ascii = high < 0x80;
  if (!ascii) lower = utf8::Lower(s);
  w.cap = ascii ? unsigned(s[0] - 'A') < 26u : chars::IsUpper(utf8::DecodeAt(s, 0).cp);
  if (!w.cap) return;  // (see WordFacts)
  w.all_caps = upper >= 2 && !small;
  if (!ascii) {
    size_t letters = 0;
    upper = 0;
    for (size_t b = 0; b < s.size();) {
      auto cp = utf8::DecodeAt(s, b);
      if (chars::IsLetter(cp.cp)) {
        ++letters;
        upper += chars::IsUpper(cp.cp);
      }
      b += cp.len;
    }
    w.all_caps = letters >= 2 && upper == letters;
  }
  if (size_t hy = s.find('-'); hy != std::string_view::npos) {
    std::string_view left = s.substr(0, hy);
    w.caps_hyphen = left.size() >= 2 && std::all_of(left.begin(), left.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }
  // One hash of the word serves the flags and the evidence.
  const uint64_t h = hash::Fnv1a(lower);
  w.f = uint16_t(lex.FlagsOfKey(h));
  w.ev = lex.EvidenceOf(h);
  w.common = lex.IsCommon(lower);
}

// A per-thread memo of words that are not lower-case ASCII (capitalised words, mostly): the
// bytes as written → their WordFacts. The same words come back in every document ("Provinsi",
// "Kepala", names of the day): one probe and one compare replace lower-casing, hashing and
// four lexicon lookups per word (the 31k-word evidence a cache miss). Holds kWords words, so
// that it stays in cache. The lower-case forms stay where they are until Clear(), which the
// reader calls only before a document: the Toks of one point into them.
class WordMemo {
 public:
  static constexpr size_t kWords = size_t(1) << 13;
  // True when `words` more words fit.
  bool Room(size_t words) const { return entries_.size() + words <= kWords; }
  // Forgets every word, keeping the storage.
  void Clear() {
    slots_.assign(kSlots, Slot{});
    entries_.clear();
    entries_.reserve(kWords);  // (never grows past: views into entries_ stay valid)
    block_ = 0;
    used_ = kBlock;
    big_.clear();
  }
  // The hash of the word of n bytes at p, read as Piece()s.
  static uint64_t Key(const char* p, size_t n, const char* limit) {
    uint64_t h = n * 0x9E3779B97F4A7C15ull;
    for (;; p += 8, n -= 8) {
      h = (h ^ Piece(p, n, limit)) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
      if (n <= 8) break;
    }
    return h | 1;  // never 0, the empty slot
  }
  // The facts of the word of n bytes at p with Key `key`, or null when it is not known.
  const WordFacts* Find(uint64_t key, const char* p, size_t n, const char* limit) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = key & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const Slot& s = slots_[i];
      if (s.key == 0) return nullptr;
      if (s.key == key && Same(entries_[s.index], p, n, limit)) return &entries_[s.index].facts;
    }
  }
  // Adds the word of n bytes at p, not known yet, with Key `key`; requires Room(1). The
  // returned facts are `facts` with `lower` copied into the memo.
  const WordFacts* Add(uint64_t key, const char* p, size_t n, const WordFacts& facts) {
    size_t i = key & (kSlots - 1);
    while (slots_[i].key != 0) i = (i + 1) & (kSlots - 1);
    slots_[i] = Slot{key, uint32_t(entries_.size())};
    // The written form past its first piece, zero-padded to whole pieces, so that Same()
    // compares pieces; then the lower-case form.
    const size_t padded = n > 8 ? (n - 8 + 7) / 8 * 8 : 0;
    char* at = Take(padded + facts.lower.size());
    if (n > 8) {
      std::memcpy(at, p + 8, n - 8);
      std::memset(at + (n - 8), 0, padded - (n - 8));
    }
    std::memcpy(at + padded, facts.lower.data(), facts.lower.size());
    Entry& e = entries_.emplace_back(Entry{facts, Piece(p, n, p + n), at, uint32_t(n)});
    e.facts.lower = std::string_view(at + padded, facts.lower.size());
    return &e.facts;
  }

 private:
  static constexpr size_t kSlots = 2 * kWords;       // a power of two, half of them filled at most
  static constexpr size_t kBlock = size_t(1) << 16;  // bytes of storage allocated at once
  struct Slot {
    uint64_t key = 0;    // Key() of the word; 0: empty
    uint32_t index = 0;  // into entries_
  };
  // One cache line: a word of up to 8 bytes is checked and read with no other memory.
  struct alignas(64) Entry {
    WordFacts facts;
    uint64_t first;    // the word's first Piece()
    const char* rest;  // its bytes past the first 8, zero-padded to whole pieces
    uint32_t size;     // its bytes
  };
  static bool Same(const Entry& e, const char* p, size_t n, const char* limit) {
    if (e.size != n || e.first != Piece(p, n, limit)) return false;
    const char* w = e.rest;
    for (p += 8; n > 8; p += 8, w += 8) {
      n -= 8;
      uint64_t x;
      std::memcpy(&x, w, 8);
      if (x != Piece(p, n, limit)) return false;
    }
    return true;
  }
  // n bytes of storage that stay until Clear().
  char* Take(size_t n) {
    if (n > kBlock) return big_.emplace_back(std::make_unique<char[]>(n)).get();
    if (used_ + n > kBlock) {
      if (++block_ > blocks_.size()) blocks_.push_back(std::make_unique<char[]>(kBlock));
      used_ = 0;
    }
    char* at = blocks_[block_ - 1].get() + used_;
    used_ += n;
    return at;
  }
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> blocks_;  // blocks_[0, block_) in use
  size_t block_ = 0, used_ = kBlock;             // used_: bytes taken of blocks_[block_ - 1]
  std::vector<std::unique_ptr<char[]>> big_;     // words longer than a block
};

// Marks in order, written into room for every token (a token is marked once at most): no
// capacity check per mark. They come in order but for the words a capital sends back to, which
// may stand before a lone initial marked already: those few are inserted in place.
class MarkList {
 public:
  explicit MarkList(uint32_t* at) : at_(at) {}
  [[gnu::always_inline]] void Add(size_t k) {
    if (n_ == 0 || at_[n_ - 1] < k)
      at_[n_++] = uint32_t(k);
    else
      n_ = InsertSorted(at_, n_, uint32_t(k));
  }
  size_t size() const { return n_; }

 private:
  uint32_t* at_;
  size_t n_ = 0;
};

// The words of one sentence, counted to tell a headline: nearly every word capitalised (or, in
// capitals, shouting). Words: of three bytes or more, or capitalised ("di", "ke" stay small
// even in headlines).
struct HeadlineCount {
  size_t words = 0, caps = 0, acronyms = 0;
  // Marks toks[a, b) as a headline when the sentence is one, and takes their acronyms back when
  // it shouts. Returns true for a headline.
  bool Apply(Tok* toks, size_t a, size_t b) const {
    const bool headline = words >= 3 && caps * 10 >= words * 8;
    const bool shouting = words >= 3 && acronyms * 10 >= words * 8;
    if (headline || shouting)  // (toks start with neither)
      for (size_t k = a; k < b; ++k) {
        toks[k].headline = headline;
        if (shouting) toks[k].acronym = false;
      }
    return headline;
  }
};

// Where the sentences open and close while the tokens are read in order, as the splitter makes
// the sentences (in order and apart; InOrder() says whether they are).
struct SentenceWalk {
  static bool InOrder(const std::vector<Sentence>& sentences, size_t n) {
    bool in_order = true;
    for (size_t s = 0, end = 0; s < sentences.size() && in_order; end = sentences[s++].end_token)
      in_order = end <= sentences[s].first_token && sentences[s].first_token <= sentences[s].end_token &&
                 sentences[s].end_token <= n;
    return in_order;
  }
  // At token i == boundary: closes the sentence read (a headline or not, by `count`), then opens
  // the next one if it starts here, setting `first` (the next word starts a sentence).
  [[gnu::always_inline]] void Cross(size_t i, Tok* out, HeadlineCount& count, bool& first, bool& any_headline) {
    if (in_sent) any_headline |= count.Apply(out, sentences[next - 1].first_token, i);
    in_sent = false;
    while (next < sentences.size() && sentences[next].end_token <= sentences[next].first_token) ++next;  // (empty)
    if (next < sentences.size() && sentences[next].first_token == i) {
      in_sent = true;
      first = true;
      count = HeadlineCount{};
      boundary = sentences[next++].end_token;
    } else {
      boundary = next < sentences.size() ? sentences[next].first_token : SIZE_MAX;
    }
  }
  const std::vector<Sentence>& sentences;
  size_t next = 0;             // the next sentence to open
  size_t boundary = SIZE_MAX;  // the token that opens or closes a sentence next
  bool in_sent = false;        // the tokens read are in sentences[next - 1]
};

// The lexicon flags of lower-case words matter only beside a capitalised word ("kata",
// "anggota", "bin"): they are looked up for the kFlagsAfter words after one and the
// kFlagsBefore words before. This is the stage's reach, not a fast path: a role modifier and
// head further from the name ("pelaksana tugas kepala dinas X") start where the window does.
constexpr ptrdiff_t kFlagsAfter = 2;
constexpr ptrdiff_t kFlagsBefore = 3;

}  // namespace

// What a TokenReader keeps from document to document.
struct ReaderState {
  // Two generations of memo: when the young one might not hold the next document, the old one
  // is emptied and becomes the young one, which learns again from the old what still comes
  // back ("Provinsi" stays, the names of last month go). So a memo is emptied only before a
  // document, never while Toks point into it; both are emptied when another PeopleLexicon
  // runs on this reader.
  WordMemo memos[2];
  uint64_t owner = 0;  // PeopleLexicon::id() the memos were learnt under
  int young = 0;
  std::string lower;  // Study()'s lower-case form of a new word
  // The lower-case forms of words the young memo has no room for (and, with fast paths off,
  // of every word studied): a deque, so that views into it stay valid.
  std::deque<std::string> store;
  WordFacts fresh;  // the facts of a word the memo does not keep

  // Empties what the previous document left; makes room for n tokens in the young memo.
  void Start(const PeopleLexicon& lex, size_t n) {
    store.clear();
    if (owner != lex.id()) {
      memos[0].Clear();
      memos[1].Clear();
      owner = lex.id();
    } else if (!memos[young].Room(n)) {
      young ^= 1;
      memos[young].Clear();
    }
  }
  // The facts of the word of `size` bytes at p (not lower-case ASCII): from the memos, else
  // studied, and learnt when there is room. Fast paths off (kFast false): always studied, never
  // learnt.
  template <bool kFast>
  const WordFacts* Facts(const PeopleLexicon& lex, const char* p, size_t size, const char* limit) {
    if (!kFast) {
      Study(lex, std::string_view(p, size), fresh, lower);
      fresh.lower = store.emplace_back(lower);
      return &fresh;
    }
    WordMemo& memo = memos[young];
    const uint64_t key = WordMemo::Key(p, size, limit);
    if (const WordFacts* w = memo.Find(key, p, size, limit)) return w;
    const WordFacts* known = memos[young ^ 1].Find(key, p, size, limit);
    if (!known) {
      Study(lex, std::string_view(p, size), fresh, lower);
      fresh.lower = lower;
      known = &fresh;
    }
    if (memo.Room(1)) return memo.Add(key, p, size, *known);
    if (known == &fresh) fresh.lower = store.emplace_back(lower);
    return known;  // (the old memo keeps its own until the next document)
  }
};

TokenReader::TokenReader() : state_(std::make_unique<ReaderState>()) {}
TokenReader::~TokenReader() = default;

namespace {

// The Tok of a word that is its own lower-case ASCII form, read in place.
[[gnu::always_inline]] inline void LowerWord(Tok& t, const char* p, size_t size, bool space_after, bool& first) {
  std::memset(static_cast<void*>(&t), 0, sizeof t);  // = Tok{} (see ReadWords)
  t.lower = std::string_view(p, size);
  t.word = true;
  t.space_after = space_after;
  t.sent_start = first;
  first = false;
}

// The Tok of a word read through its WordFacts, but for what only a capitalised word has.
[[gnu::always_inline]] inline void StudiedWord(Tok& t, const WordFacts& w, TokenKind kind, bool space_after,
                                               bool& first) {
  std::memset(static_cast<void*>(&t), 0, sizeof t);
  t.lower = w.lower;
  t.word = true;
  t.space_after = space_after;
  t.sent_start = first;
  t.digit = w.digit;
  t.cap = w.cap;
  t.initial = kind == TokenKind::kInitial;
  first = false;
}

// What a capitalised word's WordFacts give its Tok besides.
[[gnu::always_inline]] inline void CapitalFacts(Tok& t, const WordFacts& w, TokenKind kind) {
  t.f = w.f;
  // An acronym: two capital letters or more, and no small one.
  t.acronym = w.all_caps && kind == TokenKind::kWord;
  t.acronym_part = w.caps_hyphen && !t.acronym;
  if (t.acronym) {
    // "SBY", "JK": initials that the training data knows only as people.
    const Evidence* ev = w.ev;
    if (ev && ev->person >= 3 && ev->other * 3 <= ev->person) {
      t.acronym = false;
      t.ev = ev;
    }
  } else {
    t.common = w.common;
    t.ev = w.ev;
  }
}

// What ReadWords saw of the document as a whole.
struct WordsRead {
  size_t marks = 0;           // marks written
  bool any_cap = false;       // some word is capitalised
  bool in_order = false;      // the sentences came in order and apart, and were counted
  bool any_headline = false;  // … and some is a headline
};

// Phase 1a, the one pass over every token. Input: doc.tokens, doc.norm, doc.sentences. Output:
// out[0, n) (all but the fields of the other stages' spans and region_end), marked[0,
// result.marks); sentence starts and headlines when the sentences are in order and fast paths
// on (else CountSentences counts them).
// kFast: lex.fast_paths(), as a constant, so that the fast instantiation tests nothing per token.
template <bool kFast>
WordsRead ReadWords(const PeopleLexicon& lex, ReaderState& state, const Document& doc, Tok* out, uint32_t* marked) {
  static_assert(sizeof(void*) != 8 || sizeof(Tok) <= 40, "Tok grew: see its definition");
  static_assert(kNamedAfter < (1u << 16), "Tok::f holds the flags in 16 bits");
  static_assert(std::is_trivially_copyable_v<Tok>, "Tok is reset with memset");
  // Each Tok is reset in the loop, as it is filled: toks.assign(n, Tok{}) was a pass of its
  // own, and both it and `t = Tok{}` compile (GCC 13, bit-fields) to a copy through the stack,
  // a store-forwarding stall per token. A Tok{} is all zeros: memset says so directly. The token
  // is read before its Tok is written, and each Tok's bit-fields are set together right after
  // the memset: so GCC writes them with one store, not a load and a store each.
  const size_t n = doc.tokens.size();
  const char* norm = doc.norm.data();
  const char* norm_end = norm + doc.norm.size();
  const Token* tokens = doc.tokens.data();
  MarkList marks(marked);
  WordsRead r;
  r.in_order = kFast && SentenceWalk::InOrder(doc.sentences, n);
  SentenceWalk walk{doc.sentences};
  HeadlineCount count;
  bool first = false;  // the next word starts a sentence or quotation
  if (r.in_order) {
    walk.boundary = 0;
    walk.Cross(0, out, count, first, r.any_headline);
  }
  ptrdiff_t near_end = -1;  // flags are looked up up to this token (kFlagsAfter)
  for (size_t i = 0; i < n; ++i) {
    if (i == walk.boundary) walk.Cross(i, out, count, first, r.any_headline);
    const Token& tk = tokens[i];
    const char* p = norm + tk.norm_start;
    const size_t size = tk.norm_end - tk.norm_start;
    const TokenKind kind = tk.kind;
    const bool space_after = tk.space_after;
    Tok& t = out[i];
    if (!IsWordKind(kind) || size == 0) {
      std::memset(static_cast<void*>(&t), 0, sizeof t);
      t.space_after = space_after;
      if (size == 1 && kind == TokenKind::kPunct) {
        t.punct = *p;
        if (walk.in_sent && (*p == '"' || *p == ':' || *p == '(')) first = true;
      }
      continue;
    }
    if (kFast && LowerAscii(p, size, norm_end)) {  // most words: read in place
      LowerWord(t, p, size, space_after, first);
      count.words += size >= 3;
      if (ptrdiff_t(i) <= near_end && (t.f = uint16_t(lex.FlagsOf<kFast>(t.lower)))) marks.Add(i);
      continue;
    }
    const WordFacts& w = *state.Facts<kFast>(lex, p, size, norm_end);
    StudiedWord(t, w, kind, space_after, first);
    if (!t.cap) {
      count.words += t.lower.size() >= 3;
      if (ptrdiff_t(i) <= near_end && (t.f = uint16_t(lex.FlagsOf<kFast>(t.lower)))) marks.Add(i);
      if (t.initial) marks.Add(i);
      continue;
    }
    for (size_t k = size_t(std::max<ptrdiff_t>(near_end + 1, ptrdiff_t(i) - kFlagsBefore)); k < i; ++k)
      if (out[k].word && (out[k].f = uint16_t(lex.FlagsOf<kFast>(out[k].lower)))) marks.Add(k);
    r.any_cap = true;
    near_end = ptrdiff_t(i) + kFlagsAfter;
    marks.Add(i);
    CapitalFacts(t, w, kind);
    ++count.words;
    ++count.caps;
    count.acronyms += t.acronym;
  }
  if (r.in_order) walk.Cross(n, out, count, first, r.any_headline);
  r.marks = marks.size();
  return r;
}

// A word no list knows, of three bytes or more, with no digit, period or hyphen.
bool Unknown(const PeopleLexicon& lex, const std::vector<Tok>& toks, size_t k) {
  const Tok& u = toks[k];
  return u.word && u.lower.size() >= 3 && !lex.EvidenceOf(hash::Fnv1a(u.lower)) && !u.f && !lex.IsCommon(u.lower) &&
         u.lower.find_first_of("0123456789.-") == std::string_view::npos;
}

// Phase 1b, for a document written all in lower case ("kata jokowi di jakarta"): it has no
// capitals to go by. Words the name evidence mostly saw in names, name parts, and unknown words
// right after an honorific or a speech verb ("kata X", "pak X") are taken as capitalised;
// everything else then runs as usual. Input and output: toks (every word's flags looked up).
void Caseless(const PeopleLexicon& lex, std::vector<Tok>& toks) {
  size_t words = 0;
  for (const Tok& t : toks) words += t.word;
  if (words < 3) return;
  for (Tok& t : toks)
    if (t.word) t.f = uint16_t(lex.FlagsOf(t.lower));
  for (size_t i = 0; i < toks.size(); ++i) {
    Tok& t = toks[i];
    if (!t.word || t.lower.size() < 2 || (t.f & (kOfficeWords | kNotName | kSpeechAfter | kSpeechBefore))) continue;
    t.ev = lex.EvidenceOf(hash::Fnv1a(t.lower));
    bool common = lex.IsCommon(t.lower);
    bool named = t.ev && t.ev->person >= 2 && t.ev->person > 2 * t.ev->other && (!common || t.ev->person >= 5);
    bool after_cue = i > 0 && (toks[i - 1].f & (kSpeechAfter | kHonorific)) && !common;
    bool continues = i > 0 && toks[i - 1].cap && !common && !(t.f & kParticle);
    // Two unknown words side by side ("adlun fiqri") read as a name; the scorer decides.
    if (!t.ev && !common && Unknown(lex, toks, i) &&
        ((i > 0 && Unknown(lex, toks, i - 1)) || (i + 1 < toks.size() && Unknown(lex, toks, i + 1))))
      continues = true;
    if (named || after_cue || continues || ((t.f & kNamePart) && i + 1 < toks.size() && toks[i + 1].word)) {
      t.cap = true;
      t.common = common;
      t.digit = t.lower.find_first_of("0123456789") != std::string_view::npos;
    }
  }
}

// Phase 1c, where ReadWords could not count the sentences as it read (they are not in order,
// or Caseless changed the capitals, or fast paths are off): sentence starts (a sentence's first
// word, or a quotation's) and headlines, sentence by sentence. Input and output: toks.
// Returns true when some sentence is a headline.
bool CountSentences(const std::vector<Sentence>& sentences, std::vector<Tok>& toks) {
  bool any_headline = false;
  for (const Sentence& sent : sentences) {
    const size_t end = std::min<size_t>(sent.end_token, toks.size());
    HeadlineCount count;
    bool first = true;
    for (size_t i = sent.first_token; i < end; ++i) {
      Tok& t = toks[i];
      if (t.punct == '"' || t.punct == ':' || t.punct == '(') first = true;
      if (!t.word) continue;
      if (first) t.sent_start = true;
      first = false;
      if (t.lower.size() < 3 && !t.cap) continue;  // "di", "ke" stay small even in headlines
      ++count.words;
      count.caps += t.cap;
      count.acronyms += t.acronym;
    }
    any_headline |= count.Apply(toks.data(), sent.first_token, end);
  }
  return any_headline;
}

// Phase 1d: the spans of the stages that ran before. Input: doc.dates (or the mentions of
// doc.places or doc.organizations). Output: Tok::in_date (place_or_org, mention_end,
// org_mention).
void MarkDates(const Document& doc, std::vector<Tok>& toks, bool fast) {
  // A month inside a date is no name, even one that often is ("12 Agus 2024").
  for (const DateExpr& d : doc.dates) {
    const Token* it = FirstEndingAfter(doc.tokens.data(), doc.tokens.size(), d.span.start, fast);
    for (size_t b = size_t(it - doc.tokens.data()); b < doc.tokens.size() && doc.tokens[b].span.start < d.span.end; ++b)
      toks[b].in_date = true;
  }
}

void MarkMentions(const Document& doc, const std::vector<Span>& spans, bool org, std::vector<Tok>& toks, bool fast) {
  for (const Span& m : spans) {
    const Token* it = FirstEndingAfter(doc.tokens.data(), doc.tokens.size(), m.start, fast);
    size_t a = size_t(it - doc.tokens.data()), b = a;
    while (b < doc.tokens.size() && doc.tokens[b].span.start < m.end) toks[b++].place_or_org = true;
    if (a < b && doc.tokens[a].span.start == m.start && toks[a].mention_end < int32_t(b)) {
      toks[a].mention_end = int32_t(b);
      toks[a].org_mention = org;
    }
  }
}

// Phase 1e. Region names written whole after a marker and before something that is not a name
// ("Kecamatan Kelapa Lima, Kamis …") tell how long the same name is where a person's name
// follows it ("Camat Kelapa Lima Ferdinand Lao"). Input: toks, marks. Output: Tok::region_end.
void KnownRegions(std::vector<Tok>& toks, const std::vector<uint32_t>& marks) {
  // Token ranges of the first occurrence; 64 at most (the bits of a set below).
  std::array<std::pair<size_t, size_t>, 64> phrase;
  size_t phrases = 0;
  const size_t n = toks.size();
  const Tok* tok = toks.data();  // (read from a local: no reload of toks.data() per mark)
  for (size_t i : marks) {       // (a capitalised word is marked)
    if (!tok[i].cap || !(tok[i].f & kRegion)) continue;
    if (i + 1 >= n || phrases == phrase.size()) break;
    size_t m = i + 1;
    while (m < n && m < i + 6 && toks[m].cap && !toks[m].initial && !toks[m].acronym &&
           !(toks[m].f & (kHonorific | kOfficeWords)) && (m == i + 1 || !StartsName(toks, m, n)))
      ++m;
    bool closed = m >= n || !(toks[m].cap || toks[m].initial);
    if (m - (i + 1) >= 2 && closed) phrase[phrases++] = {i + 1, m};
  }
  if (phrases == 0) return;
  HashTable<uint64_t> first;  // first word (hash::Fnv1a) → bit set of the phrases it starts
  for (size_t p = 0; p < phrases; ++p) first.Insert(hash::Fnv1a(toks[phrase[p].first].lower)) |= uint64_t(1) << p;
  for (size_t i : marks) {
    if (!toks[i].cap) continue;
    const uint64_t* set = first.Find(hash::Fnv1a(toks[i].lower));
    if (!set) continue;
    for (size_t p = 0; p < phrases; ++p) {
      if (!(*set >> p & 1)) continue;
      auto [a, b] = phrase[p];
      size_t len = b - a;
      if (i + len > n || int32_t(i + len) <= toks[i].region_end) continue;
      bool same = true;
      for (size_t k = 0; k < len && same; ++k) same = toks[i + k].lower == toks[a + k].lower;
      if (same) toks[i].region_end = int32_t(i + len);
    }
  }
}

}  // namespace

std::string Squeeze(std::string_view s) {
  std::string out(s.size(), ' ');  // (one allocation, then written in place, and cut)
  char* o = out.data();
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = o != out.data();
      continue;
    }
    if (space) *o++ = ' ';
    space = false;
    *o++ = c;
  }
  out.resize(size_t(o - out.data()));
  return out;
}

bool TokenReader::Read(const PeopleLexicon& lex, const Document& doc, std::vector<Tok>& toks,
                       std::vector<uint32_t>& marks) {
  const size_t n = doc.tokens.size();
  toks.resize(n);   // (each Tok is reset as it is filled)
  marks.resize(n);  // (room for every token; cut to the marks below)
  state_->Start(lex, n);
  const WordsRead r = lex.fast_paths() ? ReadWords<true>(lex, *state_, doc, toks.data(), marks.data())
                                       : ReadWords<false>(lex, *state_, doc, toks.data(), marks.data());
  marks.resize(r.marks);
  bool any_headline = r.any_headline;
  if (!r.any_cap) {
    Caseless(lex, toks);  // (looks up every word's flags, and takes some words as capitalised)
    marks.clear();
    for (size_t i = 0; i < n; ++i)
      if (toks[i].cap || toks[i].initial || toks[i].f) marks.push_back(uint32_t(i));
  }
  if (!r.any_cap || !r.in_order) any_headline |= CountSentences(doc.sentences, toks);
  if (!lex.fast_paths()) {  // the plain path: the phases after this one visit every token
    marks.resize(n);
    for (size_t i = 0; i < n; ++i) marks[i] = uint32_t(i);
  }
  MarkDates(doc, toks, lex.fast_paths());
  for (const Place& p : doc.places) MarkMentions(doc, p.mentions, /*org=*/false, toks, lex.fast_paths());
  KnownRegions(toks, marks);
  for (const Organization& o : doc.organizations) MarkMentions(doc, o.mentions, /*org=*/true, toks, lex.fast_paths());
  return any_headline;
}

}  // namespace warta::people
