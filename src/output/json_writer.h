// A minimal streaming JSON writer for the record: appends to a buffer, no tree, no
// allocation per value. The record is written once per document in the hot path, where
// building an nlohmann tree cost as much as a stage.
//   JsonWriter w; w.BeginObject(); w.Key("id"); w.String("stdin"); w.EndObject();
//   → {"id":"stdin"}
// Strings must be valid UTF-8 (document text is, by construction); control characters,
// quotes and backslashes are escaped, everything else is written as is. Keys are written as
// given, unescaped: they are the record's ASCII names.
// The buffer outlives Take(): a writer kept for the next record (one per thread) writes
// into memory it already has.
#ifndef WARTA_OUTPUT_JSON_WRITER_H_
#define WARTA_OUTPUT_JSON_WRITER_H_

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "text/scan.h"

namespace warta {

// The JSON escape of byte c (a control character, '"' or '\\') at p: "\n", "\u001f" …;
// the end of what it wrote (at most 6 bytes).
inline char* JsonEscapeByte(unsigned char c, char* p) {
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
  return p;
}

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // A key written as a string literal: its length is known when compiling, so the comma,
  // the quoted key and the colon are one fixed-size copy — the record's most common write.
  template <size_t N>
  void Key(const char (&k)[N]) {
    char* p = Comma(Room(N + 3));
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    End(p, false);
  }
  void Key(std::string_view k) {
    char* p = Comma(Room(k.size() + 4));
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    End(p, false);
  }
  void String(std::string_view v);
  // Opens an object and writes its first members, {"text":…,"start":…,"end":…, in one step:
  // the shape of every token and span of a record, written millions of times in a corpus.
  // More members may follow; EndObject() closes it.
  void BeginSpanObject(std::string_view text, uint64_t start, uint64_t end) {
    char* p = Comma(Room(9));
    std::memcpy(p, "{\"text\":", 8);
    End(p + 8, false);
    String(text);
    p = Room(9 + 20 + 7 + 20);
    std::memcpy(p, ",\"start\":", 9);
    p = Digits(p + 9, start);
    std::memcpy(p, ",\"end\":", 7);
    End(Digits(p + 7, end), true);
  }
  void Null() { Literal("null"); }
  void Bool(bool b) {
    if (b) Literal("true");
    else Literal("false");
  }
  void Number(uint64_t n) { End(Digits(Comma(Room(21)), n), true); }
  // Makes room for n more bytes of output.
  void Reserve(size_t n) { Room(n); }
  // A value that is already JSON text (e.g. the jsonl meta object).
  void Raw(std::string_view json) {
    char* p = Comma(Room(json.size() + 1));
    std::memcpy(p, json.data(), json.size());
    End(p + json.size(), true);
  }
  // Drops what was written, keeping the buffer.
  void Clear() {
    p_ = buf_.get();
    comma_ = false;
  }
  std::string_view str() const { return std::string_view(buf_.get(), size_t(p_ - buf_.get())); }
  // The output, copied out at its size; the writer is then empty and ready for the next
  // document. The buffer is kept, unless one huge document grew it past kKeep.
  std::string Take() {
    std::string out(str());
    if (size_t(end_ - buf_.get()) > kKeep) {
      buf_.reset();
      end_ = nullptr;
    }
    Clear();
    return out;
  }

 private:
  static constexpr size_t kKeep = size_t(1) << 20;
  // Strings are escaped in pieces of kPiece bytes, each given room for its worst case (every
  // byte escaped as \u00XX): a document's whole text never asks for six times its size.
  static constexpr size_t kPiece = 4096;

  // Room for n more bytes at the end of the output; the pointer to them. Writes then go
  // through the pointer, not std::string's append/push_back (a call per byte or piece).
  char* Room(size_t n) {
    if (size_t(end_ - p_) < n) Grow(n);
    return p_;
  }
  // Out of the hot path: every record after the first few fits in the buffer it has.
  [[gnu::noinline]] void Grow(size_t n) {
    const size_t len = size_t(p_ - buf_.get()), cap = std::max(size_t(end_ - buf_.get()) * 2, len + n + 4096);
    auto buf = std::make_unique_for_overwrite<char[]>(cap);  // not zeroed: only written bytes are read
    if (len) std::memcpy(buf.get(), buf_.get(), len);
    buf_ = std::move(buf);
    p_ = buf_.get() + len;
    end_ = buf_.get() + cap;
  }
  // The comma between members, when the last thing written was a value: writes ',' at p and
  // steps past it, or leaves p. (Room must cover it.)
  char* Comma(char* p) {
    *p = ',';
    return p + comma_;
  }
  // The output now ends at p; `value`: what was written ends a value (a comma goes before
  // the next member), else it opened a container or wrote a key.
  void End(char* p, bool value) {
    p_ = p;
    comma_ = value;
  }
  template <size_t N>
  void Literal(const char (&s)[N]) {
    char* p = Comma(Room(N));
    std::memcpy(p, s, N - 1);
    End(p + N - 1, true);
  }
  static char* Digits(char* p, uint64_t n) { return std::to_chars(p, p + 20, n).ptr; }  // 2^64 - 1 has 20
  // The n bytes at s escaped at p; the end of what it wrote. Needs room for 6n + 16 bytes.
  static char* Escape(const char* s, size_t n, char* p);
  void Open(char c) {
    char* p = Comma(Room(2));
    *p++ = c;
    End(p, false);
  }
  void Close(char c) {
    char* p = Room(1);
    *p++ = c;
    End(p, true);
  }

  std::unique_ptr<char[]> buf_;  // the output is [buf_, p_); the buffer ends at end_
  char* p_ = nullptr;
  char* end_ = nullptr;
  // A comma must precede the next member or element: the last write ended a value. One flag
  // is all the nesting needs, since an opening bracket or a key always clears it.
  bool comma_ = false;
};

inline void JsonWriter::String(std::string_view v) {
  // Room for the comma, the quotes, the worst case of the first piece and the scratch bytes
  // of CopyToJsonSpecial; then plain pointer writes.
  size_t piece = std::min(v.size(), kPiece);
  char* p = Comma(Room(3 + 6 * piece + 16));
  *p++ = '"';
  for (size_t at = 0;;) {
    p = Escape(v.data() + at, piece, p);
    at += piece;
    if (at >= v.size()) break;
    p_ = p;
    piece = std::min(v.size() - at, kPiece);
    p = Room(1 + 6 * piece + 16);
  }
  *p++ = '"';
  End(p, true);
}

inline char* JsonWriter::Escape(const char* s, size_t n, char* p) {
  const char* const end = s + n;
  while (true) {
    // The run up to the next byte that needs escaping (a byte < 0x20, '"' or '\\'): in news
    // text that is usually the whole string.
    const char* special = scan::CopyToJsonSpecial(s, end, p);
    if (special == end) return p;
    s = special + 1;
    auto c = static_cast<unsigned char>(*special);
    p = JsonEscapeByte(c, p);
  }
}

}  // namespace warta

#endif  // WARTA_OUTPUT_JSON_WRITER_H_
