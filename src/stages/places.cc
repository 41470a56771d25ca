#include "stages/places.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
// log2 of the bits of pass 2's per-document key filter: 2 KiB for the few hundred child names
// of the regencies and districts a document names.
constexpr int kPass2FilterBits = 14;

// How a bare name ranks when several areas share it: a country or province is what a writer
// means by "Jambi" or "Bengkulu" unless a cue or the dateline says otherwise.
int KindRank(PlaceKind k) {
  switch (k) {
    case PlaceKind::kNegara: return 6;
    case PlaceKind::kProvinsi: return 5;
    case PlaceKind::kKota: case PlaceKind::kKabupaten: return 4;
    case PlaceKind::kLain: return 3;
    case PlaceKind::kKecamatan: return 2;
    default: return 1;
  }
}

// What a cue announces. Admin cues restrict the gazetteer lookup to one level.
enum class Cue : uint8_t { kProvinsi, kKabupaten, kKota, kKecamatan, kDesa, kKelurahan, kJalan, kLain, kStop };

bool AdminCue(Cue c) { return c <= Cue::kKelurahan; }
// Flag on a stored cue: the cue is not part of the place's mention ("Provinsi [NTT]", "Bupati [Kupang]").
constexpr uint32_t kOutside = 0x100;

// Names and codes are views of text the Gazetteer keeps (Gazetteer::Keep): a copy of 92k of
// each would cost an allocation apiece at every start-up.
struct Area {
  std::string_view name;  // canonical: official name, or the CLDR / curated name
  std::string_view code;  // Kemendagri code, "" for countries and foreign places
  PlaceKind kind = PlaceKind::kLain;
  int16_t first3 = -1;        // kecamatan, desa: Prefix3Filter::KeyIndex of the name (-1: any token)
  uint32_t province = kNone;  // area index of the province
  uint32_t regency = kNone;   // area index of the regency (districts, villages)
  uint32_t district = kNone;  // area index of the district (villages)
  uint64_t population = 0;
  uint64_t key = 0, first = 0;  // kecamatan, desa: key hash of the name and of its first word
  uint32_t child_begin = kNone, child_end = kNone;  // regencies: their kecamatan; kecamatan: their desa
};

using chars::StartsLower;
using chars::StartsUpper;

// The bytes of a lexicon file.
std::string ReadFile(const Lexicon& lex, const std::string& rel) {
  std::ifstream in(lex.dir() + "/" + rel, std::ios::binary);
  if (!in) throw Error("cannot read lexicon " + lex.Where(rel, 0) + " (set --lexicons or WARTA_LEXICONS)");
  std::string data;
  in.seekg(0, std::ios::end);
  data.resize(size_t(in.tellg()));
  in.seekg(0);
  in.read(data.data(), std::streamsize(data.size()));
  return data;
}

// The number of '\n' in data (memchr finds them far faster than a byte loop).
size_t CountLines(std::string_view data) {
  size_t n = 0;
  for (const char *p = data.data(), *end = p + data.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)))) != nullptr; ++p)
    ++n;
  return n;
}

// Calls fn(fields, count, line) for each data row of `data` (the format of Lexicon::Rows:
// '#' comment lines, blank lines skipped, tab-separated fields, at most 4 used).
template <typename Fn>
void ForEachRow(const Lexicon& lex, const std::string& rel, std::string_view data, size_t min_fields, Fn fn) {
  uint32_t line = 0;
  for (size_t pos = 0; pos < data.size();) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view row = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line;
    if (row.empty() || row[0] == '#') continue;
    if (row.back() == '\r') throw Error(lex.Where(rel, line) + ": CRLF line ending (lexicons are LF)");
    std::string_view f[4];
    size_t count = 0;
    for (size_t a = 0; count < 4;) {
      size_t tab = row.find('\t', a);
      f[count++] = row.substr(a, tab == std::string_view::npos ? std::string_view::npos : tab - a);
      if (tab == std::string_view::npos) break;
      a = tab + 1;
    }
    if (count < min_fields)
      throw Error(lex.Where(rel, line) + ": expected at least " + std::to_string(min_fields) +
                  " tab-separated fields, found " + std::to_string(count));
    fn(f, count, line);
  }
}

}  // namespace

// The immutable index over lexicons/places/*.
class Gazetteer {
 public:
  explicit Gazetteer(const Lexicon& lex);

