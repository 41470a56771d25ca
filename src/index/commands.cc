#include "index/commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/archive.h"

namespace warta {
namespace {

// A field of a tsv line: tabs and line breaks would start a new field or row.
std::string TsvField(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// A field of a csv line (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void Row(std::ostream& out, bool csv, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) out << (i ? (csv ? "," : "\t") : "") << (csv ? CsvField(fields[i]) : TsvField(fields[i]));
  out << (csv ? "\r\n" : "\n");
}

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string Rank(double rank) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", rank);
  return buf;
}

// The kinds in the order they are printed, with their result lists.
std::vector<std::pair<const char*, const std::vector<FacetCount>*>> Kinds(const SearchResult& r) {
  return {{"people", &r.people}, {"organizations", &r.organizations}, {"places", &r.places},
          {"roles", &r.roles}, {"months", &r.months}};
}

// Months: the `top` with the most documents, shown in calendar order.
std::vector<FacetCount> TopMonths(const std::vector<FacetCount>& months, int top) {
  std::vector<FacetCount> v = months;
  std::stable_sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  if (v.size() > size_t(top)) v.resize(size_t(top));
  std::sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) { return a.key < b.key; });
  return v;
}

}  // namespace

void SearchArchive(const std::string& db, const SearchRequest& request, const std::string& format, std::ostream& out,
                   int repeat) {
  if (format != "table" && format != "json" && format != "jsonl" && format != "tsv" && format != "csv")
    throw Error("--format must be table, json, jsonl, tsv or csv, not '" + format + "'");
  if (format == "jsonl" && request.facets > 0)
    throw Error("--facets needs --format table, json, tsv or csv (jsonl holds only the stored records)");
  Archive archive(db, Archive::kRead);
  SearchRequest r = request;
  r.records = format == "jsonl";
  SearchResult res;
  std::vector<double> ms;
  for (int i = 0; i < std::max(repeat, 1); ++i) {
    const auto start = std::chrono::steady_clock::now();
    res = archive.Search(r);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  if (repeat > 1) {
    std::sort(ms.begin(), ms.end());
    char line[160];
    std::snprintf(line, sizeof line, "warta search: %d runs in one process: median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                  repeat, ms[ms.size() / 2], ms[std::min(ms.size() - 1, size_t(0.99 * double(ms.size() - 1) + 0.5))],
                  ms.back());
    std::cerr << line;
  }
  if (format == "jsonl") {
    for (const SearchHit& h : res.hits) out << h.record << "\n";
    return;
  }
  if (format == "json") {
    nlohmann::ordered_json j;
    j["total"] = res.total;
    j["offset"] = r.offset;
    j["query"] = r.query;
    j["fts"] = res.match;
    j["negated"] = res.negated;
    j["hits"] = nlohmann::ordered_json::array();
    long long n = r.offset;
    for (const SearchHit& h : res.hits)
      j["hits"].push_back({{"n", ++n}, {"id", h.id}, {"date", h.date ? nlohmann::ordered_json(*h.date) : nullptr},
                           {"title", h.title ? nlohmann::ordered_json(*h.title) : nullptr}, {"snippet", h.snippet},
                           {"rank", h.rank}});
    if (r.facets > 0) {
      nlohmann::ordered_json f = nlohmann::ordered_json::object();
      for (const auto& [name, list] : Kinds(res)) {
        f[name] = nlohmann::ordered_json::array();
        for (const FacetCount& c : *list)
          f[name].push_back({{"key", c.key}, {"label", c.label}, {"code", c.code ? nlohmann::ordered_json(*c.code) : nullptr},
                             {"documents", c.count}});
      }
      j["facets"] = std::move(f);
    }
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return;
  }
  if (format == "tsv" || format == "csv") {
    const bool csv = format == "csv";
    if (r.facets > 0) {
      Row(out, csv, {"kind", "key", "label", "code", "documents"});
      for (const auto& [name, list] : Kinds(res))
        for (const FacetCount& c : *list) Row(out, csv, {name, c.key, c.label, c.code.value_or(""), std::to_string(c.count)});
      return;
    }
    Row(out, csv, {"n", "id", "date", "title", "snippet", "rank"});
    long long n = r.offset;
    for (const SearchHit& h : res.hits)
      Row(out, csv, {std::to_string(++n), h.id, h.date.value_or(""), h.title.value_or(""), h.snippet, Rank(h.rank)});
    return;
  }
  // table
  out << res.total << (res.total == 1 ? " document matches" : " documents match");
  if (res.negated) out << " (without: " << res.match << ")";
  out << "\n";
  long long n = r.offset;
  for (const SearchHit& h : res.hits) {
    out << ++n << ". " << h.date.value_or("----------") << "  " << h.id << "\n";
    if (h.title) out << "   " << OneLine(*h.title) << "\n";
    if (!h.snippet.empty()) out << "   " << OneLine(h.snippet) << "\n";
  }
  if (n < res.total && r.limit > 0)
    out << "(" << r.offset + 1 << "–" << n << " of " << res.total << " shown; the next page: --offset " << n << ")\n";
  if (r.facets > 0) {
    for (const auto& [name, list] : Kinds(res)) {
      const bool months = std::string(name) == "months";
      const std::vector<FacetCount> shown = months ? TopMonths(*list, r.facets) : *list;
      out << "\n" << name << " (documents)\n";
      for (const FacetCount& c : shown) {
        out << "  " << c.count << "\t" << OneLine(c.label);
        if (c.code && c.code != c.label) out << " (" << OneLine(*c.code) << ")";
        out << "\n";
      }
      if (shown.empty()) out << "  -\n";
    }
  }
}

void PrintArchiveStats(const std::string& db, int top, std::ostream& out) {
  Archive archive(db, Archive::kRead);
  ArchiveStats st = archive.Stats(top);
  out << "documents      " << st.documents << "\n"
      << "dates          " << st.first_date.value_or("-") << " … " << st.last_date.value_or("-") << "\n"
      << "people         " << st.people << "\n"
      << "organizations  " << st.organizations << "\n"
      << "places         " << st.places << "\n"
      << "role titles    " << st.roles << "\n"
      << "date mentions  " << st.dates << "\n"
      << "quotes         " << st.quotes << "\n";
  auto list = [&](const char* title, const std::vector<FacetCount>& items) {
    out << "\n" << title << " (documents)\n";
    for (const FacetCount& c : items) {
      out << "  " << c.count << "\t" << OneLine(c.label);
      if (c.code && c.code != c.label) out << " (" << OneLine(*c.code) << ")";
      out << "\n";
    }
  };
  list("most frequent people", st.top_people);
  list("most frequent organizations", st.top_organizations);
  list("most frequent places", st.top_places);
}

}  // namespace warta
