#include "stages/people.h"

#include <algorithm>
#include <array>
#include <map>

#include "error.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace warta {

namespace {

std::string LowerOf(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return utf8::Lower(s);
  return utf8::AsciiLower(s);
}

std::string NoSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

// Collapses runs of whitespace to one space: the name as it is read.
std::string Squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool IsWordKind(TokenKind k) {
  return k == TokenKind::kWord || k == TokenKind::kInitial || k == TokenKind::kAbbrev;
}

}  // namespace

struct PeopleFinder::Tok {
  std::string lower;       // lower-cased norm form
  char punct = 0;          // the character of a one-byte punctuation token, else 0
  bool word = false;       // word, initial or abbreviation
  bool cap = false;        // starts with a capital letter
  bool acronym = false;    // two or more letters, all capitals, in a sentence not all in capitals
  bool initial = false;    // "M." "A."
  bool common = false;     // a common word (capitalised words only)
  bool sent_start = false; // first word of a sentence, or of a quotation
  bool headline = false;   // in a sentence where nearly every word is capitalised
  bool role = false;       // inside a parsed role phrase
  bool place_or_org = false;  // inside a mention of doc.places or doc.organizations
  int32_t mention_end = -1;   // a place or organisation mention starts here: its end token
  bool org_mention = false;   // … and it is an organisation
};

struct PeopleFinder::RolePhrase {
  size_t first = 0, end = 0;  // tokens of the whole phrase, modifiers included
  std::string title;
  std::optional<std::string> organization;
  bool acting = false, former = false;
  RoleKind kind = RoleKind::kOffice;
};

struct PeopleFinder::Candidate {
  size_t first = 0, end = 0;  // name tokens, honorifics and degrees excluded
  std::vector<std::string> honorifics, degrees;
  int score = 0;              // the sum of the evidence below; accepted when > 0
  bool strong = false;        // a role, honorific or speech verb vouches for it
  std::vector<size_t> roles;  // indexes into the document's role phrases
};

PeopleFinder::PeopleFinder(const Lexicon& lexicon) {
  for (const auto& row : lexicon.Rows("words.tsv")) {
    const std::string& w = row.fields[0];
    if (!w.empty() && !chars::IsUpper(utf8::DecodeAt(w, 0).cp)) common_.insert(LowerOf(w));
  }
  for (const auto& row : lexicon.Rows("people/name_evidence.tsv", 3)) {
    try {
      evidence_[row.fields[0]] = {static_cast<uint32_t>(std::stoul(row.fields[1])),
                                  static_cast<uint32_t>(std::stoul(row.fields[2]))};
    } catch (const std::exception&) {
      throw Error(lexicon.Where("people/name_evidence.tsv", row.line) + ": counts must be numbers");
    }
  }
  for (const auto& row : lexicon.Rows("people/honorifics.tsv", 2))
    honorifics_[LowerOf(row.fields[0])] = row.fields[1];
  for (const auto& row : lexicon.Rows("people/degrees.tsv"))
    degrees_.insert(LowerOf(NoSpaces(row.fields[0])));
  auto words_in = [](const std::string& s) { return size_t(std::count(s.begin(), s.end(), ' ') + 1); };
  for (const auto& row : lexicon.Rows("people/roles.tsv", 2)) {
    const std::string& kind = row.fields[1];
    RoleKind k = kind == "office"   ? RoleKind::kOffice
                 : kind == "region" ? RoleKind::kRegion
                 : kind == "person" ? RoleKind::kPerson
                                    : throw Error(lexicon.Where("people/roles.tsv", row.line) +
                                                  ": kind must be office, region or person");
    roles_[LowerOf(row.fields[0])] = k;
    max_role_words_ = std::max(max_role_words_, words_in(row.fields[0]));
  }
  for (const auto& row : lexicon.Rows("people/role_modifiers.tsv", 2)) {
    if (row.fields[1] != "acting" && row.fields[1] != "former")
      throw Error(lexicon.Where("people/role_modifiers.tsv", row.line) + ": kind must be acting or former");
    modifiers_[LowerOf(row.fields[0])] = row.fields[1] == "acting";
    max_modifier_words_ = std::max(max_modifier_words_, words_in(row.fields[0]));
  }
  for (const auto& row : lexicon.Rows("people/org_heads.tsv", 2)) {
    const std::string& kind = row.fields[1];
    OrgWord k = kind == "org"      ? OrgWord::kOrg
                : kind == "region" ? OrgWord::kRegion
                : kind == "unit"   ? OrgWord::kUnit
                                   : throw Error(lexicon.Where("people/org_heads.tsv", row.line) +
                                                 ": kind must be org, region or unit");
    org_words_[LowerOf(row.fields[0])] = k;
  }
  for (const auto& row : lexicon.Rows("people/name_parts.tsv", 2))
    (row.fields[1] == "particle" ? particles_ : name_parts_).insert(LowerOf(row.fields[0]));
  for (const auto& w : lexicon.Words("people/not_names.tsv")) not_names_.insert(w);
  for (const auto& row : lexicon.Rows("months.tsv")) not_names_.insert(LowerOf(row.fields[0]));
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    (row.fields[1] == "after" ? speech_after_ : speech_before_).insert(LowerOf(row.fields[0]));
}

