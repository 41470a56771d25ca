// The archive index: storing records, idempotent re-indexing, the query translator, name
// keys, facet filters and counts, paging, ranking, read-only opening.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sys/stat.h>

#include "error.h"
#include "index/archive.h"
#include "index/fts_query.h"
#include "index/keys.h"
#include "testing.h"
#include "text/sha256.h"

namespace fs = std::filesystem;
using warta::Archive;

namespace {

// A database path of this test process, its files removed before and after use.
struct TempDb {
  explicit TempDb(const std::string& name) : path(warta::testing::ScratchPath("index-test-" + name + ".db").string()) {
    Remove();
  }
  ~TempDb() { Remove(); }
  operator std::string() const { return path; }
  void Remove() const {
    for (const char* ext : {"", "-wal", "-shm", "-journal"}) fs::remove(path + ext);
  }
  std::string path;
};

// A record as `warta extract --include text` writes it (only the fields the index reads).
std::string Record(const std::string& id, const std::string& sha, const std::string& text, const std::string& date,
                   const std::string& person, const std::string& place_code, const std::string& role = "Ketua",
                   const std::string& place = "Kupang") {
  return R"({"schema":"warta/1","id":")" + id + R"(","source":{"path":")" + id + R"(","sha256":")" + sha +
         R"(","bytes":10},"title":"Rapat )" + id + R"(","dateline":null,"reference_date":")" + date +
         R"(","reference_date_source":"published","published":")" + date + R"(","people":[{"name":")" + person +
         R"(","honorifics":[],"degrees":[],"mentions":[{"text":"x","start":0,"end":1}],"roles":[{"title":")" + role +
         R"(","organization":"KPU Provinsi NTT","acting":false,"text":"x","start":0,"end":1}]}],"organizations":[{"name":"Komisi Pemilihan Umum","acronym":"KPU","mentions":[]}],"places":[{"name":")" +
         place + R"(","type":"kota","code":")" + place_code +
         R"(","province":"Nusa Tenggara Timur","mentions":[]}],"dates":[],"quotes":[{"text":"Kami siap","start":0,"end":9,"speaker":")" +
         person + R"("}],"warnings":[],"text":")" + text + R"("})";
}

// A request with some fields set: Request([](auto& q) { q.places = {"53"}; }).
template <typename F>
warta::SearchRequest Request(F set) {
  warta::SearchRequest q;
  q.limit = 100;
  set(q);
  return q;
}

std::vector<std::string> Ids(const warta::SearchResult& r, bool sorted = true) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

using V = std::vector<std::string>;

std::string FileSha(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return warta::Sha256Hex(bytes);
}

}  // namespace

TEST_CASE("records are stored once per id and replaced when their source changes", "[index]") {
  TempDb temp("idem");
  Archive db(temp.path, Archive::kWrite);
  CHECK(db.Add(Record("a", "s1", "tata kelola Bakohumas", "2025-10-27", "Reni Rinjani", "53.71")) ==
        Archive::AddResult::kAdded);
  CHECK(db.Add(Record("a", "s1", "tata kelola Bakohumas", "2025-10-27", "Reni Rinjani", "53.71")) ==
        Archive::AddResult::kUnchanged);
  CHECK(db.Add(Record("a", "s2", "rapat pleno", "2025-10-28", "Reni Rinjani", "53.71")) ==
        Archive::AddResult::kReplaced);
  CHECK(db.Add(R"({"schema":"warta/1","id":"bad","error":{"code":"unreadable","message":"x"}})") ==
        Archive::AddResult::kSkipped);
  auto st = db.Stats();
  CHECK(st.documents == 1);
  CHECK(db.Search(Request([](auto& q) { q.query = "Bakohumas"; })).total == 0);
  CHECK(db.Search(Request([](auto& q) { q.query = "pleno"; })).total == 1);
}

