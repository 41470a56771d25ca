// Where rendered records go, in order: stdout or -o FILE, in the chosen format.
//   jsonl    one record per line
//   json     one pretty record; several become a JSON array
//   es-bulk  {"index":{"_index":"warta","_id":ID}} before each record
//   default  jsonl, except that a single record for a terminal is pretty-printed
//   conllu   blocks as rendered (tokenize), after output/conllu.h's header comment
//   html     one standalone page (output/html.h): each document's release view in turn
// Write errors: a closed pipe (EPIPE) makes broken() true so the run can stop quietly;
// any other error throws Error (exit 2).
// -o FILE is flushed after every record, so that a crash or Ctrl-C loses no record that
// was written; at worst the last line is cut short, which --resume repairs.
// `warta index` (options.index_db): records go into the SQLite archive instead
// (index/archive.h), committed every kArchiveBatch records and at Finish(); Finish() then
// reports what was added, replaced and left unchanged.
// --resume (jsonl or es-bulk into -o FILE): FILE is read first, a cut-short last line (or
// an es-bulk action line without its record) is cut off, and the ids of the records in it
// are counted; new records are appended.
#ifndef WARTA_OUTPUT_SINK_H_
#define WARTA_OUTPUT_SINK_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "options.h"

namespace warta {

class Archive;
struct ArchiveEntry;

class RecordSink {
 public:
  // Opens -o FILE or stdout; throws Error naming the file. With options.resume: checks
  // that -o FILE is given and the format is jsonl or es-bulk, then reads and repairs FILE
  // (see resumed_ids()) and appends to it; throws Error naming FILE:LINE when a line of
  // FILE is not a record.
  explicit RecordSink(const Options& options);
  ~RecordSink();

  // The format records must be rendered in: jsonl (compact), json (pretty), conllu.
  // es-bulk and the default are rendered compact; the sink adds the rest.
  OutputFormat render_format() const { return render_; }

  // Adds one rendered record (no trailing newline for JSON formats); `id` for es-bulk.
  void Add(const std::string& rendered, const std::string& id);
  // `warta index`: adds one document to the archive (an error record: `entry` is null).
  void AddToArchive(const ArchiveEntry* entry);
  bool archive() const { return archive_ != nullptr; }
  // Writes what is still held and flushes. Call once at the end.
  void Finish();
  bool broken() const { return broken_; }
  // "standard output" or the -o FILE path, for messages.
  const std::string& path() const { return path_; }

  // --resume: how many records FILE already held for each id (a repeated id counts each
  // time), and how many bytes of a cut-short last record were removed.
  const std::unordered_map<std::string, size_t>& resumed_ids() const { return resumed_ids_; }
  uint64_t repaired_bytes() const { return repaired_bytes_; }

 private:
  void Write(std::string_view s);
  void ScanForResume();  // fills resumed_ids_, cuts FILE after its last whole record

  OutputFormat format_;
  OutputFormat render_;
  std::string es_index_;
  std::string path_;
  FILE* out_ = nullptr;
  bool own_ = false;
  bool broken_ = false;
  bool tty_single_ = false;          // default format to a terminal: hold the first record
  bool conllu_started_ = false;      // the CoNLL-U header comment is written
  std::optional<std::string> held_;  // first record, held to decide single vs many
  size_t count_ = 0;
  std::unordered_map<std::string, size_t> resumed_ids_;
  uint64_t repaired_bytes_ = 0;

  // `warta index`
  // Records per transaction: large, because each commit flushes FTS5's in-memory index as a
  // new segment that must later be merged; a killed run loses at most this many, which a
  // rerun adds again.
  static constexpr size_t kArchiveBatch = 4096;
  std::unique_ptr<Archive> archive_;
  size_t in_transaction_ = 0;
  size_t added_ = 0, replaced_ = 0, unchanged_ = 0, skipped_ = 0;
  bool quiet_ = false;
};

}  // namespace warta

#endif  // WARTA_OUTPUT_SINK_H_
