// Sentence boundaries.
#include <catch2/catch.hpp>

#include "testing.h"

using warta::testing::Run;
using warta::testing::SentenceTexts;
using Sents = std::vector<std::string>;

TEST_CASE("no break after abbreviations, titles, initials or degrees", "[segment]") {
  struct Row { std::string text; Sents want; };
  std::vector<Row> rows = {
      {"Acara di Kab. Kupang dibuka. Semua hadir.", {"Acara di Kab. Kupang dibuka.", "Semua hadir."}},
      {"Hadir M. Samsul Kadir, S.H., M.Si. dan staf. Rapat dimulai.",
       {"Hadir M. Samsul Kadir, S.H., M.Si. dan staf.", "Rapat dimulai."}},
      {"Dibuka oleh Prof. Dr. Budi. Ia hadir.", {"Dibuka oleh Prof. Dr. Budi.", "Ia hadir."}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(SentenceTexts(Run(r.text, "", "tokenize")) == r.want);
  }
}

TEST_CASE("a closing quote stays with its sentence", "[segment]") {
  auto doc = Run("“Kami siap.” Reni tersenyum. Apa benar?! Ya… Tentu.", "", "tokenize");
  CHECK(SentenceTexts(doc) == Sents{"“Kami siap.”", "Reni tersenyum.", "Apa benar?!", "Ya…", "Tentu."});
}

TEST_CASE("headlines and list items without final punctuation stand alone", "[segment]") {
  auto doc = Run("KPU NTT Gelar Rapat\nRapat dimulai pukul 10.00 WITA.\n- butir satu\n- butir dua", "", "tokenize");
  CHECK(SentenceTexts(doc) ==
        Sents{"KPU NTT Gelar Rapat", "Rapat dimulai pukul 10.00 WITA.", "- butir satu", "- butir dua"});
}
