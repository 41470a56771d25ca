// The input side: bytes → UTF-8 text (decode), HTML → visible text, title and date (html),
// jsonl lines and raw units → Documents (reader).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "error.h"
#include "input/decode.h"
#include "input/html.h"
#include "input/reader.h"
#include "testing.h"

namespace {

bool HasWarning(const std::vector<warta::Warning>& warnings, const std::string& code, const std::string& part = "") {
  for (const warta::Warning& w : warnings)
    if (w.code == code && w.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("bytes that are not UTF-8 are decoded and the encoding is named", "[input]") {
  struct Row { std::string bytes, text, warning, names; };
  std::vector<Row> rows = {
      {"Rapat di Kupang.", "Rapat di Kupang.", "", ""},
      {"\xEF\xBB\xBFRapat", "Rapat", "", ""},  // BOM dropped
      // Windows-1252 curly quotes, en dash and é, as an Indonesian Word export writes them
      {"\x93Siap,\x94 kata Kepala Dinas \x96 Caf\xE9.", "\xE2\x80\x9CSiap,\xE2\x80\x9D kata Kepala Dinas \xE2\x80\x93 Caf\xC3\xA9.",
       "decoded-charset", "windows-1252"},
      // a few broken bytes in UTF-8 text stay UTF-8, each ill-formed subpart one U+FFFD
      {"Joko \xFF\xFE Widodo \xC3\xA9", "Joko \xEF\xBF\xBD\xEF\xBF\xBD Widodo \xC3\xA9", "invalid-utf8", "2 invalid"},
      {std::string("\xFF\xFEJ\x00o\x00k\x00o\x00", 10), "Joko", "decoded-charset", "UTF-16LE"},
      // ICU's detector takes this for Turkish (windows-1254); it is Windows-1252 and named so
      {"Kepala Dinas mengatakan bahwa pembangunan jalan di kabupaten itu akan selesai tahun depan. \x93Kami siap,\x94 ujarnya.",
       "Kepala Dinas mengatakan bahwa pembangunan jalan di kabupaten itu akan selesai tahun depan. \xE2\x80\x9CKami siap,\xE2\x80\x9D ujarnya.",
       "decoded-charset", "windows-1252"},
  };
  for (const Row& r : rows) {
    INFO(r.bytes);
    warta::Decoded d = warta::DecodeBytes(r.bytes);
    CHECK(d.text == r.text);
    if (r.warning.empty()) CHECK(d.warnings.empty());
    else CHECK(HasWarning(d.warnings, r.warning, r.names));
  }
}

TEST_CASE("HTML gives the story's visible text without page furniture", "[input]") {
  struct Row { std::string html, text; };
  std::vector<Row> rows = {
      {"<p>Bupati tiba.</p><p>Rapat dimulai.</p>", "Bupati tiba.\n\nRapat dimulai."},
      {"<body><nav>Beranda</nav><p>Isi berita.</p><footer>Hak cipta</footer></body>", "Isi berita."},
      {"<aside>Terpopuler</aside><p>Isi <script>x()</script>berita<style>p{}</style>.</p>", "Isi berita."},
      {"<div role=\"navigation\">Menu</div><div role=\"banner\">Logo</div><p>Isi.</p>", "Isi."},
      {"<p hidden>a</p><p aria-hidden=\"true\">b</p><p style=\"DISPLAY: none\">c</p><p>Isi.</p>", "Isi."},
      {"<header>Portal</header><main><p>Dalam main.</p></main><p>Di luar.</p>", "Dalam main."},
      {"<div>Portal</div><article><p>Satu artikel.</p></article>", "Satu artikel."},
      {"<article><p>Satu.</p></article><article><p>Dua.</p></article>", "Satu.\n\nDua."},
      {"<p>Baris satu<br>baris   dua</p>", "Baris satu\nbaris dua"},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    CHECK(warta::ExtractHtml(r.html).text == r.text);
  }
}

TEST_CASE("the HTML title is og:title, else h1, else <title>", "[input]") {
  struct Row { std::string html, title; };
  std::vector<Row> rows = {
      {"<head><title>Tab</title><meta property=\"og:title\" content=\"Judul OG\"></head><h1>Judul H1</h1>", "Judul OG"},
      {"<head><title>Tab</title></head><body><h1>Judul  H1</h1></body>", "Judul H1"},
      {"<head><title>Judul Tab</title></head><body><p>Isi.</p></body>", "Judul Tab"},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    auto content = warta::ExtractHtml(r.html);
    REQUIRE(content.title);
    CHECK(*content.title == r.title);
  }
  CHECK_FALSE(warta::ExtractHtml("<p>Tanpa judul.</p>").title);
}

TEST_CASE("the HTML publication date comes from metadata, else a visible <time>, as written", "[input]") {
  struct Row { std::string html, date; };
  std::vector<Row> rows = {
      {"<meta property=\"article:published_time\" content=\"2025-10-27T09:15:00+08:00\"><time datetime=\"2024-01-01\">",
       "2025-10-27T09:15:00+08:00"},
      {"<meta itemprop=\"datePublished\" content=\"2025-10-26\">", "2025-10-26"},
      {"<span itemprop=\"datePublished\" content=\"2025-10-25\">25/10</span>", "2025-10-25"},
      {"<aside><time datetime=\"2024-01-01\"></time></aside><p>Kamis <time datetime=\"2025-10-23\">23/10</time></p>",
       "2025-10-23"},
      // JSON-LD: the article's date, not the web page's; inside "@graph" too
      {R"(<script type="application/ld+json">{"@context":"https://schema.org","@graph":[)"
       R"({"@type":"WebPage","datePublished":"2025-01-01T00:00:00+07:00"},)"
       R"({"@type":"NewsArticle","datePublished":"2025-10-22T14:40:00+07:00"}]}</script><p>Isi.</p>)",
       "2025-10-22T14:40:00+07:00"},
      {R"(<script type="application/ld+json">[{"@type":["Article"],"datePublished":"Selasa, 21 Oktober 2025"}]</script>)"
       R"(<time datetime="2024-01-01">)",
       "Selasa, 21 Oktober 2025"},
      // Open Graph's article:published_time outranks JSON-LD and itemprop
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-10-20"}</script>)"
       R"(<meta itemprop="datePublished" content="2025-10-19"><meta property="article:published_time" content="2025-10-18">)",
       "2025-10-18"},
      {R"(<meta name="pubdate" content="2025-10-17 08:00:00"><time datetime="2024-01-01">)", "2025-10-17 08:00:00"},
      // a broken JSON-LD block is passed over
      {R"(<script type="application/ld+json">{"datePublished": </script><time datetime="2025-10-16">)", "2025-10-16"},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    auto content = warta::ExtractHtml(r.html);
    REQUIRE(content.published);
    CHECK(*content.published == r.date);
  }
  CHECK_FALSE(warta::ExtractHtml("<p>Tanpa tanggal.</p>").published);
}

TEST_CASE("the HTML url is the canonical link, else og:url", "[input]") {
  struct Row { std::string html; std::optional<std::string> url; };
  std::vector<Row> rows = {
      {R"(<link rel="canonical" href="https://kpu.go.id/berita/1"><meta property="og:url" content="https://m.kpu.go.id/1">)",
       "https://kpu.go.id/berita/1"},
      {R"(<meta property="og:url" content="https://m.kpu.go.id/1"><link rel="Canonical nofollow" href="https://kpu.go.id/2">)",
       "https://kpu.go.id/2"},
      {R"(<meta property="og:url" content="https://m.kpu.go.id/1"><p>Isi.</p>)", "https://m.kpu.go.id/1"},
      {R"(<link rel="stylesheet" href="gaya.css"><link rel="canonical" href=""><p>Isi.</p>)", std::nullopt},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    CHECK(warta::ExtractHtml(r.html).url == r.url);
  }
}

TEST_CASE("HTML nested far too deep is flattened, not parsed in quadratic time", "[input]") {
  std::string deep = "<body>";
  for (int i = 0; i < 20000; ++i) deep += "<div><span>";
  deep += "Joko tiba.";
  for (int i = 0; i < 20000; ++i) deep += "</span></div>";
  auto content = warta::ExtractHtml(deep + "</body>");
  CHECK(content.text == "Joko tiba.");
  CHECK(HasWarning(content.warnings, "html-too-deep"));

  struct Row { std::string html, flat; size_t dropped; };
  std::vector<Row> rows = {
      {"<div><div><b>x</b></div></div>", "<div>x</div>", 2},
      {"<div><p>a<p>b<br><img src=x></div>", "<div><p>a<p>b<br><img src=x></div>", 0},  // p, br, img do not nest
      {"<div><script>if (a<b) {}</script><!-- <div> --></div>", "<div><script>if (a<b) {}</script><!-- <div> --></div>",
       0},
      {"<div title=\"a>b\"><i>x</i></div>", "<div title=\"a>b\">x</div>", 1},
  };
  for (const Row& r : rows) {
    INFO(r.html);
    size_t dropped = 99;
    CHECK(warta::FlattenDeepNesting(r.html, 1, &dropped) == r.flat);
    CHECK(dropped == r.dropped);
  }
}

TEST_CASE("a jsonl line becomes a document or an error naming file and line", "[input]") {
  warta::Document doc;
  warta::ParseJsonlLine(R"({"id":"k1","text":"Rapat.","title":"Judul","published":"2025-10-27","kanal":"daerah"})",
                        "news.jsonl:3", "news.jsonl#3", doc);
  CHECK_FALSE(doc.error);
  CHECK(doc.id == "k1");
  CHECK(doc.text == "Rapat.");
  CHECK(doc.given_title == std::optional<std::string>("Judul"));
  CHECK(doc.given_published == "2025-10-27");  // read by the pipeline
  CHECK(doc.meta_json == R"({"kanal":"daerah"})");

  struct Row { std::string line, code, id; };
  std::vector<Row> rows = {
      {R"({"id":"k2","text":"putus)", "invalid-json", "news.jsonl#3"},
      {R"(["text"])", "invalid-json", "news.jsonl#3"},
      {R"({"id":"k4"})", "missing-text", "k4"},
      {R"({"id":5,"text":42})", "missing-text", "5"},
      {R"({"id":"","text":42})", "missing-text", "news.jsonl#3"},
  };
  for (const Row& r : rows) {
    INFO(r.line);
    warta::Document d;
    warta::ParseJsonlLine(r.line, "news.jsonl:3", "news.jsonl#3", d);
    REQUIRE(d.error);
    CHECK(d.error->code == r.code);
    CHECK(d.error->message.find("news.jsonl:3") != std::string::npos);
    CHECK(d.id == r.id);
  }
}

TEST_CASE("an empty jsonl id falls back to FILE#LINE (fuzz finding: empty id)", "[input]") {
  warta::Document doc;
  warta::ParseJsonlLine(R"({"id":"","text":"Jakarta 2012-10-28"})", "news.jsonl:7", "news.jsonl#7", doc);
  CHECK_FALSE(doc.error);
  CHECK(doc.id == "news.jsonl#7");
}

TEST_CASE("a raw unit from standard input carries no stream position in its record", "[input]") {
  warta::RawInput raw;
  raw.path = "-";
  raw.format = warta::InputFormat::kJsonl;
  raw.line = 12;
  raw.bytes = R"({"text":"Rapat."})";
  warta::Document doc;
  warta::ToDocument(raw, doc);
  CHECK(doc.id == "stdin#12");
  REQUIRE(doc.source);
  CHECK_FALSE(doc.source->line);

  raw.path = "news.jsonl";
  warta::ToDocument(raw, doc);
  CHECK(doc.id == "news.jsonl#12");
  CHECK(doc.source->line == std::optional<uint64_t>(12));

  warta::RawInput html;
  html.path = "rilis.html";
  html.format = warta::InputFormat::kHtml;
  html.bytes = "<meta property=\"og:title\" content=\"Judul\"><link rel=\"canonical\" href=\"https://a.id/1\">"
               "<meta property=\"article:published_time\" content=\"2025-10-27T09:15:00+08:00\"><p>Isi.</p>";
  warta::ToDocument(html, doc);
  CHECK(doc.id == "rilis.html");
  CHECK(doc.text == "Isi.");
  CHECK(doc.given_title == std::optional<std::string>("Judul"));
  CHECK(doc.url == std::optional<std::string>("https://a.id/1"));
  CHECK(doc.given_published == "2025-10-27T09:15:00+08:00");
  CHECK(doc.source->bytes == html.bytes.size());
}

TEST_CASE("jsonl strings, escapes and other values decode as a strict JSON parser does", "[input]") {
  struct Row { std::string line, text, meta; };
  std::vector<Row> rows = {
      {R"({"text":"Kata \"Siap\"\\ \/ \b\f\n\r\t."})", "Kata \"Siap\"\\ / \b\f\n\r\t.", ""},
      {R"({"text":"Caf\u00e9 \u201cok\u201d \ud83d\ude00"})", "Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80", ""},
      {" { \"text\" : \"a\" , \"n\" : -1.5e3 , \"tags\" : [\"x\", {\"y\": \"}\"}], \"ok\": true, \"z\": null } \r",
       "a", R"({"n":-1500.0,"ok":true,"tags":["x",{"y":"}"}],"z":null})"},
      {R"({"text":"Hari ini","kanal":"daerah, \"NTT\""})", "Hari ini", R"({"kanal":"daerah, \"NTT\""})"},
      {R"({"text":"pertama","text":"kedua"})", "kedua", ""},  // a repeated key: the last one counts
  };
  for (const Row& r : rows) {
    INFO(r.line);
    warta::Document doc;
    warta::ParseJsonlLine(r.line, "n.jsonl:1", "n.jsonl#1", doc);
    REQUIRE_FALSE(doc.error);
    CHECK(doc.text == r.text);
    CHECK(doc.meta_json == r.meta);
  }
  for (std::string broken : {R"({"text":"\ud83d"})", R"({"text":"\udc00 x"})", "{\"text\":\"tab\there\"}",
                             R"({"text":"a"} x)", R"({"text":"a",})", R"({"text":"\x"})", R"({"text":"a", "n": 01})",
                             R"({"text" "a"})", R"({"text":"a")"}) {
    INFO(broken);
    warta::Document doc;
    warta::ParseJsonlLine(broken, "n.jsonl:1", "n.jsonl#1", doc);
    REQUIRE(doc.error);
    CHECK(doc.error->code == "invalid-json");
  }
}

