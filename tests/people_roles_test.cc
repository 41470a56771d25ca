// People, the role side: the grammar of a title (acting or former marker, modifier and head,
// unit numerals, organisation, region, a short form in brackets, ranks and degrees before the
// holder), coordinated titles and holders, and roles that are not offices.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "stages/people.h"
#include "testing.h"

using warta::Document;
using warta::Person;
using warta::testing::Run;

namespace {

struct Held {
  std::string title;
  std::optional<std::string> org;
  bool acting = false;
  bool operator==(const Held& o) const { return title == o.title && org == o.org && acting == o.acting; }
};

std::ostream& operator<<(std::ostream& os, const Held& h) {
  return os << "{" << h.title << " | " << (h.org ? *h.org : "-") << (h.acting ? " | acting" : "") << "}";
}

const Person* Find(const Document& doc, const std::string& name) {
  for (const Person& p : doc.people)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<Held> Roles(const Person& p) {
  std::vector<Held> out;
  for (const auto& r : p.roles) out.push_back({r.title, r.organization, r.acting});
  return out;
}

struct Row {
  std::string text, name;
  std::vector<Held> roles;
};

void CheckRows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO(r.text);
    Document doc = Run(r.text);
    const Person* p = Find(doc, r.name);
    REQUIRE(p);
    CHECK(Roles(*p) == r.roles);
    for (const auto& role : p->roles) CHECK(doc.Original(role.span).substr(0, role.title.size()) == role.title);
  }
}

}  // namespace

TEST_CASE("a short form in brackets, ranks and honorifics stand between a title and its holder", "[people]") {
  CheckRows({
      {"Rapat koordinasi dibuka Wakil Gubernur Sulawesi Tengah (Sulteng) Marlina Towadi di Palu.",
       "Marlina Towadi",
       {{"Wakil Gubernur", "Sulawesi Tengah"}}},
      {"Sekretaris Jenderal (Sekjen) Kemendagri Yulianus Sarumaha membuka bimbingan teknis itu.",
       "Yulianus Sarumaha",
       {{"Sekretaris Jenderal", "Kemendagri"}}},
      {"Kapolda Maluku Utara, Irjen Pol. Drs. Hendrik Sangadji, memimpin apel gelar pasukan.",
       "Hendrik Sangadji",
       {{"Kapolda", "Maluku Utara"}}},
      {"Sambutan disampaikan Wakil Rektor III Untad Prof. Dr. Arifin Lamasi, M.Si., di aula rektorat.",
       "Arifin Lamasi",
       {{"Wakil Rektor III", "Untad"}}},
      {"Apel dipimpin Sekretaris daerah (Sekda) Banggai Laut Rusli Moidady di halaman kantor bupati.",
       "Rusli Moidady",
       {{"Sekretaris daerah", "Banggai Laut"}}},
      {"Tim menyiapkan kunjungan Kepolisian daerah (Kapolda) Irjen Agus Nugroho ke Tolitoli.", "Agus Nugroho",
       {{"Kapolda", std::nullopt}}},
      {"Menurut Menteri Perhubungan (Menhub) Gita Wiryawan, jadwal penerbangan kembali normal.", "Gita Wiryawan",
       {{"Menteri Perhubungan", std::nullopt}}},
  });
}

TEST_CASE("a part of an organisation named by its kind joins the title before the organisation", "[people]") {
  CheckRows({
      {"Hadir pula Koordinator Sekretariat Bawaslu Kabupaten Sigi Ramli Daeng di lokasi.", "Ramli Daeng",
       {{"Koordinator Sekretariat", "Bawaslu Kabupaten Sigi"}}},
      {"Sekretaris Jenderal Kementerian PUPR Zulkifli Hamid menyerahkan bantuan itu.", "Zulkifli Hamid",
       {{"Sekretaris Jenderal", "Kementerian PUPR"}}},
  });
}

TEST_CASE("a name alone on the line above a role that fills its line holds that role", "[people]") {
  CheckRows({
      {"Warga diminta menjauhi bantaran sungai.\n\nYohanis Lamalo\nKepala Pusat Data dan Informasi BPBD Sulteng",
       "Yohanis Lamalo",
       {{"Kepala Pusat Data dan Informasi", "BPBD Sulteng"}}},
  });
  // A sentence on the line above names no holder.
  Document doc = Run("Bantuan diserahkan kepada Rahmat Lamalo di posko\nKepala Pusat Data dan Informasi BPBD Sulteng");
  const Person* p = Find(doc, "Rahmat Lamalo");
  REQUIRE(p);
  CHECK(p->roles.empty());
}

