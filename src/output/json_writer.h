// A minimal streaming JSON writer for the record: appends to a string, no tree, no
// allocation per value. The record is written once per document in the hot path, where
// building an nlohmann tree cost as much as a stage.
//   JsonWriter w; w.BeginObject(); w.Key("id"); w.String("stdin"); w.EndObject();
//   → {"id":"stdin"}
// Strings must be valid UTF-8 (document text is, by construction); control characters,
// quotes and backslashes are escaped, everything else is written as is.
#ifndef WARTA_OUTPUT_JSON_WRITER_H_
#define WARTA_OUTPUT_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace warta {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k) {
    Separate();
    // Keys are ASCII literals: written with one resize and a copy, the record's most common write.
    size_t at = out_.size();
    out_.resize(at + k.size() + 3);
    char* p = out_.data() + at;
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p = ':';
    after_key_ = true;
  }
  void String(std::string_view v);
  void Null() { Raw("null"); }
  void Bool(bool b) { Raw(b ? "true" : "false"); }
  void Number(uint64_t n) {
    Separate();
    char buf[24];
    out_.append(buf, size_t(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
  }
  // Makes room for n more bytes of output.
  void Reserve(size_t n) { out_.reserve(out_.size() + n); }
  // A value that is already JSON text (e.g. the jsonl meta object).
  void Raw(std::string_view json) {
    Separate();
    out_ += json;
  }
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Open(char c) {
    Separate();
    out_ += c;
    first_.push_back(true);
  }
  void Close(char c) {
    out_ += c;
    first_.pop_back();
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  std::string out_;
  std::vector<char> first_;  // per open container: no member written yet (char: no bit packing)
  bool after_key_ = false;
};

inline void JsonWriter::String(std::string_view v) {
  Separate();
  out_ += '"';
  size_t run = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    // Eight bytes at a time while none needs escaping (a byte < 0x20, '"' or '\\'): the
    // usual case for text, checked with the "has a zero byte" bit trick.
    while (i + 8 <= v.size()) {
      uint64_t x;
      std::memcpy(&x, v.data() + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      uint64_t quote = x ^ (kOnes * '"'), slash = x ^ (kOnes * '\\');
      uint64_t hit = ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash);
      if (hit & kHigh) break;
      i += 8;
    }
    if (i >= v.size()) break;
    auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(v, run, i - run);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
      }
    }
    run = i + 1;
  }
  out_.append(v, run, std::string_view::npos);
  out_ += '"';
}

}  // namespace warta

#endif  // WARTA_OUTPUT_JSON_WRITER_H_