TEST_CASE("a document reused for the next unit keeps nothing of the last but memory", "[input]") {
  warta::RawInput raw;
  raw.path = "news.jsonl";
  raw.format = warta::InputFormat::kJsonl;
  raw.line = 1;
  raw.bytes = R"({"id":"a","text":")" + std::string(3000, 'x') + R"( \"kutip\"","title":"Judul","kanal":"daerah"})";
  warta::Document doc;
  warta::ToDocument(raw, doc);
  REQUIRE(doc.text.size() == 3008);
  doc.norm = doc.text;
  doc.tokens.resize(500);
  doc.people.emplace_back();
  doc.Warn("x", "y");
  const size_t text_capacity = doc.text.capacity(), tokens_capacity = doc.tokens.capacity();

  raw.line = 2;
  raw.bytes = R"({"text":"Rapat."})";
  warta::ToDocument(raw, doc);
  CHECK(doc.id == "news.jsonl#2");
  CHECK(doc.text == "Rapat.");
  CHECK_FALSE(doc.given_title);
  CHECK(doc.meta_json.empty());
  CHECK(doc.norm.empty());
  CHECK(doc.tokens.empty());
  CHECK(doc.people.empty());
  CHECK(doc.warnings.empty());
  CHECK(doc.source->line == std::optional<uint64_t>(2));
  CHECK(doc.text.capacity() == text_capacity);  // decoded into the memory of the last text
  CHECK(doc.tokens.capacity() == tokens_capacity);

  // A failed line leaves no text of the one before.
  raw.bytes = R"({"id":"c"})";
  warta::ToDocument(raw, doc);
  REQUIRE(doc.error);
  CHECK(doc.text.empty());
}

