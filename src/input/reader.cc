#include "input/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

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
// contract's keys decoded once, straight into their own strings (the text is most of a
// line: it is not copied again), everything else as nlohmann values.
struct JsonlObject {
  enum Field { kId, kText, kTitle, kUrl, kPublished, kFields };
  static constexpr std::string_view kNames[kFields] = {"id", "text", "title", "url", "published"};
  std::string strings[kFields];  // the values of the contract's keys that are strings …
  unsigned present = 0;          // … one bit per Field whose value was a string
  nlohmann::json others = nlohmann::json::object();  // every other member, in key order

  static int FieldOf(std::string_view key) {
    for (int f = 0; f < kFields; ++f)
      if (key == kNames[f]) return f;
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
      const int f = JsonlObject::FieldOf(key);
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

InputReader::InputReader(const Options& options) : options_(options) {
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  for (const std::string& in : inputs) {
    if (in == "-") {
      sources_.push_back({in, options.input == InputFormat::kAuto ? InputFormat::kText : options.input});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) throw Error(in + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) throw Error(in + ": cannot list directory: " + ec.message());
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        std::error_code ec2;
        if (it->is_regular_file(ec2)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());  // byte order of path
      for (std::string& f : found) sources_.push_back({f, FormatOf(f, options.input)});
    } else {
      sources_.push_back({in, FormatOf(in, options.input)});
    }
  }
  // The total for progress: known only when every source is a regular file.
  for (const Source& src : sources_) {
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

// How messages and the fallback id name a jsonl line — "news.jsonl:12", "news.jsonl#12" —
// made only when one is needed: most lines have an id and nothing to report.
struct LineNames {
  std::string_view shown;  // the path as shown ("stdin" for "-")
  uint64_t line = 0;
  const std::string* where = nullptr;     // given ready-made (ParseJsonlLine) …
  const std::string* fallback = nullptr;  // … or built from shown and line
  std::string Where() const { return where ? *where : std::string(shown) + ":" + std::to_string(line); }
  std::string FallbackId() const { return fallback ? *fallback : std::string(shown) + "#" + std::to_string(line); }
};

void ParseJsonl(std::string_view line, const LineNames& names, Document& doc);

}  // namespace

void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id, Document& doc) {
  doc.id.clear();
  LineNames names;
  names.where = &where;
  names.fallback = &fallback_id;
  ParseJsonl(line, names, doc);
}

namespace {

// ParseJsonlLine; doc.id is left empty when the line names no usable id.
void ParseJsonlFields(std::string_view line, const LineNames& names, Document& doc) {
  // Ill-formed UTF-8 is repaired into a copy; a well-formed line is parsed where it is.
  std::string repaired;
  size_t bad = 0;
  if (WellFormedPrefix(line) != line.size()) {
    bad = RepairUtf8(line, repaired);
    line = repaired;
  }
  JsonlObject obj;
  obj.strings[JsonlObject::kText] = std::move(doc.text);  // its memory, when doc had a text
  if (!FastJsonObject(line, obj)) {
    obj = JsonlObject();
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
  } else if (auto it = obj.others.find("id"); it != obj.others.end() && it->is_number_integer()) {
    doc.id = std::to_string(it->get<long long>());
  }
  if (!obj.Has(JsonlObject::kText)) {
    SetError(doc, "missing-text", names.Where() + ": the object has no string \"text\"");
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
    if (JsonlObject::FieldOf(k) < 0) meta[k] = std::move(v);
  if (!meta.empty()) doc.meta_json = meta.dump();
  if (doc.text.find('\0') != std::string::npos) doc.Warn("nul-bytes", "the text contains NUL characters");
}

void ParseJsonl(std::string_view line, const LineNames& names, Document& doc) {
  ParseJsonlFields(line, names, doc);
  if (doc.id.empty()) doc.id = names.FallbackId();
}

}  // namespace

void InputReader::ReadWhole(const Source& src, RawInput& raw) {
  raw.path = src.path;
  raw.format = src.format;
  if (src.path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    raw.bytes = ss.str();
  } else {
    std::ifstream in(src.path, std::ios::binary);
    if (!in) {
      raw.error = DocumentError{"unreadable", src.path + ": cannot read: " + std::strerror(errno)};
      return;
    }
    raw.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      raw.error = DocumentError{"unreadable", src.path + ": read error: " + std::strerror(errno)};
      return;
    }
  }
  // Under --input auto, a PDF is known by its signature whatever its name (and on stdin).
  if (options_.input == InputFormat::kAuto && raw.format == InputFormat::kText &&
      raw.bytes.rfind("%PDF-", 0) == 0)
    raw.format = InputFormat::kPdf;
  raw.consumed = raw.bytes.size();
  bytes_read_ += raw.bytes.size();
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
    raw.format = InputFormat::kJsonl;
    raw.line = jsonl_line_;
    return true;
  }
  return false;
}

bool InputReader::Next(RawInput& raw) {
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
    if (src.format == InputFormat::kJsonl) {
      jsonl_source_ = &src;
      jsonl_line_ = 0;
      if (src.path == "-") {
        jsonl_ = &std::cin;
      } else {
        file_ = std::make_unique<std::ifstream>(src.path, std::ios::binary);
        if (!*file_) {
          raw.path = src.path;
          raw.format = src.format;
          raw.error = DocumentError{"unreadable", src.path + ": cannot read: " + std::strerror(errno)};
          file_.reset();
          return true;
        }
        jsonl_ = file_.get();
      }
      continue;
    }
    ReadWhole(src, raw);
    return true;
  }
}

bool InputReader::Next(Document& doc) {
  RawInput raw;
  if (!Next(raw)) return false;
  ToDocument(raw, doc);
  return true;
}

void ToDocument(const RawInput& raw, Document& doc) {
  doc.Reset();
  const bool stdin_source = raw.path == "-";
  const std::string_view shown = stdin_source ? std::string_view("stdin") : std::string_view(raw.path);
  if (raw.format == InputFormat::kJsonl && raw.line) {
    LineNames names;
    names.shown = shown;
    names.line = *raw.line;
    ParseJsonl(raw.bytes, names, doc);
    doc.source = SourceInfo{raw.path, Sha256Hex(raw.bytes), raw.bytes.size(),
                            stdin_source ? std::nullopt : raw.line};
    return;
  }
  doc.id = shown;
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
