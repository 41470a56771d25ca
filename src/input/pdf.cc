#include "input/pdf.h"

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "input/pdf_module.h"
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

// ---- the Poppler module

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

// The module's reader, loaded once: warta-poppler.so beside the installed binary
// (<prefix>/bin/warta → WARTA_INSTALLED_PDF_MODULE relative to it, through symlinks), else the
// one of the build tree. Null, with *why set, when neither loads.
using ReadPdf = void (*)(const char*, size_t, PdfFile*);

ReadPdf LoadModule(std::string* why) {
  static std::string error;
  static const ReadPdf read = []() -> ReadPdf {
    std::vector<std::string> candidates;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec)
      candidates.push_back((exe.parent_path() / WARTA_INSTALLED_PDF_MODULE).lexically_normal().string());
    candidates.push_back(WARTA_BUILD_PDF_MODULE);
    for (const std::string& path : candidates) {
      if (!std::filesystem::exists(path, ec)) continue;
      void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!module) {
        const char* message = dlerror();
        error = path + ": " + (message ? message : "cannot be loaded");
        continue;
      }
      auto version = reinterpret_cast<int (*)()>(dlsym(module, "warta_pdf_module_version"));
      auto read = reinterpret_cast<ReadPdf>(dlsym(module, "warta_pdf_read"));
      if (!version || !read || version() != kPdfModuleVersion) {
        error = path + ": not the PDF module of this warta";
        continue;
      }
      return read;  // kept loaded for the rest of the run
    }
    if (error.empty()) error = "no " + candidates.back().substr(candidates.back().rfind('/') + 1) + " found";
    return nullptr;
  }();
  if (!read) *why = error;
  return read;
}

}  // namespace

PdfContent ExtractPdf(std::string_view bytes) {
  PdfContent result;
  auto fail = [&](std::string code, std::string message) {
    result.error = DocumentError{std::move(code), std::move(message)};
    return result;
  };
  if (bytes.size() > kMaxPdfBytes)
    return fail("pdf-too-large", "PDF of " + std::to_string(bytes.size()) +
                                     " bytes, more than warta reads (" + std::to_string(kMaxPdfBytes >> 20) +
                                     " MB)");
  std::string why;
  const ReadPdf read = LoadModule(&why);
  if (!read) return fail("pdf-unsupported", "PDF input is not available (the Poppler module: " + why + ")");
  PdfFile file;
  read(bytes.data(), bytes.size(), &file);
  if (!file.error_code.empty()) return fail(file.error_code, file.error_message);

  result.text = AssemblePdfText(file.words);
  if (file.truncated)
    result.warnings.push_back(
        {"pdf-truncated", "read " + std::to_string(file.words.size()) + " of " + std::to_string(file.pages) +
                              " pages (limits: " + std::to_string(kMaxPdfPages) + " pages, " +
                              std::to_string(kMaxPdfTextBytes >> 20) + " MB of text)"});

  // What the file says of itself. Its dates are when the file was made and changed, not when
  // the release was published: kept here, not as `published` (README, "PDF").
  nlohmann::json pdf = nlohmann::json::object();
  pdf["pages"] = file.pages;
  static constexpr std::pair<std::string_view, const char*> kNames[] = {
      {"Title", "title"},       {"Author", "author"},        {"Creator", "creator"},
      {"Producer", "producer"}, {"CreationDate", "created"}, {"ModDate", "modified"}};
  for (const auto& [key, value] : file.info) {
    for (const auto& [info_key, name] : kNames) {
      if (key != info_key) continue;
      std::string text = Trimmed(value);
      if (text.empty()) break;
      if (key == "CreationDate" || key == "ModDate") {
        std::optional<DateTime> date = ParsePdfDate(text);
        pdf[name] = date ? date->Iso() : text;
      } else {
        pdf[name] = text;
      }
    }
  }
  if (auto title = pdf.find("title"); title != pdf.end() && !FileNameTitle(title->get<std::string>()))
    result.title = title->get<std::string>();
  result.meta_json =
      nlohmann::json{{"pdf", pdf}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  if (result.text.find_first_not_of(" \n") == std::string::npos) {
    result.text.clear();
    return fail("no-text-layer", "no text layer: scanned? (" + std::to_string(file.pages) +
                                     " page(s) without text; run OCR first, e.g. ocrmypdf)");
  }
  if (file.problems)
    result.warnings.push_back(
        {"pdf-damaged", "Poppler reported " + std::to_string(file.problems) +
                            " problem(s) reading the file; the first: " + file.first_problem});
  return result;
}

}  // namespace warta
