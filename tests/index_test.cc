// The archive index: storing records, idempotent re-indexing, facet and full-text search.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

#include "error.h"
#include "index/archive.h"
#include "testing.h"

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
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path + ext);
  }
  std::string path;
};

// A record as `warta extract --include text` writes it (only the fields the index reads).
std::string Record(const std::string& id, const std::string& sha, const std::string& text, const std::string& date,
                   const std::string& person, const std::string& place_code) {
  return R"({"schema":"warta/1","id":")" + id + R"(","source":{"path":")" + id + R"(","sha256":")" + sha +
         R"(","bytes":10},"title":"Rapat )" + id + R"(","dateline":null,"reference_date":")" + date +
         R"(","reference_date_source":"published","published":")" + date + R"(","people":[{"name":")" + person +
         R"(","honorifics":[],"degrees":[],"mentions":[{"text":"x","start":0,"end":1}],"roles":[{"title":"Ketua","organization":"KPU Provinsi NTT","acting":false,"text":"x","start":0,"end":1}]}],"organizations":[{"name":"Komisi Pemilihan Umum","acronym":"KPU","mentions":[]}],"places":[{"name":"Kupang","type":"kota","code":")" +
         place_code + R"(","province":"Nusa Tenggara Timur","mentions":[]}],"dates":[],"quotes":[{"text":"Kami siap","start":0,"end":9,"speaker":")" +
         person + R"("}],"warnings":[],"text":")" + text + R"("})";
}

// A query with some fields set: Query([](auto& q) { q.places = {"53"}; }).
template <typename F>
warta::SearchQuery Query(F set) {
  warta::SearchQuery q;
  set(q);
  return q;
}

}  // namespace

TEST_CASE("records are stored once per id and replaced when their source changes", "[index]") {
  TempDb temp("idem");
  const std::string path = temp.path;
  Archive db(path, Archive::kWrite);
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
  CHECK(db.Search(Query([](auto& q) { q.query = "Bakohumas"; })).empty());
  CHECK(db.Search(Query([](auto& q) { q.query = "pleno"; })).size() == 1);
}

TEST_CASE("facets filter by person, role, organisation, place code prefix and date", "[index]") {
  TempDb temp("facets");
  const std::string path = temp.path;
  Archive db(path, Archive::kWrite);
  db.Begin();
  db.Add(Record("kupang", "1", "tata kelola Bakohumas di Kupang", "2025-10-27", "Reni Rinjani", "53.71"));
  db.Add(Record("samarinda", "2", "rapat koordinasi Bakohumas", "2025-09-02", "Samsul Kadir", "64.72"));
  db.Add(Record("kabkupang", "3", "sosialisasi pemilih pemula", "2025-10-30", "Yohanes Bria", "53.01"));
  db.Commit();
  auto ids = [](const std::vector<warta::SearchHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(ids(db.Search(Query([](auto& q) { q.people = {"reni"}; }))) == V{"kupang"});
  CHECK(ids(db.Search(Query([](auto& q) { q.places = {"53"}; }))) == V{"kabkupang", "kupang"});
  CHECK(ids(db.Search(Query([](auto& q) { q.places = {"64"}; }))) == V{"samarinda"});
  CHECK(ids(db.Search(Query([](auto& q) { q.roles = {"ketua"}; q.orgs = {"KPU"}; }))).size() == 3);
  CHECK(ids(db.Search(Query([](auto& q) { q.from = "2025-10-01"; q.to = "2025-10-31"; }))) == V{"kabkupang", "kupang"});
  auto hits = db.Search(Query([](auto& q) { q.query = "Bakohumas"; q.places = {"53"}; }));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippet.find("[Bakohumas]") != std::string::npos);
  CHECK_THROWS_AS(db.Search(Query([](auto& q) { q.query = "\"unbalanced"; })), warta::Error);
  auto st = db.Stats();
  CHECK(st.documents == 3);
  CHECK(st.first_date == "2025-09-02");
  CHECK(st.last_date == "2025-10-30");
}

TEST_CASE("a foreign or newer database is refused with a clear error", "[index]") {
  TempDb temp("foreign");
  const std::string path = temp.path;
  {
    std::ofstream(path) << "not a database at all, just text";
  }
  CHECK_THROWS_AS(Archive(path, Archive::kRead), warta::Error);
  CHECK_THROWS_AS(Archive(TempDb("missing-read"), Archive::kRead), warta::Error);
}

TEST_CASE("a replaced document leaves none of its old facet rows behind", "[index]") {
  TempDb temp("replace-rows");
  const std::string path = temp.path;
  Archive db(path, Archive::kWrite);
  db.Add(Record("a", "s1", "rapat pleno", "2025-10-27", "Reni Rinjani", "53.71"));
  db.Add(Record("b", "s1", "rapat pleno", "2025-10-27", "Samsul Kadir", "64.72"));
  CHECK(db.Add(Record("a", "s2", "rapat pleno", "2025-10-28", "Yohanes Bria", "53.01")) ==
        Archive::AddResult::kReplaced);
  CHECK(db.Search(Query([](auto& q) { q.people = {"Reni"}; })).empty());
  CHECK(db.Search(Query([](auto& q) { q.people = {"Yohanes"}; })).size() == 1);
  CHECK(db.Search(Query([](auto& q) { q.people = {"Samsul"}; })).size() == 1);  // the neighbour keeps its rows
  auto st = db.Stats();
  CHECK(st.documents == 2);
  CHECK(st.people == 2);
  CHECK(st.quotes == 2);
}

TEST_CASE("a document with more facet rows than one INSERT statement takes keeps them all", "[index]") {
  TempDb temp("many-rows");
  const std::string path = temp.path;
  Archive db(path, Archive::kWrite);
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
  CHECK(db.Search(Query([](auto& q) { q.people = {"Orang 36"}; })).size() == 1);
  e.sha256 = "y";
  e.people.resize(3);
  CHECK(db.Add(e) == Archive::AddResult::kReplaced);
  CHECK(db.Stats().people == 3);
  CHECK(db.Stats().dates == 37);
}

TEST_CASE("an archive of an older schema version is refused, naming the version", "[index]") {
  TempDb temp("older");
  const std::string path = temp.path;
  { Archive db(path, Archive::kWrite); }
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version = 1", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  try {
    Archive db(path, Archive::kRead);
    FAIL("an older archive was opened");
  } catch (const warta::Error& e) {
    CHECK(std::string(e.what()).find("older schema version 1") != std::string::npos);
  }
}
