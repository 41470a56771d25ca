#include "input/pdf.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "text/date_time.h"

namespace warta {

namespace {

// ---- lines and paragraphs (AssemblePdfText)

struct Line {
  size_t first = 0, end = 0;  // words [first, end) of the page
  double left = 0, top = 0, right = 0, bottom = 0;
  double height() const { return bottom - top; }
};

bool AsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool AsciiLetter(char c) { return AsciiLower(c) || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

constexpr std::string_view kSoftHyphen = "\xC2\xAD";

// The words of a page grouped into lines: a word starts a new line when it is not beside the
// last one (its middle is off the line's by more than half a height, or it lies back to the left).
std::vector<Line> Lines(const std::vector<PdfWord>& words) {
  std::vector<Line> lines;
  for (size_t i = 0; i < words.size(); ++i) {
    const PdfWord& w = words[i];
    if (!lines.empty()) {
      Line& l = lines.back();
      const double h = std::max(1.0, std::min(w.bottom - w.top, l.height()));
      const bool beside =
          std::fabs((w.top + w.bottom) / 2 - (l.top + l.bottom) / 2) <= h / 2 && w.left >= l.right - h;
      if (beside) {
        l.end = i + 1;
        l.left = std::min(l.left, w.left);
        l.top = std::min(l.top, w.top);
        l.right = std::max(l.right, w.right);
        l.bottom = std::max(l.bottom, w.bottom);
        continue;
      }
    }
    lines.push_back({i, i + 1, w.left, w.top, w.right, w.bottom});
  }
  return lines;
}

// A page number: a line of digits with at most dashes, slashes and spaces ("3", "- 3 -", "3/4").
bool PageNumber(const std::vector<PdfWord>& words, const Line& line) {
  bool digit = false;
  for (size_t i = line.first; i < line.end; ++i) {
    for (char c : words[i].text) {
      if (c >= '0' && c <= '9')
        digit = true;
      else if (c != '-' && c != '/' && c != ' ')
        return false;
    }
  }
  return digit;
}

// The usual distance from one line's top to the next's, on a page: the lower quartile over
// pairs of lines one below the other (most pairs are lines of one paragraph; the wider gaps
// between paragraphs are fewer, and must not set the measure on a page of few lines).
double LinePitch(const std::vector<Line>& lines) {
  std::vector<double> pitches;
  for (size_t i = 1; i < lines.size(); ++i) {
    const Line &a = lines[i - 1], &b = lines[i];
    const double pitch = b.top - a.top;
    if (pitch > 0 && pitch < 3 * std::max(a.height(), 1.0) && b.left < a.right && a.left < b.right)
      pitches.push_back(pitch);
  }
  if (pitches.empty()) return 0;
  std::nth_element(pitches.begin(), pitches.begin() + pitches.size() / 4, pitches.end());
  return pitches[pitches.size() / 4];
}

// Whether the parts of a word hyphenated at a line end repeat each other (a reduplication:
// "Anak-" "anak", "berhari-" "hari", "sebaik-" "baiknya"): three letters or more at the end of
// `head` begin `next`.
bool Reduplication(std::string_view head, std::string_view next) {
  size_t letters = 0;
  while (letters < next.size() && AsciiLetter(next[letters])) ++letters;
  for (size_t k = std::min(head.size(), letters); k >= 3; --k) {
    bool same = true;
    for (size_t i = 0; i < k && same; ++i) same = Lower(head[head.size() - k + i]) == Lower(next[i]);
    if (same) return true;
  }
  return false;
}

// Whether `out` ends in a hyphen that a line break cut a word at: a letter before it.
bool EndsInLineHyphen(const std::string& out) {
  if (out.size() >= kSoftHyphen.size() &&
      std::string_view(out).substr(out.size() - kSoftHyphen.size()) == kSoftHyphen)
    return true;
  return out.size() >= 2 && out.back() == '-' && AsciiLetter(out[out.size() - 2]);
}

// Whether text that ends `out` runs on into a line starting with `next` over a page or column
// break: a word cut by a hyphen, or a line that starts in lower case (no paragraph does).
bool RunsOn(const std::string& out, std::string_view next) {
  return EndsInLineHyphen(out) || (!next.empty() && AsciiLower(next.front()));
}

// Continues the paragraph in `out` with a line whose first word is `next`: the line break
// becomes a space, or joins a hyphenated word.
void JoinLines(std::string& out, std::string_view next) {
  if (out.size() >= kSoftHyphen.size() &&
      std::string_view(out).substr(out.size() - kSoftHyphen.size()) == kSoftHyphen) {
    out.resize(out.size() - kSoftHyphen.size());
    return;
  }
  if (!EndsInLineHyphen(out)) {
    out.push_back(' ');
    return;
  }
  size_t head = out.size() - 1;  // the letters before the hyphen
  while (head > 0 && AsciiLetter(out[head - 1])) --head;
  const std::string_view before = std::string_view(out).substr(head, out.size() - 1 - head);
  if (!next.empty() && AsciiLower(next.front()) && !Reduplication(before, next)) out.pop_back();
}

}  // namespace

std::string AssemblePdfText(const std::vector<std::vector<PdfWord>>& pages) {
  std::string out;
  for (const std::vector<PdfWord>& words : pages) {
    std::vector<Line> lines = Lines(words);
    if (!lines.empty() && PageNumber(words, lines.back())) lines.pop_back();
    if (!lines.empty() && PageNumber(words, lines.front())) lines.erase(lines.begin());
    if (lines.empty()) continue;
    const double pitch = LinePitch(lines);
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& b = lines[i];
      const std::string_view first = words[b.first].text;
      if (!out.empty()) {
        bool paragraph;
        if (i == 0) {
          paragraph = !RunsOn(out, first);  // a page break
        } else {
          const Line& a = lines[i - 1];
          const double h = std::max(a.height(), b.height());
          const bool column_break = b.top < a.top - a.height() / 2 || b.left >= a.right;
          if (column_break)
            paragraph = !RunsOn(out, first);
          else
            paragraph = (pitch > 0 && b.top - a.top > pitch * 1.3 + 0.5) ||
                        std::fabs(b.height() - a.height()) > 0.2 * h;
        }
        if (paragraph) {
          // A hyphen left at a paragraph's end is kept as written.
          out += "\n\n";
        } else {
          JoinLines(out, first);
        }
      }
      for (size_t k = b.first; k < b.end; ++k) {
        out += words[k].text;
        if (k + 1 < b.end && words[k].space_after) out.push_back(' ');
      }
    }
  }
  return out;
}

namespace {

// ---- Poppler

// Problems Poppler reports while reading a file: counted, the first kept (for `pdf-damaged`).
// Poppler calls the handler on the thread that reads, which holds PopplerMutex().
struct PopplerLog {
  size_t count = 0;
  std::string first;
};
thread_local PopplerLog* t_log = nullptr;

void OnPopplerError(const std::string& message, void*) {
  if (!t_log) return;
  if (t_log->count++ == 0) t_log->first = message;
}

std::mutex& PopplerMutex() {
  static std::mutex mu;
  return mu;
}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

std::string Trimmed(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// A Title that names a file rather than the document: what word processors put there when the
// author set none ("Microsoft Word - rilis.docx", "rilis_final.pdf").
bool FileNameTitle(const std::string& title) {
  if (title.rfind("Microsoft ", 0) == 0) return true;
  size_t dot = title.rfind('.');
  if (dot == std::string::npos || title.size() - dot < 3 || title.size() - dot > 5) return false;
  for (size_t i = dot + 1; i < title.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(title[i]))) return false;
  return true;
}

}  // namespace

PdfContent ExtractPdf(std::string_view bytes) {
  PdfContent result;
  auto fail = [&](std::string code, std::string message) {
    result.error = DocumentError{std::move(code), std::move(message)};
    return result;
  };
  if (bytes.size() > kMaxPdfBytes || bytes.size() > size_t(INT_MAX))
    return fail("pdf-too-large", "PDF of " + std::to_string(bytes.size()) +
                                     " bytes, more than warta reads (" + std::to_string(kMaxPdfBytes >> 20) +
                                     " MB)");
  std::lock_guard<std::mutex> lock(PopplerMutex());
  static const bool handler = [] {
    poppler::set_debug_error_function(OnPopplerError, nullptr);
    return true;
  }();
  (void)handler;
  PopplerLog log;
  t_log = &log;
  struct Reset {
    ~Reset() { t_log = nullptr; }
  } reset;

  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
  if (!doc)
    return fail("pdf-broken", "not a readable PDF (Poppler could not open it" +
                                  (log.count ? ": " + log.first : std::string()) + ")");
  if (doc->is_locked()) return fail("pdf-encrypted", "encrypted PDF: opening it needs a password");
  const int pages = doc->pages();
  if (pages <= 0) return fail("pdf-broken", "a PDF without pages");

  std::vector<std::vector<PdfWord>> words;
  const int read = std::min(pages, kMaxPdfPages);
  size_t text_bytes = 0;
  bool truncated = pages > read;
  for (int i = 0; i < read; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    words.emplace_back();
    if (!page) continue;
    for (const poppler::text_box& box : page->text_list()) {
      PdfWord w;
      w.text = Utf8(box.text());
      if (w.text.empty()) continue;
      const poppler::rectf r = box.bbox();
      w.left = r.left();
      w.top = r.top();
      w.right = r.right();
      w.bottom = r.bottom();
      w.space_after = box.has_space_after();
      text_bytes += w.text.size() + 1;
      words.back().push_back(std::move(w));
    }
    if (text_bytes > kMaxPdfTextBytes) {
      truncated = i + 1 < pages;
      break;
    }
  }
  result.text = AssemblePdfText(words);
  if (truncated)
    result.warnings.push_back(
        {"pdf-truncated", "read " + std::to_string(words.size()) + " of " + std::to_string(pages) +
                              " pages (limits: " + std::to_string(kMaxPdfPages) + " pages, " +
                              std::to_string(kMaxPdfTextBytes >> 20) + " MB of text)"});

  // What the file says of itself. Its dates are when the file was made and changed, not when
  // the release was published: kept here, not as `published` (README, "PDF").
  nlohmann::json pdf = nlohmann::json::object();
  pdf["pages"] = pages;
  for (const auto& [key, name] : {std::pair{"Title", "title"}, std::pair{"Author", "author"},
                                  std::pair{"Creator", "creator"}, std::pair{"Producer", "producer"}}) {
    std::string value = Trimmed(Utf8(doc->info_key(key)));
    if (!value.empty()) pdf[name] = value;
  }
  for (const auto& [key, name] : {std::pair{"CreationDate", "created"}, std::pair{"ModDate", "modified"}}) {
    std::string raw = Trimmed(Utf8(doc->info_key(key)));
    if (raw.empty()) continue;
    std::optional<DateTime> date = ParsePdfDate(raw);
    pdf[name] = date ? date->Iso() : raw;
  }
  if (auto title = pdf.find("title"); title != pdf.end() && !FileNameTitle(title->get<std::string>()))
    result.title = title->get<std::string>();
  result.meta_json =
      nlohmann::json{{"pdf", pdf}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  if (result.text.find_first_not_of(" \n") == std::string::npos) {
    result.text.clear();
    return fail("no-text-layer", "no text layer: scanned? (" + std::to_string(pages) +
                                     " page(s) without text; run OCR first, e.g. ocrmypdf)");
  }
  if (log.count)
    result.warnings.push_back({"pdf-damaged", "Poppler reported " + std::to_string(log.count) +
                                                  " problem(s) reading the file; the first: " + log.first});
  return result;
}

}  // namespace warta
