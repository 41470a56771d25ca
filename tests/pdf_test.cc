// PDF input: words in reading order → lines and paragraphs (AssemblePdfText), and the files of
// tests/pdf/ (written by tests/pdf/make-fixtures.py) read through Poppler (ExtractPdf).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "input/pdf.h"
#include "input/reader.h"
#include "testing.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Fixture(const std::string& name) { return ReadFile(std::string(WARTA_SOURCE_DIR) + "/tests/pdf/" + name); }

// A page of lines: each line's words set side by side from x = left, 5 points per character,
// a line `pitch` points below the last; a line of "" leaves its height empty.
std::vector<warta::PdfWord> Page(const std::vector<std::string>& lines, double pitch = 12, double size = 9,
                                 double left = 50, double top = 50) {
  std::vector<warta::PdfWord> words;
  double y = top;
  for (const std::string& line : lines) {
    double x = left;
    std::istringstream ss(line);
    std::string w;
    while (ss >> w) {
      words.push_back({w, x, y, x + 5.0 * double(w.size()), y + size, true});
      x += 5.0 * double(w.size() + 1);
    }
    if (!words.empty() && !line.empty()) words.back().space_after = false;
    y += pitch;
  }
  return words;
}

}  // namespace

TEST_CASE("lines of a PDF paragraph are joined and hyphenated words made whole", "[pdf]") {
  struct Row { std::vector<std::string> lines; std::string text; };
  std::vector<Row> rows = {
      {{"Komisi Pemilihan Umum menggelar", "rapat pleno di Kupang."}, "Komisi Pemilihan Umum menggelar rapat pleno di Kupang."},
      // a syllable break: the hyphen goes
      {{"menggelar Rapat Pleno Rekapi-", "tulasi Daftar Pemilih"}, "menggelar Rapat Pleno Rekapitulasi Daftar Pemilih"},
      // reduplication broken at its own hyphen: the hyphen stays
      {{"jalur ini diawasi. Anak-", "anak kami"}, "jalur ini diawasi. Anak-anak kami"},
      {{"menonton di bioskop-", "bioskop kecil"}, "menonton di bioskop-bioskop kecil"},
      {{"bekerja berhari-", "hari lamanya"}, "bekerja berhari-hari lamanya"},
      {{"kegiatan sebaik-", "baiknya"}, "kegiatan sebaik-baiknya"},
      // a capital or a digit after the hyphen: a compound or an ordinal, the hyphen stays
      {{"Pasal 112 ayat (2) Undang-", "Undang Nomor 35"}, "Pasal 112 ayat (2) Undang-Undang Nomor 35"},
      {{"perbatasan RI-", "Timor Leste"}, "perbatasan RI-Timor Leste"},
      {{"rapat yang ke-", "3 tahun ini"}, "rapat yang ke-3 tahun ini"},
      {{"pengguna se-", "Kota Kupang"}, "pengguna se-Kota Kupang"},
      // a dash standing alone is no hyphenation
      {{"Kupang -", "Ketua KPU hadir."}, "Kupang - Ketua KPU hadir."},
      // a soft hyphen always goes
      {{"penyeleng\xC2\xAD", "gara pemilu"}, "penyelenggara pemilu"},
  };
  for (const Row& r : rows) {
    INFO(r.lines[0]);
    CHECK(warta::AssemblePdfText({Page(r.lines)}) == r.text);
  }
}

TEST_CASE("PDF paragraphs end at a wide gap, a change of font size and a page break", "[pdf]") {
  // a blank line's height between paragraphs
  CHECK(warta::AssemblePdfText({Page({"Rapat dibuka pukul 10.00.", "Semua hadir.", "", "Rapat ditutup sore hari."})}) ==
        "Rapat dibuka pukul 10.00. Semua hadir.\n\nRapat ditutup sore hari.");
  // a heading in a larger font
  std::vector<warta::PdfWord> page = Page({"KPU Gelar Rapat"}, 20, 14);
  for (const warta::PdfWord& w : Page({"Kupang - Rapat digelar.", "Semua hadir."}, 12, 9, 50, 70)) page.push_back(w);
  CHECK(warta::AssemblePdfText({page}) == "KPU Gelar Rapat\n\nKupang - Rapat digelar. Semua hadir.");
  // a page break is a paragraph break …
  CHECK(warta::AssemblePdfText({Page({"Rapat dibuka pukul 10.00."}), Page({"Rapat ditutup sore hari."})}) ==
        "Rapat dibuka pukul 10.00.\n\nRapat ditutup sore hari.");
  // … unless the text plainly runs on: a word cut by a hyphen, a line that starts in lower case
  CHECK(warta::AssemblePdfText({Page({"dijerat Undang-"}), Page({"Undang Nomor 35"})}) == "dijerat Undang-Undang Nomor 35");
  CHECK(warta::AssemblePdfText({Page({"kami amankan 12"}), Page({"paket sabu"})}) == "kami amankan 12 paket sabu");
  // page numbers at the top or bottom of a page are left out
  CHECK(warta::AssemblePdfText({Page({"Rapat dibuka.", "", "", "1"}), Page({"- 2 -", "", "Rapat ditutup."})}) ==
        "Rapat dibuka.\n\nRapat ditutup.");
}