TEST_CASE("jsonl lines read into one reused unit come out whole", "[input]") {
  auto path = warta::testing::ScratchPath("reuse.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id":"1","text":")" << std::string(5000, 'a') << "\"}\n"
        << "\n"
        << R"({"id":"2","text":"b"})" << "\r\n"
        << R"({"id":"3","text":")" << std::string(100, 'c') << "\"}";  // no final newline
  }
  warta::Options options;
  options.inputs = {path.string()};
  options.input = warta::InputFormat::kJsonl;
  warta::InputReader reader(options);
  warta::RawInput raw;
  std::vector<std::pair<uint64_t, size_t>> got;  // line, text size
  warta::Document doc;
  while (reader.Next(raw)) {
    warta::ToDocument(raw, doc);
    REQUIRE_FALSE(doc.error);
    got.push_back({*raw.line, doc.text.size()});
  }
  std::filesystem::remove(path);
  CHECK(got == std::vector<std::pair<uint64_t, size_t>>{{1, 5000}, {3, 1}, {4, 100}});
}

TEST_CASE("an input's id depends neither on the working directory nor on the spelling of its path", "[input]") {
  struct Row { std::string argument, name; };
  std::vector<Row> rows = {
      {"-", "stdin"},
      {"rilis.txt", "rilis.txt"},
      {"./rilis.txt", "rilis.txt"},
      {"../arsip/2025/rilis.txt", "rilis.txt"},
      {"/data/arsip//2025/rilis.txt", "rilis.txt"},
  };
  for (const Row& r : rows) {
    INFO(r.argument);
    CHECK(warta::InputName(r.argument) == r.name);
  }
}

