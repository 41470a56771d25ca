#include "stages/people.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <deque>
#include <memory>
#include <type_traits>

#include "error.h"
#include "stages/tokens.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta {

namespace {


std::string NoSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

// Collapses runs of whitespace to one space: the name as it is read.
// The name a person is filed under: the normalised forms of its tokens, one space wherever
// the text had any (so "Aiman\u00A0Mazyek", one with zero-width spaces or with scraped
// mojibake inside, and "Aiman Mazyek" are one name to facet on). Mentions keep the original.
std::string NameText(const Document& doc, size_t first, size_t end) {
  std::string out;
  for (size_t k = first; k < end; ++k) {
    const Token& t = doc.tokens[k];
    if (k > first && doc.tokens[k - 1].span.end < t.span.start) out.push_back(' ');
    out += doc.Norm(t);
  }
  return out;
}

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

// w.starts_with(a) for the short affixes of IsCommon: compared in line, byte by byte (the
// library's compare calls memcmp, which cost more than the few bytes it compares).
inline bool StartsWith(std::string_view w, std::string_view a) {
  if (w.size() < a.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (w[k] != a[k]) return false;
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
// span.end <= x), or first + n. Branch-free, as a conditional move: Describe looks up where
// every place, organisation and date mention starts (some 17 per document), and a binary
// search's branches go either way at random.
const Token* FirstEndingAfter(const Token* first, size_t n, uint32_t x) {
  if (n == 0) return first;
  while (n > 1) {  // the answer is in [first, first + n]
    const size_t half = n / 2;
    first = first[half - 1].span.end <= x ? first + half : first;
    n -= half;
  }
  return first + (first->span.end <= x);
}

}  // namespace

// What a word that is not its own lower-case ASCII form says, whatever the document it is in:
// Study() works it out, WordMemo keeps it for the words that come back.
struct PeopleFinder::WordFacts {
  std::string_view lower;        // lower-cased form (in the memo's storage, or Run's store)
  bool cap = false;              // starts with a capital letter
  bool digit = false;            // holds a digit 0-9
  // Known for a capitalised word only (else empty: Describe reads no more of the others).
  const Evidence* ev = nullptr;  // training-data counts of `lower`
  uint16_t f = 0;                // Flag bits of `lower`
  bool common = false;           // IsCommon(lower)
  bool all_caps = false;         // two letters or more and all capitals: an acronym, if a plain word
  bool caps_hyphen = false;      // two capitals A-Z or more, then a hyphen: "RI-Timor"
};

// Describe's per-thread memo of words that are not lower-case ASCII (capitalised words, mostly):
// the bytes as written → their WordFacts. The same words come back in every document
// ("Provinsi", "Kepala", names of the day): one probe and one compare replace lower-casing,
// hashing and four lexicon lookups per word (the 31k-word evidence a cache miss). Holds
// kWords words, so that it stays in cache. The lower-case forms stay where they are until
// Clear(), which Describe calls only before a document: the Toks of one point into them.
class PeopleFinder::WordMemo {
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
  static constexpr size_t kSlots = 2 * kWords;  // a power of two, half of them filled at most
  static constexpr size_t kBlock = size_t(1) << 16;  // bytes of storage allocated at once
  struct Slot {
    uint64_t key = 0;  // Key() of the word; 0: empty
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


// 40 bytes, not the 64 of one bool per byte: Describe fills one for every token of every
// document, and the passes after it read them again, so their size is time (flags in 16 bits,
// facts in bit-fields).
struct PeopleFinder::Tok {
  std::string_view lower;  // lower-cased norm form (into doc.norm, the thread's WordMemo or Run's store)
  const Evidence* ev = nullptr;  // training-data counts (capitalised words only)
  // (These two ends are read as "> the token's own index"; 0 is none, so a Tok{} is all zeros.)
  int32_t mention_end = 0;    // a place or organisation mention starts here: its end token
  int32_t region_end = 0;     // a region name written whole elsewhere in the document starts here
  uint16_t f = 0;          // Flag bits of `lower`
  char punct = 0;          // the character of a one-byte punctuation token, else 0
  bool word : 1 = false;       // word, initial or abbreviation
  bool space_after : 1 = false; // as Token::space_after (Describe copies it)
  bool cap : 1 = false;        // starts with a capital letter
  bool acronym : 1 = false;    // two or more letters, all capitals, in a sentence not all in capitals
  bool acronym_part : 1 = false;  // hyphenated with an acronym: "RI-Timor", "KPU-Bawaslu"
  bool initial : 1 = false;    // "M." "A."
  bool digit : 1 = false;      // holds a digit 0-9, so is no word of a name (capitalised words only)
  bool common : 1 = false;     // a common word (capitalised words only)
  bool sent_start : 1 = false; // first word of a sentence, or of a quotation
  bool headline : 1 = false;   // in a sentence where nearly every word is capitalised
  bool role : 1 = false;       // inside a parsed role phrase
  bool place_or_org : 1 = false;  // inside a mention of doc.places or doc.organizations
  bool org_mention : 1 = false;   // … and its mention_end is that of an organisation
  bool in_date : 1 = false;       // inside a span of doc.dates ("12 Agus 2024", "Jun lalu")
};

struct PeopleFinder::RolePhrase {
  size_t first = 0, end = 0;  // tokens of the whole phrase, modifiers included
  std::string title;
  std::optional<std::string> organization;
  bool acting = false, former = false;
  RoleKind kind = RoleKind::kOffice;
};

struct PeopleFinder::Candidate {
  size_t first = 0, end = 0;  // name tokens, honorifics and degrees excluded
  std::vector<std::string> honorifics, degrees;
  int score = 0;              // the sum of the evidence below; accepted when > 0
  bool strong = false;        // a role, honorific or speech verb vouches for it
  std::vector<size_t> roles;  // indexes into the document's role phrases
};

PeopleFinder::PeopleFinder(const Lexicon& lexicon) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id++;
  auto flag = [&](std::string_view w) -> uint32_t& {
    flag_shapes_.Add(w);
    return flags_.Insert(hash::Fnv1a(w));
  };
  words_ = lexicon.Index();
  for (const auto& row : lexicon.Rows("people/name_evidence.tsv", 3)) {
    try {
      evidence_.Insert(hash::Fnv1a(row.fields[0])) = {static_cast<uint32_t>(std::stoul(row.fields[1])),
                                  static_cast<uint32_t>(std::stoul(row.fields[2]))};
    } catch (const std::exception&) {
      throw Error(lexicon.Where("people/name_evidence.tsv", row.line) + ": counts must be numbers");
    }
  }
  for (const auto& row : lexicon.Rows("people/honorifics.tsv", 2)) {
    std::string form = utf8::Lower(row.fields[0]);
    uint32_t f = row.fields[1] == "rank-suffix" ? kRankSuffix : kHonorific;
    flag(form) |= f;
    // Written without the period too ("Pol", "Ny"), unless that leaves a letter alone.
    if (form.size() > 2 && form.back() == '.') flag(form.substr(0, form.size() - 1)) |= f;
  }
  for (const auto& row : lexicon.Rows("people/degrees.tsv"))
    degrees_.Insert(hash::Fnv1a(utf8::Lower(NoSpaces(row.fields[0]))), 1);
  auto words_in = [](const std::string& s) { return size_t(std::count(s.begin(), s.end(), ' ') + 1); };
  for (const auto& row : lexicon.Rows("people/roles.tsv", 2)) {
    const std::string& kind = row.fields[1];
    RoleKind k = kind == "office"   ? RoleKind::kOffice
                 : kind == "region" ? RoleKind::kRegion
                 : kind == "person" ? RoleKind::kPerson
                                    : throw Error(lexicon.Where("people/roles.tsv", row.line) +
                                                  ": kind must be office, region or person");
    std::string head = utf8::Lower(row.fields[0]);
    roles_.Insert(hash::Fnv1a(head)) = k;
    flag(head.substr(0, head.find(' '))) |= head.find(' ') == std::string::npos ? kRole | kRoleFirst : kRoleFirst;
    max_role_words_ = std::max(max_role_words_, words_in(row.fields[0]));
  }
  for (const auto& row : lexicon.Rows("people/role_modifiers.tsv", 2)) {
    if (row.fields[1] != "acting" && row.fields[1] != "former")
      throw Error(lexicon.Where("people/role_modifiers.tsv", row.line) + ": kind must be acting or former");
    std::string form = utf8::Lower(row.fields[0]);
    modifiers_.Insert(hash::Fnv1a(form)) = row.fields[1] == "acting";
    flag(form.substr(0, form.find(' '))) |= kModifierFirst;
    max_modifier_words_ = std::max(max_modifier_words_, words_in(row.fields[0]));
  }
  for (const auto& row : lexicon.Rows("people/org_heads.tsv", 2)) {
    const std::string& kind = row.fields[1];
    OrgWord k = kind == "org"      ? OrgWord::kOrg
                : kind == "region" ? OrgWord::kRegion
                : kind == "unit"   ? OrgWord::kUnit
                : kind == "compass" ? OrgWord::kCompass
                : kind == "named"  ? OrgWord::kNamed
                                   : throw Error(lexicon.Where("people/org_heads.tsv", row.line) +
                                                 ": kind must be org, region, unit, compass or named");
    flag(utf8::Lower(row.fields[0])) |= k == OrgWord::kOrg      ? kOrg
                                      : k == OrgWord::kRegion ? kRegion
                                      : k == OrgWord::kUnit   ? kUnit
                                      : k == OrgWord::kCompass ? kCompass
                                                              : kNamedAfter;
  }
  for (const auto& row : lexicon.Rows("people/name_parts.tsv", 2))
    flag(utf8::Lower(row.fields[0])) |= row.fields[1] == "particle" ? kParticle : kNamePart;
  for (const auto& w : lexicon.Words("people/not_names.tsv")) flag(w) |= kNotName;
  // A month is no name ("Oktober", "Juli"), except the short forms the press uses far more as
  // given names than as months ("Agus", "Jun"): those the name evidence has seen in names only.
  // A month next to a day or year is the date stage's before this stage runs.
  for (const auto& row : lexicon.Rows("months.tsv")) {
    std::string form = utf8::Lower(row.fields[0]);
    const Evidence* seen = evidence_.Find(hash::Fnv1a(form));
    if (seen && seen->person > 0 && seen->other == 0) continue;
    flag(form) |= kNotName;
  }
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    flag(utf8::Lower(row.fields[0])) |= row.fields[1] == "after" ? kSpeechAfter : kSpeechBefore;
}

// Indonesian derivation is mostly affixes around a lemma (Sneddon, Indonesian: A Comprehensive
// Grammar, ch. 2): meN-/peN- with the nasal assimilating the first consonant (p→m, t→n, s→ny,
// k→ng), ber-, di-, ter-, ke-, se-, per-, and the suffixes -kan, -an, -i, -nya. Trying the few
// possible lemmas is enough to tell "Pemilihan" (pilih) from a name.
bool PeopleFinder::IsCommon(std::string_view w) const { return words_->IsCommonWord(w); }

void PeopleFinder::Study(std::string_view s, WordFacts& w, std::string& lower) const {
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
  // One hash of the word serves the flags, the evidence and the lemmas.
  const uint64_t h = hash::Fnv1a(lower);
  if (const uint32_t* f = flags_.Find(h)) w.f = uint16_t(*f);
  w.ev = evidence_.Find(h);
  w.common = IsCommon(lower);
}

bool PeopleFinder::Describe(const Document& doc, std::vector<Tok>& toks, std::deque<std::string>& store,
                            std::vector<uint32_t>& marks) const {
  static_assert(sizeof(void*) != 8 || sizeof(Tok) <= 40, "Tok grew: see its definition");
  static_assert(kNamedAfter < (1u << 16), "Tok::f holds the flags in 16 bits");
  static_assert(std::is_trivially_copyable_v<Tok>, "Tok is reset with memset");
  const size_t n = doc.tokens.size();
  // Each Tok is reset in the loop below, as it is filled: toks.assign(n, Tok{}) was a pass of
  // its own, and both it and `t = Tok{}` compile (GCC 13, bit-fields) to a copy through the
  // stack, a store-forwarding stall per token. A Tok{} is all zeros: memset says so directly.
  toks.resize(n);
  // Words that are not lower-case ASCII are looked up in the thread's memo, learnt when new.
  // It has two generations: when the young one might not hold the next document, the old one
  // is emptied and becomes the young one, which learns again from the old what still comes
  // back ("Provinsi" stays, the names of last month go). So a memo is emptied only before a
  // document, never while toks point into it; it is emptied also when another PeopleFinder
  // (another lexicon) runs on this thread. Words that come when the young memo is full anyway
  // go to `store` (a deque: views into it stay valid).
  thread_local WordMemo memos[2];
  thread_local uint64_t memo_owner = 0;
  thread_local int young_memo = 0;
  if (memo_owner != id_) {
    memos[0].Clear();
    memos[1].Clear();
    memo_owner = id_;
  } else if (!memos[young_memo].Room(n)) {
    young_memo ^= 1;
    memos[young_memo].Clear();
  }
  WordMemo& memo = memos[young_memo];
  const WordMemo& old_memo = memos[young_memo ^ 1];
  thread_local std::string lower;  // Study()'s lower-case form of a new word
  WordFacts fresh;                 // the facts of a word the memo has no room for
  const char* norm = doc.norm.data();
  const char* norm_end = norm + doc.norm.size();
  const Token* tokens = doc.tokens.data();
  Tok* out = toks.data();
  // Marks come in order but for the words a capital sends back to, which may stand before a
  // lone initial marked already: those few are inserted in place, so marks stay sorted, unique.
  // They are written into room for every token (a token is marked once at most), and the
  // vector is cut to them after the loop: no capacity check per mark.
  marks.resize(n);
  uint32_t* const marked = marks.data();
  size_t n_marked = 0;
  auto mark = [&](size_t k) {
    if (n_marked == 0 || marked[n_marked - 1] < k)
      marked[n_marked++] = uint32_t(k);
    else
      n_marked = InsertSorted(marked, n_marked, uint32_t(k));
  };
  // Sentences: a word is a sentence's first (or a quotation's), and a sentence where nearly
  // every word is capitalised is a headline (or, in capitals, shouting). Counted as the tokens
  // are read, when the sentences are in order and apart, as the splitter makes them.
  const std::vector<Sentence>& sentences = doc.sentences;
  bool in_order = true;
  for (size_t s = 0, end = 0; s < sentences.size() && in_order; end = sentences[s++].end_token)
    in_order = end <= sentences[s].first_token && sentences[s].first_token <= sentences[s].end_token &&
               sentences[s].end_token <= n;
  size_t next_sent = 0;           // the next sentence to open
  size_t boundary = SIZE_MAX;     // the token that opens or closes a sentence next
  bool in_sent = false;           // the tokens read are in sentences[next_sent - 1]
  bool first = false;             // the next word starts a sentence or quotation
  size_t words = 0, caps = 0, acronyms = 0;  // of the sentence read; (words: but "di", "ke")
  bool any_headline = false;
  auto headlines = [&](size_t a, size_t b) {  // the sentence of tokens [a, b) is counted
    bool headline = words >= 3 && caps * 10 >= words * 8;
    any_headline |= headline;
    bool shouting = words >= 3 && acronyms * 10 >= words * 8;
    if (headline || shouting)  // (toks start with neither)
      for (size_t k = a; k < b; ++k) {
        out[k].headline = headline;
        if (shouting) out[k].acronym = false;
      }
  };
  // At token i == boundary: closes the sentence read, opens the next one if it starts here.
  auto cross = [&](size_t i) {
    if (in_sent) headlines(sentences[next_sent - 1].first_token, i);
    in_sent = false;
    while (next_sent < sentences.size() && sentences[next_sent].end_token <= sentences[next_sent].first_token)
      ++next_sent;  // (an empty sentence)
    if (next_sent < sentences.size() && sentences[next_sent].first_token == i) {
      in_sent = true;
      first = true;
      words = caps = acronyms = 0;
      boundary = sentences[next_sent++].end_token;
    } else {
      boundary = next_sent < sentences.size() ? sentences[next_sent].first_token : SIZE_MAX;
    }
  };
  if (in_order) {
    boundary = 0;
    cross(0);
  }
  // The lexicon flags of lower-case words matter only beside a capitalised word ("kata",
  // "anggota", "bin"): looked up for the two after one (up to token near_end), and for the
  // three before.
  ptrdiff_t near_end = -1;
  bool any_cap = false;
  for (size_t i = 0; i < n; ++i) {
    if (i == boundary) cross(i);
    // The token is read before its Tok is written, and each Tok's bit-fields are set together
    // right after the memset: so GCC writes them with one store, not a load and a store each.
    const Token& tk = tokens[i];
    const char* p = norm + tk.norm_start;
    const size_t size = tk.norm_end - tk.norm_start;
    const TokenKind kind = tk.kind;
    const bool space_after = tk.space_after;
    Tok& t = out[i];
    if (!IsWordKind(kind) || size == 0) {
      std::memset(static_cast<void*>(&t), 0, sizeof t);  // = Tok{}
      t.space_after = space_after;
      if (size == 1 && kind == TokenKind::kPunct) {
        t.punct = *p;
        if (in_sent && (*p == '"' || *p == ':' || *p == '(')) first = true;
      }
      continue;
    }
    if (LowerAscii(p, size, norm_end)) {  // most words: read in place
      std::memset(static_cast<void*>(&t), 0, sizeof t);
      t.lower = std::string_view(p, size);
      t.word = true;
      t.space_after = space_after;
      t.sent_start = first;
      first = false;
      words += size >= 3;
      if (ptrdiff_t(i) <= near_end && (t.f = FlagsOf(t.lower))) mark(i);
      continue;
    }
    const uint64_t key = WordMemo::Key(p, size, norm_end);
    const WordFacts* w = memo.Find(key, p, size, norm_end);
    if (!w) {
      const WordFacts* known = old_memo.Find(key, p, size, norm_end);
      if (!known) {
        Study(std::string_view(p, size), fresh, lower);
        fresh.lower = lower;
        known = &fresh;
      }
      if (memo.Room(1)) {
        w = memo.Add(key, p, size, *known);
      } else if (known == &fresh) {
        fresh.lower = store.emplace_back(lower);
        w = &fresh;
      } else {
        w = known;  // (the old memo keeps it until the next document)
      }
    }
    std::memset(static_cast<void*>(&t), 0, sizeof t);
    t.lower = w->lower;
    t.word = true;
    t.space_after = space_after;
    t.sent_start = first;
    t.digit = w->digit;
    t.cap = w->cap;
    t.initial = kind == TokenKind::kInitial;
    first = false;
    if (!t.cap) {
      words += t.lower.size() >= 3;
      if (ptrdiff_t(i) <= near_end && (t.f = FlagsOf(t.lower))) mark(i);
      if (t.initial) mark(i);
      continue;
    }
    for (size_t k = size_t(std::max<ptrdiff_t>(near_end + 1, ptrdiff_t(i) - 3)); k < i; ++k)
      if (out[k].word && (out[k].f = FlagsOf(out[k].lower))) mark(k);
    any_cap = true;
    near_end = ptrdiff_t(i) + 2;
    mark(i);
    t.f = w->f;
    // An acronym: two capital letters or more, and no small one.
    t.acronym = w->all_caps && kind == TokenKind::kWord;
    t.acronym_part = w->caps_hyphen && !t.acronym;
    if (t.acronym) {
      // "SBY", "JK": initials that the training data knows only as people.
      const Evidence* ev = w->ev;
      if (ev && ev->person >= 3 && ev->other * 3 <= ev->person) {
        t.acronym = false;
        t.ev = ev;
      }
    } else {
      t.common = w->common;
      t.ev = w->ev;
    }
    ++words;
    ++caps;
    acronyms += t.acronym;
  }
  if (in_order) cross(n);
  marks.resize(n_marked);
  // Caseless looks up the flags of every word itself, and takes some as capitalised; then
  // the sentences are counted again.
  if (!any_cap || !in_order) {
    if (!any_cap) {
      Caseless(toks);
      marks.clear();
      for (size_t i = 0; i < n; ++i)
        if (toks[i].cap || toks[i].initial || toks[i].f) marks.push_back(uint32_t(i));
    }
    for (const Sentence& sent : sentences) {
      words = caps = acronyms = 0;
      first = true;
      for (size_t i = sent.first_token; i < sent.end_token; ++i) {
        Tok& t = toks[i];
        if (t.punct == '"' || t.punct == ':' || t.punct == '(') first = true;
        if (!t.word) continue;
        if (first) t.sent_start = true;
        first = false;
        if (t.lower.size() < 3 && !t.cap) continue;  // "di", "ke" stay small even in headlines
        ++words;
        caps += t.cap;
        acronyms += t.acronym;
      }
      headlines(sent.first_token, sent.end_token);
    }
  }
  auto mark_mentions = [&](const std::vector<Span>& spans, bool org) {
    for (const Span& m : spans) {
      size_t a = size_t(FirstEndingAfter(doc.tokens.data(), doc.tokens.size(), m.start) - doc.tokens.data()), b = a;
      while (b < doc.tokens.size() && doc.tokens[b].span.start < m.end) toks[b++].place_or_org = true;
      if (a < b && doc.tokens[a].span.start == m.start && toks[a].mention_end < int32_t(b)) {
        toks[a].mention_end = int32_t(b);
        toks[a].org_mention = org;
      }
    }
  };
  // The date stage ran first: a month there is no name, even one that often is ("12 Agus 2024").
  for (const DateExpr& d : doc.dates) {
    const Token* it = FirstEndingAfter(doc.tokens.data(), doc.tokens.size(), d.span.start);
    for (size_t b = size_t(it - doc.tokens.data()); b < doc.tokens.size() && doc.tokens[b].span.start < d.span.end; ++b)
      toks[b].in_date = true;
  }
  for (const Place& p : doc.places) mark_mentions(p.mentions, false);
  KnownRegions(toks, marks);
  for (const Organization& o : doc.organizations) mark_mentions(o.mentions, true);
  return any_headline;
}

// A document written all in lower case ("kata jokowi di jakarta") has no capitals to go by:
// words the training data mostly saw in names, name parts, and unknown words right after an
// honorific or a speech verb ("kata X", "pak X") are taken as capitalised; everything else
// then runs as usual.
void PeopleFinder::Caseless(std::vector<Tok>& toks) const {
  size_t words = 0;
  for (const Tok& t : toks) words += t.word;
  if (words < 3) return;
  for (Tok& t : toks)
    if (t.word) t.f = FlagsOf(t.lower);
  for (size_t i = 0; i < toks.size(); ++i) {
    Tok& t = toks[i];
    if (!t.word || t.lower.size() < 2 || (t.f & (kRole | kOrg | kRegion | kUnit | kNotName | kSpeechAfter | kSpeechBefore)))
      continue;
    t.ev = evidence_.Find(hash::Fnv1a(t.lower));
    bool common = IsCommon(t.lower);
    bool named = t.ev && t.ev->person >= 2 && t.ev->person > 2 * t.ev->other && (!common || t.ev->person >= 5);
    bool after_cue = i > 0 && (toks[i - 1].f & (kSpeechAfter | kHonorific)) && !common;
    bool continues = i > 0 && toks[i - 1].cap && !common && !(t.f & kParticle);
    // Two unknown words side by side ("adlun fiqri") read as a name; the scorer decides.
    auto unknown = [&](size_t k) {
      const Tok& u = toks[k];
      return u.word && u.lower.size() >= 3 && !evidence_.Find(hash::Fnv1a(u.lower)) && !u.f && !IsCommon(u.lower) &&
             u.lower.find_first_of("0123456789.-") == std::string_view::npos;
    };
    if (!t.ev && !common && unknown(i) && ((i > 0 && unknown(i - 1)) || (i + 1 < toks.size() && unknown(i + 1))))
      continues = true;
    if (named || after_cue || continues || ((t.f & kNamePart) && i + 1 < toks.size() && toks[i + 1].word)) {
      t.cap = true;
      t.common = common;
      t.digit = t.lower.find_first_of("0123456789") != std::string_view::npos;
    }
  }
}

// Region names written whole after a marker and before something that is not a name
// ("Kecamatan Kelapa Lima, Kamis …") tell how long the same name is where a person's name follows
// it ("Camat Kelapa Lima Ferdinand Lao").
void PeopleFinder::KnownRegions(std::vector<Tok>& toks, const std::vector<uint32_t>& marks) const {
  // Token ranges of the first occurrence; 64 at most (the bits of a set below).
  std::array<std::pair<size_t, size_t>, 64> phrase;
  size_t phrases = 0;
  const size_t n = toks.size();
  const Tok* tok = toks.data();  // (read from a local: no reload of toks.data() per mark)
  for (size_t i : marks) {  // (a capitalised word is marked)
    if (!tok[i].cap || !(tok[i].f & kRegion)) continue;
    if (i + 1 >= n || phrases == phrase.size()) break;
    size_t m = i + 1;
    while (m < toks.size() && m < i + 6 && toks[m].cap && !toks[m].initial && !toks[m].acronym &&
           !(toks[m].f & (kHonorific | kRole | kOrg | kRegion | kUnit)) &&
           (m == i + 1 || !StartsName(toks, m, toks.size())))
      ++m;
    bool closed = m >= toks.size() || !(toks[m].cap || toks[m].initial);
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
      if (i + len > toks.size() || int32_t(i + len) <= toks[i].region_end) continue;
      bool same = true;
      for (size_t k = 0; k < len && same; ++k) same = toks[i + k].lower == toks[a + k].lower;
      if (same) toks[i].region_end = int32_t(i + len);
    }
  }
}

template <class Map>
size_t PeopleFinder::MatchPhrase(const Map& map, size_t max_words, const std::vector<Tok>& toks, size_t i,
                                 size_t end, typename Map::mapped_type* value) const {
  // The phrase of words i, i+1, … is hashed as it grows, never built.
  uint64_t h = hash::kFnvBasis;
  size_t best = 0;
  for (size_t n = 0; n < max_words && i + n < end && toks[i + n].word; ++n) {
    if (n) h = hash::Step(h, ' ');
    h = hash::Fold(h, toks[i + n].lower);
    if (const auto* v = map.Find(h)) {
      best = n + 1;
      *value = *v;
    }
  }
  return best;
}

// A capitalised word that reads as the start of a personal name, not as part of a unit,
// organisation or region: an initial, an honorific before a capital, a name part, or a word
// that is not common and that the training data does not mostly see as something else.
bool PeopleFinder::StartsName(const std::vector<Tok>& toks, size_t i, size_t end) const {
  const Tok& t = toks[i];
  if (!t.word || t.role) return false;
  if (t.initial) return true;
  if (!t.cap || t.acronym || t.place_or_org || t.in_date) return false;
  bool next_cap = i + 1 < end && toks[i + 1].cap;
  if ((t.f & (kHonorific | kNamePart)) && next_cap) return true;
  if (t.f & (kOrg | kRegion | kUnit | kRole | kNotName)) return false;
  if (t.ev) return t.ev->person * 2 >= t.ev->other;
  return !t.common;
}

bool PeopleFinder::InCommonOrUnit(const Tok& t) const {
  if (t.common || (t.f & (kOrg | kRegion | kUnit))) return true;
  return t.ev && t.ev->person * 2 < t.ev->other;
}

// A region name after a marker ("Provinsi Kalimantan Timur", "Kota Kupang"): its first word
// always, then capitalised words that do not start a name ("Timur", "Tenggara").
size_t PeopleFinder::RegionEnd(const std::vector<Tok>& toks, size_t i, size_t end) const {
  if (i >= end || !toks[i].cap) return i;
  if (toks[i].mention_end > int32_t(i)) return size_t(toks[i].mention_end);
  if (toks[i].region_end > int32_t(i) && size_t(toks[i].region_end) <= end) return size_t(toks[i].region_end);
  size_t m = i + 1;
  // Then compass words and the like ("Timur", "Tenggara", "Kota"), or words the training data
  // knows as places, not names ("Bandar Lampung"). The places stage, when it ran, knows better.
  while (m < end && toks[m].cap && !toks[m].initial && !toks[m].acronym) {
    const Tok& t = toks[m];
    if (t.mention_end > int32_t(m) && !t.org_mention) {
      m = size_t(t.mention_end);
      continue;
    }
    if (t.f & (kOrg | kUnit | kRole | kHonorific)) break;
    if (!((t.f & kCompass) || (t.ev && t.ev->other > 3 * t.ev->person && t.ev->other >= 3))) break;
    ++m;
  }
  return m;
}

// The organisation part of a role phrase: from an acronym, an organisation word or a known
// organisation, through common capitalised words, acronyms ("RI") and regions.
size_t PeopleFinder::OrgEnd(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end) const {
  size_t m = i;
  while (m < end) {
    const Tok& t = toks[m];
    if (t.mention_end > int32_t(m)) {
      m = size_t(t.mention_end);
      continue;
    }
    if (!t.word) {
      // A unit number: "SMA Negeri 1 Kupang Tengah", "Kodim 1604/Kupang".
      if (m > i && doc.tokens[m].kind == TokenKind::kNumber && doc.tokens[m].span.size() <= 5) {
        ++m;
        continue;
      }
      break;
    }
    if (t.acronym) { ++m; continue; }
    if (t.cap && (t.f & kRegion) && m + 1 < end && toks[m + 1].cap) {
      m = RegionEnd(toks, m + 1, end);
      continue;
    }
    if (t.cap && (t.f & kOrg)) {
      ++m;
      // The organisation's own name follows its kind: "Partai NasDem", "Yayasan Tunas Bangsa".
      if (m == i + 1 && m + 1 < end && toks[m].cap && !toks[m].initial && !(toks[m].f & (kHonorific | kRole)) &&
          toks[m + 1].cap && !toks[m].common)
        ++m;
      continue;
    }
    if (t.cap && !t.initial && !StartsName(toks, m, end) && !(t.f & (kRole | kUnit))) {
      ++m;
      continue;
    }
    if (m > i && t.lower == "dan" && m + 1 < end && toks[m + 1].cap && !toks[m + 1].acronym &&
        !StartsName(toks, m + 1, end) && toks[m + 1].common) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

bool PeopleFinder::ParseRole(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end,
                             RolePhrase& out) const {
  if (!(toks[i].f & (kRoleFirst | kModifierFirst))) return false;
  size_t j = i;
  out = RolePhrase{};
  for (uint8_t acting; size_t n = MatchPhrase(modifiers_, max_modifier_words_, toks, j, end, &acting);) {
    (acting ? out.acting : out.former) = true;
    j += n;
  }
  RoleKind kind{};
  size_t head = MatchPhrase(roles_, max_role_words_, toks, j, end, &kind);
  if (!head) return false;
  // A modifier must be followed by its head; "mantan" alone is an ordinary word.
  size_t head_first = j;
  j += head;
  if (j < end && toks[j].punct == '-' ) return false;  // "kepala-kepala"
  auto is_org_start = [&](size_t k) {
    const Tok& t = toks[k];
    if (!t.word || !t.cap) return false;
    if (t.acronym || (t.mention_end > int32_t(k) && t.org_mention)) return true;
    return (t.f & (kOrg | kRegion)) != 0;
  };
  size_t k = j;
  std::string title(doc.Original(Span{doc.tokens[head_first].span.start, doc.tokens[j - 1].span.end}));
  // A regional head takes the next capitalised word as its region ("Bupati Kupang Ayub Titu Eki").
  if (kind == RoleKind::kRegion && k < end && toks[k].cap && !is_org_start(k) && !toks[k].initial &&
      !(toks[k].f & (kHonorific | kNamePart))) {
    size_t m = RegionEnd(toks, k, end);
    out.organization = std::string(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[m - 1].span.end}));
    k = m;
  } else if (kind != RoleKind::kPerson) {
    // Units: "Humas dan Informasi Publik", "Divisi Teknis Penyelenggaraan".
    while (k < end) {
      const Tok& t = toks[k];
      if (is_org_start(k)) break;
      // "Kasat Resnarkoba Polres Belu": an unknown word between a head and its organisation is a unit.
      if (StartsName(toks, k, end)) {
        if (k == j && t.cap && !t.initial && !(t.f & kHonorific) && k + 1 < end && is_org_start(k + 1)) {
          ++k;
          continue;
        }
        break;
      }
      if (t.cap && !t.initial && InCommonOrUnit(t)) { ++k; continue; }
      bool connector = t.lower == "dan" || t.punct == ',' || t.punct == '&';
      if (connector && k > j && k + 1 < end && toks[k + 1].cap && !is_org_start(k + 1) &&
          !StartsName(toks, k + 1, end) && InCommonOrUnit(toks[k + 1])) {
        k += 2;
        continue;
      }
      break;
    }
    if (k > j) title = doc.Original(Span{doc.tokens[head_first].span.start, doc.tokens[k - 1].span.end});
    if (k < end && is_org_start(k)) {
      size_t m = OrgEnd(doc, toks, k, end);
      if (m > k) {
        out.organization = std::string(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[m - 1].span.end}));
        k = m;
      }
      // A division named after the organisation: "Anggota KPU Provinsi NTT Divisi Perencanaan, Data dan Informasi".
      if (k < end && (toks[k].f & kUnit) && toks[k].cap) {
        size_t u = k + 1;
        while (u < end) {
          if (toks[u].cap && !toks[u].initial && !StartsName(toks, u, end) && InCommonOrUnit(toks[u])) { ++u; continue; }
          bool connector = toks[u].lower == "dan" || toks[u].punct == ',';
          if (connector && u + 1 < end && toks[u + 1].cap && !StartsName(toks, u + 1, end) && InCommonOrUnit(toks[u + 1])) {
            u += 2;
            continue;
          }
          break;
        }
        title += " ";
        title += Squeeze(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[u - 1].span.end}));
        k = u;
      }
    }
  }
  // A lower-case head ("kata anggota Bawaslu …") is a role only when something capitalised follows.
  if (!toks[head_first].cap && k == j && !(k < end && toks[k].cap)) return false;
  out.first = i;
  out.end = k;
  out.kind = kind;
  out.title = Squeeze(title);
  return true;
}