TEST_CASE("user queries become FTS5 expressions that are never a syntax error", "[index]") {
  struct Case {
    const char* text;
    const char* match;
    bool negated;
  };
  const Case cases[] = {
      // Plain words are searched as written, punctuation and all: the tokenizer splits them
      // as it split the text.
      {"bioskop", R"("bioskop")", false},
      {"bioskop-bioskop", R"("bioskop-bioskop")", false},
      {"F-16", R"("F-16")", false},
      {"Jakarta:", R"("Jakarta:")", false},
      {"Ma'ruf", R"("Ma'ruf")", false},
      {"'a'", R"("'a'")", false},
      {"2024", R"("2024")", false},
      {"a*b", R"("a*b")", false},
      {"^awal", R"("^awal")", false},
      {"{title}: x", R"(("{title}:" AND "x"))", false},
      {"col:x", R"("col:x")", false},
      {"tata kelola", R"(("tata" AND "kelola"))", false},
      {"or and not near", R"(("or" AND "and" AND "not" AND "near"))", false},
      // Words without a letter or digit are no words.
      {"Kupang – NTT", R"(("Kupang" AND "NTT"))", false},
      {"a + b", R"(("a" AND "b"))", false},
      {"– ... : *", "", false},
      {"\"", "", false},
      {"a \"\" b", R"(("a" AND "b"))", false},
      // Phrases and prefixes.
      {"\"tata kelola\"", R"("tata kelola")", false},
      {"\"tata kelola", R"("tata kelola")", false},
      {"\"a\" \"b\"", R"(("a" AND "b"))", false},
      {"pemilu*", R"("pemilu"*)", false},
      {"\"tata kel\"*", R"("tata kel"*)", false},
      {"\"tata kel*\"", R"("tata kel"*)", false},
      // Operators, with or without something to join.
      {"a OR b", R"(("a" OR "b"))", false},
      {"a AND b", R"(("a" AND "b"))", false},
      {"a NOT b", R"(("a" NOT "b"))", false},
      {"a NOT b c", R"((("a" AND "c") NOT "b"))", false},
      {"a NOT (b OR c)", R"(("a" NOT ("b" OR "c")))", false},
      {"NOT b", R"("b")", true},
      {"NOT b NOT c", R"(("b" OR "c"))", true},
      {"NOT NOT a", R"("a")", false},
      {"a OR NOT b", R"("a")", false},
      {"a OR", R"("a")", false},
      {"OR a", R"("a")", false},
      {"a AND AND b", R"(("a" AND "b"))", false},
      {"a NOT", R"("a")", false},
      {"AND", "", false},
      {"NOT", "", false},
      // Brackets, balanced or not.
      {"a (b OR c)", R"(("a" AND ("b" OR "c")))", false},
      {"(a OR b", R"(("a" OR "b"))", false},
      {"a) b", R"(("a" AND "b"))", false},
      {"((((a))))", R"("a")", false},
      {"()", "", false},
      {") (", "", false},
      // NEAR and the title column.
      {"NEAR(tata kelola, 5)", R"(NEAR("tata" "kelola", 5))", false},
      {"NEAR(tata kelola)", R"(NEAR("tata" "kelola"))", false},
      {"NEAR(\"tata kelola\" Bakohumas,12", R"(NEAR("tata kelola" "Bakohumas", 12))", false},
      {"NEAR(a OR b)", R"(NEAR("a" "b"))", false},
      {"NEAR(kata)", R"("kata")", false},
      {"NEAR(", "", false},
      {"NEAR tata", R"(("NEAR" AND "tata"))", false},
      {"title:Bakohumas", R"(title : "Bakohumas")", false},
      {"Title:\"rapat pleno\"", R"(title : "rapat pleno")", false},
      {"title:(a OR b)", R"(title : ("a" OR "b"))", false},
      {"title:title:x", R"(title : "x")", false},
      {"title:", "", false},
      {"a NOT title:b", R"(("a" NOT title : "b"))", false},
      // Control bytes and invalid UTF-8 are spaces.
      {"a\tb", R"(("a" AND "b"))", false},
      {"\xff\xfe", "", false},
      {"caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d", "(\"caf\xc3\xa9\" AND \"\xe2\x80\x9cok\xe2\x80\x9d\")", false},
  };
  for (const Case& c : cases) {
    INFO("query: " << c.text);
    warta::FtsQuery q = warta::TranslateQuery(c.text);
    CHECK(q.match == c.match);
    CHECK(q.negated == c.negated);
    CHECK_FALSE(q.truncated);
  }
  std::string nul("a\0b", 3);
  CHECK(warta::TranslateQuery(nul).match == R"(("a" AND "b"))");
}

TEST_CASE("hostile queries run against a real archive without an error", "[index]") {
  TempDb temp("hostile");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("a", "1", "Bioskop-bioskop di Jakarta: jet F-16 dan Ma'ruf Amin, 2024 (Kupang)", "2025-10-27",
                "Ma'ruf Amin", "53.71"));
  db.Add(Record("b", "2", "Rapat pleno KPU di Kupang", "2025-10-28", "Reni Rinjani", "53.71"));
  std::string deep(5000, '(');
  std::string many;
  for (int i = 0; i < 200; ++i) many += "kata" + std::to_string(i) + " ";
  const std::vector<std::string> hostile = {
      "bioskop-bioskop", "F-16", "Jakarta:", "Ma'ruf", "2024", "\"", "\"\"", "'", "(", ")", ")(", "*", "**", "-",
      "-a", "+a", "a:", ":a", "title:", "title:(", "NEAR(", "NEAR(,)", "NEAR(a,", "NEAR(a b, 99999999999)",
      "AND", "OR", "NOT", "a OR OR b", "NOT NOT", "a NOT NOT", "{a b}: c", "a^b", "\\", "\\\"", "\"a\"*\"b\"",
      "pemilu*", "ф-16", "\xf0\x9f\x98\x80", "a\xc0\xaf" "b", deep + "a", std::string(20000, '"'), many,
      "NOT (a OR b)", "(NOT a) OR b", "title:NOT x", "x title:", "NEAR(title:x y)", "%", "_", "a'b'c",
  };
  for (const std::string& text : hostile) {
    INFO("query: " << text.substr(0, 80));
    warta::SearchRequest r;
    r.query = text;
    r.facets = 3;
    CHECK_NOTHROW(db.Search(r));
  }
  auto total = [&](const std::string& text) {
    warta::SearchRequest r;
    r.query = text;
    return db.Search(r).total;
  };
  CHECK(total("bioskop-bioskop") == 1);
  CHECK(total("F-16") == 1);
  CHECK(total("Jakarta:") == 1);
  CHECK(total("Ma'ruf") == 1);
  CHECK(total("2024") == 1);
  CHECK(total("(Kupang)") == 2);
  CHECK(total("\"rapat pleno\"") == 1);
  CHECK(total("\"pleno rapat\"") == 0);
  CHECK(total("rapat OR bioskop") == 2);
  CHECK(total("Kupang NOT pleno") == 1);
  CHECK(total("NOT pleno") == 1);
  CHECK(total("NOT rapat") == 0);  // every title is "Rapat …"
  CHECK(total("bios*") == 1);
  CHECK(total("NEAR(jet amin, 5)") == 1);
  CHECK(total("NEAR(bioskop amin, 2)") == 0);
  CHECK(total("title:a") == 1);  // the titles are "Rapat a", "Rapat b"
  CHECK(total("–") == 0);        // only punctuation: nothing, not everything
  CHECK(total("") == 2);         // nothing asked: everything
  CHECK(warta::TranslateQuery(many).truncated);
}

