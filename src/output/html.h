// The release view: a document's text with every person, role, organisation, place, date and
// quote highlighted by type, what warta resolved for each, and the lists beside the text —
// the page `warta serve` shows for a release and `warta extract --format html` writes.
//   ReleaseHtml(record, text, links)
//     → <article class="release">… <div class="text" id="text">Ketua <mark class="hl hl-org"
//       data-type="org" data-start="6" data-end="9" title="Organisation: Komisi Pemilihan
//       Umum (KPU)">KPU</mark> NTT …</div> <aside>People … Places …</aside></article>
// Reads: a record as output/record.cc writes it (without "text"; a record with an "error"
// or fields of the wrong type renders what it can) and the text its offsets count in.
// Writes: HTML in which every piece of the record and the text is escaped; only http(s)
// URLs become links. Pure functions, safe from any thread.
// Highlights: one <mark> per span, nested where spans nest; a span that crosses another is
// cut into pieces that repeat its data-start and data-end (the span's own offsets, in code
// points of the text). A span whose offsets are out of range, or whose "text" is not the
// text at its offsets, is not highlighted. Inside the text element, the DOM text is the
// document text code point for code point: a carriage return is written &#13; (a raw one
// would become a line feed), NUL and the other C0 controls but tab and line feed become
// U+FFFD, and so does each byte of invalid UTF-8.
#ifndef WARTA_OUTPUT_HTML_H_
#define WARTA_OUTPUT_HTML_H_

#include <functional>
#include <string>
#include <string_view>

namespace warta {

// Text for an HTML element or a quoted attribute value: & < > " ' as character references,
// \r as &#13;, NUL, the other C0 controls but \t and \n, DEL and each byte of invalid UTF-8
// as U+FFFD.
std::string HtmlEscape(std::string_view text);

// Whether `url` may become a link: http:// or https:// (any case) followed by a host, and no
// space, control character, quote, angle bracket or backslash anywhere.
bool IsWebUrl(std::string_view url);

// Percent-encodes a URL query value: every byte but [A-Za-z0-9-._~] (space as %20).
std::string UrlEncode(std::string_view value);

// Where a release view links. An empty function, or one that returns "", makes no link.
struct ReleaseLinks {
  std::string record;                                  // the JSON record
  std::function<std::string(const std::string&)> person;  // a person's page, by name
  std::function<std::string(const std::string&)> place;   // a place's page, by area code
  std::function<std::string(const std::string&)> organization;  // its releases, by name
};

// The release view of one record and its text, as an <article> element. Never throws: a
// record that is not JSON renders as a note saying so.
std::string ReleaseHtml(const std::string& record_json, const std::string& text, const ReleaseLinks& links);

// The style sheet of the release view and of `warta serve`'s pages: colours from Okabe and
// Ito's palette for colour-blind readers, each type also told by its underline's style
// (solid, double, dashed, dotted, wavy) so that a grey print still separates them.
extern const char kPageCss[];

// A whole page that needs nothing beside itself (`extract --format html`): the style sheet
// inline and a Content-Security-Policy that allows no script and no request. `body` is
// HTML; `title` is text (escaped here).
std::string StandalonePage(std::string_view title, std::string_view body);
// The same page in two parts, for a writer that streams its body between them
// (`extract --format html`: one <article> per document).
std::string StandalonePageHead(std::string_view title);
std::string StandalonePageTail();

// The JSON record with "text" added (after the record's fields), compact; the record as it
// is when it is not a JSON object.
std::string RecordWithText(const std::string& record_json, const std::string& text);

}  // namespace warta

#endif  // WARTA_OUTPUT_HTML_H_
