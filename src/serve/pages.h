// The pages of `warta serve`, rendered on the server from an archive: HTML with one style
// sheet and no script.
//   /                   search: the query box, facet filters with counts for the current query,
//   /search               ranked hits with highlighted snippets, a total, paging
//   /release?id=ID      a release: its text with every entity highlighted (output/html.h)
//   /record?id=ID       its JSON record, with its text
//   /person?key=KEY     a person: the releases naming them, every role they held by date,
//                       the people and organisations named most often with them
//   /place[?code=53]    a place: its releases (everything beneath the code included), its
//                       child areas with counts; without a code, the provinces
//   /timeline?…         releases per month of a search (the search's parameters), as SVG
//   /style.css          the style sheet
// Search parameters (every filter is part of the URL, so a page can be bookmarked):
//   q  person  role  org  place  (repeatable: all must match; "=KEY" exactly, see
//   index/query.h)  from  to  (YYYY-MM-DD)  sort (best|newest|oldest)  page (1, 2 …)
// Reads: an Archive (one per calling thread). Writes: nothing. Every text from the archive
// or the request is escaped; only http(s) URLs become links.
// Limits: a query of at most kMaxQueryBytes, kMaxFilters filters of each kind, each at
// most kMaxFilterBytes, pages up to kMaxPage; beyond them the answer is 400 with a page
// that says which limit.
#ifndef WARTA_SERVE_PAGES_H_
#define WARTA_SERVE_PAGES_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warta {

class Archive;
class Lexicon;

inline constexpr size_t kMaxQueryBytes = 512;
inline constexpr size_t kMaxFilterBytes = 200;
inline constexpr size_t kMaxFilters = 8;
inline constexpr long long kMaxPage = 500;
inline constexpr int kPageSize = 20;

// A response: status, type and body; `location` for a redirect.
struct Page {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

// A request's query parameters, decoded, in the order given.
using Params = std::multimap<std::string, std::string>;

// Official names of area codes ("53.71" → "Kota Kupang"), for the place pages' labels.
using AreaNames = std::unordered_map<std::string, std::string>;
// The names of provinces, regencies, districts and villages in lexicons/places/. Throws Error
// naming the file when one cannot be read.
AreaNames LoadAreaNames(const Lexicon& lexicon);

class Site {
 public:
  explicit Site(AreaNames names) : names_(std::move(names)) {}
  // The page for `path` and its parameters. A path that is none of the pages above is 404;
  // a malformed or too large request is 400. Throws only what the archive throws for a
  // broken file (Error); the server turns that into 500.
  Page Handle(const Archive& archive, std::string_view path, const Params& params) const;

 private:
  Page Search(const Archive& archive, const Params& params) const;
  Page Release(const Archive& archive, const Params& params) const;
  Page Record(const Archive& archive, const Params& params) const;
  Page Person(const Archive& archive, const Params& params) const;
  Page Place(const Archive& archive, const Params& params) const;
  Page Timeline(const Archive& archive, const Params& params) const;
  // The name of an area code: the official one, else `stored`, else the code.
  std::string AreaName(const std::string& code, const std::string& stored = "") const;

  AreaNames names_;
};

}  // namespace warta

#endif  // WARTA_SERVE_PAGES_H_
