// The keys of names, shared by the places and organizations stages: how a name of the lexicons
// and a run of a document's tokens are hashed alike, the table a run is matched against, and
// the filters that turn most tokens away before any hashing.
//   KeyHash("Nusa  Tenggara Timur") == KeyHash("nusa tenggara timur")
//   NameTable t;  t.Add("Kab. Kupang", 7);
//   t.Walk(doc, i, end, doc.TokenKey(i), hit) over "Kab . Kupang" → hit(i + 2, 7)
// A name's key is its text in lower case with runs of spaces made one and no space around a
// hyphen ("PDI - P" is "pdi-p"); a run of tokens has the key of its norm forms joined by a
// space where the text has one (KeySpace). For a name of one word the key hash is
// hash::WordKey's, so that Document::TokenKey serves as the key of a one-token run.
// Names are kept by the hash (text/hash.h) of their key in a HashTable (text/hash_table.h): 90k
// gazetteer names load in a few milliseconds, with no allocation per name. Two different keys
// sharing a 64-bit hash is possible in principle (about 1 in 10^9 for this many keys); the
// callers re-check what they can (case, cue, an area's own key).
// Who uses what: both stages KeyHash, ExtendKey, NameTable (places: gazetteer names and cues;
// organizations: forms and head words), DocumentReader (their per-document readers' base) and
// Prefix3Filter (organizations before every lookup,
// places before the bare names of pass 2); WordFilter is the places stage's first-word filter,
// here because it is built on the same key walk (ForEachKeyByte).
// Fast paths: PlainKeyHash (KeyHash's shortcut for plain names; KeyHash(name, false) takes the
// full walk), Prefix3Filter, WordFilter and the first-word KeyFilter the stages fill through
// NameTable::Add. None changes a result: a stage built with StageSettings::fast_paths = false
// skips them, and its tests compare the two (tests/places_test.cc, tests/organizations_test.cc).
// Reads of a document (ExtendKey, NameTable::Walk, DocumentReader): doc.tokens, doc.norm.
// Writes: doc.token_keys through DocumentReader::Key on the fast path (Document::TokenKey).
#ifndef WARTA_STAGES_GAZETTEER_H_
#define WARTA_STAGES_GAZETTEER_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "stages/tokens.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/utf8.h"

