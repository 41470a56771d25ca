// The embedded archive index: one SQLite file holding every record, with tables to facet on
// and an FTS5 full-text index over title and text.
//   Archive db("archive.db", Archive::kWrite);
//   db.Add(record_json);                  // a record with its "text"; idempotent by id + source sha256
//   db.Search({.query = "tata kelola Bakohumas", .places = {"53"}})  → ranked hits
// This file and archive.cc are the only users of SQLite (its C API): one seam.
// Schema version kArchiveSchemaVersion is stored in PRAGMA user_version, and the file is marked
// with application_id 'wart'; opening a newer or foreign database throws Error.
// Thread-safety: one Archive per thread; writes happen in transactions (WAL mode), so an
// interrupted run leaves a consistent database.
#ifndef WARTA_INDEX_ARCHIVE_H_
#define WARTA_INDEX_ARCHIVE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace warta {

class Statement;  // a prepared statement (archive.cc)
struct Document;

// One document as the archive stores it: the columns of every table. Made in a worker
// thread (from the Document, or by parsing a record) so that the one writer only inserts.
struct ArchiveEntry {
  std::string id;
  std::optional<std::string> path, sha256, title, dateline_place, dateline_outlet, published, reference_date,
      reference_date_source;
  std::optional<std::string> date;  // the document date (see DocumentDate in archive.cc)
  std::string record;               // the JSON record, without its text
  std::string text;                 // the document text, for the full-text index
  struct Person { std::string name; long long mentions; };
  struct Role { std::string person, title; std::optional<std::string> organization; bool acting; };
  struct Organization { std::optional<std::string> name, acronym; long long mentions; };
  struct Place { std::string name, type; std::optional<std::string> code, province; long long mentions; };
  struct Date { std::string text, type; std::optional<std::string> value, end_value; };
  struct Quote { std::optional<std::string> speaker; std::string text; };
  std::vector<Person> people;
  std::vector<Role> roles;
  std::vector<Organization> organizations;
  std::vector<Place> places;
  std::vector<Date> dates;
  std::vector<Quote> quotes;

  // From a record as output/record.cc writes it (its "text", if any, becomes `text`);
  // nullopt for an error record or anything that is not a record.
  static std::optional<ArchiveEntry> FromRecord(const std::string& record_json);
  // From a processed document and its rendered record (without text). Takes doc.text.
  static ArchiveEntry FromDocument(Document& doc, std::string record_json);
};

inline constexpr int kArchiveSchemaVersion = 2;

struct SearchQuery {
  std::string query;                  // FTS5 query over title and text ("" = all documents)
  std::vector<std::string> people;    // each must match a person's name (case-insensitive substring)
  std::vector<std::string> roles;     // each must match a role title (substring)
  std::vector<std::string> orgs;      // each must match an organisation name or acronym
  std::vector<std::string> places;    // a name (substring) or a code: "53" includes "53.71"
  std::optional<std::string> from;    // YYYY-MM-DD: the document date is on or after
  std::optional<std::string> to;      // YYYY-MM-DD: on or before
  int limit = 20;
};

struct SearchHit {
  std::string id;
  std::optional<std::string> title;
  std::optional<std::string> date;    // the document date (YYYY-MM-DD) or null
  std::string snippet;                // text around the match, the match in [brackets]
  double rank = 0;                    // bm25 (lower is better), 0 without a query
  std::string record;                 // the stored JSON record
};

struct ArchiveStats {
  long documents = 0, people = 0, organizations = 0, places = 0, dates = 0, quotes = 0;
  std::optional<std::string> first_date, last_date;  // span of document dates
  std::vector<std::pair<std::string, long>> top_people, top_organizations, top_places;
};

class Archive {
 public:
  enum Mode { kRead, kWrite };
  // Opens (kWrite: creates if missing) the database; throws Error naming the file when it
  // cannot be opened or is not a warta archive of a version this build reads.
  Archive(const std::string& path, Mode mode);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  enum class AddResult { kAdded, kReplaced, kUnchanged, kSkipped };
  // Stores one document. kUnchanged when the same id with the same source sha256 is
  // already there; kReplaced when the id is there with other content.
  AddResult Add(const ArchiveEntry& entry);
  // The same from a record as output/record.cc writes it (with "text" for the full-text
  // index); kSkipped for error records.
  AddResult Add(const std::string& record_json);

  // Groups Add() calls into one transaction (much faster); Commit() makes them durable.
  void Begin();
  void Commit();

  std::vector<SearchHit> Search(const SearchQuery& q) const;
  ArchiveStats Stats(int top = 10) const;

 private:
  void Exec(const char* sql) const;
  void CreateSchema();
  // The statement for `sql`, prepared on first use and kept: Add() runs about ten per record.
  Statement& Prepared(const std::string& sql);
  // Inserts `rows` of one document into a child table ("people(doc, row, name, mentions)",
  // `columns` counting those after doc and row) with multi-row INSERTs; row keys are
  // first_row, first_row + 1, … `bind(statement, first parameter, row)` binds one row's columns.
  template <typename Row, typename BindRow>
  void InsertRows(const char* table_columns, int columns, const std::vector<Row>& rows, long long doc,
                  long long first_row, BindRow bind);
  std::map<std::string, std::unique_ptr<Statement>> statements_;
  // InsertRows' statements by table (the literal's address) and number of rows.
  std::map<std::pair<const char*, size_t>, std::unique_ptr<Statement>> row_statements_;
  std::string path_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
};

}  // namespace warta

#endif  // WARTA_INDEX_ARCHIVE_H_
