// Turns the command line's inputs into Documents, one at a time, in input order.
//   warta extract a.txt dir/ - news.jsonl
//   → a.txt; every regular file below dir/ in byte order of path; stdin; one document per
//     line of news.jsonl (id from its "id", else "news.jsonl#LINE")
// Formats (--input, or by extension under auto): text, html (input/html.h), jsonl, pdf
// (input/pdf.h; under auto also a file that starts with "%PDF-").
// Memory: one file (or one jsonl line) per RawInput, whatever the corpus size.
// Failures of one input (unreadable file, broken jsonl line) become a Document with
// `error` set and a message naming the file and line; the reading goes on.
#ifndef WARTA_INPUT_READER_H_
#define WARTA_INPUT_READER_H_

#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document.h"
#include "options.h"

namespace warta {

// One unit of input as read, before decoding and parsing: a whole file, or one jsonl line.
// Cheap to produce (the reader thread only reads bytes); ToDocument does the rest, on any
// thread.
struct RawInput {
  std::string path;                    // as given, or as found below a directory; "-" for stdin
  InputFormat format = InputFormat::kText;  // kText, kHtml, kJsonl or kPdf, never kAuto
  std::string bytes;                   // the file, or the line without its "\n"
  std::optional<uint64_t> line;        // jsonl: the 1-based line number
  std::optional<DocumentError> error;  // the read failed: the document's error (message names the file)
  uint64_t consumed = 0;               // input bytes this unit accounts for (progress)
};

class InputReader {
 public:
  // Checks that every named FILE exists; throws Error (exit 2) naming the first that does not.
  explicit InputReader(const Options& options);
  ~InputReader();

  // The next unit of input, or false at the end of all inputs. Not thread-safe. The memory
  // of raw.bytes is reused: pass the same RawInput again to read without allocating.
  bool Next(RawInput& raw);
  // The next document (Next + ToDocument), or false at the end of all inputs.
  bool Next(Document& doc);

  // Bytes read so far, and the size of all inputs when known up front (0 when a source is
  // standard input or a size is unknown). For progress.
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t total_bytes() const { return total_bytes_; }

 private:
  struct Source {
    std::string path;  // as given, or as found below a directory; "-" for stdin
    InputFormat format;
  };
  static constexpr size_t kKeepBytes = size_t(1) << 20;  // Next() keeps at most this much of raw.bytes
  bool NextJsonlLine(RawInput& raw);  // false at the end of the current jsonl source
  void ReadWhole(const Source& src, RawInput& raw);

  Options options_;
  std::vector<Source> sources_;
  size_t next_source_ = 0;
  // The jsonl source being read.
  std::unique_ptr<std::ifstream> file_;
  std::istream* jsonl_ = nullptr;
  const Source* jsonl_source_ = nullptr;
  uint64_t jsonl_line_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t total_bytes_ = 0;
};

// Decodes and parses one unit into doc, made fresh first (Document::Reset: a document reused
// for unit after unit keeps its buffers' memory): id, text, given_title, url, published,
// meta_json, source, warnings, or error. Thread-safe; never throws for bad input. A caller
// done with a whole file's bytes may release them before running the stages.
//   text/html: id = the path ("stdin" for "-"); bytes decoded (input/decode.h); html → text
//   jsonl:     id = the line's "id", else "PATH#LINE" ("stdin#LINE")
// A jsonl document from standard input has no source.line: a stream cut into parts (GNU
// parallel --pipe, Hadoop Streaming) must give the same records whatever the cut.
void ToDocument(const RawInput& raw, Document& doc);

// Fills doc (id, text, given_title, url, published, meta_json) from one jsonl line.
// `where` names the file and line for messages ("news.jsonl:12"); `fallback_id` is used
// when the object has no string "id". Sets doc.error on a broken line.
void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id,
                    Document& doc);

}  // namespace warta

#endif  // WARTA_INPUT_READER_H_
