// Reads the visible text of an HTML page with a real HTML5 parser (gumbo).
//   <title>…</title><script>…</script><article><h1>KPU NTT Hadiri …</h1><p>Kupang, …</p>
//   → text "KPU NTT Hadiri …\n\nKupang, …", title "KPU NTT Hadiri …"
// The text comes from the first <main>, else the only <article>, else the whole page.
// Skipped: script, style, noscript, template, nav, footer, aside, form, head, iframe, svg,
// button, select; elements with an ARIA role of page furniture (navigation, banner,
// contentinfo, complementary, search, menu …); elements hidden by `hidden`,
// aria-hidden="true" or an inline display:none. Block elements end paragraphs (a blank line).
// Title: og:title, else the first h1 of the text, else the first h1, else <title>.
// URL: <link rel="canonical" href>, else meta og:url.
// Publication date, as written (the pipeline reads it, keeping its time and zone): meta
// article:published_time, else the datePublished of a JSON-LD Article (NewsArticle …, else of
// any JSON-LD object), else meta or an element with itemprop="datePublished", else meta
// pubdate / publishdate / DC.date.issued, else the first visible <time datetime>.
// Elements nested deeper than kMaxHtmlDepth are flattened before parsing (warning
// html-too-deep): gumbo's time grows with the square of the depth and it frees its tree
// recursively. Our own walks are iterative.
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
  std::optional<std::string> url;        // the page's canonical address
  std::optional<std::string> published;  // as written: "2025-10-27T09:15:00+08:00"
  std::vector<Warning> warnings;
};

// html must be valid UTF-8 (decode first).
HtmlContent ExtractHtml(std::string_view html);

// The nesting depth beyond which start tags (and their end tags) are left out.
inline constexpr size_t kMaxHtmlDepth = 512;

// Copies html, leaving out the start tags that would open an element deeper than
// max_depth and the end tags that match them; the text between stays. Void elements,
// elements with optional end tags (p, li, td …) and raw-text elements (script, style …)
// do not count. *dropped (when given) is the number of start tags left out.
//   FlattenDeepNesting("<div><div><b>x</b></div></div>", 1) → "<div>x</div>", *dropped 2
std::string FlattenDeepNesting(std::string_view html, size_t max_depth, size_t* dropped = nullptr);

}  // namespace warta

#endif  // WARTA_INPUT_HTML_H_