  std::vector<Area> areas;
  // The text that areas' names and codes view: the bytes of the large files, single names of
  // the small ones. A deque: its strings never move, so neither do their characters.
  std::deque<std::string> text;
  std::string_view Keep(std::string_view s) { return text.emplace_back(s); }
  // Names → areas. Two indexes: `strong` (countries, provinces, regencies, cities, aliases),
  // searched everywhere, and `local` (kecamatan, desa, kelurahan), searched only after a cue or
  // near their regency; keeping them apart keeps the hot table small (and in cache).
  struct Index {
    // A name's key hash → its entry; an entry lists its areas in `links`.
    struct Entry {
      uint32_t first_link = kNone;
      uint32_t cased = 0;  // index in `cased`: the name as the lexicon writes it, for the case check
    };
    struct Link {
      uint32_t area, next;
    };
    HashTable<uint32_t> names, prefixes;  // prefixes: every key prefix ending at a word or punctuation boundary
    std::vector<Entry> entries;
    std::vector<Link> links;
    std::vector<std::string> cased;
  };
  Index strong;
  KeyFilter first_words;  // first word of every strong name and cue
  gazetteer::WordFilter first_word_shapes;  // the same words, tested before a token is hashed
  // The local index: key hash → its first link, and the links of each key chained in area
  // order. One probe, then the areas of that name. Built from `local`, the (key hash, area)
  // pairs AddName collects, once the kecamatan and desa are read (and emptied then).
  std::vector<std::pair<uint64_t, uint32_t>> local;
  struct LocalLink {
    uint32_t area, next;  // next: the next link with the same key, or kNone
  };
  std::vector<LocalLink> local_links;
  HashTable<uint32_t> local_first;
  KeyFilter local_filter{20};  // every key of the local index: most token runs are no name
  // What matching and resolving read of an area, packed (24 bytes, not the 80 of an Area
  // with its views): the candidates of a document are scattered over the 90k areas, and
  // each read of a full Area is a cache miss. brief[a] mirrors areas[a].
  struct Brief {
    uint64_t population;
    uint32_t province, regency, district;
    PlaceKind kind;
  };
  std::vector<Brief> brief;
  // The first link of the local names with this key hash, or kNone. (The key is checked
  // against the area's own: a HashTable takes key 0 for key 1.)
  uint32_t LocalFirst(uint64_t key) const {
    if (!local_filter.MayContain(key)) return kNone;
    const uint32_t* at = local_first.Find(key);
    if (!at || areas[local_links[*at].area].key != key) return kNone;
    return *at;
  }
  HashTable<uint32_t> cues, cue_prefixes;  // cue key → Cue
  std::shared_ptr<const WordIndex> words;  // the lexicons' word index: common words ("batu", "agung")

  void AddName(std::string_view name, uint32_t area) {
    PlaceKind k = areas[area].kind;
    if (k == PlaceKind::kKecamatan || k == PlaceKind::kDesa || k == PlaceKind::kKelurahan) {
      // The first word as the tokenizer sees it: up to the first space ("Toli-Toli", "Kep.").
      uint64_t h = 0, first = 0;
      if (!gazetteer::PlainKeyHash(name, h, first)) {
        h = gazetteer::KeyHash(name);
        size_t sp = name.find(' ');
        first = sp == std::string::npos ? h : gazetteer::KeyHash(name.substr(0, sp));
      }
      areas[area].first = first;
      areas[area].key = h;
      areas[area].first3 = int16_t(gazetteer::Prefix3Filter::KeyIndex(name));
      local.emplace_back(h, area);
      // Children are contiguous: the area files are sorted by code.
      Area& parent = areas[k == PlaceKind::kKecamatan ? areas[area].regency : areas[area].district];
      if (parent.child_begin == kNone) parent.child_begin = area;
      parent.child_end = area + 1;
      return;
    }
    Index& x = strong;
    first_word_shapes.AddPrefixes(name);
    uint64_t h = gazetteer::KeyHash(name, [&](uint64_t p) {
      x.prefixes.Insert(p, 1);
      first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
    });
    uint32_t& slot = x.names.Insert(h, kNone);
    if (slot == kNone) {
      slot = uint32_t(x.entries.size());
      x.entries.push_back({kNone, uint32_t(x.cased.size())});
      x.cased.emplace_back(name);
    }
    Index::Entry& e = x.entries[slot];
    for (uint32_t l = e.first_link; l != kNone; l = x.links[l].next)
      if (x.links[l].area == area) return;
    x.links.push_back({area, e.first_link});
    e.first_link = uint32_t(x.links.size() - 1);
  }
};