TEST_CASE("a roman unit numeral belongs to the title or the organisation, I Made to the name", "[people]") {
  CheckRows({
      {"Rapat dipimpin Asisten I Setda Kabupaten Sigi Fransiskus Lamba di ruang kerjanya.", "Fransiskus Lamba",
       {{"Asisten I", "Setda Kabupaten Sigi"}}},
      {"Laporan dibacakan oleh Asisten II Yohanis Kolo, S.E., di hadapan peserta.", "Yohanis Kolo",
       {{"Asisten II", std::nullopt}}},
      {"Kunjungan diterima Wakil Ketua Komisi IV DPRD Bali I Made Sutarja di Denpasar.", "I Made Sutarja",
       {{"Wakil Ketua", "Komisi IV DPRD Bali"}}},
  });
}

TEST_CASE("two titles joined share the organisation and go to their holders in order", "[people]") {
  Document doc = Run(
      "Kegiatan dibuka Ketua dan Anggota Bawaslu Kota Palu, Rusdin Lapasere, Maria Dako dan Yunus Lembang. "
      "Arman Pakaya dan Siti Lamusu resmi dilantik sebagai Wali Kota dan Wakil Wali Kota Gorontalo.");
  struct Want {
    std::string name;
    Held role;
  };
  for (const Want& w : std::vector<Want>{
           {"Rusdin Lapasere", {"Ketua", "Bawaslu Kota Palu"}},
           {"Maria Dako", {"Anggota", "Bawaslu Kota Palu"}},
           {"Yunus Lembang", {"Anggota", "Bawaslu Kota Palu"}},
           {"Arman Pakaya", {"Wali Kota", "Gorontalo"}},
           {"Siti Lamusu", {"Wakil Wali Kota", "Gorontalo"}},
       }) {
    INFO(w.name);
    const Person* p = Find(doc, w.name);
    REQUIRE(p);
    CHECK(Roles(*p) == std::vector<Held>{w.role});
  }
}

TEST_CASE("one title is shared by a list of holders closed by dan", "[people]") {
  Document doc = Run("Pleno dihadiri Anggota KPU Provinsi Sulteng, Nurhayati Lasaka, Daud Pelima dan Agus Tandiono.");
  for (const char* name : {"Nurhayati Lasaka", "Daud Pelima", "Agus Tandiono"}) {
    INFO(name);
    const Person* p = Find(doc, name);
    REQUIRE(p);
    CHECK(Roles(*p) == std::vector<Held>{{"Anggota", "KPU Provinsi Sulteng"}});
  }
}

TEST_CASE("roles that are not offices take their complement and keep their case", "[people]") {
  CheckRows({
      {"Dalam sidang itu, kuasa hukum termohon, Benediktus Ratu, S.H., menolak seluruh dalil.", "Benediktus Ratu",
       {{"kuasa hukum", std::nullopt}}},
      {"Sementara itu, juru bicara pasangan calon nomor urut 1, Hana Mokodompit, membantah tudingan itu.",
       "Hana Mokodompit",
       {{"juru bicara", std::nullopt}}},
      {"Majelis mendengar saksi ahli dari Universitas Tadulako, Dr. Rizal Tombolotutu, S.H., M.H.",
       "Rizal Tombolotutu",
       {{"saksi ahli", std::nullopt}}},
  });
}

TEST_CASE("every role a person holds is kept, with acting where Plt. says so", "[people]") {
  Document doc = Run(
      "Plt. Kepala Dinas Sosial Kabupaten Poso Markus Tampai menerima bantuan itu. "
      "Markus Tampai, Sekretaris Daerah Kabupaten Poso, berharap bantuan segera disalurkan.");
  const Person* p = Find(doc, "Markus Tampai");
  REQUIRE(p);
  CHECK(Roles(*p) == std::vector<Held>{{"Kepala Dinas Sosial", "Kabupaten Poso", true},
                                       {"Sekretaris Daerah", "Kabupaten Poso"}});
}
