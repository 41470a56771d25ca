// Organisations: lexicon names and acronyms, head patterns, defined acronyms, regions.
#include <catch2/catch.hpp>

#include "entity_corpus.h"
#include "stages/organizations.h"
#include "stages/places.h"
#include "testing.h"

using warta::testing::Run;

namespace {

const warta::Organization* Mentioned(const warta::Document& doc, const std::string& mention) {
  for (const warta::Organization& o : doc.organizations)
    for (const warta::Span& s : o.mentions)
      if (doc.Original(s) == mention) return &o;
  return nullptr;
}

// An organisation as one line: every field the stage writes, so that two runs compare exactly.
std::string Rendered(const warta::Organization& o) {
  std::string out = o.name.value_or("-") + "|" + o.acronym.value_or("-") + "|" + o.region.value_or("-") + "|" +
                    o.place_code.value_or("-") + "|";
  for (const warta::Span& s : o.mentions) out += std::to_string(s.start) + "-" + std::to_string(s.end) + ",";
  return out;
}

std::vector<std::string> Mentions(const warta::Document& doc, const warta::Organization& o) {
  std::vector<std::string> out;
  for (const warta::Span& s : o.mentions) out.emplace_back(doc.Original(s));
  return out;
}

// Runs the pipeline on text, then the organizations stage again with the entity model's spans
// replaced by `spans` (phrase, score), all of them organisations: the rules and the spans meet as
// the stage sees them, whatever the shipped model proposes.
warta::Document WithSpans(const std::string& text, const std::vector<std::pair<std::string, float>>& spans,
                          warta::EntityType type = warta::EntityType::kOrganization) {
  static const warta::OrganizationFinder orgs(warta::testing::Lexicons());
  warta::Document doc = Run(text, "2025-10-30");
  doc.organizations.clear();
  doc.entity_spans.clear();
  for (const auto& [phrase, score] : spans) {
    const size_t at = doc.text.find(phrase);
    warta::EntitySpan e;
    e.type = type;
    for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
      if (doc.tokens[i].span.start == at) e.first_token = i;
      if (doc.tokens[i].span.end == at + phrase.size()) e.end_token = i + 1;
    }
    REQUIRE(e.end_token > e.first_token);
    e.span = {doc.tokens[e.first_token].span.start, doc.tokens[e.end_token - 1].span.end};
    e.score = score;
    doc.entity_spans.push_back(e);
  }
  orgs.Run(doc);
  return doc;
}

}  // namespace

TEST_CASE("an organisation the model proposes is one: named by its words, a bracketed acronym defined", "[organizations]") {
  auto doc = WithSpans("Program Nyamuk Sehat Dunia (PNSD) menebar nyamuk. Relawan PNSD datang.", {{"Program Nyamuk Sehat Dunia", 0.8f}});
  const warta::Organization* o = Mentioned(doc, "Program Nyamuk Sehat Dunia");
  REQUIRE(o);
  CHECK(o->name.value_or("") == "Program Nyamuk Sehat Dunia");
  CHECK(o->acronym.value_or("") == "PNSD");
  REQUIRE(o->score);
  CHECK(*o->score == Approx(0.8f));
  // A lone acronym is its acronym.
  auto lone = WithSpans("Laporan ICW dirilis kemarin.", {{"ICW", 0.7f}});
  const warta::Organization* icw = Mentioned(lone, "ICW");
  REQUIRE(icw);
  CHECK(icw->acronym.value_or("") == "ICW");
}

TEST_CASE("where a rule's organisation and the model's overlap the rule's wins and takes the model's score", "[organizations]") {
  auto doc = WithSpans("Ketua KPU Provinsi NTT membuka rapat.", {{"KPU Provinsi", 0.6f}});
  const warta::Organization* kpu = Mentioned(doc, "KPU Provinsi NTT");
  REQUIRE(kpu);
  CHECK(kpu->name.value_or("") == "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur");
  REQUIRE(kpu->score);
  CHECK(*kpu->score == Approx(0.6f));
  CHECK(doc.organizations.size() == 1);
  CHECK(!WithSpans("Ketua KPU Provinsi NTT membuka rapat.", {}).organizations.front().score);
}

