// `warta search` and `warta stats`: read an archive made by `warta index` and print.
//   warta search archive.db "tata kelola Bakohumas" --place 53 --from 2025-10-01
//   1. 2025-10-27  releases/kpu-ntt-1027.txt
//      KPU NTT Hadiri Knowledge Sharing Tata Kelola Bakohumas Tahap III
//      …memperkuat [tata] [kelola] [Bakohumas] di daerah…
// (Writing the archive is `warta index`: the extract run with an Archive as its sink.)
#ifndef WARTA_INDEX_COMMANDS_H_
#define WARTA_INDEX_COMMANDS_H_

#include <ostream>
#include <string>

#include "index/archive.h"

namespace warta {

// Prints the hits: "table" (ranked blocks with a highlighted snippet) or "jsonl" (the stored
// records, one per line). Returns 0; throws Error for an unreadable archive or a bad query.
int SearchArchive(const std::string& db, const SearchQuery& query, const std::string& format, std::ostream& out);

// Prints counts, the most frequent people, organisations and places, and the date span.
int PrintArchiveStats(const std::string& db, int top, std::ostream& out);

}  // namespace warta

#endif  // WARTA_INDEX_COMMANDS_H_