TEST_CASE("queries stitched from the pieces of the user syntax are never an FTS5 error", "[index]") {
  // Each translation is run against a real FTS5 table: a syntax error throws. The pieces are
  // the user syntax's tokens and the bytes around them; a fixed seed keeps the cases stable.
  TempDb temp("stitched");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("a", "1", "banjir di Kupang: F-16 dan Ma'ruf (2024)", "2025-10-27", "Ma'ruf Amin", "53.71"));
  const std::vector<std::string> pieces = {
      "banjir", "Kupang", "F-16", "Ma'ruf", "2024", "\"", "(", ")", "*", "AND", "OR", "NOT", "NEAR", "NEAR(",
      ",", ", 5", "title:", "Title:", ":", "-", "–", "'", "^", "{", "}", "+", "\\", "\t", " ", " ", " ", "\xff",
      "é", "ф", "\xe2\x80\x9c", "\x01", "0", "title", "near", "or"};
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int length = 1 + int(next() % 12);
    for (int k = 0; k < length; ++k) text += pieces[next() % pieces.size()];
    INFO("query: " << text << " → " << warta::TranslateQuery(text).match);
    warta::SearchRequest r;
    r.query = text;
    r.limit = 1;
    CHECK_NOTHROW(db.Search(r));
  }
}

TEST_CASE("name keys fold case, diacritics, spacing and punctuation as the full-text index does", "[index]") {
  const std::pair<const char*, const char*> cases[] = {
      {"Joko Widodo", "joko widodo"},
      {"JOKO  WIDODO", "joko widodo"},
      {" joko-widodo ", "joko widodo"},
      {"Ma'ruf Amin", "ma ruf amin"},
      {"Dr. H. Rémy Sylado", "dr h remy sylado"},
      {"Ġáñ Çœ", "gan cœ"},
      {"Kota Kupang (53.71)", "kota kupang 53 71"},
      {"–", ""},
      {"", ""},
  };
  for (const auto& [name, key] : cases) {
    INFO(name);
    CHECK(warta::NameKey(name) == key);
  }
  CHECK(warta::IsAreaCode("53"));
  CHECK(warta::IsAreaCode("53.71.01.1001"));
  CHECK_FALSE(warta::IsAreaCode("53."));
  CHECK_FALSE(warta::IsAreaCode(".53"));
  CHECK_FALSE(warta::IsAreaCode("53..71"));
  CHECK_FALSE(warta::IsAreaCode("Kupang"));
  CHECK_FALSE(warta::IsAreaCode(""));
  CHECK(warta::AreaCodeBelow("53.71", "53"));
  CHECK(warta::AreaCodeBelow("53", "53"));
  CHECK_FALSE(warta::AreaCodeBelow("530", "53"));
  CHECK_FALSE(warta::AreaCodeBelow("5", "53"));
}

