#include "stages/organizations.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "error.h"
#include "stages/gazetteer.h"
#include "stages/tokens.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/word_index.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta {

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
// The least score of an entity model's span that no rule's mention overlaps for it to be taken.
constexpr float kModelAlone = 0.5f;

// How a body is named after a place: "KPU Provinsi NTT" (daerah), "Polda Metro Jaya" (satuan).
enum class Scope : uint8_t { kNasional, kDaerah, kSatuan };
// What may follow a head word: common words ("Dinas Kesehatan") or a proper name too
// ("Universitas Nusa Cendana").
enum class HeadKind : uint8_t { kTail, kName };

struct Institution {
  std::string form;     // as the press writes it: "KPU", "Partai Golkar"
  std::string name;     // full name, or "" when the form is the name
  std::string acronym;  // the acronym to report, or ""
  std::string key;      // utf8::Lower of the name reported (name, else form): a hit's key, made once
  Scope scope = Scope::kNasional;
};

using chars::StartsUpper;

// "KPU", "DPRD", "KemenPPPA", "PDI-P": two or more capitals, no space.
bool AcronymLike(std::string_view w) {
  if (w.size() < 2 || w.size() > 16 || !StartsUpper(w)) return false;
  int upper = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c == ' ') return false;
  }
  return upper >= 2;
}

std::string NoSpacedHyphens(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    if (s[k] == ' ' && s.compare(k, 3, " - ") == 0) {
      out += '-';
      k += 2;
    } else {
      out += s[k];
    }
  }
  return out;
}

// The short form a text puts in brackets after a name: "(KPU)", "(Bawaslu)", "(Komdigi)".
bool ShortForm(std::string_view w) {
  return AcronymLike(w) || (StartsUpper(w) && w.size() >= 3 && w.size() <= 16);
}

bool Roman(std::string_view w) {
  if (w.empty() || w.size() > 5) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L'; });
}

// Whether an acronym abbreviates words with these initials: its first letter is the first
// initial and its letters follow the initials in order, each word used at most once
// ("FRLD" ← f r l d, "KemenPPPA" is not an initials acronym and fails).
bool Initials(std::string_view acronym, const std::string& initials) {
  std::string in;
  for (char c : initials)
    if (c) in += c;
  if (in.size() < 2 || acronym.empty()) return false;
  size_t k = 0;
  for (char c : acronym) {
    if (c < 'A' || c > 'Z') continue;
    char l = utf8::AsciiLower(c);
    while (k < in.size() && in[k] != l) ++k;
    if (k == in.size()) return false;
    ++k;
  }
  return utf8::AsciiLower(acronym[0]) == in[0];
}


}  // namespace

class OrganizationLexicon {
 public:
  OrganizationLexicon(const Lexicon& lex, StageSettings settings);
  std::vector<Institution> institutions;
  gazetteer::NameTable forms;  // key of a form or full name → institution
  gazetteer::NameTable heads;  // key of a head word → HeadKind
  HashTable<uint32_t> suffixes;  // "Group", "Pictures": close a run of names
  // The first key prefixes of every form, full name and head ("kab", "kab." of "Kab. Kupang"),
  // and their first three bytes: a token that fails either starts none of them.
  KeyFilter first_words;
  gazetteer::Prefix3Filter first3;
  gazetteer::Prefix3Filter suffix3;          // the first three bytes of `suffixes`
  std::shared_ptr<const WordIndex> words;    // the lexicons' word index: common words
  HashTable<uint32_t> place_cues;            // "provinsi", "prov.", "kota" … (lexicons/places/cues.tsv)
  std::vector<std::string> named_heads;      // heads of bodies often named after a person (named_heads.tsv)
  std::array<bool, 256> lower_first{};       // first bytes of forms written in small letters ("detikcom")
  // Their first two bytes ("de", "tv"), one bit per pair (8 KiB): tested at every token of
  // small letters that starts with one of those bytes ("dan", "di", "tidak" …), a binary
  // search there cost more than the rest of the test.
  std::vector<uint64_t> lower_pairs = std::vector<uint64_t>(65536 / 64, 0);
  std::array<bool, 256> start_byte{};        // first bytes of a capital (A-Z, non-ASCII) or lower_first
  // Whether a token may begin a form written in small letters: a form equal to the text from
  // this token on starts with the token's first two bytes (its first byte, for a 1-byte token).
  bool LowerStart(std::string_view w) const {
    if (w.empty() || !lower_first[static_cast<unsigned char>(w[0])]) return false;
    if (w.size() == 1) return true;
    uint16_t p = Pair(w);
    return (lower_pairs[p >> 6] >> (p & 63)) & 1;
  }
  static uint16_t Pair(std::string_view w) {
    return uint16_t(static_cast<unsigned char>(w[0]) << 8 | static_cast<unsigned char>(w[1]));
  }

 private:
  void ReadInstitutions(const Lexicon& lex);
  void ReadHeads(const Lexicon& lex);
  void ReadPlaceCues(const Lexicon& lex);
  // Adds a form, full name or head to `table` and to the first-word filters.
  uint32_t& AddStart(gazetteer::NameTable& table, std::string_view name, uint32_t fresh) {
    first3.Add(name);
    return table.Add(name, fresh, [&](uint64_t p) { first_words.Add(p); });
  }
  StageSettings settings_;
};

OrganizationLexicon::OrganizationLexicon(const Lexicon& lex, StageSettings settings) : settings_(settings) {
  ReadInstitutions(lex);
  ReadHeads(lex);
  ReadPlaceCues(lex);
  named_heads = lex.Words("organizations/named_heads.tsv");
  words = lex.Index();
}