// The end of a name starting at i: capitalised words and initials, with particles ("bin") and
// "alias" between them.
[[gnu::always_inline]] inline size_t PeopleFinder::NameEnd(const std::vector<Tok>& toks, size_t i, size_t end) const {
  size_t m = i;
  auto name_word = [&](size_t k) __attribute__((always_inline)) {  // (called per word: inlined)
    const Tok& t = toks[k];
    if (!t.word || t.role || (t.place_or_org && !t.initial)) return false;
    if (t.initial) return true;
    if (!t.cap || t.acronym || (t.f & kNotName) || t.acronym_part || t.in_date) return false;
    if (k > i && (t.f & (kRole | kOrg | kRegion | kUnit)) && !(t.f & kNamePart)) return false;
    return !t.digit;
  };
  while (m < end) {
    if (name_word(m)) { ++m; continue; }
    // An abbreviated name part the tokenizer left apart from its period: "Muh." "Abd." "Moh."
    if (m > i && toks[m].punct == '.' && m + 1 < end && !toks[m - 1].space_after &&
        toks[m - 1].cap && !toks[m - 1].initial && toks[m - 1].lower.size() <= 4 && name_word(m + 1)) {
      ++m;
      continue;
    }
    if (m > i && m + 1 < end && ((toks[m].f & kParticle) || toks[m].lower == "alias") &&
        !toks[m].cap && name_word(m + 1)) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

void PeopleFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  // Scratch space reused from document to document by each worker thread (Run is const and
  // shared; allocating these afresh for every document cost more than filling them).
  thread_local std::vector<Tok> toks;
  thread_local std::deque<std::string> store;
  thread_local std::vector<uint32_t> marks;
  store.clear();
  const bool any_headline = Describe(doc, toks, store, marks);

  // 1. Role phrases, sentence by sentence. A role starts at a word with flags, so at a mark;
  // the passes below walk the marks of each sentence, from a token i on.
  thread_local std::vector<RolePhrase> roles;  // (scratch like toks: cleared, not freed)
  roles.clear();
  // (toks and marks keep their size from here on: their data and sizes are read once, not
  // again from the thread-local vectors at every use.)
  Tok* const tok = toks.data();
  const size_t n_toks = toks.size();
  const uint32_t* const mark = marks.data();
  const size_t n_marks = marks.size();
  size_t mi = 0;
  RolePhrase r;  // the one being read (ParseRole empties it)
  for (const Sentence& sent : doc.sentences) {
    for (size_t i = sent.first_token; mi < n_marks && mark[mi] < sent.end_token; ++mi) {
      if (mark[mi] < i) continue;
      i = mark[mi];
      if ((tok[i].f & (kRoleFirst | kModifierFirst)) && ParseRole(doc, toks, i, sent.end_token, r)) {
        for (size_t k = r.first; k < r.end; ++k) tok[k].role = true;
        roles.push_back(std::move(r));
        i = roles.back().end;
      }
    }
  }

  // 2. Name candidates, with honorifics before and degrees after.
  thread_local std::vector<Candidate> cands;
  cands.clear();
  Candidate c;  // the one being read: emptied at each mark, moved into cands when kept
  thread_local std::vector<int32_t> cand_at;  // token → candidate starting there
  cand_at.assign(n_toks, -1);
  mi = 0;
  for (const Sentence& sent : doc.sentences) {
    const size_t end = sent.end_token;
    for (size_t i = sent.first_token; mi < n_marks && mark[mi] < end; ++mi) {
      if (mark[mi] < i) continue;  // i: where the last candidate (or what was skipped) ended
      i = mark[mi];
      // Most tokens start nothing: neither capitalised, nor an initial, nor "dr.".
      if (!tok[i].cap && !tok[i].initial && !(tok[i].f & kHonorific)) continue;
      c.honorifics.clear();  // (moved-from vectors are empty already; this is cheap)
      c.degrees.clear();
      size_t k = i;
      // Honorifics: "Bapak", "H.", "Irjen Pol.", "dr." — only right before a name.
      while (k < end && tok[k].word && !tok[k].role) {
        if (!(tok[k].f & kHonorific)) break;
        if (!tok[k].cap && tok[k].lower.back() != '.') break;
        size_t n = k + 1;
        while (n < end && tok[n].word) {
          if (!(tok[n].f & kRankSuffix)) break;
          ++n;
        }
        if (n >= end || !(tok[n].cap || tok[n].initial)) break;
        c.honorifics.push_back(Squeeze(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[n - 1].span.end})));
        k = n;
      }
      size_t e = NameEnd(toks, k, end);
      // A sentence's first word is capitalised anyway: drop it when it is a common word.
      if (e > k && tok[k].sent_start && c.honorifics.empty() && (tok[k].common || tok[k].lower.size() < 2) &&
          !(tok[k].f & kNamePart)) {
        const Evidence* ev = tok[k].ev;
        if (!ev || ev->person <= 2 * ev->other || ev->person < 3) {
          ++k;
          e = std::max(e, k);
          if (e == k) { i = k; continue; }
        }
      }
      if (e == k) {
        i = std::max(i + 1, k);
        continue;
      }
      // "Partai Demokrat Rachlan Nasidik": words that do not start a name, before one that does,
      // belong to something else.
      if (c.honorifics.empty() && e - k >= 2 && !StartsName(toks, k, end) && !tok[k].initial) {
        const Evidence* ev = tok[k].ev;
        bool other = (tok[k].f & (kOrg | kRegion | kUnit | kRole)) || (ev && ev->other > 3 * ev->person);
        bool later = false;
        for (size_t m = k + 1; m < e && !later; ++m)
          later = tok[m].initial || ((tok[m].f & kHonorific) && tok[m + 1 < e ? m + 1 : m].cap) ||
                  (other && StartsName(toks, m, end));
        if (later) {
          i = k + 1;
          continue;
        }
      }
      c.first = k;
      c.end = e;
      // Degrees: ", S.H., M.Si." — also when the tokenizer cut one into pieces ("M." "H.").
      size_t after = e;
      for (size_t d = e; d + 1 < end && tok[d].punct == ',';) {
        // The words from d + 1 on, joined, looked up as they grow (and with a final period
        // too): hashed byte by byte, never built.
        uint64_t h = hash::kFnvBasis;
        size_t best = 0;
        for (size_t g = d + 1; g < end && g < d + 6; ++g) {
          if (!tok[g].word && tok[g].punct != '.') break;
          h = hash::Fold(h, tok[g].lower);
          if (degrees_.Contains(h) || degrees_.Contains(hash::Step(h, '.')))
            best = g + 1;
          if (tok[g].space_after) break;
        }
        if (!best) break;
        c.degrees.push_back(std::string(doc.Original(Span{doc.tokens[d + 1].span.start, doc.tokens[best - 1].span.end})));
        after = d = best;
      }
      c.strong = !c.honorifics.empty();
      cand_at[k] = int32_t(cands.size());
      i = after;  // the degrees are no names of their own
      cands.push_back(std::move(c));
    }
  }
  if (cands.empty()) return;

  // 3. Evidence from the words of each candidate.
  for (Candidate& c : cands) {
    int score = 0;
    size_t words = 0, words_total = 0;
    size_t plain_common = 0;  // common words with no evidence of being names
    for (size_t k = c.first; k < c.end; ++k) {
      words_total += tok[k].cap || tok[k].initial;
      plain_common += tok[k].cap && tok[k].common && !(tok[k].ev && tok[k].ev->person > tok[k].ev->other);
    }
    // "Knowledge Sharing Tata Kelola Bakohumas": two plain words make a title, not a name.
    if (plain_common >= 2) score -= 2;
    for (size_t k = c.first; k < c.end; ++k) {
      const Tok& t = tok[k];
      if (!t.cap && !t.initial) continue;  // particles
      ++words;
      if (t.initial) { score += 2; continue; }
      if (t.f & kNamePart) { score += 1; continue; }
      if (t.f & (kOrg | kRegion | kUnit | kRole | kNotName | kHonorific | kRankSuffix)) { score -= 3; continue; }
      if (t.ev) {
        const Evidence& e = *t.ev;
        // A common word ("Ada", "Putra") needs clear evidence; an unknown one a little.
        if (t.common ? e.person >= 3 && e.person > 2 * e.other : e.person > 0 && e.person * 2 >= e.other) {
          score += 2;
          continue;
        }
        if (t.common && e.person > e.other) {  // "Hamzah": a word, but seen as a name more often
          score += 1;
          continue;
        }
        if (e.other >= 3 && e.other > 3 * e.person) { score -= 3; continue; }
      }
      // Common words are weak evidence against: many names are words too ("Ayub", "Bayu").
      if (t.common) { score -= 1; continue; }
      // An unknown capitalised word: a name when it has company ("Jemris Fointuna"); alone
      // ("Napoli", "Budapest") it needs context. Measured on the NER-UI dev set: +0.10 F1.
      if (words_total > 1) score += 1;
    }
    if (words == 1 && tok[c.first].sent_start && !c.strong) score -= 1;
    if (words == 1 && c.end - c.first == 1 && tok[c.first].lower.size() <= 2 && c.honorifics.empty()) score -= 5;
    // "Jalan Gatot Subroto", "RS Cipto Mangunkusumo", "Bandara Soekarno-Hatta": a place named after a person.
    if (c.first > 0 && (tok[c.first - 1].f & kNamedAfter)) {
      score -= 6;
      c.strong = false;
    }
    if (tok[c.first].headline) score -= 3;
    // What stands before: "di Kupang", "ke Jakarta" name places; "aplikasi Zoom" names a thing.
    if (c.first > 0 && !c.strong) {
      const Tok& p = tok[c.first - 1];
      if (p.word && !p.cap) {
        if ((p.f & kSpeechAfter) || p.lower == "menurut")
          c.strong = true;
        else if (p.lower == "oleh" || p.lower == "bersama" || p.lower == "kepada" || p.lower == "dengan")
          score += 2;
        else if (p.lower == "di" || p.lower == "ke" || p.lower == "dari")
          score -= 2;
        else if (words == 1 && HasCommon(hash::Fnv1a(p.lower)))
          score -= 1;
      }
    }
    if (c.end < n_toks) {
      const Tok& n = tok[c.end];
      // "Reni menegaskan", "Audy juga berbagi …"
      size_t v = c.end;
      if (v + 1 < n_toks && (n.lower == "juga" || n.lower == "pun" || n.lower == "kembali")) ++v;
      if (tok[v].word && !tok[v].cap && (tok[v].f & kSpeechBefore)) score += 2;
      if (n.acronym) score -= 1;
    }
    // Headline capitals are no evidence: there a name needs a cue, or the body to name it.
    if (tok[c.first].headline && !c.strong) score = std::min(score, 0);
    c.score = score;
  }

  // 4. Roles vouch for the names they stand beside.
  auto candidate_at = [&](size_t k) -> Candidate* {
    return k < n_toks && cand_at[k] >= 0 ? &cands[size_t(cand_at[k])] : nullptr;
  };
  for (size_t r = 0; r < roles.size(); ++r) {
    const RolePhrase& rp = roles[r];
    size_t k = rp.end;
    if (k < n_toks && (tok[k].punct == ',' || tok[k].punct == '(')) ++k;
    // Honorifics belong to the candidate: find one starting at k or right after its honorifics.
    Candidate* c = nullptr;
    for (size_t h = k; h < n_toks && h < k + 4 && !c; ++h) {
      c = candidate_at(h);
      if (!c && !(tok[h].word && (tok[h].f & kHonorific))) break;
    }
    // The holder's name must read as one: not "Peraturan Gubernur (Pergub)", not "…, Kementerian Hukum",
    // not a headline's next words ("Wali Kota Kupang Tinjau Penanganan Banjir").
    if (c) {
      bool all_common = true;
      for (size_t k = c->first; k < c->end && all_common; ++k)
        all_common = tok[k].initial ? false : tok[k].common && !(tok[k].ev && tok[k].ev->person > tok[k].ev->other);
      if (all_common && c->honorifics.empty()) c = nullptr;
    }
    if (c && !c->honorifics.empty()) {
    } else if (c && ((tok[c->first].f & (kOrg | kRegion | kUnit | kRole | kNotName)) ||
                     (c->end - c->first == 1 && !StartsName(toks, c->first, n_toks)) ||
                     (rp.end < n_toks && tok[rp.end].punct == '(' && c->end - c->first == 1 && !tok[c->first].ev))) {
      c = nullptr;
    }
    if (c) {
      c->strong = true;
      c->roles.push_back(r);
      // One role, several holders: "Anggota KPU RI A serta B".
      size_t n = c->end;
      while (n + 1 < n_toks && (tok[n].lower == "dan" || tok[n].lower == "serta")) {
        Candidate* d = candidate_at(n + 1);
        if (!d) break;
        d->strong = true;
        d->roles.push_back(r);
        n = d->end;
      }
      continue;
    }
    // "Reni Rinjani, Kepala Bagian …", "Reni selaku Kepala Bagian …"
    size_t p = rp.first;
    if (p >= 2 && (tok[p - 1].punct == ',' || tok[p - 1].lower == "selaku" || tok[p - 1].lower == "sebagai")) {
      for (size_t b = p - 1; b-- > 0 && b + 8 > p;) {
        Candidate* d = candidate_at(b);
        if (d && d->end == p - 1) {
          d->strong = true;
          d->roles.push_back(r);
          break;
        }
      }
    }
  }

  // 5. Decide, then group mentions into people: a full name first, then the shorter
  // mentions that are part of it ("Reni", "Rinjani").
  // (The per-document sets below are sorted vectors reused by the thread: hash sets of
  // strings cost an allocation per word and a free per document.)
  thread_local std::vector<std::string_view> cand_words;  // the capitalised words of a candidate
  auto words_of = [&](const Candidate& c) {
    cand_words.clear();
    for (size_t k = c.first; k < c.end; ++k)
      if (tok[k].cap && !tok[k].initial) cand_words.push_back(tok[k].lower);
  };
  // A word seen where no person stands ("tim Bakohumas", "Bakohumas KPU") is no person's name
  // elsewhere in the document either, unless something vouches for it there.
  thread_local std::vector<std::string_view> vetoed;  // sorted when first looked up
  vetoed.clear();
  for (const Candidate& c : cands)
    if (!c.strong && c.score <= 0 && c.end - c.first == 1) vetoed.push_back(tok[c.first].lower);
  bool vetoed_sorted = false;  // (most documents never look: no sort for them)
  auto is_vetoed = [&](std::string_view w) {
    // A few words: a scan, which mostly compares lengths (a sort compared bytes).
    if (vetoed.size() <= 16) return std::find(vetoed.begin(), vetoed.end(), w) != vetoed.end();
    if (!vetoed_sorted) std::sort(vetoed.begin(), vetoed.end());
    vetoed_sorted = true;
    return std::binary_search(vetoed.begin(), vetoed.end(), w);
  };
  std::vector<Person> people;
  people.reserve(cands.size());  // (at most one person per candidate: no Person moved by a regrowth)
  // The name each person is filed under: people[pi] under keys[pi] (lower case; for a full
  // name, without spaces), found by a scan of the keys' hashes (a document names few people).
  // Reused by the thread, so that filing a person allocates nothing.
  thread_local std::vector<std::string> keys;
  thread_local std::vector<uint64_t> key_hashes;  // one per person
  key_hashes.clear();
  thread_local std::string key;  // the key being looked up
  // key = utf8::Lower(name), without its spaces when `no_spaces`: for ASCII (most names) in
  // one pass and with no new string.
  auto set_key = [&](std::string_view name, bool no_spaces) {
    key.resize(name.size());
    char* o = key.data();
    unsigned char high = 0;
    for (char ch : name) {
      if (no_spaces && ch == ' ') continue;
      high |= static_cast<unsigned char>(ch);
      *o++ = utf8::AsciiLower(ch);
    }
    key.resize(size_t(o - key.data()));
    if (high >= 0x80) {
      key.assign(name);
      if (no_spaces) key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
      key = utf8::Lower(key);
    }
  };
  // The person filed under `key`, else people.size() after filing it there for the caller.
  auto file = [&]() -> size_t {
    const uint64_t h = hash::Fnv1a(key);
    for (size_t q = 0; q < key_hashes.size(); ++q)
      if (key_hashes[q] == h && keys[q] == key) return q;
    if (keys.size() <= key_hashes.size()) keys.emplace_back();
    keys[key_hashes.size()].assign(key);
    key_hashes.push_back(h);
    return people.size();
  };
  // The capitalised words of people[pi]: person_words[word_start[pi], word_start[pi + 1]), in
  // one vector reused by the thread (a vector per person was an allocation per person).
  thread_local std::vector<std::string_view> person_words;
  thread_local std::vector<uint32_t> word_start;
  person_words.clear();
  word_start.assign(1, 0);
  auto add_person_words = [&](const std::string_view* w, size_t n) {
    person_words.insert(person_words.end(), w, w + n);
    word_start.push_back(uint32_t(person_words.size()));
  };
  thread_local std::vector<uint8_t> pending;  // cands[ci] waits for the short mentions' pass
  pending.assign(cands.size(), 0);
  // A word of a full name → those people: (word, person) pairs, in the order the people were
  // found; sorted by word, each word's people kept in that order, once they all are.
  using WordPerson = std::pair<std::string_view, uint32_t>;
  thread_local std::vector<WordPerson> people_with_word;
  people_with_word.clear();
  // Words are ordered by length first, then bytes: any order that keeps a word's pairs together
  // serves, and this one mostly compares two lengths, not two strings.
  auto word_less = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return a.size() < b.size();
    return std::memcmp(a.data(), b.data(), a.size()) < 0;
  };
  auto by_word = [&](const WordPerson& a, const WordPerson& b) { return word_less(a.first, b.first); };
  // A bit per word of people_with_word, by word_bit(): most words looked up there are in no
  // full name, and a clear bit says so without a scan.
  uint64_t word_bits = 0;
  auto word_bit = [](std::string_view w) {
    return w.empty() ? 1 : uint64_t(1) << ((w.size() * 7 + static_cast<unsigned char>(w[0]) +
                                            static_cast<unsigned char>(w.back()) * 3) & 63);
  };
  auto with_word = [&](std::string_view w) {
    const auto begin = people_with_word.begin(), end = people_with_word.end();
    if (!(word_bits & word_bit(w))) return std::pair(end, end);
    if (people_with_word.size() <= 16) {  // a few people: a scan, which mostly compares lengths
      auto first = std::find_if(begin, end, [&](const WordPerson& x) { return x.first == w; });
      auto last = first;
      while (last != end && last->first == w) ++last;
      return std::pair(first, last);
    }
    return std::equal_range(begin, end, WordPerson{w, 0}, by_word);
  };
  // What a mention brings to its person: honorifics, degrees (full names only) and roles,
  // each kept once.
  auto absorb = [&](Person& p, const Candidate& c, bool with_degrees) {
    auto add = [](std::vector<std::string>& to, const std::string& x) {
      if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
    };
    for (const auto& h : c.honorifics) add(p.honorifics, h);
    if (with_degrees)
      for (const auto& d : c.degrees) add(p.degrees, d);
    for (size_t r : c.roles) {
      const RolePhrase& rp = roles[r];
      Role role{rp.title, rp.organization, rp.acting, rp.former,
                Span{doc.tokens[rp.first].span.start, doc.tokens[rp.end - 1].span.end}};
      bool dup = std::any_of(p.roles.begin(), p.roles.end(), [&](const Role& x) {
        return x.title == role.title && x.organization == role.organization;
      });
      if (!dup) p.roles.push_back(std::move(role));
    }
  };
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    if (!c.strong && c.score <= 0) continue;
    words_of(c);
    bool accepted = true;
    if (!c.strong && cand_words.size() == 1 && is_vetoed(cand_words[0]))
      accepted = false;
    if (!accepted || cand_words.empty()) continue;
    if (cand_words.size() == 1 && c.end - c.first == 1) {
      pending[ci] = true;
      continue;
    }
    std::string name = NameText(doc, c.first, c.end);
    set_key(name, /*no_spaces=*/true);
    size_t pi = file();
    if (pi == people.size()) {
      people.push_back(Person{name, {}, {}, {}, {}});
      add_person_words(cand_words.data(), cand_words.size());
      if (cand_words.size() >= 2) {
        const size_t own = people_with_word.size();  // this person's pairs start here
        for (auto w : cand_words)
          if (std::none_of(people_with_word.begin() + own, people_with_word.end(),
                           [&](const WordPerson& x) { return x.first == w; })) {
            people_with_word.push_back({w, uint32_t(pi)});
            word_bits |= word_bit(w);
          }
      }
    }
    Person& p = people[pi];
    p.mentions.push_back(Span{doc.tokens[c.first].span.start, doc.tokens[c.end - 1].span.end});
    absorb(p, c, /*with_degrees=*/true);
  }
  // By word, then person: the order a stable sort by word would give (each pair is unique, and
  // people were added in order), without the buffer std::stable_sort allocates.
  std::sort(people_with_word.begin(), people_with_word.end(), [&](const WordPerson& a, const WordPerson& b) {
    return word_less(a.first, b.first) || (a.first == b.first && a.second < b.second);
  });
  // Short mentions, and one-word names of their own ("Audy"). A one-word candidate that
  // failed on its own still joins a full name it is part of.
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    if (c.end - c.first != 1 || tok[c.first].initial) continue;
    std::string_view w = tok[c.first].lower;
    bool accepted = pending[ci];
    size_t best = people.size();
    uint32_t at = doc.tokens[c.first].span.start, best_dist = UINT32_MAX;
    for (auto [it, last] = with_word(w); it != last; ++it) {
      size_t pi = it->second;
      uint32_t first = people[pi].mentions.front().start;
      uint32_t dist = first <= at ? at - first : (first - at) + (1u << 30);  // prefer a full name before
      if (dist < best_dist) { best_dist = dist; best = pi; }
    }
    if (best == people.size()) {
      if (!accepted) continue;
      std::string name(doc.Original(doc.tokens[c.first].span));
      set_key(name, /*no_spaces=*/false);
      best = file();
      if (best == people.size()) {
        people.push_back(Person{name, {}, {}, {}, {}});
        add_person_words(&w, 1);
      }
    }
    Person& p = people[best];
    p.mentions.push_back(doc.tokens[c.first].span);
    absorb(p, c, /*with_degrees=*/false);
  }
  // Headlines, in title case or in capitals, are no evidence of their own; a run of their
  // words that spells a person named in the body ("RENI RINJANI", "Reni Hadiri …") is a mention.
  // (Only a full name has words to spell: none, nothing to look for.)
  if (!people_with_word.empty() && any_headline) {
    size_t next = 0;  // the token after the last such mention
    for (size_t i : marks) {  // (capitalised words are marked)
      if (i < next || !tok[i].headline || !tok[i].cap || tok[i].role) continue;
      for (auto [it, last] = with_word(tok[i].lower); it != last; ++it) {
        size_t pi = it->second;
        const std::string_view* words = person_words.data() + word_start[pi];
        const std::string_view* words_end = person_words.data() + word_start[pi + 1];
        size_t e = i;
        while (e < n_toks && tok[e].cap && e - i < size_t(words_end - words) &&
               std::find(words, words_end, tok[e].lower) != words_end)
          ++e;
        Span span{doc.tokens[i].span.start, doc.tokens[e - 1].span.end};
        bool known = false;
        for (const Person& q : people)
          for (const Span& m : q.mentions) known = known || (m.start < span.end && span.start < m.end);
        if (!known) people[pi].mentions.push_back(span);
        next = e;
        break;
      }
    }
  }
  for (Person& p : people)
    std::sort(p.mentions.begin(), p.mentions.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  // People come mostly in order already, and a sort moves every Person (five members) even
  // then. (No two people's first mentions start at the same place: the order is the same.)
  auto by_first = [](const Person& a, const Person& b) { return a.mentions.front().start < b.mentions.front().start; };
  if (!std::is_sorted(people.begin(), people.end(), by_first)) std::sort(people.begin(), people.end(), by_first);
  doc.people = std::move(people);
}

}  // namespace warta
