// The questions a reader asks an archive — a search with a total, a page of hits and facet
// counts; one document; the roles a person held; what the archive holds — as plain structs.
// `warta search`, `warta stats` and `warta serve` all ask through Archive (archive.h):
//   SearchRequest r;
//   r.query = "bioskop-bioskop";  r.places = {"31"};  r.facets = 10;
//   SearchResult res = archive.Search(r);   // res.total, res.hits[0].snippet, res.people[0]
//
// Filters (people, roles, organizations, places): every entry must match (AND); one entry
// matches a document when one of its facet values matches:
//   words        the value's name holds the words in this order, the last one as a prefix;
//                case, diacritics and punctuation ignored ("joko wid" and "widodo" match
//                "Joko Widodo"; "KPU" matches the organisation whose acronym is KPU;
//                "Nusa Tenggara Timur" matches the places in that province). Inside a word
//                nothing matches ("dodo" does not find "Widodo").
//   =key         exactly that value: its key as FacetCount::key gives it, or any spelling
//                with the same NameKey ("=joko widodo", "=Joko  Widodo").
//   53, 53.71    (places) an area code: that area and every area beneath it. A place found
//                by name also brings the areas beneath its code ("Kupang" finds Kota Kupang
//                53.71, Kabupaten Kupang 53.01 and the districts within them).
// Dates (from, to) are the document date, inclusive (see DocumentDate in archive.cc).
// Errors: a malformed request (bad date) throws Error; the query text never does.
#ifndef WARTA_INDEX_QUERY_H_
#define WARTA_INDEX_QUERY_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace warta {

struct SearchRequest {
  std::string query;                 // search-box text (index/fts_query.h); "" = every document
  std::vector<std::string> people;   // filters, see above
  std::vector<std::string> roles;
  std::vector<std::string> organizations;
  std::vector<std::string> places;
  std::optional<std::string> from;   // YYYY-MM-DD: the document date is on or after
  std::optional<std::string> to;     // YYYY-MM-DD: on or before
  enum class Order { kBest, kNewest, kOldest };
  Order order = Order::kBest;        // kBest: bm25 with a query, else newest first
  long long offset = 0;              // hits to skip (paging)
  int limit = 20;                    // hits to return; 0: only the total (and facets)
  int facets = 0;                    // facet values to count per kind, most frequent first; 0: none
  std::string mark_open = "[";       // around each matched word in a snippet (the web view
  std::string mark_close = "]";      //   passes markers it can find after escaping the text)
  int snippet_words = 16;            // a snippet's length in words (1–64)
  bool records = true;               // fill SearchHit::record
  // Count the child areas of this area code in SearchResult::areas ("53" → 53.01, 53.71 …;
  // "" → the provinces); nullopt: none. Not an area code (IsAreaCode): no areas.
  std::optional<std::string> areas_of;
};

struct SearchHit {
  std::string id;
  std::optional<std::string> title;
  std::optional<std::string> date;   // the document date (YYYY-MM-DD) or null
  std::string snippet;               // text around the match, matches between the markers; "" without a query
  double rank = 0;                   // bm25 as FTS5 gives it (lower is better); 0 without a query
  std::string record;                // the stored JSON record (without its text), if asked for
};

// The kinds of facet value, numbered as the archive numbers them (index/doc_facets.h).
enum class FacetKind { kPerson = 0, kOrganization = 1, kPlace = 2, kRole = 3 };

// One facet value and the number of the result's documents that name it.
struct FacetCount {
  std::string key;                   // what "=key" filters on: NameKey of the name; a place's area code
  std::string label;                 // the name as first stored ("Joko Widodo", "Kota Kupang")
  std::optional<std::string> code;   // places: the area code; organisations: the acronym
  long long count = 0;               // documents
};

struct SearchResult {
  long long total = 0;               // documents that match, whatever offset and limit
  std::vector<SearchHit> hits;       // offset … offset + limit of them, in the asked order
  // With facets > 0: the values named most often in the matching documents (all of them,
  // not only the page), most frequent first, ties by key.
  std::vector<FacetCount> people, roles, organizations, places;
  // With facets > 0: documents per month of the document date ("2025-10"), chronological,
  // every month with at least one (documents without a date are not counted).
  std::vector<FacetCount> months;
  // With areas_of: each child area of that code that a matching document names, itself or an
  // area beneath it, with the number of such documents (a document naming 53.71 and
  // 53.71.01 counts once for 53.71); most documents first, ties by code. key and code: the
  // child's area code; label: its name as first stored when a document names the area
  // itself, else "" (the archive holds no other names of areas).
  std::vector<FacetCount> areas;
  std::string match;                 // the FTS5 expression the query became ("" without one)
  bool negated = false;              // the query asked for documents NOT matching `match`
};

// A stored document, for a page that shows it.
struct StoredDocument {
  std::string id;
  std::optional<std::string> title, date, path;
  std::string record;                // the JSON record, without its text
  std::string text;                  // the text its offsets count in (code points)
};

// One role a person held in one document (for a timeline of who held which office when).
struct RoleHeld {
  std::string id;                    // the document
  std::optional<std::string> date;   // its date
  std::string person;                // the name as the document has it
  std::string title;                 // "Ketua"
  std::optional<std::string> organization;
  bool acting = false;
};

struct ArchiveStats {
  long long documents = 0, people = 0, organizations = 0, places = 0, roles = 0, dates = 0, quotes = 0;
  std::optional<std::string> first_date, last_date;  // span of document dates
  std::vector<FacetCount> top_people, top_organizations, top_places;  // documents per value
};

}  // namespace warta

#endif  // WARTA_INDEX_QUERY_H_