TEST_CASE("facets filter by person, role, organisation, place code prefix and date", "[index]") {
  TempDb temp("facets");
  Archive db(temp.path, Archive::kWrite);
  db.Begin();
  db.Add(Record("kupang", "1", "tata kelola Bakohumas di Kupang", "2025-10-27", "Reni Rinjani", "53.71"));
  db.Add(Record("samarinda", "2", "rapat koordinasi Bakohumas", "2025-09-02", "Samsul Kadir", "64.72", "Sekretaris",
                "Samarinda"));
  db.Add(Record("kabkupang", "3", "sosialisasi pemilih pemula", "2025-10-30", "Yohanes Bria", "53.01", "Wakil Ketua",
                "Kabupaten Kupang"));
  db.Add(Record("oelamasi", "4", "rapat di kecamatan", "2025-11-02", "Rémy Sylado", "53.01.05", "Camat", "Kupang Timur"));
  db.Commit();
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"reni"}; }))) == V{"kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"RINJANI"}; }))) == V{"kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"reni rin"}; }))) == V{"kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"rinjani reni"}; }))).empty());  // words in order
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"injani"}; }))).empty());        // not inside a word
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"remy"}; }))) == V{"oelamasi"});  // diacritics folded
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"=reni rinjani"}; }))) == V{"kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"=Reni"}; }))).empty());  // = is the whole name
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"53"}; }))) == V{"kabkupang", "kupang", "oelamasi"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"53.01"}; }))) == V{"kabkupang", "oelamasi"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"5"}; }))).empty());  // 5 is not 53's parent
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"64"}; }))) == V{"samarinda"});
  // A place by name brings the areas beneath it: Kabupaten Kupang (53.01) holds Kupang Timur.
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"kabupaten kupang"}; }))) == V{"kabkupang", "oelamasi"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"=Kabupaten Kupang"}; }))) == V{"kabkupang", "oelamasi"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.places = {"nusa tenggara timur"}; }))).size() == 4);  // by province
  CHECK(Ids(db.Search(Request([](auto& q) { q.roles = {"ketua"}; }))) == V{"kabkupang", "kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.roles = {"=ketua"}; }))) == V{"kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.organizations = {"KPU"}; }))).size() == 4);  // by acronym
  CHECK(Ids(db.Search(Request([](auto& q) { q.organizations = {"pemilihan umum"}; }))).size() == 4);
  CHECK(Ids(db.Search(Request([](auto& q) { q.roles = {"ketua"}; q.places = {"53.01"}; }))) == V{"kabkupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.from = "2025-10-01"; q.to = "2025-10-31"; }))) == V{"kabkupang", "kupang"});
  CHECK(Ids(db.Search(Request([](auto& q) { q.people = {"."}; }))).empty());
  auto hits = db.Search(Request([](auto& q) { q.query = "Bakohumas"; q.places = {"53"}; }));
  REQUIRE(hits.hits.size() == 1);
  CHECK(hits.hits[0].snippet.find("[Bakohumas]") != std::string::npos);
  auto marked = db.Search(Request([](auto& q) { q.query = "Bakohumas"; q.mark_open = "\x01"; q.mark_close = "\x02"; }));
  REQUIRE(marked.hits.size() == 2);
  CHECK(marked.hits[0].snippet.find("\x01" "Bakohumas\x02") != std::string::npos);
  CHECK_THROWS_AS(db.Search(Request([](auto& q) { q.from = "27/10/2025"; })), warta::Error);
  auto st = db.Stats();
  CHECK(st.documents == 4);
  CHECK(st.first_date == "2025-09-02");
  CHECK(st.last_date == "2025-11-02");
  CHECK(st.people == 4);
  CHECK(st.roles == 4);
}

TEST_CASE("a search reports the total, pages through hits and orders them", "[index]") {
  TempDb temp("paging");
  Archive db(temp.path, Archive::kWrite);
  db.Begin();
  for (int i = 0; i < 30; ++i) {
    const std::string n = std::to_string(i);
    // Day 1..30 of October; "banjir" once in every document, twice in the even ones.
    db.Add(Record("d" + n, n, std::string("banjir melanda desa ") + (i % 2 ? "" : "banjir lagi ") + "nomor " + n,
                  "2025-10-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1), "Orang " + n, "53.71"));
  }
  db.Commit();
  auto page = [&](long long offset, int limit, warta::SearchRequest::Order order, const std::string& query = "") {
    warta::SearchRequest r;
    r.query = query;
    r.offset = offset;
    r.limit = limit;
    r.order = order;
    return db.Search(r);
  };
  using O = warta::SearchRequest::Order;
  auto first = page(0, 10, O::kNewest);
  CHECK(first.total == 30);
  CHECK(Ids(first, false) == V{"d29", "d28", "d27", "d26", "d25", "d24", "d23", "d22", "d21", "d20"});
  CHECK(Ids(page(10, 3, O::kNewest), false) == V{"d19", "d18", "d17"});
  CHECK(Ids(page(28, 10, O::kNewest), false) == V{"d1", "d0"});
  CHECK(page(40, 10, O::kNewest).hits.empty());
  CHECK(page(40, 10, O::kNewest).total == 30);
  CHECK(Ids(page(0, 3, O::kOldest), false) == V{"d0", "d1", "d2"});
  CHECK(page(0, 0, O::kBest).hits.empty());
  // With a query, best first: the documents with "banjir" twice.
  auto best = page(0, 15, O::kBest, "banjir");
  CHECK(best.total == 30);
  for (const auto& h : best.hits) CHECK(std::stoi(h.id.substr(1)) % 2 == 0);
  for (size_t i = 1; i < best.hits.size(); ++i) CHECK(best.hits[i - 1].rank <= best.hits[i].rank);
  // A filter that keeps a few documents, then the query over them, newest first.
  warta::SearchRequest r;
  r.query = "banjir";
  r.people = {"orang 1"};  // Orang 1, Orang 10 … Orang 19
  r.order = O::kNewest;
  auto few = db.Search(r);
  CHECK(few.total == 11);
  CHECK(few.hits.front().id == "d19");
  CHECK(few.hits.back().id == "d1");
  // The same page with facets: counts over every match, not only the page.
  r.limit = 2;
  r.facets = 50;
  auto counted = db.Search(r);
  CHECK(counted.hits.size() == 2);
  CHECK(counted.people.size() == 11);
  REQUIRE(counted.places.size() == 1);
  CHECK(counted.places[0].key == "53.71");
  CHECK(counted.places[0].count == 11);
  REQUIRE(counted.months.size() == 1);
  CHECK(counted.months[0].key == "2025-10");
  CHECK(counted.months[0].count == 11);
}

TEST_CASE("facet counts are per document, most frequent first, with keys that filter exactly", "[index]") {
  TempDb temp("counts");
  Archive db(temp.path, Archive::kWrite);
  db.Begin();
  db.Add(Record("a", "1", "rapat", "2025-10-01", "Joko Widodo", "31.71", "Presiden", "Jakarta Pusat"));
  db.Add(Record("b", "2", "rapat", "2025-10-02", "JOKO WIDODO", "31.71", "Presiden", "Jakarta Pusat"));
  db.Add(Record("c", "3", "rapat", "2025-11-03", "Ma'ruf Amin", "31.74", "Wakil Presiden", "Jakarta Selatan"));
  db.Add(Record("d", "4", "rapat", "", "Joko Widodo", "53.71", "Presiden", "Kupang"));
  db.Commit();
  warta::SearchRequest r;
  r.facets = 10;
  auto res = db.Search(r);
  REQUIRE(res.people.size() == 2);
  CHECK(res.people[0].key == "joko widodo");
  CHECK(res.people[0].label == "Joko Widodo");  // as first stored
  CHECK(res.people[0].count == 3);
  CHECK(res.people[1].key == "ma ruf amin");
  REQUIRE(res.places.size() == 3);
  CHECK(res.places[0].key == "31.71");
  CHECK(res.places[0].code == "31.71");
  CHECK(res.places[0].count == 2);
  REQUIRE(res.organizations.size() == 1);
  CHECK(res.organizations[0].label == "Komisi Pemilihan Umum");
  CHECK(res.organizations[0].code == "KPU");
  REQUIRE(res.months.size() == 2);  // d has no date
  CHECK(res.months[0].key == "2025-10");
  CHECK(res.months[1].key == "2025-11");
  // Each key, given back with "=", finds exactly the documents it counted.
  for (const auto& c : res.people) {
    warta::SearchRequest f;
    f.people = {std::string("=").append(c.key)};
    CHECK(db.Search(f).total == c.count);
  }
  for (const auto& c : res.roles) {
    warta::SearchRequest f;
    f.roles = {std::string("=").append(c.key)};
    CHECK(db.Search(f).total == c.count);
  }
  r.facets = 1;
  CHECK(db.Search(r).people.size() == 1);
}

TEST_CASE("warta_rank gives the numbers of FTS5's bm25", "[index]") {
  TempDb temp("rank");
  {
    Archive db(temp.path, Archive::kWrite);
    db.Begin();
    const char* texts[] = {"banjir banjir banjir di desa", "banjir di kota besar sekali dengan hujan deras",
                           "kebakaran hutan", "banjir", "hujan deras dan banjir bandang di desa pesisir selatan"};
    const char* ids[] = {"r0", "r1", "r2", "r3", "r4"};
    for (int i = 0; i < 5; ++i) db.Add(Record(ids[i], ids[i], texts[i], "2025-10-01", "Orang", "53"));
    db.Commit();
  }
  Archive db(temp.path, Archive::kRead);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(temp.path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  for (const char* query : {"banjir", "banjir desa", "\"hujan deras\" OR kebakaran", "desa*"}) {
    INFO(query);
    warta::SearchRequest r;
    r.query = query;
    auto res = db.Search(r);
    REQUIRE(res.total > 0);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "SELECT d.id, bm25(fts) FROM fts JOIN documents d ON d.doc = fts.rowid WHERE fts MATCH ?",
                               -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, res.match.c_str(), -1, SQLITE_TRANSIENT);
    std::map<std::string, double> bm25;
    while (sqlite3_step(st) == SQLITE_ROW)
      bm25[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_double(st, 1);
    sqlite3_finalize(st);
    CHECK(bm25.size() == size_t(res.total));
    for (const auto& h : res.hits) CHECK(h.rank == Approx(bm25[h.id]).epsilon(1e-9));
  }
  sqlite3_close(raw);
}

TEST_CASE("warta_rank keeps bm25's numbers when a query matches more rows than it looks up one by one", "[index]") {
  // Past 1024 rows warta_rank reads every length from doc_facets instead of fts_docsize.
  TempDb temp("rank-bulk");
  {
    Archive db(temp.path, Archive::kWrite);
    db.Begin();
    for (int i = 0; i < 1500; ++i) {
      std::string text = "banjir";
      for (int k = 0; k < i % 37; ++k) text += k % 5 ? " desa" : " banjir";
      const std::string id = std::to_string(i);
      db.Add(Record(std::string("b").append(id), id, text, "2025-10-01", "Orang", "53"));
    }
    db.Commit();
  }
  Archive db(temp.path, Archive::kRead);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(temp.path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::map<std::string, double> bm25;
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT d.id, bm25(fts) FROM fts JOIN documents d ON d.doc = fts.rowid WHERE fts MATCH 'banjir'",
                             -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    bm25[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_double(st, 1);
  sqlite3_finalize(st);
  sqlite3_close(raw);
  warta::SearchRequest r;
  r.query = "banjir";
  r.limit = 1500;
  auto res = db.Search(r);
  REQUIRE(res.hits.size() == 1500);
  for (const auto& h : res.hits) {
    INFO(h.id);
    CHECK(h.rank == Approx(bm25[h.id]).epsilon(1e-9));
  }
}

TEST_CASE("a stored document, and the roles a person held over time, can be read back", "[index]") {
  TempDb temp("get");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("x", "1", "Ketua KPU membuka rapat", "2025-10-27", "Reni Rinjani", "53.71", "Ketua"));
  db.Add(Record("y", "2", "Sekretaris KPU hadir", "2024-03-01", "reni  rinjani", "53.71", "Sekretaris"));
  db.Add(Record("z", "3", "Rapat lain", "2025-01-01", "Samsul Kadir", "64.72", "Ketua"));
  auto d = db.Get("x");
  REQUIRE(d);
  CHECK(d->text == "Ketua KPU membuka rapat");
  CHECK(d->date == "2025-10-27");
  CHECK(d->record.find("membuka rapat") == std::string::npos);  // the text is stored once, in fts
  CHECK_FALSE(db.Get("nothing"));
  auto roles = db.RolesOf("=Reni Rinjani");
  REQUIRE(roles.size() == 2);
  CHECK(roles[0].title == "Sekretaris");  // 2024 first
  CHECK(roles[0].id == "y");
  CHECK(roles[1].title == "Ketua");
  CHECK(roles[1].organization == "KPU Provinsi NTT");
  CHECK(db.RolesOf("rinjani").size() == 2);  // by words of the name, too
  CHECK(db.RolesOf("=Samsul Kadir").size() == 1);
  CHECK(db.RolesOf("=Nobody Here").empty());
}

TEST_CASE("a date range finds the same documents whether it holds a few or most of the archive", "[index]") {
  // 64 documents, one a day from 2025-01-01 (and two undated): a range of up to four
  // documents is read from the date index, a longer one from doc_facets (query.cc).
  TempDb temp("date-ranges");
  Archive db(temp.path, Archive::kWrite);
  db.Begin();
  auto date = [](int i) { return "2025-" + std::string(i < 31 ? "01-" : "02-") + (i % 31 + 1 < 10 ? "0" : "") + std::to_string(i % 31 + 1); };
  for (int i = 0; i < 62; ++i) db.Add(Record("d" + std::to_string(i), std::to_string(i), "rapat", date(i), "Reni Rinjani", "53.71"));
  for (const char* id : {"u1", "u2"}) {
    std::string undated = Record(id, id, "rapat", "", "Reni Rinjani", "53.71");
    for (const std::string field : {"\"reference_date\":\"\"", "\"published\":\"\""})
      undated.replace(undated.find(field), field.size(), field.substr(0, field.size() - 2) + "null");
    db.Add(undated);
  }
  db.Commit();
  struct Case {
    std::optional<std::string> from, to;
    int first, last;  // the documents d<first> … d<last> (last < first: none)
  };
  for (const Case& c : {Case{"2025-01-05", "2025-01-07", 4, 6}, Case{"2025-01-05", "2025-02-10", 4, 40},
                        Case{std::nullopt, "2025-01-02", 0, 1}, Case{"2025-01-03", std::nullopt, 2, 61},
                        Case{"2024-01-01", "2026-01-01", 0, 61}, Case{"2026-01-01", std::nullopt, 1, 0}}) {
    INFO(c.from.value_or("-") << " to " << c.to.value_or("-"));
    for (auto order : {warta::SearchRequest::Order::kNewest, warta::SearchRequest::Order::kOldest}) {
      auto res = db.Search(Request([&](auto& q) {
        q.from = c.from;
        q.to = c.to;
        q.order = order;
        q.facets = 1;
      }));
      CHECK(res.total == std::max(0, c.last - c.first + 1));
      std::vector<std::string> want;
      for (int i = c.first; i <= c.last; ++i) want.push_back("d" + std::to_string(i));
      if (order == warta::SearchRequest::Order::kNewest) std::reverse(want.begin(), want.end());
      CHECK(Ids(res, false) == want);
      long long months = 0;
      for (const auto& m : res.months) months += m.count;
      CHECK(months == res.total);
    }
  }
}

TEST_CASE("a replaced document's roles leave the person's timeline, and its new roles join it", "[index]") {
  TempDb temp("roles-replaced");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("x", "1", "Ketua KPU membuka rapat", "2025-10-27", "Reni Rinjani", "53.71", "Ketua"));
  db.Add(Record("y", "2", "Sekretaris KPU hadir", "2024-03-01", "Reni Rinjani", "53.71", "Sekretaris"));
  CHECK(db.Add(Record("x", "3", "Wakil Ketua KPU hadir", "2025-11-02", "Reni Rinjani", "53.71", "Wakil Ketua")) ==
        Archive::AddResult::kReplaced);
  CHECK(db.Add(Record("y", "4", "Rapat tanpa Reni", "2024-03-01", "Samsul Kadir", "53.71", "Ketua")) ==
        Archive::AddResult::kReplaced);
  auto reni = db.RolesOf("=reni rinjani");
  REQUIRE(reni.size() == 1);
  CHECK(reni[0].id == "x");
  CHECK(reni[0].title == "Wakil Ketua");
  CHECK(reni[0].date == "2025-11-02");
  auto samsul = db.RolesOf("=samsul kadir");
  REQUIRE(samsul.size() == 1);
  CHECK(samsul[0].id == "y");
}

TEST_CASE("roles of one date come in document order, and undated ones last", "[index]") {
  TempDb temp("roles-order");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("b", "1", "rapat", "2025-01-01", "Reni Rinjani", "53.71", "Ketua"));
  std::string undated = Record("a", "2", "rapat", "", "Reni Rinjani", "53.71", "Anggota");
  for (const std::string field : {"\"reference_date\":\"\"", "\"published\":\"\""})
    undated.replace(undated.find(field), field.size(), field.substr(0, field.size() - 2) + "null");
  db.Add(undated);
  db.Add(Record("c", "3", "rapat", "2025-01-01", "Reni Rinjani", "53.71", "Sekretaris"));
  db.Add(Record("d", "4", "rapat", "2020-05-05", "Reni Rinjani", "53.71", "Bendahara"));
  const auto roles = db.RolesOf("=reni rinjani");
  std::vector<std::string> ids;
  for (const auto& r : roles) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"d", "b", "c", "a"});
  CHECK_FALSE(roles.back().date);
}

TEST_CASE("a foreign, missing or newer database is refused with a clear error", "[index]") {
  TempDb temp("foreign");
  {
    std::ofstream(temp.path) << "not a database at all, just text, long enough to be read as a header by SQLite....";
  }
  try {
    Archive db(temp.path, Archive::kRead);
    FAIL("a text file was opened");
  } catch (const warta::Error& e) {
    CHECK(std::string(e.what()).find("not a warta archive") != std::string::npos);
  }
  TempDb missing("missing-read");
  try {
    Archive db(missing.path, Archive::kRead);
    FAIL("a missing file was opened");
  } catch (const warta::Error& e) {
    CHECK(std::string(e.what()).find("no such file") != std::string::npos);
    CHECK(std::string(e.what()).find(missing.path) != std::string::npos);
  }
  CHECK_FALSE(fs::exists(missing.path));  // reading never creates
}

TEST_CASE("a replaced document leaves none of its old facet rows behind", "[index]") {
  TempDb temp("replace-rows");
  Archive db(temp.path, Archive::kWrite);
  db.Add(Record("a", "s1", "rapat pleno", "2025-10-27", "Reni Rinjani", "53.71"));
  db.Add(Record("b", "s1", "rapat pleno", "2025-10-27", "Samsul Kadir", "64.72"));
  CHECK(db.Add(Record("a", "s2", "rapat pleno", "2025-10-28", "Yohanes Bria", "53.01")) ==
        Archive::AddResult::kReplaced);
  CHECK(db.Search(Request([](auto& q) { q.people = {"Reni"}; })).total == 0);
  CHECK(db.Search(Request([](auto& q) { q.people = {"Yohanes"}; })).total == 1);
  CHECK(db.Search(Request([](auto& q) { q.people = {"Samsul"}; })).total == 1);  // the neighbour keeps its rows
  CHECK(db.Search(Request([](auto& q) { q.places = {"53.71"}; })).total == 0);
  auto st = db.Stats();
  CHECK(st.documents == 2);
  CHECK(st.people == 2);
  CHECK(st.quotes == 2);
  // Replaced twice inside one transaction: the postings not yet written go too.
  db.Begin();
  db.Add(Record("a", "s3", "rapat", "2025-10-29", "Dewi Lestari", "53.71"));
  db.Add(Record("a", "s4", "rapat", "2025-10-30", "Made Wirawan", "53.72"));
  db.Commit();
  CHECK(db.Search(Request([](auto& q) { q.people = {"Dewi"}; })).total == 0);
  CHECK(db.Search(Request([](auto& q) { q.people = {"Made"}; })).total == 1);
  CHECK(db.Stats().documents == 2);
}

TEST_CASE("a document with more facet rows than one INSERT statement takes keeps them all", "[index]") {
  TempDb temp("many-rows");
  Archive db(temp.path, Archive::kWrite);
  warta::ArchiveEntry e;
  e.id = "many";
  e.sha256 = "x";
  e.record = R"({"id":"many"})";
  e.text = "rapat";
  for (int i = 0; i < 37; ++i) {  // two full chunks of 16 rows and a rest
    e.people.push_back({"Orang " + std::to_string(i), 1});
    e.dates.push_back({"hari " + std::to_string(i), "date", "2025-10-" + std::to_string(10 + i % 20), std::nullopt});
  }
  CHECK(db.Add(e) == Archive::AddResult::kAdded);
  auto st = db.Stats(50);
  CHECK(st.people == 37);
  CHECK(st.dates == 37);
  CHECK(db.Search(Request([](auto& q) { q.people = {"=Orang 36"}; })).total == 1);
  e.sha256 = "y";
  e.people.resize(3);
  CHECK(db.Add(e) == Archive::AddResult::kReplaced);
  CHECK(db.Stats().people == 3);
  CHECK(db.Stats().dates == 37);
}

TEST_CASE("an archive of an older schema version is refused, naming the version and what it lacks", "[index]") {
  struct Case {
    int version;
    const char* lacks;
  };
  for (const Case& c : {Case{2, "facet index"}, Case{3, "each person's roles"}}) {
    TempDb temp("older" + std::to_string(c.version));
    { Archive db(temp.path, Archive::kWrite); }
    {
      sqlite3* raw = nullptr;
      REQUIRE(sqlite3_open(temp.path.c_str(), &raw) == SQLITE_OK);
      sqlite3_exec(raw, ("PRAGMA user_version = " + std::to_string(c.version)).c_str(), nullptr, nullptr, nullptr);
      sqlite3_close(raw);
    }
    for (auto mode : {Archive::kRead, Archive::kWrite}) {
      try {
        Archive db(temp.path, mode);
        FAIL("an older archive was opened");
      } catch (const warta::Error& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find("older schema version " + std::to_string(c.version)) != std::string::npos);
        CHECK(std::string(e.what()).find(c.lacks) != std::string::npos);
        CHECK(std::string(e.what()).find("re-index") != std::string::npos);
      }
    }
  }
}

