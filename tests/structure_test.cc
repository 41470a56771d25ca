// Title, dateline and paragraphs of a release.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/structure.h"
#include "testing.h"

using warta::testing::Run;

TEST_CASE("datelines of the common outlets", "[structure]") {
  struct Row { std::string text, place, outlet, span; };
  std::vector<Row> rows = {
      {"Kupang, ntt.kpu.go.id — Komisi hadir.", "Kupang", "ntt.kpu.go.id", "Kupang, ntt.kpu.go.id —"},
      {"JAKARTA, KOMPAS.com - Presiden tiba.", "JAKARTA", "KOMPAS.com", "JAKARTA, KOMPAS.com -"},
      {"Jakarta (ANTARA) - Presiden tiba.", "Jakarta", "ANTARA", "Jakarta (ANTARA) -"},
      {"TEMPO.CO, Jakarta - Presiden tiba.", "Jakarta", "TEMPO.CO", "TEMPO.CO, Jakarta -"},
      {"Kupang – Bupati hadir.", "Kupang", "", "Kupang –"},
      {"KENDARI, sultrakini.id – Gubernur meninjau pasar.", "KENDARI", "sultrakini.id", "KENDARI, sultrakini.id –"},
      {"SORONGPOS.COM, (SORONG) – Wali kota meresmikan dermaga.", "SORONG", "SORONGPOS.COM",
       "SORONGPOS.COM, (SORONG) –"},
      {"Bau-Bau_Buton-Raya.com - Wali Kota menerima tamu.", "Bau", "", ""},
      {"Wakatobi_Buton-Raya.com - Bupati menerima tamu.", "Wakatobi", "Buton-Raya.com", "Wakatobi_Buton-Raya.com -"},
      {"Kuningan-Jabarnews.id, Bupati membuka pameran.", "Kuningan", "Jabarnews.id", "Kuningan-Jabarnews.id,"},
      {"PANGKALANBUN–Dinas Pertanian menyalurkan bibit.", "PANGKALANBUN", "", "PANGKALANBUN–"},
      {"LINTASTIMUR, Maumere – Bupati Sikka hadir.", "Maumere", "LINTASTIMUR", "LINTASTIMUR, Maumere –"},
      {"Suara Nusa, Mataram – Gubernur hadir.", "Mataram", "Suara Nusa", "Suara Nusa, Mataram –"},
      {"Padang, Rabu, 5 Maret 2025 – Gubernur hadir.", "Padang", "", "Padang, Rabu, 5 Maret 2025 –"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    auto doc = Run(r.text);
    if (r.span.empty()) {  // no dateline: "Bau-Bau" is a name the grammar does not read
      CHECK(!doc.dateline);
      continue;
    }
    REQUIRE(doc.dateline);
    CHECK(doc.dateline->place == r.place);
    CHECK(doc.dateline->outlet.value_or("") == r.outlet);
    CHECK(doc.Original(doc.dateline->span) == r.span);
  }
}

TEST_CASE("a dated dateline gives the reference date", "[structure]") {
  auto doc = Run("Jakarta, 27 Oktober 2025 - Presiden tiba di Istana.");
  REQUIRE(doc.dateline);
  REQUIRE(doc.dateline->date);
  CHECK(doc.dateline->date->Iso() == "2025-10-27");
  CHECK(doc.reference_date->Iso() == "2025-10-27");
  CHECK(doc.reference_source == warta::ReferenceSource::kDateline);
}

TEST_CASE("a dated place alone on its line is a dateline, an undated one is not", "[structure]") {
  auto doc = Run("Dinkes Perluas Vaksinasi\n\nPalu, 3 Februari 2025\n\nDinas Kesehatan memperluas vaksinasi.");
  REQUIRE(doc.dateline);
  CHECK(doc.dateline->place == "Palu");
  CHECK(doc.Original(doc.dateline->span) == "Palu, 3 Februari 2025");
  REQUIRE(doc.dateline->date);
  CHECK(doc.dateline->date->Iso() == "2025-02-03");
  CHECK(!Run("Dinkes Perluas Vaksinasi\nPalu\nDinas Kesehatan memperluas vaksinasi.").dateline);
}

TEST_CASE("a text of long lines keeps a line per paragraph above a blank-separated signature", "[structure]") {
  const std::string line(170, 'a');
  auto doc = Run("Judul Rilis\nBadan " + line + ".\nKepala Bagian " + line + ".\n\nPalu, 3 Februari 2025\n"
                 "Kepala Biro Umum\n\nSiti Rahmawati\n");
  REQUIRE(doc.paragraphs.size() == 6);
  CHECK(doc.Original(doc.paragraphs[4]) == "Kepala Biro Umum");
  CHECK(doc.Original(doc.paragraphs[5]) == "Siti Rahmawati");
  REQUIRE(doc.title);
  CHECK(*doc.title == "Judul Rilis");
}

TEST_CASE("a first line standing alone is the title", "[structure]") {
  auto doc = Run("KPU NTT Gelar Rapat Pleno\nKupang – KPU menggelar rapat.\nRapat berjalan lancar.");
  REQUIRE(doc.title);
  CHECK(*doc.title == "KPU NTT Gelar Rapat Pleno");
  CHECK(doc.paragraphs.size() == 3);
  CHECK(doc.dateline);
}

TEST_CASE("a text without a separate first line has no title", "[structure]") {
  auto doc = Run("Rapat berjalan lancar. Semua hadir.");
  CHECK(!doc.title);
}

TEST_CASE("blank-line paragraphs join wrapped lines", "[structure]") {
  auto doc = Run("Baris satu\nmasih paragraf satu.\n\nParagraf dua.");
  REQUIRE(doc.paragraphs.size() == 2);
  CHECK(doc.Original(doc.paragraphs[0]) == "Baris satu\nmasih paragraf satu.");
}

TEST_CASE("a reduplication or lower-case continuation is no dateline", "[structure]") {
  for (const char* text : {"Orang - orang berdatangan ke lokasi.", "Sebagian - besar warga hadir."}) {
    INFO(text);
    CHECK(!Run(text).dateline);
  }
}

TEST_CASE("hard-wrapped lines that end mid-sentence continue the paragraph", "[structure]") {
  auto doc = Run(
      "Komisi Pemilihan Umum Provinsi Nusa Tenggara Timur menggelar rapat\n"
      "koordinasi bersama pemerintah daerah pada Senin pagi di Kupang.\n"
      "Rapat membahas persiapan tahapan pemilihan serta kebutuhan anggaran\n"
      "yang diajukan oleh setiap kabupaten dan kota di provinsi itu.");
  REQUIRE(doc.paragraphs.size() == 2);
  CHECK(doc.Original(doc.paragraphs[0]).find("di Kupang.") != std::string::npos);
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the fast paths give the paragraphs, title and dateline of the plain path", "[structure]") {
  const warta::StructureFinder plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
