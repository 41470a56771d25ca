// Tokeniser cases: each row is a text and the tokens UD Indonesian expects of it.
#include <catch2/catch.hpp>

#include "fast_paths.h"
#include "stages/tokenize.h"
#include "testing.h"
#include "text/chars.h"

using warta::testing::Forms;
using warta::testing::Run;
using Tokens = std::vector<std::string>;

namespace {

struct Row {
  std::string text;
  Tokens want;
};

void CheckRows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO(r.text);
    CHECK(Forms(Run(r.text, "", "tokenize")) == r.want);
  }
}

// The words of a document: a split token gives its two parts, joined by "+".
std::vector<std::string> Words(const warta::Document& doc) {
  std::vector<std::string> out;
  for (const warta::Token& t : doc.tokens) {
    if (!t.clitic) {
      out.emplace_back(doc.Original(t.span));
      continue;
    }
    std::string form(doc.Original({t.span.start, t.clitic}));
    form += '+';
    form += doc.Original({t.clitic, t.span.end});
    out.push_back(form);
  }
  return out;
}

}  // namespace

TEST_CASE("abbreviations, titles and degrees keep their periods", "[tokenize]") {
  CheckRows({
      {"Plt. Sekretaris Kab. Kupang", {"Plt.", "Sekretaris", "Kab.", "Kupang"}},
      {"Plh. Kadis dan Pj. Bupati", {"Plh.", "Kadis", "dan", "Pj.", "Bupati"}},
      {"Yohanes, S.H., M.Si. hadir", {"Yohanes", ",", "S.H.", ",", "M.Si.", "hadir"}},
      {"Ir. Agus, M.A.P. dan Ani, S.Sos., M.M.",
       {"Ir.", "Agus", ",", "M.A.P.", "dan", "Ani", ",", "S.Sos.", ",", "M.M."}},
      {"drg. Rina, Ph.D. dan dr. Yosef", {"drg.", "Rina", ",", "Ph.D.", "dan", "dr.", "Yosef"}},
      {"KH. Hasyim dan Hj. Siti", {"KH.", "Hasyim", "dan", "Hj.", "Siti"}},
      {"M.Samsul Kadir", {"M.", "Samsul", "Kadir"}},
      {"A. Yani", {"A.", "Yani"}},
      {"Agus D.W. Martowardojo", {"Agus", "D.W.", "Martowardojo"}},
      {"Prof. Dr. Ir. H. Budi", {"Prof.", "Dr.", "Ir.", "H.", "Budi"}},
      {"buku, pena, dll. dibawa", {"buku", ",", "pena", ",", "dll.", "dibawa"}},
      {"Jl. Eltari No. 5 Kel. Oebobo Kec. Oebobo",
       {"Jl.", "Eltari", "No.", "5", "Kel.", "Oebobo", "Kec.", "Oebobo"}},
      {"PT Bank NTT Tbk. dan Sampoerna Pte. Ltd.",
       {"PT", "Bank", "NTT", "Tbk.", "dan", "Sampoerna", "Pte.", "Ltd."}},
      {"Yth. Bapak s.d. Ibu", {"Yth.", "Bapak", "s.d.", "Ibu"}},
      // A closing abbreviation that ends the sentence gives up its period.
      {"beras, gula, dll. Warga senang", {"beras", ",", "gula", ",", "dll", ".", "Warga", "senang"}},
      {"dibeli Nippon Steel Corp. Rencana itu", {"dibeli", "Nippon", "Steel", "Corp", ".", "Rencana", "itu"}},
      {"Sampoerna Co. Ltd. (SPA)", {"Sampoerna", "Co.", "Ltd.", "(", "SPA", ")"}},
  });
}

TEST_CASE("numbers, times, dates and money stay whole", "[tokenize]") {
  CheckRows({
      {"Rp9.000 dan 1.250.000 pemilih", {"Rp", "9.000", "dan", "1.250.000", "pemilih"}},
      {"naik 3,5 persen", {"naik", "3,5", "persen"}},
      {"17 persen atau 45% suara", {"17", "persen", "atau", "45", "%", "suara"}},
      {"pukul 10.00 WITA", {"pukul", "10.00", "WITA"}},
      {"pukul 09:30", {"pukul", "09:30"}},
      {"Senin (27/10)", {"Senin", "(", "27/10", ")"}},
      {"27/10/2025 dan 27-10-2025", {"27/10/2025", "dan", "27-10-2025"}},
      {"per 2025-10-27 dan Senin-Rabu (27-29/10)",
       {"per", "2025-10-27", "dan", "Senin-Rabu", "(", "27-29/10", ")"}},
      {"tahap ke-3", {"tahap", "ke-3"}},
      {"Nomor 7/2017 tentang Pemilu", {"Nomor", "7/2017", "tentang", "Pemilu"}},
      {"PMK Nomor 34/PMK.011/2007", {"PMK", "Nomor", "34/PMK.011/2007"}},
      {"hubungi 0380-821234", {"hubungi", "0380-821234"}},
      {"pukul 09.30-12.00 WITA", {"pukul", "09.30-12.00", "WITA"}},
      {"senilai US$6,4 miliar", {"senilai", "US", "$", "6,4", "miliar"}},
      {"luas 60 km² saja", {"luas", "60", "km²", "saja"}},
      {"tahun 1960-an", {"tahun", "1960-an"}},
  });
}