// Indonesian derivation is mostly affixes around a lemma (Sneddon, Indonesian: A Comprehensive
// Grammar, ch. 2): meN-/peN- with the nasal assimilating the first consonant (p→m, t→n, s→ny,
// k→ng), ber-, di-, ter-, ke-, se-, per-, and the suffixes -kan, -an, -i, -nya. Trying the few
// possible lemmas is enough to tell "Pemilihan" (pilih) from a name.
bool PeopleFinder::IsCommon(std::string_view w) const { return IsCommon(w, 2); }

bool PeopleFinder::IsCommon(std::string_view w, int depth) const {
  auto has = [&](std::string_view s) { return s.size() >= 2 && common_.count(std::string(s)) > 0; };
  if (has(w)) return true;
  if (depth == 0 || w.size() < 5) return false;
  static constexpr std::array<std::string_view, 5> kSuffixes = {"nya", "kan", "an", "i", "lah"};
  static constexpr std::array<std::string_view, 18> kPrefixes = {
      "memper", "meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe",
      "ber", "ter", "per", "be", "di", "ke", "se"};
  std::vector<std::string_view> stems = {w};
  for (auto s : kSuffixes)
    if (w.size() > s.size() + 2 && w.substr(w.size() - s.size()) == s) stems.push_back(w.substr(0, w.size() - s.size()));
  for (std::string_view stem : stems) {
    if (stem != w && has(stem)) return true;
    for (auto p : kPrefixes) {
      if (stem.size() <= p.size() + 2 || stem.substr(0, p.size()) != p) continue;
      std::string_view rest = stem.substr(p.size());
      if (IsCommon(rest, depth - 1)) return true;
      // The nasal replaced the lemma's first consonant: mem-/pem- p, men-/pen- t, meny-/peny- s, meng-/peng- k.
      char lost = (p == "mem" || p == "pem")     ? 'p'
                  : (p == "men" || p == "pen")   ? 't'
                  : (p == "meny" || p == "peny") ? 's'
                  : (p == "meng" || p == "peng") ? 'k'
                                                 : 0;
      if (lost && has(std::string(1, lost) + std::string(rest))) return true;
    }
  }
  return false;
}

