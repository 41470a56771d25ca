#include "stages/people_roles.h"

#include <utility>

#include "text/hash.h"

namespace warta::people {

namespace {

// Reads the role phrases of one document (ParseRoles): a parse from a given token, over the
// Toks of phase 1, which it only reads (ParseRoles marks the tokens of a phrase found before
// the next parse starts: a name after a role is no unit of the next one).
class RoleParser {
 public:
  RoleParser(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks)
      : lex_(lex), doc_(doc), toks_(toks) {}

  // The role phrase starting at token i, within the sentence's tokens [i, end): false when
  // none does. out is overwritten either way.
  bool Parse(size_t i, size_t end, RolePhrase& out) const;

 private:
  // The longest phrase of `map` (hash::Fnv1a of lower-case words joined by one space) made of
  // the words i, i+1, …: its length in words, and its value in *value; 0 when none matches.
  template <class Map>
  size_t MatchPhrase(const Map& map, size_t max_words, size_t i, size_t end, typename Map::mapped_type* value) const;
  // A capitalised acronym, organisation mention, organisation or region word: where the
  // organisation part of a role starts.
  bool OrgStart(size_t k) const;
  // The end of the region of a regional head: "Bupati Kupang", "Camat Kelapa Lima".
  size_t RegionEnd(size_t i, size_t end) const;
  // The end of the units after a head that starts at j: "Kepala Bagian Humas dan Informasi Publik".
  size_t UnitsEnd(size_t j, size_t end) const;
  // The end of the organisation part from i: "KPU Provinsi NTT", "Polres Belu".
  size_t OrgEnd(size_t i, size_t end) const;
  // The end of a division named after the organisation, from its unit word at k: "Divisi
  // Perencanaan, Data dan Informasi".
  size_t DivisionEnd(size_t k, size_t end) const;
  // The next two words continue a unit: a connector ("dan", ",") then a capitalised word that
  // is no name and no organisation.
  bool JoinsUnit(size_t k, size_t end) const {
    return k + 1 < end && toks_[k + 1].cap && !StartsName(toks_, k + 1, end) && InCommonOrUnit(toks_[k + 1]);
  }

