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


// A word of the dictionary, or one derived from a dictionary stem by the productive noun
// affixes of Indonesian (KBBI; Sneddon, Indonesian Reference Grammar §2): "penerbangan" ←
// terbang, "kependudukan" ← duduk, "pengatur" ← atur, "pelayanan" ← layan. Names of bodies
// are made of such words; personal names mostly are not.
bool Common(const WordIndex& words, const std::string& w) {
  auto has = [&](std::string_view s) { return s.size() >= 3 && words.Has(hash::Fnv1a(s), WordIndex::kCommon); };  // (w is lower case)
  if (has(w)) return true;
  std::string_view stem = w;
  for (std::string_view suf : {"an", "kan"})
    if (stem.size() > suf.size() + 3 && stem.substr(stem.size() - suf.size()) == suf) {
      if (has(stem.substr(0, stem.size() - suf.size()))) return true;
    }
  std::string_view bare = stem;
  if (bare.size() > 5 && bare.substr(bare.size() - 2) == "an") bare = bare.substr(0, bare.size() - 2);
  if (bare.rfind("ke", 0) == 0 && bare.size() > 5) bare = bare.substr(2);  // ke-pen-duduk-an
  if (has(bare)) return true;                                               // ke-celaka-an
  // pe(N)-/me(N)- with the nasal replacing a voiceless initial (p, t, s, k).
  struct Prefix {
    std::string_view p, restore;
  };
  static constexpr Prefix kPrefixes[] = {{"peng", ""}, {"peng", "k"}, {"peny", "s"}, {"pem", ""}, {"pem", "p"},
                                         {"pen", ""},  {"pen", "t"},  {"per", ""},  {"pe", ""},   {"ber", ""},
                                         {"ter", ""},  {"se", ""}};
  for (const Prefix& x : kPrefixes) {
    if (bare.size() <= x.p.size() + 2 || bare.rfind(x.p, 0) != 0) continue;
    std::string s(x.restore);
    s += bare.substr(x.p.size());
    if (has(s)) return true;
  }
  return false;
}

}  // namespace

class OrganizationLexicon {
 public:
  explicit OrganizationLexicon(const Lexicon& lex);
  std::vector<Institution> institutions;
  HashTable<uint32_t> forms, form_prefixes;  // key hash → institution
  HashTable<uint32_t> heads, head_prefixes;  // key hash → HeadKind
  HashTable<uint32_t> suffixes;              // "Group", "Pictures": close a run of names
  KeyFilter first_words;          // first word of every form and head
  gazetteer::Prefix3Filter first3;           // their first three bytes: tested before a token is hashed
  gazetteer::Prefix3Filter suffix3;          // the same for `suffixes`
  std::shared_ptr<const WordIndex> words;   // the lexicons' word index: common words
  HashTable<uint32_t> place_cues;            // "provinsi", "prov.", "kota" … (lexicons/places/cues.tsv)
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
};

OrganizationLexicon::OrganizationLexicon(const Lexicon& lex) {
  const std::string kFile = "organizations/institutions.tsv";
  std::unordered_map<std::string, uint32_t> by_name;
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
    first3.Add(x.form);
    uint64_t h = gazetteer::KeyHash(x.form, [&](uint64_t p) {
      form_prefixes.Insert(p, 1);
      first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
    });
    forms.Insert(h, id);
    if (!x.name.empty()) {
      // The full name stands for the body under its shortest one-word acronym (PDIP over PDI-P).
      auto [it, fresh] = by_name.emplace(x.name, id);
      if (fresh) {
        first3.Add(x.name);
        uint64_t hn = gazetteer::KeyHash(x.name, [&](uint64_t p) {
          form_prefixes.Insert(p, 1);
          first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
        });
        forms.Insert(hn, id);
      } else if (acronym) {
        Institution& first = institutions[it->second];
        if (first.acronym.empty() || x.form.size() < first.acronym.size()) first.acronym = x.form;
      }
    }
    institutions.push_back(std::move(x));
  }
  for (int c = 0; c < 256; ++c) start_byte[c] = (c >= 'A' && c <= 'Z') || c >= 0x80 || lower_first[c];
  for (Institution& x : institutions) x.key = utf8::Lower(x.name.empty() ? x.form : x.name);
  // Rows sharing a full name report the same acronym.
  for (Institution& x : institutions) {
    if (x.name.empty()) continue;
    const Institution& first = institutions[by_name[x.name]];
    if (!first.acronym.empty()) x.acronym = first.acronym;
  }
  const std::string kHeads = "organizations/heads.tsv";
  for (const auto& row : lex.Rows(kHeads, 2)) {
    HeadKind k;
    if (row.fields[1] == "tail") k = HeadKind::kTail;
    else if (row.fields[1] == "name") k = HeadKind::kName;
    else if (row.fields[1] == "suffix") {
      suffixes.Insert(gazetteer::KeyHash(row.fields[0]), 1);
      suffix3.Add(row.fields[0]);
      continue;
    } else throw Error(lex.Where(kHeads, row.line) + ": unknown head kind " + row.fields[1]);
    first3.Add(row.fields[0]);
    uint64_t h = gazetteer::KeyHash(row.fields[0], [&](uint64_t p) {
      head_prefixes.Insert(p, 1);
      first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
    });
    heads.Insert(h, uint32_t(k));
  }
  for (const auto& row : lex.Rows("places/cues.tsv", 2)) {
    if (row.fields[1] == "provinsi" || row.fields[1] == "kabupaten" || row.fields[1] == "kota")
      place_cues.Insert(gazetteer::KeyHash(row.fields[0]), 1);
  }
  words = lex.Index();
}

