// Quotes and their speakers.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/quotes.h"
#include "testing.h"

using warta::Document;
using warta::testing::Run;

namespace {

struct Said {
  std::string text;
  std::optional<std::string> speaker;
  friend bool operator==(const Said&, const Said&) = default;
};

std::vector<Said> Quotes(const Document& doc) {
  std::vector<Said> out;
  for (const auto& q : doc.quotes) out.push_back({std::string(doc.Original(q.span)), q.speaker});
  return out;
}

}  // namespace

namespace Catch {
template <>
struct StringMaker<Said> {
  static std::string convert(const Said& s) { return "{" + s.text + " | " + s.speaker.value_or("null") + "}"; }
};
}  // namespace Catch

TEST_CASE("a speech verb after the quote names its speaker", "[quotes]") {
  Document doc = Run(
      "Acara dibuka oleh Kepala Bagian Humas KPU RI Reni Rinjani. "
      "“Bakohumas bukan hanya corong lembaga,” ujar Reni.");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Bakohumas bukan hanya corong lembaga,”", "Reni Rinjani"}});
}

TEST_CASE("ujarnya, tambahnya: the clitic points back to the last speaker", "[quotes]") {
  Document doc = Run(
      "\"Data pemilih kami perbarui setiap triwulan,\" kata Ketua KPU NTT Jemris Fointuna. "
      "\"Masyarakat bisa memeriksa datanya secara daring,\" tambahnya.");
  CHECK(Quotes(doc) == std::vector<Said>{{"\"Data pemilih kami perbarui setiap triwulan,\"", "Jemris Fointuna"},
                                         {"\"Masyarakat bisa memeriksa datanya secara daring,\"",
                                          "Jemris Fointuna"}});
}

TEST_CASE("a speaker before the quote", "[quotes]") {
  Document doc = Run("Bupati Kupang Yosef Lede mengatakan, “Semua desa wajib melapor.”");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Semua desa wajib melapor.”", "Yosef Lede"}});
}

TEST_CASE("a quote runs across paragraphs that reopen it", "[quotes]") {
  Document doc = Run(
      "“Kami sudah menyiapkan semua logistik.\n"
      "“Distribusi dimulai besok pagi,” ujar Sekretaris KPU Kabupaten Belu Agustinus Bau.");
  REQUIRE(doc.quotes.size() == 1);
  CHECK(std::string(doc.Original(doc.quotes[0].span)) ==
        "“Kami sudah menyiapkan semua logistik.\n“Distribusi dimulai besok pagi,”");
  CHECK(doc.quotes[0].speaker == std::optional<std::string>("Agustinus Bau"));
}

TEST_CASE("a group of speakers gives no speaker", "[quotes]") {
  Document doc = Run("“Kami keberatan atas putusan itu,” tutur para kuasa hukum pemohon.");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Kami keberatan atas putusan itu,”", std::nullopt}});
}

TEST_CASE("Menurut NAME, … is indirect speech", "[quotes]") {
  Document doc = Run("Menurut Baharudin Hamzah, jumlah pemilih naik 1,2 persen dibanding triwulan lalu.");
  CHECK(Quotes(doc) ==
        std::vector<Said>{{"jumlah pemilih naik 1,2 persen dibanding triwulan lalu", "Baharudin Hamzah"}});
}

TEST_CASE("a role title after the speech verb names the person who holds it", "[quotes]") {
  Document doc = Run(
      "Kapolres Kupang AKBP Budi Santoso meninjau lokasi banjir. “Situasi sudah aman,” kata Kapolres.");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Situasi sudah aman,”", "Budi Santoso"}});
}

TEST_CASE("an unclosed quote ends with its paragraph", "[quotes]") {
  Document doc = Run("“Kami sudah siap.\nRapat digelar di aula, ujar Agustinus Bau.");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Kami sudah siap.", std::nullopt}});
}

TEST_CASE("MENURUT in capitals is read as menurut", "[quotes]") {
  Document doc = Run("MENURUT Baharudin Hamzah, jumlah pemilih naik.");
  CHECK(Quotes(doc) == std::vector<Said>{{"jumlah pemilih naik", "Baharudin Hamzah"}});
}

