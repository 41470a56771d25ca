// The embedded archive index: one SQLite file holding every record, with tables to facet on,
// a dictionary of facet values with the documents that name each, and an FTS5 full-text
// index over title and text.
//   Archive db("archive.db", Archive::kWrite);
//   db.Add(record_json);                  // idempotent by id + source sha256
//   Archive ro("archive.db", Archive::kRead);
//   ro.Search(request)                    // → total, ranked hits with snippets, facet counts
// src/index/ is the only user of SQLite (its C API): one seam. The questions a reader asks
// are in query.h; archive.cc writes and opens, query.cc answers.
// Schema version kArchiveSchemaVersion is stored in PRAGMA user_version, and the file is
// marked with application_id 'wart'; opening a newer, older or foreign database throws Error.
// Thread-safety: one Archive per thread (a connection of its own). Writes happen in
// transactions in WAL mode, so an interrupted run leaves a consistent database; a finished
// run leaves the file in rollback-journal mode, one file that read-only storage can serve.
// Reading never writes: kRead opens the file read-only, and on storage where SQLite cannot
// keep its lock files (a read-only mount) reads it as immutable when that is safe (see
// Archive::Archive).
#ifndef WARTA_INDEX_ARCHIVE_H_
#define WARTA_INDEX_ARCHIVE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/query.h"

struct sqlite3;
struct sqlite3_stmt;

namespace warta {

class Statement;  // a prepared statement (statement.h)
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

inline constexpr int kArchiveSchemaVersion = 4;

class Archive {
 public:
  enum Mode { kRead, kWrite };
  // Opens (kWrite: creates if missing) the database; throws Error naming the file when it
  // cannot be opened or is not a warta archive of a version this build reads.
  // kRead opens the file read-only and never writes to it or beside it, except the lock file
  // (-shm) SQLite keeps next to an archive in WAL mode on writable storage. Where that file
  // cannot be made (a read-only folder or mount) and no write-ahead log (-wal) holds data,
  // the file is opened immutable: without locks, trusting that nothing changes it meanwhile.
  // With a non-empty -wal that cannot be read there, it throws Error saying what to do.
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

  // The documents that match, ranked, with a page of hits and facet counts (query.h).
  // Throws Error for a malformed request (a bad date); the query text never throws.
  SearchResult Search(const SearchRequest& request) const;
  // One stored document by id, with its text; nullopt when there is none.
  std::optional<StoredDocument> Get(const std::string& id) const;
  // Every role held by the people a person filter matches (query.h: "=joko widodo", "widodo"),
  // oldest document first (undated last).
  std::vector<RoleHeld> RolesOf(const std::string& person) const;
  // One value of the facet dictionary by its key (FacetCount::key: a NameKey, a place's area
  // code), with the number of documents that name it (a place: that area itself, not the
  // areas beneath it); nullopt when the archive holds no such value. `key` may also be any
  // spelling with that NameKey ("Joko  Widodo").
  std::optional<FacetCount> Value(FacetKind kind, const std::string& key) const;
  // Counts, the date span and the values named in most documents (`top` of each).
  ArchiveStats Stats(int top = 10) const;

  // True when the file was opened immutable (read-only storage without a lock file; see the
  // constructor): nothing may change it while it is open.
  bool immutable() const { return immutable_; }

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
  void Open(const std::string& uri, int flags);
  void CheckSchema(Mode mode);
  void CloseDb();
  // The facet id of (kind, key), added to the dictionary when new (see archive.cc).
  long long FacetId(int kind, const std::string& key, const std::string& label, const std::optional<std::string>& code,
                    const std::optional<std::string>& extra);
  void StoreFacets(const ArchiveEntry& e, long long doc);
  void DeleteFacets(long long doc);
  void FlushPostings();
  // The doc_facets block being filled (doc_facets.h): read when first touched, written at
  // Commit() and when another block is opened.
  void OpenBlock(long long block);
  void WriteBlock();
  long long DataVersion() const;
  void LoadWriterState();

  std::string path_;
  Mode mode_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
  bool immutable_ = false;
  // kWrite: the facet dictionary ("<kind><key>" → id) and the next sequence number of an id.
  std::unordered_map<std::string, long long> facet_ids_;
  long long next_facet_ = 1;
  // kWrite: postings of this transaction (posting key, document offset; doc_facets.h),
  // written at Commit().
  std::vector<std::pair<long long, uint16_t>> postings_;
  long long block_ = -1;
  std::string block_data_;
  bool block_dirty_ = false;
  long long data_version_ = -1;  // PRAGMA data_version after this connection's last commit
  // The facet counts, months and areas of every document (a search without words or
  // filters: the first page of the web view, the places and the timeline), by the number
  // of values asked and the area; each with the PRAGMA data_version it was counted at, so
  // that what another connection commits is seen. Kept by a kRead archive only.
  struct AllCounts {
    long long version;
    int facets;
    std::optional<std::string> areas_of;
    SearchResult counts;
  };
  mutable std::vector<AllCounts> all_counts_;
};

}  // namespace warta

#endif  // WARTA_INDEX_ARCHIVE_H_
