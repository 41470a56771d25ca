#include "input/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fnmatch.h>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "error.h"
#include "input/decode.h"
#include "input/html.h"
#include "input/pdf.h"
#include "text/scan.h"
#include "text/sha256.h"
#include "text/utf8.h"

namespace warta {
namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  std::string tail = s.substr(s.size() - suffix.size());
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == suffix;
}

InputFormat FormatOf(const std::string& path, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) return InputFormat::kJsonl;
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) return InputFormat::kHtml;
  if (EndsWith(path, ".pdf")) return InputFormat::kPdf;
  return InputFormat::kText;
}

void SetError(Document& doc, std::string code, std::string message) {
  doc.error = DocumentError{std::move(code), std::move(message)};
}

bool JsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Hex4(std::string_view s, size_t i, uint32_t* value) {
  if (i + 4 > s.size()) return false;
  *value = 0;
  for (size_t k = i; k < i + 4; ++k) {
    int d = HexDigit(s[k]);
    if (d < 0) return false;
    *value = *value * 16 + uint32_t(d);
  }
  return true;
}


// The JSON string whose opening quote is s[i]: decoded into *out (unless out is null), i
// moved past the closing quote. False on anything a strict parser would reject (control
// characters, bad escapes, lone surrogates); s must be valid UTF-8. Runs without escapes —
// nearly all of a news text — are found sixteen bytes at a time and appended whole.
bool ScanJsonString(std::string_view s, size_t& i, std::string* out) {
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  ++i;
  while (true) {
    size_t run = i;
    i = size_t(scan::JsonSpecial(begin + i, end) - begin);
    if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0x20) return false;
    if (out) out->append(begin + run, i - run);
    if (s[i] == '"') {
      ++i;
      return true;
    }
    // A backslash. The rest decodes to at most the rest of the line: room for it once, not
    // a doubling of the string at every run.
    if (out && out->capacity() - out->size() < s.size() - i) out->reserve(out->size() + (s.size() - i));
    if (++i >= s.size()) return false;
    char unescaped;
    switch (s[i]) {
      case '"': unescaped = '"'; break;
      case '\\': unescaped = '\\'; break;
      case '/': unescaped = '/'; break;
      case 'b': unescaped = '\b'; break;
      case 'f': unescaped = '\f'; break;
      case 'n': unescaped = '\n'; break;
      case 'r': unescaped = '\r'; break;
      case 't': unescaped = '\t'; break;
      case 'u': {
        uint32_t cp;
        if (!Hex4(s, i + 1, &cp)) return false;
        i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          uint32_t low;
          if (i + 2 >= s.size() || s[i + 1] != '\\' || s[i + 2] != 'u' || !Hex4(s, i + 3, &low) || low < 0xDC00 ||
              low > 0xDFFF)
            return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        if (out) utf8::Append(*out, char32_t(cp));
        ++i;
        continue;
      }
      default:
        return false;
    }
    if (out) out->push_back(unescaped);
    ++i;
  }
}

// Moves i past one JSON value that is not a string (number, literal, object, array),
// matching brackets and skipping strings; whether it is well-formed is left to nlohmann.
bool SkipJsonValue(std::string_view s, size_t& i) {
  int depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"') {
      if (!ScanJsonString(s, i, nullptr)) return false;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) return true;  // the end of the enclosing object
      --depth;
    } else if (c == ',' && depth == 0) {
      return true;
    }
    ++i;
  }
  return depth == 0;
}

// The members of a jsonl object, as ParseJsonlLine reads them: the string values of the
// contract's keys (named by JsonlKeys: "text", or --text-field …) decoded once, straight
// into their own strings (the text is most of a line: it is not copied again), everything
// else as nlohmann values.
struct JsonlObject {
  enum Field { kId, kText, kTitle, kUrl, kPublished, kFields };
  std::string_view names[kFields];  // the key of each Field
  std::string strings[kFields];  // the values of the contract's keys that are strings …
  unsigned present = 0;          // … one bit per Field whose value was a string
  nlohmann::json others = nlohmann::json::object();  // every other member, in key order