TEST_CASE("pairs of names and ranges of amounts split, numeric and calendar ranges stay whole",
          "[tokenize]") {
  CheckRows({
      {"kurs Rp9.100/9.105 per dolar", {"kurs", "Rp", "9.100", "/", "9.105", "per", "dolar"}},
      {"tumbuh 6,2-6,8 persen", {"tumbuh", "6,2", "-", "6,8", "persen"}},
      {"kurs Rp9.000-9.300", {"kurs", "Rp", "9.000", "-", "9.300"}},
      {"sasaran 6-6,5 persen", {"sasaran", "6", "-", "6,5", "persen"}},
      {"tol Jakarta-Bandung dan sinergi TNI-Polri",
       {"tol", "Jakarta", "-", "Bandung", "dan", "sinergi", "TNI", "-", "Polri"}},
      {"APBN-P dan Al-Azhar", {"APBN-P", "dan", "Al-Azhar"}},
      {"dan/atau", {"dan", "/", "atau"}},
      {"Mellon S/A dan C/O PT", {"Mellon", "S/A", "dan", "C/O", "PT"}},
      {"tahun 2020-2024, Kamis-Jumat, 30-31 Oktober",
       {"tahun", "2020-2024", ",", "Kamis-Jumat", ",", "30-31", "Oktober"}},
      {"periode Januari-Maret", {"periode", "Januari-Maret"}},
  });
}

TEST_CASE("URLs, e-mail, domains, hashtags and mentions stay whole", "[tokenize]") {
  CheckRows({
      {"Kupang, ntt.kpu.go.id —", {"Kupang", ",", "ntt.kpu.go.id", "—"}},
      {"JAKARTA, KOMPAS.com -", {"JAKARTA", ",", "KOMPAS.com", "-"}},
      {"lihat https://kpu.go.id/berita.", {"lihat", "https://kpu.go.id/berita", "."}},
      {"di www.bawaslu.go.id, atau", {"di", "www.bawaslu.go.id", ",", "atau"}},
      {"surel humas@kpu.go.id.", {"surel", "humas@kpu.go.id", "."}},
      {"#PemiluDamai @kpu_ri", {"#PemiluDamai", "@kpu_ri"}},
  });
}

TEST_CASE("quotes, brackets and dashes are tokens of their own", "[tokenize]") {
  auto doc = Run("“Kami siap,” ujar Reni (KPU) — hari-hari ini.", "", "tokenize");
  CHECK(Forms(doc) ==
        Tokens{"“", "Kami", "siap", ",", "”", "ujar", "Reni", "(", "KPU", ")", "—", "hari-hari", "ini", "."});
  CheckRows({
      {"kata \"siap\" dan 'ya'", {"kata", "\"", "siap", "\"", "dan", "'", "ya", "'"}},
      {"Kupang – Rapat [1]", {"Kupang", "–", "Rapat", "[", "1", "]"}},
      {"ujarnya: ``Siap.''", {"ujarnya", ":", "``", "Siap", ".", "''"}},
      {"analis Moody's dan Jum'at", {"analis", "Moody", "'s", "dan", "Jum'at"}},
      {"kata-kata sehari-hari", {"kata-kata", "sehari-hari"}},
      {"Apa benar?! Ya...", {"Apa", "benar", "?", "!", "Ya", "..."}},
  });
}

TEST_CASE("clitics split into a second word, lexicalised forms stay whole", "[tokenize]") {
  auto doc = Run("rumahnya hanya punya lainnya", "", "tokenize");
  REQUIRE(doc.tokens.size() == 4);
  CHECK(doc.tokens[0].clitic == doc.tokens[0].span.start + 5);
  CHECK(doc.tokens[1].clitic == 0);
  CHECK(doc.tokens[2].clitic == 0);
  CHECK(doc.tokens[3].clitic == 0);
  struct WordRow {
    std::string text;
    std::vector<std::string> want;
  };
  std::vector<WordRow> rows = {
      {"kepadanya bukuku rumahmu", {"kepada+nya", "buku+ku", "rumah+mu"}},
      {"Apakah tidaklah ataupun", {"Apa+kah", "tidak+lah", "atau+pun"}},
      {"adalah telah sekolah masalah", {"adalah", "telah", "sekolah", "masalah"}},
      {"berkatalah dibunuhlah bermasalah bersekolah",
       {"berkata+lah", "dibunuh+lah", "bermasalah", "bersekolah"}},
      {"menikah suku ilmu kamu Maluku", {"menikah", "suku", "ilmu", "kamu", "Maluku"}},
      {"biasanya sebelumnya ditanya", {"biasanya", "sebelumnya", "ditanya"}},
      {"cita-citanya hamba-Ku", {"cita-cita+nya", "hamba-+Ku"}},
      {"ke-nya 2nya", {"ke-nya", "2nya"}},
  };
  for (const WordRow& r : rows) {
    INFO(r.text);
    CHECK(Words(Run(r.text, "", "tokenize")) == r.want);
  }
}