TEST_CASE("ids of a run are unique: a name met before gets ~2, ~3 in input order", "[input]") {
  auto dir = warta::testing::ScratchPath("names");
  std::filesystem::create_directories(dir / "a" / "2025");
  std::filesystem::create_directories(dir / "b" / "2025");
  for (auto f : {dir / "a" / "2025" / "r.txt", dir / "b" / "2025" / "r.txt", dir / "r.txt"})
    std::ofstream(f) << "Rapat.";
  warta::Options options;
  options.inputs = {(dir / "a").string(), (dir / "b").string() + "/", (dir / "a" / "2025" / "r.txt").string(),
                    (dir / "r.txt").string()};
  warta::InputReader reader(options);
  std::vector<std::string> ids;
  warta::Document doc;
  while (reader.Next(doc)) ids.push_back(doc.id);
  std::filesystem::remove_all(dir);
  CHECK(ids == std::vector<std::string>{"2025/r.txt", "2025/r.txt~2", "r.txt", "r.txt~2"});
  CHECK(reader.renamed() == 2);
}

TEST_CASE("a folder walk leaves out files whose first bytes say binary, PDFs apart", "[input]") {
  using warta::Sniffed;
  struct Row { std::string head; Sniffed kind; };
  std::vector<Row> rows = {
      {"Rapat di Kupang.", Sniffed::kText},
      {"Rapat \x93Pendidikan\x94 di Kupang.", Sniffed::kText},  // Windows-1252 text is text
      {std::string("\xFF\xFEJ\x00o\x00", 6), Sniffed::kText},   // UTF-16 with a BOM
      {std::string("Joko\x00Widodo", 11), Sniffed::kBinary},       // a NUL byte
      {"\x89PNG\r\n\x1A\nxxxx", Sniffed::kBinary},
      {"\xFF\xD8\xFF\xE0xx", Sniffed::kBinary},                   // JPEG
      {"PK\x03\x04xx", Sniffed::kBinary},                          // .docx, .xlsx, .zip
      {"\x7F" "ELF\x02\x01", Sniffed::kBinary},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Sniffed::kBinary},  // .doc
      {"GIF89a", Sniffed::kBinary},
      {"RIFFxxxxWEBPVP8", Sniffed::kBinary},
      {"%PDF-1.7\n", Sniffed::kPdf},
      {"BMKG memperkirakan hujan.", Sniffed::kText},  // "BM" (bitmap) starts Indonesian words too
      {"MZ Tour meraih penghargaan.", Sniffed::kText},
  };
  for (const Row& r : rows) {
    INFO(r.head);
    CHECK(warta::SniffContent(r.head) == r.kind);
  }
}