void OrganizationLexicon::ReadInstitutions(const Lexicon& lex) {
  std::unordered_map<std::string, uint32_t> by_name;
  // brands.tsv: clubs and companies by brand or nickname, kept out of the entity model's word
  // facts (which read institutions.tsv) because their words are everyday words.
  for (const std::string kFile : {"organizations/institutions.tsv", "organizations/brands.tsv"}) {
    for (const auto& row : lex.Rows(kFile, 4)) {
      Institution x;
      x.form = row.fields[0];
      if (row.fields[1] != "-") x.name = row.fields[1];
      const std::string& scope = row.fields[3];
      if (scope == "daerah") x.scope = Scope::kDaerah;
      else if (scope == "satuan") x.scope = Scope::kSatuan;
      else if (scope != "nasional") throw Error(lex.Where(kFile, row.line) + ": unknown scope " + scope);
      bool acronym = x.form.find(' ') == std::string::npos && !x.name.empty();
      if (acronym) x.acronym = x.form;
      uint32_t id = uint32_t(institutions.size());
      if (!StartsUpper(x.form)) {
        lower_first[static_cast<unsigned char>(x.form[0])] = true;
        if (x.form.size() >= 2) lower_pairs[Pair(x.form) >> 6] |= uint64_t(1) << (Pair(x.form) & 63);
      }
      AddStart(forms, x.form, id);
      if (!x.name.empty()) {
        // The full name stands for the body under its shortest one-word acronym (PDIP over PDI-P).
        auto [it, fresh] = by_name.emplace(x.name, id);
        if (fresh) {
          AddStart(forms, x.name, id);
        } else if (acronym) {
          Institution& first = institutions[it->second];
          if (first.acronym.empty() || x.form.size() < first.acronym.size()) first.acronym = x.form;
        }
      }
      institutions.push_back(std::move(x));
    }
  }
  for (int c = 0; c < 256; ++c) start_byte[c] = (c >= 'A' && c <= 'Z') || c >= 0x80 || lower_first[c];
  for (Institution& x : institutions) x.key = utf8::Lower(x.name.empty() ? x.form : x.name);
  // Rows sharing a full name report the same acronym.
  for (Institution& x : institutions) {
    if (x.name.empty()) continue;
    const Institution& first = institutions[by_name[x.name]];
    if (!first.acronym.empty()) x.acronym = first.acronym;
  }
}

void OrganizationLexicon::ReadHeads(const Lexicon& lex) {
  const std::string kFile = "organizations/heads.tsv";
  for (const auto& row : lex.Rows(kFile, 2)) {
    const std::string& kind = row.fields[1];
    if (kind == "suffix") {
      suffixes.Insert(gazetteer::KeyHash(row.fields[0], settings_.fast_paths), 1);
      suffix3.Add(row.fields[0]);
    } else if (kind == "tail" || kind == "name") {
      AddStart(heads, row.fields[0], uint32_t(kind == "tail" ? HeadKind::kTail : HeadKind::kName));
    } else {
      throw Error(lex.Where(kFile, row.line) + ": unknown head kind " + kind);
    }
  }
}

// The cues of the levels a body's region may take: "KPU Provinsi NTT", "Pemkot Kota Kupang".
void OrganizationLexicon::ReadPlaceCues(const Lexicon& lex) {
  for (const auto& row : lex.Rows("places/cues.tsv", 2)) {
    if (row.fields[1] == "provinsi" || row.fields[1] == "kabupaten" || row.fields[1] == "kota")
      place_cues.Insert(gazetteer::KeyHash(row.fields[0], settings_.fast_paths), 1);
  }
}

OrganizationFinder::OrganizationFinder(const Lexicon& lexicon, StageSettings settings)
    : settings_(settings), lexicon_(std::make_unique<OrganizationLexicon>(lexicon, settings)) {}
OrganizationFinder::~OrganizationFinder() = default;

