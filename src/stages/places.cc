#include "stages/places.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "error.h"
#include "stages/gazetteer.h"
#include "stages/tokens.h"
#include "text/chars.h"
#include "text/hash.h"
#include "text/hash_table.h"
#include "text/utf8.h"
#include "text/word_index.h"

namespace warta {

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
// The least score of an entity model's span that no rule's mention overlaps for it to be taken.
constexpr float kModelAlone = 0.5f;
// The least score of a model span that a rule's mention starts, for the mention to take the
// span's end ("Afrika [Barat]"). Chosen on the held-out folds of the train splits (warta-train
// cv --save-folds, the pipeline run with each fold's model): LOC exact F1 NER-UI 85.2 → 85.9,
// NER-UGM 74.5 → 77.0, idner-news-2k 66.7 → 68.0, NERGRIT 71.9 → 73.1 at 0.3 to 0.5; 0.6 and
// 0.9 gain less.
constexpr float kModelExtend = 0.5f;
// log2 of the bits of pass 2's per-document key filter: 2 KiB for the few hundred child names
// of the regencies and districts a document names.
constexpr int kLocalFilterBits = 14;
// The longest kecamatan or desa name looked for, in tokens: the national index has no prefix
// table (84k names), so a walk after a cue or in pass 2 goes this far at most.
constexpr uint32_t kLocalNameTokens = 6;

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

// The levels below the regency: thousands of their names are ordinary words or personal names,
// so they are searched only after a cue or near their regency (the local index).
bool LocalKind(PlaceKind k) { return k == PlaceKind::kKecamatan || k == PlaceKind::kDesa || k == PlaceKind::kKelurahan; }

// What a cue announces (lexicons/places/cues.tsv). Admin cues restrict the gazetteer lookup to
// one level; kJalan, kTempat and kWilayah head a street, a venue or landmark ("Stadion …"), an
// area outside the official list ("Pulau …"); kStop ends a street or facility name ("No.",
// "RT", an organisation's head word).
enum class Cue : uint8_t { kProvinsi, kKabupaten, kKota, kKecamatan, kDesa, kKelurahan, kJalan, kTempat, kWilayah, kStop };

// The type of a place headed by a non-admin cue: a street is a `tempat`, as a venue is.
PlaceKind HeadKind(Cue c) { return c == Cue::kWilayah ? PlaceKind::kWilayah : PlaceKind::kTempat; }
bool HeadCue(Cue c) { return c == Cue::kJalan || c == Cue::kTempat || c == Cue::kWilayah; }

bool AdminCue(Cue c) { return c <= Cue::kKelurahan; }
// Whether an area of kind k is what an admin cue announces; any other cue (no cue) takes every
// kind. "Kelurahan" takes a desa too: the press writes one for the other.
bool CueFits(Cue cue, PlaceKind k) {
  switch (cue) {
    case Cue::kProvinsi: return k == PlaceKind::kProvinsi;
    case Cue::kKabupaten: return k == PlaceKind::kKabupaten;
    case Cue::kKota: return k == PlaceKind::kKota;
    case Cue::kKecamatan: return k == PlaceKind::kKecamatan;
    case Cue::kDesa: return k == PlaceKind::kDesa;
    case Cue::kKelurahan: return k == PlaceKind::kKelurahan || k == PlaceKind::kDesa;
    default: return true;
  }
}
// Flag on a stored cue: the cue is not part of the place's mention ("Provinsi [NTT]", "Bupati [Kupang]").
constexpr uint32_t kOutside = 0x100;

// Names and codes are views of text the Gazetteer keeps (Gazetteer::Keep): a std::string of
// each of 92k names and codes would cost an allocation apiece at every start-up.
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

// Text kept for as long as the stage: whole files, and short strings appended to blocks
// reserved up front and never grown past their reserve, so that a view of what was kept stays
// valid.
class TextStore {
 public:
  std::string_view KeepFile(std::string text) { return files_.emplace_back(std::move(text)); }
  std::string_view Keep(std::string_view s) {
    if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < s.size())
      blocks_.emplace_back().reserve(std::max(kBlockBytes, s.size()));
    std::string& b = blocks_.back();
    size_t at = b.size();
    b.append(s);
    return std::string_view(b).substr(at);
  }

 private:
  static constexpr size_t kBlockBytes = size_t(1) << 16;
  std::deque<std::string> files_, blocks_;
};

}  // namespace

const std::string kDistricts = "places/districts.tsv", kVillages = "places/villages.tsv";

// The immutable index over lexicons/places/* (and the head words of
// lexicons/organizations/heads.tsv, which end a street or facility name).
class Gazetteer {
 public:
  Gazetteer(const Lexicon& lex, StageSettings settings);

  std::vector<Area> areas;
  // What matching and resolving read of an area, packed (24 bytes, not the 80 of an Area
  // with its views): the candidates of a document are scattered over the 90k areas, and
  // each read of a full Area is a cache miss. brief[a] mirrors areas[a].
  struct Brief {
    uint64_t population;
    uint32_t province, regency, district;
    PlaceKind kind;
  };
  std::vector<Brief> brief;

  // Names → areas. Two indexes: `strong` (countries, provinces, regencies, cities, aliases),
  // searched everywhere, and the local one (kecamatan, desa, kelurahan), searched only after a
  // cue or near their regency; keeping them apart keeps the hot table small (and in cache).
  // strong: a name's key → its entry in strong_entries, which lists its areas in strong_links.
  gazetteer::NameTable strong;
  struct Entry {
    uint32_t first_link = kNone;
    uint32_t cased = 0;  // index in strong_cased: the name as the lexicon writes it, for the case check
  };
  struct Link {
    uint32_t area, next;  // next: the next link of the same entry, or kNone
  };
  std::vector<Entry> strong_entries;
  std::vector<Link> strong_links;
  std::vector<std::string> strong_cased;
  // The local index: key hash → its first link, the links of each key chained in area order.
  // One probe, then the areas of that name.
  std::vector<Link> local_links;
  HashTable<uint32_t> local_first;
  KeyFilter local_filter{20};  // every key of the local index: most token runs are no name
  // cue key → Cue, | kOutside for a cue left out of the mention.
  gazetteer::NameTable cues;
  // The first key prefixes of every strong name and cue ("kab" and "kab." of "Kab. Kupang"):
  // a token that is none of them starts no name and no cue. As a key filter, and as a
  // WordFilter tested before the token is hashed.
  KeyFilter first_words;
  gazetteer::WordFilter first_word_shapes;
  std::shared_ptr<const WordIndex> words;  // the lexicons' word index: common words ("batu", "agung")
  // lexicons/people/degrees.tsv, lower case without spaces ("s.h.", "m.si."): a degree after a
  // run of names is a person's ("…, Benediktus Ratu, S.H."), never a place's.
  HashTable<uint8_t> degrees;

  // The first link of the local names with this key hash, or kNone. (The key is checked
  // against the area's own: a HashTable takes key 0 for key 1.) fast: the key filter first.
  uint32_t LocalFirst(uint64_t key, bool fast) const {
    if (fast && !local_filter.MayContain(key)) return kNone;
    const uint32_t* at = local_first.Find(key);
    if (!at || areas[local_links[*at].area].key != key) return kNone;
    return *at;
  }

