// `warta search` and `warta stats`: ask an archive made by `warta index` and print.
//   warta search archive.db "tata kelola Bakohumas" --place 53 --from 2025-10-01
//   2 documents match
//   1. 2025-10-27  releases/kpu-ntt-1027.txt
//      KPU NTT Hadiri Knowledge Sharing Tata Kelola Bakohumas Tahap III
//      …memperkuat [tata] [kelola] [Bakohumas] di daerah…
// The questions go through Archive (archive.h, query.h); this file only prints.
// (Writing the archive is `warta index`: the extract run with an Archive as its sink.)
#ifndef WARTA_INDEX_COMMANDS_H_
#define WARTA_INDEX_COMMANDS_H_

#include <ostream>
#include <string>

#include "index/query.h"

namespace warta {

// How `warta search` prints (--format):
//   table  a header with the total, ranked blocks with a highlighted snippet, then the
//          facet counts (with --facets)
//   json   one object: total, offset, query (as FTS5), hits [{n, id, date, title, snippet,
//          rank}], and with --facets the counts {people, organizations, places, roles,
//          months: [{key, label, code, documents}]}
//   jsonl  the stored records of the hits, one per line (no total: a pure record stream)
//   tsv    a header line, then one hit per line: n, id, date, title, snippet, rank (tabs and
//   csv      line breaks inside a field become spaces in tsv; csv quotes as RFC 4180 says);
//          with --facets, the facet counts instead: kind, key, label, code, documents
// With repeat > 1 the search runs that many times in this process (the first one too) and
// the median and 99th percentile of their times go to stderr: what a long-running server
// answering the same question would see, without the start of a process.
// Throws Error for an unknown format, an unreadable archive or a malformed request.
void SearchArchive(const std::string& db, const SearchRequest& request, const std::string& format, std::ostream& out,
                   int repeat = 1);

// Prints counts, the date span, and the people, organisations and places named in most
// documents.
void PrintArchiveStats(const std::string& db, int top, std::ostream& out);

}  // namespace warta

#endif  // WARTA_INDEX_COMMANDS_H_
