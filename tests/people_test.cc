// People: names, honorifics, degrees, roles and short mentions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "error.h"
#include "stages/people.h"
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
      // Degrees as they are typed: periods and commas dropped or doubled, even across a sentence
      // end the splitter puts inside them.
      {"Sosialisasi dibuka Yohanes Bele, SH.,MH di aula kantor camat.", "Yohanes Bele", {}, {"SH.", "MH"}},
      {"Paparan disampaikan Maria Tukan, S.Sos.,M.AP dan diikuti peserta.", "Maria Tukan", {}, {"S.Sos.", "M.AP"}},
      {"Menurut Hendrikus Wae, S.K.M., M,Si, kasus itu menurun.", "Hendrikus Wae", {}, {"S.K.M.", "M,Si"}},
      // A bare "MA" after a name and a comma is no degree (it may be the court).
      {"Gugatan Stefanus Nuwa, MA tolak pekan lalu.", "Stefanus Nuwa", {}, {}},
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
  // ("jokowi" is an alias of aliases.tsv: the person takes its canonical name.)
  CHECK(Names(Run("presiden datang ke pasar pagi ini. kata jokowi di jakarta, harga beras turun.")) ==
        Strings{"Joko Widodo"});
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

// The token reader's per-thread memo of capitalised words holds 2^13 of them; a document with more
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

namespace {

// Everything the stage writes of a person, one line each, for comparing two runs.
std::string Dump(const Document& doc) {
  std::ostringstream out;
  for (const Person& p : doc.people) {
    out << p.name << " |";
    for (const auto& h : p.honorifics) out << " h:" << h;
    for (const auto& d : p.degrees) out << " d:" << d;
    for (const auto& m : p.mentions) out << " @" << m.start << "-" << m.end;
    for (const auto& r : p.roles)
      out << " r:" << r.title << "/" << r.organization.value_or("-") << "/" << r.acting << r.former << "@"
          << r.span.start << "-" << r.span.end;
    out << "\n";
  }
  return out.str();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A few hundred short releases written from parts, in the shapes the stage parses: roles before
// and after names, honorifics and degrees, speech verbs, coordination, places named after
// people, dates with month-like names, headlines in capitals, text all in lower case.
std::vector<std::string> MadeUpReleases() {
  const std::vector<std::string> given = {"Yohanes", "Maria Goreti", "Ni Luh Putu", "I Made", "Agus", "Slamet",
                                          "Indah", "Bagus", "Siti", "Muhammad", "Abdul", "Andi", "Teuku",
                                          "Dewi", "Fransiskus", "Rahmat", "Sukri", "Jemris", "Zainal", "M.",
                                          "Melkianus", "Yosef", "Arthur", "Putri", "A. Yani", "Hamzah"};
  const std::vector<std::string> family = {"Tefa", "Lestari", "Riyadi", "Hakim", "Santoso", "Nahak", "Bere",
                                           "Fointuna", "Adoe", "Lede", "Wungubelen", "Manafe", "Sabneno",
                                           "Hasibuan", "Kadir", "Rinjani", "bin Abdullah", "Bria", "Nenoliu"};
  const std::vector<std::string> honorific = {"", "", "Bapak ", "Ibu ", "H. ", "Dr. ", "Ir. ", "drg. ", "KH. ",
                                              "AKBP ", "Irjen Pol. ", "Pak ", "dr. "};
  const std::vector<std::string> degree = {"", "", ", S.H.", ", M.Si.", ", S.Sos., M.AP", ", S.Pd.", ", S.I.K."};
  const std::vector<std::string> role = {"Ketua", "Wakil Ketua", "Kepala Bagian Umum",
                                         "Kepala Bagian Humas dan Informasi Publik", "Sekretaris",
                                         "Plt. Kepala Dinas Kesehatan", "Anggota", "mantan Bupati", "Bupati",
                                         "Wali Kota", "Kapolres", "Camat", "Asisten I", "Wakil Rektor IV",
                                         "kuasa hukum", "juru bicara", "Kasat Resnarkoba", "Sekretaris Daerah",
                                         "Pj. Gubernur", "Plh. Kepala Biro Umum", "Kepala Seksi", "anggota"};
  const std::vector<std::string> org = {"KPU RI", "KPU Provinsi NTT", "Bawaslu Kabupaten Ende",
                                        "Komisi Pemilihan Umum Provinsi Kalimantan Timur", "Polres Belu",
                                        "Setda Provinsi NTT", "Universitas Nusa Cendana", "Kota Kupang",
                                        "DPRD Kota Kupang", "Partai NasDem", "Kecamatan Kelapa Lima",
                                        "Kalimantan Barat (Kalbar)", "Setjen Bawaslu RI", "Kabupaten Kupang", ""};
  const std::vector<std::string> after = {"ujar", "kata", "tegas", "jelas", "tutur", "imbuh"};
  const std::vector<std::string> before = {"mengatakan", "menjelaskan", "menegaskan", "berharap"};
  const std::vector<std::string> place = {"Kupang", "Atambua", "Jakarta", "Ende", "Jalan Gatot Subroto",
                                          "RS Cipto Mangunkusumo", "Kelurahan Oebobo", "aula kantor"};
  uint64_t state = 20251101;
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    state = state * 6364136223846793005ull + 1442695040888963407ull;  // (Knuth's MMIX LCG)
    return v[(state >> 33) % v.size()];
  };
  auto name = [&] { return pick(given) + " " + pick(family); };
  std::vector<std::string> out;
  for (int d = 0; d < 400; ++d) {
    const std::string n = name(), n2 = name(), r = pick(role), o = pick(org), p = pick(place);
    const std::string first = n.substr(0, n.find(' '));
    const std::string said = "\"Kami siap mendukung,\" " + pick(after) + " " + r + " " + o + ", " +
                             pick(honorific) + n + pick(degree) + ".";
    const std::vector<std::string> sentences = {
        r + " " + o + " " + n + " membuka kegiatan sosialisasi di " + p + " pada Senin (27/10).",
        said,
        pick(honorific) + n + pick(degree) + ", " + r + " " + o + ", " + pick(before) + " bahwa tahapan lancar.",
        n + " selaku " + r + " " + o + " hadir bersama " + n2 + ".",
        "Rapat dipimpin oleh " + pick(honorific) + n + " dan " + n2 + " di " + p + ".",
        n + " dan " + n2 + " dilantik sebagai " + r + " dan Wakil " + r + " " + o + ".",
        "Menurut " + n + ", kegiatan itu penting. " + first + " juga berbagi pengalaman.",
        "Kegiatan digelar di " + p + " pada 12 Agus 2024 dan dihadiri " + n + ".",
        "Kantor " + o + " berada di " + p + ", dekat " + r + " " + n + ".",
    };
    std::string text;
    for (int k = 0; k < 1 + d % 4; ++k) text += pick(sentences) + (k % 2 ? "\n" : " ");
    if (d % 7 == 3) {  // a headline in capitals over the body
      std::string head = n + " Hadiri Rapat Koordinasi " + o;
      for (char& c : head) c = char(std::toupper(static_cast<unsigned char>(c)));
      text = head + "\n" + text;
    }
    if (d % 11 == 5)  // all in lower case
      for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(text);
  }
  return out;
}

}  // namespace