TEST_CASE("glob and exclude patterns match the path below the folder as .gitignore does", "[input]") {
  struct Row {
    std::vector<std::string> globs, excludes;
    std::string path;
    bool admitted;
  };
  std::vector<Row> rows = {
      {{"*.txt"}, {}, "rilis.txt", true},
      {{"*.txt"}, {}, "2025/10/rilis.TXT", true},  // any depth, either case
      {{"*.txt"}, {}, "2025/rilis.html", false},
      {{"2025/*.txt"}, {}, "2025/rilis.txt", true},
      {{"2025/*.txt"}, {}, "2025/10/rilis.txt", false},  // * stops at "/"
      {{"/2025/*.txt"}, {}, "2025/rilis.txt", true},    // a leading "/" changes nothing
      {{"2025/**"}, {}, "2025/10/rilis.txt", true},
      {{"**/lampiran/*.p?g"}, {}, "2025/10/lampiran/foto.png", true},
      {{"**/lampiran/*.p?g"}, {}, "lampiran/foto.png", true},  // ** may be no folder at all
      {{"2025"}, {}, "2025/10/rilis.txt", true},               // a matching folder takes all below it
      {{"rilis-[0-9][0-9].txt"}, {}, "rilis-07.txt", true},
      {{"rilis-[!0-9]*.txt"}, {}, "rilis-07.txt", false},
      {{"\\*.txt"}, {}, "*.txt", true},
      {{"\\*.txt"}, {}, "a.txt", false},
      {{}, {"*.bak"}, "2025/rilis.bak", false},
      {{}, {"*.bak"}, "2025/rilis.txt", true},
      {{"*.txt"}, {"draf-*"}, "2025/draf-1.txt", false},
      {{}, {"lampiran/"}, "lampiran", true},  // a trailing "/" matches folders only
  };
  for (const Row& r : rows) {
    INFO(r.path);
    warta::PathFilter filter(r.globs, r.excludes);
    CHECK(filter.Admits(r.path) == r.admitted);
  }
  warta::PathFilter folders({}, {"lampiran/", "2025/draf"});
  CHECK(folders.ExcludesFolder("lampiran"));
  CHECK(folders.ExcludesFolder("2025/10/lampiran"));
  CHECK(folders.ExcludesFolder("2025/draf"));
  CHECK_FALSE(folders.ExcludesFolder("2024/draf"));
  CHECK_THROWS_AS(warta::PathFilter({""}, {}), warta::Error);
  CHECK_THROWS_AS(warta::PathFilter({}, {"/"}), warta::Error);
}

