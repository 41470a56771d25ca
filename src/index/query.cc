// Archive's read side: Search, Get, RolesOf, Stats (query.h), and warta_rank.
//
// A search is sets of document numbers (documents.doc), sorted, intersected in C++:
//   the query   → the rowids FTS5 matches (with their bm25), or every document but them
//   a filter    → facet ids (facets, facet_names) → documents (postings)
//   a date range → documents_date (the dates in doc_facets when it holds much of the archive)
// then the page of hits (ranked, or by date along documents_date) and the facet counts over
// every matching document (doc_facets: each document's facet ids in one row). Each step
// costs in proportion to what it matches, never to the archive's size, except facet counts
// over most of the archive, which read doc_facets front to back (a few MB).
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "error.h"
#include "index/archive.h"
#include "index/doc_facets.h"
#include "index/fts_query.h"
#include "index/keys.h"
#include "index/statement.h"

namespace warta {
namespace {

using doc_facets::kKindNames;
using doc_facets::kOrganization;
using doc_facets::kPerson;
using doc_facets::kPlace;
using doc_facets::kRole;

using DocSet = std::vector<long long>;  // documents.doc, ascending, unique

DocSet Intersect(const DocSet& a, const DocSet& b) {
  DocSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void SortUnique(DocSet& s) {
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
}

// YYYYMMDD of a YYYY-MM-DD date; nullopt for anything else.
std::optional<long long> Day(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  long long n = 0;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    n = n * 10 + (date[i] - '0');
  }
  return n;
}

// A read transaction for the length of one question, so that its several statements see one
// state of an archive that `warta index` may be writing meanwhile.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db) {
    open_ = sqlite3_get_autocommit(db) && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~ReadTransaction() {
    if (open_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

// Membership of documents by number, for walks over a whole table and for warta_rank.
class Bits {
 public:
  explicit Bits(const DocSet& docs) : bits_(docs.empty() ? 1 : size_t(docs.back() / 64 + 1), 0) {
    for (long long d : docs) bits_[size_t(d) / 64] |= uint64_t(1) << (d % 64);
  }
  bool Has(long long d) const { return d >= 0 && size_t(d) / 64 < bits_.size() && (bits_[size_t(d) / 64] >> (d % 64)) & 1; }

 private:
  std::vector<uint64_t> bits_;
};

// ---------------------------------------------------------------------------------------
// warta_rank(fts): FTS5's bm25() without most of its cost. bm25() asks FTS5 for each row's
// length (xColumnSize), one lookup in fts_docsize per row: 70% of ranking a word that is in
// most documents (86 of 123 ms over 166,000 rows of ten copies of CLICK-ID). warta_rank
// does the same for the first kBulkAfter rows of a query; a query that matches more reads
// every document's length from doc_facets, where `warta index` copied it (64 documents a
// row), and looks them up in memory from then on. Same formula, same numbers (to the last
// bit or two of a double: a query of one phrase is multiplied by its IDF afterwards, see
// RankInfo; tests/index_test.cc checks).

constexpr int kBulkAfter = 1024;

struct RankState {
  std::vector<double> idf;        // per phrase
  std::vector<double> freq;       // per phrase, for the current row
  double avgdl = 1;               // average row length in tokens (all columns)
  long long rows = 0;             // rows ranked so far
  long long table_rows = 0;       // rows in the table
  std::vector<uint32_t> lengths;  // by rowid, once loaded (0: no entry)
  bool loaded = false;
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* hits) {
  ++*static_cast<sqlite3_int64*>(hits);
  return SQLITE_OK;
}

// Every document's length, by rowid, from doc_facets (a few thousand rows; fts_docsize
// would be one row per document). Rowids past max_row are left out: a vector indexed by
// rowid must not grow with a stray huge one.
int LoadLengths(sqlite3* db, sqlite3_int64 max_row, std::vector<uint32_t>& lengths) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT block, data FROM doc_facets", -1, &st, nullptr);
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    const void* data = sqlite3_column_blob(st, 1);
    doc_facets::ForEach(std::string_view(static_cast<const char*>(data), size_t(sqlite3_column_bytes(st, 1))),
                        sqlite3_column_int64(st, 0), [&](const doc_facets::Entry& e) {
                          if (e.doc < 0 || e.doc > max_row) return;
                          if (size_t(e.doc) >= lengths.size()) lengths.resize(size_t(e.doc) + 1 + size_t(e.doc) / 8, 0);
                          lengths[size_t(e.doc)] = e.length;
                        });
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

// The IDF of a phrase in `hits` of `rows` rows, as FTS5's bm25() has it.
double Idf(long long rows, long long hits) {
  const double idf = std::log((double(rows) - double(hits) + 0.5) / (double(hits) + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

// What warta_rank tells its caller, through a pointer of type "warta_rank_info": with a
// query of one phrase, the phrase's rows are the rows the query returns, so warta_rank
// does not count them first (xQueryPhrase: a second pass over the phrase's whole doclist,
// a tenth of ranking a word in most documents); it returns the score without the IDF
// factor, and sets idf_later and the table's rows: the caller multiplies each score by
// Idf(table_rows, the rows it was given).
struct RankInfo {
  bool idf_later = false;
  long long table_rows = 0;
};

// warta_rank(fts [, allowed [, info]]): `allowed`, a Bits bound as a pointer of type
// "warta_bits", makes rows outside it NULL without ranking them (a filter has already
// excluded them); `info`, a RankInfo, see above.
void Rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  auto* st = static_cast<RankState*>(api->xGetAuxdata(fts, 0));
  if (!st) {
    auto fresh = std::make_unique<RankState>();
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    fresh->avgdl = rows > 0 ? double(tokens) / double(rows) : 1;
    fresh->table_rows = rows;
    const int phrases = api->xPhraseCount(fts);
    auto* info = argc >= 2 ? static_cast<RankInfo*>(sqlite3_value_pointer(argv[1], "warta_rank_info")) : nullptr;
    if (info && phrases == 1) {
      info->idf_later = true;
      info->table_rows = rows;
      fresh->idf.push_back(1.0);
    }
    for (int i = 0; rc == SQLITE_OK && i < phrases && !(info && info->idf_later); ++i) {
      sqlite3_int64 hits = 0;
      rc = api->xQueryPhrase(fts, i, &hits, CountRow);
      fresh->idf.push_back(Idf(rows, hits));
    }
    fresh->freq.assign(size_t(phrases), 0);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    st = fresh.release();
    rc = api->xSetAuxdata(fts, st, [](void* p) { delete static_cast<RankState*>(p); });
    if (rc != SQLITE_OK) {  // xSetAuxdata has already freed it
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  if (argc >= 1) {
    const auto* allowed = static_cast<const Bits*>(sqlite3_value_pointer(argv[0], "warta_bits"));
    if (allowed && !allowed->Has(api->xRowid(fts))) {
      sqlite3_result_null(ctx);
      return;
    }
  }
  std::fill(st->freq.begin(), st->freq.end(), 0.0);
  int instances = 0;
  int rc = SQLITE_OK;
  if (st->freq.size() == 1) {
    // One phrase: its positions in this row, read in place (xInstCount would first copy
    // them, with each one's phrase and column, into an array).
    Fts5PhraseIter it;
    int column = 0, offset = 0;
    rc = api->xPhraseFirst(fts, 0, &it, &column, &offset);
    for (; rc == SQLITE_OK && column >= 0; api->xPhraseNext(fts, &it, &column, &offset)) st->freq[0] += 1.0;
  } else {
    rc = api->xInstCount(fts, &instances);
  }
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && size_t(phrase) < st->freq.size()) st->freq[size_t(phrase)] += 1.0;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  if (!st->loaded && ++st->rows > kBulkAfter) {
    st->loaded = true;
    rc = LoadLengths(static_cast<sqlite3*>(api->xUserData(fts)), 4 * st->table_rows + 4096, st->lengths);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  double length = 0;
  const sqlite3_int64 row = api->xRowid(fts);
  if (st->loaded && row >= 0 && size_t(row) < st->lengths.size()) length = st->lengths[size_t(row)];
  if (length == 0) {  // not loaded (yet), or a row without an entry: ask FTS5
    int tokens = 0;
    rc = api->xColumnSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    length = tokens;
  }
  constexpr double k1 = 1.2, b = 0.75;
  double score = 0;
  for (size_t i = 0; i < st->freq.size(); ++i)
    score += st->idf[i] * (st->freq[i] * (k1 + 1.0)) / (st->freq[i] + k1 * (1 - b + b * length / st->avgdl));
  sqlite3_result_double(ctx, -score);
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

}  // namespace

void RegisterRankFunction(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api || api->xCreateFunction(api, "warta_rank", db, Rank, nullptr) != SQLITE_OK)
    throw Error("archive: this SQLite has no FTS5 (needed for full-text search)");
}

// ---------------------------------------------------------------------------------------
// Filters: text → facet ids → documents.

namespace {

// Facet ids of places whose area code is `code` or beneath it.
void AddAreasBelow(sqlite3* db, const std::string& code, std::vector<long long>& out) {
  // A coded place's key is its code (archive.cc), so this is a range of the (kind, key) index.
  Statement s(db, "SELECT facet FROM facets WHERE kind = 'place' AND (key = ?1 OR (key > ?1 || '.' AND key < ?1 || '/'))");
  s.Bind(1, code);
  while (s.Step()) out.push_back(s.Int(0));
}

// The facet ids one filter entry stands for (query.h: words, =key, an area code).
std::vector<long long> ResolveFilter(sqlite3* db, int kind, std::string text) {
  std::vector<long long> ids;
  const size_t b = text.find_first_not_of(" \t"), e = text.find_last_not_of(" \t");
  text = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  const bool exact = !text.empty() && text[0] == '=';
  if (exact) text.erase(0, 1);
  if (kind == kPlace && IsAreaCode(text)) {
    AddAreasBelow(db, text, ids);
    return ids;
  }
  const std::string key = NameKey(text);
  if (key.empty()) return ids;
  if (exact) {
    Statement s(db, "SELECT facet FROM facets WHERE kind = ? AND key = ?");
    s.Bind(1, std::string_view(kKindNames[kind])).Bind(2, key);
    while (s.Step()) ids.push_back(s.Int(0));
  }
  if (!exact || kind == kPlace) {
    // The words in order, the last one a prefix: an FTS5 phrase with *. The key holds only
    // letters, digits and spaces, so it is safe inside the quotes.
    Statement s(db, "SELECT rowid FROM facet_names WHERE facet_names MATCH ?");
    const std::string match = "\"" + key + "\"" + (exact ? "" : "*");
    s.Bind(1, match);
    std::vector<long long> found;
    while (s.Step())
      if ((s.Int(0) & 3) == kind) found.push_back(s.Int(0));
    for (long long id : found) {
      if (exact) {  // a coded place by its exact name ("=Kota Kupang")
        Statement l(db, "SELECT label FROM facets WHERE facet = ?");
        l.Bind(1, id);
        if (!l.Step() || NameKey(l.Text(0).value_or("")) != key) continue;
      }
      ids.push_back(id);
    }
  }
  if (kind == kPlace) {
    std::vector<std::string> codes;
    Statement s(db, "SELECT code FROM facets WHERE facet = ? AND code IS NOT NULL");
    for (long long id : ids) {
      s.Bind(1, id);
      if (s.Step()) codes.push_back(*s.Text(0));
      s.Reset();
    }
    for (const std::string& code : codes) AddAreasBelow(db, code, ids);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

DocSet DocsNaming(sqlite3* db, const std::vector<long long>& facets) {
  DocSet docs;
  Statement s(db, "SELECT posting, docs FROM postings WHERE posting >= ? AND posting < ?");
  for (long long id : facets) {
    s.Bind(1, doc_facets::PostingKey(id, 0)).Bind(2, doc_facets::PostingKey(id + 1, 0));
    while (s.Step()) {
      const long long start = doc_facets::PostingEpochStart(s.Int(0));
      const std::string_view blob = s.Blob(1);
      const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
      for (size_t i = 0; i + 2 <= blob.size(); i += 2) docs.push_back(start + doc_facets::GetLe(p + i, 2));
    }
    s.Reset();
  }
  if (facets.size() > 1) SortUnique(docs);  // one facet's documents come ascending
  return docs;
}

// Calls f(const doc_facets::Entry&) for every document, in document order.
template <typename F>
void ForEachDocument(sqlite3* db, F f) {
  Statement s(db, "SELECT block, data FROM doc_facets");
  while (s.Step()) doc_facets::ForEach(s.Blob(1), s.Int(0), f);
}

// Calls f(const doc_facets::Entry&) for each of `docs` (ascending), reading each block once.
template <typename F>
void ForEachOf(sqlite3* db, const DocSet& docs, F f) {
  Statement s(db, "SELECT data FROM doc_facets WHERE block = ?");
  size_t i = 0;
  while (i < docs.size()) {
    const long long block = docs[i] >> doc_facets::kBlockBits;
    size_t end = i;
    while (end < docs.size() && docs[end] >> doc_facets::kBlockBits == block) ++end;
    s.Bind(1, block);
    if (s.Step()) {
      size_t k = i;
      doc_facets::ForEach(s.Blob(0), block, [&](const doc_facets::Entry& e) {
        while (k < end && docs[k] < e.doc) ++k;
        if (k < end && docs[k] == e.doc) f(e);
      });
    }
    s.Reset();
    i = end;
  }
}

DocSet AllDocs(sqlite3* db) {
  DocSet docs;
  ForEachDocument(db, [&](const doc_facets::Entry& e) { docs.push_back(e.doc); });
  SortUnique(docs);
  return docs;
}

long long CountDocs(sqlite3* db) {
  Statement s(db, "SELECT count(*) FROM documents");  // counts the pages of its smallest index
  return s.Step() ? s.Int(0) : 0;
}

// The documents a request's filters (facets and dates) allow; nullopt: every document.
std::optional<DocSet> FilterDocs(sqlite3* db, const SearchRequest& r, long long archive_docs) {
  std::optional<DocSet> allowed;
  auto narrow = [&](DocSet docs) { allowed = allowed ? Intersect(*allowed, docs) : std::move(docs); };
  const std::pair<int, const std::vector<std::string>*> filters[] = {
      {kPerson, &r.people}, {kRole, &r.roles}, {kOrganization, &r.organizations}, {kPlace, &r.places}};
  for (const auto& [kind, values] : filters)
    for (const std::string& v : *values) {
      narrow(DocsNaming(db, ResolveFilter(db, kind, v)));
      if (allowed->empty()) return allowed;
    }
  if (r.from || r.to) {
    // A few documents through the date index; once they pass a sixteenth of the archive,
    // the dates in doc_facets instead, front to back (already in document order: a month
    // that holds most of an archive was 117,000 rows of the index and a sort).
    const std::string from = r.from.value_or("0000-00-00"), to = r.to.value_or("9999-99-99");
    const long long most = archive_docs / 16 + 1;
    Statement s(db, "SELECT doc FROM documents WHERE date >= ? AND date <= ? LIMIT ?");
    s.Bind(1, from).Bind(2, to).Bind(3, most);
    DocSet docs;
    while (s.Step()) docs.push_back(s.Int(0));
    if ((long long)docs.size() < most) {
      SortUnique(docs);
    } else {
      docs.clear();
      const long long first = *Day(from), last = *Day(to);
      ForEachDocument(db, [&](const doc_facets::Entry& e) {
        if (e.day && e.day >= first && e.day <= last) docs.push_back(e.doc);
      });
      if (!std::is_sorted(docs.begin(), docs.end())) SortUnique(docs);
    }
    narrow(std::move(docs));
  }
  return allowed;
}


// The child areas of area code `area` ("" for the provinces) that the archive's coded places
// fall under: the child codes, and for each coded place facet beneath `area` the index of
// its child in them (-1 for the others).
struct ChildAreas {
  std::vector<std::string> codes;
  std::vector<int32_t> of_facet;  // by facet id
};

ChildAreas FindChildAreas(sqlite3* db, const std::string& area, size_t facets) {
  ChildAreas c;
  c.of_facet.assign(facets, -1);
  if (!area.empty() && !IsAreaCode(area)) return c;
  // Coded places' keys are their codes (archive.cc), so the areas beneath one are a key range.
  Statement s(db, area.empty() ? "SELECT facet, key FROM facets WHERE kind = 'place' AND code IS NOT NULL"
                               : "SELECT facet, key FROM facets WHERE kind = 'place' AND key > ?1 || '.' AND key < ?1 || '/'");
  if (!area.empty()) s.Bind(1, area);
  std::map<std::string, int32_t> index;
  while (s.Step()) {
    const long long id = s.Int(0);
    const std::string key = s.Text(1).value_or("");
    if (!IsAreaCode(key) || id < 0 || size_t(id) >= facets) continue;
    const size_t from = area.empty() ? 0 : area.size() + 1;
    const size_t dot = key.find('.', from);
    std::string child = key.substr(0, dot);
    auto [it, added] = index.try_emplace(child, int32_t(c.codes.size()));
    if (added) c.codes.push_back(std::move(child));
    c.of_facet[size_t(id)] = it->second;
  }
  return c;
}

// Counts the facet values and months of `docs` (nullopt: every document) into `result`,
// `top` of each kind (0: none), and the child areas of `areas_of` if given; returns the
// number of distinct values of each kind (person, organisation, place, role).
std::array<long long, 4> CountFacets(sqlite3* db, const std::optional<DocSet>& docs, long long archive_docs, int top,
                                     const std::optional<std::string>& areas_of, SearchResult& result) {
  long long max_facet = 0;
  {
    Statement s(db, "SELECT max(facet) FROM facets");
    if (s.Step()) max_facet = s.Int(0);
  }
  std::vector<uint32_t> counts(size_t(max_facet) + 1, 0);
  // Documents per month (YYYYMM): months of 1900–2099 in an array (a map lookup per
  // document was a fifth of counting a word in most documents), others in a map.
  constexpr long long kFirstYear = 1900, kYears = 200;
  std::vector<long long> recent(size_t(kYears * 12), 0);
  std::map<long long, long long> months;
  ChildAreas children;
  if (areas_of) children = FindChildAreas(db, *areas_of, counts.size());
  std::vector<long long> child_docs(children.codes.size(), 0), child_last(children.codes.size(), -1);
  auto add = [&](const doc_facets::Entry& e) {
    if (e.day) {
      const long long year = e.day / 10000, month = e.day / 100 % 100;
      if (year >= kFirstYear && year < kFirstYear + kYears && month >= 1 && month <= 12)
        ++recent[size_t((year - kFirstYear) * 12 + month - 1)];
      else
        ++months[e.day / 100];
    }
    for (size_t k = 0; k < e.n; ++k) {
      const uint32_t id = e.Id(k);
      if (id < counts.size()) ++counts[id];
    }
    if (children.codes.empty()) return;
    for (size_t k = 0; k < e.n; ++k) {
      const uint32_t id = e.Id(k);
      if (id >= children.of_facet.size() || children.of_facet[id] < 0) continue;
      const auto child = size_t(children.of_facet[id]);
      if (child_last[child] != e.doc) child_last[child] = e.doc, ++child_docs[child];  // once per document
    }
  };
  // A large share of the archive is read front to back; a few documents block by block.
  if (!docs) {
    ForEachDocument(db, add);
  } else if (docs->size() * 16 > size_t(archive_docs)) {
    Bits member(*docs);
    ForEachDocument(db, [&](const doc_facets::Entry& e) {
      if (member.Has(e.doc)) add(e);
    });
  } else {
    ForEachOf(db, *docs, add);
  }
  std::vector<std::pair<uint32_t, uint32_t>> by_kind[4];  // (count, id)
  for (size_t id = 0; id < counts.size(); ++id)
    if (counts[id]) by_kind[id & 3].emplace_back(counts[id], uint32_t(id));
  std::array<long long, 4> distinct{};
  for (int kind = 0; kind < 4; ++kind) distinct[kind] = (long long)by_kind[kind].size();
  Statement label(db, "SELECT key, label, code FROM facets WHERE facet = ?");
  std::vector<FacetCount>* outs[4] = {&result.people, &result.organizations, &result.places, &result.roles};
  for (int kind = 0; kind < 4; ++kind) {
    auto& v = by_kind[kind];
    const size_t n = std::min(v.size(), size_t(top));
    // Most documents first; ties in the order the values were first stored.
    std::partial_sort(v.begin(), v.begin() + long(n), v.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (size_t i = 0; i < n; ++i) {
      label.Bind(1, (long long)v[i].second);
      if (label.Step()) outs[kind]->push_back({label.Text(0).value_or(""), label.Text(1).value_or(""), label.Text(2), v[i].first});
      label.Reset();
    }
  }
  for (size_t i = 0; i < recent.size(); ++i)
    if (recent[i]) months[(kFirstYear + (long long)i / 12) * 100 + (long long)i % 12 + 1] = recent[i];
  if (top > 0)
    for (const auto& [month, n] : months) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04lld-%02lld", month / 100, month % 100);
      result.months.push_back({buf, buf, std::nullopt, n});
    }
  if (areas_of) {
    Statement name(db, "SELECT label FROM facets WHERE kind = 'place' AND key = ?");
    for (size_t i = 0; i < children.codes.size(); ++i) {
      if (!child_docs[i]) continue;
      FacetCount f{children.codes[i], "", children.codes[i], child_docs[i]};
      name.Bind(1, f.key);
      if (name.Step()) f.label = name.Text(0).value_or("");
      name.Reset();
      result.areas.push_back(std::move(f));
    }
    std::sort(result.areas.begin(), result.areas.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.key < b.key;
    });
  }
  return distinct;
}

}  // namespace

// ---------------------------------------------------------------------------------------

SearchResult Archive::Search(const SearchRequest& r) const {
  for (const auto* d : {&r.from, &r.to})
    if (*d && !Day(**d)) throw Error("a date must be YYYY-MM-DD, not '" + **d + "'");
  if (r.offset < 0) throw Error("the offset must be 0 or more, not " + std::to_string(r.offset));
  if (r.limit < 0) throw Error("the limit must be 0 or more, not " + std::to_string(r.limit));
  SearchResult result;
  ReadTransaction tx(db_);

  const FtsQuery fts = TranslateQuery(r.query);
  result.match = fts.match;
  result.negated = fts.negated;
  const bool blank = r.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!blank && fts.empty()) return result;  // only punctuation: nothing to find

  const long long archive_docs = CountDocs(db_);
  std::optional<DocSet> docs = FilterDocs(db_, r, archive_docs);
  // Ranked documents (with a positive query): doc → bm25.
  std::vector<std::pair<double, long long>> ranked;
  // Ranked only for a page of hits (a total and facet counts need no ranks).
  const bool rank = !fts.empty() && !fts.negated && r.order == SearchRequest::Order::kBest && r.limit > 0;
  if (!fts.empty()) {
    Statement s(db_, rank ? "SELECT rowid, warta_rank(fts, ?2, ?3) FROM fts WHERE fts MATCH ?1"
                          : "SELECT rowid, 0 FROM fts WHERE fts MATCH ?1");
    RankInfo info;
    long long rows = 0;  // that FTS5 returned, before the filters
    s.Bind(1, fts.match);
    DocSet matched;
    // Room for every document up front: address space only until used, and a vector of a
    // word in most documents is never copied as it grows.
    matched.reserve(size_t(archive_docs));
    if (rank) ranked.reserve(size_t(archive_docs));
    std::optional<Bits> allowed;
    if (docs && !fts.negated) allowed.emplace(*docs);
    if (rank) {
      if (allowed) s.BindPointer(2, &*allowed, "warta_bits");
      else s.BindNull(2);
      s.BindPointer(3, &info, "warta_rank_info");
    }
    try {
      while (s.Step()) {
        ++rows;
        const long long d = s.Int(0);
        if (allowed && !allowed->Has(d)) continue;
        matched.push_back(d);
        if (rank) ranked.emplace_back(s.Real(1), d);
      }
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (query '" + r.query + "' as FTS5: " + fts.match + ")");
    }
    if (info.idf_later) {
      const double idf = Idf(info.table_rows, rows);
      for (auto& [score, d] : ranked) score *= idf;
    }
    if (fts.negated) {
      DocSet all = docs ? std::move(*docs) : AllDocs(db_);
      DocSet rest;
      std::set_difference(all.begin(), all.end(), matched.begin(), matched.end(), std::back_inserter(rest));
      docs = std::move(rest);
    } else {
      docs = std::move(matched);  // FTS5 gives rowids ascending
    }
  }
  result.total = docs ? (long long)docs->size() : archive_docs;

  // The page of hits.
  std::vector<std::pair<long long, double>> page;  // (doc, bm25)
  const size_t want = size_t(std::min<long long>(r.offset + r.limit, result.total));
  if (r.limit > 0 && size_t(r.offset) < want) {
    if (rank) {
      auto better = [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; };
      std::partial_sort(ranked.begin(), ranked.begin() + long(want), ranked.end(), better);
      for (size_t i = size_t(r.offset); i < want; ++i) page.emplace_back(ranked[i].second, ranked[i].first);
    } else {
      const bool oldest = r.order == SearchRequest::Order::kOldest;
      // Undated documents come last either way; ties: the later stored first (newest), or
      // the earlier (oldest).
      if (!docs || docs->size() * 16 > size_t(archive_docs)) {
        // Most of the archive: walk the date index and keep members until the page is full.
        std::optional<Bits> member;
        if (docs) member.emplace(*docs);
        size_t seen = 0;
        // With a date range (which only dated documents pass), the walk starts at its end.
        const bool dated = r.from || r.to;
        const std::string start = oldest ? r.from.value_or("") : r.to.value_or("9999");
        auto walk = [&](const char* sql) {
          Statement s(db_, sql);
          if (dated) s.Bind(1, start);
          while (seen < want && s.Step()) {
            const long long d = s.Int(0);
            if (member && !member->Has(d)) continue;
            if (seen++ >= size_t(r.offset)) page.emplace_back(d, 0.0);
          }
        };
        if (dated) {
          walk(oldest ? "SELECT doc FROM documents WHERE date >= ?1 ORDER BY date, doc"
                      : "SELECT doc FROM documents WHERE date <= ?1 ORDER BY date DESC, doc DESC");
        } else if (oldest) {
          walk("SELECT doc FROM documents WHERE date IS NOT NULL ORDER BY date, doc");
          walk("SELECT doc FROM documents WHERE date IS NULL ORDER BY doc");
        } else {
          walk("SELECT doc FROM documents ORDER BY date DESC, doc DESC");  // NULL sorts last
        }
      } else {
        std::vector<std::pair<long long, long long>> dated;  // (day or -1, doc)
        ForEachOf(db_, *docs, [&](const doc_facets::Entry& e) { dated.emplace_back(e.day ? e.day : -1, e.doc); });
        auto order = [oldest](const auto& a, const auto& b) {
          if ((a.first < 0) != (b.first < 0)) return b.first < 0;  // undated last
          if (a.first != b.first) return oldest ? a.first < b.first : a.first > b.first;
          return oldest ? a.second < b.second : a.second > b.second;
        };
        std::partial_sort(dated.begin(), dated.begin() + long(want), dated.end(), order);
        for (size_t i = size_t(r.offset); i < want; ++i) page.emplace_back(dated[i].second, 0.0);
      }
    }
  }
  {
    Statement get(db_, "SELECT id, title, date, record FROM documents WHERE doc = ?");
    // (Not warta_rank here: each of these statements would count every phrase's documents
    // again for its IDF; the rank is known from the ranking pass.)
    Statement snippet(db_, "SELECT snippet(fts, 1, ?, ?, '…', ?) FROM fts WHERE fts MATCH ? AND rowid = ?");
    const long long words = std::clamp(r.snippet_words, 1, 64);
    for (const auto& [d, rank_of_d] : page) {
      get.Bind(1, d);
      if (!get.Step()) {
        get.Reset();
        continue;
      }
      SearchHit h{*get.Text(0), get.Text(1), get.Text(2), "", rank_of_d, r.records ? get.Text(3).value_or("") : ""};
      get.Reset();
      if (!fts.empty() && !fts.negated) {
        snippet.Bind(1, r.mark_open).Bind(2, r.mark_close).Bind(3, words).Bind(4, fts.match).Bind(5, d);
        if (snippet.Step()) h.snippet = snippet.Text(0).value_or("");
        snippet.Reset();
      }
      result.hits.push_back(std::move(h));
    }
  }
  if ((r.facets > 0 || r.areas_of) && !docs && mode_ == kRead) {
    // Every document: counted once per state of the archive (all_counts_). Only when
    // reading: PRAGMA data_version says what other connections commit, not this one's own.
    const long long version = DataVersion();
    auto it = std::find_if(all_counts_.begin(), all_counts_.end(), [&](const AllCounts& c) {
      return c.version == version && c.facets == r.facets && c.areas_of == r.areas_of;
    });
    if (it == all_counts_.end()) {
      std::erase_if(all_counts_, [&](const AllCounts& c) { return c.version != version; });
      if (all_counts_.size() >= 8) all_counts_.erase(all_counts_.begin());
      AllCounts fresh{version, r.facets, r.areas_of, {}};
      CountFacets(db_, std::nullopt, archive_docs, r.facets, r.areas_of, fresh.counts);
      all_counts_.push_back(std::move(fresh));
      it = all_counts_.end() - 1;
    }
    const SearchResult& c = it->counts;
    result.people = c.people, result.roles = c.roles, result.organizations = c.organizations;
    result.places = c.places, result.months = c.months, result.areas = c.areas;
  } else if (r.facets > 0 || r.areas_of) {
    CountFacets(db_, docs, archive_docs, r.facets, r.areas_of, result);
  }
  return result;
}

std::optional<StoredDocument> Archive::Get(const std::string& id) const {
  ReadTransaction tx(db_);
  Statement s(db_, "SELECT doc, id, title, date, path, record FROM documents WHERE id = ?");
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  StoredDocument d{*s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5).value_or(""), ""};
  Statement t(db_, "SELECT text FROM fts WHERE rowid = ?");
  t.Bind(1, s.Int(0));
  if (t.Step()) d.text = t.Text(0).value_or("");
  return d;
}

std::vector<RoleHeld> Archive::RolesOf(const std::string& person) const {
  ReadTransaction tx(db_);
  std::vector<std::pair<long long, RoleHeld>> held;  // (row, role)
  // A person's roles are one key range of person_roles (archive.cc).
  Statement s(db_, "SELECT row, id, date, name, title, organization, acting FROM person_roles WHERE person = ?");
  for (long long f : ResolveFilter(db_, kPerson, person)) {
    s.Bind(1, f);
    while (s.Step())
      held.emplace_back(s.Int(0), RoleHeld{s.Text(1).value_or(""), s.Text(2), s.Text(3).value_or(""),
                                           s.Text(4).value_or(""), s.Text(5), s.Int(6) != 0});
    s.Reset();
  }
  // Oldest first, undated last; one date in document order, a document's roles in its order.
  std::sort(held.begin(), held.end(), [](const auto& a, const auto& b) {
    if (a.second.date.has_value() != b.second.date.has_value()) return a.second.date.has_value();
    if (a.second.date != b.second.date) return a.second.date < b.second.date;
    return a.first < b.first;
  });
  std::vector<RoleHeld> out;
  out.reserve(held.size());
  for (auto& h : held) out.push_back(std::move(h.second));
  return out;
}

std::optional<FacetCount> Archive::Value(FacetKind kind, const std::string& key) const {
  ReadTransaction tx(db_);
  const int k = int(kind);
  if (k < 0 || k > 3) return std::nullopt;
  const std::string folded = kind == FacetKind::kPlace && IsAreaCode(key) ? key : NameKey(key);
  Statement s(db_, "SELECT facet, key, label, code FROM facets WHERE kind = ? AND key = ?");
  s.Bind(1, std::string_view(kKindNames[k])).Bind(2, folded);
  if (!s.Step()) return std::nullopt;
  FacetCount f{s.Text(1).value_or(""), s.Text(2).value_or(""), s.Text(3), 0};
  const long long id = s.Int(0);
  Statement p(db_, "SELECT sum(length(docs)) / 2 FROM postings WHERE posting >= ? AND posting < ?");
  p.Bind(1, doc_facets::PostingKey(id, 0)).Bind(2, doc_facets::PostingKey(id + 1, 0));
  if (p.Step()) f.count = p.Int(0);
  return f;
}

ArchiveStats Archive::Stats(int top) const {
  ReadTransaction tx(db_);
  ArchiveStats st;
  auto one = [&](const char* sql) {
    Statement s(db_, sql);
    return s.Step() ? s.Int(0) : 0;
  };
  st.documents = CountDocs(db_);
  st.dates = one("SELECT count(*) FROM dates");
  st.quotes = one("SELECT count(*) FROM quotes");
  {
    Statement s(db_, "SELECT min(date), max(date) FROM documents");
    if (s.Step()) st.first_date = s.Text(0), st.last_date = s.Text(1);
  }
  // Distinct values named by at least one document (a replaced document's values stay in
  // the dictionary, unnamed).
  SearchResult all;
  const auto distinct = CountFacets(db_, std::nullopt, st.documents, std::max(top, 0), std::nullopt, all);
  st.people = distinct[kPerson];
  st.organizations = distinct[kOrganization];
  st.places = distinct[kPlace];
  st.roles = distinct[kRole];
  st.top_people = std::move(all.people);
  st.top_organizations = std::move(all.organizations);
  st.top_places = std::move(all.places);
  return st;
}

}  // namespace warta