Gazetteer::Gazetteer(const Lexicon& lex) {
  // Kemendagri code → area, for the parents of 92k rows: hashed into a flat table (no node and
  // no std::string per code); a lookup checks the area's code, so a hash collision is an
  // error naming the row, never a wrong parent.
  HashTable<uint32_t> by_code;
  auto code_hash = [](std::string_view code) { return hash::Fnv1a(code); };
  auto add_code = [&](std::string_view code, uint32_t id) { by_code.Insert(code_hash(code), id) = id; };
  auto find_code = [&](std::string_view code) -> const uint32_t* {
    const uint32_t* id = by_code.Find(code_hash(code));
    return id && areas[*id].code == code ? id : nullptr;
  };
  auto number = [&](const std::string& file, const LexiconRow& row, const std::string& s) -> uint64_t {
    try {
      return std::stoull(s);
    } catch (const std::exception&) {
      throw Error(lex.Where(file, row.line) + ": population is not a number: " + s);
    }
  };
  auto parent_at = [&](const std::string& file, uint32_t line, std::string_view code) {
    const uint32_t* id = find_code(code);
    if (!id) throw Error(lex.Where(file, line) + ": unknown parent area " + std::string(code));
    return *id;
  };
  auto parent = [&](const std::string& file, const LexiconRow& row, const std::string& code) {
    return parent_at(file, row.line, code);
  };

  // The two large files are read directly rather than through Lexicon::Rows (84k and 7k
  // rows), and kept: their areas' names and codes are views of them.
  const std::string kVil = "places/villages.tsv", kDist = "places/districts.tsv";
  std::string_view villages = text.emplace_back(ReadFile(lex, kVil));
  std::string_view districts = text.emplace_back(ReadFile(lex, kDist));
  areas.reserve(CountLines(villages) + CountLines(districts) + 2048);
  local.reserve(areas.capacity());
  const std::string kProv = "places/provinces.tsv";
  for (const auto& row : lex.Rows(kProv, 3)) {
    Area a{Keep(row.fields[1]), Keep(row.fields[0]), PlaceKind::kProvinsi};
    a.population = number(kProv, row, row.fields[2]);
    a.province = uint32_t(areas.size());
    add_code(a.code, a.province);
    areas.push_back(a);
    AddName(a.name, a.province);
  }
  const std::string kReg = "places/regencies.tsv";
  for (const auto& row : lex.Rows(kReg, 3)) {
    const std::string& code = row.fields[0];
    Area a{Keep(row.fields[1]), Keep(code), PlaceKind::kKabupaten};
    a.population = number(kReg, row, row.fields[2]);
    a.province = parent(kReg, row, code.substr(0, 2));
    // "Kota Administrasi Jakarta Pusat" → bare "Jakarta Pusat"; RR ≥ 71 are cities.
    std::string_view bare = a.name;
    for (std::string_view p : {"Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "}) {
      if (bare.rfind(p, 0) == 0) {
        if (p.rfind("Kota", 0) == 0) a.kind = PlaceKind::kKota;
        bare = bare.substr(p.size());
        break;
      }
    }
    uint32_t id = uint32_t(areas.size());
    a.regency = id;
    add_code(code, id);
    areas.push_back(std::move(a));
    AddName(bare, id);
  }
  ForEachRow(lex, kDist, districts, 2, [&](const std::string_view* f, size_t, uint32_t line) {
    std::string_view code = f[0];
    Area& a = areas.emplace_back(Area{f[1], code, PlaceKind::kKecamatan});
    a.regency = parent_at(kDist, line, code.substr(0, 5));
    a.province = areas[a.regency].province;
    uint32_t id = uint32_t(areas.size() - 1);
    a.district = id;
    add_code(code, id);
    AddName(a.name, id);
  });
  std::string_view last_district_code;
  uint32_t last_district = kNone;
  // 84k rows, the bulk of start-up: no allocation per row, one hashing pass per name.
  ForEachRow(lex, kVil, villages, 2, [&](const std::string_view* f, size_t, uint32_t line) {
    std::string_view code = f[0];
    // villages.tsv is sorted by code: consecutive villages share their district.
    std::string_view dcode = code.substr(0, 8);
    if (dcode != last_district_code) {
      last_district = parent_at(kVil, line, dcode);
      last_district_code = dcode;
    }
    // PP.RR.DD.VVVV: a fourth part starting with 1 is a kelurahan, else a desa (or desa adat).
    Area& a = areas.emplace_back(
        Area{f[1], code, code.size() > 9 && code[9] == '1' ? PlaceKind::kKelurahan : PlaceKind::kDesa});
    a.district = last_district;
    a.regency = areas[a.district].regency;
    a.province = areas[a.district].province;
    AddName(a.name, uint32_t(areas.size() - 1));
  });
  // Last pair first, each link put in front of its key's chain: the chains come out in area
  // order (the order in which resolving meets candidates, which breaks its ties).
  local_first.Reserve(local.size());
  local_links.resize(local.size());
  for (size_t k = local.size(); k-- > 0;) {
    uint32_t& head = local_first.Insert(local[k].first, kNone);
    local_links[k] = {local[k].second, head};
    head = uint32_t(k);
    local_filter.Add(local[k].first);
  }
  std::vector<std::pair<uint64_t, uint32_t>>().swap(local);
  // Countries: the canonical name is the shortest mixed-case one without brackets
  // ("Amerika Serikat" over "AS", "Hong Kong" over "Hong Kong DAK Tiongkok").
  const std::string kCountries = "places/countries.tsv";
  std::unordered_map<std::string, uint32_t> country;
  for (const auto& row : lex.Rows(kCountries, 2)) {
    const std::string& code = row.fields[0];
    const std::string& name = row.fields[1];
    bool iso = code.size() == 2;
    auto it = country.find(code);
    if (it == country.end()) {
      Area a{Keep(name), "", iso ? PlaceKind::kNegara : PlaceKind::kLain};
      it = country.emplace(code, uint32_t(areas.size())).first;
      areas.push_back(std::move(a));
    } else {
      auto good = [](std::string_view s) { return s.find('(') == std::string_view::npos && chars::HasLower(s); };
      std::string_view& cur = areas[it->second].name;
      if (good(name) && (!good(cur) || name.size() < cur.size())) cur = Keep(name);
    }
    if (name.find('(') == std::string::npos) AddName(name, it->second);
  }
  const std::string kAliases = "places/aliases.tsv";
  for (const auto& row : lex.Rows(kAliases, 2)) {
    const std::string& code = row.fields[1];
    const uint32_t* id = nullptr;
    if (chars::IsDigit(code[0])) {
      id = find_code(code);
    } else if (auto it = country.find(code); it != country.end()) {
      id = &it->second;
    }
    if (!id) throw Error(lex.Where(kAliases, row.line) + ": unknown area code " + code);
    AddName(row.fields[0], *id);
  }
  const std::string kCities = "places/cities.tsv";
  for (const auto& row : lex.Rows(kCities, 3)) {
    Area a{Keep(row.fields[0]), "", PlaceKind::kLain};
    if (row.fields[2] != "-") a.province = parent(kCities, row, row.fields[2]);
    uint32_t id = uint32_t(areas.size());
    areas.push_back(std::move(a));
    AddName(row.fields[0], id);
  }
  const std::string kCues = "places/cues.tsv";
  static const std::unordered_map<std::string, Cue> kCueKinds = {
      {"provinsi", Cue::kProvinsi}, {"kabupaten", Cue::kKabupaten}, {"kota", Cue::kKota},
      {"kecamatan", Cue::kKecamatan}, {"desa", Cue::kDesa}, {"kelurahan", Cue::kKelurahan},
      {"jalan", Cue::kJalan}, {"lain", Cue::kLain}, {"stop", Cue::kStop}};
  for (const auto& row : lex.Rows(kCues, 2)) {
    auto k = kCueKinds.find(row.fields[1]);
    if (k == kCueKinds.end()) throw Error(lex.Where(kCues, row.line) + ": unknown cue kind " + row.fields[1]);
    bool outside = row.fields.size() > 2 && row.fields[2] == "luar";
    if (row.fields.size() > 2 && !outside)
      throw Error(lex.Where(kCues, row.line) + ": third field must be `luar` or absent, not " + row.fields[2]);
    first_word_shapes.AddPrefixes(row.fields[0]);
    uint64_t h = gazetteer::KeyHash(row.fields[0], [&](uint64_t p) {
      cue_prefixes.Insert(p, 1);
      first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
    });
    cues.Insert(h, uint32_t(k->second) | (outside ? kOutside : 0));
  }
  // An organisation's head word ends a street or facility name: "Gedung Utama | Kementerian …".
  for (const auto& row : lex.Rows("organizations/heads.tsv", 2)) {
    first_word_shapes.AddPrefixes(row.fields[0]);
    uint64_t h = gazetteer::KeyHash(row.fields[0], [&](uint64_t p) {
      cue_prefixes.Insert(p, 1);
      first_words.Add(p);  // every prefix: "kab" and "kab." of "Kab. Kupang"
    });
    cues.Insert(h, uint32_t(Cue::kStop));
  }
  words = lex.Index();
  brief.reserve(areas.size());
  for (const Area& a : areas) brief.push_back({a.population, a.province, a.regency, a.district, a.kind});
}