// The people stage keeps filters and memos in front of its work (the shape filter of the flag
// table, the word index's filter, the per-thread memo of words, the in-place reading of lower-case
// words, the marks, the headline count while reading, the full-name word bits, the scans of a
// few words); StageSettings::fast_paths = false takes the plain path everywhere. Both must find
// the same people, to the byte.
TEST_CASE("the people stage finds the same people with its fast paths off as with them on", "[people]") {
  namespace fs = std::filesystem;
  std::vector<std::string> texts;
  const fs::path corpus = fs::path(WARTA_SOURCE_DIR) / "corpus";
  for (const fs::path& dir : {corpus, corpus / "staging"})
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".txt") texts.push_back(ReadFile(entry.path()));
  const size_t corpus_texts = texts.size();
  REQUIRE(corpus_texts >= 20);
  for (std::string& t : MadeUpReleases()) texts.push_back(std::move(t));
  std::string crowd;  // more capitalised words than the memo holds: it forgets mid-document
  for (int k = 0; k < 9000; ++k) {
    std::string w = "Zq";
    for (int v = k; v > 0; v /= 26) w.push_back(char('a' + v % 26));
    crowd += w + (k % 8 == 7 ? " datang bersama Bapak Yohanes Tefa.\n" : " ");
  }
  texts.push_back(crowd);

  // The stages before people once; then each way over a copy. All documents run the fast way
  // first, so that the memo of words carries from document to document as in a batch.
  std::vector<Document> docs;
  for (const std::string& t : texts) {
    Document doc = Run(t);
    doc.people.clear();
    docs.push_back(std::move(doc));
  }
  const warta::PeopleFinder fast(warta::testing::Lexicons());
  const warta::PeopleFinder plain(warta::testing::Lexicons(), warta::StageSettings{.fast_paths = false});
  std::vector<std::string> fast_people;
  size_t people = 0, roles = 0;
  for (const Document& d : docs) {
    Document doc = d;
    fast.Run(doc);
    fast_people.push_back(Dump(doc));
    people += doc.people.size();
    for (const Person& p : doc.people) roles += p.roles.size();
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    Document doc = docs[i];
    plain.Run(doc);
    INFO((i < corpus_texts ? "corpus text " : "made-up text ") << i << ": " << texts[i].substr(0, 300));
    CHECK(Dump(doc) == fast_people[i]);
  }
  // The texts exercise the stage: many people and roles, not an empty comparison.
  CHECK(people > 500);
  CHECK(roles > 250);
}

