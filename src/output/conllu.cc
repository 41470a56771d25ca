#include "output/conllu.h"

namespace warta {
namespace {

// FORM and "# text" must stay on one line and hold no tab.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

void Word(std::string& out, int id, std::string_view form, const char* misc) {
  out += std::to_string(id);
  out += '\t';
  out += OneLine(form);
  out += id == 1 ? "\t_\t_\t_\t_\t0\troot\t_\t" : "\t_\t_\t_\t_\t1\tdep\t_\t";
  out += misc;
  out += '\n';
}

}  // namespace

std::string Conllu(const Document& doc) {
  std::string out;
  bool first = true;
  for (const Sentence& s : doc.sentences) {
    if (first) {
      out += "# newdoc id = " + OneLine(doc.id) + "\n";
      first = false;
    }
    out += "# text = " + OneLine(doc.Original(s.span)) + "\n";
    int id = 1;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      const char* misc = t.space_after ? "_" : "SpaceAfter=No";
      if (t.clitic) {
        out += std::to_string(id) + "-" + std::to_string(id + 1) + "\t" + OneLine(doc.Original(t.span)) +
               "\t_\t_\t_\t_\t_\t_\t_\t" + misc + "\n";
        Word(out, id, doc.Original({t.span.start, t.clitic}), "_");
        Word(out, id + 1, doc.Original({t.clitic, t.span.end}), "_");
        id += 2;
      } else {
        Word(out, id, doc.Original(t.span), misc);
        ++id;
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace warta
