#include "index/archive.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "error.h"

namespace warta {
namespace {

constexpr int kApplicationId = 0x77617274;  // 'wart'

// RAII prepared statement with typed binds, for the few statements this file needs.
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw Error(std::string("archive: cannot prepare statement: ") + sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const std::optional<std::string>& v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(st_, i);
    return *this;
  }
  Stmt& Bind(int i, long long v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  // Steps once: true while a row is available.
  bool Step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw Error(std::string("archive: ") + sqlite3_errmsg(db_));
  }
  void Run() {
    while (Step()) {
    }
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  long long Int(int col) const { return sqlite3_column_int64(st_, col); }
  double Real(int col) const { return sqlite3_column_double(st_, col); }
  std::optional<std::string> Text(int col) const {
    if (sqlite3_column_type(st_, col) == SQLITE_NULL) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    return std::string(p, size_t(sqlite3_column_bytes(st_, col)));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

std::optional<std::string> Str(const nlohmann::ordered_json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The date a document is filed under: its publication date, else its dated dateline or the
// reference date it was extracted with, else its earliest full-day date mention.
std::optional<std::string> DocumentDate(const nlohmann::ordered_json& r) {
  if (auto p = Str(r, "published")) return p->substr(0, 10);
  auto src = Str(r, "reference_date_source");
  if (src && *src != "today") return Str(r, "reference_date");
  std::optional<std::string> best;
  for (const auto& d : r.value("dates", nlohmann::ordered_json::array())) {
    auto v = Str(d, "value");
    if (v && v->size() >= 10 && (*v)[4] == '-' && (*v)[7] == '-' && (!best || v->substr(0, 10) < *best))
      best = v->substr(0, 10);
  }
  return best;
}

}  // namespace

Archive::Archive(const std::string& path, Mode mode) : path_(path) {
  int flags = mode == kWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open archive " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    long long app = 0, version = 0;
    {
      Stmt s(db_, "PRAGMA application_id");
      if (s.Step()) app = s.Int(0);
    }
    {
      Stmt s(db_, "PRAGMA user_version");
      if (s.Step()) version = s.Int(0);
    }
    long long tables = 0;
    {
      Stmt s(db_, "SELECT count(*) FROM sqlite_master");
      if (s.Step()) tables = s.Int(0);
    }
    if (app == 0 && version == 0 && tables == 0) {
      if (mode == kRead) throw Error(path + " is empty: not a warta archive (make one with `warta index`)");
      CreateSchema();
    } else if (app != kApplicationId) {
      throw Error(path + " is not a warta archive (an SQLite database of something else)");
    } else if (version > kArchiveSchemaVersion) {
      throw Error(path + " is a warta archive of schema version " + std::to_string(version) +
                  ", newer than this warta reads (" + std::to_string(kArchiveSchemaVersion) + "): upgrade warta");
    } else if (version < kArchiveSchemaVersion) {
      throw Error(path + " is a warta archive of an older schema version " + std::to_string(version) +
                  ": re-index into a new file");
    }
    if (mode == kWrite) Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Archive::~Archive() {
  if (db_) {
    if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
}

void Archive::Exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error("archive " + path_ + ": " + msg);
  }
}

void Archive::CreateSchema() {
  Exec(R"SQL(
BEGIN;
CREATE TABLE documents(
  doc INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  path TEXT, sha256 TEXT, title TEXT,
  dateline_place TEXT, dateline_outlet TEXT,
  published TEXT, reference_date TEXT, reference_date_source TEXT,
  date TEXT,                    -- the document date (YYYY-MM-DD) searches filter on
  record TEXT NOT NULL          -- the JSON record, without its text
);
CREATE INDEX documents_date ON documents(date);
CREATE TABLE people(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  name TEXT NOT NULL, mentions INTEGER NOT NULL);
CREATE INDEX people_name ON people(name COLLATE NOCASE);
CREATE TABLE roles(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  person TEXT NOT NULL, title TEXT NOT NULL, organization TEXT, acting INTEGER NOT NULL);
CREATE INDEX roles_title ON roles(title COLLATE NOCASE);
CREATE TABLE organizations(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  name TEXT, acronym TEXT, mentions INTEGER NOT NULL);
CREATE INDEX organizations_name ON organizations(name COLLATE NOCASE);
CREATE INDEX organizations_acronym ON organizations(acronym COLLATE NOCASE);
CREATE TABLE places(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  name TEXT NOT NULL, type TEXT NOT NULL, code TEXT, province TEXT, mentions INTEGER NOT NULL);
CREATE INDEX places_code ON places(code);
CREATE INDEX places_name ON places(name COLLATE NOCASE);
CREATE TABLE dates(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  text TEXT NOT NULL, type TEXT NOT NULL, value TEXT, end_value TEXT);
CREATE INDEX dates_value ON dates(value);
CREATE TABLE quotes(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE,
  speaker TEXT, text TEXT NOT NULL);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
PRAGMA user_version = 1;
PRAGMA application_id = 2002874996;
COMMIT;
)SQL");
  static_assert(kArchiveSchemaVersion == 1 && kApplicationId == 2002874996, "schema SQL above states both");
}

void Archive::Begin() {
  if (!in_transaction_) Exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void Archive::Commit() {
  if (in_transaction_) Exec("COMMIT");
  in_transaction_ = false;
}

Archive::AddResult Archive::Add(const std::string& record_json) {
  nlohmann::ordered_json r = nlohmann::ordered_json::parse(record_json, nullptr, false);
  if (r.is_discarded() || !r.is_object() || r.contains("error") || !r.contains("id")) return AddResult::kSkipped;
  const std::string id = r.value("id", "");
  std::optional<std::string> sha;
  if (r.contains("source") && r["source"].is_object()) sha = Str(r["source"], "sha256");

  bool own_tx = !in_transaction_;
  if (own_tx) Begin();
  AddResult result = AddResult::kAdded;
  {
    Stmt find(db_, "SELECT doc, sha256 FROM documents WHERE id = ?");
    find.Bind(1, id);
    if (find.Step()) {
      if (find.Text(1) == sha && sha) {
        if (own_tx) Commit();
        return AddResult::kUnchanged;
      }
      long long old = find.Int(0);
      Stmt del(db_, "DELETE FROM documents WHERE doc = ?");
      del.Bind(1, old).Run();
      Stmt delf(db_, "DELETE FROM fts WHERE rowid = ?");
      delf.Bind(1, old).Run();
      result = AddResult::kReplaced;
    }
  }
  std::string text = r.value("text", "");
  r.erase("text");
  std::optional<std::string> place, outlet;
  if (r.contains("dateline") && r["dateline"].is_object()) {
    place = Str(r["dateline"], "place");
    outlet = Str(r["dateline"], "outlet");
  }
  Stmt ins(db_,
           "INSERT INTO documents(id, path, sha256, title, dateline_place, dateline_outlet, published, "
           "reference_date, reference_date_source, date, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  std::optional<std::string> path;
  if (r.contains("source") && r["source"].is_object()) path = Str(r["source"], "path");
  ins.Bind(1, id).Bind(2, path).Bind(3, sha).Bind(4, Str(r, "title")).Bind(5, place).Bind(6, outlet)
      .Bind(7, Str(r, "published")).Bind(8, Str(r, "reference_date")).Bind(9, Str(r, "reference_date_source"))
      .Bind(10, DocumentDate(r)).Bind(11, r.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  ins.Run();
  long long doc = sqlite3_last_insert_rowid(db_);

  Stmt fts(db_, "INSERT INTO fts(rowid, title, text) VALUES (?,?,?)");
  fts.Bind(1, doc).Bind(2, Str(r, "title")).Bind(3, text).Run();
  auto each = [&](const char* field, auto fn) {
    if (r.contains(field) && r[field].is_array())
      for (const auto& e : r[field])
        if (e.is_object()) fn(e);
  };
  auto count = [](const nlohmann::ordered_json& e) {
    return (long long)(e.contains("mentions") && e["mentions"].is_array() ? e["mentions"].size() : 0);
  };
  Stmt person(db_, "INSERT INTO people(doc, name, mentions) VALUES (?,?,?)");
  Stmt role(db_, "INSERT INTO roles(doc, person, title, organization, acting) VALUES (?,?,?,?,?)");
  each("people", [&](const nlohmann::ordered_json& p) {
    auto name = Str(p, "name");
    if (!name) return;
    person.Bind(1, doc).Bind(2, *name).Bind(3, count(p)).Run();
    if (p.contains("roles") && p["roles"].is_array())
      for (const auto& x : p["roles"]) {
        auto title = Str(x, "title");
        if (title)
          role.Bind(1, doc).Bind(2, *name).Bind(3, *title).Bind(4, Str(x, "organization"))
              .Bind(5, (long long)(x.value("acting", false))).Run();
      }
  });
  Stmt org(db_, "INSERT INTO organizations(doc, name, acronym, mentions) VALUES (?,?,?,?)");
  each("organizations", [&](const nlohmann::ordered_json& o) {
    org.Bind(1, doc).Bind(2, Str(o, "name")).Bind(3, Str(o, "acronym")).Bind(4, count(o)).Run();
  });
  Stmt pl(db_, "INSERT INTO places(doc, name, type, code, province, mentions) VALUES (?,?,?,?,?,?)");
  each("places", [&](const nlohmann::ordered_json& p) {
    auto name = Str(p, "name");
    if (name)
      pl.Bind(1, doc).Bind(2, *name).Bind(3, Str(p, "type").value_or("lain")).Bind(4, Str(p, "code"))
          .Bind(5, Str(p, "province")).Bind(6, count(p)).Run();
  });
  Stmt dt(db_, "INSERT INTO dates(doc, text, type, value, end_value) VALUES (?,?,?,?,?)");
  each("dates", [&](const nlohmann::ordered_json& d) {
    dt.Bind(1, doc).Bind(2, Str(d, "text").value_or("")).Bind(3, Str(d, "type").value_or("date"))
        .Bind(4, Str(d, "value")).Bind(5, Str(d, "end_value")).Run();
  });
  Stmt qt(db_, "INSERT INTO quotes(doc, speaker, text) VALUES (?,?,?)");
  each("quotes", [&](const nlohmann::ordered_json& q) {
    qt.Bind(1, doc).Bind(2, Str(q, "speaker")).Bind(3, Str(q, "text").value_or("")).Run();
  });
  if (own_tx) Commit();
  return result;
}

std::vector<SearchHit> Archive::Search(const SearchQuery& q) const {
  std::string sql;
  std::vector<std::string> binds;
  const bool fts = !q.query.empty();
  if (fts) {
    sql = "SELECT d.id, d.title, d.date, snippet(fts, 1, '[', ']', '…', 16), bm25(fts), d.record "
          "FROM fts JOIN documents d ON d.doc = fts.rowid WHERE fts MATCH ?";
    binds.push_back(q.query);
  } else {
    sql = "SELECT d.id, d.title, d.date, '', 0, d.record FROM documents d WHERE 1";
  }
  for (const std::string& p : q.people) {
    sql += " AND d.doc IN (SELECT doc FROM people WHERE name LIKE ?)";
    binds.push_back("%" + p + "%");
  }
  for (const std::string& r : q.roles) {
    sql += " AND d.doc IN (SELECT doc FROM roles WHERE title LIKE ?)";
    binds.push_back("%" + r + "%");
  }
  for (const std::string& o : q.orgs) {
    sql += " AND d.doc IN (SELECT doc FROM organizations WHERE name LIKE ? OR acronym LIKE ?)";
    binds.push_back("%" + o + "%");
    binds.push_back(o);
  }
  for (const std::string& p : q.places) {
    bool code = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (code) {
      sql += " AND d.doc IN (SELECT doc FROM places WHERE code = ? OR code LIKE ?)";
      binds.push_back(p);
      binds.push_back(p + ".%");
    } else {
      sql += " AND d.doc IN (SELECT doc FROM places WHERE name LIKE ? OR province LIKE ?)";
      binds.push_back("%" + p + "%");
      binds.push_back(p);
    }
  }
  if (q.from) {
    sql += " AND d.date >= ?";
    binds.push_back(*q.from);
  }
  if (q.to) {
    sql += " AND d.date <= ?";
    binds.push_back(*q.to);
  }
  sql += fts ? " ORDER BY bm25(fts)" : " ORDER BY d.date DESC, d.id";
  sql += " LIMIT " + std::to_string(q.limit > 0 ? q.limit : 20);
  std::vector<SearchHit> hits;
  try {
    Stmt s(db_, sql);
    for (size_t i = 0; i < binds.size(); ++i) s.Bind(int(i + 1), binds[i]);
    while (s.Step())
      hits.push_back({*s.Text(0), s.Text(1), s.Text(2), s.Text(3).value_or(""), s.Real(4), *s.Text(5)});
  } catch (const Error& e) {
    if (fts) throw Error(std::string("search: '") + q.query + "': " + e.what() + " (FTS5 query syntax)");
    throw;
  }
  return hits;
}

ArchiveStats Archive::Stats(int top) const {
  ArchiveStats st;
  auto one = [&](const char* sql) {
    Stmt s(db_, sql);
    return s.Step() ? s.Int(0) : 0;
  };
  st.documents = one("SELECT count(*) FROM documents");
  st.people = one("SELECT count(DISTINCT name) FROM people");
  st.organizations = one("SELECT count(DISTINCT coalesce(name, acronym)) FROM organizations");
  st.places = one("SELECT count(DISTINCT coalesce(code, name)) FROM places");
  st.dates = one("SELECT count(*) FROM dates");
  st.quotes = one("SELECT count(*) FROM quotes");
  {
    Stmt s(db_, "SELECT min(date), max(date) FROM documents");
    if (s.Step()) st.first_date = s.Text(0), st.last_date = s.Text(1);
  }
  auto tops = [&](const std::string& sql, std::vector<std::pair<std::string, long>>& out) {
    Stmt s(db_, sql + " LIMIT " + std::to_string(top));
    while (s.Step()) out.emplace_back(s.Text(0).value_or(""), long(s.Int(1)));
  };
  tops("SELECT name, count(DISTINCT doc) n FROM people GROUP BY name ORDER BY n DESC, name", st.top_people);
  tops("SELECT coalesce(name, acronym) k, count(DISTINCT doc) n FROM organizations GROUP BY k ORDER BY n DESC, k",
       st.top_organizations);
  tops("SELECT name || coalesce(' (' || code || ')', '') k, count(DISTINCT doc) n FROM places GROUP BY k "
       "ORDER BY n DESC, k",
       st.top_places);
  return st;
}

}  // namespace warta
