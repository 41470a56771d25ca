#include "index/archive.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "document.h"
#include "error.h"
#include "index/doc_facets.h"
#include "index/keys.h"
#include "index/statement.h"

namespace warta {
namespace {

constexpr int kApplicationId = 0x77617274;  // 'wart'

// A child row's key is doc × 2^kRowBits + its position in the record's array, so the rows of
// one document are one key range (no index on doc to keep up) and appending stays cheap.
// Text is cut at 8 MiB (Normalizer::kMaxBytes), so no document has 2^24 mentions of a kind.
constexpr int kRowBits = 24;
// Rows per INSERT statement (see InsertRows).
constexpr size_t kChunkRows = 16;
// Posting rows per INSERT statement (FlushPostings).
constexpr size_t kPostingRows = 32;

using doc_facets::kKindNames;

// Days as YYYYMMDD integers (doc_facets.day): months and ranges are integer arithmetic.
std::optional<long long> DayNumber(const std::optional<std::string>& date) {
  if (!date || date->size() < 10) return std::nullopt;
  long long n = 0;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    char c = (*date)[i];
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// "file:" URI of a path, for sqlite3_open_v2 with SQLITE_OPEN_URI: absolute (so that "//x"
// names no host), every byte but [A-Za-z0-9/._~-] percent-encoded ('?', '#', '%' included).
std::string FileUri(const std::string& path) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).string();
  if (ec) abs = path;
  std::string uri = "file:";
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : abs) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' ||
        c == '_' || c == '~' || c == '-') {
      uri.push_back(char(c));
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

}  // namespace

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

