#include "index/commands.h"

#include "error.h"

namespace warta {

int SearchArchive(const std::string& db, const SearchQuery& query, const std::string& format, std::ostream& out) {
  if (format != "table" && format != "jsonl") throw Error("--format must be table or jsonl, not '" + format + "'");
  Archive archive(db, Archive::kRead);
  std::vector<SearchHit> hits = archive.Search(query);
  if (format == "jsonl") {
    for (const SearchHit& h : hits) out << h.record << "\n";
    return 0;
  }
  int n = 0;
  for (const SearchHit& h : hits) {
    out << ++n << ". " << h.date.value_or("----------") << "  " << h.id << "\n";
    if (h.title) out << "   " << *h.title << "\n";
    if (!h.snippet.empty()) {
      std::string s = h.snippet;
      for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      out << "   " << s << "\n";
    }
  }
  if (hits.empty()) out << "no documents match\n";
  return 0;
}

int PrintArchiveStats(const std::string& db, int top, std::ostream& out) {
  Archive archive(db, Archive::kRead);
  ArchiveStats st = archive.Stats(top);
  out << "documents      " << st.documents << "\n"
      << "dates          " << st.first_date.value_or("-") << " … " << st.last_date.value_or("-") << "\n"
      << "people         " << st.people << "\n"
      << "organizations  " << st.organizations << "\n"
      << "places         " << st.places << "\n"
      << "date mentions  " << st.dates << "\n"
      << "quotes         " << st.quotes << "\n";
  auto list = [&](const char* title, const std::vector<std::pair<std::string, long>>& items) {
    out << "\n" << title << " (documents)\n";
    for (const auto& [name, count] : items) out << "  " << count << "\t" << name << "\n";
  };
  list("most frequent people", st.top_people);
  list("most frequent organizations", st.top_organizations);
  list("most frequent places", st.top_places);
  return 0;
}

}  // namespace warta
