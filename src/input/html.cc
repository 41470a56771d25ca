#include "input/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>

#include "text/utf8.h"

namespace warta {
namespace {

bool Skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
      return true;
    default:
      return false;
  }
}

bool Block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_PRE: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BODY: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// Appends text with runs of whitespace folded to one space (HTML's rendering of text).
void AppendFolded(std::string& out, const char* s) {
  for (; *s; ++s) {
    char c = *s;
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

void EndBlock(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return;
  if (out.back() != '\n') out += "\n\n";
  else if (out.size() < 2 || out[out.size() - 2] != '\n') out.push_back('\n');
}

std::string TextOf(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      AppendFolded(out, n->v.text.text);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.substr(out.find_first_not_of(' ') == std::string::npos ? out.size() : out.find_first_not_of(' '));
}

// Hidden from readers: the `hidden` attribute, aria-hidden="true", an inline display:none.
bool Hidden(const GumboElement& e) {
  if (Attr(e, "hidden")) return true;
  if (const char* aria = Attr(e, "aria-hidden"); aria && !std::strcmp(aria, "true")) return true;
  if (const char* style = Attr(e, "style")) {
    std::string compact;
    for (const char* c = style; *c; ++c)
      if (*c != ' ' && *c != '\t') compact.push_back(utf8::AsciiLower(*c));
    if (compact.find("display:none") != std::string::npos) return true;
  }
  return false;
}

// Page furniture marked with an ARIA landmark role: menus, the site banner, the footer,
// sidebars, search boxes (WAI-ARIA 1.2 landmark and widget roles).
bool Boilerplate(const GumboElement& e) {
  const char* role = Attr(e, "role");
  if (!role) return false;
  static constexpr const char* kRoles[] = {"navigation", "banner", "contentinfo", "complementary",
                                           "search", "menu", "menubar", "dialog", "alertdialog"};
  for (const char* r : kRoles)
    if (!std::strcmp(role, r)) return true;
  return false;
}

bool AsciiIEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (utf8::AsciiLower(a[i]) != utf8::AsciiLower(b[i])) return false;
  return true;
}

// Elements that never nest (void) or close themselves implicitly (optional end tags): they
// do not deepen the tree however many there are.
bool Shallow(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
      "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "colgroup",
      "caption", "thead", "tbody", "tfoot", "html", "head", "body"};
  for (std::string_view n : kNames)
    if (AsciiIEquals(n, name)) return true;
  return false;
}

// Elements whose content is raw text to their end tag (no tags inside).
bool RawText(std::string_view name) {
  static constexpr std::string_view kNames[] = {"script", "style", "textarea", "title", "xmp", "iframe",
                                                "noembed", "noframes"};
  for (std::string_view n : kNames)
    if (AsciiIEquals(n, name)) return true;
  return false;
}

// Finds `what` (ASCII, lower case) in s from `from` on, ignoring ASCII case; npos if absent.
size_t FindIgnoringCase(std::string_view s, std::string_view what, size_t from) {
  for (size_t i = from; i + what.size() <= s.size(); ++i)
    if (AsciiIEquals(s.substr(i, what.size()), what)) return i;
  return std::string_view::npos;
}

bool TagNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// Where a page states its publication date, most trusted first (HtmlContent).
enum DateSource { kPublishedTime, kJsonLdArticle, kJsonLdOther, kItemprop, kMetaOther, kDateSources };

// The meta names that some sites use for the publication date instead of Open Graph's.
bool OtherDateMeta(const char* name) {
  static constexpr std::string_view kNames[] = {"pubdate", "publishdate", "publish-date", "dc.date.issued",
                                                "dcterms.issued"};
  for (std::string_view n : kNames)
    if (AsciiIEquals(n, name)) return true;
  return false;
}

// Whether a JSON-LD "@type" (a string or an array of them) names an article: Article,
// NewsArticle, ReportageNewsArticle, BlogPosting … (schema.org's CreativeWork types).
bool ArticleType(const nlohmann::json& type) {
  auto is_article = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article);
  return is_article(type);
}

