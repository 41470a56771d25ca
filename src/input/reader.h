// Turns the command line's inputs into Documents, one at a time, in input order.
//   warta extract a.txt arsip/ - news.jsonl
//   → a.txt; every regular file below arsip/ in byte order of path; stdin; one document per
//     line of news.jsonl (id from its "id", else "news.jsonl#LINE")
// Formats (--input, or by extension under auto): text, html (input/html.h), jsonl, pdf
// (input/pdf.h; under auto also a file that starts with "%PDF-").
// Folder walks leave out, and count by reason (skipped()): dot files and dot folders
// (unless --hidden), files that look binary (unless --binary; a PDF is not binary: it is
// read), and paths that --glob/--exclude rule out. A FILE named on the command line is
// always read.
// Ids: see InputName. Memory: one file (or one jsonl line) per RawInput, whatever the corpus
// size. Failures of one input (missing or unreadable file, unlistable folder, broken jsonl
// line) become a Document with `error` set and a message naming the file and line; the
// reading goes on.
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
  std::string name;                    // the id (jsonl: before "#LINE"); empty: made from path
  InputFormat format = InputFormat::kText;  // kText, kHtml, kJsonl or kPdf, never kAuto
  std::string bytes;                   // the file, or the line without its "\n"
  std::optional<uint64_t> line;        // jsonl: the 1-based line number
  std::optional<DocumentError> error;  // the read failed: the document's error (message names the file)
  uint64_t consumed = 0;               // input bytes this unit accounts for (progress)
  uint64_t number = 0;                 // 1-based position among the units of the run (CoNLL-U sent_id)
};

// The id of an input that is not a jsonl line with an id of its own (jsonl lines append
// "#LINE"). It depends neither on the working directory nor on how the argument was spelt:
//   "-"                                    → "stdin"
//   a FILE named on the command line       → its file name: "../arsip/2025/rilis.txt" → "rilis.txt"
//   a file found below a folder argument   → its path below that folder, "/" between names:
//                                            arsip/ (or /data/arsip, or .) → "2025/rilis.txt"
// Within a run, an id that an earlier input already has gets "~2", "~3" … appended, in
// input order (so the same arguments give the same ids every time).
std::string InputName(const std::string& argument);  // the first two cases

// What the first bytes of a file say it is (a few KB are enough; 8 KB are looked at):
// kBinary for a NUL byte (UTF-16 with a byte-order mark is text) or the signature of a
// binary format (PNG, JPEG, GIF, ZIP/docx/xlsx/epub, ELF, gzip, OLE2 .doc …); kPdf for
// "%PDF-". Legacy 8-bit text is text.
enum class Sniffed { kText, kBinary, kPdf };
Sniffed SniffContent(std::string_view head);

// --glob / --exclude patterns, matched against a path below a folder argument
// ("2025/10/rilis.txt"), in the manner of .gitignore:
//   *  any run of characters but "/";  ?  one character but "/";  [abc] [a-z] [!0-9]  one of
//   a set;  **  any number of folders ("2025/**", "**/draft/*");  \  escapes the next character
//   A pattern without "/" matches a file or folder name at any depth ("*.txt", "draft");
//   with "/" it matches the whole path below the folder ("2025/*.html"; a leading "/" is
//   dropped); a trailing "/" matches folders only ("lampiran/"). A pattern that matches a
//   folder matches everything below it. Letters match either case.
class PathFilter {
 public:
  // Throws Error for an empty pattern.
  PathFilter(const std::vector<std::string>& globs, const std::vector<std::string>& excludes);
  // A folder matched by an --exclude pattern (its files are not listed).
  bool ExcludesFolder(std::string_view below) const;
  // A file to read: no --exclude pattern matches it, and a --glob pattern matches it or one
  // of its folders when there are --glob patterns. Its folders are assumed not excluded.
  bool Admits(std::string_view below) const;

 private:
  struct Pattern {
    std::vector<std::string> parts;  // split at "/"
    bool anchored = false;           // matches the whole path, not a name at any depth
    bool folders_only = false;       // written with a trailing "/"
  };
  static Pattern Parse(const std::string& pattern, const char* option);
  static bool Matches(const Pattern& p, std::string_view below, bool folder);
  std::vector<Pattern> globs_, excludes_;
};

// What folder walks left out, by reason.
struct SkippedInputs {
  size_t hidden = 0;    // dot files and dot folders (a folder counts once)
  size_t binary = 0;    // files that look binary (SniffContent)
  size_t filtered = 0;  // files and folders ruled out by --glob / --exclude
  size_t total() const { return hidden + binary + filtered; }
};

class InputReader {
 public:
  // Lists every input up front (folders walked, ids assigned). A FILE that does not exist
  // becomes an error record when another input exists; throws Error (exit 2) when none of
  // the named inputs exists, or for a bad --glob/--exclude pattern.
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

  // What the walks left out so far (binary files are found as they are read).
  const SkippedInputs& skipped() const { return skipped_; }
  // How many inputs had their id made unique with "~N" (InputName).
  size_t renamed() const { return renamed_; }

 private:
  struct Source {
    std::string path;  // as given, or as found below a directory; "-" for stdin
    std::string name;  // the id (InputName), unique within the run
    InputFormat format;
    bool walked = false;                 // found in a folder walk (not named on the command line)
    std::optional<DocumentError> error;  // missing file, unlistable folder
  };
  static constexpr size_t kKeepBytes = size_t(1) << 20;  // Next() keeps at most this much of raw.bytes
  void Walk(const std::string& dir, const std::string& below, std::vector<Source>& found);
  bool NextUnit(RawInput& raw);       // Next, but for the number
  bool NextJsonlLine(RawInput& raw);  // false at the end of the current jsonl source
  bool ReadWhole(const Source& src, RawInput& raw);  // false: a walked file left out (counted)
  bool SkipContent(const Source& src, std::string_view head);  // counts it when it is left out

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
  PathFilter filter_;
  SkippedInputs skipped_;
  size_t renamed_ = 0;
  uint64_t units_ = 0;  // units returned so far
};

// Decodes and parses one unit into doc, made fresh first (Document::Reset: a document reused
// for unit after unit keeps its buffers' memory): id, text, given_title, url, published,
// meta_json, source, warnings, or error. Thread-safe; never throws for bad input. A caller
// done with a whole file's bytes may release them before running the stages.
//   text/html: id = the path ("stdin" for "-"); bytes decoded (input/decode.h); html → text
//   text/html: id = raw.name (InputName; "stdin" for "-"); bytes decoded (input/decode.h); html → text
//   jsonl:     id = the line's "id", else "NAME#LINE" ("stdin#LINE")
// `keys` name the jsonl members that hold the text, id, title, url and published date.
// A jsonl document from standard input has no source.line: a stream cut into parts (GNU
// parallel --pipe, Hadoop Streaming) must give the same records whatever the cut.
void ToDocument(const RawInput& raw, Document& doc, const JsonlKeys& keys = JsonlKeys());

// Fills doc (id, text, given_title, url, published, meta_json) from one jsonl line.
// `where` names the file and line for messages ("news.jsonl:12"); `fallback_id` is used
// when the object has no string id. Sets doc.error on a broken line, or on one without a
// string text (the message names the key, and the key that seems to hold the text).
void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id,
                    Document& doc, const JsonlKeys& keys = JsonlKeys());

}  // namespace warta

#endif  // WARTA_INPUT_READER_H_