 private:
  // What reading the files needs and the stage does not keep.
  struct Reading {
    const Lexicon& lex;
    std::string_view districts, villages;  // the two large files' text, kept in text_
    HashTable<uint32_t> by_code;                   // Fnv1a(Kemendagri code) → area
    std::unordered_map<std::string, uint32_t> country;  // countries.tsv code → area
    std::vector<std::pair<uint64_t, uint32_t>> local;   // (key hash, area) of every local name
    std::vector<std::pair<std::string, uint32_t>> joined;  // regency names without a space
  };
  void ReadProvinces(Reading& r);
  void ReadRegencies(Reading& r);
  void ReadDistricts(Reading& r);
  void ReadVillages(Reading& r);
  void IndexLocalNames(Reading& r);
  void ReadCountries(Reading& r);
  void ReadAliases(Reading& r);
  void ReadCities(Reading& r);
  void AddJoinedNames(Reading& r);
  void ReadCues(Reading& r);

  uint32_t AddArea(Reading& r, const Area& a);
  // The area of a Kemendagri code, or nullptr. The area's own code is compared, so a hash
  // collision is an error naming the row, never a wrong parent.
  const uint32_t* FindCode(const Reading& r, std::string_view code) const;
  uint32_t Parent(const Reading& r, const std::string& file, uint32_t line, std::string_view code) const;
  uint64_t Population(const Reading& r, const std::string& file, const LexiconRow& row) const;
  void AddName(Reading& r, std::string_view name, uint32_t area);
  // Adds a strong name, a cue or a head word to `table` and to the first-word filters.
  uint32_t& AddStart(gazetteer::NameTable& table, std::string_view name, uint32_t fresh);
  std::string_view Keep(std::string_view s) { return text_.Keep(s); }

  StageSettings settings_;
  TextStore text_;  // what areas' names and codes view
};

Gazetteer::Gazetteer(const Lexicon& lex, StageSettings settings) : settings_(settings) {
  // The two large files (84k and 7k rows) are kept whole: their areas' names and codes are
  // views of them (no string per row, no copy).
  Reading r{lex, text_.KeepFile(lex.Text(kDistricts)), text_.KeepFile(lex.Text(kVillages)), {}, {}, {}, {}};
  areas.reserve(Lexicon::Lines(r.villages) + Lexicon::Lines(r.districts) + 2048);
  r.local.reserve(areas.capacity());
  ReadProvinces(r);
  ReadRegencies(r);
  ReadDistricts(r);
  ReadVillages(r);
  IndexLocalNames(r);
  ReadCountries(r);
  ReadAliases(r);
  ReadCities(r);
  AddJoinedNames(r);
  ReadCues(r);
  words = lex.Index();
  for (const auto& row : lex.Rows("people/degrees.tsv")) {
    std::string key;
    for (char ch : utf8::Lower(row.fields[0]))
      if (ch != ' ') key += ch;
    degrees.Insert(hash::Fnv1a(key), 1);
  }
  brief.reserve(areas.size());
  for (const Area& a : areas) brief.push_back({a.population, a.province, a.regency, a.district, a.kind});
}

uint32_t Gazetteer::AddArea(Reading& r, const Area& a) {
  uint32_t id = uint32_t(areas.size());
  areas.push_back(a);
  if (!a.code.empty()) r.by_code.Insert(hash::Fnv1a(a.code), id) = id;
  return id;
}

const uint32_t* Gazetteer::FindCode(const Reading& r, std::string_view code) const {
  const uint32_t* id = r.by_code.Find(hash::Fnv1a(code));
  return id && areas[*id].code == code ? id : nullptr;
}

uint32_t Gazetteer::Parent(const Reading& r, const std::string& file, uint32_t line, std::string_view code) const {
  const uint32_t* id = FindCode(r, code);
  if (!id) throw Error(r.lex.Where(file, line) + ": unknown parent area " + std::string(code));
  return *id;
}

uint64_t Gazetteer::Population(const Reading& r, const std::string& file, const LexiconRow& row) const {
  try {
    return std::stoull(row.fields[2]);
  } catch (const std::exception&) {
    throw Error(r.lex.Where(file, row.line) + ": population is not a number: " + row.fields[2]);
  }
}

void Gazetteer::ReadProvinces(Reading& r) {
  const std::string kFile = "places/provinces.tsv";
  for (const auto& row : r.lex.Rows(kFile, 3)) {
    Area a{Keep(row.fields[1]), Keep(row.fields[0]), PlaceKind::kProvinsi};
    a.population = Population(r, kFile, row);
    a.province = uint32_t(areas.size());
    AddName(r, a.name, AddArea(r, a));
  }
}

void Gazetteer::ReadRegencies(Reading& r) {
  const std::string kFile = "places/regencies.tsv";
  for (const auto& row : r.lex.Rows(kFile, 3)) {
    const std::string& code = row.fields[0];
    Area a{Keep(row.fields[1]), Keep(code), PlaceKind::kKabupaten};
    a.population = Population(r, kFile, row);
    a.province = Parent(r, kFile, row.line, std::string_view(code).substr(0, 2));
    // "Kota Administrasi Jakarta Pusat" → bare "Jakarta Pusat"; RR ≥ 71 are cities.
    std::string_view bare = a.name;
    for (std::string_view p : {"Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "}) {
      if (bare.rfind(p, 0) == 0) {
        if (p.rfind("Kota", 0) == 0) a.kind = PlaceKind::kKota;
        bare = bare.substr(p.size());
        break;
      }
    }
    a.regency = uint32_t(areas.size());
    const uint32_t id = AddArea(r, a);
    AddName(r, bare, id);
    // Official names of two words are written as one too, and the reverse: "Tanjung Jabung
    // Barat" as "Tanjungjabung Barat". Each space of the name may be left out (the second
    // word then in small letters), where no other area has that name.
    for (size_t sp = bare.find(' '); sp != std::string_view::npos; sp = bare.find(' ', sp + 1)) {
      if (sp + 1 >= bare.size() || bare[sp + 1] < 'A' || bare[sp + 1] > 'Z') continue;
      std::string joined(bare.substr(0, sp));
      joined += utf8::AsciiLower(bare[sp + 1]);
      joined += bare.substr(sp + 2);
      // The word made by the join: "Tanjungjabung"; "Batubara" is coal, not Batu Bara.
      const size_t from = bare.rfind(' ', sp - 1) == std::string_view::npos ? 0 : bare.rfind(' ', sp - 1) + 1;
      const size_t to = joined.find(' ', sp);
      const std::string word = joined.substr(from, to == std::string::npos ? std::string::npos : to - from);
      if (!r.lex.Index()->Has(hash::WordKey(word), WordIndex::kCommon)) r.joined.emplace_back(std::move(joined), id);
    }
  }
}

// The one-word forms of ReadRegencies, after every other name: a form that is already some
// area's name ("Kotabaru", a regency of its own, is not "Kota Baru") is left out.
void Gazetteer::AddJoinedNames(Reading& r) {
  for (const auto& [name, id] : r.joined)
    if (!strong.Find(gazetteer::KeyHash(name, settings_.fast_paths))) AddName(r, Keep(name), id);
}

void Gazetteer::ReadDistricts(Reading& r) {
  r.lex.ForEachRow(kDistricts, r.districts, 2, [&](std::span<const std::string_view> f, uint32_t line) {
    std::string_view code = f[0];
    Area a{f[1], code, PlaceKind::kKecamatan};
    a.regency = Parent(r, kDistricts, line, code.substr(0, 5));
    a.province = areas[a.regency].province;
    a.district = uint32_t(areas.size());
    AddName(r, a.name, AddArea(r, a));
  });
}