Archive::Archive(const std::string& path, Mode mode) : path_(path), mode_(mode) {
  // An Archive is used from one thread, so the connection needs no mutexes (NOMUTEX), and
  // nothing reads SQLite's memory statistics, whose upkeep takes a global mutex on every
  // allocation; together 11% of an index run. sqlite3_config() only works before SQLite
  // initialises, so only the first Archive of the process gets to set it.
  static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)configured;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (mode == kRead) {
    // SQLite's own words for these ("unable to open database file") name neither.
    if (!fs::exists(path, ec))
      throw Error("cannot open archive " + path + ": no such file (make one with `warta index -o " + path + " …`)");
    if (fs::is_directory(path, ec))
      throw Error("cannot open archive " + path + ": it is a folder, not an archive file");
  }
  try {
    if (mode == kWrite) {
      Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      CheckSchema(mode);
    } else {
      Open(FileUri(path) + "?mode=ro", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
      // The first read finds whether SQLite can keep its locks here: in WAL mode a reader
      // needs the -shm file, which a read-only folder or mount cannot give it.
      int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
      // (A file system without locks answers IOERR_LOCK or IOERR_RDLOCK: the same remedy.
      // Not SQLITE_BUSY: that is a writer holding the file, whom immutable reading would
      // not wait for.)
      if ((rc & 0xFF) == SQLITE_CANTOPEN || (rc & 0xFF) == SQLITE_READONLY || rc == SQLITE_IOERR_LOCK ||
          rc == SQLITE_IOERR_RDLOCK) {
        // Without a write-ahead log, or with an empty one, the database file holds every
        // committed transaction, so reading it alone is reading the archive. Immutable
        // means no locks at all: safe as long as nothing writes the file meanwhile, which
        // read-only storage promises for this machine (not for another one that writes
        // the same shared folder: see the README).
        uintmax_t wal = fs::file_size(path + "-wal", ec);
        if (!ec && wal > 0)
          throw Error("cannot read archive " + path + " here: its write-ahead log " + path + "-wal holds " +
                      std::to_string(wal) +
                      " bytes that SQLite cannot read without writing its lock file (" + path +
                      "-shm) beside it, and this folder is read-only. The run that wrote it did not finish "
                      "(or is still running): where the archive is writable, `warta index -o " + path +
                      " < /dev/null` folds the log into it; then copy it again");
        CloseDb();
        Open(FileUri(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        immutable_ = true;
      } else if ((rc & 0xFF) == SQLITE_NOTADB) {
        throw Error(path + " is not a warta archive (not an SQLite database)");
      } else if (rc != SQLITE_OK) {
        throw Error("cannot read archive " + path + ": " + sqlite3_errmsg(db_));
      }
      CheckSchema(mode);
      // Reads of large doclists and facet tables: a larger page cache than the default 2 MB.
      Exec("PRAGMA cache_size=-32768");
    }
  } catch (...) {
    CloseDb();
    throw;
  }
}

void Archive::Open(const std::string& uri, int flags) {
  if (sqlite3_open_v2(uri.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    CloseDb();
    throw Error("cannot open archive " + path_ + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  RegisterRankFunction(db_);
}

void Archive::CloseDb() {
  statements_.clear();  // finalized before the connection closes
  row_statements_.clear();
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
}

void Archive::CheckSchema(Mode mode) {
  long long app = 0, version = 0, tables = 0;
  try {
    {
      Statement s(db_, "PRAGMA application_id");
      if (s.Step()) app = s.Int(0);
    }
    {
      Statement s(db_, "PRAGMA user_version");
      if (s.Step()) version = s.Int(0);
    }
    {
      Statement s(db_, "SELECT count(*) FROM sqlite_master");
      if (s.Step()) tables = s.Int(0);
    }
  } catch (const Error&) {
    if ((sqlite3_errcode(db_) & 0xFF) == SQLITE_NOTADB) throw Error(path_ + " is not a warta archive (not an SQLite database)");
    throw;
  }
  if (app == 0 && version == 0 && tables == 0) {
    if (mode == kRead) throw Error(path_ + " is empty: not a warta archive (make one with `warta index`)");
    CreateSchema();
  } else if (app != kApplicationId) {
    throw Error(path_ + " is not a warta archive (an SQLite database of something else)");
  } else if (version > kArchiveSchemaVersion) {
    throw Error(path_ + " is a warta archive of schema version " + std::to_string(version) +
                ", newer than this warta reads (" + std::to_string(kArchiveSchemaVersion) + "): upgrade warta");
  } else if (version < kArchiveSchemaVersion) {
    throw Error(path_ + " is a warta archive of an older schema version " + std::to_string(version) +
                " (this warta reads version " + std::to_string(kArchiveSchemaVersion) + ", which adds " +
                (version == 3 ? "the index of each person's roles that person pages read"
                              : "the facet index that filters and facet counts use") +
                "): re-index the corpus into a new file with `warta index -o NEW.db …`");
  }
  if (mode != kWrite) return;
  // WAL: readers never block the writer and a killed run leaves the last commit intact.
  // Bulk loads write large transactions; a bigger page cache and fewer checkpoints keep
  // them from thrashing the disk (synchronous=NORMAL stays: durable at checkpoints;
  // 4096 pages of 16 KiB: a checkpoint every 64 MiB of WAL). foreign_keys stays off: Add()
  // keeps the child tables consistent itself.
  Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
       "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=4096; PRAGMA temp_store=MEMORY;");
  // The facet dictionary, so that Add() finds a value's id without a query.
  LoadWriterState();
  data_version_ = DataVersion();
}

Archive::~Archive() {
  if (db_ && mode_ == kWrite) {
    if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    statements_.clear();
    row_statements_.clear();
    // Back to a rollback journal: the finished archive is one file, which a reader on
    // read-only storage opens without the -wal and -shm files that WAL mode needs. This
    // fails (harmlessly: the file stays in WAL mode) while another connection has it open.
    sqlite3_exec(db_, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  }
  CloseDb();
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
  // record (3–4 KB of JSON) without overflow pages. The facet tables (people … quotes)
  // have no index but their key (see kRowBits): filters and facet counts go through the
  // facet dictionary instead (facets, facet_names, postings, doc_facets), which holds each
  // distinct value once, so its indexes are small and cheap to keep up. FTS5: most of its
  // cost is one lookup in its in-memory hash of terms per token, and those lookups wait on
  // cache misses, so the hash is flushed to a segment every 1 MiB of terms (hashsize; about
  // 700 CLICK-ID articles) rather than once per transaction (64 MiB): 0.05–0.15 s less of the
  // writer's 1.3–1.5 s over CLICK-ID, in six interleaved pairs of runs (256 KiB was slower:
  // more merging). Segments merge 8 at a time instead of 4, which halves the merge work of a
  // bulk load (11% of a run on CLICK-ID) and keeps queries fast; its leaves fill a 16 KiB
  // page (pgsz 16000, default 4050): fewer, larger blobs to write.
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
-- The facet dictionary: every distinct person, organisation, place and role title once.
-- facet = (sequence << 2) | kind (0 person, 1 organization, 2 place, 3 role); key = NameKey
-- of the name (index/keys.h), a place's area code when it has one; label = the name as
-- first stored; code = a place's area code, an organisation's acronym.
-- The index on (kind, key) serves exact filters and, since a coded place's key is its code,
-- area-code prefixes too (key = '53' OR key BETWEEN '53.' AND '53/').
CREATE TABLE facets(facet INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,
  code TEXT, UNIQUE(kind, key));
-- Words of each facet's label and extra words (an organisation's acronym, a place's
-- province), for filters by word: rowid = facets.facet. Contentless and without row sizes
-- (nothing ranks names): an insert costs about what one into facets does.
CREATE VIRTUAL TABLE facet_names USING fts5(label, extra, content = '', columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2');
-- Which documents name a facet value (filters): posting = facet << 20 | doc >> 12, docs =
-- the documents of that facet among those 4096 (index/doc_facets.h); a facet's documents are
-- one key range. Which values a document names (facet counts): 64 documents
-- per row, block = doc >> 6, data as index/doc_facets.h describes.
CREATE TABLE postings(posting INTEGER PRIMARY KEY, docs BLOB NOT NULL);
CREATE TABLE doc_facets(block INTEGER PRIMARY KEY, data BLOB NOT NULL);
-- The roles table again, by the person's facet id and with the document's id and date, so
-- that a person's roles are one key range (a person page reads them without touching the
-- documents, whose records fill a page each four).
CREATE TABLE person_roles(person INTEGER NOT NULL, row INTEGER NOT NULL, id TEXT NOT NULL, date TEXT,
  name TEXT NOT NULL, title TEXT NOT NULL, organization TEXT, acting INTEGER NOT NULL,
  PRIMARY KEY(person, row)) WITHOUT ROWID;
PRAGMA user_version = 4;
PRAGMA application_id = 2002874996;
COMMIT;
)SQL");
  static_assert(kArchiveSchemaVersion == 4 && kApplicationId == 2002874996, "schema SQL above states both");
}

Statement& Archive::Prepared(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  return *it->second;
}

void Archive::Begin() {
  if (in_transaction_) return;
  Exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
  // The facet dictionary and the open doc_facets block are copies of what this connection
  // last committed; when another writer has committed since, they are read again.
  if (DataVersion() != data_version_) LoadWriterState();
}

long long Archive::DataVersion() const {
  Statement s(db_, "PRAGMA data_version");
  return s.Step() ? s.Int(0) : 0;
}

void Archive::LoadWriterState() {
  facet_ids_.clear();
  next_facet_ = 1;
  Statement s(db_, "SELECT facet, key FROM facets");
  while (s.Step()) {
    const long long id = s.Int(0);
    std::string lookup(1, char('0' + (id & 3)));
    lookup += s.Text(1).value_or("");
    facet_ids_.emplace(std::move(lookup), id);
    next_facet_ = std::max(next_facet_, (id >> 2) + 1);
  }
  block_ = -1;
  block_data_.clear();
  block_dirty_ = false;
  postings_.clear();
}

void Archive::Commit() {
  if (!in_transaction_) return;
  FlushPostings();
  WriteBlock();  // the open block stays in memory for the next transaction
  Exec("COMMIT");
  data_version_ = DataVersion();
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
      DeleteFacets(old);
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
  StoreFacets(e, doc);
  if (own_tx) Commit();
  return result;
}

long long Archive::FacetId(int kind, const std::string& key, const std::string& label,
                           const std::optional<std::string>& code, const std::optional<std::string>& extra) {
  std::string lookup(1, char('0' + kind));
  lookup += key;
  auto [it, added] = facet_ids_.try_emplace(std::move(lookup), 0);
  if (!added) return it->second;
  const long long id = (next_facet_ << 2) | kind;
  try {
    Prepared("INSERT INTO facets(facet, kind, key, label, code) VALUES (?,?,?,?,?)")
        .Bind(1, id).Bind(2, std::string_view(kKindNames[kind])).Bind(3, key).Bind(4, label).Bind(5, code).Run();
    Prepared("INSERT INTO facet_names(rowid, label, extra) VALUES (?,?,?)").Bind(1, id).Bind(2, label).Bind(3, extra).Run();
  } catch (...) {
    facet_ids_.erase(it);
    throw;
  }
  ++next_facet_;
  it->second = id;
  return id;
}

void Archive::StoreFacets(const ArchiveEntry& e, long long doc) {
  std::vector<uint32_t> ids;
  ids.reserve(e.people.size() + e.roles.size() + e.organizations.size() + e.places.size());
  static const std::optional<std::string> kNone;
  std::string key;
  for (const auto& p : e.people)
    if (!(key = NameKey(p.name)).empty()) ids.push_back(uint32_t(FacetId(doc_facets::kPerson, key, p.name, kNone, kNone)));
  for (const auto& o : e.organizations) {
    const std::optional<std::string>& label = o.name ? o.name : o.acronym;
    if (label && !(key = NameKey(*label)).empty())
      ids.push_back(uint32_t(FacetId(doc_facets::kOrganization, key, *label, o.acronym, o.acronym)));
  }
  for (const auto& p : e.places) {
    // A place with an area code is that area, whatever its spelling ("Kupang", "Kota Kupang").
    const bool coded = p.code && IsAreaCode(*p.code);
    key = coded ? *p.code : NameKey(p.name);
    if (!key.empty()) ids.push_back(uint32_t(FacetId(doc_facets::kPlace, key, p.name, coded ? p.code : kNone, p.province)));
  }
  for (const auto& r : e.roles)
    if (!(key = NameKey(r.title)).empty()) ids.push_back(uint32_t(FacetId(doc_facets::kRole, key, r.title, kNone, kNone)));
  // Each role under its person's facet id (the people above have added it; a role's person
  // is one of them), row numbered as in the roles table.
  for (size_t i = 0; i < e.roles.size() && i < (size_t(1) << kRowBits); ++i) {
    const auto& r = e.roles[i];
    if ((key = NameKey(r.person)).empty()) continue;
    Prepared("INSERT INTO person_roles(person, row, id, date, name, title, organization, acting) VALUES (?,?,?,?,?,?,?,?)")
        .Bind(1, FacetId(doc_facets::kPerson, key, r.person, kNone, kNone)).Bind(2, (doc << kRowBits) + (long long)i)
        .Bind(3, e.id).Bind(4, e.date).Bind(5, r.person).Bind(6, r.title).Bind(7, r.organization)
        .Bind(8, (long long)r.acting).Run();
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  OpenBlock(doc >> doc_facets::kBlockBits);
  // The length FTS5 just counted for the document, kept for ranking (query.cc: warta_rank).
  Statement& size = Prepared("SELECT sz FROM fts_docsize WHERE id = ?");
  size.Bind(1, doc);
  const uint32_t length = size.Step() ? doc_facets::RowLength(size.Blob(0)) : 0;
  size.Reset();
  doc_facets::Append(block_data_, doc, DayNumber(e.date).value_or(0), length, ids);
  block_dirty_ = true;
  for (uint32_t id : ids) postings_.emplace_back(doc_facets::PostingKey(id, doc), doc_facets::PostingOffset(doc));
}

void Archive::OpenBlock(long long block) {
  if (block_ == block) return;
  WriteBlock();
  block_ = block;
  block_data_.clear();
  Statement& get = Prepared("SELECT data FROM doc_facets WHERE block = ?");
  get.Bind(1, block);
  if (get.Step()) block_data_ = std::string(get.Blob(0));
  get.Reset();
}

void Archive::WriteBlock() {
  if (!block_dirty_) return;
  if (block_data_.empty())
    Prepared("DELETE FROM doc_facets WHERE block = ?").Bind(1, block_).Run();
  else
    Prepared("INSERT OR REPLACE INTO doc_facets(block, data) VALUES (?, ?)")
        .Bind(1, block_).BindBlob(2, block_data_.data(), block_data_.size()).Run();
  block_dirty_ = false;
}

void Archive::DeleteFacets(long long doc) {
  FlushPostings();  // the document may have been added in this transaction
  OpenBlock(doc >> doc_facets::kBlockBits);
  Statement& get = Prepared("SELECT docs FROM postings WHERE posting = ?");
  for (uint32_t id : doc_facets::Remove(block_data_, doc)) {
    if ((id & 3) == doc_facets::kPerson)
      Prepared("DELETE FROM person_roles WHERE person = ?1 AND row >= ?2 AND row < ?3")
          .Bind(1, (long long)id).Bind(2, doc << kRowBits).Bind(3, (doc + 1) << kRowBits).Run();
    const long long key = doc_facets::PostingKey(id, doc);
    get.Bind(1, key);
    std::string docs = get.Step() ? std::string(get.Blob(0)) : std::string();
    get.Reset();
    std::string kept;
    for (size_t i = 0; i + 2 <= docs.size(); i += 2)
      if (doc_facets::GetLe(reinterpret_cast<const unsigned char*>(docs.data()) + i, 2) != doc_facets::PostingOffset(doc))
        kept.append(docs, i, 2);
    if (kept.empty())
      Prepared("DELETE FROM postings WHERE posting = ?").Bind(1, key).Run();
    else
      Prepared("UPDATE postings SET docs = ? WHERE posting = ?").BindBlob(1, kept.data(), kept.size()).Bind(2, key).Run();
  }
  block_dirty_ = true;
}

void Archive::FlushPostings() {
  // One row per facet and epoch: the transaction's documents of a facet are appended to its
  // row of the newest epoch (new documents have the highest numbers, so the row stays
  // ascending). Sorted, the rows go into the table in key order.
  std::sort(postings_.begin(), postings_.end());
  std::vector<std::pair<long long, std::string>> rows;
  for (const auto& [key, offset] : postings_) {
    if (rows.empty() || rows.back().first != key) rows.emplace_back(key, std::string());
    doc_facets::PutLe(rows.back().second, offset, 2);
  }
  postings_.clear();
  size_t done = 0;
  while (done < rows.size()) {
    const size_t n = std::min(rows.size() - done, kPostingRows);
    auto& slot = row_statements_[{"postings", n}];
    if (!slot) {
      std::string sql = "INSERT INTO postings(posting, docs) VALUES (?,?)";
      for (size_t r = 1; r < n; ++r) sql += ",(?,?)";
      sql += " ON CONFLICT(posting) DO UPDATE SET docs = CAST(docs || excluded.docs AS BLOB)";
      slot = std::make_unique<Statement>(db_, sql);
    }
    for (size_t r = 0; r < n; ++r) {
      const std::string& docs = rows[done + r].second;
      slot->Bind(int(2 * r + 1), rows[done + r].first).BindBlob(int(2 * r + 2), docs.data(), docs.size());
    }
    slot->Run();
    done += n;
  }
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

}  // namespace warta
