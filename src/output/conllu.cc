#include "output/conllu.h"

#include <algorithm>
#include <cstring>

namespace warta {
namespace {

// Writes into a buffer sized in advance, so that no append checks capacity.
class Writer {
 public:
  explicit Writer(char* p) : p_(p) {}
  char* end() const { return p_; }
  void Put(char c) { *p_++ = c; }
  // A string literal: its size is known at compile time, so the copy is inlined.
  template <size_t N>
  void PutLiteral(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void PutSpaceAfter(bool space_after) {
    if (space_after)
      PutLiteral("_\n");
    else
      PutLiteral("SpaceAfter=No\n");
  }
  void Put(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  // FORM and "# text" must stay on one line and hold no tab: control bytes become spaces.
  void PutOneLine(std::string_view s) {
    char* at = p_;
    Put(s);
    // Most forms hold no control byte at all: find that out with a loop the compiler vectorises.
    unsigned char least = 0xFF;
    for (char c : s) least = std::min(least, static_cast<unsigned char>(c));
    if (least >= 0x20) return;
    for (char* q = at; q < p_; ++q)
      if (*q == '\n' || *q == '\r' || *q == '\t') *q = ' ';
  }
  void PutNumber64(uint64_t v) {
    char buf[20];
    int n = 0;
    do {
      buf[n++] = char('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) *p_++ = buf[--n];
  }
  void PutNumber(uint32_t v) { PutNumber64(v); }
  void PutWord(uint32_t id, std::string_view form, bool space_after) {
    PutNumber(id);
    Put('\t');
    PutOneLine(form);
    if (id == 1)
      PutLiteral("\t_\t_\t_\t_\t0\troot\t_\t");
    else
      PutLiteral("\t_\t_\t_\t_\t1\tdep\t_\t");
    PutSpaceAfter(space_after);
  }

 private:
  char* p_;
};

// Bytes a word line takes besides its ID and form ("\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n").
constexpr size_t kWordLine = 40;

}  // namespace

const char kConlluHeader[] =
    "# warta tokenize: sentences and tokens. HEAD and DEPREL are a placeholder, not a parse:\n"
    "# each word hangs from the first word of its sentence (root), because the CoNLL 2018\n"
    "# scorer reads a sentence only when it is a tree.\n";

std::string Conllu(const Document& doc, uint64_t number) {
  // An upper bound of the output size: every token may be a range line and two word lines.
  size_t bound = 16 + doc.id.size();
  // Per sentence: "# text = …\n", the blank line, and "# sent_id = N-M\n" (at most 44 bytes).
  for (const Sentence& s : doc.sentences) bound += 12 + s.span.size() + 44;
  for (const Token& t : doc.tokens)
    bound += t.clitic ? 2 * t.span.size() + 3 * (kWordLine + 12) : t.span.size() + kWordLine + 11;
  std::string out;
  out.resize(bound);
  Writer w(out.data());
  uint32_t sentence = 0;
  for (const Sentence& s : doc.sentences) {
    if (sentence == 0) {
      w.PutLiteral("# newdoc id = ");
      w.PutOneLine(doc.id);
      w.Put('\n');
    }
    w.PutLiteral("# sent_id = ");
    w.PutNumber64(number);
    w.Put('-');
    w.PutNumber(++sentence);
    w.Put('\n');
    w.PutLiteral("# text = ");
    w.PutOneLine(doc.Original(s.span));
    w.Put('\n');
    uint32_t id = 1;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.clitic) {
        w.PutNumber(id);
        w.Put('-');
        w.PutNumber(id + 1);
        w.Put('\t');
        w.PutOneLine(doc.Original(t.span));
        w.PutLiteral("\t_\t_\t_\t_\t_\t_\t_\t");
        w.PutSpaceAfter(t.space_after);
        w.PutWord(id, doc.Original({t.span.start, t.clitic}), true);
        w.PutWord(id + 1, doc.Original({t.clitic, t.span.end}), true);
        id += 2;
      } else {
        w.PutWord(id, doc.Original(t.span), t.space_after);
        ++id;
      }
    }
    w.Put('\n');
  }
  out.resize(size_t(w.end() - out.data()));
  return out;
}

}  // namespace warta