namespace {

// A place mention that starts at a token.
struct PlaceAt {
  uint32_t place = kNone;  // index in doc.places
  uint32_t end = 0;        // end token
};

// An administrative area (or a country): the words of its name are no organisation's start.
bool Admin(PlaceKind t) { return t != PlaceKind::kLain && t != PlaceKind::kWilayah && t != PlaceKind::kTempat; }
// A place that can be an organisation's region: "KPU Provinsi NTT", "KPU RI".
bool Regional(PlaceKind t) {
  return t == PlaceKind::kProvinsi || t == PlaceKind::kKabupaten || t == PlaceKind::kKota || t == PlaceKind::kNegara;
}

// A place mention as MapPlaces reads them: in text order (equal starts in their order in
// doc.places, `seq`, which decides the PlaceAt entry they share). Byte offsets of doc.text.
struct MentionAt {
  uint32_t start, end, place, seq;
};

// One organisation mention, before merging.
struct Hit {
  uint32_t first = 0, end = 0;  // tokens [first, end)
  // The key: a lexicon hit's is the Institution's, an acronym hit's that of its definition
  // (both outlive the hits: no copy); any other hit's is made and kept in own_key.
  const std::string* shared_key = nullptr;
  std::string own_key, name, acronym;
  std::optional<std::string> region, place_code;
  float score = -1;  // the entity model's score of an organisation span it coincides with, or -1
  const std::string& key() const { return shared_key ? *shared_key : own_key; }
};

// The acronyms a document defines, "BGN" of "Badan Gizi Nasional (BGN)": acronym → (key, name).
// Looked up by a token's string_view (no std::string made per token once the map has keys).
using Definitions = hash::StringMap<std::pair<std::string, std::string>>;
using Definition = Definitions::value_type;

// Every buffer the stage fills for a document, kept by each worker thread from one document
// to the next (cleared or refilled before it is read): no allocation and no fresh pages per
// document.
struct OrganizationScratch {
  std::vector<MentionAt> mentions;    // MapPlaces
  std::vector<PlaceAt> place_at;      // per token: the place mention starting there
  std::vector<uint8_t> inside_area;   // per token: inside (not first in) an area's name
  std::vector<uint32_t> sent_end;     // per token: its sentence's end token
  std::vector<uint8_t> upper;         // per token: StartsUpper of its norm form
  std::vector<uint8_t> person_start;  // per token: a person span of the entity model starts there
  std::vector<int8_t> common_memo;    // per token: Common() (-1: not yet asked)
  std::vector<uint32_t> starts;       // the tokens an organisation may start at, in order
  std::vector<Hit> hits;              // the mentions found, in text order
  // The defined acronyms (a handful, views of the Definitions' keys, which do not move): most
  // starts are turned away by a comparison of sizes, before a string hash and a map probe.
  std::vector<std::string_view> defined_keys;
  std::vector<size_t> entity;         // Merge: per organisation, the index of its first hit
  std::vector<uint32_t> hit_at;       // AddModelHits: per token, the index in `hits` covering it
  std::vector<uint64_t> person_words;  // AddModelHits: the keys of the words of the model's people, sorted
};

// The ends of what may start at one token (HitAt); 0: nothing of that kind.
struct Ends {
  uint32_t lex = 0;   // a form or full name of the lexicon (inst: which)
  uint32_t head = 0;  // a head word ("Dinas", "Universitas"; kind: what may follow)
  uint32_t gen = 0;   // a head word and the name after it (region: a place that closes it)
  uint32_t suf = 0;   // capitalised names closed by a suffix word ("Walt Disney Pictures")
  uint32_t def = 0;   // a head, capitalised words, and the acronym of their initials after them
  uint32_t inst = kNone;
  HeadKind kind = HeadKind::kTail;
  uint32_t region = kNone;
};

// The organizations stage over one document: the phases of Run, in order, each a method below.
class OrganizationReader : gazetteer::DocumentReader {
 public:
  OrganizationReader(const OrganizationLexicon& lexicon, StageSettings settings, Document& doc,
                     OrganizationScratch& s)
      : DocumentReader(doc, settings.fast_paths), L_(lexicon), s_(s) {}

  void Run() {
    MapPlaces();
    ReadTokens();
    FindHits();
    AddModelHits();
    Merge();
  }

 private:
  // ---- the phases
  void MapPlaces();
  void ReadTokens();
  void FindHits();
  void AddModelHits();
  void Merge();

  // ---- at one start token i
  // The end of the hit at i (appended to s_.hits), or 0. Inlined into FindHits's loop: it runs
  // at every start, and a call's frame cost as much as the test that finds nothing at most.
  [[gnu::always_inline]] inline uint32_t HitAt(uint32_t i);
  // Longest lexicon form or full name at i written as the lexicon writes it (or in capitals).
  uint32_t LexiconAt(uint32_t i, uint32_t& inst);
  // The longest head word at i ("Dinas", "Badan", "PT").
  uint32_t HeadAt(uint32_t i, HeadKind& kind);
  // The name after a head ending at j; region: a place that closes it, or kNone.
  uint32_t NameAfterHead(uint32_t j, HeadKind kind, uint32_t name_limit, bool named, uint32_t& region);
  // The head in tokens [i, j) is one of named_heads.tsv ("Rumah Sakit", "RSPAD").
  bool NamedHead(uint32_t i, uint32_t j) const {
    std::string head;
    for (uint32_t t = i; t < j; ++t) {
      if (t > i) head += ' ';
      head += utf8::Lower(Norm(t));
    }
    return std::find(L_.named_heads.begin(), L_.named_heads.end(), head) != L_.named_heads.end();
  }
  uint32_t SuffixNameAt(uint32_t i);
  uint32_t DefinitionAt(uint32_t i, uint32_t head_end);
  const Definition* DefinedAt(uint32_t i) const;
  // The hit of a lexicon name, with its region where the body is regional.
  void LexiconHit(Hit& h, uint32_t inst, uint32_t end);
  // The region written after a regional body's lexicon name: "KPU [Provinsi NTT]", "Polda [Metro Jaya]".
  void RegionAfter(Hit& h, const Institution& x);
  // A legal form in brackets after the hit, and the acronym it defines in brackets.
  void CloseHit(Hit& h);
  void SetRegion(Hit& h, uint32_t place) const;

  // ---- token tests (and DocumentReader's Key, Norm, Text)
  // A dictionary word or a derivation of one (WordIndex::IsCommonWord: lexicons/affixes.tsv), once
  // per token on the fast path. Names of bodies are made of such words ("Penerbangan",
  // "Kependudukan"); personal names mostly are not.
  bool IsCommon(uint32_t i) {
    if (!fast_) return Common(Norm(i));
    if (s_.common_memo[i] < 0) s_.common_memo[i] = Common(Norm(i));
    return s_.common_memo[i] == 1;
  }
  // Words of one or two letters ("No", "di") are no evidence either way here: an organisation's
  // name takes them only as its lexicon writes them. A word of five letters or fewer counts only
  // as a lemma itself: "Asian" is a name's word, not asi + -an.
  bool Common(std::string_view w) const {
    if (w.size() < 3) return false;
    const std::string lower = utf8::Lower(w);
    if (lower.size() <= 5) return L_.words->Has(hash::Fnv1a(lower), WordIndex::kCommon);
    return L_.words->IsCommonWord(lower);
  }
  // The first letter of a capitalised word, lower-cased ('\0' for "dan").
  char LowInitial(uint32_t t) const {
    std::string_view w = Norm(t);
    if (w.empty() || !StartsUpper(w) || (w[0] & 0x80)) return '\0';
    return utf8::AsciiLower(w[0]);
  }
  // Whether token i lies in a title whose words nearly all start with a capital.
  bool InTitleCase(uint32_t i);

