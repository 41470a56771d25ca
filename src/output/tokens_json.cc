#include "output/tokens_json.h"

#include <array>
#include <charconv>
#include <cstring>

#include "output/json_writer.h"
#include "output/record.h"
#include "text/utf8.h"
#include "text/utf8_repair.h"

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

constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;

// Bit 7 of each byte of x set where the byte needs escaping (a control character, '"' or
// '\\'): the "has a zero byte" trick. A byte above a true hit may show a false one (the
// borrow), never a byte below: the lowest bit set is a true hit.
inline uint64_t EscapeHits(uint64_t x) {
  const uint64_t quote = x ^ (kOnes * '"'), slash = x ^ (kOnes * '\\');
  return (((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash)) & kHigh;
}

// The number of bytes of x with bit 7 set in `high_bits` (only bits 7, 15, … 63 may be set).
inline size_t CountHigh(uint64_t high_bits) { return size_t(((high_bits >> 7) * kOnes) >> 56); }

// An upper bound of the bytes of text that need escaping.
size_t EscapesIn(std::string_view text) {
  size_t n = 0, k = 0;
  for (; k + 8 <= text.size(); k += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + k, 8);
    n += CountHigh(EscapeHits(x));
  }
  for (; k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    n += c < 0x20 || c == '"' || c == '\\';
  }
  return n;
}