TEST_CASE("jsonl keys are options, and a line without its text names the key that seems to hold it", "[input]") {
  warta::JsonlKeys keys;
  keys.text = "isi";
  keys.id = "kode";
  keys.title = "judul";
  keys.published = "terbit";
  keys.url = "tautan";
  warta::Document doc;
  warta::ParseJsonlLine(R"({"kode":"k1","isi":"Rapat.","judul":"Judul","terbit":"2025-10-27","tautan":"https://a","text":"lain"})",
                        "n.jsonl:1", "n.jsonl#1", doc, keys);
  REQUIRE_FALSE(doc.error);
  CHECK(doc.id == "k1");
  CHECK(doc.text == "Rapat.");
  CHECK(doc.given_title == std::optional<std::string>("Judul"));
  CHECK(doc.url == std::optional<std::string>("https://a"));
  CHECK(doc.given_published == std::optional<std::string>("2025-10-27"));  // read by the pipeline
  CHECK(doc.meta_json == R"({"text":"lain"})");  // "text" is just another member now

  struct Row { std::string line, message; };
  std::vector<Row> rows = {
      {R"({"id":"a","content":"Bupati Ende tiba di Kupang.","judul":"Kunjungan"})",
       "n.jsonl:3: the object has no string \"text\" (is the text in \"content\"? then give --text-field content)"},
      {R"({"id":"a","kode":"x"})", "n.jsonl:3: the object has no string \"text\""},
      {R"({"id":"a","text":42})", "n.jsonl:3: the member \"text\" is not a string but number"},
  };
  for (const Row& r : rows) {
    INFO(r.line);
    warta::ParseJsonlLine(r.line, "n.jsonl:3", "n.jsonl#3", doc);
    REQUIRE(doc.error);
    CHECK(doc.error->code == "missing-text");
    CHECK(doc.error->message == r.message);
  }
}