// 84k rows, the bulk of start-up: no allocation per row, one hashing pass per name.
void Gazetteer::ReadVillages(Reading& r) {
  std::string_view last_district_code;
  uint32_t last_district = kNone;
  r.lex.ForEachRow(kVillages, r.villages, 2, [&](std::span<const std::string_view> f, uint32_t line) {
    std::string_view code = f[0];
    // villages.tsv is sorted by code: consecutive villages share their district, looked up
    // once (the fast path; the slow one looks up every row's).
    std::string_view dcode = code.substr(0, 8);
    if (dcode != last_district_code || !settings_.fast_paths) {
      last_district = Parent(r, kVillages, line, dcode);
      last_district_code = dcode;
    }
    // PP.RR.DD.VVVV: a fourth part starting with 1 is a kelurahan, else a desa (or desa adat).
    // (Built in place, and no code index for villages: no row names a village as its parent.)
    const uint32_t id = uint32_t(areas.size());
    Area& a = areas.emplace_back(Area{f[1], code, code.size() > 9 && code[9] == '1' ? PlaceKind::kKelurahan : PlaceKind::kDesa});
    a.district = last_district;
    a.regency = areas[last_district].regency;
    a.province = areas[last_district].province;
    AddName(r, a.name, id);
  });
}

// Last pair first, each link put in front of its key's chain: the chains come out in area
// order (the order in which resolving meets candidates, which breaks its ties).
void Gazetteer::IndexLocalNames(Reading& r) {
  local_first.Reserve(r.local.size());
  local_links.resize(r.local.size());
  for (size_t k = r.local.size(); k-- > 0;) {
    uint32_t& head = local_first.Insert(r.local[k].first, kNone);
    local_links[k] = {r.local[k].second, head};
    head = uint32_t(k);
    local_filter.Add(r.local[k].first);
  }
  std::vector<std::pair<uint64_t, uint32_t>>().swap(r.local);
}

// Countries: the canonical name is the shortest mixed-case one without brackets
// ("Amerika Serikat" over "AS", "Hong Kong" over "Hong Kong DAK Tiongkok").
void Gazetteer::ReadCountries(Reading& r) {
  for (const auto& row : r.lex.Rows("places/countries.tsv", 2)) {
    const std::string& code = row.fields[0];
    const std::string& name = row.fields[1];
    auto it = r.country.find(code);
    if (it == r.country.end()) {
      Area a{Keep(name), "", code.size() == 2 ? PlaceKind::kNegara : PlaceKind::kLain};
      it = r.country.emplace(code, AddArea(r, a)).first;
    } else {
      auto good = [](std::string_view s) { return s.find('(') == std::string_view::npos && chars::HasLower(s); };
      std::string_view& cur = areas[it->second].name;
      if (good(name) && (!good(cur) || name.size() < cur.size())) cur = Keep(name);
    }
    if (name.find('(') == std::string::npos) AddName(r, name, it->second);
  }
}

// Aliases ("NTT", "Solo", "China") and the regional press's short forms of regencies
// ("Kotim", "Rohul"): a form may name several areas ("Mura").
void Gazetteer::ReadAliases(Reading& r) {
  for (const std::string kFile : {"places/aliases.tsv", "places/short_forms.tsv"})
  for (const auto& row : r.lex.Rows(kFile, 2)) {
    const std::string& code = row.fields[1];
    const uint32_t* id = nullptr;
    if (chars::IsDigit(code[0])) {
      id = FindCode(r, code);
    } else if (auto it = r.country.find(code); it != r.country.end()) {
      id = &it->second;
    }
    if (!id) throw Error(r.lex.Where(kFile, row.line) + ": unknown area code " + code);
    AddName(r, row.fields[0], *id);
  }
}

void Gazetteer::ReadCities(Reading& r) {
  const std::string kFile = "places/cities.tsv";
  for (const auto& row : r.lex.Rows(kFile, 3)) {
    Area a{Keep(row.fields[0]), "", PlaceKind::kLain};
    if (row.fields[2] != "-") a.province = Parent(r, kFile, row.line, row.fields[2]);
    AddName(r, row.fields[0], AddArea(r, a));
  }
}

void Gazetteer::ReadCues(Reading& r) {
  const std::string kFile = "places/cues.tsv";
  static const std::unordered_map<std::string, Cue> kCueKinds = {
      {"provinsi", Cue::kProvinsi}, {"kabupaten", Cue::kKabupaten}, {"kota", Cue::kKota},
      {"kecamatan", Cue::kKecamatan}, {"desa", Cue::kDesa}, {"kelurahan", Cue::kKelurahan},
      {"jalan", Cue::kJalan}, {"tempat", Cue::kTempat}, {"wilayah", Cue::kWilayah}, {"stop", Cue::kStop}};
  for (const auto& row : r.lex.Rows(kFile, 2)) {
    auto k = kCueKinds.find(row.fields[1]);
    if (k == kCueKinds.end()) throw Error(r.lex.Where(kFile, row.line) + ": unknown cue kind " + row.fields[1]);
    bool outside = row.fields.size() > 2 && row.fields[2] == "luar";
    if (row.fields.size() > 2 && !outside)
      throw Error(r.lex.Where(kFile, row.line) + ": third field must be `luar` or absent, not " + row.fields[2]);
    AddStart(cues, row.fields[0], uint32_t(k->second) | (outside ? kOutside : 0));
  }
  // An organisation's head word ends a street or facility name: "Gedung Utama | Kementerian …".
  for (const auto& row : r.lex.Rows("organizations/heads.tsv", 2)) AddStart(cues, row.fields[0], uint32_t(Cue::kStop));
}

uint32_t& Gazetteer::AddStart(gazetteer::NameTable& table, std::string_view name, uint32_t fresh) {
  first_word_shapes.AddPrefixes(name);
  return table.Add(name, fresh, [&](uint64_t p) { first_words.Add(p); });
}

void Gazetteer::AddName(Reading& r, std::string_view name, uint32_t area) {
  if (LocalKind(areas[area].kind)) {
    Area& a = areas[area];
    // The first word as the tokenizer sees it: up to the first space ("Toli-Toli", "Kep.").
    uint64_t h = 0, first = 0;
    if (!settings_.fast_paths || !gazetteer::PlainKeyHash(name, h, first)) {
      h = gazetteer::KeyHash(name, settings_.fast_paths);
      size_t sp = name.find(' ');
      first = sp == std::string::npos ? h : gazetteer::KeyHash(name.substr(0, sp), settings_.fast_paths);
    }
    a.first = first;
    a.key = h;
    a.first3 = int16_t(gazetteer::Prefix3Filter::KeyIndex(name));
    r.local.emplace_back(h, area);
    // Children are contiguous: the area files are sorted by code.
    Area& parent = areas[a.kind == PlaceKind::kKecamatan ? a.regency : a.district];
    if (parent.child_begin == kNone) parent.child_begin = area;
    parent.child_end = area + 1;
    return;
  }
  uint32_t& slot = AddStart(strong, name, kNone);
  if (slot == kNone) {
    slot = uint32_t(strong_entries.size());
    strong_entries.push_back({kNone, uint32_t(strong_cased.size())});
    strong_cased.emplace_back(name);
  }
  Entry& e = strong_entries[slot];
  for (uint32_t l = e.first_link; l != kNone; l = strong_links[l].next)
    if (strong_links[l].area == area) return;
  strong_links.push_back({area, e.first_link});
  e.first_link = uint32_t(strong_links.size() - 1);
}