// The datePublished of a JSON-LD block: of an article where one says it, else of the first
// object that has one. Objects are walked iteratively (arrays, "@graph").
void JsonLdDate(std::string_view script, std::optional<std::string> found[kDateSources]) {
  if (script.size() > (size_t(1) << 20)) return;  // no metadata block is that large
  nlohmann::json j = nlohmann::json::parse(script, nullptr, false);
  if (j.is_discarded()) return;
  std::vector<const nlohmann::json*> stack{&j};
  while (!stack.empty()) {
    const nlohmann::json* v = stack.back();
    stack.pop_back();
    if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it) stack.push_back(&*it);
      continue;
    }
    if (!v->is_object()) continue;
    auto date = v->find("datePublished");
    if (date != v->end() && date->is_string() && !date->get_ref<const std::string&>().empty()) {
      auto type = v->find("@type");
      DateSource source = type != v->end() && ArticleType(*type) ? kJsonLdArticle : kJsonLdOther;
      if (!found[source]) found[source] = date->get<std::string>();
    }
    if (auto graph = v->find("@graph"); graph != v->end()) stack.push_back(&*graph);
  }
}

}  // namespace

std::string FlattenDeepNesting(std::string_view html, size_t max_depth, size_t* dropped) {
  std::string out;
  out.reserve(html.size());
  std::vector<std::string> open;     // names of the kept open elements
  std::vector<std::string> removed;  // names of the start tags left out, innermost last
  size_t count = 0;
  size_t i = 0, copied = 0;  // html[copied, i) is still to be copied
  auto copy_to = [&](size_t end) {
    out.append(html.substr(copied, end - copied));
    copied = end;
  };
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_start = i + (closing ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < html.size() && TagNameChar(html[name_end])) ++name_end;
    if (name_end == name_start || !std::isalpha(static_cast<unsigned char>(html[name_start]))) {
      ++i;  // "<!doctype", "<?xml", a lone "<": not an element
      continue;
    }
    // The end of the tag: the first '>' outside a quoted attribute value.
    size_t end = name_end;
    char quote = 0;
    for (; end < html.size(); ++end) {
      char c = html[end];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (end >= html.size()) break;
    ++end;
    std::string name(html.substr(name_start, name_end - name_start));
    utf8::AsciiLowerInPlace(name.data(), name.size());
    if (closing) {
      if (!removed.empty() && removed.back() == name) {
        copy_to(i);
        copied = end;  // the end tag of a left-out start tag goes too
        removed.pop_back();
      } else {
        for (size_t k = open.size(); k-- > 0;) {
          if (open[k] == name) {
            open.resize(k);
            break;
          }
        }
      }
      i = end;
      continue;
    }
    bool self_closing = html[end - 2] == '/';
    if (RawText(name)) {
      size_t close = FindIgnoringCase(html, "</" + name, end);
      i = close == std::string_view::npos ? html.size() : close;
      continue;
    }
    if (!self_closing && !Shallow(name)) {
      if (open.size() < max_depth) {
        open.push_back(name);
      } else {
        copy_to(i);
        copied = end;
        removed.push_back(name);
        ++count;
      }
    }
    i = end;
  }
  copy_to(html.size());
  if (dropped) *dropped = count;
  return out;
}