TEST_CASE("PDF columns are read one after the other, a paragraph running on across them", "[pdf]") {
  std::vector<warta::PdfWord> page = Page({"Kolom pertama dimulai.", "Kapolres hadir dan"});
  for (const warta::PdfWord& w : Page({"menyampaikan sambutan.", "", "Paragraf baru."}, 12, 9, 300, 50)) page.push_back(w);
  CHECK(warta::AssemblePdfText({page}) ==
        "Kolom pertama dimulai. Kapolres hadir dan menyampaikan sambutan.\n\nParagraf baru.");
}

TEST_CASE("a PDF set from a text release reads back as that release", "[pdf]") {
  // Two columns over two pages, the title across both, hyphenated words at line ends.
  warta::PdfContent pdf = warta::ExtractPdf(Fixture("polres-belu-narkoba.pdf"));
  REQUIRE_FALSE(pdf.error);
  std::string release = ReadFile(std::string(WARTA_SOURCE_DIR) + "/corpus/polres-belu-narkoba.txt");
  std::string expected;
  std::istringstream lines(release);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) expected += (expected.empty() ? "" : "\n\n") + line;
  CHECK(pdf.text == expected);
  CHECK_FALSE(pdf.title);  // "Microsoft Word - rilis belu.docx" names a file
  CHECK(pdf.meta_json == R"({"pdf":{"created":"2025-11-10","pages":2,"title":"Microsoft Word - rilis belu.docx"}})");

  warta::PdfContent one = warta::ExtractPdf(Fixture("kpu-ntt-rapat-pleno.pdf"));
  REQUIRE_FALSE(one.error);
  CHECK(one.text.rfind("KPU NTT Gelar Rapat Pleno Rekapitulasi Daftar Pemilih Berkelanjutan\n\nKupang, ntt.kpu.go.id \xE2\x80\x94 Komisi", 0) == 0);
  CHECK(one.text.find("Rekapitulasi Daftar Pemilih Berkelanjutan Triwulan III") != std::string::npos);
  CHECK(one.title == std::optional<std::string>("KPU NTT Gelar Rapat Pleno Rekapitulasi Daftar Pemilih Berkelanjutan"));
  CHECK(one.meta_json.find(R"("created":"2025-10-29T14:30:00+08:00")") != std::string::npos);
  CHECK(one.meta_json.find(R"("modified":"2025-10-30T09:00:00+08:00")") != std::string::npos);
  CHECK(one.meta_json.find(R"("author":"Humas KPU Provinsi NTT")") != std::string::npos);
}

TEST_CASE("a PDF that cannot be read gets an error that says why", "[pdf]") {
  struct Row { std::string file, code, message; };
  std::vector<Row> rows = {
      {"scan.pdf", "no-text-layer", "no text layer: scanned?"},
      {"locked.pdf", "pdf-encrypted", "needs a password"},
      {"broken.pdf", "pdf-broken", "not a readable PDF"},
  };
  for (const Row& r : rows) {
    INFO(r.file);
    warta::PdfContent pdf = warta::ExtractPdf(Fixture(r.file));
    REQUIRE(pdf.error);
    CHECK(pdf.error->code == r.code);
    CHECK(pdf.error->message.find(r.message) != std::string::npos);
  }
  // Encrypted with an owner password only: it opens, and its text is read.
  warta::PdfContent open = warta::ExtractPdf(Fixture("protected.pdf"));
  REQUIRE_FALSE(open.error);
  CHECK(open.text.find("Sekretaris KPU Provinsi NTT, Yohanes Lado") != std::string::npos);
  CHECK(open.title == std::optional<std::string>("Rilis Terbatas"));
  // Not a PDF at all, and nothing: errors, not crashes.
  for (std::string bytes : {std::string(), std::string("%PDF-"), std::string("%PDF-1.4\n%%EOF\n"),
                            Fixture("kpu-ntt-rapat-pleno.pdf").substr(0, 900)}) {
    INFO(bytes.size());
    CHECK(warta::ExtractPdf(bytes).error);
  }
}

TEST_CASE("a PDF unit becomes a document with the file's title and an error naming the file", "[pdf]") {
  warta::RawInput raw;
  raw.path = "arsip/rilis.pdf";
  raw.format = warta::InputFormat::kPdf;
  raw.bytes = Fixture("kpu-ntt-rapat-pleno.pdf");
  warta::Document doc;
  warta::ToDocument(raw, doc);
  REQUIRE_FALSE(doc.error);
  CHECK(doc.given_title == std::optional<std::string>("KPU NTT Gelar Rapat Pleno Rekapitulasi Daftar Pemilih Berkelanjutan"));
  CHECK(doc.given_published.empty());  // the file's dates are no publication date
  CHECK(doc.meta_json.find("\"pdf\"") != std::string::npos);

  raw.bytes = Fixture("scan.pdf");
  warta::ToDocument(raw, doc);
  REQUIRE(doc.error);
  CHECK(doc.error->message == "arsip/rilis.pdf: no text layer: scanned? (1 page(s) without text; run OCR first, e.g. ocrmypdf)");
}
