// The Poppler side of PDF input, built as the module warta-poppler.so (input/pdf_module.h):
// the only file that includes Poppler. It reads the words of each page in Poppler's reading
// order (page::text_list) and the Info dictionary; input/pdf.cc makes text of them.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <memory>
#include <mutex>

#include "input/pdf_module.h"

namespace {

// Problems Poppler reports while reading a file: counted, the first kept (for `pdf-damaged`).
// Poppler calls the handler on the thread that reads, which holds the module's mutex.
thread_local warta::PdfFile* t_file = nullptr;

void OnPopplerError(const std::string& message, void*) {
  if (!t_file) return;
  if (t_file->problems++ == 0) t_file->first_problem = message;
}

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

void Read(const char* data, size_t size, warta::PdfFile& out) {
  auto fail = [&](const char* code, std::string message) {
    out.error_code = code;
    out.error_message = std::move(message);
  };
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data, int(size)));
  if (!doc) {
    fail("pdf-broken", "not a readable PDF (Poppler could not open it" +
                           (out.problems ? ": " + out.first_problem : std::string()) + ")");
    return;
  }
  if (doc->is_locked()) return fail("pdf-encrypted", "encrypted PDF: opening it needs a password");
  out.pages = doc->pages();
  if (out.pages <= 0) return fail("pdf-broken", "a PDF without pages");
  for (const char* key : {"Title", "Author", "Creator", "Producer", "CreationDate", "ModDate"}) {
    std::string value = Utf8(doc->info_key(key));
    if (!value.empty()) out.info.emplace_back(key, std::move(value));
  }
  const int read = std::min(out.pages, warta::kMaxPdfPages);
  out.truncated = out.pages > read;
  size_t text_bytes = 0;
  for (int i = 0; i < read; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    out.words.emplace_back();
    if (!page) continue;
    for (const poppler::text_box& box : page->text_list()) {
      warta::PdfWord w;
      w.text = Utf8(box.text());
      if (w.text.empty()) continue;
      const poppler::rectf r = box.bbox();
      w.left = r.left();
      w.top = r.top();
      w.right = r.right();
      w.bottom = r.bottom();
      w.space_after = box.has_space_after();
      text_bytes += w.text.size() + 1;
      out.words.back().push_back(std::move(w));
    }
    if (text_bytes > warta::kMaxPdfTextBytes) {
      out.truncated = i + 1 < out.pages;
      break;
    }
  }
}

}  // namespace

extern "C" int warta_pdf_module_version() { return warta::kPdfModuleVersion; }

extern "C" void warta_pdf_read(const char* data, size_t size, warta::PdfFile* out) {
  // Poppler is not documented as safe for documents read on several threads at once.
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  static const bool handler = [] {
    poppler::set_debug_error_function(OnPopplerError, nullptr);
    return true;
  }();
  (void)handler;
  t_file = out;
  try {
    if (size > size_t(INT_MAX)) {
      out->error_code = "pdf-too-large";
      out->error_message = "PDF too large for Poppler";
    } else {
      Read(data, size, *out);
    }
  } catch (const std::exception& e) {
    *out = warta::PdfFile();
    out->error_code = "pdf-broken";
    out->error_message = std::string("Poppler failed: ") + e.what();
  }
  t_file = nullptr;
}