  explicit JsonlObject(const JsonlKeys& keys)
      : names{keys.id, keys.text, keys.title, keys.url, keys.published} {}
  int FieldOf(std::string_view key) const {
    for (int f = 0; f < kFields; ++f)
      if (key == names[f]) return f;
    return -1;
  }
  bool Has(Field f) const { return present & (1u << f); }
  // From an object nlohmann parsed (the slow path).
  void From(nlohmann::json&& obj) {
    for (auto& [key, value] : obj.items()) {
      int f = FieldOf(key);
      if (f >= 0 && value.is_string()) {
        strings[f] = std::move(value.get_ref<std::string&>());
        present |= 1u << f;
      } else {
        others[key] = std::move(value);
      }
    }
  }
};

// A fast path for the usual jsonl line, a flat object of strings: the lexer of nlohmann
// copies every character twice and was a seventh of a whole extract run. Values that are
// not strings are still parsed by nlohmann. False (nothing decided) for anything unusual —
// duplicate keys, malformed input — which then goes through nlohmann::json::parse, so the
// result and the error messages stay nlohmann's.
bool FastJsonObject(std::string_view s, JsonlObject& obj) {
  size_t i = 0;
  auto space = [&] {
    while (i < s.size() && JsonSpace(s[i])) ++i;
  };
  space();
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  space();
  if (i < s.size() && s[i] == '}') {
    ++i;
  } else {
    unsigned seen = 0;  // the contract's keys met so far, one bit each
    std::string key;
    while (true) {
      space();
      if (i >= s.size() || s[i] != '"') return false;
      key.clear();
      if (!ScanJsonString(s, i, &key)) return false;
      space();
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      space();
      if (i >= s.size()) return false;
      const int f = obj.FieldOf(key);
      if (f >= 0) {
        if (seen & (1u << f)) return false;
        seen |= 1u << f;
      } else if (obj.others.contains(key)) {
        return false;
      }
      if (s[i] == '"' && f >= 0) {
        obj.strings[f].clear();
        if (!ScanJsonString(s, i, &obj.strings[f])) return false;
        obj.present |= 1u << f;
      } else if (s[i] == '"') {
        std::string value;
        if (!ScanJsonString(s, i, &value)) return false;
        obj.others[key] = std::move(value);
      } else {
        size_t start = i;
        if (!SkipJsonValue(s, i)) return false;
        nlohmann::json value = nlohmann::json::parse(s.substr(start, i - start), nullptr, false);
        if (value.is_discarded()) return false;
        obj.others[key] = std::move(value);
      }
      space();
      if (i >= s.size()) return false;
      if (s[i] == ',') {
        ++i;
        continue;
      }
      if (s[i] != '}') return false;
      ++i;
      break;
    }
  }
  space();
  return i == s.size();
}

}  // namespace

std::string InputName(const std::string& argument) {
  if (argument == "-") return "stdin";
  std::string name = fs::path(argument).filename().string();
  return name.empty() || name == "." || name == ".." ? argument : name;
}

