// Sentence boundaries.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/segment.h"
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

TEST_CASE("commas glued to the mark by scraping go with the sentence they end", "[segment]") {
  CheckRows({
      {"Banjir melanda Kelurahan Oesapa.,Warga mengungsi ke gereja.",
       {"Banjir melanda Kelurahan Oesapa.,", "Warga mengungsi ke gereja."}},
      {"Banjir melanda Kelurahan Oesapa. , Warga mengungsi.", {"Banjir melanda Kelurahan Oesapa. ,", "Warga mengungsi."}},
      {"Bantuan tiba pukul 10.00 WITA (27/10).,\"Kami bersyukur,\" kata lurah.",
       {"Bantuan tiba pukul 10.00 WITA (27/10).,", "\"Kami bersyukur,\" kata lurah."}},
      {"\"Stok aman,\" ujar Ani.,\"Harga stabil,\" tambahnya.",
       {"\"Stok aman,\" ujar Ani.,", "\"Harga stabil,\" tambahnya."}},
      {"Polisi menahan pria berinisial J.,Ia dijerat pasal berlapis.",
       {"Polisi menahan pria berinisial J.,", "Ia dijerat pasal berlapis."}},
      {"Saham dibeli PT Bank NTT Tbk.,Nilainya Rp5 miliar.", {"Saham dibeli PT Bank NTT Tbk.,", "Nilainya Rp5 miliar."}},
      {"Acara dipandu Yosef Bria, S.H.,Sesudah itu makan siang.",
       {"Acara dipandu Yosef Bria, S.H.,", "Sesudah itu makan siang."}},
  });
}

TEST_CASE("a comma after the mark without a capital after it ends nothing", "[segment]") {
  CheckRows({
      {"Hebat! , katanya.", {"Hebat! , katanya."}},
      {"Pola ini dilaporkan Ndun dkk., 2020) di jurnal.", {"Pola ini dilaporkan Ndun dkk., 2020) di jurnal."}},
      {"Hadir Yosef Bria, S.H.,M.H. dan staf.", {"Hadir Yosef Bria, S.H.,M.H. dan staf."}},
      {"Hadir M. Samsul, S.H., Kepala Dinas.", {"Hadir M. Samsul, S.H., Kepala Dinas."}},
  });
}

TEST_CASE("an initial before a word that never goes on a name ends the sentence", "[segment]") {
  CheckRows({
      {"Timnas lolos dari Grup G. Sementara itu, Thailand tersingkir.",
       {"Timnas lolos dari Grup G.", "Sementara itu, Thailand tersingkir."}},
      {"Realisasi tertinggi pada triwulan I. Namun angkanya turun.",
       {"Realisasi tertinggi pada triwulan I.", "Namun angkanya turun."}},
      {"Hadir pula M. Samsul dan A. Yani.", {"Hadir pula M. Samsul dan A. Yani."}},
      {"Sambutan oleh Dan M. Dan Lewi hadir.", {"Sambutan oleh Dan M. Dan Lewi hadir."}},
  });
}

TEST_CASE("a period written against a number after it ends nothing", "[segment]") {
  CheckRows({
      {"Polisi menyita senapan kaliber .50 dari gudang. Pemiliknya kabur.",
       {"Polisi menyita senapan kaliber .50 dari gudang.", "Pemiliknya kabur."}},
  });
}

TEST_CASE("a line break inside a sentence of hard-wrapped text ends nothing", "[segment]") {
  // Lines of about 70 characters, as e-mail and old archives wrap them.
  const std::string text =
      "Rapat pleno dihadiri oleh anggota Badan Pengawas Pemilihan Umum (Bawaslu)\n"
      "yang bertugas di Kabupaten Kupang. \"Kami mengawasi setiap tahapan pemilu,\"\n"
      "kata Ketua Bawaslu Kabupaten Kupang dalam sambutan pembukaan rapat itu.\n"
      "Rapat juga dihadiri oleh Sekretaris Daerah Kabupaten Kupang, Drs. Yosef S.\n"
      "Lede, yang membuka kegiatan secara resmi pada pukul 09.00 WITA di aula.\n";
  CHECK(SentenceTexts(Run(text, "", "tokenize")) ==
        Sents{"Rapat pleno dihadiri oleh anggota Badan Pengawas Pemilihan Umum (Bawaslu)\n"
              "yang bertugas di Kabupaten Kupang.",
              "\"Kami mengawasi setiap tahapan pemilu,\"\n"
              "kata Ketua Bawaslu Kabupaten Kupang dalam sambutan pembukaan rapat itu.",
              "Rapat juga dihadiri oleh Sekretaris Daerah Kabupaten Kupang, Drs. Yosef S.\n"
              "Lede, yang membuka kegiatan secara resmi pada pukul 09.00 WITA di aula."});
}

TEST_CASE("list items and short lines of names still stand alone", "[segment]") {
  CheckRows({
      {"Syarat pendaftaran:\na. fotokopi KTP\nb. pas foto\niv. surat keterangan sehat",
       {"Syarat pendaftaran:", "a. fotokopi KTP", "b. pas foto", "iv. surat keterangan sehat"}},
      {"Peserta:\nYosef S.\nMaria L.\nAnton", {"Peserta:", "Yosef S.", "Maria L.", "Anton"}},
      {"Rapat ditunda.\n\nrapat berikutnya Senin.", {"Rapat ditunda.", "rapat berikutnya Senin."}},
  });
}

TEST_CASE("a quotation with its speech verb after it opens a sentence", "[segment]") {
  CheckRows({
      // A headline run into the text without a line break, then the quotation.
      {"Harga Beras Stabil Jelang Natal \"Stok di gudang Bulog cukup sampai Januari,\" kata Kepala Bulog. Warga lega.",
       {"Harga Beras Stabil Jelang Natal", "\"Stok di gudang Bulog cukup sampai Januari,\" kata Kepala Bulog.",
        "Warga lega."}},
      {"\"Kami siap,\" katanya menegaskan \"Logistik pemilu sudah tiba,\" ujarnya.",
       {"\"Kami siap,\" katanya menegaskan", "\"Logistik pemilu sudah tiba,\" ujarnya."}},
  });
}

TEST_CASE("a quoted title or a quotation without a speech verb after it opens nothing", "[segment]") {
  CheckRows({
      {"Ia membuka diskusi bertajuk \"Pemilu Damai, Rakyat Sejahtera\" di aula kantor.",
       {"Ia membuka diskusi bertajuk \"Pemilu Damai, Rakyat Sejahtera\" di aula kantor."}},
      {"Warga berteriak \"Tolong,\" lalu lari.", {"Warga berteriak \"Tolong,\" lalu lari."}},
      {"Lagu berjudul 'Bangkit,' kata Budi, dinyanyikan bersama.",
       {"Lagu berjudul 'Bangkit,' kata Budi, dinyanyikan bersama."}},
      {"Menurut dia, \"Kami siap,\" kata Budi.", {"Menurut dia, \"Kami siap,\" kata Budi."}},
  });
}

TEST_CASE("short lines that open in lower case stay items of their own", "[segment]") {
  CheckRows({
      {"Jadwal kegiatan:\npukul 08.00 registrasi peserta\npukul 09.00 pembukaan",
       {"Jadwal kegiatan:", "pukul 08.00 registrasi peserta", "pukul 09.00 pembukaan"}},
  });
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the tight loop over words gives the sentences of the token-by-token path", "[segment]") {
  const warta::SentenceSplitter plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