namespace {

// One place mention found in a document, before grouping. Plain data, moved and sorted
// without allocating: its candidates sit in a per-document pool (PlaceScratch::pool), its name
// is a view of doc.norm, the dateline or the gazetteer, all of which outlive it.
struct Found {
  uint32_t first = 0, end = 0;        // tokens [first, end)
  uint32_t cand = 0, cand_count = 0;  // areas it may be: pool[cand, cand + cand_count)
  uint32_t area = kNone;              // the chosen area
  PlaceKind kind = PlaceKind::kLain;  // for mentions without an area
  std::string_view name = {};         // for mentions without an area
  uint32_t province = kNone;          // for mentions without an area, when all candidates agree
  bool dateline = false;
  float score = -1;                   // the entity model's score of a place span it coincides with, or -1
};

// A set of the few areas a document names: a vector beats a hash set at this size.
class AreaSet {
 public:
  void clear() { v_.clear(); }
  void insert(uint32_t x) {
    if (!count(x)) v_.push_back(x);
  }
  bool count(uint32_t x) const { return std::find(v_.begin(), v_.end(), x) != v_.end(); }
  bool empty() const { return v_.empty(); }
  auto begin() const { return v_.begin(); }
  auto end() const { return v_.end(); }

 private:
  std::vector<uint32_t> v_;
};

// Every buffer the stage fills for a document, kept by each worker thread from one document
// to the next (cleared, not freed): no allocation once a worker has seen a long document.
struct PlaceScratch {
  // Per token (ReadTokens).
  std::vector<uint32_t> sent_end;   // end token of each token's sentence
  std::vector<uint8_t> sent_start;  // the token is its sentence's first word
  std::vector<uint8_t> capital;     // Wordish and StartsUpper: a name may start here
  std::vector<uint8_t> covered;     // inside a mention found (pass 2 takes only free tokens)
  std::vector<uint32_t> starts;     // the tokens a name or cue may start at, in order
  // The mentions, and the candidate areas of each in one pool (Found::cand).
  std::vector<Found> found;
  std::vector<uint32_t> pool;
  // The areas of the name being matched, and the buffer they are collected in (swapped: neither
  // allocates once grown).
  std::vector<uint32_t> cands, collect;
  // The context: provinces, regencies and districts the document names (ReadContext).
  AreaSet provinces, regencies, districts;
  // Pass 2: (key hash, area) and first-word key hashes of the names below the context's
  // regencies and districts, sorted; the key filter and three-byte filter of those names.
  std::vector<std::pair<uint64_t, uint32_t>> local_names;
  std::vector<uint64_t> local_firsts;
  KeyFilter local_filter{kLocalFilterBits};
  gazetteer::Prefix3Filter local_first3;
  std::vector<const Found*> owner;  // per place in doc.places: the mention that made it (Emit)
  std::vector<uint32_t> mention_at;  // AddModelPlaces: per token, the index in `found` covering it
  std::vector<uint64_t> person_words;  // AddModelPlaces: the keys of the words of the model's people, sorted
};

// A cue found at a token (CueAt).
struct CueHit {
  uint32_t end = 0;  // its end token; 0: no cue (and `cue` means nothing)
  Cue cue = Cue::kStop;
  bool outside = false;  // left out of the place's mention
};

// The places stage over one document: the phases of Run, in order, each a method below.
class PlaceReader : gazetteer::DocumentReader {
 public:
  PlaceReader(const Gazetteer& g, StageSettings settings, Document& doc, PlaceScratch& s)
      : DocumentReader(doc, settings.fast_paths), g_(g), s_(s) {}

  void Run() {
    ReadTokens();
    FindNames();
    ReadContext();
    ChooseAreas(0);
    ExtendContext();
    FindLocalNames();
    AddDatelinePlace();
    AddModelPlaces();
    Emit();
  }

 private:
  // ---- the phases
  void ReadTokens();
  void FindNames();
  void ReadContext();
  void ChooseAreas(size_t from);
  void ExtendContext();
  void FindLocalNames();
  void AddDatelinePlace();
  void AddModelPlaces();
  void Emit();

  // ---- pass 1, at one start token i: the end of what was found there, or 0
  uint32_t CuedNameAt(uint32_t i, const CueHit& cue);
  uint32_t NameAt(uint32_t i);
  uint32_t FacilityAt(uint32_t i, const CueHit& cue);
  // The longest cue at token i.
  CueHit CueAt(uint32_t i) const;
  // The longest strong name at token i that `cue` admits (CueFits); its end token or 0, and
  // its areas in s_.cands.
  uint32_t StrongNameAt(uint32_t i, Cue cue);
  // The same for the kecamatan and desa names after a cue, in the national local index.
  uint32_t LocalNameAt(uint32_t i, Cue cue);
  // A stop cue at token i ("No.", "RT", an organisation's head word): it ends a street name.
  bool StopAt(uint32_t i) const {
    const CueHit c = CueAt(i);
    return c.end && c.cue == Cue::kStop;
  }
  // The end of the capitalised words after a street or facility cue at j, at most `max`.
  uint32_t Tail(uint32_t j, uint32_t max = 5) const;
  // Pass 2 at token i: the end of a bare local name of the context, or 0.
  uint32_t ContextNameAt(uint32_t i);
  void CollectContextNames(uint32_t parent);

  // ---- choosing an area
  // The rank of area a for mention f: greater is likelier.
  auto Score(const Found& f, uint32_t a) const;
  void Choose(Found& f);

  // ---- token tests (and DocumentReader's Key, Norm, Text)
  // A word of words.tsv not written with a capital ("batu", "agung").
  bool Common(uint32_t i) const { return g_.words->Has(Key(i), WordIndex::kCommon); }
  // A name may be matched at token i when it is written with a capital (or the whole
  // document is lower case).
  bool CapitalOk(uint32_t i) const { return s_.capital[i] || (lowercase_doc_ && Wordish(toks_[i])); }
  // ... and the rest of its words [i + 1, end) follow the lexicon's case (`cased`).
  bool CaseOk(std::string_view cased, uint32_t i, uint32_t end) const;
  // A mention of tokens [first, end) that may be any of the areas s_.cands.
  Found WithCandidates(uint32_t first, uint32_t end) {
    Found f{first, end, uint32_t(s_.pool.size()), uint32_t(s_.cands.size())};
    s_.pool.insert(s_.pool.end(), s_.cands.begin(), s_.cands.end());
    return f;
  }
  // Whether some of s_.cands (a kecamatan or desa) lies in a regency or district the document
  // names: thousands of village names are also a city's or a venue's abroad ("Astana"), so
  // the model's word alone does not make one; s_.cands keeps those.
  bool InContext() {
    std::erase_if(s_.cands, [&](uint32_t a) {
      const Gazetteer::Brief& x = g_.brief[a];
      return !(x.regency != kNone && s_.regencies.count(x.regency)) && !(x.district != kNone && s_.districts.count(x.district));
    });
    return !s_.cands.empty();
  }
  // Whether every word of tokens [a, b) is a word of a person the model proposes in the document.
  // Token b, or the token after a comma at b, is a degree ("S.H.", "M.Si.").
  bool DegreeAfter(uint32_t b) const {
    if (b < n_ && NormOf(doc_, doc_.tokens[b]) == ",") ++b;
    if (b >= n_) return false;
    const std::string lower = utf8::Lower(NormOf(doc_, doc_.tokens[b]));
    return g_.degrees.Contains(hash::Fnv1a(lower));
  }
  // "Afrika [Barat]", "Gaza [City]", "Jalan Hayam Wuruk [Nomor 30]": mention k starts the model's
  // span [a, b), which goes on after it (ExtendMention).
  void ExtendMention(uint32_t k, uint32_t a, uint32_t b);
  bool PersonWords(uint32_t a, uint32_t b) {
    if (!person_words_read_) {
      person_words_read_ = true;
      s_.person_words.clear();
      for (const EntitySpan& e : doc_.entity_spans)
        if (e.type == EntityType::kPerson)
          for (uint32_t t = e.first_token; t < e.end_token && t < n_; ++t) s_.person_words.push_back(Key(t));
      std::sort(s_.person_words.begin(), s_.person_words.end());
    }
    for (uint32_t t = a; t < b; ++t)
      if (!std::binary_search(s_.person_words.begin(), s_.person_words.end(), Key(t))) return false;
    return true;
  }
  std::span<uint32_t> Candidates(const Found& f) const { return std::span<uint32_t>(s_.pool.data() + f.cand, f.cand_count); }