Sniffed SniffContent(std::string_view head) {
  if (head.size() > 8192) head = head.substr(0, 8192);
  auto starts = [&](std::string_view magic, size_t at = 0) { return head.substr(at, magic.size()) == magic; };
  if (starts("%PDF-")) return Sniffed::kPdf;
  // UTF-16 text has a NUL in every other byte; with a byte-order mark it is read as text.
  if (starts("\xFF\xFE") || starts("\xFE\xFF")) return Sniffed::kText;
  // Formats whose first KB may hold no NUL byte (the rest carry NULs early: ELF, ZIP, PNG …
  // are listed anyway, so that a short file of theirs is caught too). Signatures that text
  // can start with ("BM" of BMP, "MZ" of .exe: "BMKG", "MZ Tour") are left to the NUL test.
  static constexpr std::string_view kMagic[] = {
      "\x89PNG\r\n\x1A\n",             // PNG
      "\xFF\xD8\xFF",                  // JPEG
      "GIF87a", "GIF89a",              // GIF
      "PK\x03\x04", "PK\x05\x06",      // ZIP: .docx .xlsx .pptx .odt .epub .jar
      "\x7F" "ELF",                    // ELF executables and libraries
      "\x1F\x8B",                      // gzip
      "BZh",                           // bzip2
      "\xFD" "7zXZ",                   // xz
      "7z\xBC\xAF\x27\x1C",            // 7-Zip
      "Rar!\x1A\x07",                  // RAR
      "\x28\xB5\x2F\xFD",              // zstd
      "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",  // OLE2: .doc .xls .ppt, Thumbs.db
      "\xCA\xFE\xBA\xBE", "\xCF\xFA\xED\xFE", "\xCE\xFA\xED\xFE",  // Mach-O, Java class
      "II*", "MM\x00*",                // TIFF
      "ID3", "OggS", "fLaC",           // audio
      "wOFF", "wOF2",                  // web fonts
      "8BPS",                          // Photoshop
      "SQLite format 3",               // SQLite (a warta archive)
  };
  for (std::string_view magic : kMagic)
    if (starts(magic)) return Sniffed::kBinary;
  if (starts("RIFF") && (starts("WEBP", 8) || starts("WAVE", 8) || starts("AVI ", 8))) return Sniffed::kBinary;
  if (starts("ftyp", 4)) return Sniffed::kBinary;  // MP4, MOV, HEIC
  if (head.find('\0') != std::string_view::npos) return Sniffed::kBinary;  // as git, grep and ripgrep decide
  return Sniffed::kText;
}

PathFilter::Pattern PathFilter::Parse(const std::string& pattern, const char* option) {
  Pattern p;
  std::string_view s = pattern;
  if (!s.empty() && s.back() == '/') {
    p.folders_only = true;
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  }
  if (!s.empty() && s.front() == '/') {
    p.anchored = true;
    while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  }
  if (s.find('/') != std::string_view::npos) p.anchored = true;
  size_t at = 0;
  while (at <= s.size()) {
    size_t slash = std::min(s.find('/', at), s.size());
    if (slash > at) p.parts.emplace_back(s.substr(at, slash - at));
    at = slash + 1;
  }
  if (p.parts.empty()) throw Error(std::string(option) + " '" + pattern + "': an empty pattern matches nothing");
  return p;
}

PathFilter::PathFilter(const std::vector<std::string>& globs, const std::vector<std::string>& excludes) {
  for (const std::string& g : globs) globs_.push_back(Parse(g, "--glob"));
  for (const std::string& e : excludes) excludes_.push_back(Parse(e, "--exclude"));
}

namespace {

// The parts of `pattern` from i on match the names of `path` from k on; "**" matches any
// number of names (none included).
bool MatchParts(const std::vector<std::string>& pattern, size_t i, const std::vector<std::string_view>& path,
                size_t k) {
  if (i == pattern.size()) return k == path.size();
  if (pattern[i] == "**") {
    for (size_t j = k; j <= path.size(); ++j)
      if (MatchParts(pattern, i + 1, path, j)) return true;
    return false;
  }
  if (k == path.size()) return false;
  const std::string name(path[k]);
  return fnmatch(pattern[i].c_str(), name.c_str(), FNM_CASEFOLD) == 0 && MatchParts(pattern, i + 1, path, k + 1);
}

std::vector<std::string_view> Names(std::string_view below) {
  std::vector<std::string_view> names;
  size_t at = 0;
  while (at <= below.size()) {
    size_t slash = std::min(below.find('/', at), below.size());
    names.push_back(below.substr(at, slash - at));
    at = slash + 1;
  }
  return names;
}

}  // namespace

bool PathFilter::Matches(const Pattern& p, std::string_view below, bool folder) {
  if (p.folders_only && !folder) return false;
  if (!p.anchored) {  // a name at any depth: the last name of the path (its folders are tried by the caller)
    std::string name(below.substr(below.rfind('/') + 1));
    return fnmatch(p.parts[0].c_str(), name.c_str(), FNM_CASEFOLD) == 0;
  }
  return MatchParts(p.parts, 0, Names(below), 0);
}

bool PathFilter::ExcludesFolder(std::string_view below) const {
  for (const Pattern& p : excludes_)
    if (Matches(p, below, true)) return true;
  return false;
}