  const OrganizationLexicon& L_;
  OrganizationScratch& s_;
  Definitions defined_;  // the acronyms this document defines
  int title_case_ = -1;  // InTitleCase's answer for the title, once known (-1: not yet)
};

// Input: doc.places (mentions, types), doc.tokens. Output: s_.place_at (per token, the place
// mention starting there and its end token) and s_.inside_area (tokens inside an area's name
// are not organisation starts).
void OrganizationReader::MapPlaces() {
  s_.place_at.assign(n_, PlaceAt{});
  s_.inside_area.assign(n_, false);
  s_.mentions.clear();
  for (uint32_t p = 0; p < doc_.places.size(); ++p)
    for (const Span& m : doc_.places[p].mentions)
      s_.mentions.push_back({m.start, m.end, p, uint32_t(s_.mentions.size())});
  std::sort(s_.mentions.begin(), s_.mentions.end(), [](const MentionAt& x, const MentionAt& y) {
    return x.start != y.start ? x.start < y.start : x.seq < y.seq;
  });
  auto before = [](const Token& t, uint32_t b) { return t.span.start < b; };
  // a = the first token starting at or after m.start, b = the same for m.end.
  uint32_t a = 0;
  for (const MentionAt& m : s_.mentions) {
    if (fast_) {
      // Mentions lie a few dozen tokens apart: a galloping search from the last one (steps of
      // 1, 2, 4 … tokens, then a binary search in the last step) reads far fewer tokens than a
      // binary search over the rest of the document. Tokens before `lo` start before m.start.
      uint32_t lo = a, hi = a;
      for (uint32_t step = 1; hi < n_ && toks_[hi].span.start < m.start; step *= 2) {
        lo = hi + 1;
        hi += step;
      }
      hi = std::min(hi, n_);
      a = uint32_t(std::lower_bound(toks_.begin() + lo, toks_.begin() + hi, m.start, before) - toks_.begin());
    } else {
      a = uint32_t(std::lower_bound(toks_.begin(), toks_.end(), m.start, before) - toks_.begin());
    }
    uint32_t b = a;
    while (b < n_ && toks_[b].span.start < m.end) ++b;
    if (a >= n_ || toks_[a].span.start != m.start || b <= a) continue;
    s_.place_at[a] = {m.place, b};
    if (Admin(doc_.places[m.place].type))
      for (uint32_t t = a + 1; t < b; ++t) s_.inside_area[t] = true;
  }
}

// Input: doc.tokens, doc.norm, doc.sentences, s_.inside_area. Output: s_.sent_end, s_.upper,
// s_.starts (words outside area names, with a capital or, for "detikcom", the first bytes of a
// form the lexicon writes in small letters: at other tokens nothing can start a hit), an empty
// s_.common_memo.
void OrganizationReader::ReadTokens() {
  FillSentenceEnds(doc_.sentences, n_, s_.sent_end);
  s_.person_start.assign(n_, 0);
  for (const EntitySpan& e : doc_.entity_spans)
    if (e.type == EntityType::kPerson && e.first_token < n_ && e.score >= kModelAlone) s_.person_start[e.first_token] = 1;
  s_.common_memo.assign(n_, -1);
  s_.upper.assign(n_, 0);
  s_.starts.resize(n_);
  // Plain pointers: a store through a uint8_t* may alias anything, so with vectors the
  // compiler would reload every one of them at each token.
  const Token* tk = toks_.data();
  const uint8_t* inside = s_.inside_area.data();
  uint8_t* up = s_.upper.data();
  uint32_t* out = s_.starts.data();
  // First the tokens whose first byte may start a hit: most tokens (small letters,
  // punctuation) are turned away here (the slow path takes every token).
  uint32_t count = 0;
  if (fast_) {
    count = TokensByFirstByte(doc_, L_.start_byte, out);
  } else {
    for (; count < n_; ++count) out[count] = count;
  }
  // Then the full test, on those few (an empty token fails it: StartsUpper("") is false).
  // A word in small letters may start a form only with that form's first two bytes
  // (LowerStart); the slow path tries them all, and HitAt keeps only a form written so.
  uint32_t kept = 0;
  for (uint32_t k = 0; k < count; ++k) {
    uint32_t i = out[k];
    bool u = StartsUpper(Norm(i));
    up[i] = u;
    if (Wordish(tk[i]) && !inside[i] && (u || !fast_ || L_.LowerStart(Norm(i)))) out[kept++] = i;
  }
  s_.starts.resize(kept);
}

// Input: s_.starts and the per-token facts above, doc.places. Output: s_.hits, in text order,
// without overlap (a hit consumes its tokens), and the acronyms the document defines.
void OrganizationReader::FindHits() {
  s_.hits.clear();
  s_.defined_keys.clear();
  for (uint32_t k = 0, i = 0; k < s_.starts.size(); ++k) {
    if (s_.starts[k] < i) continue;  // inside the hit found last
    i = s_.starts[k];
    if (uint32_t e = HitAt(i)) i = e;
  }
}

// Input: doc.entity_spans (the entity model's organisations), s_.hits. Output: each hit that
// a model organisation coincides with (either lies inside the other) takes its score; a model
// organisation that no hit overlaps becomes a hit, named by its words ("Yayasan Anak Bangsa"),
// an acronym the text defined under that definition, a lone acronym ("WMP") as its acronym,
// with an acronym in brackets after it defined (CloseHit); s_.hits stay in text order. Where
// a hit and a model organisation overlap the hit wins: the lexicon's names, acronyms and
// regions are the precise rule (README, "Organisations": measured on the NER dev sets).
void OrganizationReader::AddModelHits() {
  const size_t before = s_.hits.size();
  if (doc_.entity_spans.empty()) return;
  // Per token, the hit covering it (hits do not overlap; a model hit added below covers its
  // tokens too).
  s_.hit_at.assign(n_, kNone);
  s_.person_words.clear();
  for (const EntitySpan& e : doc_.entity_spans)
    if (e.type == EntityType::kPerson)
      for (uint32_t t = e.first_token; t < e.end_token && t < n_; ++t) s_.person_words.push_back(Key(t));
  std::sort(s_.person_words.begin(), s_.person_words.end());
  for (size_t k = 0; k < before; ++k)
    for (uint32_t t = s_.hits[k].first; t < s_.hits[k].end && t < n_; ++t) s_.hit_at[t] = uint32_t(k);
  // Whether hit k is the only hit in tokens [its first, b).
  auto hit_alone = [&](uint32_t k, uint32_t b) {
    for (uint32_t u = s_.hits[k].first; u < b; ++u)
      if (s_.hit_at[u] != kNone && s_.hit_at[u] != k) return false;
    return true;
  };
  for (const EntitySpan& e : doc_.entity_spans) {
    const uint32_t a = e.first_token, b = e.end_token;
    if (e.type != EntityType::kOrganization || b > n_ || a >= b) continue;
    bool overlap = false;
    for (uint32_t t = a; t < b; ++t) {
      const uint32_t k = s_.hit_at[t];
      if (k == kNone || (t > a && k == s_.hit_at[t - 1])) continue;
      overlap = true;
      Hit& h = s_.hits[k];
      if ((h.first >= a && h.end <= b) || (h.first <= a && h.end >= b)) h.score = std::max(h.score, e.score);
      // "RSUD Dr. Soetomo": a lexicon body without a region whose name the model's span runs on
      // with (the institution named after a person or a place) takes the rest of the span.
      if (h.first == a && h.end < b && !h.region && h.shared_key && hit_alone(k, b) && e.score >= kModelAlone) {
        h.name += ' ';
        h.name += Text(h.end, b);
        h.own_key = utf8::Lower(h.name);
        h.shared_key = nullptr;
        for (uint32_t u = h.end; u < b; ++u) s_.hit_at[u] = k;
        h.end = b;
      }
    }
    // A span alone is taken when it is likelier right than wrong (the score is calibrated as
    // the chance that the span is exactly right: entities.h).
    if (overlap || e.score < kModelAlone) continue;
    // "Conor McGregor … McGregor": a word the model names a person elsewhere in the document
    // is that person's (the people stage decides), not an organisation.
    bool person = true;
    for (uint32_t t = a; t < b && person; ++t)
      person = std::binary_search(s_.person_words.begin(), s_.person_words.end(), Key(t));
    if (person) continue;
    Hit& h = s_.hits.emplace_back();
    h.first = a;
    h.end = b;
    h.score = e.score;
    const Definition* def = b == a + 1 ? DefinedAt(a) : nullptr;
    if (def) {
      h.shared_key = &def->second.first;
      h.name = def->second.second;
      h.acronym = def->first;
    } else {
      h.name = std::string(Text(a, b));
      h.own_key = utf8::Lower(h.name);
      if (b == a + 1 && AcronymLike(h.name)) h.acronym = h.name;
      CloseHit(h);  // (may take a bracket after the span: "(WMP)")
    }
    for (uint32_t t = a; t < h.end && t < n_; ++t) s_.hit_at[t] = uint32_t(s_.hits.size() - 1);
  }
  if (s_.hits.size() > before)
    std::stable_sort(s_.hits.begin(), s_.hits.end(), [](const Hit& x, const Hit& y) { return x.first < y.first; });
}

inline uint32_t OrganizationReader::HitAt(uint32_t i) {
  Ends e;
  // Every form and head starts with a key of first_words (and their first three bytes): one
  // test turns most tokens away before LexiconAt and HeadAt look any further.
  const bool known = !fast_ || (L_.first3.MayStart(Norm(i)) && L_.first_words.MayContain(Key(i)));
  if (known) e.lex = LexiconAt(i, e.inst);
  // Names in small letters ("detikcom") only as the lexicon writes them.
  if (!s_.upper[i] && !(e.lex && Text(i, e.lex) == L_.institutions[e.inst].form)) return 0;
  if (known) e.head = HeadAt(i, e.kind);
  // In a headline written in Title Case every word has a capital, so a head's common-word
  // tail cannot be told from the verb after it ("Dinas Kesehatan Gelar Vaksinasi"): there
  // only the lexicon and the body text name organisations.
  if (e.head && InTitleCase(i)) e.head = 0;
  if (e.head) {
    e.gen = NameAfterHead(e.head, e.kind, e.lex ? e.lex : kNone, NamedHead(i, e.head), e.region);
    if (e.gen == e.head) e.gen = 0;  // a head word alone ("Badan", "Partai") names nothing
  }
  e.suf = SuffixNameAt(i);
  e.def = DefinitionAt(i, e.head);
  // With nothing else at i, only an acronym the text defined may start a hit: looked up
  // before a Hit (four strings) is made, since most starts find nothing.
  const Definition* acronym_def = nullptr;
  if (!e.def && !e.suf && !e.gen && !e.lex) {
    acronym_def = DefinedAt(i);
    if (!acronym_def) return 0;
  }
  Hit& h = s_.hits.emplace_back();  // (every path from here keeps it)
  h.first = i;
  // The longest reading wins; on equal ends the lexicon's, then a head's, a suffix's, a definition's.
  if (e.def > e.lex && e.def > e.gen && e.def > e.suf) {
    h.end = e.def;
    h.name = std::string(Text(i, e.def));
    h.own_key = utf8::Lower(h.name);
  } else if (e.suf > e.lex && e.suf > e.gen) {
    h.end = e.suf;
    h.name = std::string(Text(i, e.suf));
    h.own_key = utf8::Lower(h.name);
  } else if (e.gen > e.lex) {
    h.end = e.gen;
    h.name = std::string(Text(i, e.gen));
    if (e.region != kNone) SetRegion(h, e.region);
    h.own_key = utf8::Lower(h.name);
  } else if (e.lex) {
    LexiconHit(h, e.inst, e.lex);
  } else {  // (every end is 0: acronym_def is set)
    h.end = i + 1;
    h.shared_key = &acronym_def->second.first;  // (a map node: it does not move)
    h.name = acronym_def->second.second;
    h.acronym = acronym_def->first;
  }
  CloseHit(h);
  return h.end;
}

uint32_t OrganizationReader::LexiconAt(uint32_t i, uint32_t& inst) {
  uint32_t best = 0;
  const uint32_t end = std::min({s_.sent_end[i], n_, i + 12});
  L_.forms.Walk(doc_, i, end, Key(i), [&](uint32_t j, uint32_t id) {
    const Institution& x = L_.institutions[id];
    std::string w = NoSpacedHyphens(Text(i, j + 1));  // "Go - Jek" is "Go-Jek"
    bool ok = w == x.form || w == x.name || (!chars::HasLower(w) && w.size() > 1);
    if (!ok && j > i && !x.name.empty() && StartsUpper(w)) {
      // A full name may differ in the case of its small words: "Komisi Pemilihan umum" no,
      // "Kementerian Dalam Negeri" yes — every word keeps its capital.
      ok = true;
      for (uint32_t t = i; t <= j; ++t)
        if (Wordish(toks_[t]) && !s_.upper[t] && x.name.find(Norm(t)) == std::string::npos) ok = false;
    }
    if (ok) {
      best = j + 1;
      inst = id;
    }
  });
  return best;
}

uint32_t OrganizationReader::HeadAt(uint32_t i, HeadKind& kind) {
  if (!s_.upper[i]) return 0;
  if (fast_ && !L_.first_words.MayContain(Key(i))) return 0;
  uint32_t best = 0;
  const uint32_t end = std::min({s_.sent_end[i], n_, i + 3});
  L_.heads.Walk(doc_, i, end, Key(i), [&](uint32_t j, uint32_t k) {
    if (!s_.upper[j]) return;
    best = j + 1;
    kind = HeadKind(k);
  });
  return best;
}

// The name after a head: capitalised common words, acronyms, numerals, "dan" between them,
// and a place that closes it ("Dinas Kesehatan Kabupaten Kupang"). name_limit: where a name
// the lexicon knows ends (kNone: none), past which only acronyms, numerals and a region go on.
uint32_t OrganizationReader::NameAfterHead(uint32_t j, HeadKind kind, uint32_t name_limit, bool named,
                                           uint32_t& region) {
  uint32_t end = j, names = 0;
  region = kNone;
  if (j >= n_) return j;  // the head ends the document
  const std::vector<uint32_t>& sent_end = s_.sent_end;
  while (end < sent_end[j] && end < n_ && end < j + 10) {
    HeadKind ignored;
    // Another head opens another body: "Fakultas Ekonomi | Universitas Indonesia".
    if (end > j && HeadAt(end, ignored)) break;
    if (s_.place_at[end].place != kNone) {
      PlaceKind type = doc_.places[s_.place_at[end].place].type;
      if (Regional(type)) {
        // "Dinas Kupang" is no name, "Pemerintah Kabupaten Kupang" is.
        if (end == j && type != PlaceKind::kNegara && kind == HeadKind::kTail && !L_.place_cues.Contains(Key(end))) break;
        uint32_t place = s_.place_at[end].place;
        end = s_.place_at[end].end;
        // A government body ends with its region; a company or campus name may go on
        // ("PT Semen Kupang Tbk").
        if (kind == HeadKind::kTail) {
          region = place;
          break;
        }
        continue;
      }
    }
    const Token& t = toks_[end];
    std::string_view w = Norm(end);
    // Where the entity model starts a person's name, the name after the head has ended: "Biro
    // Komunikasi Publik Kemenpar | Guntur Sakti" (words that are also common words), "PT Jasa
    // Marga | Faiza Riani". After a head and one proper name the model's person may be the rest
    // of a company's name ("PT Salma Arowana Lestari"), and after a head of named_heads.tsv the
    // person the body is named after ("Rumah Sakit Pusat Angkatan Darat Gatot Subroto"): those
    // names go on.
    if (end > j && s_.person_start[end] && !named && !AcronymLike(w) && !(kind == HeadKind::kName && names == 1))
      break;
    if (t.kind == TokenKind::kWord && StartsUpper(w)) {
      // Past a name the lexicon knows only acronyms, numerals and a region may follow:
      // "Partai Golkar | Akbar Tandjung", "Partai Golkar Jawa Timur".
      if (end >= name_limit && !(AcronymLike(w) || Roman(w))) break;
      if (AcronymLike(w) || Roman(w) || IsCommon(end)) {
        ++end;
        continue;
      }
      // A proper name after "Universitas", "PT" …, but not past a name the lexicon knows:
      // "Partai Golkar | Aburizal Bakrie".
      if (kind == HeadKind::kName && names < 4 && end < name_limit) {
        ++names;
        ++end;
        continue;
      }
      break;
    }
    // Conjunctions inside a name: "Kependudukan dan Pencatatan Sipil", "Riset & Teknologi".
    HeadKind next_head;
    if ((w == "dan" || w == "&") && end > j && end + 1 < sent_end[j] && s_.upper[end + 1] &&
        !HeadAt(end + 1, next_head)) {
      ++end;
      continue;
    }
    break;
  }
  while (end > j && (Norm(end - 1) == "dan" || Norm(end - 1) == "&")) --end;
  return end;
}

// "Walt Disney Pictures", "Cyrus Network": capitalised names closed by a suffix word. Not
// from an acronym nor from a common word: both tested only once a suffix is found (rarely),
// so that most runs of capitals cost no more than the suffix test.
uint32_t OrganizationReader::SuffixNameAt(uint32_t i) {
  // (The loop stops at once unless the next token is a capitalised word.)
  if (!s_.upper[i] || i + 1 >= s_.sent_end[i] || !Wordish(toks_[i + 1]) || !s_.upper[i + 1]) return 0;
  uint32_t e = 0;
  for (uint32_t k = i + 1; k < s_.sent_end[i] && k < i + 5; ++k) {
    if (toks_[k].kind != TokenKind::kWord && toks_[k].kind != TokenKind::kAbbrev) break;
    if (!s_.upper[k]) break;
    if ((!fast_ || L_.suffix3.MayStart(Norm(k))) && L_.suffixes.Contains(Key(k))) e = k + 1;
  }
  if (e && (AcronymLike(Norm(i)) || IsCommon(i))) e = 0;
  return e;
}

// "Forum Relawan Literasi Desa (FRLD)": a head, capitalised words, and an acronym of their
// initials define a body even when the words are not in the dictionary. Returns the end of
// the words (the "(" of the acronym), or 0.
uint32_t OrganizationReader::DefinitionAt(uint32_t i, uint32_t head_end) {
  if (!head_end) return 0;
  uint32_t k = head_end;
  std::string letters;
  for (uint32_t t = i; t < head_end; ++t) letters += LowInitial(t);
  while (k < s_.sent_end[i] && k < head_end + 8 && toks_[k].kind == TokenKind::kWord &&
         (s_.upper[k] || Norm(k) == "dan")) {
    letters += LowInitial(k);
    ++k;
  }
  if (k > head_end && k + 2 < n_ && Norm(k) == "(" && Norm(k + 2) == ")" && AcronymLike(Norm(k + 1)) &&
      Initials(Norm(k + 1), letters))
    return k;
  return 0;
}

const Definition* OrganizationReader::DefinedAt(uint32_t i) const {
  const std::string_view w = Norm(i);
  if (fast_ && std::find(s_.defined_keys.begin(), s_.defined_keys.end(), w) == s_.defined_keys.end()) return nullptr;
  auto it = defined_.find(w);
  return it == defined_.end() ? nullptr : &*it;
}

// Input: the institution and the end of its name (tokens [h.first, end)). Output: h's end,
// name, acronym and key, with the region of a regional body joined to its name
// ("Komisi Pemilihan Umum" + "Provinsi Nusa Tenggara Timur").
void OrganizationReader::LexiconHit(Hit& h, uint32_t inst, uint32_t end) {
  const Institution& x = L_.institutions[inst];
  h.end = end;
  h.name = x.name.empty() ? x.form : x.name;
  h.acronym = x.acronym;
  if (x.scope != Scope::kNasional && h.end < n_) RegionAfter(h, x);
  bool with_region = h.region && x.scope != Scope::kNasional;
  if (!with_region) {
    h.shared_key = &x.key;  // h.name is the lexicon's name
    return;
  }
  // "Pemerintah Kota" + "Kota Kupang" → "Pemerintah Kota Kupang".
  std::string_view reg = *h.region;
  size_t sp = reg.find(' ');
  if (sp != std::string_view::npos && h.name.size() > sp &&
      h.name.compare(h.name.size() - sp, sp, reg.substr(0, sp)) == 0 && h.name[h.name.size() - sp - 1] == ' ')
    reg = reg.substr(sp + 1);
  // A police or military unit is named after its area's bare name: "Polresta Sidoarjo" is
  // "Kepolisian Resor Kota Sidoarjo", not "… Kota Kabupaten Sidoarjo" (the region keeps its level).
  else if (x.scope == Scope::kSatuan && h.place_code)
    for (std::string_view level : {"Kabupaten ", "Kota "})
      if (reg.substr(0, level.size()) == level) reg = reg.substr(level.size());
  h.name.push_back(' ');
  h.name.append(reg.data(), reg.size());
  h.own_key = utf8::Lower(h.name);
}

// "KPU Provinsi NTT", "Bawaslu Kaltim", "KPU RI"; "Komisi … (KPU) Provinsi …"; a unit's
// name of numbers and common words ("Polda Metro Jaya", "Kodam IX/Udayana"). h.end < n_.
void OrganizationReader::RegionAfter(Hit& h, const Institution& x) {
  const std::vector<PlaceAt>& place_at = s_.place_at;
  uint32_t r = h.end;
  // "Pemerintah Kabupaten | Kupang": the lexicon name ends inside a place mention.
  if (place_at[r - 1].place != kNone && place_at[r - 1].end > r) r = r - 1;
  if (r + 2 < n_ && Norm(r) == "(" && ShortForm(Norm(r + 1)) && Norm(r + 2) == ")") r += 3;
  // "KPU Provinsi NTT", "Pemkot Kota Kupang": the place mention may start after its cue.
  if (r + 1 < n_ && place_at[r].place == kNone && L_.place_cues.Contains(Key(r)) && place_at[r + 1].place != kNone) ++r;
  const uint32_t sentence_end = s_.sent_end[h.first];
  if (r < n_ && place_at[r].place != kNone && s_.sent_end[r] == sentence_end) {
    PlaceKind type = doc_.places[place_at[r].place].type;
    bool fits = Regional(type) || (x.scope == Scope::kSatuan && (type == PlaceKind::kKecamatan || type == PlaceKind::kLain || type == PlaceKind::kTempat ||
                                            type == PlaceKind::kWilayah));
    if (fits) {
      SetRegion(h, place_at[r].place);
      h.end = place_at[r].end;
    }
  } else if (x.scope == Scope::kSatuan) {
    uint32_t u = h.end;
    while (u < sentence_end && u < h.end + 3 &&
           (toks_[u].kind == TokenKind::kNumber || Roman(Norm(u)) ||
            (Wordish(toks_[u]) && s_.upper[u] && IsCommon(u))))
      ++u;
    if (u > h.end) {
      h.region = std::string(Text(h.end, u));
      h.end = u;
    }
  }
}

void OrganizationReader::SetRegion(Hit& h, uint32_t place) const {
  const Place& p = doc_.places[place];
  if (p.type == PlaceKind::kNegara) return;  // "KPU RI": the national body
  h.region = p.type == PlaceKind::kProvinsi ? "Provinsi " + p.name : p.name;
  h.place_code = p.code;
}

// "PT PLN (Persero)": a legal-form suffix in brackets belongs to the name. "Badan Gizi
// Nasional (BGN)": the text defines an acronym; later "BGN" is the same body.
void OrganizationReader::CloseHit(Hit& h) {
  if (h.end + 2 < n_ && Norm(h.end) == "(" && Norm(h.end + 2) == ")" && L_.suffixes.Contains(Key(h.end + 1)))
    h.end += 3;
  uint32_t e = h.end;
  if (e + 2 < n_ && Norm(e) == "(" && Norm(e + 2) == ")" && ShortForm(Norm(e + 1))) {
    std::string acr(Norm(e + 1));
    if (h.acronym.empty()) h.acronym = acr;
    if (!defined_.count(acr)) s_.defined_keys.push_back(defined_.emplace(acr, std::pair(h.key(), h.name)).first->first);
  }
}

bool OrganizationReader::InTitleCase(uint32_t i) {
  const uint32_t at = toks_[i].span.start;
  if (!doc_.title_span || at < doc_.title_span->start || at >= doc_.title_span->end) return false;
  if (title_case_ < 0 || !fast_) {  // (once per document; the slow path counts every time)
    int words = 0, caps = 0;
    for (uint32_t t = 0; t < n_ && toks_[t].span.start < doc_.title_span->end; ++t) {
      if (toks_[t].span.start < doc_.title_span->start || toks_[t].kind != TokenKind::kWord) continue;
      ++words;
      caps += s_.upper[t];
    }
    title_case_ = words >= 3 && caps * 5 >= words * 4;
  }
  return title_case_ == 1;
}

// Input: s_.hits. Output: doc.organizations (appended), one per name (key) and region, in the
// order of their first mentions; mentions are byte spans of doc.text, in text order.
void OrganizationReader::Merge() {
  s_.entity.clear();
  doc_.organizations.reserve(doc_.organizations.size() + s_.hits.size());
  for (Hit& h : s_.hits) {
    size_t k = 0;
    for (; k < s_.entity.size(); ++k) {
      const Hit& first = s_.hits[s_.entity[k]];
      if (first.key() == h.key() && first.place_code == h.place_code && first.region == h.region) break;
    }
    if (k == s_.entity.size()) {
      s_.entity.push_back(size_t(&h - s_.hits.data()));
      Organization o;
      o.name = std::move(h.name);  // (a hit's name is not read again; its key, region and code are)
      if (!h.acronym.empty()) o.acronym = std::move(h.acronym);
      o.region = h.region;
      o.place_code = h.place_code;
      doc_.organizations.push_back(std::move(o));
    }
    Organization& o = doc_.organizations[k];
    if (!o.acronym && !h.acronym.empty()) o.acronym = h.acronym;
    if (h.score >= 0) o.score = std::max(o.score.value_or(0.f), h.score);
    o.mentions.push_back({toks_[h.first].span.start, toks_[h.end - 1].span.end});
  }
}

}  // namespace

void OrganizationFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  thread_local OrganizationScratch scratch;
  OrganizationReader(*lexicon_, settings_, doc, scratch).Run();
}

}  // namespace warta