TEST_CASE("one regional body under its full name, acronym and abbreviated region", "[organizations]") {
  auto doc = Run(
      "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur menggelar rapat. Ketua KPU Provinsi NTT membuka "
      "acara, didampingi staf KPU NTT.",
      "2025-10-30");
  const warta::Organization* kpu = Mentioned(doc, "KPU Provinsi NTT");
  REQUIRE(kpu);
  CHECK(Mentions(doc, *kpu) == std::vector<std::string>{"Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur",
                                                         "KPU Provinsi NTT", "KPU NTT"});
  CHECK(kpu->name.value_or("") == "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur");
  CHECK(kpu->acronym.value_or("") == "KPU");
  CHECK(kpu->region.value_or("") == "Provinsi Nusa Tenggara Timur");
  CHECK(kpu->place_code.value_or("") == "53");
  // The place inside the body's name is a place mention too.
  bool ntt_place = false;
  for (const warta::Place& p : doc.places)
    for (const warta::Span& s : p.mentions) ntt_place |= p.code == "53" && doc.Original(s) == "NTT";
  CHECK(ntt_place);
}

TEST_CASE("regional bodies keep their region and link the place", "[organizations]") {
  struct Row {
    std::string text, mention, name, region, code;
  };
  std::vector<Row> rows = {
      {"Rapat dihadiri KPU Kabupaten Kupang.", "KPU Kabupaten Kupang", "Komisi Pemilihan Umum Kabupaten Kupang",
       "Kabupaten Kupang", "53.01"},
      {"Laporan diterima Bawaslu Kaltim kemarin.", "Bawaslu Kaltim",
       "Badan Pengawas Pemilihan Umum Provinsi Kalimantan Timur", "Provinsi Kalimantan Timur", "64"},
      {"Edaran dikirim KPU RI ke daerah.", "KPU RI", "Komisi Pemilihan Umum", "", ""},
      {"Dinas Kesehatan Kabupaten Kupang membuka posko.", "Dinas Kesehatan Kabupaten Kupang",
       "Dinas Kesehatan Kabupaten Kupang", "Kabupaten Kupang", "53.01"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text, "2025-10-30");
    const warta::Organization* o = Mentioned(doc, r.mention);
    REQUIRE(o);
    CHECK(o->name.value_or("") == r.name);
    CHECK(o->region.value_or("") == r.region);
    CHECK(o->place_code.value_or("") == r.code);
  }
}

TEST_CASE("lexicon names, acronyms and head patterns are organisations", "[organizations]") {
  struct Row {
    std::string text, mention, name, acronym;
  };
  std::vector<Row> rows = {
      {"Surat edaran Kemendagri terbit pekan lalu.", "Kemendagri", "Kementerian Dalam Negeri", "Kemendagri"},
      {"Kementerian Komunikasi dan Digital menggelar pelatihan.", "Kementerian Komunikasi dan Digital",
       "Kementerian Komunikasi dan Digital", "Komdigi"},
      {"Mahasiswa Universitas Nusa Cendana ikut menjadi relawan.", "Universitas Nusa Cendana",
       "Universitas Nusa Cendana", "Undana"},
      {"Saham PT Semen Kupang Tbk naik tipis.", "PT Semen Kupang Tbk", "PT Semen Kupang Tbk", ""},
      {"Rapat kerja Komisi II DPR digelar Senin.", "Komisi II DPR", "Komisi II DPR", ""},
      {"Kader PDI Perjuangan turun ke pasar.", "PDI Perjuangan", "Partai Demokrasi Indonesia Perjuangan", "PDIP"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text, "2025-10-30");
    const warta::Organization* o = Mentioned(doc, r.mention);
    REQUIRE(o);
    CHECK(o->name.value_or("") == r.name);
    CHECK(o->acronym.value_or("") == r.acronym);
  }
}

