// Turns the command line's inputs into Documents, one at a time, in input order.
//   warta extract a.txt dir/ - news.jsonl
//   → a.txt; every regular file below dir/ in byte order of path; stdin; one document per
//     line of news.jsonl (id from its "id", else "news.jsonl#LINE")
// Formats (--input, or by extension under auto): text, html (input/html.h), jsonl.
// Memory: one file (or one jsonl line) is held at a time, whatever the corpus size.
// Failures of one input (unreadable file, broken jsonl line) become a Document with
// `error` set and a message naming the file and line; the reading goes on.
#ifndef WARTA_INPUT_READER_H_
#define WARTA_INPUT_READER_H_

#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "document.h"
#include "options.h"

namespace warta {

class InputReader {
 public:
  // Checks that every named FILE exists; throws Error (exit 2) naming the first that does not.
  explicit InputReader(const Options& options);
  ~InputReader();

  // The next document, or false at the end of all inputs.
  bool Next(Document& doc);

  // Bytes read so far (for progress).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  struct Source {
    std::string path;  // as given, or as found below a directory; "-" for stdin
    InputFormat format;
  };
  bool OpenNext();                      // advances to the next source; false at the end
  bool NextJsonlLine(Document& doc);    // false at the end of the current jsonl source
  void ReadWhole(const Source& src, Document& doc);

  Options options_;
  std::vector<Source> sources_;
  size_t next_source_ = 0;
  // The jsonl source being read.
  std::unique_ptr<std::ifstream> file_;
  std::istream* jsonl_ = nullptr;
  const Source* jsonl_source_ = nullptr;
  uint64_t jsonl_line_ = 0;
  uint64_t bytes_read_ = 0;
};

// Fills doc (id, text, given_title, url, published, meta_json, source) from one jsonl line.
// `where` names the file and line for messages ("news.jsonl:12"); `fallback_id` is used
// when the object has no string "id". Sets doc.error on a broken line.
void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id,
                    Document& doc);

}  // namespace warta

#endif  // WARTA_INPUT_READER_H_