void PeopleFinder::Describe(const Document& doc, std::vector<Tok>& toks) const {
  toks.resize(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& tk = doc.tokens[i];
    Tok& t = toks[i];
    std::string_view s = doc.Norm(tk);
    if (s.size() == 1 && tk.kind == TokenKind::kPunct) t.punct = s[0];
    t.word = IsWordKind(tk.kind) && !s.empty();
    if (!t.word) continue;
    t.lower = LowerOf(s);
    t.cap = chars::IsUpper(utf8::DecodeAt(s, 0).cp);
    t.initial = tk.kind == TokenKind::kInitial;
    if (!t.cap) continue;
    size_t letters = 0, upper = 0;
    for (size_t b = 0; b < s.size();) {
      auto cp = utf8::DecodeAt(s, b);
      if (chars::IsLetter(cp.cp)) {
        ++letters;
        upper += chars::IsUpper(cp.cp);
      }
      b += cp.len;
    }
    t.acronym = letters >= 2 && upper == letters && tk.kind == TokenKind::kWord;
    t.common = IsCommon(t.lower);
  }
  for (const Sentence& sent : doc.sentences) {
    size_t words = 0, caps = 0, acronyms = 0;
    bool first = true;
    for (size_t i = sent.first_token; i < sent.end_token; ++i) {
      Tok& t = toks[i];
      if (t.punct == '"' || t.punct == ':' || t.punct == '(') first = true;
      if (!t.word) continue;
      if (first) t.sent_start = true;
      first = false;
      if (t.lower.size() < 3 && !t.cap) continue;  // "di", "ke" stay small even in headlines
      ++words;
      caps += t.cap;
      acronyms += t.acronym;
    }
    bool headline = words >= 3 && caps * 10 >= words * 8;
    bool shouting = words >= 3 && acronyms * 10 >= words * 8;
    for (size_t i = sent.first_token; i < sent.end_token; ++i) {
      toks[i].headline = headline;
      if (shouting) toks[i].acronym = false;
    }
  }
  auto mark = [&](const std::vector<Span>& spans, bool org) {
    for (const Span& m : spans) {
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.start,
                                 [](const Token& t, uint32_t x) { return t.span.end <= x; });
      size_t a = it - doc.tokens.begin(), b = a;
      while (b < doc.tokens.size() && doc.tokens[b].span.start < m.end) toks[b++].place_or_org = true;
      if (a < b && doc.tokens[a].span.start == m.start && toks[a].mention_end < int32_t(b)) {
        toks[a].mention_end = int32_t(b);
        toks[a].org_mention = org;
      }
    }
  };
  for (const Place& p : doc.places) mark(p.mentions, false);
  for (const Organization& o : doc.organizations) mark(o.mentions, true);
}

template <class Map>
size_t PeopleFinder::MatchPhrase(const Map& map, size_t max_words, const std::vector<Tok>& toks, size_t i,
                                 size_t end, typename Map::mapped_type* value) const {
  std::string key;
  size_t best = 0;
  for (size_t n = 0; n < max_words && i + n < end && toks[i + n].word; ++n) {
    if (n) key.push_back(' ');
    key += toks[i + n].lower;
    if (auto it = map.find(key); it != map.end()) {
      best = n + 1;
      *value = it->second;
    }
  }
  return best;
}

// A capitalised word that reads as the start of a personal name, not as part of a unit,
// organisation or region: an initial, an honorific before a capital, a name part, or a word
// that is not common and that the training data does not mostly see as something else.
bool PeopleFinder::StartsName(const std::vector<Tok>& toks, size_t i, size_t end) const {
  const Tok& t = toks[i];
  if (!t.word || t.role) return false;
  if (t.initial) return true;
  if (!t.cap || t.acronym || t.place_or_org) return false;
  bool next_cap = i + 1 < end && toks[i + 1].cap;
  if (Honorific(t.lower) && next_cap) return true;
  if (name_parts_.count(t.lower) && next_cap) return true;
  if (org_words_.count(t.lower) || roles_.count(t.lower) || not_names_.count(t.lower)) return false;
  if (auto it = evidence_.find(t.lower); it != evidence_.end())
    return it->second.person * 2 >= it->second.other;
  return !t.common;
}

const std::string* PeopleFinder::Honorific(std::string_view lower) const {
  auto it = honorifics_.find(std::string(lower));
  if (it == honorifics_.end()) it = honorifics_.find(std::string(lower) + ".");  // "Pol" for "Pol."
  return it == honorifics_.end() ? nullptr : &it->second;
}

bool PeopleFinder::InCommonOrUnit(const Tok& t) const {
  if (t.common || org_words_.count(t.lower)) return true;
  auto it = evidence_.find(t.lower);
  return it != evidence_.end() && it->second.person * 2 < it->second.other;
}