namespace {

// One place mention found in a document, before grouping. Plain data, moved and sorted
// without allocating: its candidates sit in a per-document pool (Run's `pool`), its name is a
// view of doc.norm, the dateline or the gazetteer, all of which outlive it.
struct Found {
  uint32_t first = 0, end = 0;          // tokens [first, end)
  uint32_t cand = 0, cand_count = 0;    // areas it may be: pool[cand, cand + cand_count)
  uint32_t area = kNone;                // the chosen area
  PlaceKind kind = PlaceKind::kLain;              // for mentions without an area
  std::string_view name = {};           // for mentions without an area
  uint32_t province = kNone;            // for mentions without an area, when all candidates agree
  bool dateline = false;
};

// Per-document view used while matching. The vectors are per-thread scratch (see Run),
// refilled for each document: no allocation once a worker has seen a long document.
struct View {
  std::vector<uint32_t>& sent_end;  // end token of each token's sentence
  std::vector<uint8_t>& sent_start; // token opens its sentence (ignoring opening quotes/brackets)
  std::vector<uint8_t>& capital;    // Wordish() and StartsUpper(): the tokens a name may start at
  bool lowercase_doc = false;       // no capital letter anywhere: a lower-cased corpus
};

}  // namespace

PlaceFinder::PlaceFinder(const Lexicon& lexicon) : gazetteer_(std::make_unique<Gazetteer>(lexicon)) {}
PlaceFinder::~PlaceFinder() = default;

