// Texts for comparing the places and organizations stages with their fast paths on and off
// (StageSettings::fast_paths): the releases of corpus/ and corpus/staging/, sentences written
// for these tests in the register of regional press releases (invented people, real regions
// and institutions), and sentences made from the lexicons' own names (every n-th regency,
// district, village, institution and head word) in the shapes the stages read: after a cue,
// bare near their regency, in small letters, in a Title Case headline.
//   for (const std::string& text : testing::EntityCorpus()) {
//     Document a = testing::BeforeEntities(text), b = a;  … run each way, compare …
//   }
#ifndef WARTA_TESTS_ENTITY_CORPUS_H_
#define WARTA_TESTS_ENTITY_CORPUS_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "document.h"
#include "testing.h"
#include "text/utf8.h"

namespace warta::testing {

// Sentences written for these tests, each one document (and all of them together one more).
// They reach the paths the filters guard: cues of every level and their abbreviations, a street
// cue in small letters, names with hyphens, initials and punctuation, text beyond ASCII, links
// after a name, a dateline, Title Case, bodies of the lexicon (in capitals, as written, in small
// letters), head words and their names, suffix words, defined acronyms, regional bodies.
inline const std::vector<std::string>& WrittenSentences() {
  static const std::vector<std::string> kSentences = {
      "KUPANG, ntt.kpu.go.id — KPU Provinsi NTT menggelar rapat pleno terbuka di Kota Kupang.",
      "Kupang - Bawaslu Kabupaten Kupang membuka posko pengaduan di Oelamasi.",
      "JAKARTA, KOMPAS.com - Kementerian Dalam Negeri meminta pemerintah daerah menyiapkan anggaran.",
      "SURABAYA (ANTARA) - Pemerintah Kota Surabaya menambah armada pemadam kebakaran.",
      "Rapat koordinasi digelar di Kantor Gubernur Nusa Tenggara Timur, Jl. El Tari No. 52, Kota Kupang.",
      "Massa berkumpul di jalan Medan Merdeka Barat sebelum bergerak ke Istana Merdeka.",
      "Bantuan beras dikirim ke Kab. Kupang, Kab. Timor Tengah Selatan dan Kab. Belu.",
      "Warga Desa Oelnasi, Kecamatan Kupang Tengah, Kabupaten Kupang menerima bantuan bibit jagung.",
      "Di Kabupaten Kupang, warga Tarus dan Penfui Timur mengikuti vaksinasi massal.",
      "Camat Kupang Tengah meninjau lokasi banjir di Kelurahan Tarus.",
      "Bupati Kupang dan Wali Kota Kupang menandatangani nota kesepahaman.",
      "Gubernur Jawa Timur meresmikan Jembatan Suramadu yang telah diperbaiki.",
      "Pemprov Kaltim bersama Pemkab Kutai Kartanegara menggelar festival budaya.",
      "Kegiatan berlangsung di Gedung Serbaguna Kecamatan Alak, Kota Kupang.",
      "Pesawat mendarat di Bandara El Tari setelah tertunda dua jam.",
      "Penumpang tujuan Bandara Soekarno - Hatta diminta datang lebih awal.",
      "Longsor terjadi di Jl. Trans Sulawesi KM 12, Kabupaten Toli-Toli.",
      "Toli-Toli dan Buol masuk wilayah Provinsi Sulawesi Tengah.",
      "Operasi pasar digelar di Pasar Inpres Naikoten, Kota Kupang.",
      "Pasar Pangan Murah kembali dibuka akhir pekan ini.",
      "Warga RT 05 RW 02 Kelurahan Oebobo bergotong royong membersihkan saluran.",
      "Kapal bersandar di Pelabuhan Tenau Kupang pada Senin pagi.",
      "Delegasi dari Amerika Serikat, Tiongkok, Arab Saudi dan Côte d'Ivoire tiba di Jakarta.",
      "Pertemuan berikutnya digelar di São Paulo, Zürich dan Kuala Lumpur.",
      "Atlet asal Kupang Kota meraih medali emas di Bogor Kota.",
      "Polres Kupang Kota menggelar patroli malam di kawasan Oesapa.",
      "Banjir melanda Jakarta Selatan, Jakarta Timur dan sebagian Kota Bekasi.",
      "Festival budaya digelar di Solo, sementara Jogja bersiap menyambut wisatawan.",
      "Pemilih di NTT, NTB dan Kaltim bertambah menjelang pemilihan.",
      "Informasi lengkap ada di laman kupangkab.go.id dan surel humas@kupangkab.go.id.",
      "Batu itu dipindahkan warga ke tepi jalan.",
      "Batu kembali menjadi tuan rumah pameran bunga tingkat provinsi.",
      "Jalan menuju desa rusak parah setelah hujan deras.",
      "Rapat membahas jawa barat secara umum, kata Budi.",
      "banjir melanda jawa barat dan surabaya, sementara bantuan datang dari malaysia.",
      "harganya tinggal se kupang saja, kata pedagang di pasar.",
      "Warga Desa Sukamaju bergotong royong memperbaiki jembatan.",
      "Kepala Desa Sukamaju, Kecamatan Cibeber, Kabupaten Cianjur, menerima penghargaan.",
      "Warga Gampong Lampulo dan Nagari Pariangan mengikuti lomba kebersihan.",
      "Distrik Abepura dan Distrik Heram menjadi lokasi pendataan penduduk.",
      "Kecamatan Kelapa Lima mencatat kenaikan jumlah pemilih pemula.",
      "Tim SAR menyisir Sungai Benanain dan Pantai Lasiana sejak pagi.",
      "Pengunjung Taman Nasional Komodo dibatasi selama musim kawin.",
      "Konser amal digelar di Stadion Gelora Bung Karno, Jakarta.",
      "Rombongan menginap di Hotel Sasando Kupang selama tiga hari.",
      "Peserta berkumpul di Lapangan Pancasila Simpang Lima, Semarang.",
      "Upacara berlangsung di Alun-alun Kota Batu.",
      "Kabupaten Aceh Barat Daya dan Kabupaten Aceh Barat sama-sama menetapkan status siaga.",
      "Batu Bara dan Kota Batu mengirim kontingen ke pekan olahraga.",
      "Kotim, Mura dan Bolsel belum menyerahkan laporan.",
      "Komisi Pemilihan Umum (KPU) Provinsi Nusa Tenggara Timur menetapkan daftar pemilih tetap.",
      "Ketua KPU Provinsi NTT membuka acara, didampingi staf KPU NTT.",
      "Rapat dihadiri KPU Kabupaten Kupang dan Bawaslu Kota Kupang.",
      "Laporan diterima Bawaslu Kaltim, lalu diteruskan ke Bawaslu RI.",
      "Edaran dikirim KPU RI ke seluruh daerah.",
      "Dinas Kesehatan Kabupaten Kupang membuka posko kesehatan.",
      "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang melayani perekaman KTP elektronik.",
      "Badan Gizi Nasional (BGN) menambah dapur umum. BGN juga melatih relawan.",
      "Forum Relawan Literasi Desa (FRLD) membagikan buku. FRLD berdiri sejak 2019.",
      "Petugas PT PLN (Persero) memperbaiki gardu yang rusak.",
      "PT Semen Kupang Tbk kembali beroperasi setelah vakum.",
      "Mahasiswa Fakultas Ekonomi Universitas Nusa Cendana mengikuti kuliah umum.",
      "Universitas Indonesia dan Institut Teknologi Bandung menandatangani kerja sama.",
      "Walt Disney Pictures dan Cyrus Network menjalin kemitraan.",
      "Grup ABCD Pictures tayang, sementara Agung Pictures dan Batu Group hadir.",
      "Polda Metro Jaya dan Kodam IX/Udayana menggelar apel bersama.",
      "Pemerintah Kabupaten Kupang dan Pemerintah Kota Kupang menyepakati batas wilayah.",
      "Pemkot Kota Kupang menambah lampu jalan di Oebobo.",
      "Kementerian Dalam Negeri dan Kementerian Keuangan menggelar rapat bersama.",
      "Komisi Pemilihan umum tidak sama dengan Komisi Pemilihan Umum.",
      "Berita ini pertama kali terbit di detikcom dan tvOne.",
      "Liputan detikNews dikutip oleh banyak media daring.",
      "Partai Golkar Jawa Timur menggelar musyawarah daerah.",
      "Partai Golkar Akbar Tandjung disebut dalam laporan lama.",
      "BPBD Kabupaten Kupang dan BMKG Stasiun Klimatologi Kupang mengeluarkan peringatan dini.",
      "BPJS Kesehatan Cabang Kupang menambah loket layanan.",
      "Bank BRI dan Bank BNI membuka layanan di perbatasan.",
      "Kepala Biro Umum Setjen Bawaslu RI Indah Lestari membuka rapat.",
      "Sekretaris Daerah Kabupaten Ende Budi Hakim memimpin apel pagi.",
      "Ketua Bawaslu Kabupaten Ende, Yosef Mari, membuka bimbingan teknis.",
      "Wakil Rektor IV Universitas Nusa Cendana menyambut tamu dari Komisi II DPR.",
      "RSUD Dr. Soetomo menambah ruang isolasi.",
      "RSUD Prof. Dr. W. Z. Johannes Kupang menerima alat kesehatan baru.",
      "Polresta Sidoarjo mengamankan dua tersangka.",
      "Kabinet Merah Putih dilantik di Istana Negara.",
      "Dinas Kesehatan Gelar Vaksinasi Massal di Kota Kupang",
      "Bawaslu Kabupaten Kupang Gelar Patroli Pengawasan Jelang Pemungutan Suara",
      "Dinas Pendidikan dan Kebudayaan Provinsi Nusa Tenggara Timur menyalurkan bantuan.",
      "Riset & Teknologi menjadi fokus Badan Riset dan Inovasi Nasional (BRIN).",
      "Koperasi Merah Putih Desa Oelnasi menyalurkan pupuk.",
      "Perumda Air Minum Tirta Lontar melayani pelanggan baru.",
      "Komite Nasional Keselamatan Transportasi menyelidiki kecelakaan di Selat Sunda.",
      "Satgas Penanganan Bencana Kabupaten Sikka mendirikan tenda darurat.",
      "Kapolres Sikka, AKBP Drs. Hendra Wijaya, S.I.K., memimpin apel siaga.",
      "Wakil Gubernur Kalimantan Barat (Kalbar) Siti Rahma meninjau perbatasan.",
      "Sekretaris Jenderal (Sekjen) Kemendagri Andi Pratama memberi arahan.",
      "Asisten I Setda Kabupaten Kupang membuka rapat koordinasi.",
      "Bawaslu Bolsel Arthur Mamonto menerima laporan warga.",
      "Kepala Bagian Keuangan Slamet Riyadi menjelaskan realisasi anggaran.",
      "Kantor Wilayah Kementerian Hukum Nusa Tenggara Timur membuka layanan paspor.",
      "Kanwil Kemenkumham NTT dan Kejaksaan Tinggi NTT menandatangani perjanjian kerja sama.",
      "Direktorat Jenderal Kependudukan dan Pencatatan Sipil menerbitkan edaran baru.",
      "Mahkamah Konstitusi menolak gugatan yang diajukan pemohon.",
      "Pengadilan Negeri Kupang menggelar sidang perdana.",
      "Ikatan Dokter Indonesia Cabang Kupang menggelar seminar.",
      "Himpunan Mahasiswa Islam dan Gerakan Mahasiswa Nasional Indonesia berdialog.",
      "Kabupaten Kepulauan Seribu berbeda dengan Kepulauan Riau.",
      "Kep. Riau, Kepri dan Kepulauan Bangka Belitung mengirim atlet.",
      "Warga Kelurahan Kelapa Lima dan Kelurahan Oesapa Barat menggelar lomba.",
      "Kec. Maulafa dan Kel. Penfui menjadi lokasi pendataan.",
      "Lokasi berada di Komplek Perumahan BTN Kolhua, Kota Kupang.",
      "Wisatawan mengunjungi Danau Kelimutu dan Gunung Mutis.",
      "Jembatan Liliba di Kota Kupang ditutup sementara.",
      "Warga Dusun Oenaek, Desa Oelnasi, menerima bantuan.",
      "KPU Kota Kupang dan KPU Kabupaten Kupang Ikut Rapat Di Jakarta",
      "Nusa Tenggara Timur, Nusa Tenggara Barat dan Bali menjadi tujuan wisata.",
      "Nusa  Tenggara   Timur ditulis dengan spasi berlebih.",
      "Pendaftaran dibuka di kupang.go.id hingga Jumat.",
      "Sosialisasi dilakukan di Desa Noelbaki, Desa Oelnasi dan Desa Tanah Merah.",
      "Acara dihadiri perwakilan dari Tiongkok, Jepang, Korea Selatan dan Timor Leste.",
      "Atambua, Betun dan Kefamenanu berada di Pulau Timor.",
      "Gempa dirasakan warga Sumba Barat Daya, Sumba Tengah dan Sumba Timur.",
      "Ende, Sikka dan Flores Timur berada di Pulau Flores.",
      "Kegiatan dilaksanakan di Balai Kota Kupang dan Kantor Bupati Kupang.",
      "Kantor Camat Taebenu berada di Desa Baumata.",
      "Baumata, Kuaklalo dan Oeltua termasuk Kecamatan Taebenu, Kabupaten Kupang.",
  };
  return kSentences;
}

// The text of every release in corpus/ and corpus/staging/ (NAME.txt).
inline std::vector<std::string> CorpusReleases() {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const char* dir : {"/corpus", "/corpus/staging"})
    for (const auto& e : fs::directory_iterator(std::string(WARTA_SOURCE_DIR) + dir))
      if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

// Sentences made from the lexicons' names, eight to a document so that a document names a
// regency and then its districts and villages bare (the places stage's second pass).
inline std::vector<std::string> LexiconDocuments() {
  const Lexicon& lex = Lexicons();
  std::vector<std::string> sentences;
  // Villages with their district and regency: after cues, then bare; every 97th (about 860).
  const auto& villages = lex.Rows("places/villages.tsv", 2);
  const auto& districts = lex.Rows("places/districts.tsv", 2);
  const auto& regencies = lex.Rows("places/regencies.tsv", 3);
  auto parent = [](const std::vector<LexiconRow>& rows, const std::string& code) -> std::string {
    for (const LexiconRow& r : rows)
      if (r.fields[0] == code) return r.fields[1];
    return "";
  };
  for (size_t k = 0; k < villages.size(); k += 97) {
    const std::string& code = villages[k].fields[0];
    const std::string& village = villages[k].fields[1];
    std::string district = parent(districts, code.substr(0, 8)), regency = parent(regencies, code.substr(0, 5));
    switch (k / 97 % 4) {
      case 0:
        sentences.push_back("Warga Desa " + village + ", Kecamatan " + district + ", " + regency +
                            " menerima bantuan bibit.");
        break;
      case 1:
        sentences.push_back("Di " + regency + ", petani " + village + " dan " + district + " mulai menanam.");
        break;
      case 2:
        sentences.push_back("Kantor Camat " + district + " berada di Kelurahan " + village + ".");
        break;
      default:
        sentences.push_back(village + " dan " + district + " termasuk " + regency + ".");
    }
  }
  // Every 5th regency and every 53rd district, bare and after a cue, one in small letters.
  for (size_t k = 0; k < regencies.size(); k += 5) {
    std::string name = regencies[k].fields[1];
    std::string bare = name.substr(name.find(' ') + 1);
    sentences.push_back("Bupati " + bare + " meninjau " + name + " bersama Dinas Kesehatan " + name + ".");
    sentences.push_back("Tim dari " + bare + " tiba di " + utf8::Lower(name) + " kemarin.");
  }
  for (size_t k = 0; k < districts.size(); k += 53)
    sentences.push_back("Rapat di Kec. " + districts[k].fields[1] + " dihadiri Camat " + districts[k].fields[1] + ".");
  // Every 3rd institution as written, in capitals and with a region; every head word with a tail.
  const auto& institutions = lex.Rows("organizations/institutions.tsv", 4);
  for (size_t k = 0; k < institutions.size(); k += 3) {
    const std::string& form = institutions[k].fields[0];
    const std::string& name = institutions[k].fields[1];
    sentences.push_back("Perwakilan " + form + " Provinsi Nusa Tenggara Timur hadir dalam rapat.");
    if (name != "-") sentences.push_back(name + " (" + form + ") menggelar sosialisasi di Kota Kupang.");
    sentences.push_back("Laporan " + utf8::Lower(form) + " dan " + form + " Kupang dibahas.");
  }
  for (const LexiconRow& row : lex.Rows("organizations/heads.tsv", 2)) {
    const std::string& head = row.fields[0];
    if (row.fields[1] == "suffix") sentences.push_back("Produksi Flobamora Nusa " + head + " dimulai pekan ini.");
    else sentences.push_back(head + " Pelayanan dan Pengembangan Kabupaten Kupang menggelar rapat kerja.");
  }
  std::vector<std::string> docs;
  for (size_t k = 0; k < sentences.size(); k += 8) {
    std::string doc;
    for (size_t j = k; j < sentences.size() && j < k + 8; ++j) doc += sentences[j] + (j % 3 == 2 ? "\n\n" : " ");
    docs.push_back(doc);
  }
  return docs;
}

// Every text of the comparisons: the releases, each written sentence and all of them together,
// the lexicon documents.
inline const std::vector<std::string>& EntityCorpus() {
  static const std::vector<std::string> kTexts = [] {
    std::vector<std::string> out = CorpusReleases();
    std::string all;
    for (const std::string& s : WrittenSentences()) {
      out.push_back(s);
      all += s + "\n\n";
    }
    out.push_back(all);
    for (std::string& d : LexiconDocuments()) out.push_back(std::move(d));
    return out;
  }();
  return kTexts;
}

// A document as the places stage finds it: the pipeline's run of text, with every entity and
// every token key (Document::TokenKey's memo) cleared.
inline Document BeforeEntities(const std::string& text) {
  Document doc = Run(text, "2025-10-30");
  doc.places.clear();
  doc.organizations.clear();
  doc.people.clear();
  doc.quotes.clear();
  std::fill(doc.token_keys.begin(), doc.token_keys.end(), 0);
  return doc;
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_ENTITY_CORPUS_H_