  const Gazetteer& g_;
  PlaceScratch& s_;
  bool lowercase_doc_ = false;  // no capital letter anywhere: a lower-cased corpus
  bool person_words_read_ = false;  // s_.person_words holds this document's (PersonWords)
  uint32_t dateline_tok_ = kNone, dateline_end_ = 0;  // the dateline's place: tokens [tok, end)
};

// Input: doc.tokens, doc.sentences, doc.norm, doc.dateline. Output: s_.sent_end, s_.sent_start,
// s_.capital, s_.starts (the tokens pass 1 looks at: a cue starts with a capital or is
// "jalan", a name with a capital, or anywhere in a lower-cased text; about one token in five),
// lowercase_doc_, dateline_tok_ and dateline_end_.
void PlaceReader::ReadTokens() {
  FillSentenceEnds(doc_.sentences, n_, s_.sent_end);
  s_.sent_start.assign(n_, 0);
  s_.capital.assign(n_, 0);
  for (const Sentence& st : doc_.sentences) {
    uint32_t e = std::min(st.end_token, n_);
    for (uint32_t i = st.first_token; i < e; ++i) {
      if (Wordish(toks_[i])) {
        s_.sent_start[i] = true;
        break;
      }
    }
  }
  lowercase_doc_ = !chars::HasUpper(doc_.norm);
  s_.starts.resize(n_);
  // Plain pointers: a store through a uint8_t* may alias anything, so with vectors and
  // members the compiler would reload every one of them at each token.
  const Token* tk = toks_.data();
  const char* norm = doc_.norm.data();
  uint8_t* cap = s_.capital.data();
  uint32_t* out = s_.starts.data();
  // The first bytes a cue or name can start with: a capital (A-Z, or non-ASCII to decode) or
  // "j" of "jalan". The fast path turns most tokens away by this byte alone; then the full
  // test (a word, not empty) on those few, kept in place.
  static constexpr auto kMayStart = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = (c >= 'A' && c <= 'Z') || c >= 0x80 || c == 'j';
    return t;
  }();
  uint32_t count = 0;
  if (lowercase_doc_ || !fast_) {
    for (; count < n_; ++count) out[count] = count;
  } else {
    count = TokensByFirstByte(doc_, kMayStart, out);
  }
  uint32_t kept = 0;
  for (uint32_t k = 0; k < count; ++k) {
    uint32_t i = out[k];
    if (!Wordish(tk[i]) || tk[i].norm_end == tk[i].norm_start) continue;
    bool up = chars::StartsUpper(NormOf(doc_, tk[i]));
    cap[i] = up;
    if (up || lowercase_doc_ || norm[tk[i].norm_start] == 'j') out[kept++] = i;
  }
  s_.starts.resize(kept);

  if (doc_.dateline && !doc_.dateline->place_span.empty()) {
    const Span place = doc_.dateline->place_span;
    for (uint32_t i = 0; i < n_; ++i) {
      if (toks_[i].span.start == place.start) dateline_tok_ = i;
      if (dateline_tok_ != kNone && toks_[i].span.end <= place.end) dateline_end_ = i + 1;
      if (toks_[i].span.start >= place.end) break;
    }
  }
}

// Pass 1. Input: s_.starts. Output: s_.found (cued names, provinces, regencies, countries,
// cities, aliases, streets and facilities), their candidate areas in s_.pool.
void PlaceReader::FindNames() {
  s_.found.clear();
  s_.pool.clear();
  // The end of the norm bytes a WordFilter may read (norm.c_str() ends in a '\0').
  const char* norm_readable = doc_.norm.c_str() + doc_.norm.size() + 1;
  for (uint32_t k = 0, i = 0; k < s_.starts.size(); ++k) {
    if (s_.starts[k] < i) continue;  // inside the mention found last
    i = s_.starts[k];
    // Every cue and strong name starts with a key of first_words: where this test fails,
    // CueAt and StrongNameAt find nothing, and nothing else starts here. (The word filter
    // first, without hashing: most capitalised words are no name's start, and need no hash.)
    if (fast_ && (!g_.first_word_shapes.MayContain(Norm(i), norm_readable) || !g_.first_words.MayContain(Key(i))))
      continue;
    const CueHit cue = CueAt(i);
    uint32_t e = CuedNameAt(i, cue);
    if (!e) e = NameAt(i);
    if (!e) e = FacilityAt(i, cue);
    if (e) i = e;
  }
}

// A name after an admin cue at i ("Kabupaten Kupang", "Desa Oelnasi"), or a desa or kecamatan
// the gazetteer does not know after its cue.
uint32_t PlaceReader::CuedNameAt(uint32_t i, const CueHit& cue) {
  const uint32_t ce = cue.end;
  if (!ce || ce >= n_ || !AdminCue(cue.cue) || !CapitalOk(ce)) return 0;
  uint32_t e = cue.cue > Cue::kKota ? LocalNameAt(ce, cue.cue) : StrongNameAt(ce, cue.cue);
  if (e) {
    // The mention keeps the cue where it belongs to the name ("Kabupaten Kupang" is not
    // "Kota Kupang", "Desa Oelnasi"); cues marked `luar` are left out: "Provinsi" and
    // "Kota", as the NER-UI and NER-UGM annotators do ("Provinsi [Jawa Tengah]",
    // "Kota [Surabaya]"), and words that only imply the level ("Bupati [Kupang]").
    s_.found.push_back(WithCandidates(cue.outside ? ce : i, e));
    return e;
  }
  if (cue.cue < Cue::kKecamatan || cue.outside) return 0;
  // "Desa Oelnasi" not in the gazetteer (or spelt otherwise): still a desa, without a code.
  // Where Tail takes no word ("Desa No. 5") there is no name.
  uint32_t te = Tail(ce);
  if (te == ce) return 0;
  Found f{i, te};
  f.kind = cue.cue == Cue::kKecamatan   ? PlaceKind::kKecamatan
           : cue.cue == Cue::kKelurahan ? PlaceKind::kKelurahan
                                        : PlaceKind::kDesa;
  f.name = Text(ce, te);
  s_.found.push_back(f);
  return te;
}

// A strong name at i without a cue: "NTT", "Kupang", "Amerika Serikat", "Kupang Kota".
uint32_t PlaceReader::NameAt(uint32_t i) {
  if (!CapitalOk(i)) return 0;
  std::vector<uint32_t>& c = s_.cands;
  uint32_t e = StrongNameAt(i, Cue::kStop);
  // A one-word name that is also a common word opening a sentence ("Batu", "Agam") is
  // more likely the word.
  if (e == i + 1 && s_.sent_start[i] && Common(i) && i != dateline_tok_) e = 0;
  // In a lower-cased text a one-word regency name that is also a word ("medan", "bandung")
  // is left alone; countries, provinces and world regions are kept ("indonesia", "asia").
  if (e && lowercase_doc_ && e == i + 1 && (Common(i) || Norm(i).size() < 4)) {
    std::erase_if(c, [&](uint32_t a) {
      return g_.brief[a].kind == PlaceKind::kKabupaten || g_.brief[a].kind == PlaceKind::kKota;
    });
    if (c.empty() || Norm(i).size() < 3) e = 0;
  }
  // "Kupang Kota", "Bogor Kota": the level written after the name, as police and
  // military units do ("Polres Kupang Kota"), makes it the city and joins the mention.
  auto kota = [&](uint32_t a) { return g_.brief[a].kind == PlaceKind::kKota; };
  if (e && e < s_.sent_end[i] && e < n_ && Norm(e) == "Kota" && std::any_of(c.begin(), c.end(), kota)) {
    std::erase_if(c, [&](uint32_t a) { return !kota(a); });
    ++e;
  }
  if (!e) return 0;
  Found f = WithCandidates(i, e);
  f.dateline = i == dateline_tok_ && e <= dateline_end_;
  s_.found.push_back(f);
  return e;
}

