// People: names, honorifics, degrees, roles and short mentions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "testing.h"

using warta::Document;
using warta::Person;
using warta::testing::Run;
using Strings = std::vector<std::string>;

namespace {

const Person* Find(const Document& doc, const std::string& name) {
  for (const Person& p : doc.people)
    if (p.name == name) return &p;
  return nullptr;
}

Strings Names(const Document& doc) {
  Strings out;
  for (const Person& p : doc.people) out.push_back(p.name);
  return out;
}

Strings Mentions(const Document& doc, const Person& p) {
  Strings out;
  for (const auto& m : p.mentions) out.emplace_back(doc.Original(m));
  return out;
}

}  // namespace

TEST_CASE("names are found with their honorifics and degrees taken off", "[people]") {
  struct Row {
    std::string text, name;
    Strings honorifics, degrees;
  };
  std::vector<Row> rows = {
      {"Rapat dibuka oleh Bapak Yohanes Tefa yang hadir sejak pagi.", "Yohanes Tefa", {"Bapak"}, {}},
      {"Materi disampaikan Dr. Ir. Maria Goreti Nahak, S.H., M.Si. di aula.", "Maria Goreti Nahak",
       {"Dr.", "Ir."}, {"S.H.", "M.Si."}},
      {"Upacara dipimpin Irjen Pol. Johanes Lado di lapangan apel.", "Johanes Lado", {"Irjen Pol."}, {}},
      {"Tausiah diberikan KH. Abdul Somad Hasibuan usai salat.", "Abdul Somad Hasibuan", {"KH."}, {}},
      {"Pemeriksaan dilakukan drg. Ni Luh Putu Ayu Lestari kepada para siswa.", "Ni Luh Putu Ayu Lestari",
       {"drg."}, {}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    const Person* p = Find(doc, r.name);
    REQUIRE(p);
    CHECK(p->honorifics == r.honorifics);
    CHECK(p->degrees == r.degrees);
  }
}

TEST_CASE("initials and particles stay inside the name", "[people]") {
  struct Row { std::string text, name; };
  std::vector<Row> rows = {
      {"Narasumber kegiatan, M.Samsul Kadir, membagikan praktik baik.", "M.Samsul Kadir"},
      {"Laporan diterima A. Yani Lubis dari panitia.", "A. Yani Lubis"},
      {"Sambutan disampaikan Teuku Hasan bin Abdullah pada pembukaan.", "Teuku Hasan bin Abdullah"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(Names(Run(r.text)) == Strings{r.name});
  }
}

TEST_CASE("common words, places, role words and weekdays are not names", "[people]") {
  std::vector<std::string> texts = {
      "Kegiatan Knowledge Sharing Tata Kelola Bakohumas digelar melalui aplikasi Zoom.",
      "Humas, menurutnya, bukan hanya urusan satu bidang.",
      "Di sisi lain, rapat pleno digelar pada Senin di Kupang.",
      "KPU Provinsi NTT Gelar Rapat Koordinasi Tahapan Pemilihan",
      "Tim Bakohumas Kaltim memaksimalkan sumber daya yang ada.",
  };
  for (const auto& t : texts) {
    INFO(t);
    CHECK(Names(Run(t)).empty());
  }
}

TEST_CASE("a month form seen only in names starts a name, but not inside a date", "[people]") {
  Document doc = Run("Rapat dihadiri Agus Salim, Ketua Panitia. Rapat digelar pada 12 Agus 2024 di Kupang.");
  CHECK(Names(doc) == Strings{"Agus Salim"});
  const Person* agus = Find(doc, "Agus Salim");
  REQUIRE(agus);
  CHECK(Mentions(doc, *agus) == Strings{"Agus Salim"});
  // A month the press writes as a month stays no name.
  CHECK(Names(Run("Pada Oktober Ketua KPU Kupang Budi Santoso hadir.")) == Strings{"Budi Santoso"});
}

TEST_CASE("a short mention joins the full name said before it", "[people]") {
  Document doc = Run(
      "Acara dibuka oleh Kepala Bagian Humas KPU RI Reni Rinjani. Dalam sambutannya, Reni menegaskan "
      "pentingnya kerja sama. Rinjani juga berterima kasih.");
  REQUIRE(Names(doc) == Strings{"Reni Rinjani"});
  CHECK(Mentions(doc, doc.people[0]) == Strings{"Reni Rinjani", "Reni", "Rinjani"});
}

TEST_CASE("a lone name said as a speaker is a person of its own", "[people]") {
  Document doc = Run("Audy juga berbagi pengalaman tentang tim humas di daerahnya.");
  CHECK(Names(doc) == Strings{"Audy"});
}

TEST_CASE("role phrases link the person to the title and the organisation", "[people]") {
  struct Row {
    std::string text, name, title;
    std::optional<std::string> org;
    bool acting = false, former = false;
  };
  std::vector<Row> rows = {
      {"Acara dibuka oleh Kepala Bagian Humas dan Informasi Publik KPU RI Reni Rinjani.", "Reni Rinjani",
       "Kepala Bagian Humas dan Informasi Publik", "KPU RI"},
      {"Narasumber utama, Plt. Sekretaris Komisi Pemilihan Umum Provinsi Kalimantan Timur M.Samsul Kadir, "
       "membagikan praktik baik.",
       "M.Samsul Kadir", "Sekretaris", "Komisi Pemilihan Umum Provinsi Kalimantan Timur", true},
      {"Rapat dipimpin Ketua Bawaslu Kabupaten Kupang, Yosef Lede, sejak pagi.", "Yosef Lede", "Ketua",
       "Bawaslu Kabupaten Kupang"},
      {"Hadir pula Melkianus Adoe selaku Kepala Dinas Pendidikan Kota Kupang.", "Melkianus Adoe",
       "Kepala Dinas Pendidikan", "Kota Kupang"},
      {"Kegiatan dihadiri mantan Bupati Kupang Ayub Titu Eki.", "Ayub Titu Eki", "Bupati", "Kupang", false,
       true},
      {"Hal itu disampaikan Kapolres Kupang Kota AKBP Rudi Hartono kepada wartawan.", "Rudi Hartono",
       "Kapolres", "Kupang Kota"},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    const Person* p = Find(doc, r.name);
    REQUIRE(p);
    REQUIRE(p->roles.size() == 1);
    CHECK(p->roles[0].title == r.title);
    CHECK(p->roles[0].organization == r.org);
    CHECK(p->roles[0].acting == r.acting);
    CHECK(p->roles[0].former == r.former);
  }
}

TEST_CASE("a role divides after the organisation and is shared by two names", "[people]") {
  Document doc = Run(
      "Rapat didampingi Anggota KPU Provinsi NTT Divisi Perencanaan, Data dan Informasi, Baharudin Hamzah. "
      "Hadir juga Anggota Bawaslu RI Lolly Suhenty serta Puadi Sanusi.");
  const Person* b = Find(doc, "Baharudin Hamzah");
  REQUIRE(b);
  REQUIRE(b->roles.size() == 1);
  CHECK(b->roles[0].title == "Anggota Divisi Perencanaan, Data dan Informasi");
  CHECK(b->roles[0].organization == std::optional<std::string>("KPU Provinsi NTT"));
  for (const char* name : {"Lolly Suhenty", "Puadi Sanusi"}) {
    INFO(name);
    const Person* p = Find(doc, name);
    REQUIRE(p);
    REQUIRE(p->roles.size() == 1);
    CHECK(p->roles[0].organization == std::optional<std::string>("Bawaslu RI"));
  }
}

TEST_CASE("mentions are byte spans that read the name", "[people]") {
  Document doc = Run("“Kami siap,” ujar Ketua KPU Kota Kupang, Ignasius Bere. Menurut Ignasius, semua lancar.");
  const Person* p = Find(doc, "Ignasius Bere");
  REQUIRE(p);
  CHECK(Mentions(doc, *p) == Strings{"Ignasius Bere", "Ignasius"});
}

TEST_CASE("a headline names a person only when the body does", "[people]") {
  Document doc = Run(
      "RENI RINJANI BUKA RAPAT KOORDINASI BAKOHUMAS\n"
      "Kupang — Rapat dibuka oleh Kepala Bagian Humas KPU RI Reni Rinjani pada Senin.\n");
  REQUIRE(Names(doc) == Strings{"Reni Rinjani"});
  CHECK(Mentions(doc, doc.people[0]) == Strings{"RENI RINJANI", "Reni Rinjani"});
  CHECK(Names(Run("Rapat Koordinasi Bakohumas Digelar Secara Daring\nKupang — Rapat digelar pada Senin.\n")).empty());
}

TEST_CASE("places named after people are not people", "[people]") {
  for (const char* t : {"Kantor itu berada di Jalan Gatot Subroto, Jakarta Selatan.",
                        "Korban dirawat di RS Cipto Mangunkusumo sejak kemarin."}) {
    INFO(t);
    CHECK(Names(Run(t)).empty());
  }
}

// Words are read up to eight bytes at a time, but never past the end of the text: a name, a role
// or a long word that ends the text is read like any other.
TEST_CASE("a name and a role that end the text are read whole", "[people]") {
  Document doc = Run("Rapat dibuka oleh Ketua KPU Provinsi NTT Jemris Fointuna");
  REQUIRE(Names(doc) == Strings{"Jemris Fointuna"});
  REQUIRE(doc.people[0].roles.size() == 1);
  CHECK(doc.people[0].roles[0].title == "Ketua");
  CHECK(doc.people[0].roles[0].organization == std::optional<std::string>("KPU Provinsi NTT"));
  CHECK(Names(Run("Kegiatan dibuka Bapak Yohanes Tefa")) == Strings{"Yohanes Tefa"});
  CHECK(Names(Run("Hadir pula Kristoforus Wungubelen")) == Strings{"Kristoforus Wungubelen"});
}

// A text without capitals takes some words as capitalised (Caseless); those must still be
// refused as names when they hold a digit, like any capitalised word.
TEST_CASE("in a text without capitals a word with a digit is no name, even after a speech verb", "[people]") {
  CHECK(Names(Run("presiden datang ke pasar pagi ini. kata jokowi di jakarta, harga beras turun.")) ==
        Strings{"jokowi"});
  CHECK(Names(Run("presiden datang ke pasar pagi ini. kata jokowi2 di jakarta, harga beras turun.")).empty());
}

TEST_CASE("a name is filed under its normalised form, its mentions keep the original", "[people]") {
  // A no-break space, a curly apostrophe and scraped mojibake of one inside the name.
  Document doc = Run("Kepala Dinas Pariwisata Yohanes\u00A0O\u2019Neill Tefa membuka acara itu. "
                     "Sambutan disampaikan Ketua Panitia Andi Awaluddin Ma\u201A\u00C4\u00F4ruf di aula.");
  CHECK(Names(doc) == Strings{"Yohanes O'Neill Tefa", "Andi Awaluddin Ma'ruf"});
  const Person* p = Find(doc, "Yohanes O'Neill Tefa");
  REQUIRE(p);
  CHECK(Mentions(doc, *p) == Strings{"Yohanes\u00A0O\u2019Neill Tefa"});
}

// Describe's per-thread memo of capitalised words holds 2^13 of them; a document with more
// makes it forget in the middle of the document, which must change nothing that is found.
TEST_CASE("a document with more capitalised words than the memo holds reads the same", "[people]") {
  std::string filler;
  for (int k = 0; k < 9000; ++k) {
    std::string w = "Zq";
    for (int v = k; v > 0; v /= 26) w.push_back(char('a' + v % 26));
    filler += (k % 8 == 0 ? "Kemudian " : "") + w + (k % 8 == 7 ? " datang.\n" : " ");
  }
  const std::string body =
      "Rapat dibuka oleh Bapak Yohanes Tefa yang hadir sejak pagi. \"Kita siap,\" ujar Yohanes.";
  for (int round = 0; round < 2; ++round) {  // the second time the memo knows the words
    INFO("round " << round);
    Document doc = Run(filler + body);
    const Person* p = Find(doc, "Yohanes Tefa");
    REQUIRE(p);
    CHECK(Mentions(doc, *p) == Strings{"Yohanes Tefa", "Yohanes"});
    CHECK(p->honorifics == Strings{"Bapak"});
  }
}

// The memo of capitalised words has two generations and is emptied only between documents:
// documents that fill it again and again (here about 3000 new words each) change nothing that
// is found in one read before, between and after them.
TEST_CASE("a document reads the same after the word memo has filled and moved on", "[people]") {
  const std::string body =
      "Kepala Dinas Pariwisata Yohanes Tefa membuka acara itu. \"Kita siap,\" ujar Yohanes. "
      "Sambutan disampaikan Ketua Panitia Andi Awaluddin di aula.";
  auto read = [&] {
    Document doc = Run(body);
    Strings out = Names(doc);
    for (const Person& p : doc.people)
      for (const auto& m : Mentions(doc, p)) out.push_back(p.name + " @ " + m);
    return out;
  };
  const Strings first = read();
  REQUIRE(Find(Run(body), "Yohanes Tefa"));
  for (int d = 0; d < 8; ++d) {
    std::string filler;
    for (int k = 0; k < 3000; ++k) {
      std::string w = "Qx";
      for (int v = d * 3000 + k; v > 0; v /= 26) w.push_back(char('a' + v % 26));
      filler += w + (k % 8 == 7 ? " datang.\n" : " ");
    }
    Run(filler);
    INFO("after filler document " << d);
    CHECK(read() == first);
  }
}

TEST_CASE("short mentions join their full names among many people", "[people]") {
  // Nine full names: more words than the short mentions' lookup scans, so it searches them.
  const Strings names = {"Adlun Fiqri",    "Bonifasius Bria", "Cornelis Tapatab", "Dominggus Sabneno", "Everd Manafe",
                         "Markus Nenoliu",    "Gerson Balukh",   "Hendrik Luan",     "Imanuel Nenobais"};
  std::string text;
  for (const std::string& n : names) text += "Kami siap bekerja, ujar " + n + ". ";
  for (const std::string& n : names) text += n.substr(n.find(' ') + 1) + " menegaskan hal itu. ";
  Document doc = Run(text);
  REQUIRE(Names(doc) == names);
  for (const std::string& n : names)
    CHECK(Mentions(doc, *Find(doc, n)) == Strings{n, n.substr(n.find(' ') + 1)});
}