TEST_CASE("token spans are byte ranges of the original text, across normalisation", "[tokenize]") {
  std::string text =
      "Kecamatan\xC2\xAC\xE2\x80\xA0 Tanjungpinang\xE2\x80\x8B Timur";  // "¬†" and a zero-width space
  auto doc = Run(text, "", "tokenize");
  CHECK(Forms(doc) == Tokens{"Kecamatan", "Tanjungpinang", "Timur"});
  auto curly = Run("“Rumahnya” di Kupang", "", "tokenize");
  REQUIRE(curly.tokens.size() == 5);
  CHECK(curly.Original({curly.tokens[1].span.start, curly.tokens[1].clitic}) == "Rumah");
}

TEST_CASE("the run of ASCII letters ends where the byte-by-byte test says", "[tokenize]") {
  // Every byte value, at every position of a 40-byte window (the 16- and 8-byte steps, the tail).
  auto slow = [](std::string_view s, size_t i) {
    while (i < s.size() && warta::chars::IsAsciiLetter(static_cast<unsigned char>(s[i]))) ++i;
    return i;
  };
  for (int b = 0; b < 256; ++b) {
    for (size_t at = 0; at < 40; ++at) {
      std::string s(40, 'k');
      s[at] = char(b);
      for (size_t from : {size_t(0), size_t(3), size_t(17), size_t(30), size_t(39), size_t(40)}) {
        INFO("byte " << b << " at " << at << " from " << from);
        CHECK(warta::chars::SkipAsciiLetters(s, from) == slow(s, from));
      }
    }
  }
  CHECK(warta::chars::SkipAsciiLetters("", 0) == 0);
  CHECK(warta::chars::SkipAsciiLetters("AZaz@[`{", 0) == 4);
}

TEST_CASE("a word before one period splits it off unless a domain, run, currency, initial or abbreviation begins there",
          "[tokenize]") {
  CheckRows({
      {"lalu. Riau.,Penangkapan", {"lalu", ".", "Riau", ".", ",", "Penangkapan"}},
      {"berlanjut.,\"Saat", {"berlanjut", ".", ",", "\"", "Saat"}},
      {"KOMPAS.com ntt.kpu.go.id www.kpu.go.id", {"KOMPAS.com", "ntt.kpu.go.id", "www.kpu.go.id"}},
      {"dst.. Rp.9000 USD.5", {"dst.", ".", "Rp.", "9000", "USD", ".", "5"}},
      {"M. Yani A.,\"Kosovo", {"M.", "Yani", "A", ".", ",", "\"", "Kosovo"}},
      {"Kab. Kupang dll.,Warga", {"Kab.", "Kupang", "dll.", ",", "Warga"}},
      {"kata.kata ABC.-x word.- akhir.", {"kata", ".", "kata", "ABC", ".", "-", "x", "word", ".", "-", "akhir", "."}},
  });
}

TEST_CASE("the tokenizer leaves a zero key per token, which TokenKey fills with the lower case's hash",
          "[tokenize]") {
  warta::Document doc = Run("Ketua KPU Provinsi NTT, Jum’at (27/10), di KUPANG.", "", "tokenize");
  REQUIRE(doc.token_keys.size() == doc.tokens.size());
  for (uint64_t k : doc.token_keys) CHECK(k == 0);
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    INFO(doc.Norm(doc.tokens[i]));
    CHECK(doc.TokenKey(i) == warta::hash::WordKey(warta::utf8::Lower(doc.Norm(doc.tokens[i]))));
    CHECK(doc.token_keys[i] == doc.TokenKey(i));  // kept
  }
  // The extract stages leave the keys they used, filled, beside the zeros of the others.
  warta::Document done = Run("Ketua KPU Provinsi NTT di Kupang.", "2025-10-30");
  REQUIRE(done.token_keys.size() == done.tokens.size());
  for (size_t i = 0; i < done.tokens.size(); ++i)
    if (done.token_keys[i]) CHECK(done.token_keys[i] == done.ComputeTokenKey(i));
}

// The fast paths against their plain twin (StageSettings), over the corpus, the documents of
// tests/fast_paths.txt and their variants, and long runs (fast_paths.h): every field of every
// document, this stage's and the later stages', must come out the same.
TEST_CASE("the fast paths give the tokens of the general path, offsets and clitics included", "[tokenize]") {
  const warta::Tokenizer plain(warta::testing::Lexicons(), warta::testing::kPlain);
  CHECK(warta::testing::PlainPathDifference(plain) == "");
}