// A street or facility after its cue at i: "Jl. Polisi Militer", "Bandara El Tari" (not in a
// title, nor in a lower-cased text, where its words cannot be told from the sentence's).
uint32_t PlaceReader::FacilityAt(uint32_t i, const CueHit& cue) {
  const uint32_t ce = cue.end;
  if (!ce || ce >= n_ || !HeadCue(cue.cue) || lowercase_doc_) return 0;
  const uint32_t at = toks_[i].span.start;
  if (doc_.title_span && at < doc_.title_span->end && at >= doc_.title_span->start) return 0;
  const bool facility = cue.cue != Cue::kJalan;
  uint32_t te = Tail(ce, facility ? 3 : 5);
  // "Pasar Pangan Murah": three ordinary words after a facility word name no facility.
  if (facility && te == ce + 3 && Common(ce) && Common(ce + 1) && Common(ce + 2)) te = ce;
  if (te <= ce) return 0;
  Found f{i, te};
  f.name = Text(i, te);
  f.kind = HeadKind(cue.cue);
  s_.found.push_back(f);
  return te;
}

CueHit PlaceReader::CueAt(uint32_t i) const {
  CueHit hit;
  // Cues are capitalised, but for "jalan": a test of the first byte, and of the first-word
  // filter, before any hashing (the slow path walks the cue table at every token).
  if (fast_ && !s_.capital[i] && !(Wordish(toks_[i]) && doc_.norm[toks_[i].norm_start] == 'j')) return hit;
  if (fast_ && !g_.first_words.MayContain(Key(i))) return hit;
  const uint32_t end = std::min({s_.sent_end[i], n_, i + 3});
  g_.cues.Walk(doc_, i, end, Key(i), [&](uint32_t j, uint32_t value) {
    // Only a street cue may be written in small letters: "di jalan Medan Merdeka Barat".
    Cue c = Cue(value & 0xFF);
    if (!s_.capital[i] && c != Cue::kJalan) return;
    hit = {j + 1, c, (value & kOutside) != 0};
  });
  return hit;
}

uint32_t PlaceReader::StrongNameAt(uint32_t i, Cue cue) {
  uint32_t best = 0;
  std::vector<uint32_t>& c = s_.collect;
  s_.cands.clear();
  const uint32_t end = std::min(s_.sent_end[i], n_);
  auto link = [&](uint32_t j) { return toks_[j].kind == TokenKind::kUrl || toks_[j].kind == TokenKind::kEmail; };
  g_.strong.Walk(
      doc_, i, end, Key(i),
      [&](uint32_t j, uint32_t entry) {
        const Gazetteer::Entry& x = g_.strong_entries[entry];
        if (!CaseOk(g_.strong_cased[x.cased], i, j + 1)) return;
        c.clear();
        for (uint32_t l = x.first_link; l != kNone; l = g_.strong_links[l].next)
          if (CueFits(cue, g_.brief[g_.strong_links[l].area].kind)) c.push_back(g_.strong_links[l].area);
        if (!c.empty()) {
          best = j + 1;
          s_.cands.swap(c);
        }
      },
      link);
  return best;
}

// After a cue ("Desa …"): names of up to kLocalNameTokens tokens, in the national index.
uint32_t PlaceReader::LocalNameAt(uint32_t i, Cue cue) {
  uint32_t best = 0;
  std::vector<uint32_t>& c = s_.collect;
  s_.cands.clear();
  uint64_t key = Key(i);
  for (uint32_t j = i; j < s_.sent_end[i] && j < n_ && j < i + kLocalNameTokens; ++j) {
    if (toks_[j].kind == TokenKind::kUrl || toks_[j].kind == TokenKind::kEmail) break;
    if (j > i) key = gazetteer::ExtendKey(doc_, j, key);
    uint32_t l = g_.LocalFirst(key, fast_);
    if (l == kNone || !CaseOk(g_.areas[g_.local_links[l].area].name, i, j + 1)) continue;
    c.clear();
    for (; l != kNone; l = g_.local_links[l].next)
      if (CueFits(cue, g_.brief[g_.local_links[l].area].kind)) c.push_back(g_.local_links[l].area);
    if (!c.empty()) {
      best = j + 1;
      s_.cands.swap(c);
    }
  }
  return best;
}

bool PlaceReader::CaseOk(std::string_view cased, uint32_t i, uint32_t end) const {
  if (lowercase_doc_) return true;
  for (uint32_t j = i + 1; j < end; ++j) {
    std::string_view w = Norm(j);
    // "Jawa barat" is not "Jawa Barat"; "Pangkajene dan Kepulauan" keeps its "dan".
    if (chars::StartsLower(w) && cased.find(w) == std::string_view::npos) return false;
  }
  return true;
}

// Capitalised words after a street or facility cue: "Jl. Polisi Militer", "Bandara El Tari".
// At most `max` words: a facility name is short ("Bandara El Tari", "Hotel Crowne Plaza").
uint32_t PlaceReader::Tail(uint32_t j, uint32_t max) const {
  uint32_t end = j;
  while (end < s_.sent_end[j] && end < n_ && end < j + max) {
    const Token& t = toks_[end];
    std::string_view w = Norm(end);
    bool ok = IsWordKind(t.kind) && chars::StartsUpper(w) && !StopAt(end);
    // "Bandara Soekarno - Hatta": a hyphen between two capitalised words joins them.
    if (!ok && end > j && w == "-" && end + 1 < s_.sent_end[j] && chars::StartsUpper(Norm(end + 1))) {
      end += 2;
      continue;
    }
    if (!ok) break;
    ++end;
    if (!toks_[end - 1].space_after && end < n_ && toks_[end].kind == TokenKind::kPunct && Norm(end) != "-") break;
  }
  return end;
}

// Input: s_.found of pass 1. Output: the context, s_.provinces and s_.regencies: those that
// every candidate of some mention lies in (the document names them without ambiguity).
void PlaceReader::ReadContext() {
  s_.provinces.clear();
  s_.regencies.clear();
  s_.districts.clear();
  for (const Found& f : s_.found) {
    if (!f.cand_count) continue;
    std::span<const uint32_t> c = Candidates(f);
    uint32_t p = g_.brief[c[0]].province, r = g_.brief[c[0]].regency;
    for (uint32_t a : c) {
      if (g_.brief[a].province != p) p = kNone;
      if (g_.brief[a].regency != r) r = kNone;
    }
    if (p != kNone) s_.provinces.insert(p);
    if (r != kNone) s_.regencies.insert(r);
  }
}

auto PlaceReader::Score(const Found& f, uint32_t a) const {
  const Gazetteer::Brief& x = g_.brief[a];
  int dateline = f.dateline ? (x.kind == PlaceKind::kKota ? 2 : x.kind == PlaceKind::kKabupaten ? 1 : 0) : 0;
  int local = (x.regency != kNone && s_.regencies.count(x.regency)) + (x.district != kNone && s_.districts.count(x.district));
  int prov = x.province != kNone && s_.provinces.count(x.province);
  return std::make_tuple(dateline, local, prov, KindRank(x.kind), x.population);
}