TEST_CASE("a club's nickname stands for the club, and its words are no person", "[organizations]") {
  struct Row {
    std::string text, mention, name;
  };
  std::vector<Row> rows = {
      {"Pekan depan Macan Kemayoran menjamu tim tamu di Stadion Patriot.", "Macan Kemayoran", "Persija"},
      {"Pelatih Kalteng Putra menyiapkan strategi untuk laga tandang.", "Kalteng Putra", "Kalteng Putra"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text, "2025-10-30");
    const warta::Organization* o = Mentioned(doc, r.mention);
    REQUIRE(o);
    CHECK(o->name.value_or("") == r.name);
    for (const warta::Person& p : doc.people) CHECK(r.mention.find(p.name) == std::string::npos);
  }
}

TEST_CASE("an acronym defined in the text binds to its body, and a bare one later joins it", "[organizations]") {
  auto doc = Run("Forum Relawan Literasi Desa (FRLD) menggelar pelatihan. Menurut FRLD, minat baca naik.",
                 "2025-10-30");
  const warta::Organization* o = Mentioned(doc, "Forum Relawan Literasi Desa");
  REQUIRE(o);
  CHECK(o->acronym.value_or("") == "FRLD");
  CHECK(Mentions(doc, *o) == std::vector<std::string>{"Forum Relawan Literasi Desa", "FRLD", "FRLD"});
}

TEST_CASE("a proper name after a known body is not part of it", "[organizations]") {
  auto doc = Run("Ketua Umum Partai Golkar Bahlil Lahadalia hadir.", "2025-10-30");
  CHECK(Mentioned(doc, "Partai Golkar"));
  CHECK(!Mentioned(doc, "Partai Golkar Bahlil Lahadalia"));
}

TEST_CASE("a person the model reads after a head's name ends it, unless the body is named after them",
          "[organizations]") {
  constexpr auto kPerson = warta::EntityType::kPerson;
  auto doc = WithSpans("Kepala Dinas Bina Marga Hari Nugroho meninjau jalan itu.", {{"Hari Nugroho", 0.9f}}, kPerson);
  CHECK(Mentioned(doc, "Dinas Bina Marga"));
  CHECK(!Mentioned(doc, "Dinas Bina Marga Hari"));
  // Below the model's bar the span says nothing.
  CHECK(Mentioned(WithSpans("Kepala Dinas Bina Marga Hari Nugroho meninjau jalan itu.", {{"Hari Nugroho", 0.3f}},
                            kPerson),
                  "Dinas Bina Marga Hari"));
  auto rs = WithSpans("Pasien dirujuk ke Rumah Sakit Pusat Angkatan Darat Gatot Subroto kemarin.",
                      {{"Gatot Subroto", 0.9f}}, kPerson);
  CHECK(Mentioned(rs, "Rumah Sakit Pusat Angkatan Darat Gatot Subroto"));
}

TEST_CASE("no organisation from capitalised words or role words alone", "[organizations]") {
  for (std::string text : {"Ketua Umum Menyampaikan Apresiasi Kepada Warga", "Kepala Bagian hadir tepat waktu.",
                           "Badan jalan rusak parah.", "Partai besar biasanya menang."}) {
    INFO(text);
    auto doc = Run(text, "2025-10-30");
    CHECK(doc.organizations.empty());
  }
}

TEST_CASE("a head word at the very end of a document is read safely", "[organizations]") {
  // Guards an out-of-bounds read found by AddressSanitizer ("Ketua Komisi " repeated).
  for (std::string text : {"Hadir pula Ketua Komisi", "Komisi", "Rapat dengan Dinas"}) {
    INFO(text);
    auto doc = Run(text, "2025-10-30");
    CHECK(doc.organizations.empty());
  }
}

TEST_CASE("names in small letters are found only as the lexicon writes them", "[organizations]") {
  // The run skips small-letter words unless their first bytes open such a form ("de", "tv").
  auto doc = Run("Siaran tvOne dan detikNews dipantau warga, dengan detik terakhir di tv.", "2025-10-30");
  CHECK(Mentioned(doc, "tvOne"));
  CHECK(Mentioned(doc, "detikNews"));
  CHECK(doc.organizations.size() == 2);
  CHECK(Mentioned(Run("Berita detikcom hari ini cukup ramai.", "2025-10-30"), "detikcom"));
}

