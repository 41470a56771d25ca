// A prepared SQLite statement with typed binds: the archive's one way to run SQL.
//   Statement s(db, "SELECT doc FROM documents WHERE id = ?");
//   s.Bind(1, id);  while (s.Step()) use(s.Int(0));
// Internal to src/index/ (archive.cc, query.cc): nothing outside includes sqlite3.h.
#ifndef WARTA_INDEX_STATEMENT_H_
#define WARTA_INDEX_STATEMENT_H_

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "error.h"

namespace warta {

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
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, std::string&& v) = delete;  // would dangle: binds do not copy
  Statement& Bind(int i, const char* v) = delete;    // say std::string_view: no accidental literals
  Statement& Bind(int i, const std::optional<std::string>& v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(st_, i);
    return *this;
  }
  Statement& Bind(int i, long long v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
  }
  // A pointer for an SQL function that asks for `type` (sqlite3_bind_pointer); it must
  // outlive the statement's use.
  Statement& BindPointer(int i, const void* p, const char* type) {
    sqlite3_bind_pointer(st_, i, const_cast<void*>(p), type, nullptr);
    return *this;
  }
  Statement& BindBlob(int i, const void* data, size_t bytes) {
    sqlite3_bind_blob(st_, i, data, int(bytes), SQLITE_STATIC);
    return *this;
  }
  // Steps once: true while a row is available.
  bool Step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(st_);
    throw Error("archive: " + msg);
  }
  void Run() {
    while (Step()) {
    }
    Reset();
  }
  // Ready for the next use (after Step() has read what it needed).
  void Reset() { sqlite3_reset(st_); }
  bool Null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  long long Int(int col) const { return sqlite3_column_int64(st_, col); }
  double Real(int col) const { return sqlite3_column_double(st_, col); }
  std::optional<std::string> Text(int col) const {
    if (Null(col)) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    return std::string(p, size_t(sqlite3_column_bytes(st_, col)));
  }
  // The column's bytes, valid until the next Step() or Reset().
  std::string_view Blob(int col) const {
    const void* p = sqlite3_column_blob(st_, col);
    return p ? std::string_view(static_cast<const char*>(p), size_t(sqlite3_column_bytes(st_, col))) : std::string_view();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

// Registers warta_rank(fts) on a connection: the score of FTS5's bm25() (k1 = 1.2, b = 0.75,
// every column weighing 1, negated: lower is better), computed three times faster (query.cc).
void RegisterRankFunction(sqlite3* db);

}  // namespace warta

#endif  // WARTA_INDEX_STATEMENT_H_