namespace {

// A copy of the lexicons with people/weights.tsv replaced by `weights` (a scratch folder).
std::filesystem::path LexiconsWithWeights(const std::string& name, const std::string& weights) {
  namespace fs = std::filesystem;
  const fs::path dir = warta::testing::ScratchPath(name);
  fs::remove_all(dir);
  fs::copy(fs::path(WARTA_SOURCE_DIR) / "lexicons", dir, fs::copy_options::recursive);
  std::ofstream(dir / "people" / "weights.tsv") << weights;
  return dir;
}

}  // namespace

TEST_CASE("the weights of the evidence come from weights.tsv, each named once", "[people]") {
  namespace fs = std::filesystem;
  const std::string weights = ReadFile(fs::path(WARTA_SOURCE_DIR) / "lexicons" / "people" / "weights.tsv");
  Document doc = Run("Audy juga berbagi pengalaman tentang tim humas di daerahnya.");
  doc.people.clear();
  doc.entity_spans.clear();  // (the rules alone: a person span of the tagger would vouch for "Audy")
  // "Audy": one unknown word opening the sentence (-1) before a speech verb (+2): a person. With
  // the speech verb worth nothing, no person.
  {
    const fs::path dir = LexiconsWithWeights("weights", [&] {
      std::string w = weights;
      w.replace(w.find("speech_verb_after\t2"), 19, "speech_verb_after\t0");
      return w;
    }());
    const warta::Lexicon lexicon(dir.string());
    Document a = doc, b = doc;
    warta::PeopleFinder(warta::testing::Lexicons()).Run(a);
    warta::PeopleFinder(lexicon).Run(b);
    CHECK(Names(a) == Strings{"Audy"});
    CHECK(Names(b).empty());
    fs::remove_all(dir);
  }
  // A weight left out, or one no scorer knows, is an error naming the file.
  for (const std::string& bad : {weights.substr(0, weights.find("acronym_after")),
                                 weights + "bonus_word\t3\n", weights + "initial\ttwo\n"}) {
    const fs::path dir = LexiconsWithWeights("weights-bad", bad);
    const warta::Lexicon lexicon(dir.string());
    try {
      warta::PeopleFinder finder(lexicon);
      FAIL("no error for a bad weights.tsv");
    } catch (const warta::Error& e) {
      CHECK(std::string(e.what()).find("people/weights.tsv") != std::string::npos);
    }
    fs::remove_all(dir);
  }
}

