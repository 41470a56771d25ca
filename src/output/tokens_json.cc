#include "output/tokens_json.h"

#include <array>
#include <charconv>
#include <cstring>

#include "input/decode.h"
#include "output/record.h"
#include "text/utf8.h"

namespace warta {
namespace {

// Bytes a JSON string needs escaped: control characters, '"' and '\\' (DEL and non-ASCII go
// as they are), as JsonWriter escapes them.
constexpr std::array<bool, 256> kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// The output bytes a string of n bytes may take, quotes included: every byte escaped as
// \u00XX, or an ill-formed byte of an outside string repaired to U+FFFD (3 bytes).
constexpr size_t Worst(size_t n) { return 6 * n + 2; }
constexpr size_t kDigits = 20;  // of 2^64 - 1

// Writes into a buffer sized in advance for the whole record, so that no write checks room.
class Writer {
 public:
  explicit Writer(char* p) : p_(p) {}
  char* end() const { return p_; }
  template <size_t N>
  void Literal(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void Number(uint64_t v) { p_ = std::to_chars(p_, p_ + kDigits, v).ptr; }
  // The escaped bytes of s, without quotes; returns how many of them start a code point.
  size_t Escaped(std::string_view s) {
    size_t starts = 0;
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      starts += !utf8::IsContinuation(ch);
      if (!kEscape[c]) {
        *p_++ = ch;
        continue;
      }
      *p_++ = '\\';
      switch (c) {
        case '"': *p_++ = '"'; break;
        case '\\': *p_++ = '\\'; break;
        case '\n': *p_++ = 'n'; break;
        case '\r': *p_++ = 'r'; break;
        case '\t': *p_++ = 't'; break;
        case '\b': *p_++ = 'b'; break;
        case '\f': *p_++ = 'f'; break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          std::memcpy(p_, "u00", 3);
          p_[3] = kHex[c >> 4];
          p_[4] = kHex[c & 15];
          p_ += 5;
        }
      }
    }
    return starts;
  }
  void String(std::string_view s) {
    *p_++ = '"';
    Escaped(s);
    *p_++ = '"';
  }
  // A string from outside the document text (id, path, message): ill-formed UTF-8 repaired.
  void Outside(std::string_view s) {
    std::string repaired;
    String(RepairUtf8(s, repaired) == 0 ? s : std::string_view(repaired));
  }

 private:
  char* p_;
};

// Byte offsets → code points, asked in increasing order (as record.cc's cursor: an offset
// behind the last one restarts from the beginning, so any order is still right).
class CodePointCursor {
 public:
  explicit CodePointCursor(std::string_view text) : text_(text) {}
  uint32_t operator()(uint32_t target_byte) {
    size_t target = std::min<size_t>(target_byte, text_.size());
    if (target < byte_) byte_ = cp_ = 0;
    // Eight bytes at a time: a byte starts a code point unless it is 10xxxxxx.
    for (; byte_ + 8 <= target; byte_ += 8) {
      uint64_t x;
      std::memcpy(&x, text_.data() + byte_, 8);
      const uint64_t continuation = x & ~(x << 1) & 0x8080808080808080ull;  // bit 7 set, bit 6 clear
      cp_ += 8 - size_t(((continuation >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; byte_ < target; ++byte_) cp_ += !utf8::IsContinuation(text_[byte_]);
    return uint32_t(cp_);
  }
  // Moves the cursor to `byte`, known to be code point `cp`.
  void Set(uint32_t byte, size_t cp) {
    byte_ = byte;
    cp_ = cp;
  }

 private:
  std::string_view text_;
  size_t byte_ = 0, cp_ = 0;
};

}  // namespace

std::string TokensJsonl(const Document& doc) {
  // An upper bound of the record's size, so that nothing is checked while writing.
  size_t bound = 64 + Worst(doc.id.size());
  if (doc.source) bound += 64 + Worst(doc.source->path.size()) + Worst(doc.source->sha256.size()) + 2 * kDigits;
  for (const Sentence& s : doc.sentences) bound += 48 + Worst(s.span.size()) + 2 * kDigits;
  for (const Token& t : doc.tokens)
    bound += 40 + Worst(t.span.size()) + 2 * kDigits + (t.clitic ? 16 + Worst(t.span.size()) : 0);
  bound += 16;
  for (const Warning& x : doc.warnings) bound += 32 + Worst(x.code.size()) + Worst(x.message.size());
  if (doc.error) bound += 32 + Worst(doc.error->code.size()) + Worst(doc.error->message.size());

  std::string out;
  out.resize(bound);
  Writer w(out.data());
  w.Literal("{\"schema\":\"");
  w.Escaped(kSchema);
  w.Literal("\",\"id\":");
  w.Outside(doc.id);
  w.Literal(",\"source\":");
  if (!doc.source) {
    w.Literal("null");
  } else {
    w.Literal("{\"path\":");
    w.Outside(doc.source->path);
    w.Literal(",\"sha256\":");
    w.String(doc.source->sha256);
    w.Literal(",\"bytes\":");
    w.Number(doc.source->bytes);
    if (doc.source->line) {
      w.Literal(",\"line\":");
      w.Number(*doc.source->line);
    }
    w.Literal("}");
  }

  w.Literal(",\"sentences\":[");
  CodePointCursor sentence_cp(doc.text), token_cp(doc.text);
  bool first_sentence = true;
  for (const Sentence& s : doc.sentences) {
    if (!first_sentence) w.Literal(",");
    first_sentence = false;
    w.Literal("{\"text\":");
    w.String(doc.Original(s.span));
    w.Literal(",\"start\":");
    w.Number(sentence_cp(s.span.start));  // before end: the cursor moves forward
    w.Literal(",\"end\":");
    w.Number(sentence_cp(s.span.end));
    w.Literal(",\"tokens\":[");
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (i != s.first_token) w.Literal(",");
      // The token's code points are counted as it is copied: the cursor only crosses the
      // whitespace between tokens.
      const uint32_t start = token_cp(t.span.start);
      const std::string_view text = doc.Original(t.span);
      w.Literal("{\"text\":\"");
      const size_t end = start + w.Escaped(text);
      token_cp.Set(uint32_t(t.span.start + text.size()), end);
      w.Literal("\",\"start\":");
      w.Number(start);
      w.Literal(",\"end\":");
      w.Number(end);
      if (t.clitic) {
        w.Literal(",\"words\":[");
        w.String(doc.Original({t.span.start, t.clitic}));
        w.Literal(",");
        w.String(doc.Original({t.clitic, t.span.end}));
        w.Literal("]");
      }
      w.Literal("}");
    }
    w.Literal("]}");
  }
  w.Literal("],\"warnings\":[");
  bool first_warning = true;
  for (const Warning& x : doc.warnings) {
    if (!first_warning) w.Literal(",");
    first_warning = false;
    w.Literal("{\"code\":");
    w.String(x.code);
    w.Literal(",\"message\":");
    w.Outside(x.message);
    w.Literal("}");
  }
  w.Literal("]");
  if (doc.error) {
    w.Literal(",\"error\":{\"code\":");
    w.String(doc.error->code);
    w.Literal(",\"message\":");
    w.Outside(doc.error->message);
    w.Literal("}");
  }
  w.Literal("}");
  out.resize(size_t(w.end() - out.data()));
  return out;
}

}  // namespace warta
