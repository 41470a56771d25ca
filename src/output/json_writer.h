// A minimal streaming JSON writer for the record: appends to a string, no tree, no
// allocation per value. The record is written once per document in the hot path, where
// building an nlohmann tree cost as much as a stage.
//   JsonWriter w; w.BeginObject(); w.Key("id"); w.String("stdin"); w.EndObject();
//   → {"id":"stdin"}
// Strings must be valid UTF-8 (document text is, by construction); control characters,
// quotes and backslashes are escaped, everything else is written as is.
#ifndef WARTA_OUTPUT_JSON_WRITER_H_
#define WARTA_OUTPUT_JSON_WRITER_H_

#include <algorithm>
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
    // Keys are ASCII literals: one bounds check and a copy, the record's most common write.
    char* p = Room(k.size() + 3);
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    len_ = size_t(p - out_.data());
    after_key_ = true;
  }
  void String(std::string_view v) {
    Separate();
    Quoted(v);
  }
  // Opens an object and writes its first members, {"text":…,"start":…,"end":…, in one step:
  // the shape of every token and span of a record, written millions of times in a corpus.
  // More members may follow; EndObject() closes it.
  void BeginSpanObject(std::string_view text, uint64_t start, uint64_t end) {
    Separate();
    first_.push_back(false);
    Literal("{\"text\":");
    Quoted(text);
    Literal(",\"start\":");
    Digits(start);
    Literal(",\"end\":");
    Digits(end);
  }
  void Null() { Raw("null"); }
  void Bool(bool b) { Raw(b ? "true" : "false"); }
  void Number(uint64_t n) {
    Separate();
    Digits(n);
  }
  // Makes room for n more bytes of output.
  void Reserve(size_t n) { Room(n); }
  // A value that is already JSON text (e.g. the jsonl meta object).
  void Raw(std::string_view json) {
    Separate();
    Append(json);
  }
  std::string_view str() const { return std::string_view(out_.data(), len_); }
  std::string Take() {
    out_.resize(len_);
    len_ = 0;
    return std::move(out_);
  }

 private:
  // out_ is a buffer whose first len_ bytes are the output: writes go through a pointer, not
  // std::string's append/push_back, which are calls into libstdc++ for every byte or piece.
  char* Room(size_t n) {
    if (out_.size() - len_ < n) out_.resize(std::max(out_.size() * 2, len_ + n + 256));
    return out_.data() + len_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++len_;
  }
  template <size_t N>
  void Literal(const char (&s)[N]) {
    std::memcpy(Room(N - 1), s, N - 1);
    len_ += N - 1;
  }
  void Digits(uint64_t n) {
    char* p = Room(20);  // the digits of 2^64 - 1
    len_ = size_t(std::to_chars(p, p + 20, n).ptr - out_.data());
  }
  void Quoted(std::string_view v);   // the string, escaped, in double quotes
  void Escaped(std::string_view v);  // the string, escaped (at most kPiece bytes)
  static constexpr size_t kPiece = 4096;
  void Append(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    len_ += s.size();
  }
  void Open(char c) {
    Separate();
    Put(c);
    first_.push_back(true);
  }
  void Close(char c) {
    Put(c);
    first_.pop_back();
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) Put(',');
      first_.back() = false;
    }
  }
  std::string out_;
  size_t len_ = 0;
  std::vector<char> first_;  // per open container: no member written yet (char: no bit packing)
  bool after_key_ = false;
};

inline void JsonWriter::Quoted(std::string_view v) {
  Put('"');
  // In pieces, each given room for its worst case: a document's whole text never asks for
  // six times its size. Escaping is per byte, so a piece may end inside a UTF-8 sequence.
  for (size_t at = 0; at < v.size(); at += kPiece) Escaped(v.substr(at, kPiece));
  Put('"');
}

inline void JsonWriter::Escaped(std::string_view v) {
  // Room for the worst case (every byte escaped as \u00XX) up front, then plain pointer writes.
  char* p = Room(v.size() * 6);
  const char* s = v.data();
  const char* end = s + v.size();
  while (s < end) {
    // Eight bytes at a time while none needs escaping (a byte < 0x20, '"' or '\\'): the
    // usual case for text, checked with the "has a zero byte" bit trick.
    while (s + 8 <= end) {
      uint64_t x;
      std::memcpy(&x, s, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      uint64_t quote = x ^ (kOnes * '"'), slash = x ^ (kOnes * '\\');
      uint64_t hit = ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash);
      if (hit & kHigh) break;
      std::memcpy(p, &x, 8);
      p += 8;
      s += 8;
    }
    if (s >= end) break;
    auto c = static_cast<unsigned char>(*s++);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *p++ = char(c);
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        std::memcpy(p, "u00", 3);
        p[3] = kHex[c >> 4];
        p[4] = kHex[c & 15];
        p += 5;
      }
    }
  }
  len_ = size_t(p - out_.data());
}

}  // namespace warta

#endif  // WARTA_OUTPUT_JSON_WRITER_H_