// A region name after a marker ("Provinsi Kalimantan Timur", "Kota Kupang"): its first word
// always, then capitalised words that do not start a name ("Timur", "Tenggara").
size_t PeopleFinder::RegionEnd(const std::vector<Tok>& toks, size_t i, size_t end) const {
  if (i >= end || !toks[i].cap) return i;
  if (toks[i].mention_end > int32_t(i)) return size_t(toks[i].mention_end);
  size_t m = i + 1;
  while (m < end && toks[m].cap && !toks[m].initial && !StartsName(toks, m, end) && !roles_.count(toks[m].lower)) ++m;
  return m;
}

// The organisation part of a role phrase: from an acronym, an organisation word or a known
// organisation, through common capitalised words, acronyms ("RI") and regions.
size_t PeopleFinder::OrgEnd(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end) const {
  (void)doc;
  size_t m = i;
  while (m < end) {
    const Tok& t = toks[m];
    if (t.mention_end > int32_t(m)) {
      m = size_t(t.mention_end);
      continue;
    }
    if (!t.word) {
      // "Dinas Kependudukan dan Pencatatan Sipil": a connector between capitalised words.
      break;
    }
    if (t.acronym) { ++m; continue; }
    auto ow = org_words_.find(t.lower);
    if (t.cap && ow != org_words_.end() && ow->second == OrgWord::kRegion && m + 1 < end && toks[m + 1].cap) {
      m = RegionEnd(toks, m + 1, end);
      continue;
    }
    if (t.cap && ow != org_words_.end() && ow->second == OrgWord::kOrg) { ++m; continue; }
    if (t.cap && !t.initial && !StartsName(toks, m, end) && !roles_.count(t.lower) &&
        !(ow != org_words_.end() && ow->second == OrgWord::kUnit)) {
      ++m;
      continue;
    }
    if (m > i && t.lower == "dan" && m + 1 < end && toks[m + 1].cap && !toks[m + 1].acronym &&
        !StartsName(toks, m + 1, end) && toks[m + 1].common) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

bool PeopleFinder::ParseRole(const Document& doc, const std::vector<Tok>& toks, size_t i, size_t end,
                             RolePhrase& out) const {
  size_t j = i;
  out = RolePhrase{};
  for (bool acting; size_t n = MatchPhrase(modifiers_, max_modifier_words_, toks, j, end, &acting);) {
    (acting ? out.acting : out.former) = true;
    j += n;
  }
  RoleKind kind{};
  size_t head = MatchPhrase(roles_, max_role_words_, toks, j, end, &kind);
  if (!head) return false;
  // A modifier must be followed by its head; "mantan" alone is an ordinary word.
  size_t head_first = j;
  j += head;
  if (j < end && toks[j].punct == '-' ) return false;  // "kepala-kepala"
  auto is_org_start = [&](size_t k) {
    const Tok& t = toks[k];
    if (!t.word || !t.cap) return false;
    if (t.acronym || (t.mention_end > int32_t(k) && t.org_mention)) return true;
    auto ow = org_words_.find(t.lower);
    return ow != org_words_.end() && ow->second != OrgWord::kUnit;
  };
  size_t k = j;
  std::string title(doc.Original(Span{doc.tokens[head_first].span.start, doc.tokens[j - 1].span.end}));
  if (kind == RoleKind::kRegion && k < end && toks[k].cap && !is_org_start(k) && !StartsName(toks, k, end)) {
    size_t m = RegionEnd(toks, k, end);
    out.organization = std::string(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[m - 1].span.end}));
    k = m;
  } else if (kind != RoleKind::kPerson) {
    // Units: "Humas dan Informasi Publik", "Divisi Teknis Penyelenggaraan".
    while (k < end) {
      const Tok& t = toks[k];
      if (is_org_start(k) || StartsName(toks, k, end)) break;
      if (t.cap && !t.initial && InCommonOrUnit(t)) { ++k; continue; }
      bool connector = t.lower == "dan" || t.punct == ',' || t.punct == '&';
      if (connector && k > j && k + 1 < end && toks[k + 1].cap && !is_org_start(k + 1) &&
          !StartsName(toks, k + 1, end) && InCommonOrUnit(toks[k + 1])) {
        k += 2;
        continue;
      }
      break;
    }
    if (k > j) title = doc.Original(Span{doc.tokens[head_first].span.start, doc.tokens[k - 1].span.end});
    if (k < end && is_org_start(k)) {
      size_t m = OrgEnd(doc, toks, k, end);
      if (m > k) {
        out.organization = std::string(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[m - 1].span.end}));
        k = m;
      }
      // A division named after the organisation: "Anggota KPU Provinsi NTT Divisi Perencanaan, Data dan Informasi".
      auto ow = k < end ? org_words_.find(toks[k].lower) : org_words_.end();
      if (ow != org_words_.end() && ow->second == OrgWord::kUnit && toks[k].cap) {
        size_t u = k + 1;
        while (u < end) {
          if (toks[u].cap && !toks[u].initial && !StartsName(toks, u, end) && InCommonOrUnit(toks[u])) { ++u; continue; }
          bool connector = toks[u].lower == "dan" || toks[u].punct == ',';
          if (connector && u + 1 < end && toks[u + 1].cap && !StartsName(toks, u + 1, end) && InCommonOrUnit(toks[u + 1])) {
            u += 2;
            continue;
          }
          break;
        }
        title += " ";
        title += Squeeze(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[u - 1].span.end}));
        k = u;
      }
    }
  }
  // A lower-case head ("kata anggota Bawaslu …") is a role only when something capitalised follows.
  if (!toks[head_first].cap && k == j && !(k < end && toks[k].cap)) return false;
  out.first = i;
  out.end = k;
  out.kind = kind;
  out.title = Squeeze(title);
  return true;
}

