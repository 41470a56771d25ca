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
// fast: a text without '\r' is cut at each '\n' found by memchr (the fast path).
std::vector<Span> Lines(std::string_view s, bool fast) {
  std::vector<Span> out;
  uint32_t start = 0;
  if (fast && s.find('\r') == std::string_view::npos) {
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

StructureFinder::StructureFinder(const Lexicon& lexicon, StageSettings settings)
    : fast_paths_(settings.fast_paths) {
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
  FindParagraphs(doc);
  const uint32_t body_start = FindTitle(doc);
  if (!doc.paragraphs.empty()) FindDateline(doc, body_start);
}

void StructureFinder::FindParagraphs(Document& doc) const {
  const std::string_view text = doc.text;
  const std::vector<Span> lines = Lines(text, fast_paths_);
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
}

uint32_t StructureFinder::FindTitle(Document& doc) {
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
  if (!doc.title_span && !doc.paragraphs.empty()) body_start = doc.paragraphs[0].start;
  return body_start;
}

uint32_t StructureFinder::NormStart(const Document& doc, uint32_t body_start) const {
  // The norm positions that map before body_start come first: a binary search finds the
  // first that does not. (The fast path: a norm that is the text maps each byte to itself.)
  uint32_t lo = 0, hi = uint32_t(doc.norm.size());
  if (fast_paths_ && doc.norm_map.identity()) return std::min(body_start, hi);
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (doc.norm_map.OrigStart(mid) < body_start) lo = mid + 1; else hi = mid;
  }
  return lo;
}

std::optional<StructureFinder::DatelineParse> StructureFinder::ParseDateline(std::string_view opening) const {
  re2::StringPiece input(opening.data(), opening.size());
  re2::StringPiece g[8];
  if (!dateline_->Match(input, 0, opening.size(), re2::RE2::ANCHOR_START, g, 8)) return std::nullopt;
  if (g[2].empty()) return std::nullopt;
  // What follows a dateline begins a sentence: "Kupang – Bupati …", not the reduplication
  // "Orang - orang …" or a lower-case continuation.
  if (g[0].size() < opening.size()) {
    char next = opening[g[0].size()];
    if (next >= 'a' && next <= 'z') return std::nullopt;
  }
  auto piece = [&](const re2::StringPiece& p) { return Piece{size_t(p.data() - opening.data()), p.size()}; };
  DatelineParse d;
  // The dash must be the last thing matched: a trailing space is not part of the dateline.
  d.length = g[0].size();
  while (d.length > 0 && opening[d.length - 1] == ' ') --d.length;
  d.place = piece(g[2]);
  for (int k : {1, 3, 4}) {
    if (!g[k].empty()) {
      d.outlet = piece(g[k]);
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
  return d;
}

void StructureFinder::FindDateline(Document& doc, uint32_t body_start) const {
  // Read in the norm, where every dash is "-"; mapped back through norm_map.
  const uint32_t lo = NormStart(doc, body_start);
  const std::string_view opening = std::string_view(doc.norm).substr(lo, kDatelineWindow);
  const std::optional<DatelineParse> parse = ParseDateline(opening);
  if (!parse) return;
  auto text_span = [&](Piece p) {
    return doc.NormToOrig(uint32_t(lo + p.start), uint32_t(lo + p.start + p.size));
  };
  Dateline d;
  d.span = doc.NormToOrig(lo, lo + uint32_t(parse->length));
  d.place_span = text_span(parse->place);
  d.place = std::string(doc.Original(d.place_span));
  if (parse->outlet) d.outlet = std::string(doc.Original(text_span(*parse->outlet)));
  d.date = parse->date;
  doc.dateline = std::move(d);
}

}  // namespace warta
