// Places: gazetteer names, cues, disambiguation, codes and exact mention spans.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "entity_corpus.h"
#include "error.h"
#include "lexicon.h"
#include "stages/gazetteer.h"
#include "stages/places.h"
#include "stages/tokens.h"
#include "testing.h"

using warta::testing::Run;

namespace {

// A place as one line: every field the stage writes ("Kota Kupang|kota|53.71|Nusa Tenggara
// Timur|0-6,120-126"), so that two runs compare exactly.
std::string Rendered(const warta::Place& p) {
  std::string out = p.name + "|" + std::string(warta::PlaceKindName(p.type)) + "|" + p.code.value_or("-") + "|" +
                    p.province.value_or("-") + "|";
  for (const warta::Span& s : p.mentions) out += std::to_string(s.start) + "-" + std::to_string(s.end) + ",";
  return out;
}

std::vector<std::string> Rendered(const std::vector<warta::Place>& places) {
  std::vector<std::string> out;
  for (const warta::Place& p : places) out.push_back(Rendered(p));
  return out;
}

// The place whose mentions include `mention` (as written), or nullptr.
const warta::Place* Mentioned(const warta::Document& doc, const std::string& mention) {
  for (const warta::Place& p : doc.places)
    for (const warta::Span& s : p.mentions)
      if (doc.Original(s) == mention) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("places resolve to their official type, code and province", "[places]") {
  struct Row {
    std::string text, mention, name, type, code, province;
  };
  std::vector<Row> rows = {
      {"Kupang, ntt.kpu.go.id — Rapat digelar di kantor.", "Kupang", "Kota Kupang", "kota", "53.71",
       "Nusa Tenggara Timur"},
      {"Bupati meninjau sawah di Kabupaten Kupang kemarin.", "Kabupaten Kupang", "Kabupaten Kupang", "kabupaten",
       "53.01", "Nusa Tenggara Timur"},
      {"Bantuan dikirim ke Kab. Kupang pekan lalu.", "Kab. Kupang", "Kabupaten Kupang", "kabupaten", "53.01",
       "Nusa Tenggara Timur"},
      {"Warga Kota Kupang antre minyak tanah.", "Kupang", "Kota Kupang", "kota", "53.71", "Nusa Tenggara Timur"},
      {"Pemilih di NTT bertambah.", "NTT", "Nusa Tenggara Timur", "provinsi", "53", "Nusa Tenggara Timur"},
      {"Tim dari Kaltim datang berkunjung.", "Kaltim", "Kalimantan Timur", "provinsi", "64", "Kalimantan Timur"},
      {"Gubernur Provinsi Nusa Tenggara Timur hadir.", "Nusa Tenggara Timur", "Nusa Tenggara Timur", "provinsi",
       "53", "Nusa Tenggara Timur"},
      {"Festival budaya digelar di Solo akhir pekan ini.", "Solo", "Kota Surakarta", "kota", "33.72",
       "Jawa Tengah"},
      {"Libur sekolah membuat Jogja ramai.", "Jogja", "Daerah Istimewa Yogyakarta", "provinsi", "34",
       "Daerah Istimewa Yogyakarta"},
      {"Banjir melanda Jakarta Selatan.", "Jakarta Selatan", "Kota Administrasi Jakarta Selatan", "kota", "31.74",
       "Daerah Khusus Ibukota Jakarta"},
      {"Lomba digelar di Desa Oelnasi, Kecamatan Kupang Tengah.", "Desa Oelnasi", "Oelnasi", "desa",
       "53.01.08.2006", "Nusa Tenggara Timur"},
      {"Lomba digelar di Desa Oelnasi, Kecamatan Kupang Tengah.", "Kecamatan Kupang Tengah", "Kupang Tengah",
       "kecamatan", "53.01.08", "Nusa Tenggara Timur"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text, "2025-10-30");
    const warta::Place* p = Mentioned(doc, r.mention);
    REQUIRE(p);
    CHECK(p->name == r.name);
    CHECK(warta::PlaceKindName(p->type) == r.type);
    CHECK(p->code.value_or("") == r.code);
    CHECK(p->province.value_or("") == r.province);
  }
}

TEST_CASE("countries and foreign cities carry their Indonesian names and no code", "[places]") {
  auto doc = Run("Delegasi dari Amerika Serikat, Tiongkok dan Arab Saudi bertemu di Kuala Lumpur.", "2025-10-30");
  for (auto [mention, type] : std::vector<std::pair<std::string, std::string>>{
           {"Amerika Serikat", "negara"}, {"Tiongkok", "negara"}, {"Arab Saudi", "negara"},
           {"Kuala Lumpur", "lain"}}) {
    INFO(mention);
    const warta::Place* p = Mentioned(doc, mention);
    REQUIRE(p);
    CHECK(warta::PlaceKindName(p->type) == type);
    CHECK(!p->code);
  }
}

TEST_CASE("kecamatan and desa names need a cue or their regency nearby", "[places]") {
  // "Tarus" is a kelurahan of Kecamatan Kupang Tengah, Kabupaten Kupang.
  auto alone = Run("Tarus mengaku belum menerima undangan.", "2025-10-30");
  CHECK(Mentioned(alone, "Tarus") == nullptr);
  auto near = Run("Di Kabupaten Kupang, warga Kecamatan Kupang Tengah dan Tarus menanam jagung.", "2025-10-30");
  const warta::Place* p = Mentioned(near, "Tarus");
  REQUIRE(p);
  CHECK(p->code.value_or("") == "53.01.08.1007");
}

TEST_CASE("a name shared across the country is not guessed without context", "[places]") {
  // Dozens of villages are called Sukamaju; the cue makes it a desa, nothing names its regency.
  auto doc = Run("Warga Desa Sukamaju bergotong royong.", "2025-10-30");
  const warta::Place* p = Mentioned(doc, "Desa Sukamaju");
  REQUIRE(p);
  CHECK(p->type == warta::PlaceKind::kDesa);
  CHECK(!p->code);
}

TEST_CASE("streets and venues are places of type tempat, islands and seas of type wilayah", "[places]") {
  auto doc = Run("Kantor berada di Jl. Polisi Militer No. 1 dekat Bandara El Tari, menghadap Pulau Semau.",
                 "2025-10-30");
  const warta::Place* street = Mentioned(doc, "Jl. Polisi Militer");
  REQUIRE(street);
  CHECK(street->type == warta::PlaceKind::kTempat);
  const warta::Place* airport = Mentioned(doc, "Bandara El Tari");
  REQUIRE(airport);
  CHECK(airport->type == warta::PlaceKind::kTempat);
  CHECK(!airport->code);
  const warta::Place* island = Mentioned(doc, "Pulau Semau");
  REQUIRE(island);
  CHECK(island->type == warta::PlaceKind::kWilayah);
}

TEST_CASE("common words and lower-case words are not places", "[places]") {
  for (std::string text : {"Batu itu dipindahkan warga.", "Jalan menuju desa rusak parah.",
                           "Rapat membahas jawa barat secara umum, kata Budi."}) {
    INFO(text);
    auto doc = Run(text, "2025-10-30");
    CHECK(doc.places.empty());
  }
}

TEST_CASE("one place gathers its mentions in text order, each reading its own text", "[places]") {
  std::string text = "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur menggelar rapat. KPU NTT mengundang warga NTT.";
  auto doc = Run(text, "2025-10-30");
  const warta::Place* ntt = Mentioned(doc, "NTT");
  REQUIRE(ntt);
  std::vector<std::string> got;
  for (const warta::Span& s : ntt->mentions) got.emplace_back(doc.Original(s));
  CHECK(got == std::vector<std::string>{"Nusa Tenggara Timur", "NTT", "NTT"});
  for (size_t i = 1; i < ntt->mentions.size(); ++i) CHECK(ntt->mentions[i - 1].start < ntt->mentions[i].start);
}

TEST_CASE("a lexicon row naming an unknown area is an error naming file and line", "[places]") {
  namespace fs = std::filesystem;
  const fs::path dir = warta::testing::ScratchPath("places-test");
  fs::remove_all(dir);
  fs::copy(std::string(WARTA_SOURCE_DIR) + "/lexicons", dir, fs::copy_options::recursive);
  std::ofstream(dir / "places" / "aliases.tsv", std::ios::app) << "Atlantis\t99\n";
  warta::Lexicon lex(dir.string());
  try {
    warta::PlaceFinder finder(lex);
    FAIL("no error");
  } catch (const warta::Error& e) {
    CHECK(std::string(e.what()).find("aliases.tsv:") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("a text entirely in small letters still yields its provinces and countries", "[places]") {
  // Lower-cased corpora (NERP) have no capitals to go by: only names that are not also words.
  auto doc = Run("banjir melanda jawa barat dan surabaya, sementara bantuan datang dari malaysia.", "2025-10-30");
  CHECK(Mentioned(doc, "jawa barat"));
  CHECK(Mentioned(doc, "surabaya"));
  CHECK(Mentioned(doc, "malaysia"));
  CHECK(!Mentioned(doc, "banjir"));
  // "kupang" is also a word (a small coin): in small letters it stays a word.
  CHECK(!Mentioned(Run("harganya tinggal se kupang saja.", "2025-10-30"), "kupang"));
}

TEST_CASE("gazetteer keys: KeyHash, WordKey and the three-byte filter agree", "[places]") {
  namespace gz = warta::gazetteer;
  namespace hash = warta::hash;
  CHECK(gz::KeyHash("Nusa  Tenggara Timur") == gz::KeyHash("nusa tenggara timur"));
  CHECK(gz::KeyHash("PDI - P") == gz::KeyHash("pdi-p"));
  // Prefixes are visited at word and punctuation boundaries.
  std::vector<uint64_t> seen;
  gz::KeyHash("Kep. Riau", [&](uint64_t h) { seen.push_back(h); });
  CHECK(seen == std::vector<uint64_t>{hash::Fnv1a("kep"), hash::Fnv1a("kep."), hash::Fnv1a("kep. riau")});
  // A token's hash, from its own bytes, is the key hash of the same word.
  for (std::string w : {"Kupang", "KUPANG", "Jum'at", "Toli-Toli", "Kab.", "Bogotá", "ÇANAKKALE", "x"}) {
    INFO(w);
    CHECK(hash::WordKey(w) == gz::KeyHash(w));
  }
  gz::Prefix3Filter f;
  f.Add("Nusa Tenggara Timur");
  f.Add("PT Semen");  // key "pt semen": no token of three bytes starts it
  f.Add("X - Y");     // key "x-y"
  CHECK(f.MayStart("Nusa"));
  CHECK(f.MayStart("NUSANTARA"));  // a false positive is allowed
  CHECK(!f.MayStart("Kupang"));
  CHECK(!f.MayStart("PTS"));
  CHECK(f.MayStart("X-Y"));
  CHECK(f.MayStart("PT"));    // shorter than three bytes: always
  CHECK(f.MayStart("Ñusa"));  // non-ASCII: always
}

TEST_CASE("the plain-name fast path hashes as the full key walk does, or declines", "[places]") {
  namespace gz = warta::gazetteer;
  // The full walk, and the first word as AddName took it before: the key of the name up to its
  // first space.
  auto walk = [](std::string_view name) { return gz::KeyHash(name, [](uint64_t) {}); };
  for (std::string_view name : {"Oelnasi", "Nusa Tenggara Timur", "KOTA KUPANG", "Desa 2 Ilir", "x", "Ab  Cd",
                                " Kupang", "Kupang ", "Kep. Riau", "Toli-Toli", "Jum'at", "PDI - P", "Bogotá",
                                "A\tB", "Sei/Air", "-isasi", ""}) {
    INFO(name);
    uint64_t key = 0, first = 0;
    bool plain = gz::PlainKeyHash(name, key, first);
    bool expected = !name.empty() && name.find_first_of(".-'/\t") == std::string_view::npos &&
                    name.find("  ") == std::string_view::npos && name.front() != ' ' && name.back() != ' ' &&
                    std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    CHECK(plain == expected);
    if (plain) {
      CHECK(key == walk(name));
      size_t sp = name.find(' ');
      CHECK(first == walk(sp == std::string_view::npos ? name : name.substr(0, sp)));
    }
    CHECK(gz::KeyHash(name) == walk(name));  // KeyHash takes the fast path where it can
  }
}

TEST_CASE("a cleared key filter holds no key and takes new ones", "[places]") {
  namespace gz = warta::gazetteer;
  warta::KeyFilter f(14);
  uint64_t kupang = gz::KeyHash("Kupang"), tarus = gz::KeyHash("Tarus");
  f.Add(kupang);
  CHECK(f.MayContain(kupang));
  f.Clear();
  CHECK(!f.MayContain(kupang));
  f.Add(tarus);
  CHECK(f.MayContain(tarus));
}

TEST_CASE("the word filter passes every key prefix and turns other words away", "[places]") {
  namespace gz = warta::gazetteer;
  gz::WordFilter f;
  f.AddPrefixes("Kab. Kupang");          // "kab", "kab.", "kab. kupang"
  f.AddPrefixes("Nusa Tenggara Timur");  // "nusa", "nusa tenggara", …
  f.AddPrefixes("Kepulauan Bangka Belitung");  // a first word longer than eight bytes
  f.AddPrefixes("Côte d'Ivoire");        // non-ASCII: no ASCII token is it
  // Tokens read from a larger text (eight bytes at a time where the text goes on), and alone.
  std::string text = "KAB Kab. nusa NUSA Kepulauan KEPULAUAN Kupang Nusantara Kepulauanx Côte x";
  auto passes = [&](std::string_view w) {
    size_t at = text.find(w);
    REQUIRE(at != std::string::npos);
    std::string alone(w);
    bool in_text = f.MayContain(std::string_view(text).substr(at, w.size()), text.c_str() + text.size() + 1);
    bool by_itself = f.MayContain(alone, alone.c_str() + alone.size() + 1);
    CHECK(in_text == by_itself);  // what follows the token never matters
    return in_text;
  };
  for (std::string_view w : {"KAB", "Kab.", "nusa", "NUSA", "Kepulauan", "KEPULAUAN", "Côte"}) {
    INFO(w);
    CHECK(passes(w));
  }
  // No false positive for these few (the filter is nearly empty).
  for (std::string_view w : {"Kupang", "Nusantara", "x"}) {
    INFO(w);
    CHECK(!passes(w));
  }
}

TEST_CASE("the three-byte filter index of a name is that of its key, and a cleared filter is empty", "[places]") {
  namespace gz = warta::gazetteer;
  CHECK(gz::Prefix3Filter::KeyIndex("PT") == -1);
  CHECK(gz::Prefix3Filter::KeyIndex("PT Semen") == gz::Prefix3Filter::KeyIndex("pt semen"));
  CHECK(gz::Prefix3Filter::KeyIndex("Oelnasi") == gz::Prefix3Filter::KeyIndex("oel"));
  CHECK(gz::Prefix3Filter::KeyIndex("X - Y") == gz::Prefix3Filter::KeyIndex("x-y"));
  gz::Prefix3Filter f;
  f.AddIndex(gz::Prefix3Filter::KeyIndex("Oelnasi"));
  f.AddIndex(-1);
  CHECK(f.MayStart("OELNASI"));
  CHECK(!f.MayStart("Tarus"));
  f.Clear();
  CHECK(!f.MayStart("Oelnasi"));
}

TEST_CASE("sentence ends are filled for every token, in or out of a sentence", "[places]") {
  namespace gz = warta::gazetteer;
  auto sentence = [](uint32_t first, uint32_t end) {
    warta::Sentence s;
    s.first_token = first;
    s.end_token = end;
    return s;
  };
  std::vector<uint32_t> out = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};  // longer than needed: resized
  warta::FillSentenceEnds({sentence(1, 3), sentence(3, 5), sentence(6, 9)}, 8, out);
  CHECK(out == std::vector<uint32_t>{8, 3, 3, 5, 5, 8, 9, 9});
  // Out of order or overlapping: each token takes the last sentence that covers it.
  warta::FillSentenceEnds({sentence(2, 4), sentence(0, 3)}, 5, out);
  CHECK(out == std::vector<uint32_t>{3, 3, 3, 4, 5});
  warta::FillSentenceEnds({}, 2, out);
  CHECK(out == std::vector<uint32_t>{2, 2});
}

TEST_CASE("bare district and village names are found again document after document", "[places]") {
  // Pass 2 keeps its per-document tables (and key filter) from one document to the next:
  // the names of one document's regency must neither stay for the next nor hide its own.
  auto first = Run("Di Kabupaten Kupang, warga Kecamatan Kupang Tengah dan Tarus menanam jagung.", "2025-10-30");
  REQUIRE(Mentioned(first, "Tarus"));
  CHECK(Mentioned(Run("Tarus mengaku belum menerima undangan.", "2025-10-30"), "Tarus") == nullptr);
  auto again = Run("Di Kabupaten Kupang, Tarus dan Kecamatan Kupang Tengah menanam jagung.", "2025-10-30");
  const warta::Place* p = Mentioned(again, "Tarus");
  REQUIRE(p);
  CHECK(p->code.value_or("") == "53.01.08.1007");
}

TEST_CASE("places are found at cues and names written in every way the fast paths see", "[places]") {
  // Street cue in small letters, a hyphenated regency, an abbreviated cue with its period.
  auto doc = Run("Massa berkumpul di jalan Medan Merdeka Barat, lalu ke Toli-Toli dan Kab. Kupang.", "2025-10-30");
  const warta::Place* street = Mentioned(doc, "jalan Medan Merdeka Barat");
  REQUIRE(street);
  CHECK(street->type == warta::PlaceKind::kTempat);
  const warta::Place* toli = Mentioned(doc, "Toli-Toli");
  REQUIRE(toli);
  CHECK(toli->type == warta::PlaceKind::kKabupaten);
  CHECK(Mentioned(doc, "Kab. Kupang"));
}

TEST_CASE("places are the same with the fast paths off, over the releases and written and lexicon sentences",
          "[places]") {
  // The plain path takes no first-byte, first-word, three-byte or key filter, no memo of token
  // keys, and builds its gazetteer keys by the full walk: any filter that turns a name away, or
  // a fast hash that differs from the walk, shows here as a difference.
  static const warta::PlaceFinder fast(warta::testing::Lexicons());
  static const warta::PlaceFinder slow(warta::testing::Lexicons(), warta::StageSettings{.fast_paths = false});
  std::set<warta::PlaceKind> kinds;
  size_t places = 0;
  for (const std::string& text : warta::testing::EntityCorpus()) {
    warta::Document a = warta::testing::BeforeEntities(text), b = a;
    fast.Run(a);
    slow.Run(b);
    INFO(text);
    REQUIRE(Rendered(a.places) == Rendered(b.places));
    // The plain path leaves the token keys' memo alone; the fast one fills it.
    CHECK(std::all_of(b.token_keys.begin(), b.token_keys.end(), [](uint64_t k) { return k == 0; }));
    places += a.places.size();
    for (const warta::Place& p : a.places) kinds.insert(p.type);
  }
  // The corpus reaches every kind the stage makes (pass 2's bare villages among them).
  CHECK(places > 2000);
  for (warta::PlaceKind k : {warta::PlaceKind::kNegara, warta::PlaceKind::kProvinsi, warta::PlaceKind::kKabupaten,
                             warta::PlaceKind::kKota, warta::PlaceKind::kKecamatan, warta::PlaceKind::kDesa,
                             warta::PlaceKind::kKelurahan, warta::PlaceKind::kLain}) {
    INFO(warta::PlaceKindName(k));
    CHECK(kinds.count(k));
  }
}

namespace {

// The tokens [first, end) of the first occurrence of `phrase` (as written, token boundaries).
std::pair<uint32_t, uint32_t> TokensOf(const warta::Document& doc, const std::string& phrase) {
  size_t at = doc.text.find(phrase);
  uint32_t first = 0, end = 0;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.tokens[i].span.start == at) first = i;
    if (doc.tokens[i].span.end == at + phrase.size()) end = i + 1;
  }
  return {first, end};
}

// Runs the pipeline on text, then the places stage again with the entity model's spans
// replaced by `spans` (phrase, type, score): the rules and the spans meet as the stage sees them,
// whatever the shipped model proposes.
warta::Document WithSpans(const std::string& text, const std::vector<std::tuple<std::string, warta::EntityType, float>>& spans) {
  static const warta::PlaceFinder places(warta::testing::Lexicons());
  warta::Document doc = Run(text, "2025-10-30");
  doc.places.clear();
  doc.entity_spans.clear();
  for (const auto& [phrase, type, score] : spans) {
    auto [first, end] = TokensOf(doc, phrase);
    REQUIRE(end > first);
    warta::EntitySpan e;
    e.type = type;
    e.first_token = first;
    e.end_token = end;
    e.span = {doc.tokens[first].span.start, doc.tokens[end - 1].span.end};
    e.score = score;
    doc.entity_spans.push_back(e);
  }
  places.Run(doc);
  return doc;
}

}  // namespace

TEST_CASE("a place the model proposes is a place: with its code where the gazetteer knows it, else typed by its head word", "[places]") {
  using warta::EntityType;
  struct Row {
    std::string text, span, type, code;
  };
  std::vector<Row> rows = {
      // Not in any list: a venue by its head word, anything else an area outside the list.
      {"Laga digelar di Stadion Kanjuruhan Baru pada malam hari.", "Stadion Kanjuruhan Baru", "tempat", "-"},
      {"Warga Kampung Melayu Baru mengungsi ke Blok Sawo Kecil.", "Blok Sawo Kecil", "wilayah", "-"},
      // A regency name the rules passed over (a common word opening a sentence) but the model
      // reads as a place, in the middle of a sentence: resolved to its area.
      {"Rombongan tiba di Kupang pada sore hari.", "Kupang", "kota", "53.71"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = WithSpans(r.text, {{r.span, EntityType::kPlace, 0.75f}});
    const warta::Place* p = Mentioned(doc, r.span);
    REQUIRE(p);
    CHECK(warta::PlaceKindName(p->type) == r.type);
    CHECK(p->code.value_or("-") == r.code);
    REQUIRE(p->score);
    CHECK(*p->score == Approx(0.75f));
  }
}

TEST_CASE("where a rule's place and the model's overlap the rule's mention wins and takes the model's score", "[places]") {
  using warta::EntityType;
  // The cue belongs to the rule's mention; the model's span lies inside it.
  auto doc = WithSpans("Bantuan disalurkan ke Kabupaten Kupang dan Desa Oelnasi.", {{"Kupang", EntityType::kPlace, 0.9f}});
  const warta::Place* p = Mentioned(doc, "Kabupaten Kupang");
  REQUIRE(p);
  CHECK(p->code.value_or("") == "53.01");
  REQUIRE(p->score);
  CHECK(*p->score == Approx(0.9f));
  CHECK(!Mentioned(doc, "Kupang"));
  // A place no span covers carries no score.
  const warta::Place* desa = Mentioned(doc, "Desa Oelnasi");
  REQUIRE(desa);
  CHECK(!desa->score);
  // After a level word only the gazetteer's names count: a model span running on into a name
  // ("Kabupaten Kotim Halikinnor") is not a place.
  auto kotim = WithSpans("Sambutan Bupati Kabupaten Kotim Halikinnor disambut meriah.",
                         {{"Kabupaten Kotim Halikinnor", EntityType::kPlace, 0.98f}});
  CHECK(!Mentioned(kotim, "Kabupaten Kotim Halikinnor"));
  // A one-word name that is a common word opening a sentence stays the word.
  CHECK(WithSpans("Batu itu dipindahkan warga.", {{"Batu", EntityType::kPlace, 0.6f}}).places.empty());
}

TEST_CASE("a rule's mention that starts the only model place over it ends where the model's span ends", "[places]") {
  using warta::EntityType;
  struct Row {
    std::string text, span, mention, type;  // mention: the place's mention after the stage
  };
  std::vector<Row> rows = {
      // A compass word after a country or region: a part of it, not the area of its first word.
      {"Wabah itu meluas ke negara-negara di Afrika Barat sejak Maret.", "Afrika Barat", "Afrika Barat", "wilayah"},
      // A street keeps its type and takes its number.
      {"Kantor itu pindah ke Jalan Hayam Wuruk Nomor 30 tahun lalu.", "Jalan Hayam Wuruk Nomor 30",
       "Jalan Hayam Wuruk Nomor 30", "tempat"},
      // A span that starts before the mention leaves it alone: "Kota" stays out of the mention.
      {"Warga Kota Semarang berkumpul di alun-alun.", "Kota Semarang", "Semarang", "kota"},
      // A longer name the gazetteer knows resolves to its area: the kecamatan, not the city.
      {"Di Kota Bekasi, banjir merendam permukiman warga Bekasi Timur sejak pagi.", "Bekasi Timur", "Bekasi Timur",
       "kecamatan"},
      // An area goes on only with a word, not with a number after it.
      {"Penduduk Kabupaten Kupang 2024 bertambah pesat.", "Kabupaten Kupang 2024", "Kabupaten Kupang", "kabupaten"},
      // A place that closes a capitalised title is followed by the holder's name.
      {"Mantan Gubernur Jawa Tengah Bibit Waluyo hadir di acara itu.", "Jawa Tengah Bibit Waluyo", "Jawa Tengah",
       "provinsi"},
      // So does one after a title's short form in brackets, whatever the title's case.
      {"Rapat dipimpin Sekretaris daerah (Sekda) Kabupaten Sikka Yosef Djaga pagi tadi.",
       "Kabupaten Sikka Yosef Djaga", "Kabupaten Sikka", "kabupaten"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = WithSpans(r.text, {{r.span, EntityType::kPlace, 0.8f}});
    const warta::Place* p = Mentioned(doc, r.mention);
    REQUIRE(p);
    CHECK(warta::PlaceKindName(p->type) == r.type);
    if (r.mention != r.span) CHECK(!Mentioned(doc, r.span));
  }
  // Below kModelExtend the mention keeps its bounds.
  auto low = WithSpans("Wabah itu meluas ke negara-negara di Afrika Barat sejak Maret.",
                       {{"Afrika Barat", EntityType::kPlace, 0.4f}});
  CHECK(Mentioned(low, "Afrika"));
  CHECK(!Mentioned(low, "Afrika Barat"));
}

TEST_CASE("regional short forms and official names written without a space resolve to their regencies", "[places]") {
  struct Row {
    std::string text, mention, code;
  };
  std::vector<Row> rows = {
      {"Dinas Kesehatan Kotim mencatat kenaikan kasus.", "Kotim", "62.02"},
      {"Bawaslu Rohul menerima laporan warga.", "Rohul", "14.06"},
      {"Warga Bolsel mengikuti uji publik.", "Bolsel", "71.11"},
      // A short form of two regencies: the province the document names decides.
      {"Di Kalimantan Tengah, Pemkab Mura menyiapkan lahan.", "Mura", "62.12"},
      {"Di Sumatera Selatan, Pemkab Mura menyiapkan lahan.", "Mura", "16.05"},
      {"Banjir rob melanda Kabupaten Tanjungjabung Barat pekan ini.", "Kabupaten Tanjungjabung Barat", "15.06"},
      // The longest name wins: not Aceh Barat, not Kota Batu.
      {"Pelantikan di Kabupaten Aceh Barat Daya berlangsung khidmat.", "Kabupaten Aceh Barat Daya", "11.12"},
      {"Polisi menangkap pengedar di Batu Bara, Sumatera Utara.", "Batu Bara", "12.19"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text, "2025-10-30");
    const warta::Place* p = Mentioned(doc, r.mention);
    REQUIRE(p);
    CHECK(p->code.value_or("") == r.code);
  }
}

TEST_CASE("a desa cue followed by no name makes no place", "[places]") {
  auto doc = Run("Petugas mendata Desa No. 5 di wilayah itu.", "2025-10-30");
  for (const warta::Place& p : doc.places) CHECK(p.type != warta::PlaceKind::kDesa);
}
