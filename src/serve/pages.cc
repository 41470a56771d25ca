#include "serve/pages.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "error.h"
#include "index/archive.h"
#include "index/keys.h"
#include "lexicon.h"
#include "output/html.h"
#include "text/civil_date.h"

namespace warta {
namespace {

std::string Esc(std::string_view s) { return HtmlEscape(s); }

std::string Num(long long n) {
  // 172270 → "172,270": counts read at a glance.
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string Plural(long long n, const char* one, const char* many) { return Num(n) + " " + (n == 1 ? one : many); }

// ---------------------------------------------------------------------------------------
// The search parameters, as a URL gives them.

enum Kind { kPeople, kRoles, kOrgs, kPlaces, kKinds };
constexpr const char* kParamNames[kKinds] = {"person", "role", "org", "place"};
constexpr const char* kKindLabels[kKinds] = {"person", "role", "organisation", "place"};
constexpr FacetKind kFacetKinds[kKinds] = {FacetKind::kPerson, FacetKind::kRole, FacetKind::kOrganization,
                                           FacetKind::kPlace};

struct Query {
  std::string q;
  std::vector<std::string> filters[kKinds];
  std::string from, to, sort;
  long long page = 1;

  // The URL of `path` (which may hold parameters of its own) with these parameters (page 1
  // and the default sort left out).
  std::string Url(std::string_view path) const {
    std::string url(path);
    char sep = path.find('?') == std::string_view::npos ? '?' : '&';
    auto add = [&](const char* name, const std::string& value) {
      url += sep;
      url += name;
      url += '=';
      url += UrlEncode(value);
      sep = '&';
    };
    if (!q.empty()) add("q", q);
    for (int k = 0; k < kKinds; ++k)
      for (const std::string& v : filters[k]) add(kParamNames[k], v);
    if (!from.empty()) add("from", from);
    if (!to.empty()) add("to", to);
    if (!sort.empty() && sort != "best") add("sort", sort);
    if (page > 1) add("page", std::to_string(page));
    return url;
  }
  Query WithPage(long long p) const {
    Query c = *this;
    c.page = p;
    return c;
  }
  Query Adding(int kind, const std::string& value) const {
    Query c = WithPage(1);
    c.filters[kind].push_back(value);
    return c;
  }
  Query Removing(int kind, size_t index) const {
    Query c = WithPage(1);
    c.filters[kind].erase(c.filters[kind].begin() + long(index));
    return c;
  }
  bool Has(int kind, const std::string& value) const {
    return std::find(filters[kind].begin(), filters[kind].end(), value) != filters[kind].end();
  }
  bool Empty() const {
    for (const auto& f : filters)
      if (!f.empty()) return false;
    return q.empty() && from.empty() && to.empty();
  }
  SearchRequest Request() const {
    SearchRequest r;
    r.query = q;
    r.people = filters[kPeople];
    r.roles = filters[kRoles];
    r.organizations = filters[kOrgs];
    r.places = filters[kPlaces];
    if (!from.empty()) r.from = from;
    if (!to.empty()) r.to = to;
    r.order = sort == "newest"   ? SearchRequest::Order::kNewest
              : sort == "oldest" ? SearchRequest::Order::kOldest
                                 : SearchRequest::Order::kBest;
    r.offset = (page - 1) * kPageSize;
    r.limit = kPageSize;
    r.records = false;
    return r;
  }
};

// The request's parameters as a Query; an error message for what is malformed or too large.
std::optional<std::string> ParseQuery(const Params& params, Query& q) {
  for (const auto& [name, value] : params) {
    int kind = -1;
    for (int k = 0; k < kKinds; ++k)
      if (name == kParamNames[k]) kind = k;
    if (name == "q") {
      if (value.size() > kMaxQueryBytes)
        return "The query is " + Num((long long)value.size()) + " bytes long; at most " +
               Num((long long)kMaxQueryBytes) + " are read.";
      q.q = value;
    } else if (kind >= 0) {
      if (value.size() > kMaxFilterBytes)
        return std::string("A ") + kKindLabels[kind] + " filter is " + Num((long long)value.size()) +
               " bytes long; at most " + Num((long long)kMaxFilterBytes) + " are read.";
      if (value.find_first_not_of(" \t=") == std::string::npos) continue;  // an empty box
      if (q.filters[kind].size() >= kMaxFilters)
        return std::string("At most ") + std::to_string(kMaxFilters) + " " + kKindLabels[kind] + " filters at once.";
      if (!q.Has(kind, value)) q.filters[kind].push_back(value);
    } else if (name == "from" || name == "to") {
      if (value.empty()) continue;
      if (value.size() != 10 || !CivilDate::Parse(value))
        return "A date must be YYYY-MM-DD (" + std::string(name) + " was '" + value + "').";
      (name == "from" ? q.from : q.to) = value;
    } else if (name == "sort") {
      if (value != "best" && value != "newest" && value != "oldest" && !value.empty())
        return "sort is best, newest or oldest, not '" + value + "'.";
      q.sort = value;
    } else if (name == "page") {
      long long p = 0;
      if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos ||
          (p = std::stoll(value)) < 1 || p > kMaxPage)
        return "page is a number from 1 to " + std::to_string(kMaxPage) + ", not '" + value + "'.";
      q.page = p;
    }
  }
  return std::nullopt;
}

std::string Param(const Params& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// ---------------------------------------------------------------------------------------
// Page frames.

Page Html(std::string title, const std::string& body, const std::string& q = "", const std::string& hidden = "",
          int status = 200) {
  Page p;
  p.status = status;
  p.body =
      "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      Esc(title) + " · warta</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n" +
      "<nav class=\"top\"><a class=\"brand\" href=\"/\">warta</a>"
      "<form action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"" +
      Esc(q) + "\" maxlength=\"" + std::to_string(kMaxQueryBytes) +
      "\" placeholder=\"words, &quot;a phrase&quot;, prefix*\" aria-label=\"search\">" + hidden +
      "<button type=\"submit\">Search</button></form>"
      "<a href=\"/place\">Places</a><a href=\"/timeline\">Timeline</a></nav>\n<main>\n" +
      body + "</main>\n</body>\n</html>\n";
  return p;
}

Page Problem(int status, const std::string& message) {
  return Html(status == 404 ? "Not found" : "Bad request",
              "<h1>" + std::string(status == 404 ? "Not found" : "Bad request") + "</h1>\n<p class=\"note\">" +
                  Esc(message) + "</p>\n<p><a href=\"/\">Back to the search</a></p>\n",
              "", "", status);
}

// A snippet with \x01 … \x02 around the matched words: the pieces escaped, the markers as
// <mark> (a stray marker byte in a document's own text cannot open a second one or close
// what is not open).
std::string Snippet(const std::string& s) {
  std::string out, piece;
  bool open = false;
  auto flush = [&] {
    out += Esc(piece);
    piece.clear();
  };
  for (char c : s) {
    if (c == '\x01' || c == '\x02') {
      flush();
      if (c == '\x01' && !open) out += "<mark>", open = true;
      else if (c == '\x02' && open) out += "</mark>", open = false;
    } else {
      piece.push_back(c);
    }
  }
  flush();
  if (open) out += "</mark>";
  return out;
}

std::string ReleaseUrl(const std::string& id) { return "/release?id=" + UrlEncode(id); }
std::string PersonUrl(const std::string& name) {
  const std::string key = NameKey(name);
  return key.empty() ? std::string() : "/person?key=" + UrlEncode(key);
}
std::string PlaceUrl(const std::string& code) { return IsAreaCode(code) ? "/place?code=" + UrlEncode(code) : ""; }

std::string HitList(const SearchResult& res, long long offset) {
  std::string out = "<ol class=\"hits\" start=\"" + std::to_string(offset + 1) + "\">\n";
  for (const SearchHit& h : res.hits) {
    out += "<li class=\"hit\" data-id=\"" + Esc(h.id) + "\"><a class=\"title\" href=\"" + Esc(ReleaseUrl(h.id)) + "\">" +
           Esc(h.title && !h.title->empty() ? *h.title : h.id) + "</a><br><span class=\"minor\">" +
           Esc(h.date.value_or("undated")) + " · <code>" + Esc(h.id) + "</code></span>";
    if (!h.snippet.empty()) out += "<p class=\"snippet\">" + Snippet(h.snippet) + "</p>";
    out += "</li>\n";
  }
  return out + "</ol>\n";
}

std::string Pager(const Query& q, std::string_view path, long long total) {
  const long long pages = std::min<long long>(kMaxPage, (total + kPageSize - 1) / kPageSize);
  if (pages <= 1) return "";
  std::string out = "<nav class=\"pager\">";
  if (q.page > 1) out += "<a rel=\"prev\" href=\"" + Esc(q.WithPage(q.page - 1).Url(path)) + "\">← previous</a>";
  out += "<span>page " + Num(q.page) + " of " + Num(pages) + "</span>";
  if (q.page < pages) out += "<a rel=\"next\" href=\"" + Esc(q.WithPage(q.page + 1).Url(path)) + "\">next →</a>";
  return out + "</nav>\n";
}

// ---------------------------------------------------------------------------------------
// SVG charts, drawn here: no script, no request.

struct Month {
  int year, month;
  long long count;
};

// Every month from the first to the last of `counts` ("YYYY-MM" keys), with 0 where none.
std::vector<Month> MonthRange(const std::vector<FacetCount>& counts) {
  std::map<std::pair<int, int>, long long> by;
  for (const FacetCount& f : counts) {
    int y = 0, m = 0;
    if (std::sscanf(f.key.c_str(), "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12) by[{y, m}] += f.count;
  }
  std::vector<Month> out;
  if (by.empty()) return out;
  auto [y, m] = by.begin()->first;
  const auto last = by.rbegin()->first;
  while (std::make_pair(y, m) <= last && out.size() < 12 * 400) {
    auto it = by.find({y, m});
    out.push_back({y, m, it == by.end() ? 0 : it->second});
    if (++m > 12) m = 1, ++y;
  }
  return out;
}

std::string Two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

// Bars of releases per month; each bar links to the search narrowed to its month.
std::string MonthChart(const std::vector<FacetCount>& months, const Query& q, const char* id) {
  const std::vector<Month> range = MonthRange(months);
  if (range.empty()) return "<p class=\"minor\">No dated releases.</p>\n";
  long long max = 1;
  for (const Month& m : range) max = std::max(max, m.count);
  const double bar = std::clamp(880.0 / double(range.size()), 1.5, 40.0);
  const bool month_labels = range.size() <= 36;  // then each bar has its month under it, the year below
  const int left = 48, top = 12, height = 200, bottom = 36;
  const int width = left + int(bar * double(range.size())) + 12;
  std::string out = "<svg class=\"chart\" id=\"" + std::string(id) + "\" role=\"img\" viewBox=\"0 0 " +
                    std::to_string(width) + " " + std::to_string(top + height + bottom) + "\" width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(top + height + bottom) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Releases per month</title>\n";
  // Grid lines at round numbers.
  long long step = 1;
  for (long long s : {1LL, 2LL, 5LL, 10LL, 20LL, 50LL, 100LL, 200LL, 500LL, 1000LL, 2000LL, 5000LL, 10000LL, 20000LL,
                      50000LL, 100000LL, 200000LL, 500000LL, 1000000LL})
    if (max / s <= 5) {
      step = s;
      break;
    }
  for (long long v = 0; v < max + step; v += step) {
    if (v > max) max = v;  // the top grid line is a round number at or above the highest bar
  }
  for (long long v = 0; v <= max; v += step) {
    const double y = top + height - double(v) / double(max) * height;
    char buf[160];
    std::snprintf(buf, sizeof buf, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", left, width - 8,
                  y, y);
    out += buf;
    std::snprintf(buf, sizeof buf, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 4,
                  y + 4, Num(v).c_str());
    out += buf;
  }
  out += "\n";
  for (size_t i = 0; i < range.size(); ++i) {
    const Month& m = range[i];
    const double x = left + bar * double(i);
    const std::string ym = std::to_string(m.year) + "-" + Two(m.month);
    if (m.count > 0) {
      Query narrowed = q.WithPage(1);
      narrowed.from = ym + "-01";
      narrowed.to = ym + "-" + Two(CivilDate::DaysInMonth(m.year, m.month));
      const double h = std::max(1.0, double(m.count) / double(max) * height);
      char rect[200];
      std::snprintf(rect, sizeof rect, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\">", x,
                    top + height - h, std::max(0.8, bar - (bar > 4 ? 1.5 : 0.3)), h);
      out += "<a href=\"" + Esc(narrowed.Url("/search")) + "\" data-month=\"" + ym + "\" data-count=\"" +
             std::to_string(m.count) + "\">" + rect + "<title>" + ym + ": " + Plural(m.count, "release", "releases") +
             "</title></rect></a>\n";
    }
    if (month_labels) {
      char buf[200];
      std::snprintf(buf, sizeof buf, "<text class=\"tick\" x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x + bar / 2, top + height + 13, Two(m.month).c_str());
      out += buf;
    }
    // A year's label under its January (and under the first month).
    if (m.month == 1 || i == 0) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "<line class=\"axis\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%d\" y2=\"%d\"/><text class=\"tick\" x=\"%.2f\" "
                    "y=\"%d\">%d</text>",
                    x, x, top + height, top + height + (month_labels ? 18 : 5), x + 1,
                    top + height + (month_labels ? 29 : 17), m.year);
      out += buf;
    }
  }
  char axis[160];
  std::snprintf(axis, sizeof axis, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", left, width - 8,
                top + height, top + height);
  out += axis;
  return out + "</svg>\n";
}

// ---------------------------------------------------------------------------------------

std::string FacetList(const Query& q, int kind, const std::vector<FacetCount>& values, long long total) {
  std::string out = "<section class=\"facet\" id=\"facet-" + std::string(kParamNames[kind]) + "\"><h3>" +
                    std::string(kind == kPeople ? "People" : kind == kRoles ? "Roles" : kind == kOrgs ? "Organisations" : "Places") +
                    "</h3>";
  if (values.empty()) return out + "<p class=\"minor\">none</p></section>\n";
  out += "<ul>";
  for (const FacetCount& f : values) {
    const std::string value = "=" + f.key;
    std::string label = Esc(f.label);
    if (f.code && !f.code->empty()) label += " <span class=\"minor\">" + Esc(*f.code) + "</span>";
    out += "<li data-kind=\"" + std::string(kParamNames[kind]) + "\" data-key=\"" + Esc(f.key) + "\" data-count=\"" +
           std::to_string(f.count) + "\">";
    if (q.Has(kind, value) || f.count == total) out += "<span>" + label + "</span>";
    else out += "<a href=\"" + Esc(q.Adding(kind, value).Url("/search")) + "\">" + label + "</a>";
    out += "<span class=\"n\">" + Num(f.count) + "</span></li>";
  }
  return out + "</ul></section>\n";
}

// Releases per month of the current search, newest first (at most 24 shown, the rest behind
// a summary); each narrows the search to its month.
std::string MonthList(const Query& q, const std::vector<FacetCount>& months, long long total) {
  std::string out = "<section class=\"facet\" id=\"facet-month\"><h3>Months</h3>";
  if (months.empty()) return out + "<p class=\"minor\">no dated release</p></section>\n";
  out += "<ul>";
  size_t shown = 0;
  for (auto it = months.rbegin(); it != months.rend(); ++it, ++shown) {
    int y = 0, m = 0;
    if (std::sscanf(it->key.c_str(), "%d-%d", &y, &m) != 2 || m < 1 || m > 12) continue;
    if (shown == 24) out += "</ul><details><summary>earlier months</summary><ul>";
    Query narrowed = q.WithPage(1);
    narrowed.from = it->key + "-01";
    narrowed.to = it->key + "-" + Two(CivilDate::DaysInMonth(y, m));
    const bool current = q.from == narrowed.from && q.to == narrowed.to;
    out += "<li data-month=\"" + Esc(it->key) + "\" data-count=\"" + std::to_string(it->count) + "\">";
    if (current || it->count == total) out += "<span>" + Esc(it->key) + "</span>";
    else out += "<a href=\"" + Esc(narrowed.Url("/search")) + "\">" + Esc(it->key) + "</a>";
    out += "<span class=\"n\">" + Num(it->count) + "</span></li>";
  }
  out += shown > 24 ? "</ul></details>" : "</ul>";
  return out + "</section>\n";
}

// The active filters as chips that remove them.
std::string Chips(const Archive& archive, const Query& q, std::string_view path) {
  std::string out;
  for (int k = 0; k < kKinds; ++k)
    for (size_t i = 0; i < q.filters[k].size(); ++i) {
      const std::string& v = q.filters[k][i];
      std::string label = v;
      if (v[0] == '=')
        if (auto value = archive.Value(kFacetKinds[k], v.substr(1))) label = value->label + (value->code && k == kPlaces ? " (" + *value->code + ")" : "");
      out += "<a class=\"chip\" href=\"" + Esc(q.Removing(k, i).Url(path)) + "\" title=\"remove this filter\">" +
             kKindLabels[k] + ": " + Esc(label) + " ✕</a>";
    }
  for (const auto* d : {&q.from, &q.to}) {
    if (d->empty()) continue;
    Query c = q.WithPage(1);
    (d == &q.from ? c.from : c.to).clear();
    out += "<a class=\"chip\" href=\"" + Esc(c.Url(path)) + "\" title=\"remove this filter\">" +
           (d == &q.from ? "from " : "to ") + Esc(*d) + " ✕</a>";
  }
  if (!q.q.empty()) {
    Query c = q.WithPage(1);
    c.q.clear();
    out += "<a class=\"chip\" href=\"" + Esc(c.Url(path)) + "\" title=\"remove the words\">words: " + Esc(q.q) + " ✕</a>";
  }
  return out.empty() ? "" : "<div class=\"filters\">" + out + "</div>\n";
}

// Hidden inputs that carry a query's filters (not its words) through a form.
std::string HiddenFilters(const Query& q, bool dates) {
  std::string out;
  for (int k = 0; k < kKinds; ++k)
    for (const std::string& v : q.filters[k])
      out += "<input type=\"hidden\" name=\"" + std::string(kParamNames[k]) + "\" value=\"" + Esc(v) + "\">";
  if (dates) {
    if (!q.from.empty()) out += "<input type=\"hidden\" name=\"from\" value=\"" + Esc(q.from) + "\">";
    if (!q.to.empty()) out += "<input type=\"hidden\" name=\"to\" value=\"" + Esc(q.to) + "\">";
  }
  if (!q.sort.empty() && q.sort != "best") out += "<input type=\"hidden\" name=\"sort\" value=\"" + Esc(q.sort) + "\">";
  return out;
}

std::string DateForm(const Query& q, std::string_view path) {
  std::string out = "<form class=\"dates\" action=\"" + std::string(path) + "\" method=\"get\">";
  if (!q.q.empty()) out += "<input type=\"hidden\" name=\"q\" value=\"" + Esc(q.q) + "\">";
  out += HiddenFilters(q, false);
  out += "<label>from <input type=\"date\" name=\"from\" value=\"" + Esc(q.from) + "\"></label>";
  out += "<label>to <input type=\"date\" name=\"to\" value=\"" + Esc(q.to) + "\"></label>";
  out += "<button type=\"submit\">Apply</button></form>\n";
  return out;
}

// A one-line account of a query for headings: "words … · person: … · from …".
std::string Describe(const Query& q) {
  std::vector<std::string> parts;
  if (!q.q.empty()) parts.push_back("“" + q.q + "”");
  for (int k = 0; k < kKinds; ++k)
    for (const std::string& v : q.filters[k]) parts.push_back(std::string(kKindLabels[k]) + " " + v);
  if (!q.from.empty()) parts.push_back("from " + q.from);
  if (!q.to.empty()) parts.push_back("to " + q.to);
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out.empty() ? "every release" : out;
}

struct RoleGroup {
  std::string title, organization;
  bool acting = false;
  std::string first, last;  // dates
  std::string first_id, last_id;
  long long releases = 0;
  std::vector<std::string> days;  // distinct dates, ascending
};

long long DayIndex(const std::string& date) {
  auto d = CivilDate::Parse(date.substr(0, 10));
  return d ? d->DaysSinceEpoch() : 0;
}

// Who held which office when: one row per role (title, organisation, acting), a line from
// its first to its last release and a dot for each release date.
std::string RoleChart(const std::vector<RoleGroup>& groups) {
  std::vector<const RoleGroup*> dated;
  for (const RoleGroup& g : groups)
    if (!g.first.empty()) dated.push_back(&g);
  if (dated.empty()) return "";
  const size_t rows = std::min<size_t>(dated.size(), 40);
  long long lo = DayIndex(dated[0]->first), hi = lo;
  for (size_t i = 0; i < rows; ++i) lo = std::min(lo, DayIndex(dated[i]->first)), hi = std::max(hi, DayIndex(dated[i]->last));
  if (hi == lo) hi = lo + 1;
  const int label = 300, plot = 560, row = 22, top = 8, axis = 30;
  const int width = label + plot + 16, height = top + int(rows) * row + axis;
  std::string out = "<svg class=\"chart\" id=\"roles-chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Roles over time</title>\n";
  auto x = [&](long long day) { return label + double(day - lo) / double(hi - lo) * plot; };
  // Years along the bottom.
  const CivilDate first = CivilDate::FromDays(lo), last = CivilDate::FromDays(hi);
  const int years = last.year - first.year;
  for (int y = first.year + 1; y <= last.year; y += std::max(1, years / 8)) {
    const double at = x(CivilDate{y, 1, 1}.DaysSinceEpoch());
    char buf[220];
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text class=\"tick\" x=\"%.1f\" "
                  "y=\"%d\" text-anchor=\"middle\">%d</text>",
                  at, at, top, top + int(rows) * row, at, top + int(rows) * row + 16, y);
    out += buf;
  }
  out += "<text class=\"tick\" x=\"" + std::to_string(label) + "\" y=\"" + std::to_string(top + int(rows) * row + 28) +
         "\">" + Esc(dated[0]->first.empty() ? "" : CivilDate::FromDays(lo).Iso()) + "</text>";
  out += "<text class=\"tick\" x=\"" + std::to_string(label + plot) + "\" y=\"" +
         std::to_string(top + int(rows) * row + 28) + "\" text-anchor=\"end\">" + Esc(CivilDate::FromDays(hi).Iso()) +
         "</text>\n";
  for (size_t i = 0; i < rows; ++i) {
    const RoleGroup& g = *dated[i];
    const int y = top + int(i) * row + row / 2;
    std::string name = g.title + (g.organization.empty() ? "" : ", " + g.organization) + (g.acting ? " (acting)" : "");
    if (name.size() > 44) {
      size_t cut = 42;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      name = name.substr(0, cut) + "…";
    }
    char buf[260];
    std::snprintf(buf, sizeof buf, "<text x=\"%d\" y=\"%d\">", label - 8, y + 4);
    out += buf;
    out.pop_back();
    out += " text-anchor=\"end\">" + Esc(name) + "</text>";
    std::snprintf(buf, sizeof buf, "<line class=\"span\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"><title>", x(DayIndex(g.first)),
                  std::max(x(DayIndex(g.first)) + 0.5, x(DayIndex(g.last))), y, y);
    out += buf;
    out += Esc(g.title + (g.organization.empty() ? "" : ", " + g.organization) + ": " + g.first + " to " + g.last + ", " +
               Plural(g.releases, "release", "releases")) +
           "</title></line>";
    size_t step = std::max<size_t>(1, g.days.size() / 120);  // at most ~120 dots a row
    for (size_t k = 0; k < g.days.size(); k += step) {
      std::snprintf(buf, sizeof buf, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%d\" r=\"2.5\"><title>", x(DayIndex(g.days[k])), y);
      out += buf;
      out += Esc(g.days[k]) + "</title></circle>";
    }
    out += "\n";
  }
  return out + "</svg>\n";
}

}  // namespace

AreaNames LoadAreaNames(const Lexicon& lexicon) {
  AreaNames names;
  for (const char* file : {"places/provinces.tsv", "places/regencies.tsv", "places/districts.tsv", "places/villages.tsv"})
    for (const LexiconRow& row : lexicon.Rows(file, 2)) names.emplace(row.fields[0], row.fields[1]);
  return names;
}

std::string Site::AreaName(const std::string& code, const std::string& stored) const {
  auto it = names_.find(code);
  if (it != names_.end()) return it->second;
  return stored.empty() ? code : stored;
}

Page Site::Handle(const Archive& archive, std::string_view path, const Params& params) const {
  if (path == "/" || path == "/search") return Search(archive, params);
  if (path == "/release") return Release(archive, params);
  if (path == "/record") return Record(archive, params);
  if (path == "/person") return Person(archive, params);
  if (path == "/place") return Place(archive, params);
  if (path == "/timeline") return Timeline(archive, params);
  if (path == "/style.css") {
    Page p;
    p.content_type = "text/css; charset=utf-8";
    p.body = kPageCss;
    return p;
  }
  return Problem(404, "There is no page " + std::string(path) + " here.");
}

Page Site::Search(const Archive& archive, const Params& params) const {
  Query q;
  if (auto error = ParseQuery(params, q)) return Problem(400, *error);
  SearchRequest r = q.Request();
  r.facets = 12;
  r.mark_open = "\x01";
  r.mark_close = "\x02";
  r.snippet_words = 28;
  const SearchResult res = archive.Search(r);
  std::string body = "<div class=\"layout\">\n<aside class=\"facets\">\n" + DateForm(q, "/search");
  body += FacetList(q, kPeople, res.people, res.total) + FacetList(q, kRoles, res.roles, res.total) +
          FacetList(q, kOrgs, res.organizations, res.total) + FacetList(q, kPlaces, res.places, res.total) +
          MonthList(q, res.months, res.total);
  body += "</aside>\n<section class=\"results\">\n" + Chips(archive, q, "/search");
  body += "<p class=\"total\" id=\"total\" data-total=\"" + std::to_string(res.total) + "\"><b>" +
          Plural(res.total, "release", "releases") + "</b> " + (q.Empty() ? "in the archive" : "match") + " · sorted by ";
  for (const char* s : {"best", "newest", "oldest"}) {
    const bool current = (q.sort.empty() ? std::string("best") : q.sort) == s;
    Query c = q.WithPage(1);
    c.sort = s;
    body += current ? "<b>" + std::string(s) + "</b> " : "<a href=\"" + Esc(c.Url("/search")) + "\">" + s + "</a> ";
  }
  body += "· <a href=\"" + Esc(q.WithPage(1).Url("/timeline")) + "\">per month</a></p>\n";
  if (!res.match.empty() && res.negated) body += "<p class=\"minor\">releases without: <code>" + Esc(res.match) + "</code></p>\n";
  body += HitList(res, r.offset) + Pager(q, "/search", res.total) + "</section>\n</div>\n";
  return Html(q.q.empty() ? "Search" : q.q, body, q.q, HiddenFilters(q, true));
}

Page Site::Release(const Archive& archive, const Params& params) const {
  const std::string id = Param(params, "id");
  if (id.empty()) return Problem(400, "Which release? /release?id=ID");
  auto doc = archive.Get(id);
  if (!doc) return Problem(404, "No release with the id '" + id + "' in this archive.");
  ReleaseLinks links;
  links.record = "/record?id=" + UrlEncode(id);
  links.person = PersonUrl;
  links.place = PlaceUrl;
  links.organization = [](const std::string& name) {
    const std::string key = NameKey(name);
    return key.empty() ? std::string() : "/search?org=" + UrlEncode("=" + key);
  };
  return Html(doc->title.value_or(id), ReleaseHtml(doc->record, doc->text, links));
}

Page Site::Record(const Archive& archive, const Params& params) const {
  const std::string id = Param(params, "id");
  auto doc = id.empty() ? std::nullopt : archive.Get(id);
  if (!doc) return Problem(404, "No release with the id '" + id + "' in this archive.");
  Page p;
  p.content_type = "application/json; charset=utf-8";
  p.body = RecordWithText(doc->record, doc->text) + "\n";
  return p;
}

Page Site::Person(const Archive& archive, const Params& params) const {
  std::string given = Param(params, "key");
  if (given.empty()) given = Param(params, "name");
  if (given.size() > kMaxFilterBytes) return Problem(400, "A name is at most " + Num(kMaxFilterBytes) + " bytes long.");
  const std::string key = NameKey(given);
  if (key.empty()) return Problem(400, "Whose page? /person?key=NAME");
  const auto value = archive.Value(FacetKind::kPerson, key);
  Query all;
  all.filters[kPeople] = {"=" + key};
  if (!value)
    return Problem(404, "No person named '" + given + "' in this archive. A search by words of the name may find them: /search?person=" +
                            UrlEncode(given));
  Query q = all;
  if (auto error = ParseQuery(params, q)) return Problem(400, *error);
  SearchRequest r = q.Request();
  r.facets = 16;
  r.order = SearchRequest::Order::kNewest;
  const SearchResult res = archive.Search(r);
  const std::vector<RoleHeld> held = archive.RolesOf("=" + key);

  // Roles grouped by (title, organisation, acting), in the order they were first held.
  std::vector<RoleGroup> groups;
  std::map<std::string, size_t> index;
  std::set<std::pair<std::string, std::string>> counted;  // (group, release)
  for (const RoleHeld& h : held) {
    const std::string g = NameKey(h.title) + "|" + NameKey(h.organization.value_or("")) + (h.acting ? "|plt" : "");
    auto [it, added] = index.try_emplace(g, groups.size());
    if (added) groups.push_back({h.title, h.organization.value_or(""), h.acting, "", "", "", "", 0, {}});
    RoleGroup& group = groups[it->second];
    if (counted.insert({g, h.id}).second) ++group.releases;
    if (h.date) {
      if (group.first.empty() || *h.date < group.first) group.first = *h.date, group.first_id = h.id;
      if (group.last.empty() || *h.date >= group.last) group.last = *h.date, group.last_id = h.id;
      if (group.days.empty() || group.days.back() != *h.date) group.days.push_back(*h.date);
    } else if (group.first_id.empty()) {
      group.first_id = group.last_id = h.id;
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const RoleGroup& a, const RoleGroup& b) {
    if (a.first.empty() != b.first.empty()) return b.first.empty();
    return a.first < b.first;
  });

  std::string body = "<h1 id=\"person\" data-key=\"" + Esc(key) + "\">" + Esc(value->label) + "</h1>\n";
  body += "<p class=\"total\" id=\"total\" data-total=\"" + std::to_string(res.total) + "\">Named in <b>" +
          Plural(res.total, "release", "releases") + "</b>";
  if (!res.months.empty()) body += ", " + Esc(res.months.front().key) + " to " + Esc(res.months.back().key);
  body += " · <a href=\"" + Esc(all.Url("/search")) + "\">search within them</a></p>\n";
  body += "<h2>Roles over time</h2>\n";
  if (groups.empty()) {
    body += "<p class=\"minor\">warta found no role for this person.</p>\n";
  } else {
    body += RoleChart(groups);
    body += "<table class=\"roles\" id=\"roles\"><thead><tr><th>role</th><th>organisation</th><th>first</th><th>last</th>"
            "<th>releases</th></tr></thead><tbody>\n";
    for (const RoleGroup& g : groups) {
      auto dated = [&](const std::string& date, const std::string& id) {
        return id.empty() ? std::string() : "<a href=\"" + Esc(ReleaseUrl(id)) + "\">" + Esc(date.empty() ? "undated" : date) + "</a>";
      };
      body += "<tr><td>" + Esc(g.title) + (g.acting ? " <span class=\"minor\">(acting)</span>" : "") + "</td><td>" +
              Esc(g.organization) + "</td><td>" + dated(g.first, g.first_id) + "</td><td>" + dated(g.last, g.last_id) +
              "</td><td class=\"n\">" + Num(g.releases) + "</td></tr>\n";
    }
    body += "</tbody></table>\n<details><summary>every role with the date of its release (" + Num((long long)held.size()) +
            ")</summary><ol class=\"minor\">";
    const size_t shown = std::min<size_t>(held.size(), 1000);
    for (size_t i = 0; i < shown; ++i) {
      const RoleHeld& h = held[i];
      body += "<li>" + Esc(h.date.value_or("undated")) + ": " + Esc(h.title) +
              (h.organization ? ", " + Esc(*h.organization) : "") + (h.acting ? " (acting)" : "") + " — <a href=\"" +
              Esc(ReleaseUrl(h.id)) + "\">" + Esc(h.id) + "</a></li>";
    }
    if (held.size() > shown) body += "<li>… and " + Num((long long)(held.size() - shown)) + " more</li>";
    body += "</ol></details>\n";
  }
  body += "<div class=\"columns\">\n<section>\n<h2>Releases</h2>\n" + MonthChart(res.months, all, "months-chart") +
          HitList(res, r.offset) + Pager(q, "/person?key=" + UrlEncode(key), res.total);
  body += "</section>\n<aside class=\"facets\">\n<section id=\"with-people\"><h3>Named most often with</h3><ul>";
  int shown_people = 0;
  for (const FacetCount& f : res.people) {
    if (f.key == key || shown_people == 12) continue;
    ++shown_people;
    body += "<li data-key=\"" + Esc(f.key) + "\" data-count=\"" + std::to_string(f.count) + "\"><a href=\"" +
            Esc("/person?key=" + UrlEncode(f.key)) + "\">" + Esc(f.label) + "</a><span class=\"n\">" + Num(f.count) +
            "</span></li>";
  }
  body += "</ul></section>\n<section id=\"with-organizations\"><h3>Organisations</h3><ul>";
  for (const FacetCount& f : res.organizations)
    body += "<li data-key=\"" + Esc(f.key) + "\" data-count=\"" + std::to_string(f.count) + "\"><a href=\"" +
            Esc(all.Adding(kOrgs, "=" + f.key).Url("/search")) + "\">" + Esc(f.label) +
            (f.code ? " <span class=\"minor\">" + Esc(*f.code) + "</span>" : "") + "</a><span class=\"n\">" +
            Num(f.count) + "</span></li>";
  body += "</ul></section>\n<section id=\"with-places\"><h3>Places</h3><ul>";
  for (const FacetCount& f : res.places) {
    const std::string url = f.code ? PlaceUrl(*f.code) : all.Adding(kPlaces, "=" + f.key).Url("/search");
    body += "<li><a href=\"" + Esc(url) + "\">" + Esc(f.label) + "</a><span class=\"n\">" + Num(f.count) + "</span></li>";
  }
  body += "</ul></section>\n</aside>\n</div>\n";
  Page page = Html(value->label, body);
  return page;
}

Page Site::Place(const Archive& archive, const Params& params) const {
  const std::string code = Param(params, "code");
  const std::string key = Param(params, "key");
  if (code.size() > 64 || key.size() > kMaxFilterBytes) return Problem(400, "That place is too long a name.");
  if (!code.empty() && !IsAreaCode(code)) return Problem(400, "An area code is digits and dots (53, 53.71), not '" + code + "'.");
  Query q;
  if (auto error = ParseQuery(params, q)) return Problem(400, *error);
  if (code.empty() && key.empty()) {
    // The top: provinces, and the places without a code named most often.
    SearchRequest r;
    r.limit = 0;
    r.facets = 40;
    r.areas_of = "";
    const SearchResult res = archive.Search(r);
    std::string body = "<h1>Places</h1>\n<p class=\"total\" id=\"total\" data-total=\"" + std::to_string(res.total) +
                       "\">" + Plural(res.total, "release", "releases") + " in the archive, by the provinces they name (a release that names a regency counts for its province).</p>\n";
    body += "<div class=\"columns\"><section><h2>Provinces</h2><table class=\"roles\" id=\"areas\"><tbody>\n";
    for (const FacetCount& a : res.areas)
      body += "<tr data-code=\"" + Esc(a.key) + "\" data-count=\"" + std::to_string(a.count) + "\"><td><code>" +
              Esc(a.key) + "</code></td><td><a href=\"" + Esc(PlaceUrl(a.key)) + "\">" + Esc(AreaName(a.key, a.label)) +
              "</a></td><td class=\"n\">" + Num(a.count) + "</td></tr>\n";
    body += "</tbody></table></section>\n<aside class=\"facets\"><h3>Places named most often</h3><ul>";
    for (const FacetCount& f : res.places) {
      const std::string url = f.code ? PlaceUrl(*f.code) : "/place?key=" + UrlEncode(f.key);
      body += "<li><a href=\"" + Esc(url) + "\">" + Esc(f.label) + (f.code ? " <span class=\"minor\">" + Esc(*f.code) + "</span>" : "") +
              "</a><span class=\"n\">" + Num(f.count) + "</span></li>";
    }
    body += "</ul></aside></div>\n";
    return Html("Places", body);
  }
  std::string name, filter;
  std::optional<FacetCount> value;
  if (!code.empty()) {
    value = archive.Value(FacetKind::kPlace, code);
    name = AreaName(code, value ? value->label : "");
    filter = "=" + code;
  } else {
    value = archive.Value(FacetKind::kPlace, key);
    if (!value) return Problem(404, "No place '" + key + "' in this archive.");
    name = value->label;
    filter = "=" + value->key;
  }
  Query all;
  all.filters[kPlaces] = {filter};
  q.filters[kPlaces] = {filter};
  SearchRequest r = q.Request();
  r.order = SearchRequest::Order::kNewest;
  r.facets = 10;
  if (!code.empty()) r.areas_of = code;
  const SearchResult res = archive.Search(r);
  std::string body = "<p class=\"minor\"><a href=\"/place\">Places</a>";
  for (size_t dot = code.find('.'); dot != std::string::npos; dot = code.find('.', dot + 1)) {
    const std::string parent = code.substr(0, dot);
    body += " › <a href=\"" + Esc(PlaceUrl(parent)) + "\">" + Esc(AreaName(parent)) + "</a>";
  }
  body += "</p>\n<h1 id=\"place\" data-code=\"" + Esc(code) + "\">" + Esc(name) +
          (code.empty() ? "" : " <span class=\"minor\">" + Esc(code) + "</span>") + "</h1>\n";
  body += "<p class=\"total\" id=\"total\" data-total=\"" + std::to_string(res.total) + "\"><b>" +
          Plural(res.total, "release", "releases") + "</b> name it" + (code.empty() ? "" : " or a place within it") +
          " · <a href=\"" + Esc(all.Url("/search")) + "\">search within them</a> · <a href=\"" +
          Esc(all.Url("/timeline")) + "\">per month</a></p>\n";
  body += "<div class=\"columns\">\n<section>\n";
  if (!code.empty()) {
    body += "<h2>Areas within it</h2>\n";
    if (res.areas.empty()) body += "<p class=\"minor\">No release names a place within it.</p>\n";
    else {
      body += "<table class=\"roles\" id=\"areas\"><tbody>\n";
      for (const FacetCount& a : res.areas)
        body += "<tr data-code=\"" + Esc(a.key) + "\" data-count=\"" + std::to_string(a.count) + "\"><td><code>" +
                Esc(a.key) + "</code></td><td><a href=\"" + Esc(PlaceUrl(a.key)) + "\">" +
                Esc(AreaName(a.key, a.label)) + "</a></td><td class=\"n\">" + Num(a.count) + "</td></tr>\n";
      body += "</tbody></table>\n";
    }
  }
  body += "<h2>Releases</h2>\n" + HitList(res, r.offset) +
          Pager(q, code.empty() ? "/place?key=" + UrlEncode(key) : "/place?code=" + UrlEncode(code), res.total);
  body += "</section>\n<aside class=\"facets\">\n<section><h3>People named there most</h3><ul>";
  for (const FacetCount& f : res.people)
    body += "<li><a href=\"" + Esc("/person?key=" + UrlEncode(f.key)) + "\">" + Esc(f.label) + "</a><span class=\"n\">" +
            Num(f.count) + "</span></li>";
  body += "</ul></section>\n<section><h3>Organisations</h3><ul>";
  for (const FacetCount& f : res.organizations)
    body += "<li><a href=\"" + Esc(all.Adding(kOrgs, "=" + f.key).Url("/search")) + "\">" + Esc(f.label) +
            "</a><span class=\"n\">" + Num(f.count) + "</span></li>";
  body += "</ul></section>\n</aside>\n</div>\n";
  return Html(name, body);
}

Page Site::Timeline(const Archive& archive, const Params& params) const {
  Query q;
  if (auto error = ParseQuery(params, q)) return Problem(400, *error);
  SearchRequest r = q.Request();
  r.limit = 0;
  r.facets = 1;
  const SearchResult res = archive.Search(r);
  long long dated = 0;
  for (const FacetCount& m : res.months) dated += m.count;
  std::string body = "<h1>Releases per month</h1>\n" + Chips(archive, q, "/timeline");
  body += "<p class=\"total\" id=\"total\" data-total=\"" + std::to_string(res.total) + "\" data-dated=\"" +
          std::to_string(dated) + "\"><b>" + Plural(res.total, "release", "releases") + "</b> for " + Esc(Describe(q)) +
          (dated < res.total ? " (" + Num(res.total - dated) + " undated, not drawn)" : "") + " · <a href=\"" +
          Esc(q.WithPage(1).Url("/search")) + "\">the search</a></p>\n";
  body += DateForm(q, "/timeline");
  body += MonthChart(res.months, q, "timeline-chart");
  body += "<details><summary>the numbers</summary><table class=\"roles\" id=\"months\"><tbody>";
  for (const FacetCount& m : res.months)
    body += "<tr data-month=\"" + Esc(m.key) + "\"><td>" + Esc(m.key) + "</td><td class=\"n\">" + Num(m.count) + "</td></tr>";
  body += "</tbody></table></details>\n";
  return Html("Timeline", body, q.q, HiddenFilters(q, true));
}

}  // namespace warta