namespace warta::gazetteer {

// Calls emit(byte) for each byte of a name's key, in order, and boundary() at every word or
// punctuation boundary ("kep", "kep.", "kep. riau"). The key is the name in lower case with
// runs of spaces made one and no space around a hyphen. KeyHash and Prefix3Filter are both
// built on this walk, so that they agree on what a key is.
template <typename Emit, typename Boundary>
void ForEachKeyByte(std::string_view name, Emit emit, Boundary boundary) {
  // This runs for each of the 90k gazetteer names at start-up: a scan for non-ASCII (eight
  // bytes at a time; such names are lower-cased by ICU first), then one byte at a time.
  bool ascii = true;
  size_t k = 0;
  for (; ascii && k + 8 <= name.size(); k += 8) {
    uint64_t eight;
    std::memcpy(&eight, name.data() + k, 8);
    ascii = !(eight & 0x8080808080808080ull);
  }
  for (; ascii && k < name.size(); ++k) ascii = static_cast<unsigned char>(name[k]) < 0x80;
  std::string lowered;
  if (!ascii) {
    lowered = utf8::Lower(name);
    name = lowered;
  }
  bool any = false, space = false, hyphen = false;
  for (char c : name) {
    // Letters and digits, the usual byte, skip every test but the case.
    if (static_cast<unsigned char>(c) > '/') {
      if (space) {
        boundary();
        emit(static_cast<unsigned char>(' '));
        space = false;
      }
      hyphen = false;
      emit(static_cast<unsigned char>(utf8::AsciiLower(c)));
      any = true;
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = any && !hyphen;  // "PDI - P" is "PDI-P"
      continue;
    }
    hyphen = c == '-';
    if (hyphen) space = false;
    if (space) {
      boundary();
      emit(static_cast<unsigned char>(' '));
      space = false;
    } else if (any && (c == '.' || c == '-' || c == '\'' || c == '/')) {
      boundary();
    }
    emit(static_cast<unsigned char>(c));
    any = true;
  }
  if (any) boundary();
}

// Calls visit(prefix_hash) at every word or punctuation boundary of a name's key (see
// ForEachKeyByte) and returns the hash of the whole key.
template <typename Visit>
uint64_t KeyHash(std::string_view name, Visit visit) {
  uint64_t h = hash::kFnvBasis;
  ForEachKeyByte(
      name, [&](unsigned char c) { h = hash::Step(h, c); }, [&] { visit(h); });
  return h;
}

// The key hash of a name whose key is just its bytes lower-cased (ASCII, no byte below '0'
// but single spaces between words: "Nusa Tenggara Timur", "Oelnasi", most names), and the key
// hash of its first word (up to its first space; the whole name without one). Returns false
// for any other name (punctuation, tabs, non-ASCII, runs of spaces), which needs the full walk
// of ForEachKeyByte. One table read per byte: this runs for the 84k village names and the
// 31k dictionary words at every start-up.
inline bool PlainKeyHash(std::string_view name, uint64_t& key, uint64_t& first_word) {
  // The byte a name's byte stands for in its key; kNotPlain marks bytes a plain key lacks.
  static constexpr uint16_t kNotPlain = 0x100;
  static constexpr auto kKeyByte = [] {
    std::array<uint16_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      if (c == ' ' || (c > '/' && c < 0x80)) t[c] = static_cast<unsigned char>(utf8::AsciiLower(char(c)));
      else t[c] = kNotPlain;
    }
    return t;
  }();
  if (name.empty() || name.front() == ' ' || name.back() == ' ') return false;
  uint64_t h = hash::kFnvBasis;
  uint16_t seen = 0;
  bool spaced = false;
  for (size_t k = 0; k < name.size(); ++k) {
    uint16_t b = kKeyByte[static_cast<unsigned char>(name[k])];
    seen |= b;
    if (b == ' ') {  // once or twice a name
      if (name[k - 1] == ' ') return false;  // (k > 0: the name does not start with one)
      if (!spaced) first_word = h;
      spaced = true;
    }
    h = hash::Step(h, static_cast<unsigned char>(b));
  }
  if (seen & kNotPlain) return false;
  if (!spaced) first_word = h;
  key = h;
  return true;
}

// The key hash of a name. plain: try PlainKeyHash first (the fast path; false: the full walk
// of ForEachKeyByte every time, for the stages' slow twin).
inline uint64_t KeyHash(std::string_view name, bool plain = true) {
  uint64_t key = 0, first_word = 0;
  if (plain && PlainKeyHash(name, key, first_word)) return key;
  return KeyHash(name, [](uint64_t) {});
}

// Whether the key of a token sequence has a space between two tokens: where the text has
// whitespace, except around a hyphen ("Soekarno - Hatta" is "soekarno-hatta").
inline bool KeySpace(bool space_in_text, std::string_view before, std::string_view after) {
  return space_in_text && before != "-" && after != "-";
}

// The key hash of the tokens [i, j] of doc from h, that of [i, j - 1] (j > i): the key KeyHash
// gives their text, their norm forms joined by a space where KeySpace says. A run is hashed as
// it grows: h = Document::TokenKey(i) (the key of token i alone), then h = ExtendKey(doc, j, h)
// for j = i + 1, i + 2 … Out of line: the stages' loops that call it stay small.
[[gnu::noinline]] inline uint64_t ExtendKey(const Document& doc, uint32_t j, uint64_t h) {
  const Token& prev = doc.tokens[j - 1];
  std::string_view w = NormOf(doc, doc.tokens[j]);
  if (KeySpace(prev.space_after || prev.line_break_after, NormOf(doc, prev), w)) h = hash::Step(h, ' ');
  return hash::FoldLower(h, w);
}

// A set of names to match runs of tokens against, longest first: the key hash of each name →
// a value (an index of the stage's own), and the hash of every key prefix that ends at a word
// or punctuation boundary ("kab", "kab.", "kab. kupang" of "Kab. Kupang"), so that a walk along
// the tokens stops at the first token that continues no name. Filled while a stage is built,
// then read from any thread.
class NameTable {
 public:
  // Adds `name` and returns the value stored for its key: `fresh` when the key is new, else the
  // value of the first name with that key (the first row of a lexicon wins). visit(p) is called
  // with the hash of each key prefix (the whole key last): a stage's first-word filter takes them.
  template <typename Visit>
  uint32_t& Add(std::string_view name, uint32_t fresh, Visit visit) {
    uint64_t h = KeyHash(name, [&](uint64_t p) {
      prefixes_.Insert(p, 1);
      visit(p);
    });
    return names_.Insert(h, fresh);
  }
  uint32_t& Add(std::string_view name, uint32_t fresh) { return Add(name, fresh, [](uint64_t) {}); }
  // The value of the name whose key hash is `key`, or nullptr.
  const uint32_t* Find(uint64_t key) const { return names_.Find(key); }

