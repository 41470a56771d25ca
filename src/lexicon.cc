#include "lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "error.h"
#include "text/chars.h"
#include "text/hash.h"
#include "text/utf8.h"

namespace warta {

namespace {

// The number of bytes c in data (memchr finds them far faster than a byte loop).
size_t CountByte(std::string_view data, char c) {
  size_t n = 0;
  for (const char *p = data.data(), *end = p + data.size();
       (p = static_cast<const char*>(std::memchr(p, c, size_t(end - p)))) != nullptr; ++p)
    ++n;
  return n;
}

}  // namespace

Lexicon::Lexicon(std::string dir) : dir_(std::move(dir)) {}

std::string Lexicon::DefaultDir() {
  if (const char* env = std::getenv("WARTA_LEXICONS"); env && *env) return env;
  // An installed warta: <prefix>/bin/warta finds <prefix>/share/warta/lexicons, wherever the
  // prefix is and through any symlink to the binary (/proc/self/exe is its real path).
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = (exe.parent_path() / WARTA_INSTALLED_LEXICONS).lexically_normal();
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return WARTA_LEXICON_DIR;
}

std::string Lexicon::Where(const std::string& relpath, uint32_t line) const {
  std::string where = dir_;
  where += '/';
  where += relpath;
  if (line) {
    where += ':';
    where += std::to_string(line);
  }
  return where;
}

std::string Lexicon::Text(const std::string& relpath) const {
  std::ifstream in(dir_ + "/" + relpath, std::ios::binary);
  if (!in) throw Error("cannot read lexicon " + Where(relpath, 0) + " (set --lexicons or WARTA_LEXICONS)");
  // The whole file in one read: getline and a string per line cost more than the rows
  // themselves (words.tsv has 31k, villages.tsv 84k).
  std::string data;
  in.seekg(0, std::ios::end);
  if (std::streamoff size = in.tellg(); size > 0) {  // < 0: not a regular file, read as empty
    data.resize(size_t(size));
    in.seekg(0);
    in.read(data.data(), std::streamsize(data.size()));
    data.resize(size_t(in.gcount()));
  }
  return data;
}

size_t Lexicon::Lines(std::string_view text) { return CountByte(text, '\n') + 1; }

Error Lexicon::ShortRow(const std::string& relpath, uint32_t line, size_t min_fields, size_t found) const {
  return Error(Where(relpath, line) + ": expected at least " + std::to_string(min_fields) +
               " tab-separated fields, found " + std::to_string(found));
}

const std::vector<LexiconRow>& Lexicon::Rows(const std::string& relpath, size_t min_fields) const {
  auto it = cache_.find(relpath);
  if (it == cache_.end()) {
    const std::string data = Text(relpath);
    auto file = std::make_unique<File>();
    // Room for every field up front: the rows point into `fields`, which must not move.
    size_t lines = Lines(data);
    file->fields.reserve(lines + CountByte(data, '\t'));
    file->rows.reserve(lines);
    ForEachRow(relpath, data, 0, [&](std::span<const std::string_view> fields, uint32_t line) {
      size_t first = file->fields.size();
      for (std::string_view f : fields) file->fields.emplace_back(f);
      file->rows.push_back({LexiconFields(file->fields.data() + first, uint32_t(fields.size())), line});
    });
    it = cache_.emplace(relpath, std::move(file)).first;
  }
  const std::vector<LexiconRow>& rows = it->second->rows;
  for (const auto& row : rows)
    if (row.fields.size() < min_fields) throw ShortRow(relpath, row.line, min_fields, row.fields.size());
  return rows;
}

std::vector<std::string> Lexicon::Words(const std::string& relpath) const {
  std::vector<std::string> out;
  for (const auto& row : Rows(relpath)) out.push_back(utf8::Lower(row.fields[0]));
  return out;
}

std::shared_ptr<const WordIndex> Lexicon::Index() const {
  if (index_) return index_;
  auto index = std::make_shared<WordIndex>();
  const std::vector<LexiconRow>& lemmas = Rows("words.tsv");
  index->Reserve(lemmas.size() + 64);
  for (const LexiconRow& row : lemmas) {
    const std::string& w = row.fields[0];
    // words.tsv keeps the capital of a proper noun ("Jakarta"): a lemma, but no common word.
    // (Only the first letter decides: "dinul-Islam" is a common noun; a word is no proper
    // noun for a capital inside it.)
    index->Add(hash::WordKey(w), chars::StartsUpper(w) ? WordIndex::kLemma : WordIndex::kLemma | WordIndex::kCommon);
  }
  for (const LexiconRow& row : Rows("months.tsv")) index->Add(hash::WordKey(row.fields[0]), WordIndex::kMonth);
  for (const LexiconRow& row : Rows("dates/weekdays.tsv"))
    index->Add(hash::WordKey(row.fields[0]), WordIndex::kWeekday);
  // affixes.tsv: affix, prefix or suffix, the consonant a prefix's nasal took ("k") or "-".
  std::vector<WordIndex::Affix> prefixes, suffixes;
  for (const LexiconRow& row : Rows("affixes.tsv", 3)) {
    const std::string& kind = row.fields[1];
    const std::string& lost = row.fields[2];
    if ((kind != "prefix" && kind != "suffix") || (lost != "-" && (lost.size() != 1 || kind != "prefix")))
      throw Error(Where("affixes.tsv", row.line) + ": expected affix, prefix or suffix, and - or the one consonant a prefix takes the place of");
    (kind == "prefix" ? prefixes : suffixes).push_back({utf8::Lower(row.fields[0]), lost == "-" ? '\0' : lost[0]});
  }
  if (!index->SetAffixes(std::move(prefixes), std::move(suffixes)))
    throw Error(Where("affixes.tsv", 0) + ": an empty affix, or more than " +
                std::to_string(WordIndex::kMaxPrefixStarts) + " prefixes with one first letter");
  index_ = std::move(index);
  return index_;
}

}  // namespace warta
