#include "input/html.h"

#include <gumbo.h>

#include <cstring>
#include <utility>

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

}  // namespace

HtmlContent ExtractHtml(std::string_view html) {
  HtmlContent result;
  GumboOptions options = kGumboDefaultOptions;
  options.stop_on_first_error = false;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!output) {
    result.warnings.push_back({"html-unparsed", "the HTML parser gave up; no text was read"});
    return result;
  }
  std::optional<std::string> og_title, h1, title_tag;
  std::optional<std::string> published_raw;
  // Iterative walk: (node, entering) pairs, so that nesting depth cannot overflow the stack.
  std::vector<std::pair<const GumboNode*, bool>> stack{{output->root, true}};
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
    if (e.tag == GUMBO_TAG_META) {
      const char* prop = Attr(e, "property");
      if (!prop) prop = Attr(e, "name");
      if (!prop) prop = Attr(e, "itemprop");
      const char* content = Attr(e, "content");
      if (prop && content) {
        if (!std::strcmp(prop, "og:title") && !og_title) og_title = content;
        if ((!std::strcmp(prop, "article:published_time") || !std::strcmp(prop, "datePublished")) && !published_raw)
          published_raw = content;
      }
    }
    if (e.tag == GUMBO_TAG_TITLE && !title_tag) title_tag = TextOf(n);
    if (e.tag == GUMBO_TAG_TIME && !published_raw) {
      if (const char* dt = Attr(e, "datetime")) published_raw = dt;
    }
    if (Skipped(e.tag) || Attr(e, "hidden")) continue;
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
  else if (title_tag && !title_tag->empty()) result.title = title_tag;
  if (published_raw) {
    result.published = CivilDate::Parse(*published_raw);
    if (!result.published)
      result.warnings.push_back({"bad-published", "publication date not understood: " + *published_raw});
  }
  return result;
}

}  // namespace warta