  // Walks the tokens [i, end) of doc while the run [i, j] is a key prefix of some name, and
  // calls hit(j, value) for each run [i, j] that is a name, shortest first; stop(j) true ends
  // the walk before token j. first_key: the key of token i alone (Document::TokenKey(i), or its
  // unmemoised ComputeTokenKey).
  template <typename Hit>
  void Walk(const Document& doc, uint32_t i, uint32_t end, uint64_t first_key, Hit hit) const {
    Walk(doc, i, end, first_key, hit, [](uint32_t) { return false; });
  }
  template <typename Hit, typename Stop>
  void Walk(const Document& doc, uint32_t i, uint32_t end, uint64_t first_key, Hit hit, Stop stop) const {
    uint64_t key = first_key;
    for (uint32_t j = i; j < end; ++j) {
      if (stop(j)) return;
      if (j > i) key = ExtendKey(doc, j, key);
      if (!prefixes_.Contains(key)) return;
      if (const uint32_t* v = names_.Find(key)) hit(j, *v);
    }
  }

 private:
  HashTable<uint32_t> names_;     // key hash → value
  HashTable<uint32_t> prefixes_;  // key hash of every prefix (value unused)
};

// The base of the two stages' readers of one document (PlaceReader, OrganizationReader): the
// document, its tokens, and the key of a token (the first key of a run) with or without
// Document::TokenKey's memo (fast: the memo, as StageSettings::fast_paths says).
class DocumentReader {
 protected:
  DocumentReader(Document& doc, bool fast) : fast_(fast), doc_(doc), toks_(doc.tokens), n_(uint32_t(doc.tokens.size())) {}

  // Token i's key: Document::TokenKey (hashed once per document, kept in doc.token_keys), or
  // on the plain path its unmemoised ComputeTokenKey.
  uint64_t Key(uint32_t i) const { return fast_ ? doc_.TokenKey(i) : doc_.ComputeTokenKey(i); }
  // Token i's norm form.
  std::string_view Norm(uint32_t i) const { return NormOf(doc_, toks_[i]); }
  // The norm text of tokens [a, b) (b > a), spaces and all.
  std::string_view Text(uint32_t a, uint32_t b) const {
    return std::string_view(doc_.norm).substr(toks_[a].norm_start, toks_[b - 1].norm_end - toks_[a].norm_start);
  }

  const bool fast_;
  Document& doc_;
  const std::vector<Token>& toks_;
  const uint32_t n_;
};

// The first three bytes of every key of a set of names, each folded to its low 5 bits (4 KiB).
// The key of a run of tokens starts with the lower-case form of its first token, so a token
// of three or more ASCII bytes whose lower-case first three bytes are not among them starts
// no key of the set (nor a prefix of one past its first three bytes): it need not be hashed.
// Most capitalised words are names of people; this turns many of them away with three table
// reads. Folding only adds false positives; non-ASCII and short tokens always pass.
class Prefix3Filter {
 public:
  // The filter's index for the key of `name` (as KeyHash makes it), or -1 for a key shorter
  // than three bytes (no token of three bytes or more starts it). Where the name's first three
  // bytes are letters or digits of ASCII (nearly always) they are the key's, up to case.
  static int KeyIndex(std::string_view name) {
    auto plain = [](unsigned char c) { return c > '/' && c < 0x80; };
    if (name.size() >= 3 && plain(name[0]) && plain(name[1]) && plain(name[2]))
      return int(Index(name[0], name[1], name[2]));
    unsigned char first[3];
    int count = 0;
    ForEachKeyByte(
        name,
        [&](unsigned char c) {
          if (count < 3) first[count] = c;
          ++count;
        },
        [] {});
    return count >= 3 ? int(Index(first[0], first[1], first[2])) : -1;
  }
  // Adds the key of `name`.
  void Add(std::string_view name) { AddIndex(KeyIndex(name)); }
  // Adds a key by its KeyIndex (-1: nothing).
  void AddIndex(int i) {
    if (i >= 0) Set(size_t(i));
  }
  // Removes every key.
  void Clear() { std::fill(std::begin(bits_), std::end(bits_), 0); }
  // False only when no key of the set can start with the token `w`.
  bool MayStart(std::string_view w) const {
    if (w.size() < 3) return true;
    auto a = static_cast<unsigned char>(w[0]), b = static_cast<unsigned char>(w[1]),
         c = static_cast<unsigned char>(w[2]);
    if ((a | b | c) >= 0x80) return true;  // Unicode lower case: not worth the care
    return Test(Index(a, b, c));  // (no lower-casing: the fold drops the case bit, 0x20)
  }

