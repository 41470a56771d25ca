#include "stages/structure.h"

#include <re2/re2.h>

#include <algorithm>

#include "error.h"
#include "text/utf8.h"

namespace warta {
namespace {

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  return true;
}

// Lines of s as [start, end) byte ranges without their terminators; \r\n, \n and \r all end a line.
std::vector<Span> Lines(std::string_view s) {
  std::vector<Span> out;
  uint32_t start = 0;
  if (s.find('\r') == std::string_view::npos) {
    // The usual text has \n only: memchr finds the ends many bytes at a time.
    for (size_t nl; (nl = s.find('\n', start)) != std::string_view::npos; start = uint32_t(nl + 1))
      out.push_back({start, uint32_t(nl)});
    out.push_back({start, uint32_t(s.size())});
    return out;
  }
  for (uint32_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      out.push_back({start, i});
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  out.push_back({start, uint32_t(s.size())});
  return out;
}

Span Trim(std::string_view s, Span sp) {
  while (sp.start < sp.end && (s[sp.start] == ' ' || s[sp.start] == '\t')) ++sp.start;
  while (sp.end > sp.start && (s[sp.end - 1] == ' ' || s[sp.end - 1] == '\t')) --sp.end;
  return sp;
}

// The patterns use ASCII classes: datelines are written in ASCII, and RE2 compiles \p{L}
// into large automata that cost ~15 ms at every start-up.
// A place name in a dateline: up to four capitalised words ("Kupang", "JAKARTA", "Tanjung Pinang").
constexpr char kPlace[] = R"(([A-Z][A-Za-z'.]*(?: [A-Z][A-Za-z'.]*){0,3}))";
// An outlet before the place is always a domain ("TEMPO.CO, Jakarta -").
constexpr char kDomainOutlet[] = R"(([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+))";
// An outlet after the place: a domain ("ntt.kpu.go.id", "KOMPAS.com", "TEMPO.CO") or an upper-case name ("ANTARA").
constexpr char kOutlet[] = R"(([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+|[A-Z][A-Za-z]*[A-Z][A-Za-z]*))";

}  // namespace

StructureFinder::StructureFinder(const Lexicon& lexicon) {
  for (const LexiconRow& row : lexicon.Rows("months.tsv", 2))
    months_[row.fields[0]] = std::stoi(row.fields[1]);
  // Groups: 1 outlet before the place, 2 place, 3 outlet in brackets, 4 outlet after a comma,
  // 5-7 day / month / year of a date after the place.
  std::string pattern = std::string("(?:") + kDomainOutlet + ", ?)?" + kPlace +
                        R"((?: ?\(([^()\n]{2,40})\))?)" + "(?:, ?" + kOutlet + ")?" +
                        R"((?:, ?(?:[A-Za-z']+,? )?(\d{1,2}) ([A-Za-z]+)\.? (\d{4}))?)" + R"( ?-{1,3}(?: |$))";
  dateline_ = std::make_unique<re2::RE2>(pattern);
  if (!dateline_->ok()) throw Error("dateline pattern: " + dateline_->error());
}

StructureFinder::~StructureFinder() = default;

void StructureFinder::Run(Document& doc) const {
  const std::string_view text = doc.text;
  std::vector<Span> lines = Lines(text);

  // Paragraphs: blank-line separated when the text has any blank line between text lines,
  // else every line is a paragraph (the one-line-per-paragraph layout of most releases).
  bool blank_between = false;
  {
    bool seen_text = false, blank_after_text = false;
    for (const Span& l : lines) {
      bool blank = IsBlank(doc.Original(l));
      if (!blank && blank_after_text) { blank_between = true; break; }
      if (blank && seen_text) blank_after_text = true;
      if (!blank) seen_text = true;
    }
  }
  doc.paragraphs.clear();
  // Hard-wrapped text (lines of at most ~160 bytes, as e-mail and old archives wrap them): a
  // line that fills most of the width and ends mid-sentence continues on the next line.
  // Releases with one long line per paragraph are untouched.
  size_t max_line = 0;
  for (const Span& l : lines) max_line = std::max<size_t>(max_line, l.end - l.start);
  const bool wrapped = !blank_between && max_line >= 40 && max_line <= 160;
  std::optional<Span> open;
  for (const Span& l : lines) {
    Span t = Trim(text, l);
    if (t.empty() || IsBlank(doc.Original(t))) {
      if (open) doc.paragraphs.push_back(*open), open.reset();
      continue;
    }
    if (!blank_between) {
      if (wrapped && !doc.paragraphs.empty()) {
        Span& prev = doc.paragraphs.back();
        std::string_view pt = doc.Original(prev);
        size_t line_start = text.rfind('\n', prev.end - 1);
        size_t last_len = prev.end - (line_start == std::string_view::npos || line_start < prev.start
                                          ? prev.start : line_start + 1);
        char last = pt.back();
        if (last_len >= max_line * 7 / 10 && std::string_view(".!?:\"')").find(last) == std::string_view::npos &&
            static_cast<unsigned char>(last) < 0x80) {
          prev.end = t.end;
          continue;
        }
      }
      doc.paragraphs.push_back(t);
    } else if (open) {
      open->end = t.end;
    } else {
      open = t;
    }
  }
  if (open) doc.paragraphs.push_back(*open);

  // Title: a first line that stands alone (another paragraph follows), short, and not
  // ending like a sentence.
  uint32_t body_start = 0;
  if (doc.paragraphs.size() >= 2) {
    Span first = doc.paragraphs[0];
    std::string_view t = doc.Original(first);
    bool single_line = t.find('\n') == std::string_view::npos && t.find('\r') == std::string_view::npos;
    char last = t.back();
    size_t cps = utf8::CountCodePoints(t);
    if (single_line && cps <= 200 && last != '.' && last != ',' && last != ';' && last != ':') {
      doc.title = std::string(t);
      doc.title_span = first;
      body_start = doc.paragraphs[1].start;
    }
  }
  if (doc.given_title) {
    doc.title = doc.given_title;
    if (doc.title_span && doc.Original(*doc.title_span) != *doc.given_title) doc.title_span.reset();
  }
  if (!doc.paragraphs.empty()) {
    if (!doc.title_span) body_start = doc.paragraphs[0].start;
    FindDateline(doc, body_start);
  }
}

void StructureFinder::FindDateline(Document& doc, uint32_t body_start) const {
  // Search the norm, where every dash is "-"; map back through norm_map.
  // Find the norm position of body_start: norm positions are >= their origin in the common
  // case of no edits; search from the first norm byte mapping at or after body_start.
  uint32_t lo = 0, hi = uint32_t(doc.norm.size());
  if (doc.norm_map.identity()) lo = hi = std::min(body_start, hi);  // what the search finds, at once
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (doc.norm_map.OrigStart(mid) < body_start) lo = mid + 1; else hi = mid;
  }
  std::string_view rest = std::string_view(doc.norm).substr(lo);
  if (rest.size() > 200) rest = rest.substr(0, 200);
  re2::StringPiece input(rest.data(), rest.size());
  re2::StringPiece g[8];
  if (!dateline_->Match(input, 0, rest.size(), re2::RE2::ANCHOR_START, g, 8)) return;
  if (g[2].empty()) return;
  // The dash must be the last thing matched: strip a trailing space from the span.
  size_t len = g[0].size();
  while (len > 0 && rest[len - 1] == ' ') --len;
  // What follows a dateline begins a sentence: "Kupang – Bupati …", not the reduplication
  // "Orang - orang …" or a lower-case continuation.
  if (g[0].size() < rest.size()) {
    char next = rest[g[0].size()];
    if (next >= 'a' && next <= 'z') return;
  }
  auto norm_pos = [&](const re2::StringPiece& p) { return uint32_t(lo + (p.data() - rest.data())); };
  Dateline d;
  d.span = doc.NormToOrig(lo, lo + uint32_t(len));
  d.place_span = doc.NormToOrig(norm_pos(g[2]), norm_pos(g[2]) + uint32_t(g[2].size()));
  d.place = std::string(doc.Original(d.place_span));
  for (int k : {1, 3, 4}) {
    if (!g[k].empty()) {
      Span os = doc.NormToOrig(norm_pos(g[k]), norm_pos(g[k]) + uint32_t(g[k].size()));
      d.outlet = std::string(doc.Original(os));
      break;
    }
  }
  if (!g[5].empty()) {
    auto m = months_.find(utf8::Lower(std::string_view(g[6].data(), g[6].size())));
    if (m != months_.end()) {
      int day = std::stoi(std::string(g[5].data(), g[5].size()));
      int year = std::stoi(std::string(g[7].data(), g[7].size()));
      if (CivilDate::Valid(year, m->second, day)) d.date = CivilDate{year, m->second, day};
    }
  }
  doc.dateline = std::move(d);
}

}  // namespace warta