TEST_CASE("quotation marks and menurut are found anywhere in the text, the last bytes too", "[quotes]") {
  // The marks and "menurut" are looked for sixteen bytes at a time, the last bytes one by one;
  // a mark counts only as a token of its own (not inside a word or a link).
  const std::string pad = "Rapat pleno digelar di aula kantor KPU Provinsi NTT pada pagi hari. ";
  Document doc = Run(pad + "MeNuRuT Baharudin Hamzah, jumlah pemilih naik. " + pad +
                     "\"Kami siap,\" ujar Baharudin. Menurut Yosua Benu, data valid. \"Ya.\"");
  CHECK(Quotes(doc) == std::vector<Said>{{"jumlah pemilih naik", "Baharudin Hamzah"},
                                         {"\"Kami siap,\"", "Baharudin Hamzah"},
                                         {"data valid", "Yosua Benu"},
                                         {"\"Ya.\"", std::nullopt}});  // too short to continue a speaker
  Document none = Run("Laman https://kpu.go.id/a\"b memuat data pemilih menurutnya.");
  CHECK(Quotes(none).empty());
}

TEST_CASE("a title after the speech verb names the person who holds it in the document", "[quotes]") {
  struct Row { std::string text, speaker; };
  std::vector<Row> rows = {
      // The role the people stage gave: "Kapolres".
      {"Kapolres Kupang AKBP Budi Santoso meninjau lokasi banjir. “Situasi sudah aman,” terang Kapolres.",
       "Budi Santoso"},
      // The title as the text writes it before the name, a unit numeral in it.
      {"Rapat dihadiri Asisten I Setda Rudi Hartono dan Asisten III Setda Maria Ulfa. "
       "“Anggaran sudah kami siapkan untuk tiga kecamatan,” ucap Asisten III.",
       "Maria Ulfa"},
      // A title, then the name after a comma: the name.
      {"“Pendataan ulang selesai bulan depan,” ujar Direktur Jenderal Bina Keuangan Daerah, Yohanes Laka.",
       "Yohanes Laka"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    REQUIRE(doc.quotes.size() == 1);
    CHECK(doc.quotes[0].speaker == std::optional<std::string>(r.speaker));
  }
}

TEST_CASE("pronouns point back to the speaker, not to a name mentioned in passing", "[quotes]") {
  struct Row { std::string text, speaker; };
  std::vector<Row> rows = {
      {"Ketua KPU Belu Agustinus Bau menyampaikan pesan Gubernur NTT Melki Laka Lena kepada peserta. "
       "“Semua tahapan harus berjalan tepat waktu,” katanya.",
       "Agustinus Bau"},
      {"“Gudang logistik sudah kami kunci,” kata Sekretaris KPU Belu Yustina Bere. "
       "Ia menambahkan, “Kunci cadangan dipegang oleh kepolisian setempat.”",
       "Yustina Bere"},
      {"“Gudang logistik sudah kami kunci,” kata Sekretaris KPU Belu Yustina Bere. "
       "“Kunci cadangan dipegang kepolisian setempat,” ujar beliau.",
       "Yustina Bere"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    REQUIRE(!doc.quotes.empty());
    CHECK(doc.quotes.back().speaker == std::optional<std::string>(r.speaker));
  }
}

TEST_CASE("an unattributed quote continues the speaker of its paragraph or of the quote above", "[quotes]") {
  Document doc = Run(
      "Kepala Dinas Kesehatan Kabupaten Sikka Petrus Herlemus mengatakan, kasus demam berdarah naik. "
      "“Kami sudah melakukan pengasapan di tiga desa,” katanya.\n"
      "Ia meminta warga menguras bak mandi setiap pekan.\n"
      "“Jentik nyamuk paling banyak kami temukan di bak mandi dan pot bunga.”\n"
      "Dinas juga membagikan bubuk abate melalui program “Jumat Bersih Desa” setiap pekan.");
  CHECK(Quotes(doc) == std::vector<Said>{{"“Kami sudah melakukan pengasapan di tiga desa,”", "Petrus Herlemus"},
                                         {"“Jentik nyamuk paling banyak kami temukan di bak mandi dan pot bunga.”",
                                          "Petrus Herlemus"},
                                         {"“Jumat Bersih Desa”", std::nullopt}});
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the byte scan for cues finds the quotes of the token-by-token path", "[quotes]") {
  const warta::QuoteFinder plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
