#include "output/conllu.h"

#include <algorithm>
#include <charconv>

namespace warta {
namespace {

void AppendNumber(std::string& out, uint32_t v) {
  char buf[12];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, size_t(r.ptr - buf));
}

// FORM and "# text" must stay on one line and hold no tab: appends s with those as spaces.
void AppendOneLine(std::string& out, std::string_view s) {
  size_t at = out.size();
  out.append(s);
  // Most forms hold no control byte at all: find that out with a loop the compiler vectorises.
  unsigned char least = 0xFF;
  for (char c : s) least = std::min(least, static_cast<unsigned char>(c));
  if (least >= 0x20) return;
  char* p = out.data() + at;
  for (size_t k = 0; k < s.size(); ++k) {
    char c = p[k];
    if (c == '\n' || c == '\r' || c == '\t') p[k] = ' ';
  }
}

void Word(std::string& out, uint32_t id, std::string_view form, bool space_after) {
  AppendNumber(out, id);
  out += '\t';
  AppendOneLine(out, form);
  if (id == 1) out.append("\t_\t_\t_\t_\t0\troot\t_\t");
  else out.append("\t_\t_\t_\t_\t1\tdep\t_\t");
  if (space_after) out.append("_\n");
  else out.append("SpaceAfter=No\n");
}

}  // namespace

std::string Conllu(const Document& doc) {
  std::string out;
  out.reserve(doc.text.size() * 6 + 64);
  bool first = true;
  for (const Sentence& s : doc.sentences) {
    if (first) {
      out.append("# newdoc id = ");
      AppendOneLine(out, doc.id);
      out += '\n';
      first = false;
    }
    out.append("# text = ");
    AppendOneLine(out, doc.Original(s.span));
    out += '\n';
    uint32_t id = 1;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.clitic) {
        AppendNumber(out, id);
        out += '-';
        AppendNumber(out, id + 1);
        out += '\t';
        AppendOneLine(out, doc.Original(t.span));
        out.append("\t_\t_\t_\t_\t_\t_\t_\t");
        out.append(t.space_after ? "_\n" : "SpaceAfter=No\n");
        Word(out, id, doc.Original({t.span.start, t.clitic}), true);
        Word(out, id + 1, doc.Original({t.clitic, t.span.end}), true);
        id += 2;
      } else {
        Word(out, id, doc.Original(t.span), t.space_after);
        ++id;
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace warta
