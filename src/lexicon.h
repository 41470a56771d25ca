// Loads the plain-text language data in lexicons/ (format: lexicons/README.md).
//   lexicon.Rows("abbreviations.tsv") → [{"Kab.", "kabupaten"}, {"Prov.", "provinsi"}, …]
// A file is read once, on first request, and kept; requests come while the stages are
// built (single-threaded), after which the Lexicon is read-only and safe to share.
// Format: UTF-8, '#' comment lines, tab-separated fields, blank lines ignored.
// A stage that keeps a large file's text for itself (the places stage views its 84k village
// names in it) reads it with Text() and splits it with ForEachRow(), the splitter Rows() is
// built on: the same rows and errors, with no string per field.
#ifndef WARTA_LEXICON_H_
#define WARTA_LEXICON_H_

#include <cstring>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "text/word_index.h"

namespace warta {

// The fields of one row: a view of consecutive strings owned by the Lexicon (all the fields of
// a file sit in one vector, so a row costs no allocation of its own; words.tsv has 31k rows).
// Reads like a const std::vector<std::string>: fields[1], fields.size(), for (f : fields).
class LexiconFields {
 public:
  LexiconFields() = default;
  LexiconFields(const std::string* first, uint32_t count) : first_(first), count_(count) {}
  const std::string& operator[](size_t i) const { return first_[i]; }
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const std::string* begin() const { return first_; }
  const std::string* end() const { return first_ + count_; }

 private:
  const std::string* first_ = nullptr;
  uint32_t count_ = 0;
};

struct LexiconRow {
  LexiconFields fields;  // valid while the Lexicon lives
  uint32_t line = 0;     // 1-based line in its file, for error messages
};

class Lexicon {
 public:
  // dir: the lexicons/ folder. Does not touch the disk until Rows() is called.
  explicit Lexicon(std::string dir);

  // The default folder (--lexicons overrides it): $WARTA_LEXICONS, else the installed one
  // beside the binary's real path (<prefix>/share/warta/lexicons for <prefix>/bin/warta),
  // else the source tree's, configured at build time.
  static std::string DefaultDir();

  // Rows of a file given relative to the folder ("places/provinces.tsv"), valid while the
  // Lexicon lives. Every row has at least `min_fields` fields. Throws Error naming file:line
  // on a bad line, and naming the file when it cannot be read.
  const std::vector<LexiconRow>& Rows(const std::string& relpath, size_t min_fields = 1) const;

  // The bytes of a file given relative to the folder, read now (not kept by the Lexicon).
  // Throws Error naming the file when it cannot be read.
  std::string Text(const std::string& relpath) const;
  // The number of lines of a file's text (its '\n' bytes, and one for a last line without
  // one): at least its number of rows, for a reserve.
  static size_t Lines(std::string_view text);
  // Calls fn(fields, line) for each row of `text`, the bytes of the file `relpath` (Text()),
  // in order: fields (a std::span<const std::string_view>) are views of `text`, line is the
  // row's 1-based line. Throws Error naming relpath:line on a CRLF line ending or a row of
  // fewer than min_fields fields.
  template <typename Fn>
  void ForEachRow(const std::string& relpath, std::string_view text, size_t min_fields, Fn fn) const;

  // A one-column list as lower-cased keys (convenience for word lists).
  std::vector<std::string> Words(const std::string& relpath) const;

  // The word index (text/word_index.h) of words.tsv, months.tsv, dates/weekdays.tsv and
  // affixes.tsv: what they say about a lower-case word, for every stage to query rather than
  // load its own copy.
  // Built on the first request, then the same one is returned; the stages keep it (shared) after
  // the Lexicon is gone. Throws Error as Rows() does.
  std::shared_ptr<const WordIndex> Index() const;

  const std::string& dir() const { return dir_; }
  // "lexicons/abbreviations.tsv:12" — for error messages from the stages.
  std::string Where(const std::string& relpath, uint32_t line) const;

 private:
  // The error for a row of `found` fields where `min_fields` are needed.
  Error ShortRow(const std::string& relpath, uint32_t line, size_t min_fields, size_t found) const;

  std::string dir_;
  struct File {
    std::vector<std::string> fields;  // every field of the file, row after row
    std::vector<LexiconRow> rows;     // views into `fields`
  };
  mutable std::map<std::string, std::unique_ptr<File>> cache_;
  mutable std::shared_ptr<const WordIndex> index_;
};

template <typename Fn>
void Lexicon::ForEachRow(const std::string& relpath, std::string_view text, size_t min_fields, Fn fn) const {
  // Raw pointers and memchr: villages.tsv has 84k rows, read at every start-up.
  std::vector<std::string_view> fields;  // one row's, reused
  uint32_t n = 0;
  for (const char *p = text.data(), *end = p + text.size(); p < end;) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
    if (!nl) nl = end;
    const char* line = p;
    p = nl + 1;
    ++n;
    if (nl > line && nl[-1] == '\r') throw Error(Where(relpath, n) + ": CRLF line ending (lexicons are LF)");
    if (nl == line || *line == '#') continue;
    fields.clear();
    for (const char* f = line;;) {
      const char* tab = static_cast<const char*>(std::memchr(f, '\t', size_t(nl - f)));
      if (!tab) {
        fields.emplace_back(f, size_t(nl - f));
        break;
      }
      fields.emplace_back(f, size_t(tab - f));
      f = tab + 1;
    }
    if (fields.size() < min_fields) throw ShortRow(relpath, n, min_fields, fields.size());
    fn(std::span<const std::string_view>(fields), n);
  }
}

}  // namespace warta

#endif  // WARTA_LEXICON_H_
