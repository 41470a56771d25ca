#include "index/archive.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "document.h"
#include "error.h"

namespace warta {
namespace {

constexpr int kApplicationId = 0x77617274;  // 'wart'

// A child row's key is doc × 2^kRowBits + its position in the record's array, so the rows of
// one document are one key range (no index on doc to keep up) and appending stays cheap.
// Text is cut at 8 MiB (Normalizer::kMaxBytes), so no document has 2^24 mentions of a kind.
constexpr int kRowBits = 24;
// Rows per INSERT statement (see InsertRows).
constexpr size_t kChunkRows = 16;

}  // namespace

// RAII prepared statement with typed binds, for the few statements this file needs.
// Binds do not copy (SQLITE_STATIC): a bound string must live until the statement is reset,
// which every caller does at once (Run(), or Step() then Reset()). Reset() keeps the
// bindings, so every use binds every parameter (clearing them cost 7% of an index run).
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw Error(std::string("archive: cannot prepare statement: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, std::string&& v) = delete;  // would dangle: binds do not copy
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
  void Reset() { sqlite3_reset(st_); }
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
  // An Archive is used from one thread, so the connection needs no mutexes (NOMUTEX), and
  // nothing reads SQLite's memory statistics, whose upkeep takes a global mutex on every
  // allocation; together 11% of an index run. sqlite3_config() only works before SQLite
  // initialises, so only the first Archive of the process gets to set it.
  static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)configured;
  int flags = SQLITE_OPEN_NOMUTEX |
              (mode == kWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
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
    // them from thrashing the disk (synchronous=NORMAL stays: durable at checkpoints;
    // 4096 pages of 16 KiB: a checkpoint every 64 MiB of WAL). foreign_keys stays off: Add()
    // keeps the child tables consistent itself.
    if (mode == kWrite)
      Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
           "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=4096; PRAGMA temp_store=MEMORY;");
  } catch (...) {
    statements_.clear();
    row_statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Archive::~Archive() {
  statements_.clear();  // finalized before the connection closes
  row_statements_.clear();
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
  // The page size can only be set before the first table; 16 KiB pages hold a typical
  // record (3–4 KB of JSON) without overflow pages. The facet tables have no index but
  // their key (see kRowBits): the filters match substrings, which no index serves, and
  // eight indexes cost a third of an index run. FTS5: most of its cost is one lookup in its
  // in-memory hash of terms per token, and those lookups wait on cache misses, so the hash
  // is flushed to a segment every 1 MiB of terms (hashsize; about 700 CLICK-ID articles)
  // rather than once per transaction (64 MiB): 0.05–0.15 s less of the writer's 1.3–1.5 s
  // over CLICK-ID, in six interleaved pairs of runs (256 KiB was slower: more merging).
  // Segments merge 8 at a time instead of 4, which halves the merge work of a bulk load
  // (11% of a run on CLICK-ID) and keeps queries fast; its leaves fill a 16 KiB page
  // (pgsz 16000, default 4050): fewer, larger blobs to write.
  Exec("PRAGMA page_size = 16384");
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
CREATE TABLE people(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  name TEXT NOT NULL, mentions INTEGER NOT NULL);
CREATE TABLE roles(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  person TEXT NOT NULL, title TEXT NOT NULL, organization TEXT, acting INTEGER NOT NULL);
CREATE TABLE organizations(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  name TEXT, acronym TEXT, mentions INTEGER NOT NULL);
CREATE TABLE places(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  name TEXT NOT NULL, type TEXT NOT NULL, code TEXT, province TEXT, mentions INTEGER NOT NULL);
CREATE TABLE dates(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  text TEXT NOT NULL, type TEXT NOT NULL, value TEXT, end_value TEXT);
CREATE TABLE quotes(doc INTEGER NOT NULL REFERENCES documents ON DELETE CASCADE, row INTEGER PRIMARY KEY,
  speaker TEXT, text TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO fts(fts, rank) VALUES('hashsize', 1048576);
INSERT INTO fts(fts, rank) VALUES('automerge', 8);
INSERT INTO fts(fts, rank) VALUES('pgsz', 16000);
PRAGMA user_version = 2;
PRAGMA application_id = 2002874996;
COMMIT;
)SQL");
  static_assert(kArchiveSchemaVersion == 2 && kApplicationId == 2002874996, "schema SQL above states both");
}

Statement& Archive::Prepared(const std::string& sql) {
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

template <typename Row, typename BindRow>
void Archive::InsertRows(const char* table_columns, int columns, const std::vector<Row>& rows, long long doc,
                         long long first_row, BindRow bind) {
  const int width = columns + 2;  // with doc and row
  const size_t count = std::min(rows.size(), size_t(1) << kRowBits);
  size_t done = 0;
  while (done < count) {
    // Chunks of kChunkRows rows, then one statement for the rest: executing a statement
    // costs about as much as the rows it inserts, so a document's rows go in one or two.
    const size_t n = std::min(count - done, kChunkRows);
    auto& slot = row_statements_[{table_columns, n}];
    if (!slot) {
      std::string one = "(?";
      for (int c = 1; c < width; ++c) one += ",?";
      one += ")";
      std::string sql = std::string("INSERT OR FAIL INTO ") + table_columns + " VALUES " + one;
      for (size_t r = 1; r < n; ++r) sql += "," + one;
      slot = std::make_unique<Statement>(db_, sql);
    }
    Stmt& s = *slot;
    for (size_t r = 0; r < n; ++r) {
      const int base = int(r) * width + 1;
      s.Bind(base, doc).Bind(base + 1, first_row + (long long)(done + r));
      bind(s, base + 2, rows[done + r]);
    }
    s.Run();
    done += n;
  }
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
      // foreign_keys is off while writing (checking each child row's parent cost 8% of a
      // run), so the rows of the replaced document go here, by their key range.
      for (const char* sql :
           {"DELETE FROM people WHERE row >= ?1 AND row < ?2", "DELETE FROM roles WHERE row >= ?1 AND row < ?2",
            "DELETE FROM organizations WHERE row >= ?1 AND row < ?2", "DELETE FROM places WHERE row >= ?1 AND row < ?2",
            "DELETE FROM dates WHERE row >= ?1 AND row < ?2", "DELETE FROM quotes WHERE row >= ?1 AND row < ?2"})
        Prepared(sql).Bind(1, old << kRowBits).Bind(2, (old + 1) << kRowBits).Run();
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
  const long long first = doc << kRowBits;
  InsertRows("people(doc, row, name, mentions)", 2, e.people, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Person& p) { s.Bind(i, p.name).Bind(i + 1, p.mentions); });
  InsertRows("roles(doc, row, person, title, organization, acting)", 4, e.roles, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Role& r) {
               s.Bind(i, r.person).Bind(i + 1, r.title).Bind(i + 2, r.organization).Bind(i + 3, (long long)r.acting);
             });
  InsertRows("organizations(doc, row, name, acronym, mentions)", 3, e.organizations, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Organization& o) {
               s.Bind(i, o.name).Bind(i + 1, o.acronym).Bind(i + 2, o.mentions);
             });
  InsertRows("places(doc, row, name, type, code, province, mentions)", 5, e.places, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Place& p) {
               s.Bind(i, p.name).Bind(i + 1, p.type).Bind(i + 2, p.code).Bind(i + 3, p.province).Bind(i + 4, p.mentions);
             });
  InsertRows("dates(doc, row, text, type, value, end_value)", 4, e.dates, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Date& d) {
               s.Bind(i, d.text).Bind(i + 1, d.type).Bind(i + 2, d.value).Bind(i + 3, d.end_value);
             });
  InsertRows("quotes(doc, row, speaker, text)", 2, e.quotes, doc, first,
             [](Stmt& s, int i, const ArchiveEntry::Quote& q) { s.Bind(i, q.speaker).Bind(i + 1, q.text); });
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
  for (const warta::Place& p : doc.places) e.places.push_back({p.name, std::string(PlaceKindName(p.type)), p.code, p.province, (long long)p.mentions.size()});
  for (const warta::DateExpr& d : doc.dates) e.dates.push_back({std::string(doc.Original(d.span)), d.type, d.value, d.end_value});
  for (const warta::Quote& q : doc.quotes) e.quotes.push_back({q.speaker, std::string(doc.Original(q.span))});
  e.record = std::move(record_json);
  e.text = std::move(doc.text);
  // The date the document gives itself (published, a dated dateline, a full date near its
  // top) comes first, also when --reference-date set the reference date.
  e.date = doc.own_date ? std::optional<std::string>(doc.own_date->Iso()) : DocumentDate(e);
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
