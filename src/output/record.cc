#include "output/record.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "input/decode.h"
#include "output/json_writer.h"
#include "text/utf8.h"

namespace warta {
namespace {

// The number of set high bits of `high_bits` (only bits 7, 15, … 63 may be set): a multiply
// sums them into the top byte. (std::popcount is a libgcc call without -mpopcnt.)
inline size_t ContinuationBytes(uint64_t high_bits) {
  return size_t(((high_bits >> 7) * 0x0101010101010101ull) >> 56);
}

// Byte offsets → code points for offsets asked in increasing order (sentences, tokens: the
// text order), by a forward sweep: no sort, no search. An offset behind the last one restarts
// the sweep from the beginning, so any order is still right, only slower.
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
      uint64_t continuation = x & ~(x << 1) & 0x8080808080808080ull;  // bit 7 set, bit 6 clear
      cp_ += 8 - ContinuationBytes(continuation);
    }
    for (; byte_ < target; ++byte_) cp_ += !utf8::IsContinuation(text_[byte_]);
    return uint32_t(cp_);
  }

 private:
  std::string_view text_;
  size_t byte_ = 0, cp_ = 0;
};

// Byte offsets → code points for every span of one record, in one pass over the text
// (sorted, then swept once by a CodePointCursor).
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {}
  void Want(const Span& s) {
    bytes_.push_back(s.start);
    bytes_.push_back(s.end);
  }
  void Resolve() {
    std::sort(bytes_.begin(), bytes_.end());
    bytes_.erase(std::unique(bytes_.begin(), bytes_.end()), bytes_.end());
    cps_.resize(bytes_.size());
    CodePointCursor cursor(text_);
    for (size_t k = 0; k < bytes_.size(); ++k) cps_[k] = cursor(bytes_[k]);
  }
  uint32_t operator()(uint32_t byte) const {
    auto it = std::lower_bound(bytes_.begin(), bytes_.end(), byte);
    return cps_[size_t(it - bytes_.begin())];
  }

 private:
  std::string_view text_;
  std::vector<uint32_t> bytes_;
  std::vector<uint32_t> cps_;
};

// Writes one record. Document text and what stages derive from it is valid UTF-8 by
// construction; strings from outside it (paths, ids, messages) are repaired first.
class RecordWriter {
 public:
  RecordWriter(const Document& doc, const CodePoints& cp)
      : doc_(doc), cp_(cp), sentence_cp_(doc.text), token_cp_(doc.text) {}