TEST_CASE("a suffix word closes a run of capitalised names, but not after an acronym or a common word",
          "[organizations]") {
  auto doc = Run("Film baru Walt Disney Pictures tayang pekan depan.", "2025-10-30");
  CHECK(Mentioned(doc, "Walt Disney Pictures"));
  for (std::string text : {"Grup ABCD Pictures tayang.", "Agung Pictures dan Batu Group hadir."}) {
    INFO(text);
    CHECK(WithSpans(text, {}).organizations.empty());  // (the rules alone: no model span)
  }
  // A legal form in brackets belongs to the name.
  CHECK(Mentioned(Run("Petugas PT PLN (Persero) datang.", "2025-10-30"), "PT PLN (Persero)"));
}

TEST_CASE("organisations come out the same whether or not the places stage filled token keys", "[organizations]") {
  // The places stage fills some of Document::token_keys (most stay 0) for this stage to reuse;
  // run after the tokenizer alone, with every key 0, the stage makes its own.
  warta::Document doc = warta::testing::Run(
      "Komisi Pemilihan Umum (KPU) Provinsi Nusa Tenggara Timur bertemu Dinas Kesehatan Kabupaten Kupang. "
      "KPU NTT lalu ke detikcom.",
      "2025-10-30");
  REQUIRE(doc.token_keys.size() == doc.tokens.size());
  std::vector<warta::Organization> with = doc.organizations;
  REQUIRE(with.size() >= 2);
  static const warta::OrganizationFinder finder(warta::testing::Lexicons());
  for (bool cleared : {false, true}) {
    INFO(cleared);
    if (cleared) std::fill(doc.token_keys.begin(), doc.token_keys.end(), 0);
    doc.organizations.clear();
    finder.Run(doc);
    REQUIRE(doc.organizations.size() == with.size());
    for (size_t k = 0; k < with.size(); ++k) {
      CHECK(doc.organizations[k].name == with[k].name);
      CHECK(doc.organizations[k].acronym == with[k].acronym);
      CHECK(doc.organizations[k].mentions == with[k].mentions);
      CHECK(doc.organizations[k].region == with[k].region);
    }
  }
}

TEST_CASE("organisations are the same with the fast paths off, over the releases and written and lexicon sentences",
          "[organizations]") {
  // The plain path takes no first-byte, first-word, three-byte or two-byte filter, no galloping
  // search for the place mentions, no memo of token keys, common words or the title's case.
  // Both runs read the same places (the places stage's, fast).
  static const warta::PlaceFinder places(warta::testing::Lexicons());
  static const warta::OrganizationFinder fast(warta::testing::Lexicons());
  static const warta::OrganizationFinder slow(warta::testing::Lexicons(), warta::StageSettings{.fast_paths = false});
  size_t organizations = 0, with_region = 0, with_acronym = 0;
  for (const std::string& text : warta::testing::EntityCorpus()) {
    warta::Document a = warta::testing::BeforeEntities(text);
    places.Run(a);
    warta::Document b = a;
    fast.Run(a);
    slow.Run(b);
    INFO(text);
    std::vector<std::string> fast_out, slow_out;
    for (const warta::Organization& o : a.organizations) fast_out.push_back(Rendered(o));
    for (const warta::Organization& o : b.organizations) slow_out.push_back(Rendered(o));
    REQUIRE(fast_out == slow_out);
    organizations += a.organizations.size();
    for (const warta::Organization& o : a.organizations) {
      with_region += o.region.has_value();
      with_acronym += o.acronym.has_value();
    }
  }
  // The corpus reaches the stage's every source: many bodies, regional ones, acronyms.
  CHECK(organizations > 600);
  CHECK(with_region > 250);
  CHECK(with_acronym > 250);
}