// Writes a record into a buffer sized ahead; Room(n) before each token or string makes sure
// of n more bytes, so that single writes check nothing.
class Writer {
 public:
  // source_end: the end of the buffer the copied texts lie in (CopyText reads 8 bytes at a
  // time, never past it).
  Writer(std::string& out, size_t size, const char* source_end) : out_(out), source_end_(source_end) {
    out_.resize(size);
    p_ = out_.data();
    limit_ = p_ + out_.size();
  }
  void Room(size_t n) {
    if (size_t(limit_ - p_) < n) Grow(n);
  }
  // Cuts the buffer to what was written.
  void Finish() { out_.resize(size_t(p_ - out_.data())); }
  template <size_t N>
  void Literal(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void Number(uint64_t v) { p_ = std::to_chars(p_, p_ + kDigits, v).ptr; }
  // A text offset: most have two to four digits, written two at a time from a table.
  void Offset(uint32_t v) {
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    if (v < 10) {
      *p_++ = char('0' + v);
    } else if (v < 100) {
      std::memcpy(p_, kPairs + 2 * v, 2);
      p_ += 2;
    } else if (v < 1000) {
      *p_ = char('0' + v / 100);
      std::memcpy(p_ + 1, kPairs + 2 * (v % 100), 2);
      p_ += 3;
    } else if (v < 10000) {
      std::memcpy(p_, kPairs + 2 * (v / 100), 2);
      std::memcpy(p_ + 2, kPairs + 2 * (v % 100), 2);
      p_ += 4;
    } else {
      Number(v);
    }
  }
  // The escaped bytes of s (a span of the source), without quotes; returns how many of them
  // start a code point. Eight bytes at a time while none needs escaping; needs Room(Worst(s.size())).
  size_t CopyText(std::string_view s) {
    const char* q = s.data();
    const char* const end = q + s.size();
    size_t continuations = 0;
    while (q + 8 <= source_end_ && q < end) {
      uint64_t x;
      std::memcpy(&x, q, 8);
      const size_t take = std::min<size_t>(8, size_t(end - q));
      const uint64_t mask = take == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * take)) - 1;
      if (EscapeHits(x) & mask) break;
      std::memcpy(p_, &x, 8);  // the bytes past `take` are overwritten by what follows
      p_ += take;
      continuations += CountHigh(x & ~(x << 1) & kHigh & mask);  // 10xxxxxx bytes
      q += take;
    }
    const size_t rest = q < end ? Escaped(std::string_view(q, size_t(end - q))) : 0;
    return size_t(q - s.data()) - continuations + rest;
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
  // The escaped bytes of s, without quotes, one at a time; returns how many start a code point.
  size_t Escaped(std::string_view s) {
    size_t starts = 0;
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      starts += !utf8::IsContinuation(ch);
      if (!kEscape[c]) {
        *p_++ = ch;
        continue;
      }
      p_ = JsonEscapeByte(c, p_);
    }
    return starts;
  }
  [[gnu::noinline]] void Grow(size_t n) {
    const size_t used = size_t(p_ - out_.data());
    out_.resize(std::max(out_.size() * 2, used + n));
    p_ = out_.data() + used;
    limit_ = out_.data() + out_.size();
  }
  std::string& out_;
  const char* source_end_;
  char* p_;
  char* limit_;
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
  // The record's size when nothing needs escaping, plus five bytes for each byte of the text
  // that may need escaping in a sentence, a token and a word; Room() covers anything more.
  size_t size = 256;
  for (const Sentence& s : doc.sentences) size += 64 + s.span.size();
  for (const Token& t : doc.tokens) size += 48 + (t.clitic ? 16 + 2 * t.span.size() : t.span.size());
  size += 15 * EscapesIn(doc.text);

  std::string out;
  Writer w(out, size, doc.text.data() + doc.text.size());
  w.Room(64 + Worst(doc.id.size()));
  w.Literal("{\"schema\":");
  w.String(kSchema);
  w.Literal(",\"id\":");
  w.Outside(doc.id);
  if (!doc.source) {
    w.Literal(",\"source\":null");
  } else {
    w.Room(64 + Worst(doc.source->path.size()) + Worst(doc.source->sha256.size()) + 2 * kDigits);
    w.Literal(",\"source\":{\"path\":");
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
    w.Room(96 + Worst(s.span.size()));
    if (!first_sentence) w.Literal(",");
    first_sentence = false;
    w.Literal("{\"text\":\"");
    w.CopyText(doc.Original(s.span));
    w.Literal("\",\"start\":");
    w.Offset(sentence_cp(s.span.start));  // before end: the cursor moves forward
    w.Literal(",\"end\":");
    w.Offset(sentence_cp(s.span.end));
    w.Literal(",\"tokens\":[");
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      const std::string_view text = doc.Original(t.span);
      w.Room(96 + 2 * Worst(text.size()));
      if (i != s.first_token) w.Literal(",");
      // The token's code points are counted as it is copied: the cursor only crosses the
      // whitespace between tokens.
      const uint32_t start = token_cp(t.span.start);
      w.Literal("{\"text\":\"");
      const size_t end = start + w.CopyText(text);
      token_cp.Set(uint32_t(t.span.start + text.size()), end);
      w.Literal("\",\"start\":");
      w.Offset(start);
      w.Literal(",\"end\":");
      w.Offset(uint32_t(end));
      if (t.clitic) {
        w.Literal(",\"words\":[\"");
        w.CopyText(doc.Original({t.span.start, t.clitic}));
        w.Literal("\",\"");
        w.CopyText(doc.Original({t.clitic, t.span.end}));
        w.Literal("\"]");
      }
      w.Literal("}");
    }
    w.Literal("]}");
  }
  w.Room(16);
  w.Literal("],\"warnings\":[");
  bool first_warning = true;
  for (const Warning& x : doc.warnings) {
    w.Room(32 + Worst(x.code.size()) + Worst(x.message.size()));
    if (!first_warning) w.Literal(",");
    first_warning = false;
    w.Literal("{\"code\":");
    w.String(x.code);
    w.Literal(",\"message\":");
    w.Outside(x.message);
    w.Literal("}");
  }
  w.Room(16);
  w.Literal("]");
  if (doc.error) {
    w.Room(32 + Worst(doc.error->code.size()) + Worst(doc.error->message.size()));
    w.Literal(",\"error\":{\"code\":");
    w.String(doc.error->code);
    w.Literal(",\"message\":");
    w.Outside(doc.error->message);
    w.Literal("}");
  }
  w.Literal("}");
  w.Finish();
  return out;
}

}  // namespace warta