  void Outside(std::string_view s) {
    std::string repaired;
    if (RepairUtf8(s, repaired) == 0) w_.String(s);
    else w_.String(repaired);
  }
  void Opt(const std::optional<std::string>& s) {
    if (s) w_.String(*s);
    else w_.Null();
  }
  void Strings(const std::vector<std::string>& v) {
    w_.BeginArray();
    for (const std::string& s : v) w_.String(s);
    w_.EndArray();
  }
  // "text", "start", "end" members of the open object; offsets from the spans collected
  // in cp_ (entities), or from a cursor (sentences and tokens, written in text order).
  void SpanMembers(const Span& s) { SpanMembers(s, cp_); }
  template <class ToCodePoint>
  void SpanMembers(const Span& s, ToCodePoint& cp) {
    w_.Key("text");
    w_.String(doc_.Original(s));
    w_.Key("start");
    w_.Number(cp(s.start));
    w_.Key("end");
    w_.Number(cp(s.end));
  }
  // Opens an object with the "text", "start", "end" members of `s`.
  template <class ToCodePoint>
  void BeginSpanObject(const Span& s, ToCodePoint& cp) {
    uint32_t start = cp(s.start);  // before end: a cursor moves forward
    w_.BeginSpanObject(doc_.Original(s), start, cp(s.end));
  }
  void Mentions(const std::vector<Span>& spans) {
    w_.Key("mentions");
    w_.BeginArray();
    for (const Span& s : spans) {
      BeginSpanObject(s, cp_);
      w_.EndObject();
    }
    w_.EndArray();
  }
  void Source() {
    w_.Key("source");
    if (!doc_.source) return w_.Null();
    w_.BeginObject();
    w_.Key("path");
    Outside(doc_.source->path);
    w_.Key("sha256");
    w_.String(doc_.source->sha256);
    w_.Key("bytes");
    w_.Number(doc_.source->bytes);
    if (doc_.source->line) {
      w_.Key("line");
      w_.Number(*doc_.source->line);
    }
    w_.EndObject();
  }
  void Warnings() {
    w_.Key("warnings");
    w_.BeginArray();
    for (const Warning& x : doc_.warnings) {
      w_.BeginObject();
      w_.Key("code");
      w_.String(x.code);
      w_.Key("message");
      Outside(x.message);
      w_.EndObject();
    }
    w_.EndArray();
  }
  void Error() {
    if (!doc_.error) return;
    w_.Key("error");
    w_.BeginObject();
    w_.Key("code");
    w_.String(doc_.error->code);
    w_.Key("message");
    Outside(doc_.error->message);
    w_.EndObject();
  }
  void Token(const warta::Token& t) {
    BeginSpanObject(t.span, token_cp_);
    if (t.clitic) {
      w_.Key("words");
      w_.BeginArray();
      w_.String(doc_.Original({t.span.start, t.clitic}));
      w_.String(doc_.Original({t.clitic, t.span.end}));
      w_.EndArray();
    }
    w_.EndObject();
  }
  void Sentences(bool with_tokens) {
    w_.Key("sentences");
    w_.BeginArray();
    for (const Sentence& s : doc_.sentences) {
      BeginSpanObject(s.span, sentence_cp_);
      if (with_tokens) {
        w_.Key("tokens");
        w_.BeginArray();
        for (uint32_t i = s.first_token; i < s.end_token; ++i) Token(doc_.tokens[i]);
        w_.EndArray();
      }
      w_.EndObject();
    }
    w_.EndArray();
  }
  JsonWriter& w() { return w_; }

 private:
  const Document& doc_;
  const CodePoints& cp_;
  CodePointCursor sentence_cp_, token_cp_;
  JsonWriter w_;
};

void CollectSpans(const Document& doc, CodePoints& cp) {
  if (doc.dateline) cp.Want(doc.dateline->span);
  for (const Person& p : doc.people) {
    for (const Span& s : p.mentions) cp.Want(s);
    for (const Role& r : p.roles) cp.Want(r.span);
  }
  for (const Organization& x : doc.organizations)
    for (const Span& s : x.mentions) cp.Want(s);
  for (const Place& x : doc.places)
    for (const Span& s : x.mentions) cp.Want(s);
  for (const DateExpr& d : doc.dates) cp.Want(d.span);
  for (const Quote& q : doc.quotes) cp.Want(q.span);
  // Sentences and tokens are resolved by RecordWriter's cursors.
}

}  // namespace

