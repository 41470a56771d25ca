// Sentence boundaries.
#include <catch2/catch.hpp>

#include "testing.h"

using warta::testing::Run;
using warta::testing::SentenceTexts;
using Sents = std::vector<std::string>;

namespace {

struct Row {
  std::string text;
  Sents want;
};

void CheckRows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(SentenceTexts(Run(r.text, "", "tokenize")) == r.want);
  }
}

}  // namespace

TEST_CASE("no break after abbreviations, titles, initials or degrees", "[segment]") {
  CheckRows({
      {"Acara di Kab. Kupang dibuka. Semua hadir.", {"Acara di Kab. Kupang dibuka.", "Semua hadir."}},
      {"Hadir M. Samsul Kadir, S.H., M.Si. dan staf. Rapat dimulai.",
       {"Hadir M. Samsul Kadir, S.H., M.Si. dan staf.", "Rapat dimulai."}},
      {"Dibuka oleh Prof. Dr. Budi. Ia hadir.", {"Dibuka oleh Prof. Dr. Budi.", "Ia hadir."}},
      {"Kantor di Jl. Eltari No. 5 Kupang. Buka pukul 08.00.",
       {"Kantor di Jl. Eltari No. 5 Kupang.", "Buka pukul 08.00."}},
      {"Sambutan Plt. Sekretaris KPU. Lalu doa.", {"Sambutan Plt. Sekretaris KPU.", "Lalu doa."}},
      {"Hadir pula Agus D.W. Martowardojo dan H. Abdul.",
       {"Hadir pula Agus D.W. Martowardojo dan H. Abdul."}},
  });
}

TEST_CASE("a closing abbreviation may end a sentence", "[segment]") {
  CheckRows({
      {"Dibagikan beras, gula, dll. Warga senang.", {"Dibagikan beras, gula, dll.", "Warga senang."}},
      {"Saham dibeli PT Bank NTT Tbk. Nilainya Rp5 miliar.",
       {"Saham dibeli PT Bank NTT Tbk.", "Nilainya Rp5 miliar."}},
      {"Dibagikan beras, gula, dll. kepada warga.", {"Dibagikan beras, gula, dll. kepada warga."}},
      {"Ditulis Budi dkk. (2020) di jurnal.", {"Ditulis Budi dkk. (2020) di jurnal."}},
  });
}

TEST_CASE("a degree may end a sentence before a capitalised word", "[segment]") {
  CheckRows({
      {"Sambutan oleh Kadis, dr. Ani, M.Kes. Ia menjelaskan program.",
       {"Sambutan oleh Kadis, dr. Ani, M.Kes.", "Ia menjelaskan program."}},
      {"Hadir Yosef, S.H., M.Si. dan staf.", {"Hadir Yosef, S.H., M.Si. dan staf."}},
  });
}

TEST_CASE("a closing quote stays with its sentence", "[segment]") {
  auto doc = Run("“Kami siap.” Reni tersenyum. Apa benar?! Ya… Tentu.", "", "tokenize");
  CHECK(SentenceTexts(doc) == Sents{"“Kami siap.”", "Reni tersenyum.", "Apa benar?!", "Ya…", "Tentu."});
  CheckRows({
      {"Ia berkata, \"Kami siap.\" Reni diam.", {"Ia berkata, \"Kami siap.\"", "Reni diam."}},
      {"Ia menjawab, 'Kami siap.'\" Reni diam.", {"Ia menjawab, 'Kami siap.'\"", "Reni diam."}},
      {"Rapat selesai. \"Kami siap,\" ujar Reni.", {"Rapat selesai.", "\"Kami siap,\" ujar Reni."}},
      {"Rapat selesai (pukul 12.00). Lalu makan.", {"Rapat selesai (pukul 12.00).", "Lalu makan."}},
      {"Ia berkata: ``Siap.'' Lalu pergi.", {"Ia berkata: ``Siap.''", "Lalu pergi."}},
  });
}

TEST_CASE("no break before a lower-case word or punctuation", "[segment]") {
  CheckRows({
      {"Nilainya naik 2,5 kali. lalu turun.", {"Nilainya naik 2,5 kali. lalu turun."}},
      {"Hebat! , katanya.", {"Hebat! , katanya."}},
      {"Apa? Tidak. 2025 tahun pemilu.", {"Apa?", "Tidak.", "2025 tahun pemilu."}},
  });
}

TEST_CASE("headlines and list items without final punctuation stand alone", "[segment]") {
  auto doc =
      Run("KPU NTT Gelar Rapat\nRapat dimulai pukul 10.00 WITA.\n- butir satu\n- butir dua", "", "tokenize");
  CHECK(SentenceTexts(doc) ==
        Sents{"KPU NTT Gelar Rapat", "Rapat dimulai pukul 10.00 WITA.", "- butir satu", "- butir dua"});
  CheckRows({
      {"Agenda:\n1. Pembukaan\n2. Laporan", {"Agenda:", "1. Pembukaan", "2. Laporan"}},
  });
}
