#include "output/html.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace warta {
namespace {

using Json = nlohmann::ordered_json;

// One code point of possibly invalid UTF-8 at byte i: its value and length; an invalid byte
// (a stray continuation, an overlong form, a surrogate, a cut-short sequence) is one code
// point of its own, value U+FFFD. The release view counts offsets with this, so that text
// and highlights agree even on text that no warta wrote.
struct Decoded {
  char32_t cp;
  size_t len;
};

Decoded DecodeOne(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  size_t len = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (b0 > 0xF4) len = 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = b0 & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const Decoded d = DecodeOne(s, i);
    switch (d.cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r': out += "&#13;"; break;
      case '\t':
      case '\n': out.push_back(char(d.cp)); break;
      default:
        if (d.cp < 0x20 || d.cp == 0x7F || d.cp == 0xFFFD) out += "\xEF\xBF\xBD";
        else out.append(s, i, d.len);
    }
    i += d.len;
  }
}

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  AppendEscaped(out, s);
  return out;
}

std::optional<std::string> Str(const Json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<long long> Int(const Json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

bool Bool(const Json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

const Json& Array(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

// The types of highlight, outermost first when two spans start and end together.
enum Type { kQuote, kRole, kOrganization, kPlace, kPerson, kDate, kTypes };
constexpr const char* kTypeNames[kTypes] = {"quote", "role", "organization", "place", "person", "date"};
constexpr const char* kTypeLabels[kTypes] = {"quote", "role", "organisation", "place", "person", "date"};

struct Highlight {
  long long start, end;  // code points
  Type type;
  std::string info;      // what warta resolved, as text
};

// The document text with code-point offsets.
class Text {
 public:
  explicit Text(std::string_view text) : text_(text) {
    for (size_t i = 0; i < text.size();) {
      bytes_.push_back(i);
      i += DecodeOne(text, i).len;
    }
    bytes_.push_back(text.size());
  }
  long long size() const { return (long long)bytes_.size() - 1; }
  std::string_view Slice(long long start, long long end) const {
    return text_.substr(bytes_[size_t(start)], bytes_[size_t(end)] - bytes_[size_t(start)]);
  }
  // Whether a span's offsets are in range and, when it gives its text, hold that text.
  bool Fits(const Json& span) const {
    auto s = Int(span, "start"), e = Int(span, "end");
    if (!s || !e || *s < 0 || *e <= *s || *e > size()) return false;
    auto t = Str(span, "text");
    return !t || *t == Slice(*s, *e);
  }

 private:
  std::string_view text_;
  std::vector<size_t> bytes_;  // byte offset of each code point, and the end
};

// Beyond these, a record (one that no warta wrote) gets no more highlights: a page stays
// quick to render and to draw.
constexpr size_t kMaxHighlights = 200000;
constexpr size_t kMaxDepth = 24;

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string RoleText(const Json& r) {
  std::string s = Str(r, "title").value_or("");
  if (auto org = Str(r, "organization")) s += ", " + *org;
  if (Bool(r, "acting")) s += " (acting)";
  if (Bool(r, "former")) s += " (former)";
  return s;
}

std::string PlaceText(const Json& p) {
  std::vector<std::string> parts = {Str(p, "type").value_or("")};
  if (auto code = Str(p, "code")) parts.push_back("area code " + *code);
  if (auto prov = Str(p, "province")) parts.push_back("province " + *prov);
  return Str(p, "name").value_or("") + " (" + Join(parts, ", ") + ")";
}

std::string OrgText(const Json& o) {
  std::string s = Str(o, "name").value_or(Str(o, "acronym").value_or(""));
  if (auto a = Str(o, "acronym"); a && Str(o, "name")) s += " (" + *a + ")";
  std::vector<std::string> where;
  if (auto region = Str(o, "region")) where.push_back(*region);
  if (auto code = Str(o, "place_code")) where.push_back("area code " + *code);
  if (!where.empty()) s += "; " + Join(where, ", ");
  return s;
}

std::string DateText(const Json& d) {
  std::string s = Str(d, "value").value_or("no value");
  if (auto e = Str(d, "end_value")) s += " to " + *e;
  s += " (" + Str(d, "type").value_or("date") + ")";
  std::vector<std::string> inferred;
  for (const Json& x : Array(d, "inferred"))
    if (x.is_string()) inferred.push_back(x.get<std::string>());
  if (!inferred.empty()) s += "; inferred: " + Join(inferred, ", ");
  return s;
}

std::vector<Highlight> Collect(const Json& r, const Text& text) {
  std::vector<Highlight> out;
  auto add = [&](const Json& span, Type type, const std::string& info) {
    if (out.size() < kMaxHighlights && text.Fits(span))
      out.push_back({*Int(span, "start"), *Int(span, "end"), type, info});
  };
  for (const Json& p : Array(r, "people")) {
    const std::string name = Str(p, "name").value_or("");
    std::vector<std::string> roles;
    for (const Json& role : Array(p, "roles")) roles.push_back(RoleText(role));
    const std::string info = "Person: " + name + (roles.empty() ? "" : "; " + Join(roles, "; "));
    for (const Json& m : Array(p, "mentions")) add(m, kPerson, info);
    for (const Json& role : Array(p, "roles")) add(role, kRole, "Role: " + RoleText(role) + "; held by " + name);
  }
  for (const Json& o : Array(r, "organizations"))
    for (const Json& m : Array(o, "mentions")) add(m, kOrganization, "Organisation: " + OrgText(o));
  for (const Json& p : Array(r, "places"))
    for (const Json& m : Array(p, "mentions")) add(m, kPlace, "Place: " + PlaceText(p));
  for (const Json& d : Array(r, "dates")) add(d, kDate, "Date: " + DateText(d));
  for (const Json& q : Array(r, "quotes")) {
    auto speaker = Str(q, "speaker");
    add(q, kQuote, speaker ? "Quote of " + *speaker : "Quote (speaker not found)");
  }
  std::stable_sort(out.begin(), out.end(), [](const Highlight& a, const Highlight& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return a.type < b.type;
  });
  return out;
}

void OpenMark(std::string& out, const Highlight& h) {
  out += "<mark class=\"hl hl-";
  out += kTypeNames[h.type];
  out += "\" data-type=\"";
  out += kTypeNames[h.type];
  out += "\" data-start=\"" + std::to_string(h.start) + "\" data-end=\"" + std::to_string(h.end) + "\" title=\"";
  AppendEscaped(out, h.info);
  out += "\">";
}

// The text with its highlights: at each offset where a span starts or ends, the spans that
// cover the next stretch are, in order, those open before it that still go on (outer ones
// first) and those that start here; the open elements that are not a prefix of that list
// are closed and the rest opened, so a span that crosses another is cut into pieces.
void RenderText(std::string& out, const Text& text, const std::vector<Highlight>& spans) {
  std::vector<long long> cuts = {0, text.size()};
  for (const Highlight& h : spans) cuts.push_back(h.start), cuts.push_back(h.end);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<size_t> active, open;  // indices into spans
  size_t next = 0;
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    const long long at = cuts[c];
    active.erase(std::remove_if(active.begin(), active.end(), [&](size_t i) { return spans[i].end <= at; }),
                 active.end());
    for (; next < spans.size() && spans[next].start <= at; ++next)
      if (spans[next].start == at && active.size() < kMaxDepth) active.push_back(next);
    size_t keep = 0;
    while (keep < open.size() && keep < active.size() && open[keep] == active[keep]) ++keep;
    for (size_t k = open.size(); k > keep; --k) out += "</mark>";
    open.resize(keep);
    for (size_t k = keep; k < active.size(); ++k) {
      OpenMark(out, spans[active[k]]);
      open.push_back(active[k]);
    }
    AppendEscaped(out, text.Slice(at, cuts[c + 1]));
  }
  for (size_t k = 0; k < open.size(); ++k) out += "</mark>";
}

std::string Link(const std::string& url, const std::string& label_html) {
  if (url.empty()) return label_html;
  return "<a href=\"" + Esc(url) + "\">" + label_html + "</a>";
}

std::string Call(const std::function<std::string(const std::string&)>& f, const std::string& arg) {
  return f ? f(arg) : std::string();
}

void Legend(std::string& out) {
  out += "<p class=\"legend\" aria-label=\"legend\">";
  for (Type t : {kPerson, kRole, kOrganization, kPlace, kDate, kQuote}) {
    out += "<mark class=\"hl hl-";
    out += kTypeNames[t];
    out += " legend-item\">";
    out += kTypeLabels[t];
    out += "</mark> ";
  }
  out += "<span class=\"hint\">point at a highlight to see what warta resolved</span></p>\n";
}

void Lists(std::string& out, const Json& r, const ReleaseLinks& links) {
  out += "<aside class=\"entities\">\n";
  auto section = [&](const char* id, const char* heading, size_t n) {
    out += "<section id=\"list-";
    out += id;
    out += "\"><h3>";
    out += heading;
    out += " <span class=\"count\">" + std::to_string(n) + "</span></h3>";
  };
  const Json& people = Array(r, "people");
  section("people", "People", people.size());
  if (!people.empty()) {
    out += "<ul>";
    for (const Json& p : people) {
      const std::string name = Str(p, "name").value_or("");
      out += "<li><span class=\"swatch hl-person\"></span>" + Link(Call(links.person, name), Esc(name));
      std::vector<std::string> titles;
      for (const char* k : {"honorifics", "degrees"})
        for (const Json& x : Array(p, k))
          if (x.is_string()) titles.push_back(x.get<std::string>());
      if (!titles.empty()) out += " <span class=\"minor\">" + Esc(Join(titles, ", ")) + "</span>";
      out += " <span class=\"minor\">×" + std::to_string(Array(p, "mentions").size()) + "</span>";
      const Json& roles = Array(p, "roles");
      if (!roles.empty()) {
        out += "<ul class=\"roles\">";
        for (const Json& role : roles) out += "<li><span class=\"swatch hl-role\"></span>" + Esc(RoleText(role)) + "</li>";
        out += "</ul>";
      }
      out += "</li>";
    }
    out += "</ul>";
  }
  out += "</section>\n";
  const Json& orgs = Array(r, "organizations");
  section("organizations", "Organisations", orgs.size());
  if (!orgs.empty()) {
    out += "<ul>";
    for (const Json& o : orgs) {
      const std::string label = Str(o, "name").value_or(Str(o, "acronym").value_or(""));
      out += "<li><span class=\"swatch hl-organization\"></span>" + Link(Call(links.organization, label), Esc(OrgText(o))) +
             " <span class=\"minor\">×" + std::to_string(Array(o, "mentions").size()) + "</span></li>";
    }
    out += "</ul>";
  }
  out += "</section>\n";
  const Json& places = Array(r, "places");
  section("places", "Places", places.size());
  if (!places.empty()) {
    out += "<ul>";
    for (const Json& p : places) {
      auto code = Str(p, "code");
      out += "<li><span class=\"swatch hl-place\"></span>" +
             Link(code ? Call(links.place, *code) : std::string(), Esc(Str(p, "name").value_or("")));
      std::vector<std::string> parts = {Str(p, "type").value_or("")};
      if (code) parts.push_back(*code);
      if (auto prov = Str(p, "province")) parts.push_back(*prov);
      out += " <span class=\"minor\">" + Esc(Join(parts, " · ")) + " ×" +
             std::to_string(Array(p, "mentions").size()) + "</span></li>";
    }
    out += "</ul>";
  }
  out += "</section>\n";
  const Json& dates = Array(r, "dates");
  section("dates", "Dates", dates.size());
  if (!dates.empty()) {
    out += "<ul>";
    for (const Json& d : dates)
      out += "<li><span class=\"swatch hl-date\"></span>" + Esc(Str(d, "text").value_or("")) + " → <code>" +
             Esc(DateText(d)) + "</code></li>";
    out += "</ul>";
  }
  out += "</section>\n";
  const Json& quotes = Array(r, "quotes");
  section("quotes", "Quotes", quotes.size());
  if (!quotes.empty()) {
    out += "<ul>";
    for (const Json& q : quotes) {
      std::string t = Str(q, "text").value_or("");
      if (t.size() > 280) {
        size_t cut = 280;
        while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
        t = t.substr(0, cut) + "…";
      }
      auto speaker = Str(q, "speaker");
      out += "<li><span class=\"swatch hl-quote\"></span>" +
             (speaker ? Link(Call(links.person, *speaker), Esc(*speaker)) : std::string("<i>speaker not found</i>")) +
             ": <span class=\"quoted\">" + Esc(t) + "</span></li>";
    }
    out += "</ul>";
  }
  out += "</section>\n</aside>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) { return Esc(text); }

bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (char(std::tolower(static_cast<unsigned char>(url[i]))) != prefix[i]) return false;
    return true;
  };
  size_t host;
  if (starts("https://")) host = 8;
  else if (starts("http://")) host = 7;
  else return false;
  if (host >= url.size() || url[host] == '/' || url[host] == '?' || url[host] == '#') return false;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  }
  return true;
}

std::string UrlEncode(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(char(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string ReleaseHtml(const std::string& record_json, const std::string& text, const ReleaseLinks& links) {
  std::string out = "<article class=\"release\">\n";
  const Json r = Json::parse(record_json, nullptr, false);
  if (r.is_discarded() || !r.is_object()) {
    out += "<p class=\"note\">This record is not a JSON object; the text follows without highlights.</p>\n";
    out += "<div class=\"text\" id=\"text\">" + Esc(text) + "</div>\n</article>\n";
    return out;
  }
  const std::string id = Str(r, "id").value_or("");
  out += "<header><h1 id=\"title\">" + Esc(Str(r, "title").value_or(id.empty() ? "(untitled)" : id)) + "</h1>\n";
  out += "<dl class=\"meta\">";
  auto row = [&](const char* name, const std::string& html) {
    if (html.empty()) return;
    out += "<dt>";
    out += name;
    out += "</dt><dd>" + html + "</dd>";
  };
  row("id", "<code>" + Esc(id) + "</code>");
  if (auto p = Str(r, "published")) row("published", Esc(*p));
  if (auto d = Str(r, "reference_date"))
    row("reference date", Esc(*d) + " <span class=\"minor\">(" + Esc(Str(r, "reference_date_source").value_or("")) +
                              ")</span>");
  if (r.contains("dateline") && r["dateline"].is_object()) {
    const Json& d = r["dateline"];
    row("dateline", Esc(Join({Str(d, "place").value_or(""), Str(d, "date").value_or(""), Str(d, "outlet").value_or("")},
                             " · ")));
  }
  if (auto url = Str(r, "url")) {
    row("source", IsWebUrl(*url) ? "<a class=\"source\" href=\"" + Esc(*url) + "\" rel=\"noreferrer noopener\">" +
                                       Esc(*url) + "</a>"
                                 : Esc(*url));
  }
  if (r.contains("source") && r["source"].is_object()) {
    if (auto path = Str(r["source"], "path")) {
      std::string where = *path;
      if (auto line = Int(r["source"], "line")) where += ", line " + std::to_string(*line);
      row("file", Esc(where));
    }
  }
  if (!links.record.empty()) row("record", "<a class=\"json\" href=\"" + Esc(links.record) + "\">JSON</a>");
  out += "</dl>\n";
  if (r.contains("error") && r["error"].is_object())
    out += "<p class=\"note\">warta could not process this document: " + Esc(Str(r["error"], "message").value_or("")) +
           "</p>\n";
  std::vector<std::string> warnings;
  for (const Json& w : Array(r, "warnings"))
    if (w.is_string()) warnings.push_back(w.get<std::string>());
    else if (w.is_object()) warnings.push_back(Str(w, "message").value_or(w.dump(-1, ' ', false, Json::error_handler_t::replace)));
  if (!warnings.empty()) out += "<p class=\"minor\">warnings: " + Esc(Join(warnings, "; ")) + "</p>\n";
  Legend(out);
  out += "</header>\n<div class=\"columns\">\n";
  const Text t(text);
  out += "<div class=\"text\" id=\"text\">";
  RenderText(out, t, Collect(r, t));
  out += "</div>\n";
  Lists(out, r, links);
  out += "</div>\n</article>\n";
  return out;
}

std::string StandalonePage(std::string_view title, std::string_view body) {
  std::string out = StandalonePageHead(title);
  out += body;
  return out + StandalonePageTail();
}

std::string StandalonePageTail() { return "</main>\n</body>\n</html>\n"; }

std::string StandalonePageHead(std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" "
      "content=\"no-referrer\">\n<title>";
  out += Esc(title);
  out += "</title>\n<style>\n";
  out += kPageCss;
  out += "</style>\n</head>\n<body>\n<main>\n";
  return out;
}

std::string RecordWithText(const std::string& record_json, const std::string& text) {
  Json r = Json::parse(record_json, nullptr, false);
  if (r.is_discarded() || !r.is_object()) return record_json;
  r["text"] = text;
  return r.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const char kPageCss[] = R"CSS(
:root { --person: #0072B2; --role: #E69F00; --organization: #009E73; --place: #CC79A7; --date: #D55E00;
        --quote: #555555; --ink: #1a1a1a; --muted: #5c5c5c; --rule: #d0d0d0; --accent: #0b5394; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; }
.minor, .hint, .count { color: var(--muted); font-size: .85em; }
.note { background: #fff4e0; border-left: 4px solid var(--role); padding: .5rem .75rem; }
nav.top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; border-bottom: 1px solid var(--rule);
          padding: .5rem 1.25rem; background: #f6f6f6; }
nav.top .brand { font-weight: bold; text-decoration: none; color: var(--ink); }
nav.top form { flex: 1; display: flex; gap: .5rem; min-width: 16rem; }
input[type=search], input[type=text], input[type=date], select { font: inherit; padding: .3rem .45rem;
  border: 1px solid #999; border-radius: 3px; }
input[type=search] { flex: 1; }
button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff;
         border-radius: 3px; cursor: pointer; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .5rem 0; font-size: .9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 2rem; align-items: start; }
@media (max-width: 60rem) { .columns { grid-template-columns: 1fr; } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.1; font-size: 1.05rem; max-width: 48rem; }
aside.entities { font-size: .9rem; border-left: 1px solid var(--rule); padding-left: 1rem; overflow-wrap: anywhere; }
aside.entities ul { list-style: none; padding: 0; margin: 0; }
aside.entities li { margin: .2rem 0; }
aside.entities ul.roles { margin-left: 1.2rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; vertical-align: -.05em;
          border: 2px solid; border-radius: 2px; }
mark.hl { color: inherit; padding: 0 1px 1px; border-radius: 2px; -webkit-print-color-adjust: exact;
          print-color-adjust: exact; }
.hl-person { background: #dcebf7; border-bottom: 2px solid var(--person); }
.hl-role { background: #fcefd4; border-bottom: 4px double var(--role); }
mark.hl-role { padding-bottom: 6px; }
.hl-organization { background: #d6f1e7; border-bottom: 2px dashed var(--organization); }
.hl-place { background: #f7e3ee; border-bottom: 3px dotted var(--place); }
.hl-date { background: #fae3d4; text-decoration: underline wavy var(--date); text-underline-offset: 4px; }
.hl-quote { background: #efefef; font-style: italic; }
.quoted { font-style: italic; }
span.swatch.hl-person { border-color: var(--person); } span.swatch.hl-role { border: 3px double var(--role); }
span.swatch.hl-organization { border-style: dashed; border-color: var(--organization); }
span.swatch.hl-place { border-style: dotted; border-color: var(--place); }
span.swatch.hl-date { border-color: var(--date); } span.swatch.hl-quote { border-color: var(--quote); }
mark.hl[title]:hover { outline: 2px solid var(--ink); }
.legend { display: flex; gap: .6rem; flex-wrap: wrap; align-items: baseline; line-height: 2; }
.legend mark { padding: 0 .35rem 2px; }
/* search */
.layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 2rem; align-items: start; }
@media (max-width: 50rem) { .layout { grid-template-columns: 1fr; } }
.facets { font-size: .9rem; }
.facets h3 { border-bottom: 1px solid var(--rule); padding-bottom: .15rem; }
.facets ul { list-style: none; margin: 0; padding: 0; }
.facets li { display: flex; justify-content: space-between; gap: .5rem; margin: .1rem 0; }
.facets li a { overflow-wrap: anywhere; }
.facets .n { color: var(--muted); font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; }
.chip { border: 1px solid #999; border-radius: 1rem; padding: .05rem .6rem; font-size: .85rem; text-decoration: none;
        color: var(--ink); background: #f4f4f4; }
.chip:hover { background: #e6e6e6; }
form.dates { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; font-size: .9rem; }
.total { font-size: 1.05rem; margin: .5rem 0; }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { margin: 0 0 1.1rem; }
ol.hits .title { font-size: 1.05rem; font-weight: bold; }
ol.hits .snippet { margin: .15rem 0; }
ol.hits .snippet mark { background: #fff0a8; color: inherit; font-weight: bold; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
table.roles { border-collapse: collapse; font-size: .9rem; }
table.roles td, table.roles th { border-bottom: 1px solid var(--rule); padding: .2rem .6rem .2rem 0; text-align: left;
  vertical-align: top; }
table.roles td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { max-width: 100%; height: auto; font: 11px "DejaVu Sans", sans-serif; }
svg.chart .bar { fill: var(--person); }
svg.chart a:hover .bar { fill: var(--accent); }
svg.chart .axis { stroke: #777; stroke-width: 1; }
svg.chart .tick { fill: var(--muted); }
svg.chart .span { stroke: var(--role); stroke-width: 6; stroke-linecap: round; }
svg.chart .dot { fill: var(--person); }
svg.chart .grid { stroke: #e4e4e4; stroke-width: 1; }
@media print {
  nav.top, form, .pager, .hint { display: none !important; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .columns { grid-template-columns: minmax(0, 1fr) 16rem; }
}
)CSS";

}  // namespace warta