// The end of a name starting at i: capitalised words and initials, with particles ("bin") and
// "alias" between them.
size_t PeopleFinder::NameEnd(const std::vector<Tok>& toks, size_t i, size_t end) const {
  size_t m = i;
  auto name_word = [&](size_t k) {
    const Tok& t = toks[k];
    if (!t.word || t.role || (t.place_or_org && !t.initial)) return false;
    if (t.initial) return true;
    if (!t.cap || t.acronym || not_names_.count(t.lower)) return false;
    if (k > i && (roles_.count(t.lower) || org_words_.count(t.lower)) && !name_parts_.count(t.lower)) return false;
    return t.lower.find_first_of("0123456789") == std::string::npos;
  };
  while (m < end) {
    if (name_word(m)) { ++m; continue; }
    if (m > i && m + 1 < end && (particles_.count(toks[m].lower) || toks[m].lower == "alias") &&
        !toks[m].cap && name_word(m + 1)) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

void PeopleFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  std::vector<Tok> toks;
  Describe(doc, toks);

  // 1. Role phrases, sentence by sentence.
  std::vector<RolePhrase> roles;
  for (const Sentence& sent : doc.sentences) {
    for (size_t i = sent.first_token; i < sent.end_token;) {
      RolePhrase r;
      if (toks[i].word && ParseRole(doc, toks, i, sent.end_token, r)) {
        for (size_t k = r.first; k < r.end; ++k) toks[k].role = true;
        roles.push_back(std::move(r));
        i = roles.back().end;
      } else {
        ++i;
      }
    }
  }

  // 2. Name candidates, with honorifics before and degrees after.
  std::vector<Candidate> cands;
  std::vector<int32_t> cand_at(toks.size(), -1);  // token → candidate starting there
  for (const Sentence& sent : doc.sentences) {
    const size_t end = sent.end_token;
    for (size_t i = sent.first_token; i < end;) {
      Candidate c;
      size_t k = i;
      // Honorifics: "Bapak", "H.", "Irjen Pol.", "dr." — only right before a name.
      while (k < end && toks[k].word && !toks[k].role) {
        const std::string* h = Honorific(toks[k].lower);
        if (!h || *h == "rank-suffix") break;
        if (!toks[k].cap && toks[k].lower.back() != '.') break;
        size_t n = k + 1;
        while (n < end && toks[n].word) {
          const std::string* suffix = Honorific(toks[n].lower);
          if (!suffix || *suffix != "rank-suffix") break;
          ++n;
        }
        if (n >= end || !(toks[n].cap || toks[n].initial)) break;
        c.honorifics.push_back(Squeeze(doc.Original(Span{doc.tokens[k].span.start, doc.tokens[n - 1].span.end})));
        k = n;
      }
      size_t e = NameEnd(toks, k, end);
      // A sentence's first word is capitalised anyway: drop it when it is a common word.
      if (e > k && toks[k].sent_start && c.honorifics.empty() && (toks[k].common || toks[k].lower.size() < 2) &&
          !name_parts_.count(toks[k].lower)) {
        auto ev = evidence_.find(toks[k].lower);
        if (ev == evidence_.end() || ev->second.person <= ev->second.other || ev->second.person < 2) {
          ++k;
          e = std::max(e, k);
          if (e == k) { i = k; continue; }
        }
      }
      if (e == k) {
        i = std::max(i + 1, k);
        continue;
      }
      // "Partai Demokrat Rachlan Nasidik": words that do not start a name, before one that does,
      // belong to something else.
      if (c.honorifics.empty() && e - k >= 2 && !StartsName(toks, k, end) && !toks[k].initial) {
        auto ev = evidence_.find(toks[k].lower);
        bool other = org_words_.count(toks[k].lower) || roles_.count(toks[k].lower) ||
                     (ev != evidence_.end() && ev->second.other > 3 * ev->second.person);
        bool later = false;
        for (size_t m = k + 1; m < e && !later; ++m)
          later = toks[m].initial || (Honorific(toks[m].lower) && toks[m + 1 < e ? m + 1 : m].cap) ||
                  (other && StartsName(toks, m, end));
        if (later) {
          i = k + 1;
          continue;
        }
      }
      c.first = k;
      c.end = e;
      // Degrees: ", S.H., M.Si."
      for (size_t d = e; d + 1 < end && toks[d].punct == ','; d += 2) {
        const Tok& g = toks[d + 1];
        std::string key = g.lower;
        if (!degrees_.count(key) && !degrees_.count(key + ".")) break;
        c.degrees.push_back(std::string(doc.Original(doc.tokens[d + 1].span)));
      }
      c.strong = !c.honorifics.empty();
      cand_at[k] = int32_t(cands.size());
      cands.push_back(std::move(c));
      i = e;
    }
  }
  if (cands.empty()) return;

  // 3. Evidence from the words of each candidate.
  for (Candidate& c : cands) {
    int score = 0;
    size_t words = 0, words_total = 0;
    for (size_t k = c.first; k < c.end; ++k) words_total += toks[k].cap || toks[k].initial;
    for (size_t k = c.first; k < c.end; ++k) {
      const Tok& t = toks[k];
      if (!t.cap && !t.initial) continue;  // particles
      ++words;
      if (t.initial) { score += 2; continue; }
      if (name_parts_.count(t.lower)) { score += 1; continue; }
      if (auto ev = evidence_.find(t.lower); ev != evidence_.end()) {
        const Evidence& e = ev->second;
        if (t.common ? e.person >= 2 && e.person > e.other : e.person > 0 && e.person * 2 >= e.other) {
          score += 2;
          continue;
        }
        if (ev->second.other >= 3 && ev->second.other > 3 * ev->second.person) { score -= 3; continue; }
      }
      if (t.common) { score -= 2; continue; }
      // An unknown capitalised word: a name when it has company ("Jemris Fointuna"); alone
      // ("Napoli", "Budapest") it needs context. Measured on the NER-UI dev set: +0.10 F1.
      if (words_total > 1) score += 1;
    }
    if (words == 1 && toks[c.first].sent_start && !c.strong) score -= 1;
    if (toks[c.first].headline) score -= 3;
    // What stands before: "di Kupang", "ke Jakarta" name places; "aplikasi Zoom" names a thing.
    if (c.first > 0 && !c.strong) {
      const Tok& p = toks[c.first - 1];
      if (p.word && !p.cap) {
        if (speech_after_.count(p.lower) || p.lower == "menurut")
          c.strong = true;
        else if (p.lower == "oleh" || p.lower == "bersama" || p.lower == "kepada" || p.lower == "dengan")
          score += 2;
        else if (p.lower == "di" || p.lower == "ke" || p.lower == "dari")
          score -= 2;
        else if (common_.count(p.lower) && words == 1)
          score -= 1;
      }
    }
    if (c.end < toks.size()) {
      const Tok& n = toks[c.end];
      // "Reni menegaskan", "Audy juga berbagi …"
      size_t v = c.end;
      if (v + 1 < toks.size() && (n.lower == "juga" || n.lower == "pun" || n.lower == "kembali")) ++v;
      if (toks[v].word && !toks[v].cap && speech_before_.count(toks[v].lower)) score += 2;
      if (n.acronym) score -= 1;
    }
    c.score = score;
  }

  // 4. Roles vouch for the names they stand beside.
  auto candidate_at = [&](size_t k) -> Candidate* {
    return k < toks.size() && cand_at[k] >= 0 ? &cands[size_t(cand_at[k])] : nullptr;
  };
  for (size_t r = 0; r < roles.size(); ++r) {
    const RolePhrase& rp = roles[r];
    size_t k = rp.end;
    if (k < toks.size() && (toks[k].punct == ',' || toks[k].punct == '(')) ++k;
    // Honorifics belong to the candidate: find one starting at k or right after its honorifics.
    Candidate* c = nullptr;
    for (size_t h = k; h < toks.size() && h < k + 4 && !c; ++h) {
      c = candidate_at(h);
      if (!c && !(toks[h].word && Honorific(toks[h].lower))) break;
    }
    if (c) {
      c->strong = true;
      c->roles.push_back(r);
      // One role, several holders: "Anggota KPU RI A serta B".
      size_t n = c->end;
      while (n + 1 < toks.size() && (toks[n].lower == "dan" || toks[n].lower == "serta")) {
        Candidate* d = candidate_at(n + 1);
        if (!d) break;
        d->strong = true;
        d->roles.push_back(r);
        n = d->end;
      }
      continue;
    }
    // "Reni Rinjani, Kepala Bagian …", "Reni selaku Kepala Bagian …"
    size_t p = rp.first;
    if (p >= 2 && (toks[p - 1].punct == ',' || toks[p - 1].lower == "selaku" || toks[p - 1].lower == "sebagai")) {
      for (size_t b = p - 1; b-- > 0 && b + 8 > p;) {
        Candidate* d = candidate_at(b);
        if (d && d->end == p - 1) {
          d->strong = true;
          d->roles.push_back(r);
          break;
        }
      }
    }
  }

  // 5. Decide, then group mentions into people: a full name first, then the shorter
  // mentions that are part of it ("Reni", "Rinjani").
  auto words_of = [&](const Candidate& c) {
    std::vector<std::string_view> out;
    for (size_t k = c.first; k < c.end; ++k)
      if (toks[k].cap && !toks[k].initial) out.push_back(toks[k].lower);
    return out;
  };
  // A word seen where no person stands ("tim Bakohumas", "Bakohumas KPU") is no person's name
  // elsewhere in the document either, unless something vouches for it there.
  std::unordered_set<std::string_view> vetoed;
  for (const Candidate& c : cands)
    if (!c.strong && c.score <= 0 && c.end - c.first == 1) vetoed.insert(toks[c.first].lower);
  std::vector<Person> people;
  std::map<std::string, size_t> by_name;
  std::vector<std::vector<std::string_view>> person_words;
  std::vector<size_t> pending;
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    auto words = words_of(c);
    bool accepted = c.strong || c.score > 0;
    if (!c.strong)
      for (auto w : words)
        if (vetoed.count(w) && words.size() == 1) accepted = false;
    if (!accepted || words.empty()) continue;
    if (words.size() == 1 && c.end - c.first == 1) {
      pending.push_back(ci);
      continue;
    }
    std::string name = Squeeze(doc.Original(Span{doc.tokens[c.first].span.start, doc.tokens[c.end - 1].span.end}));
    std::string key = LowerOf(NoSpaces(name));
    size_t pi;
    if (auto it = by_name.find(key); it != by_name.end()) {
      pi = it->second;
    } else {
      pi = people.size();
      by_name[key] = pi;
      people.push_back(Person{name, {}, {}, {}, {}});
      person_words.push_back(words);
    }
    Person& p = people[pi];
    p.mentions.push_back(Span{doc.tokens[c.first].span.start, doc.tokens[c.end - 1].span.end});
    for (auto& h : c.honorifics)
      if (std::find(p.honorifics.begin(), p.honorifics.end(), h) == p.honorifics.end()) p.honorifics.push_back(h);
    for (auto& d : c.degrees)
      if (std::find(p.degrees.begin(), p.degrees.end(), d) == p.degrees.end()) p.degrees.push_back(d);
    for (size_t r : c.roles) {
      const RolePhrase& rp = roles[r];
      Role role{rp.title, rp.organization, rp.acting, rp.former,
                Span{doc.tokens[rp.first].span.start, doc.tokens[rp.end - 1].span.end}};
      bool dup = std::any_of(p.roles.begin(), p.roles.end(), [&](const Role& x) {
        return x.title == role.title && x.organization == role.organization;
      });
      if (!dup) p.roles.push_back(std::move(role));
    }
  }
  // Short mentions, and one-word names of their own ("Audy"). A one-word candidate that
  // failed on its own still joins a full name it is part of.
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    Candidate& c = cands[ci];
    if (c.end - c.first != 1 || toks[c.first].initial) continue;
    std::string_view w = toks[c.first].lower;
    bool accepted = std::find(pending.begin(), pending.end(), ci) != pending.end();
    size_t best = people.size();
    uint32_t at = doc.tokens[c.first].span.start, best_dist = UINT32_MAX;
    for (size_t pi = 0; pi < person_words.size(); ++pi) {
      if (person_words[pi].size() < 2 || std::find(person_words[pi].begin(), person_words[pi].end(), w) == person_words[pi].end())
        continue;
      uint32_t first = people[pi].mentions.front().start;
      uint32_t dist = first <= at ? at - first : (first - at) + (1u << 30);  // prefer a full name before
      if (dist < best_dist) { best_dist = dist; best = pi; }
    }
    if (best == people.size()) {
      if (!accepted) continue;
      std::string name(doc.Original(doc.tokens[c.first].span));
      std::string key = LowerOf(name);
      if (auto it = by_name.find(key); it != by_name.end()) {
        best = it->second;
      } else {
        best = people.size();
        by_name[key] = best;
        people.push_back(Person{name, {}, {}, {}, {}});
        person_words.push_back({w});
      }
    }
    Person& p = people[best];
    p.mentions.push_back(doc.tokens[c.first].span);
    for (auto& h : c.honorifics)
      if (std::find(p.honorifics.begin(), p.honorifics.end(), h) == p.honorifics.end()) p.honorifics.push_back(h);
    for (size_t r : c.roles) {
      const RolePhrase& rp = roles[r];
      Role role{rp.title, rp.organization, rp.acting, rp.former,
                Span{doc.tokens[rp.first].span.start, doc.tokens[rp.end - 1].span.end}};
      bool dup = std::any_of(p.roles.begin(), p.roles.end(), [&](const Role& x) {
        return x.title == role.title && x.organization == role.organization;
      });
      if (!dup) p.roles.push_back(std::move(role));
    }
  }
  for (Person& p : people)
    std::sort(p.mentions.begin(), p.mentions.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  std::sort(people.begin(), people.end(),
            [](const Person& a, const Person& b) { return a.mentions.front().start < b.mentions.front().start; });
  doc.people = std::move(people);
}

}  // namespace warta