bool PathFilter::Admits(std::string_view below) const {
  for (const Pattern& p : excludes_)
    if (Matches(p, below, false)) return false;
  if (globs_.empty()) return true;
  for (const Pattern& p : globs_) {
    if (Matches(p, below, false)) return true;
    for (size_t slash = below.find('/'); slash != std::string_view::npos; slash = below.find('/', slash + 1))
      if (Matches(p, below.substr(0, slash), true)) return true;
  }
  return false;
}

void InputReader::Walk(const std::string& dir, const std::string& below, std::vector<Source>& found) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  auto unlistable = [&](const std::error_code& e) {
    found.push_back({dir, below.empty() ? InputName(dir) : below, InputFormat::kText, true,
                     DocumentError{"unreadable", dir + ": cannot list folder: " + e.message()}});
  };
  if (ec) return unlistable(ec);
  for (; it != end; it.increment(ec)) {
    if (ec) return unlistable(ec);
    const std::string name = it->path().filename().string();
    const std::string path = below.empty() ? name : below + "/" + name;
    if (!options_.hidden && name[0] == '.') {
      ++skipped_.hidden;
      continue;
    }
    std::error_code ec2;
    // Links to folders are not followed (no cycles); links to files are read.
    if (it->is_directory(ec2) && !it->is_symlink(ec2)) {
      if (filter_.ExcludesFolder(path)) {
        ++skipped_.filtered;
        continue;
      }
      Walk(it->path().string(), path, found);
    } else if (it->is_regular_file(ec2)) {
      if (!filter_.Admits(path)) {
        ++skipped_.filtered;
        continue;
      }
      found.push_back({it->path().string(), path, FormatOf(name, options_.input), true, std::nullopt});
    }
  }
}

InputReader::InputReader(const Options& options)
    : options_(options), filter_(options.globs, options.excludes) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  size_t missing = 0;
  for (const std::string& in : inputs) {
    if (in == "-") {
      sources_.push_back({in, InputName(in), options.input == InputFormat::kAuto ? InputFormat::kText : options.input,
                          false, std::nullopt});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      // Reported in its place, as an error record, when the other inputs are read.
      sources_.push_back({in, InputName(in), FormatOf(in, options.input), false,
                          DocumentError{"unreadable", in + ": no such file or directory"}});
      ++missing;
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<Source> found;
      Walk(in, "", found);
      // Byte order of the path below the folder (the order of the whole paths, too).
      std::sort(found.begin(), found.end(), [](const Source& a, const Source& b) { return a.name < b.name; });
      for (Source& f : found) sources_.push_back(std::move(f));
    } else {
      sources_.push_back({in, InputName(in), FormatOf(in, options.input), false, std::nullopt});
    }
  }
  if (missing == inputs.size()) {  // nothing to read at all: a usage error, not a run
    const std::string& first = sources_.front().path;
    throw Error(first + ": no such file or directory" +
                (missing > 1 ? " (nor " + std::to_string(missing - 1) + " other input(s))" : ""));
  }
  // Ids unique within the run: a name met before gets "~2", "~3" … in input order.
  std::unordered_map<std::string, size_t> seen;
  for (Source& src : sources_) {
    if (seen.emplace(src.name, 1).second) continue;
    const std::string base = src.name;
    size_t& n = seen[base];
    std::string unique;
    do unique = base + "~" + std::to_string(++n);
    while (seen.count(unique));
    seen.emplace(unique, 1);
    src.name = std::move(unique);
    ++renamed_;
  }
  // The total for progress: known only when every source is a regular file.
  for (const Source& src : sources_) {
    if (src.error) continue;
    std::error_code ec;
    uintmax_t size = src.path == "-" ? 0 : fs::file_size(src.path, ec);
    if (src.path == "-" || ec) {
      total_bytes_ = 0;
      break;
    }
    total_bytes_ += size;
  }
}

InputReader::~InputReader() = default;

