// The twin test of StageSettings (stage.h): a stage run with its fast paths and run on its plain
// path must give the same document, as re2 checks its DFA against its NFA.
//   CHECK(testing::PlainPathDifference(Tokenizer(testing::Lexicons(), kPlain)) == "");
// The texts are the releases of corpus/ and corpus/staging/, the documents of tests/fast_paths.txt
// with the variants scraped and pasted news makes of them (Variants), and long runs of one
// character or form (LongRuns): where a fast path's shortcut is most likely to go wrong.
#ifndef WARTA_TESTS_FAST_PATHS_H_
#define WARTA_TESTS_FAST_PATHS_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "testing.h"

namespace warta::testing {

inline constexpr StageSettings kPlain{false};

// text with every occurrence of `from` replaced by what make(k) returns for the k-th (0, 1 …).
template <class Make>
std::string ReplaceEach(const std::string& text, const std::string& from, Make make) {
  std::string out;
  size_t k = 0, i = 0;
  for (size_t j; (j = text.find(from, i)) != std::string::npos; i = j + from.size()) {
    out.append(text, i, j - i);
    out += make(k++);
  }
  out.append(text, i);
  return out;
}

// What scraped and pasted news does to a text, each variant a new text: curly and doubled
// quotes, no-break and odd spaces, mojibake of UTF-8 read as Windows-1252 or Mac Roman,
// zero-width characters and soft hyphens, decomposed letters and stray combining marks,
// CR LF and CR line ends, tabs, capitals, lower case, one paragraph, blank lines between
// paragraphs, lines hard-wrapped at 64 bytes.
inline std::vector<std::string> Variants(const std::string& text) {
  std::vector<std::string> out;
  out.push_back(ReplaceEach(ReplaceEach(text, "\"", [](size_t k) { return k % 2 ? "\u201D" : "\u201C"; }),
                            "'", [](size_t) { return "\u2019"; }));
  out.push_back(ReplaceEach(text, "\"", [](size_t k) { return k % 2 ? "''" : "``"; }));
  out.push_back(ReplaceEach(text, " ", [](size_t k) {
    const char* const kSpaces[] = {"\u00A0", " ", "\u2009", " ", "  ", "\u202F", " ", "\u3000", " \t"};
    return kSpaces[k % 9];
  }));
  // Mojibake: a no-break space, quotes and dashes, UTF-8 read as Windows-1252 or Mac Roman.
  out.push_back(ReplaceEach(
      ReplaceEach(ReplaceEach(text, " ", [](size_t k) { return k % 4 ? " " : "\u00C2\u00A0"; }), "\"",
                  [](size_t k) { return k % 2 ? "\u00E2\u20AC\u009D" : "\u00E2\u20AC\u0153"; }),
      " - ", [](size_t k) { return k % 2 ? " \u00E2\u20AC\u201C " : " \u00AC\u2020-\u201A\u00C4\u00EC "; }));
  // Zero-width characters, soft hyphens and a BOM inside words.
  out.push_back(ReplaceEach(text, "a", [](size_t k) {
    const char* const kInside[] = {"a", "a\u200B", "a", "a\u00AD", "a", "\uFEFFa", "a", "a\u200D", "a\u2060"};
    return kInside[k % 9];
  }));
  // Decomposed letters (NFC composes them: e + U+0301 is é) and combining marks that compose
  // with nothing (after a space, a digit, a quote).
  out.push_back(
      ReplaceEach(ReplaceEach(ReplaceEach(text, "e", [](size_t k) { return k % 3 ? "e" : "e\u0301"; }), "u",
                              [](size_t k) { return k % 4 ? "u" : "u\u0308"; }),
                  " ", [](size_t k) { return k % 11 ? " " : " \u0301"; }));
  out.push_back(ReplaceEach(ReplaceEach(text, "1", [](size_t k) { return k % 2 ? "1" : "1\u0323"; }), "\"",
                            [](size_t) { return "\"\u0300"; }));
  out.push_back(ReplaceEach(text, "\n", [](size_t) { return "\r\n"; }));
  out.push_back(ReplaceEach(text, "\n", [](size_t k) { return k % 2 ? "\r" : "\n \t"; }));
  std::string upper = text, lower = text;
  for (char& c : upper) c = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
  for (char& c : lower) c = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
  out.push_back(upper);
  out.push_back(lower);
  out.push_back(ReplaceEach(text, "\n", [](size_t) { return " "; }));
  out.push_back(ReplaceEach(text, "\n", [](size_t) { return "\n\n"; }));
  // Hard-wrapped: a line break for the first space after each 64 bytes of a line.
  std::string wrapped;
  size_t line = 0;
  for (char c : text) {
    if (c == ' ' && line >= 64) {
      wrapped += '\n';
      line = 0;
      continue;
    }
    wrapped += c;
    line = c == '\n' ? 0 : line + 1;
  }
  out.push_back(wrapped);
  return out;
}

// Texts of one character or form repeated, and forms cut at odd places: where a scan that
// reads many bytes at a time or skips ahead meets its edges.
inline std::vector<std::string> LongRuns() {
  auto times = [](const std::string& s, size_t n) {
    std::string out;
    for (size_t k = 0; k < n; ++k) out += s;
    return out;
  };
  std::vector<std::string> out = {
      times("(", 3000),
      times("a", 5000),
      times("a", 5000) + "nya",
      "Rumah" + times("nya", 300),
      times(".", 2000),
      times("-", 1000) + " Kupang",
      times("\"", 501),
      times("\" ", 300),
      times("menurut ", 300),
      times("Menurut Yosef Lede, ", 40) + "jumlah pemilih naik.",
      times("MENURUT", 50),
      times("1.", 1000),
      times("1,", 1000) + "5",
      times("27/10/", 300),
      times("a.", 400) + "com",
      times("ab.", 300) + "go.id",
      "a..b.com a.b..go.id x.y.z.co.id. lalu..detik.com",
      times("x@y.", 200),
      times("@", 500) + "kpu",
      times("#", 500) + "Pemilu",
      "e" + times("\u0301", 1000),
      times("\u0301", 999),
      times("\u00A0", 1000) + "Kupang",
      times("\u00C2\u00A0", 500) + "x",
      times("\u00E2\u20AC\u0153", 400),
      times("\u201A\u00C4", 400),
      times("\u2013", 700),
      times("\u200B", 700) + "kata",
      times("Senin-Rabu ", 200),
      times("Kab. ", 500),
      times("S.H., ", 300),
      times("D.", 600),
      times("Rp", 400) + "9.000",
      times("http://", 100),
      times("www.", 300),
      times("\n", 500) + "Judul\n\nKupang - Isi",
      times("Kupang, ntt.kpu.go.id - ", 20),
      times("\u4E2D\u6587", 300),
      times("\U0001F600", 300),
      times("\uFFFD", 600),
      times("\xEF\xBB\xBF", 300) + "teks",
      "kata" + times("-", 300) + "kata",
      "ke-" + times("3", 400),
  };
  // Each of the lengths around the sixteen bytes a vector scan reads at a time, in a word and in
  // a number, before a quote and a period.
  for (size_t n = 1; n <= 40; ++n) {
    out.push_back(times("k", n) + "\"menurut " + times("9", n) + ".");
    std::string quote = "\"";  // (appended piece by piece: GCC 12 warns wrongly of "…" + string)
    quote += times("a", n);
    quote += "\u00E9";
    quote += times("b", 40 - n);
    quote += ",\" ujarnya.";
    out.push_back(quote);
  }
  return out;
}

// The documents of tests/fast_paths.txt: separated by lines "%%", "#" lines left out.
inline std::vector<std::string> WrittenDocuments() {
  std::ifstream in(std::string(WARTA_SOURCE_DIR) + "/tests/fast_paths.txt");
  std::vector<std::string> out;
  std::string line, doc;
  auto flush = [&] {
    if (!doc.empty()) out.push_back(doc);
    doc.clear();
  };
  while (std::getline(in, line)) {
    if (line == "%%")
      flush();
    else if (line.empty() || line[0] != '#')
      doc += line + "\n";
  }
  flush();
  return out;
}

// Every text the fast-path tests read (built once).
inline const std::vector<std::string>& FastPathCorpus() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> files;
    for (const char* dir : {"/corpus", "/corpus/staging"})
      for (const auto& e : std::filesystem::directory_iterator(std::string(WARTA_SOURCE_DIR) + dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
    for (const std::string& doc : WrittenDocuments()) {
      out.push_back(doc);
      for (std::string& v : Variants(doc)) out.push_back(std::move(v));
    }
    for (std::string& r : LongRuns()) out.push_back(std::move(r));
    return out;
  }();
  return texts;
}

// Every field the stages write, a line each (spans in bytes, as the stages keep them).
inline std::string Describe(const Document& doc) {
  std::ostringstream o;
  auto at = [](Span s) { return std::to_string(s.start) + "-" + std::to_string(s.end); };
  o << "norm " << doc.norm << "\n";
  for (uint32_t i = 0; i <= doc.norm.size(); ++i) {
    if (i % 32 == 0) o << "\nmap " << i << ':';
    o << ' ' << doc.norm_map.OrigStart(i) << '/' << doc.norm_map.OrigEnd(i);
  }
  o << "\ntitle " << doc.title.value_or("-") << ' ' << (doc.title_span ? at(*doc.title_span) : "-") << "\n";
  if (const auto& d = doc.dateline)
    o << "dateline " << d->place << ' ' << d->outlet.value_or("-") << ' ' << (d->date ? d->date->Iso() : "-")
      << ' ' << at(d->span) << ' ' << at(d->place_span) << "\n";
  for (Span p : doc.paragraphs) o << "paragraph " << at(p) << "\n";
  for (const Token& t : doc.tokens)
    o << "token " << at(t.span) << " norm " << t.norm_start << '-' << t.norm_end << " clitic " << t.clitic
      << " kind " << int(t.kind) << " space " << t.space_after << " break " << t.line_break_after << "\n";
  for (const Sentence& s : doc.sentences)
    o << "sentence " << at(s.span) << ' ' << s.first_token << '-' << s.end_token << "\n";
  for (const DateExpr& d : doc.dates) {
    o << "date " << at(d.span) << ' ' << d.type << ' ' << d.value.value_or("-") << ' '
      << d.end_value.value_or("-");
    for (const std::string& x : d.inferred) o << ' ' << x;
    o << "\n";
  }
  for (const Place& p : doc.places) {
    o << "place " << p.name << ' ' << int(p.type) << ' ' << p.code.value_or("-");
    for (Span m : p.mentions) o << ' ' << at(m);
    o << "\n";
  }
  for (const Organization& g : doc.organizations) {
    o << "organization " << g.name.value_or("-") << ' ' << g.acronym.value_or("-");
    for (Span m : g.mentions) o << ' ' << at(m);
    o << "\n";
  }
  for (const Person& p : doc.people) {
    o << "person " << p.name;
    for (Span m : p.mentions) o << ' ' << at(m);
    for (const Role& r : p.roles)
      o << " role " << r.title << '|' << r.organization.value_or("-") << ' ' << at(r.span);
    o << "\n";
  }
  for (const Quote& q : doc.quotes) o << "quote " << at(q.span) << ' ' << q.speaker.value_or("-") << "\n";
  for (const Warning& w : doc.warnings) o << "warning " << w.code << ' ' << w.message << "\n";
  return o.str();
}

// Runs the extract pipeline over text, with `replacement` in place of its stage of the same name.
inline Document RunWith(const std::string& text, const Stage* replacement) {
  static const Pipeline extract(Options{}, Lexicons());
  Document doc;
  doc.id = "fast-paths";
  doc.text = text;
  // As the pipeline resolves it from --reference-date (before the dates stage; no stage before
  // reads it).
  doc.reference_date = CivilDate::Parse("2025-11-01");
  doc.reference_source = ReferenceSource::kOption;
  for (const auto& stage : extract.stages()) {
    const bool replaced = replacement && stage->name() == replacement->name();
    (replaced ? *replacement : *stage).Run(doc);
  }
  return doc;
}

// Runs every text of FastPathCorpus() through the pipeline as it is and with `plain` (a stage
// built with kPlain) in its stage's place. Returns "" when every document came out the same,
// else the first difference: the text's number, and the first line of Describe() that differs.
inline std::string PlainPathDifference(const Stage& plain) {
  const std::vector<std::string>& texts = FastPathCorpus();
  for (size_t k = 0; k < texts.size(); ++k) {
    const std::string a = Describe(RunWith(texts[k], nullptr));
    const std::string b = Describe(RunWith(texts[k], &plain));
    if (a == b) continue;
    std::istringstream sa(a), sb(b);
    std::string la, lb;
    while (std::getline(sa, la) && std::getline(sb, lb) && la == lb) {
    }
    return "text " + std::to_string(k) + " (" + texts[k].substr(0, 60) + "…)\n  fast:  " + la +
           "\n  plain: " + lb;
  }
  return "";
}

}  // namespace warta::testing

#endif  // WARTA_TESTS_FAST_PATHS_H_