HtmlContent ExtractHtml(std::string_view html) {
  HtmlContent result;
  // Gumbo checks element scopes by walking the whole stack of open elements, so parsing
  // time grows with the square of the nesting depth (100k nested divs: minutes), and it
  // frees the tree recursively. Browsers cap the depth too (Blink at 512).
  size_t dropped = 0;
  std::string flattened = FlattenDeepNesting(html, kMaxHtmlDepth, &dropped);
  if (dropped) {
    html = flattened;
    result.warnings.push_back({"html-too-deep", "elements nested deeper than " + std::to_string(kMaxHtmlDepth) +
                                                    " were flattened (" + std::to_string(dropped) + " tags)"});
  }
  GumboOptions options = kGumboDefaultOptions;
  options.stop_on_first_error = false;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!output) {
    result.warnings.push_back({"html-unparsed", "the HTML parser gave up; no text was read"});
    return result;
  }
  // Pass 1, over the whole tree: metadata, the <title>, the first h1, and the element that
  // holds the story (the first <main>, else the only <article>, else the whole page).
  std::optional<std::string> og_title, h1_anywhere, title_tag, canonical, og_url;
  std::optional<std::string> dates[kDateSources];
  const GumboNode* main = nullptr;
  const GumboNode* article = nullptr;
  size_t articles = 0;
  {
    std::vector<const GumboNode*> stack{output->root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = n->v.element;
      if (e.tag == GUMBO_TAG_META) {
        const char* prop = Attr(e, "property");
        if (!prop) prop = Attr(e, "name");
        if (!prop) prop = Attr(e, "itemprop");
        const char* content = Attr(e, "content");
        if (prop && content) {
          if (!std::strcmp(prop, "og:title") && !og_title) og_title = content;
          if (!std::strcmp(prop, "og:url") && !og_url && *content) og_url = content;
          if (!std::strcmp(prop, "article:published_time") && !dates[kPublishedTime])
            dates[kPublishedTime] = content;
          if (!std::strcmp(prop, "datePublished") && !dates[kItemprop]) dates[kItemprop] = content;
          if (OtherDateMeta(prop) && !dates[kMetaOther]) dates[kMetaOther] = content;
        }
      } else if (const char* itemprop = Attr(e, "itemprop");
                 itemprop && !std::strcmp(itemprop, "datePublished")) {
        // <time itemprop="datePublished" datetime="…">, <span itemprop="datePublished" content="…">
        const char* value = Attr(e, "datetime");
        if (!value) value = Attr(e, "content");
        if (value && !dates[kItemprop]) dates[kItemprop] = value;
      } else if (e.tag == GUMBO_TAG_LINK) {
        // rel is a list of keywords: rel="canonical", rel="canonical nofollow"
        const char* rel = Attr(e, "rel");
        const char* href = Attr(e, "href");
        if (rel && href && *href && !canonical) {
          std::string rels = std::string(" ") + rel + " ";
          for (char& c : rels) c = char(std::tolower(static_cast<unsigned char>(c)));
          if (rels.find(" canonical ") != std::string::npos) canonical = href;
        }
      } else if (e.tag == GUMBO_TAG_SCRIPT) {
        const char* type = Attr(e, "type");
        if (type && AsciiIEquals(type, "application/ld+json") && e.children.length == 1) {
          const GumboNode* body = static_cast<const GumboNode*>(e.children.data[0]);
          if (body->type == GUMBO_NODE_TEXT || body->type == GUMBO_NODE_CDATA)
            JsonLdDate(body->v.text.text, dates);
        }
      }
      if (e.tag == GUMBO_TAG_TITLE && !title_tag) title_tag = TextOf(n);
      if (e.tag == GUMBO_TAG_H1 && !h1_anywhere) h1_anywhere = TextOf(n);
      if (e.tag == GUMBO_TAG_MAIN && !main) main = n;
      if (e.tag == GUMBO_TAG_ARTICLE && articles++ == 0) article = n;
      for (unsigned i = e.children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
    }
  }
  const GumboNode* root = main ? main : articles == 1 ? article : output->root;

  // Pass 2: the visible text below the root, without boilerplate. (node, entering) pairs,
  // iterative, so that nesting depth cannot overflow the stack.
  std::optional<std::string> h1, time_raw;
  std::vector<std::pair<const GumboNode*, bool>> stack{{root, true}};
  std::string& out = result.text;
  while (!stack.empty()) {
    auto [n, entering] = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      AppendFolded(out, n->v.text.text);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    if (!entering) {
      if (Block(e.tag)) EndBlock(out);
      continue;
    }
    if (Skipped(e.tag) || Hidden(e) || Boilerplate(e)) continue;
    if (e.tag == GUMBO_TAG_TIME && !time_raw) {
      if (const char* dt = Attr(e, "datetime")) time_raw = dt;
    }
    if (e.tag == GUMBO_TAG_H1 && !h1) h1 = TextOf(n);
    if (e.tag == GUMBO_TAG_BR) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out.push_back('\n');
      continue;
    }
    if (Block(e.tag)) EndBlock(out);
    stack.push_back({n, false});
    for (unsigned i = e.children.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), true});
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  gumbo_destroy_output(&options, output);

  if (og_title && !og_title->empty()) result.title = og_title;
  else if (h1 && !h1->empty()) result.title = h1;
  else if (h1_anywhere && !h1_anywhere->empty()) result.title = h1_anywhere;
  else if (title_tag && !title_tag->empty()) result.title = title_tag;
  if (canonical) result.url = std::move(canonical);
  else if (og_url) result.url = std::move(og_url);
  for (std::optional<std::string>& d : dates) {
    if (d && d->find_first_not_of(" \t\r\n") != std::string::npos) {
      result.published = std::move(d);
      break;
    }
  }
  if (!result.published && time_raw) result.published = std::move(time_raw);
  return result;
}

}  // namespace warta