namespace {

// How messages and the fallback id name a jsonl line — "arsip/news.jsonl:12" (the path as
// given), "news.jsonl#12" (the input's name) — made only when one is needed: most lines
// have an id and nothing to report.
struct LineNames {
  std::string_view shown;  // the path as shown ("stdin" for "-")
  std::string_view name;   // the input's name (InputName)
  uint64_t line = 0;
  const std::string* where = nullptr;     // given ready-made (ParseJsonlLine) …
  const std::string* fallback = nullptr;  // … or built from shown, name and line
  std::string Where() const { return where ? *where : std::string(shown) + ":" + std::to_string(line); }
  std::string FallbackId() const { return fallback ? *fallback : std::string(name) + "#" + std::to_string(line); }
};

void ParseJsonl(std::string_view line, const LineNames& names, const JsonlKeys& keys, Document& doc);

}  // namespace

void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id, Document& doc,
                    const JsonlKeys& keys) {
  doc.id.clear();
  LineNames names;
  names.where = &where;
  names.fallback = &fallback_id;
  ParseJsonl(line, names, keys, doc);
}

namespace {

std::string Quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

// Why a line has no text: its text key holds something else, or is absent — then the
// member that seems to hold the text (the longest string with a space in it: "content",
// "isi", "body" …) is named with the option that reads it.
std::string MissingText(const JsonlObject& obj) {
  const std::string_view key = obj.names[JsonlObject::kText];
  if (auto it = obj.others.find(std::string(key)); it != obj.others.end())
    return "the member " + Quoted(key) + " is not a string but " + std::string(it->type_name());
  std::string message = "the object has no string " + Quoted(key);
  const std::string* best_key = nullptr;
  size_t best = 0;
  for (auto it = obj.others.begin(); it != obj.others.end(); ++it) {
    if (!it->is_string()) continue;
    const std::string& value = it->get_ref<const std::string&>();
    if (value.size() > best && value.find(' ') != std::string::npos) {
      best = value.size();
      best_key = &it.key();
    }
  }
  if (best_key) message += " (is the text in " + Quoted(*best_key) + "? then give --text-field " + *best_key + ")";
  return message;
}

// ParseJsonlLine; doc.id is left empty when the line names no usable id.
void ParseJsonlFields(std::string_view line, const LineNames& names, const JsonlKeys& keys, Document& doc) {
  // Ill-formed UTF-8 is repaired into a copy; a well-formed line is parsed where it is.
  std::string repaired;
  size_t bad = 0;
  if (WellFormedPrefix(line) != line.size()) {
    bad = RepairUtf8(line, repaired);
    line = repaired;
  }
  JsonlObject obj(keys);
  obj.strings[JsonlObject::kText] = std::move(doc.text);  // its memory, when doc had a text
  if (!FastJsonObject(line, obj)) {
    obj = JsonlObject(keys);
    nlohmann::json parsed;
    try {
      parsed = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      std::string what = e.what();
      SetError(doc, "invalid-json", names.Where() + ": not a JSON object: " + what.substr(what.find(' ') + 1));
      return;
    }
    if (!parsed.is_object()) {
      SetError(doc, "invalid-json", names.Where() + ": a jsonl line must be a JSON object");
      return;
    }
    obj.From(std::move(parsed));
  }
  // An empty id would name nothing (resume, es-bulk _id): the fallback is used instead.
  if (obj.Has(JsonlObject::kId)) {
    if (!obj.strings[JsonlObject::kId].empty()) doc.id = std::move(obj.strings[JsonlObject::kId]);
  } else if (auto it = obj.others.find(keys.id); it != obj.others.end() && it->is_number_integer()) {
    doc.id = std::to_string(it->get<long long>());
  }
  if (!obj.Has(JsonlObject::kText)) {
    SetError(doc, "missing-text", names.Where() + ": " + MissingText(obj));
    return;
  }
  doc.text = std::move(obj.strings[JsonlObject::kText]);
  if (bad) doc.Warn("invalid-utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) in the line replaced by U+FFFD");
  if (obj.Has(JsonlObject::kTitle)) doc.given_title = std::move(obj.strings[JsonlObject::kTitle]);
  if (obj.Has(JsonlObject::kUrl)) doc.url = std::move(obj.strings[JsonlObject::kUrl]);
  // Read (or warned about) by the pipeline, which knows the written forms.
  if (obj.Has(JsonlObject::kPublished)) doc.given_published = std::move(obj.strings[JsonlObject::kPublished]);
  // Members outside the contract; a contract key whose value is not a string is dropped.
  nlohmann::json meta = nlohmann::json::object();
  for (auto& [k, v] : obj.others.items())
    if (obj.FieldOf(k) < 0) meta[k] = std::move(v);
  if (!meta.empty()) doc.meta_json = meta.dump();
  if (doc.text.find('\0') != std::string::npos) doc.Warn("nul-bytes", "the text contains NUL characters");
}

void ParseJsonl(std::string_view line, const LineNames& names, const JsonlKeys& keys, Document& doc) {
  ParseJsonlFields(line, names, keys, doc);
  if (doc.id.empty()) doc.id = names.FallbackId();
}

// A jsonl file's first bytes, for SniffContent; the stream is put back at its start.
std::string Head(std::istream& in) {
  std::string head(8192, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(size_t(in.gcount()));
  in.clear();
  in.seekg(0);
  return head;
}

}  // namespace

bool InputReader::SkipContent(const Source& src, std::string_view head) {
  if (!src.walked || options_.binary) return false;
  switch (SniffContent(head)) {
    case Sniffed::kText:
      return false;
    case Sniffed::kPdf:
      // A PDF is read (input/pdf.h) unless --input names another format, under which its
      // bytes would be read as that format: then it is binary like any other.
      if (options_.input == InputFormat::kAuto || options_.input == InputFormat::kPdf) return false;
      [[fallthrough]];
    case Sniffed::kBinary:
      ++skipped_.binary;
      break;
  }
  std::error_code ec;
  uintmax_t size = fs::file_size(src.path, ec);
  if (!ec && total_bytes_ >= size) total_bytes_ -= size;  // progress: it will not be read
  return true;
}

bool InputReader::ReadWhole(const Source& src, RawInput& raw) {
  raw.path = src.path;
  raw.name = src.name;
  raw.format = src.format;
  if (src.path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    raw.bytes = ss.str();
  } else {
    std::ifstream in(src.path, std::ios::binary);
    if (!in) {
      raw.error = DocumentError{"unreadable", src.path + ": cannot read: " + std::strerror(errno)};
      return true;
    }
    // The first 8 KB decide whether a file found in a folder is read at all (a video in
    // the folder is not read whole to be left out).
    raw.bytes.resize(8192);
    in.read(raw.bytes.data(), std::streamsize(raw.bytes.size()));
    raw.bytes.resize(size_t(in.gcount()));
    if (!in.bad() && SkipContent(src, raw.bytes)) {
      raw.bytes.clear();
      return false;
    }
    if (in) raw.bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      raw.error = DocumentError{"unreadable", src.path + ": read error: " + std::strerror(errno)};
      return true;
    }
  }
  // Under --input auto, a PDF is known by its signature whatever its name (and on stdin).
  if (options_.input == InputFormat::kAuto && raw.format == InputFormat::kText &&
      raw.bytes.rfind("%PDF-", 0) == 0)
    raw.format = InputFormat::kPdf;
  raw.consumed = raw.bytes.size();
  bytes_read_ += raw.bytes.size();
  return true;
}

