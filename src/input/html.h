// Reads the visible text of an HTML page with a real HTML5 parser (gumbo).
//   <title>…</title><script>…</script><article><h1>KPU NTT Hadiri …</h1><p>Kupang, …</p>
//   → text "KPU NTT Hadiri …\n\nKupang, …", title "KPU NTT Hadiri …"
// Skipped: script, style, noscript, template, nav, footer, aside, form, and elements
// hidden by the `hidden` attribute. Block elements end paragraphs (a blank line).
// Title: og:title, else the first h1, else <title>. Publication date:
// article:published_time, itemprop=datePublished, or the first <time datetime>.
// The tree is walked iteratively, so nesting depth cannot overflow the stack.
#ifndef WARTA_INPUT_HTML_H_
#define WARTA_INPUT_HTML_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace warta {

struct HtmlContent {
  std::string text;                    // the document text (UTF-8), the offsets' reference
  std::optional<std::string> title;
  std::optional<CivilDate> published;
  std::vector<Warning> warnings;
};

// html must be valid UTF-8 (decode first).
HtmlContent ExtractHtml(std::string_view html);

}  // namespace warta

#endif  // WARTA_INPUT_HTML_H_