// Resolves a mention to one of its candidates: by its cue (already applied: the candidates
// fit it), then the dateline (a city), then the regencies and provinces the document names,
// then the kind (KindRank), then population.
void PlaceReader::Choose(Found& f) {
  if (!f.cand_count) return;
  std::span<uint32_t> c = Candidates(f);
  // The best candidate first (the first of equals keeps its place), the runner-up second.
  for (size_t k = 1; k < c.size(); ++k)
    if (Score(f, c[k]) > Score(f, c[0])) std::swap(c[0], c[k]);
  for (size_t k = 2; k < c.size(); ++k)
    if (Score(f, c[k]) > Score(f, c[1])) std::swap(c[1], c[k]);
  const Gazetteer::Brief& best = g_.brief[c[0]];
  // Villages and districts share names across the country: without the document naming their
  // regency or province, a tie is left unresolved rather than guessed.
  if (LocalKind(best.kind) && c.size() > 1 && Score(f, c[0]) == Score(f, c[1])) {
    f.kind = best.kind;
    f.name = g_.areas[c[0]].name;
    f.province = best.province;
    for (uint32_t a : c)
      if (g_.brief[a].province != f.province) f.province = kNone;
    return;
  }
  f.area = c[0];
}

// Input: s_.found[from …] with their candidates, the context. Output: their Found::area (or
// the kind, name and province of an unresolved tie).
void PlaceReader::ChooseAreas(size_t from) {
  for (size_t k = from; k < s_.found.size(); ++k) Choose(s_.found[k]);
}

// Input: s_.found of pass 1, resolved. Output: the regencies and districts of the chosen areas
// join the context (s_.regencies, s_.districts); s_.covered marks the tokens of every mention.
void PlaceReader::ExtendContext() {
  for (const Found& f : s_.found) {
    if (f.area == kNone) continue;
    const Gazetteer::Brief& a = g_.brief[f.area];
    if (a.regency != kNone) s_.regencies.insert(a.regency);
    if (a.district != kNone) s_.districts.insert(a.district);
    if (a.kind == PlaceKind::kKecamatan) s_.districts.insert(f.area);
  }
  s_.covered.assign(n_, 0);
  for (const Found& f : s_.found)
    for (uint32_t t = f.first; t < f.end; ++t) s_.covered[t] = true;
}

// Pass 2. Input: the context's regencies and districts, s_.starts, s_.covered. Output: more of
// s_.found, resolved: the bare kecamatan and desa names of those areas ("Tarus" where the
// document names Kabupaten Kupang). Only their few hundred names are candidates, so the
// lookup stays in cache.
void PlaceReader::FindLocalNames() {
  if (s_.regencies.empty() || lowercase_doc_) return;
  s_.local_names.clear();
  s_.local_firsts.clear();
  s_.local_filter.Clear();
  s_.local_first3.Clear();
  for (uint32_t r : s_.regencies) CollectContextNames(r);
  for (uint32_t d : s_.districts) CollectContextNames(d);
  std::sort(s_.local_names.begin(), s_.local_names.end());
  std::sort(s_.local_firsts.begin(), s_.local_firsts.end());
  const size_t before = s_.found.size();
  // A bare name starts with a capital (the text is not lower-cased here): one of `starts`.
  for (uint32_t k = 0, i = 0; k < s_.starts.size(); ++k) {
    if (s_.starts[k] < i) continue;  // inside the name found last
    i = s_.starts[k];
    if (uint32_t e = ContextNameAt(i)) i = e;
  }
  ChooseAreas(before);
}

// The kecamatan (of a regency) or desa (of a kecamatan) under `parent`, into pass 2's tables.
void PlaceReader::CollectContextNames(uint32_t parent) {
  const Area& p = g_.areas[parent];
  for (uint32_t a = p.child_begin; a != kNone && a < p.child_end; ++a) {
    s_.local_names.emplace_back(g_.areas[a].key, a);
    s_.local_firsts.push_back(g_.areas[a].first);
    // Every key of the names and their first words: most capitalised words are none of them,
    // and one bit test (2 KiB, in L1) turns them away before a binary search that mispredicts
    // at every step. And their first three bytes, tested before a token is hashed (most
    // capitalised words were not hashed in pass 1: no strong name starts with them).
    s_.local_filter.Add(g_.areas[a].key);
    s_.local_filter.Add(g_.areas[a].first);
    s_.local_first3.AddIndex(g_.areas[a].first3);
  }
}

uint32_t PlaceReader::ContextNameAt(uint32_t i) {
  if (s_.covered[i] || !CapitalOk(i)) return 0;
  if (fast_ && !s_.local_first3.MayStart(Norm(i))) return 0;
  const auto& names = s_.local_names;
  const auto& firsts = s_.local_firsts;
  std::vector<uint32_t>& c = s_.cands;
  c.clear();
  uint64_t key = Key(i);
  uint32_t e = 0;
  for (uint32_t j = i; j < s_.sent_end[i] && j < n_ && j < i + kLocalNameTokens; ++j) {
    if (j > i) key = gazetteer::ExtendKey(doc_, j, key);
    const bool may = !fast_ || s_.local_filter.MayContain(key);  // in no name (or first word) if false
    // A name's first word is a whole token: "Kep." of "Kep. X" (key "kep.") is not token "Kep".
    if (j == i && (!may || !std::binary_search(firsts.begin(), firsts.end(), key))) break;
    if (!may) continue;
    auto [a, b] = std::equal_range(names.begin(), names.end(), std::make_pair(key, uint32_t(0)),
                                   [](const auto& p, const auto& q) { return p.first < q.first; });
    if (a == b || !CaseOk(g_.areas[a->second].name, i, j + 1)) continue;
    c.clear();
    for (auto it = a; it != b; ++it) c.push_back(it->second);
    e = j + 1;
  }
  bool free = e > 0;
  for (uint32_t t = i; t < e; ++t) free = free && !s_.covered[t];
  if (!free || (e == i + 1 && Common(i))) return 0;
  s_.found.push_back(WithCandidates(i, e));
  for (uint32_t t = i; t < e; ++t) s_.covered[t] = true;
  return e;
}

// Input: doc.dateline, dateline_tok_. Output: a mention of the dateline's place when no other
// mention starts there: the dateline's place is always a place, even one the gazetteer does
// not know. (The structure stage also takes "Orang - orang …" for a dateline: that is for it
// to fix, not for this stage to hide.)
void PlaceReader::AddDatelinePlace() {
  if (dateline_tok_ == kNone) return;
  for (const Found& f : s_.found)
    if (f.first == dateline_tok_) return;
  Found f{dateline_tok_, std::max(dateline_end_, dateline_tok_ + 1)};
  f.name = doc_.dateline->place;
  f.dateline = true;
  s_.found.push_back(f);
}

