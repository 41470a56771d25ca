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
#include "text/sha256.h"

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
  return InputFormat::kText;
}

void SetError(Document& doc, std::string code, std::string message) {
  doc.error = DocumentError{std::move(code), std::move(message)};
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
}

InputReader::~InputReader() = default;

void ParseJsonlLine(std::string_view line, const std::string& where, const std::string& fallback_id, Document& doc) {
  doc.id = fallback_id;
  std::string repaired;
  size_t bad = RepairUtf8(line, repaired);
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(repaired);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    SetError(doc, "invalid-json", where + ": not a JSON object: " + what.substr(what.find(' ') + 1));
    return;
  }
  if (!obj.is_object()) {
    SetError(doc, "invalid-json", where + ": a jsonl line must be a JSON object");
    return;
  }
  if (auto it = obj.find("id"); it != obj.end()) {
    if (it->is_string()) doc.id = it->get<std::string>();
    else if (it->is_number_integer()) doc.id = std::to_string(it->get<long long>());
  }
  auto text = obj.find("text");
  if (text == obj.end() || !text->is_string()) {
    SetError(doc, "missing-text", where + ": the object has no string \"text\"");
    return;
  }
  doc.text = text->get<std::string>();
  if (bad) doc.Warn("invalid-utf8", std::to_string(bad) + " invalid UTF-8 sequence(s) in the line replaced by U+FFFD");
  if (auto it = obj.find("title"); it != obj.end() && it->is_string()) doc.given_title = it->get<std::string>();
  if (auto it = obj.find("url"); it != obj.end() && it->is_string()) doc.url = it->get<std::string>();
  if (auto it = obj.find("published"); it != obj.end() && it->is_string()) {
    doc.published = CivilDate::Parse(it->get<std::string>());
    if (!doc.published)
      doc.Warn("bad-published", where + ": \"published\" is not an ISO 8601 date: " + it->get<std::string>());
  }
  nlohmann::json meta = nlohmann::json::object();
  for (auto& [k, v] : obj.items())
    if (k != "id" && k != "text" && k != "title" && k != "url" && k != "published") meta[k] = v;
  if (!meta.empty()) doc.meta_json = meta.dump();
  if (doc.text.find('\0') != std::string::npos) doc.Warn("nul-bytes", "the text contains NUL characters");
}

void InputReader::ReadWhole(const Source& src, Document& doc) {
  doc.id = src.path == "-" ? "stdin" : src.path;
  std::string bytes;
  if (src.path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    bytes = ss.str();
  } else {
    std::ifstream in(src.path, std::ios::binary);
    if (!in) {
      SetError(doc, "unreadable", src.path + ": cannot read: " + std::strerror(errno));
      return;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      SetError(doc, "unreadable", src.path + ": read error: " + std::strerror(errno));
      return;
    }
  }
  bytes_read_ += bytes.size();
  doc.source = SourceInfo{src.path, Sha256Hex(bytes), bytes.size(), std::nullopt};
  Decoded d = DecodeBytes(bytes);
  bytes.clear();
  bytes.shrink_to_fit();
  for (Warning& w : d.warnings) doc.warnings.push_back({w.code, src.path + ": " + w.message});
  if (src.format == InputFormat::kHtml) {
    HtmlContent html = ExtractHtml(d.text);
    doc.text = std::move(html.text);
    doc.given_title = std::move(html.title);
    doc.published = html.published;
    for (Warning& w : html.warnings) doc.warnings.push_back(std::move(w));
  } else {
    doc.text = std::move(d.text);
  }
}

bool InputReader::NextJsonlLine(Document& doc) {
  std::string line;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    bytes_read_ += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string& path = jsonl_source_->path;
    std::string shown = path == "-" ? "stdin" : path;
    ParseJsonlLine(line, shown + ":" + std::to_string(jsonl_line_), shown + "#" + std::to_string(jsonl_line_), doc);
    doc.source = SourceInfo{path, Sha256Hex(line), line.size(), jsonl_line_};
    return true;
  }
  return false;
}

bool InputReader::Next(Document& doc) {
  doc = Document();
  while (true) {
    if (jsonl_) {
      if (NextJsonlLine(doc)) return true;
      if (jsonl_->bad())
        SetError(doc, "unreadable", jsonl_source_->path + ": read error after line " + std::to_string(jsonl_line_));
      jsonl_ = nullptr;
      file_.reset();
      if (doc.error) return true;
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
          doc.id = src.path;
          SetError(doc, "unreadable", src.path + ": cannot read: " + std::strerror(errno));
          file_.reset();
          return true;
        }
        jsonl_ = file_.get();
      }
      continue;
    }
    ReadWhole(src, doc);
    return true;
  }
}

}  // namespace warta