// The trained tagger's person spans (doc.entity_spans) set the bounds of a name and vouch for
// names whose words are common words; honorifics, degrees and roles stay the rules'.
TEST_CASE("the tagger's person spans give names their bounds and a score", "[people]") {
  struct Row {
    std::string text;
    Strings names;
  };
  const std::vector<Row> rows = {
      {"Kegiatan tersebut dihadiri Slamet Riyanto dan Bagus Setiawan dari Dinas Pertanian Kabupaten Ende.",
       {"Slamet Riyanto", "Bagus Setiawan"}},
      {"Sidang dipimpin hakim ketua Budi Hakim Sitorus di Pengadilan Negeri Kupang, Senin.", {"Budi Hakim Sitorus"}},
      {"Laporan itu dipaparkan Kepala Bagian Keuangan Sekretariat Daerah, Indah Permatasari, kepada para kepala dinas.",
       {"Indah Permatasari"}},
      {"Menurut dia, teknologi Wolbachia sudah diuji, dan nyamuk dengan wolbachia dilepas di tiga kelurahan.", {}},
      // One word that is also a common word, opening the sentence: the rules' evidence is low
      // (kOneWordAgainst), the tagger's span vouches for it.
      {"Maria membawa pulang dua medali dari kejuaraan daerah di Kupang.", {"Maria"}},
      {"Firman meyakini laporan keuangan dinas itu sudah sesuai aturan.", {"Firman"}},
      {"Sutan menjawab singkat pertanyaan wartawan di halaman kantor bupati.", {"Sutan"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    CHECK(Names(doc) == r.names);
    for (const Person& p : doc.people) {
      REQUIRE(p.score);
      CHECK(*p.score >= 0.0f);
      CHECK(*p.score <= 1.0f);
    }
  }
  Document doc = Run("Materi disampaikan Dr. Ir. Slamet Riyanto, S.H., M.Si. di aula kantor bupati.");
  const Person* p = Find(doc, "Slamet Riyanto");
  REQUIRE(p);
  CHECK(p->honorifics == Strings{"Dr.", "Ir."});
  CHECK(p->degrees == Strings{"S.H.", "M.Si."});
}

TEST_CASE("a well-known figure takes the canonical name of aliases.tsv, and its forms merge", "[people]") {
  struct Row {
    std::string text;
    Strings names;
  };
  const std::vector<Row> rows = {
      {"Presiden Joko Widodo meninjau bendungan itu. Jokowi mengatakan air irigasi cukup untuk dua musim.",
       {"Joko Widodo"}},
      {"Jokowi membuka rapat kerja nasional di Istana Negara, Senin.", {"Joko Widodo"}},
      // An alias counts only as the whole name: a longer name that starts like one is someone else.
      {"Laporan itu disampaikan Kepala Bidang Anggaran Sri Mulyani Tambunan kepada dewan.", {"Sri Mulyani Tambunan"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    CHECK(Names(doc) == r.names);
  }
  Document doc = Run(rows[0].text);
  REQUIRE(doc.people.size() == 1);
  CHECK(Mentions(doc, doc.people[0]) == Strings{"Joko Widodo", "Jokowi"});
}

TEST_CASE("a short form the text defines for common words is a term, not a person", "[people]") {
  struct Row {
    std::string text;
    Strings names;
  };
  const std::vector<Row> rows = {
      {"Kementerian Perindustrian menggelar Gelar Karya Kriya (Gekrya) di Kupang. "
       "Gekrya dibuka Senin (3/11) oleh Bupati Kupang Yosef Lede.",
       {"Yosef Lede"}},
      {"Dinas Sosial menggelar Pelatihan Pendamping Desa (Pelpendes) di aula kantor bupati. "
       "Pelpendes ditutup Jumat sore oleh Kepala Dinas Sosial Marthen Lalang.",
       {"Marthen Lalang"}},
  };
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    CHECK(Names(doc) == r.names);
  }
  // A person's short name follows a name, not common words: it stays a person's.
  Document doc = Run("Camat Kelapa Lima Dominggus Ndun (Domi) membuka kegiatan itu. Domi meminta warga menjaga kebersihan.");
  bool domi = false;
  for (const Person& p : doc.people)
    for (const std::string& m : Mentions(doc, p)) domi = domi || m == "Domi";
  CHECK(domi);
}

TEST_CASE("a name the tagger ends on a middle initial keeps the word the rules read after it", "[people]") {
  static const warta::PeopleFinder people(warta::testing::Lexicons());
  const std::string text = "Rapat dibuka oleh Kepala Bappeda Kabupaten Ende Yosef D. Lega di aula kantor bupati.";
  Document doc = Run(text, "2025-10-30");
  doc.people.clear();
  doc.entity_spans.clear();
  const size_t at = text.find("Yosef D.");
  warta::EntitySpan e;
  e.type = warta::EntityType::kPerson;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.tokens[i].span.start == at) e.first_token = i;
    if (doc.tokens[i].span.end == at + std::string("Yosef D.").size()) e.end_token = i + 1;
  }
  REQUIRE(e.end_token > e.first_token);
  e.span = {doc.tokens[e.first_token].span.start, doc.tokens[e.end_token - 1].span.end};
  e.score = 0.9f;
  doc.entity_spans.push_back(e);
  people.Run(doc);
  CHECK(Find(doc, "Yosef D. Lega"));
  CHECK(!Find(doc, "Yosef D."));
}
