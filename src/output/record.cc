#include "output/record.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "output/json_writer.h"
#include "text/scan.h"
#include "text/utf8.h"
#include "text/utf8_repair.h"

namespace warta {
namespace {

// Byte offsets of Document::text → code points. A code point offset is the byte offset less
// the continuation bytes (10xxxxxx) before it; their positions are listed once per record —
// none in pure-ASCII text (half of a news corpus), a few dozen in a usual article — so an
// offset costs a short search, and offsets asked in text order (sentences, tokens) mostly
// none at all.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : size_(uint32_t(text.size())) {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* p = begin; (p = scan::NonAscii(p, end)) < end; ++p)
      if (utf8::IsContinuation(*p)) continuation_.push_back(uint32_t(p - begin));
  }
  uint32_t operator()(uint32_t byte) {
    byte = std::min(byte, size_);
    // before_ counts the continuation bytes before last_: a later offset starts from there.
    auto from = continuation_.begin() + (byte >= last_ ? before_ : 0);
    if (from != continuation_.end() && *from < byte) from = std::lower_bound(from, continuation_.end(), byte);
    before_ = size_t(from - continuation_.begin());
    last_ = byte;
    return byte - uint32_t(before_);
  }

 private:
  uint32_t size_;
  std::vector<uint32_t> continuation_;  // positions, ascending
  uint32_t last_ = 0;                   // the last offset asked
  size_t before_ = 0;                   // continuation bytes before last_
};

// One writer per thread, kept from record to record: a record is written into a buffer
// already there and copied out once at its size.
JsonWriter& ThreadWriter() {
  thread_local JsonWriter writer;
  writer.Clear();  // in case the last record was cut short by an exception
  return writer;
}

// Writes one record. Document text and what stages derive from it is valid UTF-8 by
// construction; strings from outside it (paths, ids, messages) are repaired first.
class RecordWriter {
 public:
  explicit RecordWriter(const Document& doc) : doc_(doc), cp_(doc.text), w_(ThreadWriter()) {}

  void Outside(std::string_view s) {
    if (WellFormedPrefix(s) == s.size()) return w_.String(s);
    std::string repaired;
    RepairUtf8(s, repaired);
    w_.String(repaired);
  }
  // "score": 0.873 — the contract's confidence, written only when a stage set it; three
  // decimals, so that the record does not depend on how a float prints.
  void Score(const std::optional<float>& score) {
    if (!score) return;
    float v = *score < 0 ? 0 : *score > 1 ? 1 : *score;
    unsigned milli = unsigned(v * 1000.0f + 0.5f);
    char buf[8] = {char('0' + milli / 1000), '.', char('0' + milli / 100 % 10), char('0' + milli / 10 % 10),
                   char('0' + milli % 10)};
    w_.Key("score");
    w_.Raw(std::string_view(buf, 5));
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
  // "text", "start", "end" members of the open object.
  void SpanMembers(const Span& s) {
    w_.Key("text");
    w_.String(doc_.Original(s));
    uint32_t start = cp_(s.start);  // before end: offsets in text order cost least
    w_.Key("start");
    w_.Number(start);
    w_.Key("end");
    w_.Number(cp_(s.end));
  }
  // Opens an object with the "text", "start", "end" members of `s`.
  void BeginSpanObject(const Span& s) {
    uint32_t start = cp_(s.start);
    w_.BeginSpanObject(doc_.Original(s), start, cp_(s.end));
  }
  void Mentions(const std::vector<Span>& spans) {
    w_.Key("mentions");
    w_.BeginArray();
    for (const Span& s : spans) {
      BeginSpanObject(s);
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
    BeginSpanObject(t.span);
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
      BeginSpanObject(s.span);
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
  CodePoints cp_;
  JsonWriter& w_;
};

}  // namespace

std::string RecordJson(const Document& doc, const Options& options, bool pretty) {
  RecordWriter r(doc);
  JsonWriter& w = r.w();
  // A record is a few kB: room for it up front rather than a dozen doublings.
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
    r.Score(p.score);
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
    r.Score(o.score);
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
    w.String(PlaceKindName(p.type));
    w.Key("code");
    r.Opt(p.code);
    w.Key("province");
    r.Opt(p.province);
    r.Mentions(p.mentions);
    r.Score(p.score);
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
  return pretty ? Prettify(w.Take()) : w.Take();
}

std::string TokensJson(const Document& doc, bool pretty) {
  RecordWriter r(doc);
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
  return pretty ? Prettify(w.Take()) : w.Take();
}

std::string Prettify(const std::string& compact_json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(compact_json, nullptr, false);
  if (j.is_discarded()) return compact_json;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace warta