std::string RecordJson(const Document& doc, const Options& options, bool pretty) {
  CodePoints cp(doc.text);
  CollectSpans(doc, cp);
  cp.Resolve();
  RecordWriter r(doc, cp);
  JsonWriter& w = r.w();
  // A record is a few kB: one allocation up front rather than a dozen doublings.
  w.Reserve(4096 + doc.meta_json.size() + (options.include_text ? doc.text.size() + doc.text.size() / 8 : 0));

  w.BeginObject();
  w.Key("schema");
  w.String(kSchema);
  w.Key("id");
  r.Outside(doc.id);
  r.Source();
  w.Key("title");
  r.Opt(doc.title);
  w.Key("dateline");
  if (doc.dateline) {
    w.BeginObject();
    w.Key("place");
    w.String(doc.dateline->place);
    w.Key("outlet");
    r.Opt(doc.dateline->outlet);
    r.SpanMembers(doc.dateline->span);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("reference_date");
  if (doc.reference_date) w.String(doc.reference_date->Iso());
  else w.Null();
  w.Key("reference_date_source");
  if (doc.reference_date) w.String(ReferenceSourceName(doc.reference_source));
  else w.Null();
  w.Key("url");
  if (doc.url) r.Outside(*doc.url);
  else w.Null();
  w.Key("published");
  if (doc.published) w.String(doc.published->Iso());
  else w.Null();

  w.Key("people");
  w.BeginArray();
  for (const Person& p : doc.people) {
    w.BeginObject();
    w.Key("name");
    w.String(p.name);
    w.Key("honorifics");
    r.Strings(p.honorifics);
    w.Key("degrees");
    r.Strings(p.degrees);
    r.Mentions(p.mentions);
    w.Key("roles");
    w.BeginArray();
    for (const Role& role : p.roles) {
      w.BeginObject();
      w.Key("title");
      w.String(role.title);
      w.Key("organization");
      r.Opt(role.organization);
      w.Key("acting");
      w.Bool(role.acting);
      w.Key("former");
      w.Bool(role.former);
      r.SpanMembers(role.span);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("organizations");
  w.BeginArray();
  for (const Organization& o : doc.organizations) {
    w.BeginObject();
    w.Key("name");
    r.Opt(o.name);
    w.Key("acronym");
    r.Opt(o.acronym);
    w.Key("region");
    r.Opt(o.region);
    w.Key("place_code");
    r.Opt(o.place_code);
    r.Mentions(o.mentions);
    w.EndObject();
  }
  w.EndArray();

  w.Key("places");
  w.BeginArray();
  for (const Place& p : doc.places) {
    w.BeginObject();
    w.Key("name");
    w.String(p.name);
    w.Key("type");
    w.String(p.type);
    w.Key("code");
    r.Opt(p.code);
    w.Key("province");
    r.Opt(p.province);
    r.Mentions(p.mentions);
    w.EndObject();
  }
  w.EndArray();

  w.Key("dates");
  w.BeginArray();
  for (const DateExpr& d : doc.dates) {
    w.BeginObject();
    r.SpanMembers(d.span);
    w.Key("type");
    w.String(d.type);
    w.Key("value");
    r.Opt(d.value);
    w.Key("end_value");
    r.Opt(d.end_value);
    w.Key("inferred");
    r.Strings(d.inferred);
    w.EndObject();
  }
  w.EndArray();

  w.Key("quotes");
  w.BeginArray();
  for (const Quote& q : doc.quotes) {
    w.BeginObject();
    r.SpanMembers(q.span);
    w.Key("speaker");
    r.Opt(q.speaker);
    w.EndObject();
  }
  w.EndArray();
  r.Warnings();

  if (!doc.meta_json.empty()) {
    w.Key("meta");
    w.Raw(doc.meta_json);  // produced by nlohmann in the reader: valid JSON
  }
  r.Error();
  if (options.include_text) {
    w.Key("text");
    w.String(doc.text);
  }
  if (options.include_sentences || options.include_tokens) r.Sentences(options.include_tokens);
  w.EndObject();
  return pretty ? Prettify(std::string(w.str())) : w.Take();
}

std::string TokensJson(const Document& doc, bool pretty) {
  CodePoints cp(doc.text);  // no entity spans: sentences and tokens use cursors
  cp.Resolve();
  RecordWriter r(doc, cp);
  JsonWriter& w = r.w();
  w.BeginObject();
  w.Key("schema");
  w.String(kSchema);
  w.Key("id");
  r.Outside(doc.id);
  r.Source();
  r.Sentences(true);
  r.Warnings();
  r.Error();
  w.EndObject();
  return pretty ? Prettify(std::string(w.str())) : w.Take();
}

std::string Prettify(const std::string& compact_json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(compact_json, nullptr, false);
  if (j.is_discarded()) return compact_json;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace warta
