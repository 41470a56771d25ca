#include "index/archive.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "document.h"
#include "error.h"

namespace warta {
namespace {

constexpr int kApplicationId = 0x77617274;  // 'wart'

}  // namespace

// RAII prepared statement with typed binds, for the few statements this file needs.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw Error(std::string("archive: cannot prepare statement: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::optional<std::string>& v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(st_, i);
    return *this;
  }
  Statement& Bind(int i, long long v) {
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
    Reset();
  }
  // Ready for the next use (after Step() has read what it needed).
  void Reset() {
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

namespace {

using Stmt = Statement;

std::optional<std::string> Str(const nlohmann::ordered_json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The date a document is filed under: its publication date, else its dated dateline or the
// reference date it was extracted with, else its earliest full-day date mention.
std::optional<std::string> DocumentDate(const ArchiveEntry& e) {
  if (e.published) return e.published->substr(0, 10);
  if (e.reference_date_source && *e.reference_date_source != "today") return e.reference_date;
  std::optional<std::string> best;
  for (const auto& d : e.dates) {
    const auto& v = d.value;
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
    // WAL: readers never block the writer and a killed run leaves the last commit intact.
    // Bulk loads write large transactions; a bigger page cache and fewer checkpoints keep
    // them from thrashing the disk (synchronous=NORMAL stays: durable at checkpoints).
    if (mode == kWrite)
      Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
           "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384; PRAGMA temp_store=MEMORY;");
  } catch (...) {
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Archive::~Archive() {
  statements_.clear();  // finalized before the connection closes
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
INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);
PRAGMA user_version = 1;
PRAGMA application_id = 2002874996;
COMMIT;
)SQL");
  static_assert(kArchiveSchemaVersion == 1 && kApplicationId == 2002874996, "schema SQL above states both");
}

Statement& Archive::Prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  return *it->second;
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
  std::optional<ArchiveEntry> entry = ArchiveEntry::FromRecord(record_json);
  return entry ? Add(*entry) : AddResult::kSkipped;
}

Archive::AddResult Archive::Add(const ArchiveEntry& e) {
  bool own_tx = !in_transaction_;
  if (own_tx) Begin();
  AddResult result = AddResult::kAdded;
  {
    Stmt& find = Prepared("SELECT doc, sha256 FROM documents WHERE id = ?");
    find.Bind(1, e.id);
    if (find.Step()) {
      std::optional<std::string> stored = find.Text(1);
      long long old = find.Int(0);
      find.Reset();
      if (stored == e.sha256 && e.sha256) {
        if (own_tx) Commit();
        return AddResult::kUnchanged;
      }
      Prepared("DELETE FROM documents WHERE doc = ?").Bind(1, old).Run();
      Prepared("DELETE FROM fts WHERE rowid = ?").Bind(1, old).Run();
      result = AddResult::kReplaced;
    } else {
      find.Reset();
    }
  }
  Prepared(
      "INSERT INTO documents(id, path, sha256, title, dateline_place, dateline_outlet, published, "
      "reference_date, reference_date_source, date, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      .Bind(1, e.id).Bind(2, e.path).Bind(3, e.sha256).Bind(4, e.title).Bind(5, e.dateline_place)
      .Bind(6, e.dateline_outlet).Bind(7, e.published).Bind(8, e.reference_date).Bind(9, e.reference_date_source)
      .Bind(10, e.date).Bind(11, e.record).Run();
  long long doc = sqlite3_last_insert_rowid(db_);
  Prepared("INSERT INTO fts(rowid, title, text) VALUES (?,?,?)").Bind(1, doc).Bind(2, e.title).Bind(3, e.text).Run();
  Stmt& person = Prepared("INSERT INTO people(doc, name, mentions) VALUES (?,?,?)");
  for (const auto& p : e.people) person.Bind(1, doc).Bind(2, p.name).Bind(3, p.mentions).Run();
  Stmt& role = Prepared("INSERT INTO roles(doc, person, title, organization, acting) VALUES (?,?,?,?,?)");
  for (const auto& r : e.roles)
    role.Bind(1, doc).Bind(2, r.person).Bind(3, r.title).Bind(4, r.organization).Bind(5, (long long)r.acting).Run();
  Stmt& org = Prepared("INSERT INTO organizations(doc, name, acronym, mentions) VALUES (?,?,?,?)");
  for (const auto& o : e.organizations) org.Bind(1, doc).Bind(2, o.name).Bind(3, o.acronym).Bind(4, o.mentions).Run();
  Stmt& pl = Prepared("INSERT INTO places(doc, name, type, code, province, mentions) VALUES (?,?,?,?,?,?)");
  for (const auto& p : e.places)
    pl.Bind(1, doc).Bind(2, p.name).Bind(3, p.type).Bind(4, p.code).Bind(5, p.province).Bind(6, p.mentions).Run();
  Stmt& dt = Prepared("INSERT INTO dates(doc, text, type, value, end_value) VALUES (?,?,?,?,?)");
  for (const auto& d : e.dates) dt.Bind(1, doc).Bind(2, d.text).Bind(3, d.type).Bind(4, d.value).Bind(5, d.end_value).Run();
  Stmt& qt = Prepared("INSERT INTO quotes(doc, speaker, text) VALUES (?,?,?)");
  for (const auto& q : e.quotes) qt.Bind(1, doc).Bind(2, q.speaker).Bind(3, q.text).Run();
  if (own_tx) Commit();
  return result;
}

std::optional<ArchiveEntry> ArchiveEntry::FromRecord(const std::string& record_json) {
  nlohmann::ordered_json r = nlohmann::ordered_json::parse(record_json, nullptr, false);
  if (r.is_discarded() || !r.is_object() || r.contains("error") || !r.contains("id") || !r["id"].is_string())
    return std::nullopt;
  ArchiveEntry e;
  e.id = r["id"].get<std::string>();
  if (r.contains("source") && r["source"].is_object()) {
    e.path = Str(r["source"], "path");
    e.sha256 = Str(r["source"], "sha256");
  }
  if (auto t = r.find("text"); t != r.end()) {
    if (t->is_string()) e.text = t->get<std::string>();
    r.erase(t);
  }
  if (r.contains("dateline") && r["dateline"].is_object()) {
    e.dateline_place = Str(r["dateline"], "place");
    e.dateline_outlet = Str(r["dateline"], "outlet");
  }
  e.title = Str(r, "title");
  e.published = Str(r, "published");
  e.reference_date = Str(r, "reference_date");
  e.reference_date_source = Str(r, "reference_date_source");
  auto each = [&](const char* field, auto fn) {
    if (r.contains(field) && r[field].is_array())
      for (const auto& x : r[field])
        if (x.is_object()) fn(x);
  };
  auto count = [](const nlohmann::ordered_json& x) {
    return (long long)(x.contains("mentions") && x["mentions"].is_array() ? x["mentions"].size() : 0);
  };
  each("people", [&](const nlohmann::ordered_json& p) {
    auto name = Str(p, "name");
    if (!name) return;
    e.people.push_back({*name, count(p)});
    if (p.contains("roles") && p["roles"].is_array())
      for (const auto& x : p["roles"])
        if (auto title = Str(x, "title")) e.roles.push_back({*name, *title, Str(x, "organization"), x.value("acting", false)});
  });
  each("organizations", [&](const nlohmann::ordered_json& o) {
    e.organizations.push_back({Str(o, "name"), Str(o, "acronym"), count(o)});
  });
  each("places", [&](const nlohmann::ordered_json& p) {
    if (auto name = Str(p, "name"))
      e.places.push_back({*name, Str(p, "type").value_or("lain"), Str(p, "code"), Str(p, "province"), count(p)});
  });
  each("dates", [&](const nlohmann::ordered_json& d) {
    e.dates.push_back({Str(d, "text").value_or(""), Str(d, "type").value_or("date"), Str(d, "value"), Str(d, "end_value")});
  });
  each("quotes", [&](const nlohmann::ordered_json& q) { e.quotes.push_back({Str(q, "speaker"), Str(q, "text").value_or("")}); });
  e.record = r.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  e.date = DocumentDate(e);
  return e;
}

ArchiveEntry ArchiveEntry::FromDocument(Document& doc, std::string record_json) {
  ArchiveEntry e;
  e.id = doc.id;
  if (doc.source) {
    e.path = doc.source->path;
    e.sha256 = doc.source->sha256;
  }
  e.title = doc.title;
  if (doc.dateline) {
    e.dateline_place = doc.dateline->place;
    e.dateline_outlet = doc.dateline->outlet;
  }
  if (doc.published) e.published = doc.published->Iso();
  if (doc.reference_date) {
    e.reference_date = doc.reference_date->Iso();
    e.reference_date_source = std::string(ReferenceSourceName(doc.reference_source));
  }
  for (const warta::Person& p : doc.people) {
    e.people.push_back({p.name, (long long)p.mentions.size()});
    for (const warta::Role& r : p.roles) e.roles.push_back({p.name, r.title, r.organization, r.acting});
  }
  for (const warta::Organization& o : doc.organizations) e.organizations.push_back({o.name, o.acronym, (long long)o.mentions.size()});
  for (const warta::Place& p : doc.places) e.places.push_back({p.name, p.type, p.code, p.province, (long long)p.mentions.size()});
  for (const warta::DateExpr& d : doc.dates) e.dates.push_back({std::string(doc.Original(d.span)), d.type, d.value, d.end_value});
  for (const warta::Quote& q : doc.quotes) e.quotes.push_back({q.speaker, std::string(doc.Original(q.span))});
  e.record = std::move(record_json);
  e.text = std::move(doc.text);
  e.date = DocumentDate(e);
  return e;
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