void PlaceFinder::Run(Document& doc) const {
  const Gazetteer& g = *gazetteer_;
  const auto& toks = doc.tokens;
  const uint32_t n = uint32_t(toks.size());
  if (n == 0) return;
  // Per-token scratch, reused by each worker thread from document to document.
  thread_local std::vector<uint32_t> sent_end;
  thread_local std::vector<uint8_t> sent_start, capital, covered;
  thread_local std::vector<uint32_t> starts;
  FillSentenceEnds(doc.sentences, n, sent_end);
  sent_start.assign(n, 0);
  capital.assign(n, 0);
  View v{sent_end, sent_start, capital, false};
  for (const Sentence& s : doc.sentences) {
    uint32_t e = std::min(s.end_token, n);
    if (s.first_token >= e) continue;
    for (uint32_t i = s.first_token; i < e; ++i) {
      if (Wordish(toks[i])) {
        sent_start[i] = true;
        break;
      }
    }
  }
  v.lowercase_doc = !chars::HasUpper(doc.norm);
  // The tokens pass 1 looks at: a cue starts with a capital (or is "jalan"), a name with a
  // capital (or anywhere in a lower-cased text). About one token in five.
  starts.resize(n);
  {
    // Plain pointers: a store through a uint8_t* may alias anything, so with vectors and
    // members the compiler would reload every one of them at each token.
    const Token* tk = toks.data();
    const char* norm = doc.norm.data();
    uint8_t* cap = capital.data();
    uint32_t* out = starts.data();
    const bool lowercase_doc = v.lowercase_doc;
    // The first bytes a cue or name can start with: a capital (A-Z, or non-ASCII to decode),
    // "j" of "jalan", or any byte in a lower-cased text. Most tokens are turned away here;
    // then the full test (a word, not empty) on those few, kept in place.
    static constexpr auto kMayStart = [] {
      std::array<bool, 256> t{};
      for (int c = 0; c < 256; ++c) t[c] = (c >= 'A' && c <= 'Z') || c >= 0x80 || c == 'j';
      return t;
    }();
    uint32_t count = 0;
    if (lowercase_doc) {
      for (; count < n; ++count) out[count] = count;
    } else {
      count = TokensByFirstByte(doc, kMayStart, out);
    }
    uint32_t kept = 0;
    for (uint32_t k = 0; k < count; ++k) {
      uint32_t i = out[k];
      if (!Wordish(tk[i]) || tk[i].norm_end == tk[i].norm_start) continue;
      auto c = static_cast<unsigned char>(norm[tk[i].norm_start]);
      bool up = StartsUpper(NormOf(doc, tk[i]));
      cap[i] = up;
      if (up || lowercase_doc || c == 'j') out[kept++] = i;
    }
    starts.resize(kept);
  }

  // The end of the norm bytes a WordFilter may read (norm.c_str() ends in a '\0').
  const char* norm_readable = doc.norm.c_str() + doc.norm.size() + 1;
  auto common = [&](uint32_t i) { return g.words->Has(doc.TokenKey(i), WordIndex::kCommon); };
  // A name may be matched at token i when it is written with a capital (or the whole
  // document is lower case), and the rest of its words follow the lexicon's case.
  auto capital_ok = [&](uint32_t i) {
    return capital[i] || (v.lowercase_doc && Wordish(toks[i]));
  };
  auto case_ok = [&](std::string_view cased, uint32_t i, uint32_t end) {
    if (v.lowercase_doc) return true;
    for (uint32_t j = i + 1; j < end; ++j) {
      std::string_view w = doc.Norm(toks[j]);
      // "Jawa barat" is not "Jawa Barat"; "Pangkajene dan Kepulauan" keeps its "dan".
      if (StartsLower(w) && cased.find(w) == std::string_view::npos) return false;
    }
    return true;
  };
  // Longest name at token i accepted by `keep` (a test of the area's kind), in the strong index or (local) the kecamatan
  // and desa names; returns the end token or 0, and the accepted areas in `out`.
  auto longest = [&](bool local, uint32_t i, auto keep, std::vector<uint32_t>& out) -> uint32_t {
    uint64_t key = hash::kFnvBasis;
    uint32_t best = 0;
    const Gazetteer::Index& x = g.strong;
    out.clear();
    // The areas of the name [i, j]: one buffer for every j and every call, swapped with `out`
    // (per-thread scratch like `out`, so that neither allocates once grown).
    thread_local std::vector<uint32_t> c;
    for (uint32_t j = i; j < v.sent_end[i] && j < n; ++j) {
      if (toks[j].kind == TokenKind::kUrl || toks[j].kind == TokenKind::kEmail) break;
      key = gazetteer::ExtendKey(doc, i, j, key);
      c.clear();
      if (!local) {
        if (j == i ? !g.first_words.MayContain(key) : false) break;
        if (!x.prefixes.Contains(key)) break;
        const uint32_t* entry = x.names.Find(key);
        if (!entry || !case_ok(x.cased[x.entries[*entry].cased], i, j + 1)) continue;
        for (uint32_t l = x.entries[*entry].first_link; l != kNone; l = x.links[l].next)
          if (keep(g.brief[x.links[l].area].kind)) c.push_back(x.links[l].area);
      } else {
        // After a cue ("Desa …"): names of up to six tokens, looked up in the national index.
        if (j >= i + 6) break;
        uint32_t l = g.LocalFirst(key);
        if (l == kNone || !case_ok(g.areas[g.local_links[l].area].name, i, j + 1)) continue;
        for (; l != kNone; l = g.local_links[l].next)
          if (keep(g.brief[g.local_links[l].area].kind)) c.push_back(g.local_links[l].area);
      }
      if (!c.empty()) {
        best = j + 1;
        out.swap(c);
      }
    }
    return best;
  };
  // The cue at token i (longest), or none: returns its end token or 0.
  bool cue_outside = false;  // set by cue_at
  auto cue_at = [&](uint32_t i, Cue& cue) -> uint32_t {
    // Cues are capitalised, but for "jalan": a cheap test before any hashing.
    if (!capital[i] && !(Wordish(toks[i]) && doc.norm[toks[i].norm_start] == 'j')) return 0;
    if (!g.first_words.MayContain(doc.TokenKey(i))) return 0;
    uint64_t key = hash::kFnvBasis;
    uint32_t best = 0;
    for (uint32_t j = i; j < v.sent_end[i] && j < n && j < i + 3; ++j) {
      key = gazetteer::ExtendKey(doc, i, j, key);
      if (!g.cue_prefixes.Contains(key)) break;
      if (const uint32_t* c = g.cues.Find(key)) {
        // Only a street cue may be written in small letters: "di jalan Medan Merdeka Barat".
        if (!capital[i] && Cue(*c & 0xFF) != Cue::kJalan) continue;
        best = j + 1;
        cue = Cue(*c & 0xFF);
        cue_outside = *c & kOutside;
      }
    }
    return best;
  };
  // Capitalised words after a street or facility cue: "Jl. Polisi Militer", "Bandara El Tari".
  // At most `max` words: a facility name is short ("Bandara El Tari", "Hotel Crowne Plaza").
  auto tail = [&](uint32_t j, uint32_t max = 5) -> uint32_t {
    uint32_t end = j;
    while (end < v.sent_end[j] && end < n && end < j + max) {
      const Token& t = toks[end];
      std::string_view w = doc.Norm(t);
      bool ok = IsWordKind(t.kind) && StartsUpper(w);
      if (ok) {
        Cue c = Cue::kLain;
        if (cue_at(end, c) && c == Cue::kStop) ok = false;
      }
      // "Bandara Soekarno - Hatta": a hyphen between two capitalised words joins them.
      if (!ok && end > j && w == "-" && end + 1 < v.sent_end[j] && StartsUpper(doc.Norm(toks[end + 1]))) {
        end += 2;
        continue;
      }
      if (!ok) break;
      ++end;
      if (!toks[end - 1].space_after && end < n && toks[end].kind == TokenKind::kPunct && doc.Norm(toks[end]) != "-")
        break;
    }
    return end;
  };

  auto admin_keep = [](Cue cue) {
    return [cue](PlaceKind k) {
      switch (cue) {
        case Cue::kProvinsi: return k == PlaceKind::kProvinsi;
        case Cue::kKabupaten: return k == PlaceKind::kKabupaten;
        case Cue::kKota: return k == PlaceKind::kKota;
        case Cue::kKecamatan: return k == PlaceKind::kKecamatan;
        case Cue::kDesa: return k == PlaceKind::kDesa;
        case Cue::kKelurahan: return k == PlaceKind::kKelurahan || k == PlaceKind::kDesa;
        default: return false;
      }
    };
  };
  auto strong = [](PlaceKind k) { return k != PlaceKind::kKecamatan && k != PlaceKind::kDesa && k != PlaceKind::kKelurahan; };

  uint32_t dateline_tok = kNone, dateline_end = 0;
  if (doc.dateline && !doc.dateline->place_span.empty()) {
    for (uint32_t i = 0; i < n; ++i) {
      if (toks[i].span.start == doc.dateline->place_span.start) dateline_tok = i;
      if (dateline_tok != kNone && toks[i].span.end <= doc.dateline->place_span.end) dateline_end = i + 1;
      if (toks[i].span.start >= doc.dateline->place_span.end) break;
    }
  }

  // Pass 1: cued names, provinces, regencies, countries, cities, aliases.
  // Per-thread scratch, like the vectors above: the mentions, their candidate areas (`pool`,
  // see Found) and the areas of the name being matched.
  thread_local std::vector<Found> found;
  thread_local std::vector<uint32_t> pool, cands;
  found.clear();
  pool.clear();
  // A mention of tokens [first, end) that may be any of the areas `c`.
  auto found_with = [&](uint32_t first, uint32_t end, const std::vector<uint32_t>& c) {
    Found f{first, end, uint32_t(pool.size()), uint32_t(c.size())};
    pool.insert(pool.end(), c.begin(), c.end());
    return f;
  };
  auto candidates = [&](const Found& f) { return std::span<uint32_t>(pool.data() + f.cand, f.cand_count); };
  covered.assign(n, 0);
  // Nothing starts at other tokens: every branch below needs a cue or a name at i.
  for (uint32_t k = 0, i = 0; k < starts.size(); ++k) {
    if (starts[k] < i) continue;  // inside the mention found last
    i = starts[k];
    // Every cue and strong name starts with a key of first_words: where this test fails,
    // cue_at and longest (which make it too) find nothing, and nothing else starts here.
    // (Without hashing first: most capitalised words are no name's start, and need no hash.)
    if (!g.first_word_shapes.MayContain(NormOf(doc, toks[i]), norm_readable) ||
        !g.first_words.MayContain(doc.TokenKey(i)))
      continue;
    Cue cue = Cue::kStop;
    uint32_t ce = cue_at(i, cue);
    if (ce && ce < n && AdminCue(cue) && capital_ok(ce)) {
      std::vector<uint32_t>& c = cands;
      uint32_t e = longest(cue > Cue::kKota, ce, admin_keep(cue), c);
      if (e) {
        // The mention keeps the cue where it belongs to the name ("Kabupaten Kupang" is not
        // "Kota Kupang", "Desa Oelnasi"); cues marked `luar` are left out: "Provinsi" and
        // "Kota", as the NER-UI and NER-UGM annotators do ("Provinsi [Jawa Tengah]",
        // "Kota [Surabaya]"), and words that only imply the level ("Bupati [Kupang]").
        found.push_back(found_with(cue_outside ? ce : i, e, c));
        i = e;
        continue;
      }
      if (cue >= Cue::kKecamatan && !cue_outside) {
        // "Desa Oelnasi" not in the gazetteer (or spelt otherwise): still a desa, without a code.
        uint32_t te = tail(ce);
        Found f{i, te};
        f.kind = cue == Cue::kKecamatan   ? PlaceKind::kKecamatan
                 : cue == Cue::kKelurahan ? PlaceKind::kKelurahan
                                          : PlaceKind::kDesa;
        f.name = std::string_view(doc.norm).substr(toks[ce].norm_start, toks[te - 1].norm_end - toks[ce].norm_start);
        found.push_back(f);
        i = te;
        continue;
      }
    }
    if (capital_ok(i)) {
      std::vector<uint32_t>& c = cands;
      uint32_t e = longest(false, i, strong, c);
      // A one-word name that is also a common word opening a sentence ("Batu", "Agam") is
      // more likely the word.
      if (e == i + 1 && v.sent_start[i] && common(i) && i != dateline_tok) e = 0;
      // In a lower-cased text a one-word regency name that is also a word ("medan", "bandung")
      // is left alone; countries, provinces and world regions are kept ("indonesia", "asia").
      if (e && v.lowercase_doc && e == i + 1 && (common(i) || doc.Norm(toks[i]).size() < 4)) {
        std::erase_if(c, [&](uint32_t a) {
          return g.brief[a].kind == PlaceKind::kKabupaten || g.brief[a].kind == PlaceKind::kKota;
        });
        if (c.empty() || doc.Norm(toks[i]).size() < 3) e = 0;
      }
      // "Kupang Kota", "Bogor Kota": the level written after the name, as police and
      // military units do ("Polres Kupang Kota"), makes it the city and joins the mention.
      if (e && e < v.sent_end[i] && e < n && doc.Norm(toks[e]) == "Kota" &&
          std::any_of(c.begin(), c.end(), [&](uint32_t a) { return g.brief[a].kind == PlaceKind::kKota; })) {
        std::erase_if(c, [&](uint32_t a) { return g.brief[a].kind != PlaceKind::kKota; });
        ++e;
      }
      if (e) {
        Found f = found_with(i, e, c);
        f.dateline = i == dateline_tok && e <= dateline_end;
        found.push_back(f);
        i = e;
        continue;
      }
    }
    bool in_title = doc.title_span && toks[i].span.start < doc.title_span->end && toks[i].span.start >= doc.title_span->start;
    if (ce && ce < n && (cue == Cue::kJalan || cue == Cue::kLain) && !v.lowercase_doc && !in_title) {
      uint32_t te = tail(ce, cue == Cue::kLain ? 3 : 5);
      // "Pasar Pangan Murah": three ordinary words after a facility word name no facility.
      if (cue == Cue::kLain && te == ce + 3 && common(ce) && common(ce + 1) && common(ce + 2)) te = ce;
      if (te > ce) {
        Found f{i, te};
        f.name = std::string_view(doc.norm).substr(toks[i].norm_start, toks[te - 1].norm_end - toks[i].norm_start);
        found.push_back(f);
        i = te;
        continue;
      }
    }
    ++i;
  }

  // Context: the provinces and regencies the document names without ambiguity.
  // A document names a handful of areas: small vectors beat hash sets here.
  // (Each over a per-thread vector, emptied here: no allocation per document.)
  struct Set {
    std::vector<uint32_t>& v;
    void insert(uint32_t x) {
      if (!count(x)) v.push_back(x);
    }
    bool count(uint32_t x) const { return std::find(v.begin(), v.end(), x) != v.end(); }
    bool empty() const { return v.empty(); }
    auto begin() const { return v.begin(); }
    auto end() const { return v.end(); }
  };
  thread_local std::vector<uint32_t> prov_v, reg_v, dist_v;
  prov_v.clear();
  reg_v.clear();
  dist_v.clear();
  Set ctx_prov{prov_v}, ctx_reg{reg_v}, ctx_dist{dist_v};
  for (const Found& f : found) {
    if (!f.cand_count) continue;
    std::span<const uint32_t> c = candidates(f);
    uint32_t p = g.brief[c[0]].province, r = g.brief[c[0]].regency;
    for (uint32_t a : c) {
      if (g.brief[a].province != p) p = kNone;
      if (g.brief[a].regency != r) r = kNone;
    }
    if (p != kNone) ctx_prov.insert(p);
    if (r != kNone) ctx_reg.insert(r);
  }
  auto resolve = [&](Found& f) {
    if (!f.cand_count) return;
    auto score = [&](uint32_t a) {
      const Gazetteer::Brief& x = g.brief[a];
      int dateline = f.dateline ? (x.kind == PlaceKind::kKota ? 2 : x.kind == PlaceKind::kKabupaten ? 1 : 0) : 0;
      int local = (x.regency != kNone && ctx_reg.count(x.regency)) + (x.district != kNone && ctx_dist.count(x.district));
      int prov = x.province != kNone && ctx_prov.count(x.province);
      return std::make_tuple(dateline, local, prov, KindRank(x.kind), x.population);
    };
    std::span<uint32_t> c = candidates(f);
    // The best candidate first (the first of equals keeps its place), the runner-up second.
    for (size_t k = 1; k < c.size(); ++k)
      if (score(c[k]) > score(c[0])) std::swap(c[0], c[k]);
    for (size_t k = 2; k < c.size(); ++k)
      if (score(c[k]) > score(c[1])) std::swap(c[1], c[k]);
    const Gazetteer::Brief& best = g.brief[c[0]];
    bool low_level =
        best.kind == PlaceKind::kKecamatan || best.kind == PlaceKind::kDesa || best.kind == PlaceKind::kKelurahan;
    // Villages and districts share names across the country: without the document naming their
    // regency or province, a tie is left unresolved rather than guessed.
    if (low_level && c.size() > 1 && score(c[0]) == score(c[1])) {
      f.kind = best.kind;
      f.name = g.areas[c[0]].name;
      f.province = best.province;
      for (uint32_t a : c)
        if (g.brief[a].province != f.province) f.province = kNone;
      return;
    }
    f.area = c[0];
  };
  for (Found& f : found) resolve(f);
  for (const Found& f : found) {
    if (f.area == kNone) continue;
    const Gazetteer::Brief& a = g.brief[f.area];
    if (a.regency != kNone) ctx_reg.insert(a.regency);
    if (a.district != kNone) ctx_dist.insert(a.district);
    if (a.kind == PlaceKind::kKecamatan) ctx_dist.insert(f.area);
  }
  for (const Found& f : found)
    for (uint32_t t = f.first; t < f.end; ++t) covered[t] = true;

  // Pass 2: bare kecamatan and desa names of the regencies (kecamatan) the document names.
  // Only the few hundred names of those areas are candidates, so the lookup stays in cache.
  if (!ctx_reg.empty() && !v.lowercase_doc) {
    thread_local std::vector<std::pair<uint64_t, uint32_t>> names;  // (key hash, area)
    thread_local std::vector<uint64_t> firsts;
    // Every key of `names` and `firsts`: most capitalised words are none of them, and one
    // bit test (2 KiB, in L1) turns them away before a binary search that mispredicts at
    // every step. No false negatives, so the searches below still decide.
    thread_local KeyFilter filter(kPass2FilterBits);
    // And the first three bytes of those names, tested before a token is hashed (most
    // capitalised words were not hashed in pass 1: no strong name starts with them).
    thread_local gazetteer::Prefix3Filter name_first3;
    names.clear();
    firsts.clear();
    filter.Clear();
    name_first3.Clear();
    auto add_children = [&](uint32_t parent) {
      const Area& p = g.areas[parent];
      for (uint32_t a = p.child_begin; a != kNone && a < p.child_end; ++a) {
        names.emplace_back(g.areas[a].key, a);
        firsts.push_back(g.areas[a].first);
        filter.Add(g.areas[a].key);
        filter.Add(g.areas[a].first);
        name_first3.AddIndex(g.areas[a].first3);
      }
    };
    for (uint32_t r : ctx_reg) add_children(r);
    for (uint32_t d : ctx_dist) add_children(d);
    std::sort(names.begin(), names.end());
    std::sort(firsts.begin(), firsts.end());
    size_t before = found.size();
    // A bare name starts with a capital (the text is not lower-cased here): one of `starts`.
    for (uint32_t k = 0, i = 0; k < starts.size(); ++k) {
      if (starts[k] < i) continue;  // inside the name found last
      i = starts[k];
      if (covered[i] || !capital_ok(i) || !name_first3.MayStart(NormOf(doc, toks[i]))) continue;
      uint64_t key = hash::kFnvBasis;
      uint32_t e = 0;
      std::vector<uint32_t>& c = cands;
      c.clear();
      for (uint32_t j = i; j < v.sent_end[i] && j < n && j < i + 6; ++j) {
        key = gazetteer::ExtendKey(doc, i, j, key);
        if (j == i && (!filter.MayContain(key) || !std::binary_search(firsts.begin(), firsts.end(), key))) break;
        if (!filter.MayContain(key)) continue;  // in no name of `names`
        auto [a, b] = std::equal_range(names.begin(), names.end(), std::make_pair(key, uint32_t(0)),
                                       [](const auto& p, const auto& q) { return p.first < q.first; });
        if (a == b || !case_ok(g.areas[a->second].name, i, j + 1)) continue;
        c.clear();
        for (auto it = a; it != b; ++it) c.push_back(it->second);
        e = j + 1;
      }
      bool free = e > 0;
      for (uint32_t t = i; t < e; ++t) free = free && !covered[t];
      if (!free || (e == i + 1 && common(i))) continue;
      found.push_back(found_with(i, e, c));
      for (uint32_t t = i; t < e; ++t) covered[t] = true;
      i = e;
    }
    for (size_t k = before; k < found.size(); ++k) resolve(found[k]);
  }

  // The dateline's place is always a place, even one the gazetteer does not know.
  if (dateline_tok != kNone) {
    bool have = std::any_of(found.begin(), found.end(), [&](const Found& f) { return f.first == dateline_tok; });
    // The contract makes the dateline's place a place. (The structure stage also takes
    // "Orang - orang …" for a dateline: that is for it to fix, not for this stage to hide.)
    if (!have) {
      Found f{dateline_tok, std::max(dateline_end, dateline_tok + 1)};
      f.name = doc.dateline->place;
      f.dateline = true;
      found.push_back(f);
    }
  }

  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.first < b.first; });
  // One place per area, or per type and name for places without one; the Place (and its
  // strings) is built only for the first mention.
  thread_local std::vector<const Found*> owner;  // per place in doc.places: the mention that made it
  owner.clear();
  doc.places.reserve(doc.places.size() + found.size());
  for (const Found& f : found) {
    Span span{toks[f.first].span.start, toks[f.end - 1].span.end};
    if (f.dateline && doc.dateline) span = doc.dateline->place_span;
    size_t k = 0;
    for (; k < owner.size(); ++k) {
      const Found& o = *owner[k];
      if (f.area != kNone ? o.area == f.area : o.area == kNone && o.kind == f.kind && o.name == f.name) break;
    }
    if (k == owner.size()) {
      owner.push_back(&f);
      Place p;
      if (f.area != kNone) {
        const Area& a = g.areas[f.area];
        p.name = a.name;
        p.type = a.kind;
        if (!a.code.empty()) p.code = std::string(a.code);
        if (a.province != kNone) p.province = std::string(g.areas[a.province].name);
      } else {
        p.name = std::string(f.name);
        p.type = f.kind;
        if (f.province != kNone) p.province = std::string(g.areas[f.province].name);
      }
      doc.places.push_back(std::move(p));
    }
    doc.places[k].mentions.push_back(span);
  }
}

}  // namespace warta