TEST_CASE("a finished archive is one file, and reading it writes nothing", "[index]") {
  TempDb temp("readonly");
  {
    Archive db(temp.path, Archive::kWrite);
    db.Add(Record("a", "1", "rapat pleno di Kupang", "2025-10-27", "Reni Rinjani", "53.71"));
  }
  // The writer left a rollback journal mode behind: no -wal or -shm is needed to read it.
  for (const char* ext : {"-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(temp.path + ext));
  const std::string sha = FileSha(temp.path);
  struct stat before {};
  REQUIRE(::stat(temp.path.c_str(), &before) == 0);
  {
    Archive db(temp.path, Archive::kRead);
    CHECK_FALSE(db.immutable());
    warta::SearchRequest r;
    r.query = "pleno";
    r.facets = 5;
    CHECK(db.Search(r).total == 1);
    CHECK(db.Stats().documents == 1);
    CHECK(db.Get("a"));
    for (const char* ext : {"-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(temp.path + ext));
  }
  struct stat after {};
  REQUIRE(::stat(temp.path.c_str(), &after) == 0);
  CHECK(FileSha(temp.path) == sha);
  CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  for (const char* ext : {"-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(temp.path + ext));
}

TEST_CASE("an archive left in WAL mode is read while its writer is still open", "[index]") {
  TempDb temp("wal");
  Archive writer(temp.path, Archive::kWrite);
  writer.Add(Record("a", "1", "rapat pleno", "2025-10-27", "Reni Rinjani", "53.71"));
  Archive reader(temp.path, Archive::kRead);
  CHECK_FALSE(reader.immutable());
  warta::SearchRequest r;
  r.query = "pleno";
  CHECK(reader.Search(r).total == 1);
  writer.Add(Record("b", "2", "rapat pleno lagi", "2025-10-28", "Samsul Kadir", "64.72"));
  CHECK(reader.Search(r).total == 2);  // each search sees the last commit
}

TEST_CASE("the counts of every document, kept by a reader, follow what a writer commits", "[index]") {
  TempDb temp("all-counts");
  Archive writer(temp.path, Archive::kWrite);
  writer.Add(Record("a", "1", "rapat pleno", "2025-10-27", "Reni Rinjani", "53.71"));
  Archive reader(temp.path, Archive::kRead);
  warta::SearchRequest all;
  all.facets = 10;
  all.areas_of = "";
  auto people = [](const warta::SearchResult& res) {
    std::vector<std::pair<std::string, long long>> out;
    for (const auto& f : res.people) out.emplace_back(f.key, f.count);
    return out;
  };
  using P = std::vector<std::pair<std::string, long long>>;
  for (int again = 0; again < 2; ++again) {  // the second time from what the reader kept
    auto res = reader.Search(all);
    CHECK(people(res) == P{{"reni rinjani", 1}});
    REQUIRE(res.areas.size() == 1);
    CHECK(res.areas[0].key == "53");
    CHECK(res.months.size() == 1);
  }
  writer.Add(Record("b", "2", "rapat lagi", "2025-11-28", "Reni Rinjani", "64.72"));
  writer.Add(Record("c", "3", "rapat lagi", "2025-11-29", "Samsul Kadir", "64.72"));
  auto res = reader.Search(all);
  CHECK(res.total == 3);
  CHECK(people(res) == P{{"reni rinjani", 2}, {"samsul kadir", 1}});
  CHECK(res.areas.size() == 2);
  CHECK(res.months.size() == 2);
  all.facets = 1;  // another number of values: counted for it
  CHECK(people(reader.Search(all)) == P{{"reni rinjani", 2}});
}
