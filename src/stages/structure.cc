#include "stages/structure.h"

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

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alnum(char c) { return Upper(c) || Lower(c) || Digit(c); }

// The length of the domain at s[i] ("ntt.kpu.go.id", "Harian-RI.com"): labels of letters and
// digits, inner hyphens allowed, at least one dot, the last label with a letter; 0 if none.
size_t DomainAt(std::string_view s, size_t i) {
  size_t k = i, labels = 0;
  bool letter = false;  // in the last label
  while (true) {
    const size_t label = k;
    letter = false;
    while (k < s.size() && (Alnum(s[k]) || (s[k] == '-' && k > label && k + 1 < s.size() && Alnum(s[k + 1])))) {
      letter = letter || Upper(s[k]) || Lower(s[k]);
      ++k;
    }
    if (k == label) return 0;
    ++labels;
    if (k + 1 < s.size() && s[k] == '.' && Alnum(s[k + 1])) {
      ++k;
      continue;
    }
    break;
  }
  return labels >= 2 && letter ? k - i : 0;
}

// The length of the name at s[i]: up to four words of a capital and letters, "'" or "." ("Kupang",
// "JAKARTA", "Tanjung Pinang", "Kabar Marapu", "KAB. CIREBON"), one space between them; 0 if none.
size_t NameAt(std::string_view s, size_t i) {
  size_t k = i, end = 0;
  for (int w = 0; w < 4; ++w) {
    if (k >= s.size() || !Upper(s[k])) break;
    ++k;
    while (k < s.size() && (Upper(s[k]) || Lower(s[k]) || s[k] == '\'' || s[k] == '.')) ++k;
    end = k;
    if (k + 1 < s.size() && s[k] == ' ' && Upper(s[k + 1])) {
      ++k;
      continue;
    }
    break;
  }
  return end ? end - i : 0;
}

bool AllUpper(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (Lower(c)) return false;
    letter = letter || Upper(c);
  }
  return letter;
}

}  // namespace

