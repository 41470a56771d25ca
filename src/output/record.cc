#include "output/record.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "text/utf8.h"

namespace warta {
namespace {

using Json = nlohmann::ordered_json;

// Byte offsets → code points for every span of one record, in one pass over the text.
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
    size_t byte = 0, cp = 0;
    for (size_t k = 0; k < bytes_.size(); ++k) {
      size_t target = std::min<size_t>(bytes_[k], text_.size());
      for (; byte < target; ++byte) cp += !utf8::IsContinuation(text_[byte]);
      cps_[k] = uint32_t(cp);
    }
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

// nlohmann rejects invalid UTF-8 when dumping; document text is valid by construction, but
// strings from elsewhere (ids, meta) are dumped with replacement to be safe.
std::string Dump(const Json& j, bool pretty) {
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

Json Opt(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json SpanJson(const Document& doc, const CodePoints& cp, const Span& s) {
  Json j;
  j["text"] = doc.Original(s);
  j["start"] = cp(s.start);
  j["end"] = cp(s.end);
  return j;
}

void AddSpan(Json& j, const Document& doc, const CodePoints& cp, const Span& s) {
  j["text"] = doc.Original(s);
  j["start"] = cp(s.start);
  j["end"] = cp(s.end);
}

Json Mentions(const Document& doc, const CodePoints& cp, const std::vector<Span>& spans) {
  Json a = Json::array();
  for (const Span& s : spans) a.push_back(SpanJson(doc, cp, s));
  return a;
}

Json SourceJson(const Document& doc) {
  if (!doc.source) return nullptr;
  Json s;
  s["path"] = doc.source->path;
  s["sha256"] = doc.source->sha256;
  s["bytes"] = doc.source->bytes;
  if (doc.source->line) s["line"] = *doc.source->line;
  return s;
}

Json Warnings(const Document& doc) {
  Json a = Json::array();
  for (const Warning& w : doc.warnings) a.push_back({{"code", w.code}, {"message", w.message}});
  return a;
}

void CollectSpans(const Document& doc, CodePoints& cp, const Options& o) {
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
  if (o.include_sentences || o.include_tokens)
    for (const Sentence& s : doc.sentences) cp.Want(s.span);
  if (o.include_tokens)
    for (const Token& t : doc.tokens) {
      cp.Want(t.span);
      if (t.clitic) cp.Want({t.clitic, t.clitic});
    }
}

Json TokenJson(const Document& doc, const CodePoints& cp, const Token& t) {
  Json j = SpanJson(doc, cp, t.span);
  if (t.clitic) j["words"] = {doc.Original({t.span.start, t.clitic}), doc.Original({t.clitic, t.span.end})};
  return j;
}

Json SentencesJson(const Document& doc, const CodePoints& cp, bool with_tokens) {
  Json a = Json::array();
  for (const Sentence& s : doc.sentences) {
    Json j = SpanJson(doc, cp, s.span);
    if (with_tokens) {
      Json toks = Json::array();
      for (uint32_t i = s.first_token; i < s.end_token; ++i) toks.push_back(TokenJson(doc, cp, doc.tokens[i]));
      j["tokens"] = std::move(toks);
    }
    a.push_back(std::move(j));
  }
  return a;
}

}  // namespace

std::string RecordJson(const Document& doc, const Options& options, bool pretty) {
  CodePoints cp(doc.text);
  CollectSpans(doc, cp, options);
  cp.Resolve();

  Json r;
  r["schema"] = kSchema;
  r["id"] = doc.id;
  r["source"] = SourceJson(doc);
  r["title"] = Opt(doc.title);
  if (doc.dateline) {
    Json d;
    d["place"] = doc.dateline->place;
    d["outlet"] = Opt(doc.dateline->outlet);
    AddSpan(d, doc, cp, doc.dateline->span);
    r["dateline"] = std::move(d);
  } else {
    r["dateline"] = nullptr;
  }
  r["reference_date"] = doc.reference_date ? Json(doc.reference_date->Iso()) : Json(nullptr);
  r["reference_date_source"] =
      doc.reference_date ? Json(std::string(ReferenceSourceName(doc.reference_source))) : Json(nullptr);
  r["url"] = Opt(doc.url);
  r["published"] = doc.published ? Json(doc.published->Iso()) : Json(nullptr);

  Json people = Json::array();
  for (const Person& p : doc.people) {
    Json j;
    j["name"] = p.name;
    j["honorifics"] = p.honorifics;
    j["degrees"] = p.degrees;
    j["mentions"] = Mentions(doc, cp, p.mentions);
    Json roles = Json::array();
    for (const Role& role : p.roles) {
      Json x;
      x["title"] = role.title;
      x["organization"] = Opt(role.organization);
      x["acting"] = role.acting;
      x["former"] = role.former;
      AddSpan(x, doc, cp, role.span);
      roles.push_back(std::move(x));
    }
    j["roles"] = std::move(roles);
    people.push_back(std::move(j));
  }
  r["people"] = std::move(people);

  Json orgs = Json::array();
  for (const Organization& o : doc.organizations) {
    Json j;
    j["name"] = Opt(o.name);
    j["acronym"] = Opt(o.acronym);
    j["region"] = Opt(o.region);
    j["place_code"] = Opt(o.place_code);
    j["mentions"] = Mentions(doc, cp, o.mentions);
    orgs.push_back(std::move(j));
  }
  r["organizations"] = std::move(orgs);

  Json places = Json::array();
  for (const Place& p : doc.places) {
    Json j;
    j["name"] = p.name;
    j["type"] = p.type;
    j["code"] = Opt(p.code);
    j["province"] = Opt(p.province);
    j["mentions"] = Mentions(doc, cp, p.mentions);
    places.push_back(std::move(j));
  }
  r["places"] = std::move(places);

  Json dates = Json::array();
  for (const DateExpr& d : doc.dates) {
    Json j = SpanJson(doc, cp, d.span);
    j["type"] = d.type;
    j["value"] = Opt(d.value);
    j["end_value"] = Opt(d.end_value);
    j["inferred"] = d.inferred;
    dates.push_back(std::move(j));
  }
  r["dates"] = std::move(dates);

  Json quotes = Json::array();
  for (const Quote& q : doc.quotes) {
    Json j = SpanJson(doc, cp, q.span);
    j["speaker"] = Opt(q.speaker);
    quotes.push_back(std::move(j));
  }
  r["quotes"] = std::move(quotes);
  r["warnings"] = Warnings(doc);

  if (!doc.meta_json.empty()) r["meta"] = Json::parse(doc.meta_json, nullptr, false);
  if (doc.error) r["error"] = {{"code", doc.error->code}, {"message", doc.error->message}};
  if (options.include_text) r["text"] = doc.text;
  if (options.include_sentences || options.include_tokens)
    r["sentences"] = SentencesJson(doc, cp, options.include_tokens);
  return Dump(r, pretty);
}

std::string TokensJson(const Document& doc, bool pretty) {
  CodePoints cp(doc.text);
  for (const Sentence& s : doc.sentences) cp.Want(s.span);
  for (const Token& t : doc.tokens) cp.Want(t.span);
  cp.Resolve();
  Json r;
  r["schema"] = kSchema;
  r["id"] = doc.id;
  r["source"] = SourceJson(doc);
  r["sentences"] = SentencesJson(doc, cp, true);
  r["warnings"] = Warnings(doc);
  if (doc.error) r["error"] = {{"code", doc.error->code}, {"message", doc.error->message}};
  return Dump(r, pretty);
}

std::string Prettify(const std::string& compact_json) {
  Json j = Json::parse(compact_json, nullptr, false);
  if (j.is_discarded()) return compact_json;
  return Dump(j, true);
}

}  // namespace warta