  const PeopleLexicon& lex_;
  const Document& doc_;
  const std::vector<Tok>& toks_;
};

template <class Map>
size_t RoleParser::MatchPhrase(const Map& map, size_t max_words, size_t i, size_t end,
                               typename Map::mapped_type* value) const {
  // The phrase of words i, i+1, … is hashed as it grows, never built.
  uint64_t h = hash::kFnvBasis;
  size_t best = 0;
  for (size_t n = 0; n < max_words && i + n < end && toks_[i + n].word; ++n) {
    if (n) h = hash::Step(h, ' ');
    h = hash::Fold(h, toks_[i + n].lower);
    if (const auto* v = map.Find(h)) {
      best = n + 1;
      *value = *v;
    }
  }
  return best;
}

bool RoleParser::OrgStart(size_t k) const {
  const Tok& t = toks_[k];
  if (!t.word || !t.cap) return false;
  if (t.acronym || (t.mention_end > int32_t(k) && t.org_mention)) return true;
  return (t.f & (kOrg | kRegion)) != 0;
}

// Its first word always, then capitalised words that do not start a name ("Timur", "Tenggara").
size_t RoleParser::RegionEnd(size_t i, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  if (i >= end || !toks[i].cap) return i;
  if (toks[i].mention_end > int32_t(i)) return size_t(toks[i].mention_end);
  if (toks[i].region_end > int32_t(i) && size_t(toks[i].region_end) <= end) return size_t(toks[i].region_end);
  size_t m = i + 1;
  // Then compass words and the like ("Timur", "Tenggara", "Kota"), or words the training data
  // knows as places, not names ("Bandar Lampung"). The places stage, when it ran, knows better.
  while (m < end && toks[m].cap && !toks[m].initial && !toks[m].acronym) {
    const Tok& t = toks[m];
    if (t.mention_end > int32_t(m) && !t.org_mention) {
      m = size_t(t.mention_end);
      continue;
    }
    if (t.f & (kOrg | kUnit | kRole | kHonorific)) break;
    if (!((t.f & kCompass) || (t.ev && t.ev->other > 3 * t.ev->person && t.ev->other >= 3))) break;
    ++m;
  }
  return m;
}

size_t RoleParser::UnitsEnd(size_t j, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t k = j;
  while (k < end) {
    const Tok& t = toks[k];
    if (OrgStart(k)) break;
    // "Kasat Resnarkoba Polres Belu": an unknown word between a head and its organisation is a unit.
    if (StartsName(toks, k, end)) {
      if (k == j && t.cap && !t.initial && !(t.f & kHonorific) && k + 1 < end && OrgStart(k + 1)) {
        ++k;
        continue;
      }
      break;
    }
    if (t.cap && !t.initial && InCommonOrUnit(t)) {
      ++k;
      continue;
    }
    bool connector = lex_.Is(Cue::kJoins, t.lower) || t.punct == ',' || t.punct == '&';
    if (connector && k > j && k + 1 < end && !OrgStart(k + 1) && JoinsUnit(k, end)) {
      k += 2;
      continue;
    }
    break;
  }
  return k;
}

// From an acronym, an organisation word or a known organisation, through common capitalised
// words, acronyms ("RI") and regions.
size_t RoleParser::OrgEnd(size_t i, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t m = i;
  while (m < end) {
    const Tok& t = toks[m];
    if (t.mention_end > int32_t(m)) {
      m = size_t(t.mention_end);
      continue;
    }
    if (!t.word) {
      // A unit number: "SMA Negeri 1 Kupang Tengah", "Kodim 1604/Kupang".
      if (m > i && doc_.tokens[m].kind == TokenKind::kNumber && doc_.tokens[m].span.size() <= 5) {
        ++m;
        continue;
      }
      break;
    }
    if (t.acronym) {
      ++m;
      continue;
    }
    if (t.cap && (t.f & kRegion) && m + 1 < end && toks[m + 1].cap) {
      m = RegionEnd(m + 1, end);
      continue;
    }
    if (t.cap && (t.f & kOrg)) {
      ++m;
      // The organisation's own name follows its kind: "Partai NasDem", "Yayasan Tunas Bangsa".
      if (m == i + 1 && m + 1 < end && toks[m].cap && !toks[m].initial && !(toks[m].f & (kHonorific | kRole)) &&
          toks[m + 1].cap && !toks[m].common)
        ++m;
      continue;
    }
    if (t.cap && !t.initial && !StartsName(toks, m, end) && !(t.f & (kRole | kUnit))) {
      ++m;
      continue;
    }
    if (m > i && lex_.Is(Cue::kJoins, t.lower) && m + 1 < end && toks[m + 1].cap && !toks[m + 1].acronym &&
        !StartsName(toks, m + 1, end) && toks[m + 1].common) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

size_t RoleParser::DivisionEnd(size_t k, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t u = k + 1;
  while (u < end) {
    if (toks[u].cap && !toks[u].initial && !StartsName(toks, u, end) && InCommonOrUnit(toks[u])) {
      ++u;
      continue;
    }
    bool connector = lex_.Is(Cue::kJoins, toks[u].lower) || toks[u].punct == ',';
    if (connector && JoinsUnit(u, end)) {
      u += 2;
      continue;
    }
    break;
  }
  return u;
}

bool RoleParser::Parse(size_t i, size_t end, RolePhrase& out) const {
  const std::vector<Tok>& toks = toks_;
  if (!(toks[i].f & (kRoleFirst | kModifierFirst))) return false;
  size_t j = i;
  out = RolePhrase{};
  for (uint8_t acting; size_t n = MatchPhrase(lex_.modifiers(), lex_.max_modifier_words(), j, end, &acting);) {
    (acting ? out.acting : out.former) = true;
    j += n;
  }
  RoleKind kind{};
  size_t head = MatchPhrase(lex_.role_heads(), lex_.max_role_words(), j, end, &kind);
  if (!head) return false;  // a modifier must be followed by its head; "mantan" alone is an ordinary word
  size_t head_first = j;
  j += head;
  if (j < end && toks[j].punct == '-') return false;  // "kepala-kepala"
  size_t k = j;
  std::string title(Written(doc_, head_first, j));
  // A regional head takes the next capitalised word as its region ("Bupati Kupang Ayub Titu Eki").
  if (kind == RoleKind::kRegion && k < end && toks[k].cap && !OrgStart(k) && !toks[k].initial &&
      !(toks[k].f & (kHonorific | kNamePart))) {
    size_t m = RegionEnd(k, end);
    out.organization = std::string(Written(doc_, k, m));
    k = m;
  } else if (kind != RoleKind::kPerson) {
    k = UnitsEnd(j, end);  // "Humas dan Informasi Publik", "Divisi Teknis Penyelenggaraan"
    if (k > j) title = Written(doc_, head_first, k);
    if (k < end && OrgStart(k)) {
      size_t m = OrgEnd(k, end);
      if (m > k) {
        out.organization = std::string(Written(doc_, k, m));
        k = m;
      }
      // A division named after the organisation: "Anggota KPU Provinsi NTT Divisi Perencanaan, Data dan Informasi".
      if (k < end && (toks[k].f & kUnit) && toks[k].cap) {
        size_t u = DivisionEnd(k, end);
        title += " ";
        title += Squeeze(Written(doc_, k, u));
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

}  // namespace

void ParseRoles(const PeopleLexicon& lex, const Document& doc, std::vector<Tok>& toks,
                const std::vector<uint32_t>& marks, std::vector<RolePhrase>& roles) {
  roles.clear();
  const RoleParser parser(lex, doc, toks);
  // A role starts at a word with flags, so at a mark: the marks of each sentence are walked
  // from a token i on (where the last phrase ended).
  Tok* const tok = toks.data();
  const uint32_t* const mark = marks.data();
  const size_t n_marks = marks.size();
  size_t mi = 0;
  RolePhrase r;  // the one being read (Parse empties it)
  for (const Sentence& sent : doc.sentences) {
    for (size_t i = sent.first_token; mi < n_marks && mark[mi] < sent.end_token; ++mi) {
      if (mark[mi] < i) continue;
      i = mark[mi];
      if ((tok[i].f & (kRoleFirst | kModifierFirst)) && parser.Parse(i, sent.end_token, r)) {
        for (size_t k = r.first; k < r.end; ++k) tok[k].role = true;
        roles.push_back(std::move(r));
        i = roles.back().end;
      }
    }
  }
}

}  // namespace warta::people