StructureFinder::StructureFinder(const Lexicon& lexicon, StageSettings settings)
    : fast_paths_(settings.fast_paths) {
  for (const LexiconRow& row : lexicon.Rows("months.tsv", 2))
    months_[row.fields[0]] = std::stoi(row.fields[1]);
  // The place names a dateline's parts are told apart by ("Kabar Marapu, Jakarta –").
  auto add = [&](std::string_view name) {
    for (std::string_view prefix : {"Kabupaten ", "Kota "})
      if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
    places_.insert(utf8::Lower(name));
  };
  for (const char* file : {"places/provinces.tsv", "places/regencies.tsv"})
    for (const LexiconRow& row : lexicon.Rows(file, 2)) add(row.fields[1]);
  for (const char* file : {"places/cities.tsv", "places/aliases.tsv"})
    for (const LexiconRow& row : lexicon.Rows(file, 2)) add(row.fields[0]);
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
  // A text of long lines is one paragraph per line even with blank lines in it: a release
  // written a paragraph a line with a blank-separated signature block below ("Jakarta, 23 Juli
  // 2025" / "Kepala Biro …" / blank / the name) keeps its lines apart.
  if (blank_between && max_line > 160) blank_between = false;
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

std::optional<StructureFinder::DatelineParse> StructureFinder::ParseDateline(std::string_view s) const {
  // "Kuningan-Jabarnews.id, Bupati …" reads as one domain first; then as a name and a domain.
  if (auto d = ParseDateline(s, false)) return d;
  return ParseDateline(s, true);
}

std::optional<StructureFinder::DatelineParse> StructureFinder::ParseDateline(std::string_view s,
                                                                             bool name_first) const {
  enum class Kind { kDomain, kName };
  struct Part {
    Piece piece;
    Kind kind;
    bool bracketed;
  };
  Part parts[3];
  size_t count = 0;
  size_t i = 0;
  char joiner = 0;  // what joined the last part to the one before it
  DatelineParse d;
  // The parts.
  while (count < 3) {
    const bool bracketed = i < s.size() && s[i] == '(';
    const size_t at = i + (bracketed ? 1 : 0);
    size_t len = count == 0 && name_first ? 0 : DomainAt(s, at);
    Kind kind = Kind::kDomain;
    if (!len) {
      len = NameAt(s, at);
      kind = Kind::kName;
    }
    if (!len) return std::nullopt;  // nothing, or a joiner to nothing
    size_t k = at + len;
    if (bracketed) {
      if (k >= s.size() || s[k] != ')') return std::nullopt;
      ++k;
    }
    parts[count++] = Part{Piece{at, len}, kind, bracketed};
    i = k;
    // The joiner to a next part.
    if (i + 1 < s.size() && s[i] == ',') {
      if (kind == Kind::kDomain && (joiner == '-' || joiner == '_')) break;  // the comma ends it
      const size_t next = s[i + 1] == ' ' ? i + 2 : i + 1;
      if (next < s.size() && (Upper(s[next]) || Digit(s[next]) || s[next] == '(' || Lower(s[next]))) {
        // A domain may start lower case ("bawaslu.go.id"); a name may not.
        if (Lower(s[next]) && !DomainAt(s, next)) break;
        if (Digit(s[next])) break;  // a date follows
        if (const size_t w = NameAt(s, next); Upper(s[next]) && next + w + 1 < s.size() && s[next + w] == ',') {
          const size_t after = next + w + (s[next + w + 1] == ' ' ? 2 : 1);
          if (after < s.size() && Digit(s[after])) break;  // a weekday and a date follow
        }
        joiner = ',';
        i = next;
        continue;
      }
      break;
    }
    if (i + 1 < s.size() && s[i] == '_' && Alnum(s[i + 1])) {
      joiner = '_';
      ++i;
      continue;
    }
    if (i + 1 < s.size() && s[i] == ' ' && s[i + 1] == '(') {
      joiner = ' ';
      ++i;
      continue;
    }
    if (kind == Kind::kName && !bracketed && i + 1 < s.size() && s[i] == '-' && DomainAt(s, i + 1)) {
      joiner = '-';
      ++i;
      continue;
    }
    break;
  }
  if (count == 0) return std::nullopt;
  // A date: ", " [weekday ","] day month year.
  if (i < s.size() && s[i] == ',') {
    size_t k = i + 1;
    if (k < s.size() && s[k] == ' ') ++k;
    size_t w = k;
    while (w < s.size() && (Upper(s[w]) || Lower(s[w]) || s[w] == '\'')) ++w;
    if (w > k && w < s.size() && s[w] == ',') k = w + (w + 1 < s.size() && s[w + 1] == ' ' ? 2 : 1);
    size_t day = k;
    while (k < s.size() && Digit(s[k]) && k - day < 2) ++k;
    size_t day_end = k;
    if (day_end > day && k < s.size() && s[k] == ' ') {
      size_t month = ++k;
      while (k < s.size() && (Upper(s[k]) || Lower(s[k]))) ++k;
      size_t month_end = k;
      if (k < s.size() && s[k] == '.') ++k;
      if (month_end > month && k < s.size() && s[k] == ' ') {
        size_t year = ++k;
        while (k < s.size() && Digit(s[k]) && k - year < 4) ++k;
        if (k - year == 4 && !(k < s.size() && Digit(s[k]))) {
          auto m = months_.find(utf8::Lower(s.substr(month, month_end - month)));
          if (m != months_.end()) {
            int dd = std::stoi(std::string(s.substr(day, day_end - day)));
            int yy = std::stoi(std::string(s.substr(year, 4)));
            if (CivilDate::Valid(yy, m->second, dd)) d.date = CivilDate{yy, m->second, dd};
            i = k;
          }
        }
      }
    }
  }
  // The end.
  const Part& last = parts[count - 1];
  size_t k = i;
  while (k < s.size() && s[k] == ' ') ++k;
  size_t length = 0;
  if (k < s.size() && s[k] == '-') {
    size_t dash = k;
    while (k < s.size() && s[k] == '-' && k - dash < 3) ++k;
    if (k == s.size() || s[k] == ' ' || s[k] == '\n' || s[k] == '\r')
      length = k;
    else if (Upper(s[k]) && dash == i && last.kind == Kind::kName && !last.bracketed && count == 1 &&
             last.piece.size >= 4 && AllUpper(s.substr(last.piece.start, last.piece.size)) &&
             s.substr(last.piece.start, last.piece.size).find(' ') == std::string_view::npos)
      length = k;  // "KASONGAN-Adanya": one upper-case word ("K-Pop", "PS TIRA-Persikabo" are none)
  } else if (k < s.size() && s[k] == ',' && k == i && last.kind == Kind::kDomain && (joiner == '-' || joiner == '_')) {
    length = k + 1;  // "Rokan Hulu-Ameranews.com, Rapat …"
  } else if (d.date && (k == s.size() || s[k] == '\n' || s[k] == '\r')) {
    length = i;  // "Jakarta, 12 Juni 2025" alone on its line
  }
  if (!length) return std::nullopt;
  // What follows a dateline begins a sentence: "Kupang – Bupati …", not the reduplication
  // "Orang - orang …" or a lower-case continuation.
  size_t next = length;
  while (next < s.size() && s[next] == ' ') ++next;
  if (next < s.size() && Lower(s[next])) return std::nullopt;
  d.length = length;
  while (d.length > 0 && s[d.length - 1] == ' ') --d.length;
  // The place and the outlet.
  int place = -1;
  auto name = [&](int p) { return s.substr(parts[p].piece.start, parts[p].piece.size); };
  std::vector<int> names;
  for (int p = 0; p < int(count); ++p) {
    if (parts[p].kind == Kind::kName && parts[p].bracketed && p > 0 && parts[p - 1].kind == Kind::kDomain) {
      place = p;  // "ABDYAKITA.COM, (BLANGPIDIE)"
      break;
    }
    if (parts[p].kind == Kind::kName && !parts[p].bracketed) names.push_back(p);
  }
  if (place < 0 && names.size() == 1) place = names[0];
  if (place < 0 && names.size() >= 2) {
    const int a = names[0], b = names[1];
    const bool known_a = places_.count(utf8::Lower(name(a))) > 0, known_b = places_.count(utf8::Lower(name(b))) > 0;
    // "TEMPO, CO. Jakarta -" is a broken outlet, not an outlet and a place.
    if (!known_a && !known_b && (name(a).find(". ") != std::string_view::npos || name(b).find(". ") != std::string_view::npos))
      return std::nullopt;
    if (known_b && !known_a)
      place = b;
    else if (!known_a && AllUpper(name(a)) && !AllUpper(name(b)) && name(b).find('.') == std::string_view::npos)
      place = b;  // "TOTABUANKINI, Bolsel" (not "TEMPO, CO. Jakarta")
    else
      place = a;
  }
  if (place < 0) return std::nullopt;
  d.place = parts[place].piece;
  for (int p = 0; p < int(count); ++p) {
    if (p == place) continue;
    if (!d.outlet) d.outlet = parts[p].piece;
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