 private:
  static size_t Index(unsigned char a, unsigned char b, unsigned char c) {
    return size_t(a & 31) << 10 | size_t(b & 31) << 5 | size_t(c & 31);
  }
  void Set(size_t i) { bits_[i >> 6] |= uint64_t(1) << (i & 63); }
  bool Test(size_t i) const { return (bits_[i >> 6] >> (i & 63)) & 1; }
  uint64_t bits_[(1 << 15) / 64] = {};
};

// A one-hash Bloom filter over words: "may the lower case of this token be one of them?",
// without hashing the whole token. A word is reduced to its length and its first eight bytes
// (ASCII letters lower-cased by setting bit 0x20, which leaves digits and most punctuation as
// they are; other bytes change alike on both sides). 2^16 bits (8 KiB): a few thousand words
// leave nearly every other token out with some fifteen instructions, where a key hash costs
// several per byte. A token with a byte outside ASCII always passes (its lower case is not
// plain ASCII, and words with such bytes are not added).
class WordFilter {
 public:
  static constexpr int kBits = 16;
  // Adds the key prefix at every word or punctuation boundary of `name` (the keys whose hash
  // KeyHash's visit sees): "kab", "kab." of "Kab. Kupang", and "kab. kupang" itself.
  void AddPrefixes(std::string_view name) {
    std::string key;
    ForEachKeyByte(
        name, [&](unsigned char c) { key.push_back(char(c)); },
        [&] {
          uint64_t b;
          if (Bit(key, key.data() + key.size(), b)) Set(b);
        });
  }
  // False only when the lower case of token `w` is no word added. The bytes of `w` up to
  // `readable` (at least w.data() + w.size()) may be read: up to eight at a time.
  bool MayContain(std::string_view w, const char* readable) const {
    uint64_t b;
    return !Bit(w, readable, b) || Test(b);
  }

 private:
  // The filter bit of word `w`; false for a word with a byte outside ASCII.
  static bool Bit(std::string_view w, const char* readable, uint64_t& bit) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    const size_t len = w.size();
    uint64_t first = 0;
    if constexpr (std::endian::native == std::endian::little) {
      if (len < 8 && w.data() + 8 <= readable) {
        std::memcpy(&first, w.data(), 8);
        first &= len ? ~uint64_t(0) >> (64 - 8 * len) : 0;  // (a shift by 64 is undefined)
      } else {
        std::memcpy(&first, w.data(), len < 8 ? len : 8);
      }
    } else {
      std::memcpy(&first, w.data(), len < 8 ? len : 8);
    }
    uint64_t high = first & kHigh;
    for (size_t k = 8; k < len; k += 8) {  // the rest of a long word: only its ASCII test
      uint64_t chunk = 0;
      std::memcpy(&chunk, w.data() + k, len - k < 8 ? len - k : 8);
      high |= chunk & kHigh;
    }
    if (high) return false;
    uint64_t x = ((first | 0x2020202020202020ull) + len * 0x100000001B3ull) * 0x9E3779B97F4A7C15ull;
    bit = x >> (64 - kBits);
    return true;
  }
  void Set(uint64_t b) { bits_[b >> 6] |= uint64_t(1) << (b & 63); }
  bool Test(uint64_t b) const { return (bits_[b >> 6] >> (b & 63)) & 1; }
  uint64_t bits_[(size_t(1) << kBits) / 64] = {};
};

}  // namespace warta::gazetteer

#endif  // WARTA_STAGES_GAZETTEER_H_
