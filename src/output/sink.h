// Where rendered records go, in order: stdout or -o FILE, in the chosen format.
//   jsonl    one record per line
//   json     one pretty record; several become a JSON array
//   es-bulk  {"index":{"_index":"warta","_id":ID}} before each record
//   default  jsonl, except that a single record for a terminal is pretty-printed
//   conllu   blocks as rendered (tokenize)
// Write errors: a closed pipe (EPIPE) makes broken() true so the run can stop quietly;
// any other error throws Error (exit 2).
#ifndef WARTA_OUTPUT_SINK_H_
#define WARTA_OUTPUT_SINK_H_

#include <cstdio>
#include <optional>
#include <string>

#include "options.h"

namespace warta {

class RecordSink {
 public:
  // Opens -o FILE (append when resuming) or stdout; throws Error naming the file.
  explicit RecordSink(const Options& options);
  ~RecordSink();

  // The format records must be rendered in: jsonl (compact), json (pretty), conllu.
  // es-bulk and the default are rendered compact; the sink adds the rest.
  OutputFormat render_format() const { return render_; }

  // Adds one rendered record (no trailing newline for JSON formats); `id` for es-bulk.
  void Add(const std::string& rendered, const std::string& id);
  // Writes what is still held and flushes. Call once at the end.
  void Finish();
  bool broken() const { return broken_; }

 private:
  void Write(const std::string& s);

  OutputFormat format_;
  OutputFormat render_;
  std::string es_index_;
  std::string path_;
  FILE* out_ = nullptr;
  bool own_ = false;
  bool broken_ = false;
  bool tty_single_ = false;          // default format to a terminal: hold the first record
  std::optional<std::string> held_;  // first record, held to decide single vs many
  size_t count_ = 0;
};

}  // namespace warta

#endif  // WARTA_OUTPUT_SINK_H_