bool InputReader::NextJsonlLine(RawInput& raw) {
  std::string& line = raw.bytes;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    bytes_read_ += line.size() + 1;
    raw.consumed += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    raw.path = jsonl_source_->path;
    raw.name = jsonl_source_->name;
    raw.format = InputFormat::kJsonl;
    raw.line = jsonl_line_;
    return true;
  }
  return false;
}

bool InputReader::Next(RawInput& raw) {
  if (!NextUnit(raw)) return false;
  raw.number = ++units_;
  return true;
}

bool InputReader::NextUnit(RawInput& raw) {
  // A fresh unit, but the memory of the last one's bytes is kept: a caller that reuses `raw`
  // reads line after line without allocating.
  std::string bytes = std::move(raw.bytes);
  bytes.clear();
  if (bytes.capacity() > kKeepBytes) std::string().swap(bytes);  // not a whole file's worth
  raw = RawInput();
  raw.bytes = std::move(bytes);
  while (true) {
    if (jsonl_) {
      if (NextJsonlLine(raw)) return true;
      if (jsonl_->bad()) {
        raw.path = jsonl_source_->path;
        raw.name = jsonl_source_->name;
        raw.format = InputFormat::kJsonl;
        raw.error = DocumentError{"unreadable", jsonl_source_->path + ": read error after line " +
                                                    std::to_string(jsonl_line_)};
      }
      jsonl_ = nullptr;
      file_.reset();
      if (raw.error) return true;
    }
    if (next_source_ >= sources_.size()) return false;
    const Source& src = sources_[next_source_++];
    if (src.error) {
      raw.path = src.path;
      raw.name = src.name;
      raw.format = src.format;
      raw.error = src.error;
      return true;
    }
    if (src.format == InputFormat::kJsonl) {
      jsonl_source_ = &src;
      jsonl_line_ = 0;
      if (src.path == "-") {
        jsonl_ = &std::cin;
      } else {
        file_ = std::make_unique<std::ifstream>(src.path, std::ios::binary);
        if (!*file_) {
          raw.path = src.path;
          raw.name = src.name;
          raw.format = src.format;
          raw.error = DocumentError{"unreadable", src.path + ": cannot read: " + std::strerror(errno)};
          file_.reset();
          return true;
        }
        if (src.walked && !options_.binary && SkipContent(src, Head(*file_))) {
          file_.reset();
          continue;
        }
        jsonl_ = file_.get();
      }
      continue;
    }
    if (ReadWhole(src, raw)) return true;
  }
}

