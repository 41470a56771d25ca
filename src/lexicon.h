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

namespace warta {

struct LexiconRow {
  std::vector<std::string> fields;
  uint32_t line = 0;  // 1-based line in its file, for error messages
};

class Lexicon {
 public:
  // dir: the lexicons/ folder. Does not touch the disk until Rows() is called.
  explicit Lexicon(std::string dir);

  // The default folder: $WARTA_LEXICONS, else the one configured at build time.
  static std::string DefaultDir();

  // Rows of a file given relative to the folder ("places/provinces.tsv").
  // Every row has at least `min_fields` fields. Throws Error naming file:line on a bad
  // line, and naming the file when it cannot be read.
  const std::vector<LexiconRow>& Rows(const std::string& relpath, size_t min_fields = 1) const;

  // A one-column list as lower-cased keys (convenience for word lists).
  std::vector<std::string> Words(const std::string& relpath) const;

  const std::string& dir() const { return dir_; }
  // "lexicons/abbreviations.tsv:12" — for error messages from the stages.
  std::string Where(const std::string& relpath, uint32_t line) const;

 private:
  std::string dir_;
  mutable std::map<std::string, std::unique_ptr<std::vector<LexiconRow>>> cache_;
};

}  // namespace warta

#endif  // WARTA_LEXICON_H_