// Input: doc.entity_spans (the entity model's places), s_.found. Output: each mention that a
// model place coincides with (either lies inside the other: "Kabupaten [Kupang]") takes its
// score; a model place that no mention overlaps joins s_.found: resolved in the gazetteer
// where its words are a name of it (a strong name, else a kecamatan or desa, whose ties stay
// unresolved), else without an area, typed by its head word (lexicons/places/cues.tsv: a
// `tempat` or `wilayah` cue, a street) or `wilayah`. Where a mention and a model place overlap,
// the mention wins: the gazetteer's names and the cues' boundaries are the precise rule
// (README, "Places": measured on the NER dev sets); except that a mention which starts the
// only model place it overlaps takes that span's end (ExtendMention).
void PlaceReader::AddModelPlaces() {
  const size_t before = s_.found.size();
  if (doc_.entity_spans.empty()) return;
  // Per token, the mention covering it (the dateline's place may overlap another: the last wins).
  s_.mention_at.assign(n_, kNone);
  for (size_t k = 0; k < before; ++k)
    for (uint32_t t = s_.found[k].first; t < s_.found[k].end && t < n_; ++t) s_.mention_at[t] = uint32_t(k);
  for (const EntitySpan& e : doc_.entity_spans) {
    const uint32_t a = e.first_token, b = e.end_token;
    if (e.type != EntityType::kPlace || b > n_ || a >= b) continue;
    bool overlap = false;
    uint32_t only = kNone;  // the one mention the span overlaps, or kNone (none, or several)
    for (uint32_t t = a; t < b; ++t) {
      const uint32_t k = s_.mention_at[t];
      if (k == kNone || (t > a && k == s_.mention_at[t - 1])) continue;
      only = overlap ? kNone : k;
      overlap = true;
      Found& f = s_.found[k];
      if ((f.first >= a && f.end <= b) || (f.first <= a && f.end >= b)) f.score = std::max(f.score, e.score);
    }
    if (only != kNone && e.score >= kModelExtend) ExtendMention(only, a, b);
    // A span alone is taken when it is likelier right than wrong (the score is calibrated as
    // the chance that the span is exactly right: entities.h).
    if (overlap || e.score < kModelAlone) continue;
    // "Batu itu …": a one-word name that is also a common word opening a sentence stays the
    // word (NameAt's rule, measured the more precise).
    if (b == a + 1 && s_.sent_start[a] && Common(a) && a != dateline_tok_) continue;
    // "Conor McGregor … McGregor": a word the model names a person elsewhere in the document
    // is that person's (the people stage decides), not a place.
    if (PersonWords(a, b)) continue;
    Found f;
    if (StrongNameAt(a, Cue::kStop) == b || (LocalNameAt(a, Cue::kStop) == b && InContext())) {
      f = WithCandidates(a, b);
    } else {
      f = Found{a, b};
      const CueHit cue = CueAt(a);
      // "Kabupaten Kotim Halikinnor": after a level word the gazetteer's names decide; a run
      // it does not know there is more often a name that follows the place than an area.
      // "RSPAD Gatot Soebroto", "Kantor Kementerian …": an organisation's head word opens it,
      // and the organizations stage takes it.
      if (cue.end && (AdminCue(cue.cue) || cue.cue == Cue::kStop)) continue;
      // "kuasa hukum termohon, Benediktus Ratu, S.H.,": a degree after the run makes it a
      // person's name, whatever the model's label.
      if (!(cue.end && cue.end < b && HeadCue(cue.cue)) && DegreeAfter(b)) continue;
      f.kind = cue.end && cue.end < b && HeadCue(cue.cue) ? HeadKind(cue.cue) : PlaceKind::kWilayah;
      f.name = Text(a, b);
    }
    f.score = e.score;
    s_.found.push_back(f);
  }
  ChooseAreas(before);
}

// Input: mention k, the only one model place [a, b) overlaps. Output: when the mention starts
// the span and ends inside it, it ends where the span ends: the area the gazetteer knows by
// the longer name, else a place without one, named by its words, of its head word's type (a
// street stays `tempat`) or `wilayah`.
// "Afrika Barat", "Gaza City", "Jerman Timur" are not the areas their first word names.
// (A span that goes on before the mention is left alone: "[Kota] Surabaya", "Halim
// Perdanakusumah [Jakarta]" keep their areas; on the held-out folds that gained ±0.5 LOC F1.)
void PlaceReader::ExtendMention(uint32_t k, uint32_t a, uint32_t b) {
  Found& f = s_.found[k];
  if (f.dateline || f.first != a || f.end >= b) return;
  // "Gubernur DKI Jakarta [Sutiyoso]", "Pengadilan Tipikor Jakarta [Haswandi]": a place that
  // closes a capitalised title is followed by the holder's name, not by more of the place.
  if (a > 0 && s_.capital[a - 1] && !s_.sent_start[a - 1]) return;
  // So does a title's short form in brackets: "Sekretaris daerah (Sekda) Murung Raya [Hermon]".
  if (a > 2 && NormOf(doc_, toks_[a - 1]) == ")") {
    uint32_t open = a - 2;
    while (open > 0 && a - open < 6 && NormOf(doc_, toks_[open]) != "(") --open;
    if (NormOf(doc_, toks_[open]) == "(" && open + 1 < a - 1 && s_.capital[open + 1]) return;
  }
  // "Kabupaten Murung Raya [1.397]", "Kubu Raya [54]": an area goes on only with a word (a
  // street, a venue or an unresolved place may take a number: "Jalan Kemang [1]").
  bool word = false;
  for (uint32_t t = f.end; t < b && !word; ++t) word = toks_[t].kind == TokenKind::kWord;
  if (f.area != kNone && !word) return;
  for (uint32_t t = f.end; t < b; ++t) s_.mention_at[t] = k;
  // "Bogor [Tengah]": a longer name the gazetteer knows here resolves as a model place does.
  if (StrongNameAt(a, Cue::kStop) == b || (LocalNameAt(a, Cue::kStop) == b && InContext())) {
    const float score = f.score;
    f = WithCandidates(a, b);
    f.score = score;
    Choose(f);
    return;
  }
  f.end = b;
  f.area = kNone;
  f.cand_count = 0;
  f.province = kNone;
  if (f.kind != PlaceKind::kTempat && f.kind != PlaceKind::kWilayah) f.kind = PlaceKind::kWilayah;
  f.name = Text(a, b);
}

// Input: s_.found. Output: doc.places (appended), in the order of their first mentions: one
// place per area, or per type and name for places without one, with every mention as a byte
// span of doc.text (the dateline's, its place_span). The Place (and its strings) is built
// only for the first mention.
void PlaceReader::Emit() {
  auto& found = s_.found;
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.first < b.first; });
  s_.owner.clear();
  doc_.places.reserve(doc_.places.size() + found.size());
  for (const Found& f : found) {
    Span span{toks_[f.first].span.start, toks_[f.end - 1].span.end};
    if (f.dateline && doc_.dateline) span = doc_.dateline->place_span;
    size_t k = 0;
    for (; k < s_.owner.size(); ++k) {
      const Found& o = *s_.owner[k];
      if (f.area != kNone ? o.area == f.area : o.area == kNone && o.kind == f.kind && o.name == f.name) break;
    }
    if (k == s_.owner.size()) {
      s_.owner.push_back(&f);
      Place p;
      if (f.area != kNone) {
        const Area& a = g_.areas[f.area];
        p.name = a.name;
        p.type = a.kind;
        if (!a.code.empty()) p.code = std::string(a.code);
        if (a.province != kNone) p.province = std::string(g_.areas[a.province].name);
      } else {
        p.name = std::string(f.name);
        p.type = f.kind;
        if (f.province != kNone) p.province = std::string(g_.areas[f.province].name);
      }
      doc_.places.push_back(std::move(p));
    }
    doc_.places[k].mentions.push_back(span);
    if (f.score >= 0) doc_.places[k].score = std::max(doc_.places[k].score.value_or(0.f), f.score);
  }
}

}  // namespace

PlaceFinder::PlaceFinder(const Lexicon& lexicon, StageSettings settings)
    : settings_(settings), gazetteer_(std::make_unique<Gazetteer>(lexicon, settings)) {}
PlaceFinder::~PlaceFinder() = default;

void PlaceFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  thread_local PlaceScratch scratch;
  PlaceReader(*gazetteer_, settings_, doc, scratch).Run();
}

}  // namespace warta