bool InputReader::Next(Document& doc) {
  RawInput raw;
  if (!Next(raw)) return false;
  ToDocument(raw, doc, options_.jsonl_keys);
  return true;
}

void ToDocument(const RawInput& raw, Document& doc, const JsonlKeys& keys) {
  doc.Reset();
  const bool stdin_source = raw.path == "-";
  const std::string_view shown = stdin_source ? std::string_view("stdin") : std::string_view(raw.path);
  const std::string_view name = !raw.name.empty() ? std::string_view(raw.name) : shown;
  if (raw.format == InputFormat::kJsonl && raw.line) {
    LineNames names;
    names.shown = shown;
    names.name = name;
    names.line = *raw.line;
    ParseJsonl(raw.bytes, names, keys, doc);
    doc.source = SourceInfo{raw.path, Sha256Hex(raw.bytes), raw.bytes.size(),
                            stdin_source ? std::nullopt : raw.line};
    return;
  }
  doc.id = name;
  if (raw.error) {
    doc.error = raw.error;
    return;
  }
  doc.source = SourceInfo{raw.path, Sha256Hex(raw.bytes), raw.bytes.size(), std::nullopt};
  if (raw.format == InputFormat::kPdf) {
    PdfContent pdf = ExtractPdf(raw.bytes);
    if (pdf.error) {
      doc.error = DocumentError{pdf.error->code, std::string(shown) + ": " + pdf.error->message};
      return;
    }
    doc.text = std::move(pdf.text);
    doc.given_title = std::move(pdf.title);
    doc.meta_json = std::move(pdf.meta_json);
    for (Warning& w : pdf.warnings) doc.warnings.push_back({w.code, std::string(shown) + ": " + w.message});
    return;
  }
  Decoded d = DecodeBytes(raw.bytes);
  for (Warning& w : d.warnings) doc.warnings.push_back({w.code, std::string(shown) + ": " + w.message});
  if (raw.format == InputFormat::kHtml) {
    HtmlContent html = ExtractHtml(d.text);
    doc.text = std::move(html.text);
    doc.given_title = std::move(html.title);
    doc.url = std::move(html.url);
    if (html.published) doc.given_published = std::move(*html.published);
    for (Warning& w : html.warnings) doc.warnings.push_back({w.code, std::string(shown) + ": " + w.message});
  } else {
    doc.text = std::move(d.text);
  }
}

}  // namespace warta
