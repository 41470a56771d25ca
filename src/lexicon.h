// Loads the plain-text language data in lexicons/ (format: lexicons/README.md).
//   lexicon.Rows("abbreviations.tsv") → [{"Kab.", "kabupaten"}, {"Prov.", "provinsi"}, …]
// A file is read once, on first request, and kept; requests come while the stages are
// built (single-threaded), after which the Lexicon is read-only and safe to share.
// Format: UTF-8, '#' comment lines, tab-separated fields, blank lines ignored.
#ifndef WARTA_LEXICON_H_
#define WARTA_LEXICON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

  // The default folder: $WARTA_LEXICONS, else the one configured at build time.
  static std::string DefaultDir();

  // Rows of a file given relative to the folder ("places/provinces.tsv"), valid while the
  // Lexicon lives. Every row has at least `min_fields` fields. Throws Error naming file:line
  // on a bad line, and naming the file when it cannot be read.
  const std::vector<LexiconRow>& Rows(const std::string& relpath, size_t min_fields = 1) const;

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
  std::string dir_;
  struct File {
    std::vector<std::string> fields;  // every field of the file, row after row
    std::vector<LexiconRow> rows;     // views into `fields`
  };
  mutable std::map<std::string, std::unique_ptr<File>> cache_;
  mutable std::shared_ptr<const WordIndex> index_;
};

}  // namespace warta

#endif  // WARTA_LEXICON_H_