OrganizationFinder::OrganizationFinder(const Lexicon& lexicon)
    : lexicon_(std::make_unique<OrganizationLexicon>(lexicon)) {}
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

}  // namespace

void OrganizationFinder::Run(Document& doc) const {
  const OrganizationLexicon& L = *lexicon_;
  const auto& toks = doc.tokens;
  const uint32_t n = uint32_t(toks.size());
  if (n == 0) return;

  // Per-token scratch, reused by each worker thread from document to document (no allocation
  // and no fresh pages per document); every vector is refilled below before it is read.
  thread_local std::vector<uint32_t> sent_end;
  thread_local std::vector<PlaceAt> place_at;
  thread_local std::vector<uint8_t> inside_area;
  thread_local std::vector<int8_t> common_memo;
  thread_local std::vector<uint8_t> upper;    // StartsUpper(norm(i)), tested many times per token
  thread_local std::vector<uint32_t> starts;  // the tokens an organisation may start at
  auto norm = [&](uint32_t i) { return NormOf(doc, toks[i]); };
  // A token's key, for one-token lookups: hashed once per document (most of them already by
  // the places stage).
  auto token_key = [&](uint32_t i) { return doc.TokenKey(i); };
  FillSentenceEnds(doc.sentences, n, sent_end);

  // Place mentions by their first token; tokens inside an area name are not organisation starts.
  place_at.assign(n, PlaceAt{});
  inside_area.assign(n, false);
  // The mentions in text order (equal starts in their order in doc.places, which decides
  // the place_at entry they share), so that each search goes on from the last one:
  // a = the first token starting at or after m.start, b = the same for m.end.
  struct MentionAt {
    uint32_t start, end, place, seq;
  };
  thread_local std::vector<MentionAt> mentions;
  mentions.clear();
  for (uint32_t p = 0; p < doc.places.size(); ++p)
    for (const Span& m : doc.places[p].mentions)
      mentions.push_back({m.start, m.end, p, uint32_t(mentions.size())});
  std::sort(mentions.begin(), mentions.end(), [](const MentionAt& x, const MentionAt& y) {
    return x.start != y.start ? x.start < y.start : x.seq < y.seq;
  });
  uint32_t a = 0;
  for (const MentionAt& m : mentions) {
    // Mentions lie a few dozen tokens apart: a galloping search from the last one (steps of
    // 1, 2, 4 … tokens, then a binary search in the last step) reads far fewer tokens than a
    // binary search over the rest of the document. Tokens before `lo` start before m.start.
    uint32_t lo = a, hi = a;
    for (uint32_t step = 1; hi < n && toks[hi].span.start < m.start; step *= 2) {
      lo = hi + 1;
      hi += step;
    }
    hi = std::min(hi, n);
    a = uint32_t(std::lower_bound(toks.begin() + lo, toks.begin() + hi, m.start,
                                  [](const Token& t, uint32_t b) { return t.span.start < b; }) -
                 toks.begin());
    uint32_t b = a;
    while (b < n && toks[b].span.start < m.end) ++b;
    if (a >= n || toks[a].span.start != m.start || b <= a) continue;
    place_at[a] = {m.place, b};
    if (Admin(doc.places[m.place].type))
      for (uint32_t t = a + 1; t < b; ++t) inside_area[t] = true;
  }

  // Words outside area names, with a capital or (for "detikcom") the first bytes of a form
  // the lexicon writes in small letters: at other tokens nothing below can start a hit.
  upper.assign(n, 0);
  starts.resize(n);
  {
    // Plain pointers: a store through a uint8_t* may alias anything, so with vectors the
    // compiler would reload every one of them at each token.
    const Token* tk = toks.data();
    const uint8_t* inside = inside_area.data();
    uint8_t* up = upper.data();
    uint32_t* out = starts.data();
    // First the tokens whose first byte may start a hit: most tokens (small letters,
    // punctuation) are turned away here.
    const uint32_t count = TokensByFirstByte(doc, L.start_byte, out);
    // Then the full test, on those few (an empty token fails it: StartsUpper("") is false).
    uint32_t kept = 0;
    for (uint32_t k = 0; k < count; ++k) {
      uint32_t i = out[k];
      bool u = StartsUpper(norm(i));
      up[i] = u;
      if (Wordish(tk[i]) && !inside[i] && (u || L.LowerStart(norm(i)))) out[kept++] = i;
    }
    starts.resize(kept);
  }

  // The first letter of a capitalised word, lower-cased ('\0' for "dan").
  auto low_initial = [&](uint32_t t) -> char {
    std::string_view w = norm(t);
    if (w.empty() || !StartsUpper(w) || (w[0] & 0x80)) return '\0';
    return utf8::AsciiLower(w[0]);
  };
  // Whether token i lies in a title whose words nearly all start with a capital.
  int title_case = -1;
  auto in_title_case = [&](uint32_t i) {
    if (!doc.title_span || toks[i].span.start < doc.title_span->start || toks[i].span.start >= doc.title_span->end)
      return false;
    if (title_case < 0) {
      int words = 0, caps = 0;
      for (uint32_t t = 0; t < n && toks[t].span.start < doc.title_span->end; ++t) {
        if (toks[t].span.start < doc.title_span->start || toks[t].kind != TokenKind::kWord) continue;
        ++words;
        caps += upper[t];
      }
      title_case = words >= 3 && caps * 5 >= words * 4;
    }
    return title_case == 1;
  };
  auto written = [&](uint32_t a, uint32_t b) {
    return std::string_view(doc.norm).substr(toks[a].norm_start, toks[b - 1].norm_end - toks[a].norm_start);
  };
  common_memo.assign(n, -1);  // Common() is the costly test: once per token
  auto common = [&](uint32_t i) {
    if (common_memo[i] < 0) common_memo[i] = Common(*L.words, utf8::Lower(norm(i)));
    return common_memo[i] == 1;
  };
  // Longest lexicon form at i written as the lexicon writes it (or in capitals).
  auto lexicon_match = [&](uint32_t i, uint32_t& inst) -> uint32_t {
    if (!L.first_words.MayContain(token_key(i))) return 0;
    uint64_t h = hash::kFnvBasis;
    uint32_t best = 0;
    for (uint32_t j = i; j < sent_end[i] && j < n && j < i + 12; ++j) {
      h = gazetteer::ExtendKey(doc, i, j, h);
      if (!L.form_prefixes.Contains(h)) break;
      const uint32_t* id = L.forms.Find(h);
      if (!id) continue;
      const Institution& x = L.institutions[*id];
      std::string w = NoSpacedHyphens(written(i, j + 1));  // "Go - Jek" is "Go-Jek"
      bool ok = w == x.form || w == x.name || (!chars::HasLower(w) && w.size() > 1);
      if (!ok && j > i && !x.name.empty() && StartsUpper(w)) {
        // A full name may differ in the case of its small words: "Komisi Pemilihan umum" no,
        // "Kementerian Dalam Negeri" yes — every word keeps its capital.
        ok = true;
        for (uint32_t t = i; t <= j; ++t)
          if (Wordish(toks[t]) && !upper[t] && x.name.find(norm(t)) == std::string::npos)
            ok = false;
      }
      if (ok) {
        best = j + 1;
        inst = *id;
      }
    }
    return best;
  };
  auto head_match = [&](uint32_t i, HeadKind& kind) -> uint32_t {
    if (!upper[i] || !L.first_words.MayContain(token_key(i))) return 0;
    uint64_t h = hash::kFnvBasis;
    uint32_t best = 0;
    for (uint32_t j = i; j < sent_end[i] && j < n && j < i + 3; ++j) {
      h = gazetteer::ExtendKey(doc, i, j, h);
      if (!L.head_prefixes.Contains(h)) break;
      if (const uint32_t* k = L.heads.Find(h); k && upper[j]) {
        best = j + 1;
        kind = HeadKind(*k);
      }
    }
    return best;
  };
  // The name after a head: capitalised common words, acronyms, numerals, "dan" between
  // them, and a place that closes it ("Dinas Kesehatan Kabupaten Kupang"). Returns the end.
  auto tail = [&](uint32_t j, HeadKind kind, uint32_t name_limit, uint32_t& region) -> uint32_t {
    uint32_t end = j, names = 0;
    region = kNone;
    if (j >= n) return j;  // the head ends the document
    while (end < sent_end[j] && end < n && end < j + 10) {
      HeadKind ignored;
      // Another head opens another body: "Fakultas Ekonomi | Universitas Indonesia".
      if (end > j && head_match(end, ignored)) break;
      if (place_at[end].place != kNone) {
        PlaceKind type = doc.places[place_at[end].place].type;
        if (Regional(type)) {
          // "Dinas Kupang" is no name, "Pemerintah Kabupaten Kupang" is.
          if (end == j && type != PlaceKind::kNegara && kind == HeadKind::kTail && !L.place_cues.Contains(token_key(end))) break;
          uint32_t place = place_at[end].place;
          end = place_at[end].end;
          // A government body ends with its region; a company or campus name may go on
          // ("PT Semen Kupang Tbk").
          if (kind == HeadKind::kTail) {
            region = place;
            break;
          }
          continue;
        }
      }
      const Token& t = toks[end];
      std::string_view w = doc.Norm(t);
      if (t.kind == TokenKind::kWord && StartsUpper(w)) {
        // Past a name the lexicon knows only acronyms, numerals and a region may follow:
        // "Partai Golkar | Akbar Tandjung", "Partai Golkar Jawa Timur".
        if (end >= name_limit && !(AcronymLike(w) || Roman(w))) break;
        if (AcronymLike(w) || Roman(w) || common(end)) {
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
      if ((w == "dan" || w == "&") && end > j && end + 1 < sent_end[j] && upper[end + 1] &&
          !head_match(end + 1, next_head)) {
        ++end;
        continue;
      }
      break;
    }
    while (end > j && (norm(end - 1) == "dan" || norm(end - 1) == "&")) --end;
    return end;
  };

  struct Hit {
    uint32_t first = 0, end = 0;
    // The key: a lexicon hit's is the Institution's, an acronym hit's that of its definition
    // (both outlive the hits: no copy); any other hit's is made and kept in own_key.
    const std::string* shared_key = nullptr;
    std::string own_key, name, acronym;
    std::optional<std::string> region, place_code;
    const std::string& key() const { return shared_key ? *shared_key : own_key; }
  };
  thread_local std::vector<Hit> hits;  // per-thread: its buffer is reused, not regrown, per document
  hits.clear();
  // Looked up by a token's string_view (no std::string made per token once the map has keys).
  hash::StringMap<std::pair<std::string, std::string>> defined;  // acronym → (key, name)
  // `defined`'s acronyms (a handful, views of the map's keys, which do not move): most starts
  // are turned away by a comparison of sizes, before a string hash and a map probe.
  thread_local std::vector<std::string_view> defined_keys;
  defined_keys.clear();

  auto set_region = [&](Hit& h, uint32_t place) {
    const Place& p = doc.places[place];
    if (p.type == PlaceKind::kNegara) return;  // "KPU RI": the national body
    h.region = p.type == PlaceKind::kProvinsi ? "Provinsi " + p.name : p.name;
    h.place_code = p.code;
  };

  for (uint32_t k = 0, i = 0; k < starts.size(); ++k) {
    if (starts[k] < i) continue;  // inside the hit found last
    i = starts[k];
    // Every form and head starts with a key of first_words: one test turns most tokens
    // away before lexicon_match and head_match (which make it again) look any further.
    const bool known = L.first3.MayStart(norm(i)) && L.first_words.MayContain(token_key(i));
    uint32_t inst = kNone;
    uint32_t e_lex = known ? lexicon_match(i, inst) : 0;
    // Names in small letters ("detikcom") only as the lexicon writes them.
    if (!upper[i] && !(e_lex && written(i, e_lex) == L.institutions[inst].form)) continue;
    HeadKind kind = HeadKind::kTail;
    uint32_t e_head = known ? head_match(i, kind) : 0, e_gen = 0, region = kNone;
    // In a headline written in Title Case every word has a capital, so a head's common-word
    // tail cannot be told from the verb after it ("Dinas Kesehatan Gelar Vaksinasi"): there
    // only the lexicon and the body text name organisations.
    if (e_head && in_title_case(i)) e_head = 0;
    if (e_head) {
      e_gen = tail(e_head, kind, e_lex ? e_lex : kNone, region);
      if (e_gen == e_head) e_gen = 0;  // a head word alone ("Badan", "Partai") names nothing
    }
    // "Walt Disney Pictures", "Cyrus Network": capitalised names closed by a suffix word.
    uint32_t e_suf = 0;
    // (The loop below stops at once unless the next token is a capitalised word.)
    // Not from an acronym nor from a common word: both tested only once a suffix is found
    // (rarely), so that most runs of capitals cost no more than the suffix test.
    if (upper[i] && i + 1 < sent_end[i] && Wordish(toks[i + 1]) && upper[i + 1]) {
      for (uint32_t k = i + 1; k < sent_end[i] && k < i + 5; ++k) {
        if (toks[k].kind != TokenKind::kWord && toks[k].kind != TokenKind::kAbbrev) break;
        if (!upper[k]) break;
        if (L.suffix3.MayStart(norm(k)) && L.suffixes.Contains(token_key(k))) e_suf = k + 1;
      }
      if (e_suf && (AcronymLike(norm(i)) || common(i))) e_suf = 0;
    }
    // "Forum Relawan Literasi Desa (FRLD)": a head, capitalised words, and an acronym of
    // their initials define a body even when the words are not in the dictionary.
    uint32_t e_def = 0;
    if (e_head) {
      uint32_t k = e_head;
      std::string letters;
      for (uint32_t t = i; t < e_head; ++t) letters += low_initial(t);
      while (k < sent_end[i] && k < e_head + 8 && toks[k].kind == TokenKind::kWord &&
             (upper[k] || norm(k) == "dan")) {
        letters += low_initial(k);
        ++k;
      }
      if (k > e_head && k + 2 < n && norm(k) == "(" && norm(k + 2) == ")" &&
          AcronymLike(norm(k + 1)) && Initials(norm(k + 1), letters))
        e_def = k;
    }
    // With nothing else at i, only an acronym the text defined may start a hit: looked up
    // before a Hit (four strings) is made, since most starts find nothing.
    const std::pair<const std::string, std::pair<std::string, std::string>>* acronym_def = nullptr;
    if (!e_def && !e_suf && !e_gen && !e_lex) {
      if (std::find(defined_keys.begin(), defined_keys.end(), norm(i)) == defined_keys.end()) continue;
      auto it = defined.find(norm(i));
      if (it == defined.end()) continue;  // nothing at i
      acronym_def = &*it;
    }
    Hit& h = hits.emplace_back();  // (every path from here keeps it)
    h.first = i;
    if (e_def > e_lex && e_def > e_gen && e_def > e_suf) {
      h.end = e_def;
      h.name = std::string(written(i, e_def));
      h.own_key = utf8::Lower(h.name);
    } else if (e_suf > e_lex && e_suf > e_gen) {
      h.end = e_suf;
      h.name = std::string(written(i, e_suf));
      h.own_key = utf8::Lower(h.name);
    } else if (e_gen > e_lex) {
      h.end = e_gen;
      h.name = std::string(written(i, e_gen));
      if (region != kNone) set_region(h, region);
      h.own_key = utf8::Lower(h.name);
    } else if (e_lex) {
      const Institution& x = L.institutions[inst];
      h.end = e_lex;
      h.name = x.name.empty() ? x.form : x.name;
      h.acronym = x.acronym;
      if (x.scope != Scope::kNasional && h.end < n) {
        // "KPU Provinsi NTT", "Bawaslu Kaltim", "KPU RI"; "Komisi … (KPU) Provinsi …".
        uint32_t r = h.end;
        // "Pemerintah Kabupaten | Kupang": the lexicon name ends inside a place mention.
        if (place_at[r - 1].place != kNone && place_at[r - 1].end > r) r = r - 1;
        if (r + 2 < n && norm(r) == "(" && ShortForm(norm(r + 1)) && norm(r + 2) == ")")
          r += 3;
        // "KPU Provinsi NTT", "Pemkot Kota Kupang": the place mention may start after its cue.
        if (r + 1 < n && place_at[r].place == kNone && L.place_cues.Contains(token_key(r)) &&
            place_at[r + 1].place != kNone)
          ++r;
        if (r < n && place_at[r].place != kNone && sent_end[r] == sent_end[i]) {
          PlaceKind type = doc.places[place_at[r].place].type;
          bool fits = Regional(type) ||
                      (x.scope == Scope::kSatuan && (type == PlaceKind::kKecamatan || type == PlaceKind::kLain));
          if (fits) {
            set_region(h, place_at[r].place);
            h.end = place_at[r].end;
          }
        } else if (x.scope == Scope::kSatuan) {
          // "Polda Metro Jaya", "Kodam IX/Udayana": a unit name of numbers and common words.
          uint32_t u = h.end;
          while (u < sent_end[i] && u < h.end + 3 &&
                 (toks[u].kind == TokenKind::kNumber || Roman(norm(u)) ||
                  (Wordish(toks[u]) && upper[u] && common(u))))
            ++u;
          if (u > h.end) {
            h.region = std::string(written(h.end, u));
            h.end = u;
          }
        }
      }
      bool with_region = h.region && x.scope != Scope::kNasional;
      if (with_region) {
        // "Pemerintah Kota" + "Kota Kupang" → "Pemerintah Kota Kupang".
        std::string_view reg = *h.region;
        size_t sp = reg.find(' ');
        if (sp != std::string_view::npos && h.name.size() > sp &&
            h.name.compare(h.name.size() - sp, sp, reg.substr(0, sp)) == 0 && h.name[h.name.size() - sp - 1] == ' ')
          reg = reg.substr(sp + 1);
        h.name.push_back(' ');
        h.name.append(reg.data(), reg.size());
      }
      if (with_region) h.own_key = utf8::Lower(h.name);
      else h.shared_key = &x.key;  // h.name is the lexicon's name
    } else {  // (every e_* is 0: acronym_def is set)
      h.end = i + 1;
      h.shared_key = &acronym_def->second.first;  // (a map node: it does not move)
      h.name = acronym_def->second.second;
      h.acronym = acronym_def->first;
    }
    // "PT PLN (Persero)": a legal-form suffix in brackets belongs to the name.
    if (h.end + 2 < n && norm(h.end) == "(" && norm(h.end + 2) == ")" &&
        L.suffixes.Contains(token_key(h.end + 1)))
      h.end += 3;
    // "Badan Gizi Nasional (BGN)": the text defines an acronym; later "BGN" is the same body.
    uint32_t e = h.end;
    if (e + 2 < n && norm(e) == "(" && norm(e + 2) == ")" && ShortForm(norm(e + 1))) {
      std::string acr(norm(e + 1));
      if (h.acronym.empty()) h.acronym = acr;
      if (!defined.count(acr)) {
        defined_keys.push_back(defined.emplace(acr, std::pair(h.key(), h.name)).first->first);
      }
    }
    i = h.end;
  }

  std::vector<size_t> entity;  // per organisation: the index of its first hit
  doc.organizations.reserve(doc.organizations.size() + hits.size());
  for (Hit& h : hits) {
    // One organisation per name and region.
    size_t k = 0;
    for (; k < entity.size(); ++k) {
      const Hit& first = hits[entity[k]];
      if (first.key() == h.key() && first.place_code == h.place_code && first.region == h.region) break;
    }
    bool fresh = k == entity.size();
    if (fresh) {
      entity.push_back(size_t(&h - hits.data()));
      Organization o;
      o.name = std::move(h.name);  // (a hit's name is not read again; its key, region and code are)
      if (!h.acronym.empty()) o.acronym = std::move(h.acronym);
      o.region = h.region;
      o.place_code = h.place_code;
      doc.organizations.push_back(std::move(o));
    }
    Organization& o = doc.organizations[k];
    if (!o.acronym && !h.acronym.empty()) o.acronym = h.acronym;
    o.mentions.push_back({toks[h.first].span.start, toks[h.end - 1].span.end});
  }
}

}  // namespace warta
