// Dates, times, ranges, durations and sets, and what is not a date.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/dates.h"
#include "stages/dates_calendar.h"
#include "testing.h"

using warta::testing::Run;

namespace {

struct Want {
  std::string text;        // the sentence
  std::string span;        // the expression as written
  std::string type;
  std::string value;       // "" for null
  std::string end_value;   // "" for null
  std::vector<std::string> inferred;
};

const warta::DateExpr* Find(const warta::Document& doc, const std::string& span) {
  for (const auto& d : doc.dates)
    if (doc.Original(d.span) == span) return &d;
  return nullptr;
}

std::string Spans(const warta::Document& doc) {
  std::string out;
  for (const auto& d : doc.dates)
    ((((out += '[') += doc.Original(d.span)) += " = ") += d.value.value_or("null")) += "] ";
  return out;
}

void Check(const std::vector<Want>& rows, const std::string& reference) {
  for (const Want& r : rows) {
    auto doc = Run(r.text, reference);
    INFO(r.text << "\n  found: " << Spans(doc));
    const warta::DateExpr* d = Find(doc, r.span);
    REQUIRE(d);
    CHECK(d->type == r.type);
    CHECK(d->value.value_or("") == r.value);
    CHECK(d->end_value.value_or("") == r.end_value);
    CHECK(d->inferred == r.inferred);
  }
}

bool HasWarning(const warta::Document& doc, const std::string& code) {
  for (const auto& w : doc.warnings)
    if (w.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("full and partial calendar dates resolve to ISO values", "[dates]") {
  Check({
      {"Rapat pleno digelar 27 Oktober 2025 di Kupang.", "27 Oktober 2025", "date", "2025-10-27", "", {}},
      {"Rapat pleno digelar 27 Okt 2025 di Kupang.", "27 Okt 2025", "date", "2025-10-27", "", {}},
      {"Rapat pleno digelar 27 Okt. 2025 di Kupang.", "27 Okt. 2025", "date", "2025-10-27", "", {}},
      {"Tahapan dimulai Oktober 2025 sesuai jadwal.", "Oktober 2025", "date", "2025-10", "", {}},
      {"Rapat pleno digelar 27 Oktober di Kupang.", "27 Oktober", "date", "2025-10-27", "", {"year"}},
      {"Anggaran tahun 2025 sudah disahkan.", "2025", "date", "2025", "", {}},
      {"Surat tertanggal 27/10/2025 diterima KPU.", "27/10/2025", "date", "2025-10-27", "", {}},
      {"Surat tertanggal 27-10-2025 diterima KPU.", "27-10-2025", "date", "2025-10-27", "", {}},
      {"Data per 2025-10-27 sudah diunggah.", "2025-10-27", "date", "2025-10-27", "", {}},
      {"Rapat digelar pada 27/10 di aula kantor.", "27/10", "date", "2025-10-27", "", {"year"}},
      {"Rapat digelar kemarin (27/10) di aula kantor.", "(27/10)", "date", "2025-10-27", "", {"year"}},
      {"Pleno digelar 27 dan 28 Oktober 2025 di Kupang.", "27", "date", "2025-10-27", "", {"month"}},
      {"Pleno digelar 27 dan 28 Oktober 2025 di Kupang.", "28 Oktober 2025", "date", "2025-10-28", "", {}},
      {"Kasus terjadi pada Maret dan Agustus 2019 lalu.", "Maret", "date", "2019-03", "", {}},
  }, "2025-11-01");
}

TEST_CASE("old and informal month spellings are read", "[dates]") {
  Check({
      {"Pemilihan digelar 3 Nopember 2024 lalu.", "3 Nopember 2024", "date", "2024-11-03", "", {}},
      {"Pemilihan digelar 3 Nop 2024 lalu.", "3 Nop 2024", "date", "2024-11-03", "", {}},
      {"Surat dikirim 5 Pebruari 2020 ke kantor.", "5 Pebruari 2020", "date", "2020-02-05", "", {}},
      {"Surat dikirim 5 Peb 2020 ke kantor.", "5 Peb 2020", "date", "2020-02-05", "", {}},
      {"Upacara digelar 17 Agt 2025 di lapangan.", "17 Agt 2025", "date", "2025-08-17", "", {}},
      {"Upacara digelar 17 Agust. 2025 di lapangan.", "17 Agust. 2025", "date", "2025-08-17", "", {}},
      {"Upacara digelar 17 Agustus 2025 di lapangan.", "17 Agustus 2025", "date", "2025-08-17", "", {}},
      {"Arsip bertanggal 1 Djanuari 1950 ditemukan.", "1 Djanuari 1950", "date", "1950-01-01", "", {}},
      {"Arsip bertanggal 2 Mrt 2021 ditemukan.", "2 Mrt 2021", "date", "2021-03-02", "", {}},
  }, "2025-11-01");
}

TEST_CASE("a written weekday picks the year of a date without one", "[dates]") {
  Check({
      {"KPU NTT menggelar rapat pada Senin (27/10) di Kupang.", "Senin (27/10)", "date", "2025-10-27", "", {"year"}},
      {"KPU NTT menggelar rapat pada Senin (27/10/2025) di Kupang.", "Senin (27/10/2025)", "date", "2025-10-27", "", {}},
      {"KPU NTT menggelar rapat pada Senin, 27 Oktober 2025 di Kupang.", "Senin, 27 Oktober 2025", "date",
       "2025-10-27", "", {}},
      {"Ketua KPU hadir pada Jumat (31/10) di Jakarta.", "Jumat (31/10)", "date", "2025-10-31", "", {"year"}},
      {"Ketua KPU hadir pada Jum'at (31/10) di Jakarta.", "Jum'at (31/10)", "date", "2025-10-31", "", {"year"}},
      {"Ketua KPU hadir pada Jum\u2019at (31/10) di Jakarta.", "Jum\u2019at (31/10)", "date", "2025-10-31", "",
       {"year"}},
      {"Ketua KPU hadir pada Minggu (26/10) di Jakarta.", "Minggu (26/10)", "date", "2025-10-26", "", {"year"}},
      {"Ketua KPU hadir pada hari Senin (27/10) di Jakarta.", "Senin (27/10)", "date", "2025-10-27", "", {"year"}},
  }, "2025-11-01");
}

TEST_CASE("with only today as reference the weekday still finds last year's date", "[dates]") {
  // 27/10/2026 is a Tuesday: "Senin (27/10)" read on 2026-11-28 is 2025-10-27.
  warta::Document doc;
  auto c = warta::dates::InferYear(10, 27, 0, warta::CivilDate{2026, 11, 28}, false);
  REQUIRE(c);
  CHECK(c->date.Iso() == "2025-10-27");
  CHECK(!c->weekday_mismatch);
  auto d = Run("Rapat digelar Senin (27/10) di Kupang.");
  REQUIRE(d.reference_source == warta::ReferenceSource::kToday);
  const warta::DateExpr* e = Find(d, "Senin (27/10)");
  REQUIRE(e);
  REQUIRE(e->value);
  CHECK(warta::CivilDate::Parse(*e->value)->Weekday() == 0);
}

TEST_CASE("a written date wins over a wrong weekday, with a warning", "[dates]") {
  auto doc = Run("Tersangka diperiksa penyidik pada Senin (17/9/2019) di Mapolda.", "2019-09-20");
  const warta::DateExpr* d = Find(doc, "Senin (17/9/2019)");
  REQUIRE(d);
  CHECK(d->value.value_or("") == "2019-09-17");  // a Tuesday
  CHECK(HasWarning(doc, "weekday-mismatch"));
}

TEST_CASE("a publication date outweighs a wrong weekday without a year", "[dates]") {
  auto doc = Run("Tersangka diperiksa penyidik pada Senin (17/9) di Mapolda.", "2019-09-17");
  const warta::DateExpr* d = Find(doc, "Senin (17/9)");
  REQUIRE(d);
  CHECK(d->value.value_or("") == "2019-09-17");  // not 2018-09-17, a Monday a year away
  CHECK(HasWarning(doc, "weekday-mismatch"));
  auto ok = Run("Tersangka diperiksa penyidik pada Selasa (17/9) di Mapolda.", "2019-09-17");
  CHECK(!HasWarning(ok, "weekday-mismatch"));
}

TEST_CASE("an impossible date keeps its span and has no value", "[dates]") {
  auto doc = Run("Keterangan tertulis diterima Selasa (9/20/2019) malam.", "2019-09-21");
  const warta::DateExpr* d = Find(doc, "Selasa (9/20/2019)");
  REQUIRE(d);
  CHECK(!d->value);
  CHECK(HasWarning(doc, "invalid-date"));
}

TEST_CASE("weekdays without a date resolve around the reference date", "[dates]") {
  // 2025-11-01 is a Saturday.
  Check({
      {"Bupati meninjau lokasi banjir hari Senin bersama warga.", "Senin", "date", "2025-10-27", "",
       {"year", "month", "day"}},
      {"Bupati meninjau lokasi banjir pada Senin lalu bersama warga.", "Senin lalu", "date", "2025-10-27", "",
       {"year", "month", "day"}},
      {"Bupati akan meninjau lokasi banjir Senin pekan depan.", "Senin pekan depan", "date", "2025-11-03", "",
       {"year", "month", "day"}},
      {"Bupati akan meninjau lokasi banjir pada Senin bersama warga.", "Senin", "date", "2025-11-03", "",
       {"year", "month", "day"}},
      {"Warga bergotong royong pada Minggu pagi di pasar.", "Minggu pagi", "datetime", "2025-10-26TMO", "",
       {"year", "month", "day"}},
      {"Korban ditemukan Senin sore (27/10) di sungai.", "Senin sore (27/10)", "datetime", "2025-10-27TAF", "",
       {"year"}},
  }, "2025-11-01");
}

TEST_CASE("minggu is a week after a count and Sunday next to a date", "[dates]") {
  Check({
      {"Banjir melanda desa itu dua minggu lalu.", "dua minggu lalu", "date", "2025-W42", "", {"year", "week"}},
      {"Sosialisasi digelar minggu depan di kecamatan.", "minggu depan", "date", "2025-W45", "", {"year", "week"}},
      {"Sosialisasi digelar Minggu (26/10) di kecamatan.", "Minggu (26/10)", "date", "2025-10-26", "", {"year"}},
  }, "2025-11-01");
}

TEST_CASE("times carry the zone offset and the day they belong to", "[dates]") {
  Check({
      {"Rapat digelar Senin (27/10) pukul 10.00 WITA di aula.", "10.00 WITA", "datetime", "2025-10-27T10:00+08:00",
       "", {"year", "month", "day"}},
      {"Rapat dimulai pkl. 09.30 WIB di aula.", "09.30 WIB", "time", "T09:30+07:00", "", {}},
      {"Rapat dimulai 14:00 WIT di aula.", "14:00 WIT", "time", "T14:00+09:00", "", {}},
      {"Rapat berlangsung pukul 10.00-12.00 WITA di aula.", "10.00-12.00 WITA", "range", "T10:00+08:00",
       "T12:00+08:00", {}},
      {"Rapat berlangsung pukul 10.00 hingga 12.00 WITA di aula.", "10.00 hingga 12.00 WITA", "range",
       "T10:00+08:00", "T12:00+08:00", {}},
      {"Pawai dimulai pukul 8 malam dari alun-alun.", "8 malam", "time", "T20:00", "", {}},
      {"Layanan dibuka pukul 19.00 WIB hingga pukul 21.00 WIB di posko.", "19.00 WIB hingga pukul 21.00 WIB",
       "range", "T19:00+07:00", "T21:00+07:00", {}},
      {"Pada 29 Oktober 2025 pukul 10.00 WITA rapat dibuka.", "10.00 WITA", "datetime", "2025-10-29T10:00+08:00",
       "", {"year", "month", "day"}},
      {"Hujan turun sejak pagi hari di Kupang.", "pagi hari", "time", "TMO", "", {}},
      {"Rapat digelar Senin (27/10). Pada malam hari warga berkumpul.", "malam hari", "datetime",
       "2025-10-27TNI", "", {"year", "month", "day"}},
      {"Korban meninggal pukul 19.05 WITA pada Senin (27/10) di rumah sakit.", "19.05 WITA", "datetime",
       "2025-10-27T19:05+08:00", "", {"year", "month", "day"}},
      {"Jadwal itu berlaku pukul 13:05:46 WIB.", "13:05:46 WIB", "time", "T13:05:46+07:00", "", {}},
  }, "2025-11-01");
}

TEST_CASE("ranges give a value and an end value", "[dates]") {
  Check({
      {"Bimtek digelar 27-29 Oktober 2025 di Kupang.", "27-29 Oktober 2025", "range", "2025-10-27", "2025-10-29", {}},
      {"Bimtek digelar 27 s.d. 29 Oktober di Kupang.", "27 s.d. 29 Oktober", "range", "2025-10-27", "2025-10-29",
       {"year"}},
      {"Bimtek digelar 27 Oktober hingga 2 November 2025 di Kupang.", "27 Oktober hingga 2 November 2025", "range",
       "2025-10-27", "2025-11-02", {}},
      {"Bimtek digelar Senin-Rabu (27-29/10) di Kupang.", "Senin-Rabu (27-29/10)", "range", "2025-10-27",
       "2025-10-29", {"year"}},
      {"Data pemilih tahun 2020-2024 dimutakhirkan.", "2020-2024", "range", "2020", "2024", {}},
      {"Masa jabatan 2024-2029 dimulai bulan ini.", "2024-2029", "range", "2024", "2029", {}},
      {"Pelatihan digelar Kamis-Jumat, 30-31 Oktober 2025 di Kupang.", "Kamis-Jumat, 30-31 Oktober 2025", "range",
       "2025-10-30", "2025-10-31", {}},
      {"Libur berlangsung 28 Desember - 2 Januari 2026.", "28 Desember - 2 Januari 2026", "range", "2025-12-28",
       "2026-01-02", {}},
  }, "2025-11-01");
}

TEST_CASE("relative expressions count from the reference date", "[dates]") {
  // Reference: Saturday 2025-11-01.
  const std::vector<std::string> ymd = {"year", "month", "day"};
  Check({
      {"Rapat digelar hari ini di aula.", "hari ini", "date", "2025-11-01", "", ymd},
      {"Rapat digelar kemarin di aula.", "kemarin", "date", "2025-10-31", "", ymd},
      {"Rapat digelar kemarin lusa di aula.", "kemarin lusa", "date", "2025-10-30", "", ymd},
      {"Rapat digelar besok di aula.", "besok", "date", "2025-11-02", "", ymd},
      {"Rapat digelar lusa di aula.", "lusa", "date", "2025-11-03", "", ymd},
      {"Rapat digelar tadi pagi di aula.", "tadi pagi", "datetime", "2025-11-01TMO", "", ymd},
      {"Hujan deras turun semalam di Kupang.", "semalam", "datetime", "2025-10-31TNI", "", ymd},
      {"Rapat digelar pekan lalu di aula.", "pekan lalu", "date", "2025-W43", "", {"year", "week"}},
      {"Rapat digelar bulan depan di aula.", "bulan depan", "date", "2025-12", "", {"year", "month"}},
      {"Rapat digelar tahun lalu di aula.", "tahun lalu", "date", "2024", "", {"year"}},
      {"Rapat digelar dua hari lalu di aula.", "dua hari lalu", "date", "2025-10-30", "", ymd},
      {"Rapat digelar 3 minggu yang lalu di aula.", "3 minggu yang lalu", "date", "2025-W41", "", {"year", "week"}},
      {"Gedung itu dibangun 4 tahun lalu.", "4 tahun lalu", "date", "2021", "", {"year"}},
      {"Honor dibayar awal bulan oleh bendahara.", "awal bulan", "date", "2025-11", "", {"year", "month"}},
      {"Honor dibayar akhir bulan oleh bendahara.", "akhir bulan", "date", "2025-11", "", {"year", "month"}},
      {"Honor dibayar pertengahan bulan oleh bendahara.", "pertengahan bulan", "date", "2025-11", "",
       {"year", "month"}},
      {"Gedung itu rampung akhir tahun ini.", "akhir tahun ini", "date", "2025", "", {"year"}},
      {"Rekapitulasi Daftar Pemilih Triwulan III Tahun 2025 digelar KPU.", "Triwulan III Tahun 2025", "date",
       "2025-Q3", "", {}},
      {"Laba perseroan pada kuartal kedua naik tajam.", "kuartal kedua", "date", "2025-Q2", "", {"year"}},
      {"Realisasi anggaran semester I tahun lalu rendah.", "semester I tahun lalu", "date", "2024-H1", "",
       {"year"}},
      {"Kegiatan serupa digelar Maret lalu.", "Maret lalu", "date", "2025-03", "", {"year"}},
  }, "2025-11-01");
}

TEST_CASE("durations and sets", "[dates]") {
  Check({
      {"Pameran berlangsung selama tiga hari di alun-alun.", "tiga hari", "duration", "P3D", "", {}},
      {"Laporan wajib disampaikan dalam 2 x 24 jam.", "2 x 24 jam", "duration", "PT48H", "", {}},
      {"Laporan wajib disampaikan dalam 2x24 jam.", "2x24 jam", "duration", "PT48H", "", {}},
      {"Masa sanggah berlangsung dua belas hari kerja.", "dua belas hari", "duration", "P12D", "", {}},
      {"Apel pagi digelar setiap Senin di halaman kantor.", "setiap Senin", "set", "XXXX-WXX-1", "", {}},
      {"Data diperbarui setiap hari oleh operator.", "setiap hari", "set", "P1D", "", {}},
      {"Posko siaga dibuka sepekan penuh.", "sepekan", "duration", "P1W", "", {}},
      {"Gedung itu diresmikan setahun yang lalu.", "setahun yang lalu", "date", "2024", "", {"year"}},
  }, "2025-11-01");
}

TEST_CASE("Hijri dates convert with ICU's islamic-civil calendar", "[dates]") {
  Check({
      {"Idul Fitri 1 Syawal 1446 H jatuh pada hari Senin.", "1 Syawal 1446 H", "date", "2025-03-31", "", {}},
      {"Peringatan Asyura pada 10 Muharram 1447 Hijriah di masjid.", "10 Muharram 1447 Hijriah", "date",
       "2025-07-06", "", {}},
      {"Pasar murah digelar selama Ramadan 1446 H di kota.", "Ramadan 1446 H", "range", "2025-03-01", "2025-03-30",
       {}},
  }, "2025-11-01");
  CHECK(warta::dates::HijriToGregorian(1446, 10, 1)->Iso() == "2025-03-31");
  CHECK(!warta::dates::HijriToGregorian(1446, 13, 1));
}

TEST_CASE("numbers that are not dates", "[dates]") {
  const std::vector<std::string> texts = {
      "Pemilu diatur dalam UU Nomor 7 Tahun 2017 tentang Pemilihan Umum.",
      "Tahapan mengacu pada PKPU 3/2022 yang berlaku.",
      "Hal itu diatur dalam Peraturan Nomor 11/2020 tentang tahapan.",
      "Perbandingan suara mencapai 3/4 dari total pemilih.",
      "Pertandingan berakhir dengan skor 2-1 untuk tuan rumah.",
      "Sanksi diatur dalam Pasal 27 undang-undang tersebut.",
      "Bantuan Tahap III disalurkan kepada warga.",
      "Hadir Dr. Yohanes Bria, M.Si. selaku narasumber.",
      "Pengaduan dapat disampaikan ke nomor 0812-3456-7890 atau (0380) 821234.",
      "Setiap warga menerima bantuan Rp10.000 dan Rp 2.500.000 per bulan.",
      "Sebanyak 10.000 pemilih terdaftar di kecamatan itu.",
      "Aplikasi Sirekap versi 2.10 dan versi 3.1.4 sudah dirilis.",
      "Pelantikan dihadiri 2014 orang dari berbagai desa.",
      "Korban yang berusia 74 tahun itu dirawat di rumah sakit.",
      "Ia bertugas di Polsek Pasar Minggu sejak lama.",
      "Korban, 53 tahun, ditemukan warga. Pelaku Ali (45 tahun) ditahan.",
  };
  for (const std::string& t : texts) {
    auto doc = Run(t, "2025-11-01");
    INFO(t << "\n  found: " << Spans(doc));
    CHECK(doc.dates.empty());
  }
}

TEST_CASE("spans read their own text and come in text order", "[dates]") {
  const std::string text =
      "Kupang, ntt.kpu.go.id \xE2\x80\x94 KPU NTT menggelar rapat pleno pada Senin (27/10) pukul 10.00 WITA. "
      "Rapat serupa digelar 2 hari lalu dan akan diulang 3\xC2\xA0November 2025.";
  auto doc = Run(text, "2025-11-01");
  REQUIRE(doc.dates.size() == 4);
  for (size_t i = 1; i < doc.dates.size(); ++i) CHECK(doc.dates[i - 1].span.end <= doc.dates[i].span.start);
  CHECK(doc.Original(doc.dates[3].span) == "3\xC2\xA0November 2025");
  CHECK(doc.dates[3].value.value_or("") == "2025-11-03");
}

TEST_CASE("ISO weeks and year inference without a weekday", "[dates]") {
  CHECK(warta::dates::IsoWeek({2025, 10, 27}) == "2025-W44");
  CHECK(warta::dates::IsoWeek({2021, 1, 3}) == "2020-W53");
  // Past before future: on 2025-05-01, "1 Desember" is last December.
  CHECK(warta::dates::InferYear(12, 1, std::nullopt, {2025, 5, 1}, true)->date.Iso() == "2024-12-01");
  CHECK(warta::dates::InferYear(11, 3, std::nullopt, {2025, 11, 1}, true)->date.Iso() == "2025-11-03");
  CHECK(!warta::dates::InferYear(4, 31, std::nullopt, {2025, 11, 1}, true));
}

// The scanner tries forms only where one may start (a lexicon word, a number, "(", a word that
// begins with a digit, "se" + a unit, or a long word with a hyphen); these guard that filter.
TEST_CASE("forms that start at a word of no lexicon are still found", "[dates]") {
  Check({
      // Both begin with "se" but are no "se" + unit: the hyphen still makes them candidates.
      {"Kegiatan pada Senin-Sabtu (24-29/9/2019) di Jakarta.", "Senin-Sabtu (24-29/9/2019)", "range", "2019-09-24",
       "2019-09-29", {}},
      {"Bimtek digelar Selasa-Kamis (28-30/10) di Kupang.", "Selasa-Kamis (28-30/10)", "range", "2025-10-28",
       "2025-10-30", {"year"}},
      {"Posko siaga dibuka sehari penuh.", "sehari", "duration", "P1D", "", {}},
      {"Musik populer era 1970-an kembali digemari.", "1970-an", "date", "197", "", {}},
      {"Rapat digelar (27/10/2025) di aula kantor.", "(27/10/2025)", "date", "2025-10-27", "", {}},
  }, "2025-11-01");
  // A "se-" word that is no unit, and a long hyphenated word that is no pair of weekdays.
  for (const std::string t : {"Sebelumnya rapat digelar di aula.", "Kegiatan belajar-mengajar berjalan lancar."}) {
    auto doc = Run(t, "2025-11-01");
    INFO(t << "\n  found: " << Spans(doc));
    CHECK(doc.dates.empty());
  }
}

TEST_CASE("dates far from any reference keep printf's formatting", "[dates]") {
  // Values are written without printf; outside four-digit years they fall back to it.
  CHECK(warta::dates::IsoWeek({1, 1, 1}) == "0001-W01");
  CHECK(warta::dates::IsoWeek({1, 1, 8}) == "0001-W02");
  CHECK(warta::dates::IsoWeek({9999, 12, 31}) == "9999-W52");
  CHECK(warta::dates::IsoWeek({10000, 6, 15}).rfind("10000-W", 0) == 0);
  Check({{"Surat tertanggal 1/1/1800 ditemukan.", "1/1/1800", "date", "1800-01-01", "", {}}}, "2025-11-01");
}

TEST_CASE("CivilDate::Iso pads every field and falls back outside four-digit years", "[dates]") {
  CHECK(warta::CivilDate{2025, 3, 9}.Iso() == "2025-03-09");
  CHECK(warta::CivilDate{5, 1, 2}.Iso() == "0005-01-02");
  CHECK(warta::CivilDate{10000, 12, 31}.Iso() == "10000-12-31");
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the date gate and the shape filters pass over no date the plain path finds", "[dates]") {
  const warta::DateFinder plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
