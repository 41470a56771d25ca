#include "stages/people_roles.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "stages/people_names.h"
#include "text/hash.h"

namespace warta::people {

namespace {

// The most tokens between a person's role and the comma before its holder (ComplementEnd).
constexpr size_t kMaxComplement = 10;
// A person span of the tagger ends a title only when it is more likely right than not (its
// score is calibrated as the chance that the span is exactly right).
constexpr float kPersonStartScore = 0.5f;

// Reads the role phrases of one document (ParseRoles): a parse from a given token, over the
// Toks of phase 1, which it only reads (ParseRoles marks the tokens of a phrase found before
// the next parse starts: a name after a role is no unit of the next one).
class RoleParser {
 public:
  RoleParser(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
             const std::vector<uint8_t>& per_start)
      : lex_(lex), doc_(doc), toks_(toks), per_start_(per_start) {}

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
  // The end of what a person's role is of, up to the comma before its holder: "kuasa hukum
  // pemohon, Petrus …", "saksi ahli dari Universitas Nusa Cendana, Dr. Agustina …". Lower-case
  // words, numbers, acronyms and mentions of places and organisations, at most kMaxComplement
  // tokens; j when no comma and capitalised word follow them (the holder may follow the head:
  // "kuasa hukum Petrus …").
  size_t ComplementEnd(size_t j, size_t end) const;
  // The next two words continue a unit: a connector ("dan", ",") then a capitalised word that
  // is no name and no organisation.
  bool JoinsUnit(size_t k, size_t end) const {
    return k + 1 < end && toks_[k + 1].cap && !StartsName(toks_, k + 1, end) && InCommonOrUnit(toks_[k + 1]);
  }

  // A unit numeral at k: a capitalised roman number ("Asisten II", "Wakil Rektor IV", "Komisi
  // I"). "I" before a Balinese name part is the name's own ("I Made", "I Gusti").
  bool Numeral(size_t k, size_t end) const;
  // A short form in brackets at k, "(Kalbar)", "(Sekjen)": the token after it, else k.
  size_t ShortFormEnd(size_t k, size_t end) const {
    if (k + 2 < end && toks_[k].punct == '(' && toks_[k + 1].word && toks_[k + 1].cap && !toks_[k + 1].initial &&
        toks_[k + 2].punct == ')')
      return k + 3;
    return k;
  }
  // The tagger of the entities stage starts a person's name at k (and no mention of a place or
  // an organisation does): the title or organisation ends before it ("Kepala Bagian Keuangan
  // Slamet Riyadi").
  bool PersonStarts(size_t k) const {
    return per_start_[k] && !toks_[k].acronym && !(toks_[k].mention_end > int32_t(k));
  }

  const PeopleLexicon& lex_;
  const Document& doc_;
  const std::vector<Tok>& toks_;
  const std::vector<uint8_t>& per_start_;  // per token: a kPerson entity span starts there
};

bool RoleParser::Numeral(size_t k, size_t end) const {
  const Tok& t = toks_[k];
  if (!t.word || !t.cap || t.lower.size() > 4) return false;
  for (char c : t.lower)
    if (c != 'i' && c != 'v' && c != 'x') return false;
  if (t.lower.size() > 1 && !t.acronym) return false;  // "Vi", "Xi": words, not numerals
  if (t.lower == "i" && k + 1 < end && toks_[k + 1].cap && (toks_[k + 1].f & kNamePart)) return false;
  // The numbers 1 to 39 as written: x{0,3} (ix | iv | v?i{0,3}), not empty.
  std::string_view w = t.lower;
  size_t p = 0;
  while (p < w.size() && p < 3 && w[p] == 'x') ++p;
  std::string_view rest = w.substr(p);
  if (rest == "ix" || rest == "iv") return true;
  if (!rest.empty() && rest[0] == 'v') rest.remove_prefix(1);
  return rest.size() <= 3 && rest.find_first_not_of('i') == std::string_view::npos;
}

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
    if ((t.f & (kOrg | kUnit | kRole | kHonorific)) || PersonStarts(m)) break;
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
    if (Numeral(k, end)) {  // "Asisten II", "Wakil Rektor IV Bidang …"
      ++k;
      continue;
    }
    if (OrgStart(k) || PersonStarts(k)) break;
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
    if (t.acronym || (m > i && Numeral(m, end))) {  // "KPU RI", "Komisi I DPR"
      ++m;
      continue;
    }
    if (m > i && PersonStarts(m)) break;
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

size_t RoleParser::ComplementEnd(size_t j, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t m = j;
  while (m < end && m < j + kMaxComplement) {
    const Tok& t = toks[m];
    if (t.punct == ',') break;
    if (t.mention_end > int32_t(m)) {
      m = size_t(t.mention_end);
      continue;
    }
    bool number = !t.word && doc_.tokens[m].kind == TokenKind::kNumber;
    if (!(number || (t.word && (!t.cap || t.acronym || (t.f & kOrg))))) return j;
    // A speech verb or a cue of a person ends the phrase: "kata juru bicara itu kepada …"
    if ((t.f & (kSpeechAfter | kSpeechBefore)) || lex_.Is(Cue::kPersonNext, t.lower)) return j;
    ++m;
  }
  if (m == j || m + 1 >= end || toks[m].punct != ',' || !(toks[m + 1].cap || toks[m + 1].initial)) return j;
  return m;
}

size_t RoleParser::DivisionEnd(size_t k, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t u = k + 1;
  while (u < end) {
    if (toks[u].cap && !toks[u].initial && !StartsName(toks, u, end) && !PersonStarts(u) && InCommonOrUnit(toks[u])) {
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
  std::string title(Written(doc_, head_first, j));
  // Two heads of one kind joined share what follows: "Ketua dan Anggota KPU Bolsel", "Bupati
  // dan Wakil Bupati Aceh Barat Daya". The second is the phrase's `also`.
  size_t units_from = j;  // the units after the last head are the title's and its twin's
  if (j + 1 < end && lex_.Is(Cue::kJoins, toks[j].lower) && toks[j + 1].cap == toks[head_first].cap) {
    RoleKind kind2{};
    if (size_t head2 = MatchPhrase(lex_.role_heads(), lex_.max_role_words(), j + 1, end, &kind2);
        head2 && kind2 == kind && kind != RoleKind::kPerson) {
      out.also = Written(doc_, j + 1, j + 1 + head2);
      j += 1 + head2;
      units_from = j;
    }
  }
  size_t k = j;
  size_t org_first = 0;  // where the organisation of an office starts, once read (never token 0)
  // A regional head takes the next capitalised word as its region ("Bupati Kupang Ayub Titu Eki").
  // "Sekretaris daerah (Sekda) Murung Raya Hermon …": the head's short form, then its region.
  if (kind == RoleKind::kRegion) {
    if (size_t s = ShortFormEnd(k, end); s > k && s < end && toks[s].cap && !OrgStart(s)) k = s;
  }
  if (kind == RoleKind::kRegion && k < end && toks[k].cap && !OrgStart(k) && !toks[k].initial &&
      !(toks[k].f & (kHonorific | kNamePart))) {
    size_t m = RegionEnd(k, end);
    out.organization = std::string(Written(doc_, k, m));
    k = ShortFormEnd(m, end);  // "Wakil Gubernur Kalimantan Barat (Kalbar) Siti …"
  } else if (kind == RoleKind::kPerson) {
    // "Juru Bicara KPK Febri …": an organisation written after it; else a complement, "kuasa
    // hukum pemohon, Petrus …".
    if (k < end && toks[k].cap && OrgStart(k)) {
      size_t m = OrgEnd(k, end);
      out.organization = std::string(Written(doc_, k, m));
      k = ShortFormEnd(m, end);
    } else {
      k = ComplementEnd(j, end);
    }
  } else {
    k = UnitsEnd(j, end);  // "Humas dan Informasi Publik", "Divisi Teknis Penyelenggaraan"
    if (k > j && out.also.empty()) {
      title = Written(doc_, head_first, k);
    } else if (k > j) {
      std::string_view units = Written(doc_, units_from, k);
      (title += " ") += units;
      (out.also += " ") += units;
    }
    // "Sekretaris Jenderal (Sekjen) Kemendagri Andi …": the title's short form, then its organisation.
    if (size_t s = ShortFormEnd(k, end); s > k && s < end && OrgStart(s) && !Numeral(s, end)) k = s;
    // A part of an organisation named by its kind alone, before the organisation: "Koordinator
    // Sekretariat Bawaslu Bolsel", "Kepala Sekretariat KPU …" (the title is the head and the part).
    if (k + 1 < end && k == units_from && toks[k].cap && (toks[k].f & kPart) && !toks[k].acronym &&
        (toks[k + 1].acronym || (toks[k + 1].mention_end > int32_t(k + 1) && toks[k + 1].org_mention))) {
      ++k;
      if (out.also.empty()) {
        title = Written(doc_, head_first, k);
      } else {
        std::string_view part = Written(doc_, k - 1, k);
        (title += " ") += part;
        (out.also += " ") += part;
      }
    }
    if (k < end && OrgStart(k)) {
      size_t m = OrgEnd(k, end);
      if (m > k) {
        org_first = k;
        out.organization = std::string(Written(doc_, k, m));
        k = ShortFormEnd(m, end);  // "Dinas Kesehatan Provinsi Kalimantan Tengah (Kalteng), Sri …"
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
  // A name never stands right before its own honorific: a word there ends the organisation
  // ("Wakil Rektor IV Unsrat Prof. Dr. …", "Kepala Dinas Kesehatan (Dinkes) Kotim dr. …").
  if (kind == RoleKind::kOffice && k + 2 < end && toks[k].word && toks[k].cap && !toks[k].initial &&
      !(toks[k].f & (kHonorific | kNamePart)) && (toks[k + 1].f & kHonorific) &&
      (toks[k + 1].cap || toks[k + 1].lower.back() == '.') && (toks[k + 2].cap || toks[k + 2].initial)) {
    out.organization = std::string(Written(doc_, org_first ? org_first : k, k + 1));
    ++k;
  }
  // A lower-case head ("kata anggota Bawaslu …") is a role only when something capitalised follows.
  if (!toks[head_first].cap && k == j && !(k < end && toks[k].cap)) return false;
  out.first = i;
  out.end = k;
  out.kind = kind;
  out.title = Squeeze(title);
  if (!out.also.empty()) out.also = Squeeze(out.also);
  return true;
}

}  // namespace

void ParseRoles(const PeopleLexicon& lex, const Document& doc, std::vector<Tok>& toks,
                const std::vector<uint32_t>& marks, std::vector<RolePhrase>& roles) {
  roles.clear();
  thread_local std::vector<uint8_t> per_start;
  per_start.assign(toks.size(), 0);
  for (const EntitySpan& e : doc.entity_spans)
    if (e.type == EntityType::kPerson && e.first_token < per_start.size() && e.score >= kPersonStartScore)
      per_start[e.first_token] = 1;
  const RoleParser parser(lex, doc, toks, per_start);
  // A role starts at a word with flags, so at a mark: the marks of each sentence are walked
  // from a token i on (where the last phrase ended). Phase 1 looks up the flags of lower-case
  // words only near a capital; a person's role may stand further from its holder ("kuasa
  // hukum pemohon, Petrus …"), so the words before a comma and a capital are looked up here
  // too, and those that start a role join the marks.
  thread_local std::vector<uint32_t> starts;
  starts.clear();
  for (size_t i = 1; i + 1 < toks.size(); ++i) {
    if (toks[i].punct != ',' || !(toks[i + 1].cap || toks[i + 1].initial)) continue;
    for (size_t k = i - 1, n = 0;
         n < kMaxComplement + 2 && !toks[k].cap && (toks[k].word || doc.tokens[k].kind == TokenKind::kNumber);
         --k, ++n) {
      if (!toks[k].f) {
        uint32_t f = lex.FlagsOf(toks[k].lower);
        if (f & (kRoleFirst | kModifierFirst)) {
          toks[k].f = uint16_t(f);
          starts.push_back(uint32_t(k));
        }
      }
      if (k == 0) break;
    }
  }
  const std::vector<uint32_t>* walk = &marks;
  if (!starts.empty()) {
    starts.insert(starts.end(), marks.begin(), marks.end());
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    walk = &starts;
  }
  Tok* const tok = toks.data();
  const uint32_t* const mark = walk->data();
  const size_t n_marks = walk->size();
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

namespace {

bool Holds(const Candidate& c, size_t r) { return std::find(c.roles.begin(), c.roles.end(), r) != c.roles.end(); }

// The holders BindHolders finds for one role phrase (see people_roles.h).
class HolderFinder {
 public:
  HolderFinder(const PeopleLexicon& lex, const std::vector<Tok>& toks, const std::vector<Candidate>& cands,
               const std::vector<int32_t>& cand_at)
      : lex_(lex), toks_(toks), cands_(cands), cand_at_(cand_at), end_at_(toks.size() + 1, -1) {
    for (size_t c = 0; c < cands.size(); ++c) end_at_[cands[c].end] = int32_t(c);
  }

  // The holder after phrase r: the first candidate after it that BindRoles gave it to, else one
  // with honorifics across a comma or a bracket and a longer run of ranks and honorifics than
  // BindRoles reads ("…, Irjen Pol. Drs. Boy …"); -1 when none.
  int32_t After(const RolePhrase& rp, const std::vector<int32_t>& held_by) const {
    size_t k = rp.end;
    for (int32_t c : held_by)
      if (cands_[size_t(c)].first >= k) return c;
    if (k < toks_.size() && (toks_[k].punct == ',' || toks_[k].punct == '(')) ++k;
    for (size_t h = k; h < toks_.size() && h < k + kMaxHonorificTokens; ++h) {
      if (cand_at_[h] >= 0) return h > k && !cands_[size_t(cand_at_[h])].honorifics.empty() ? cand_at_[h] : -1;
      if (!(toks_[h].punct == '.' || (toks_[h].word && (toks_[h].f & (kHonorific | kRankSuffix))))) break;
    }
    return -1;
  }

  // The holders listed after holder `c`: ", B dan C", "serta B"; only a list closed by "dan" or
  // "serta" counts (a comma alone may go on to anything). Degrees between them are passed over.
  void ListAfter(int32_t c, std::vector<int32_t>& out) const {
    std::vector<int32_t> more;
    size_t k = cands_[size_t(c)].end;
    bool closed = false, sep = false;
    for (size_t n = 0; k < toks_.size() && n < kMaxListGap; ++k, ++n) {
      const Tok& t = toks_[k];
      if (sep && cand_at_[k] >= 0) {
        if (!NameLike(size_t(cand_at_[k]))) break;  // "…, Saut Situmorang dan Penasihat KPK, …"
        more.push_back(cand_at_[k]);
        k = cands_[size_t(cand_at_[k])].end - 1;
        n = 0;
        sep = false;
        if (closed) break;
        continue;
      }
      if (t.punct == ',') {
        sep = true;
      } else if (t.word && !t.cap && lex_.Is(Cue::kHolders, t.lower)) {
        sep = closed = true;
      } else if (!(t.punct == '.' || (t.word && t.cap && (t.initial || t.acronym || t.lower.find('.') != t.lower.npos)))) {
        break;  // not a degree: the list is over
      }
    }
    if (closed && !more.empty() && (more.size() > 1 || !sep)) out.insert(out.end(), more.begin(), more.end());
  }

  // The holders named before "sebagai"/"selaku" at p, across at most kMaxVerbWords lower-case
  // words ("A dan B resmi dilantik sebagai …"), in text order; empty when none.
  void Before(size_t p, std::vector<int32_t>& out) const {
    size_t q = p;
    for (size_t n = 0; q > 0 && n <= kMaxVerbWords; ++n, --q) {
      if (end_at_[q] >= 0) break;
      const Tok& t = toks_[q - 1];
      if (!t.word || t.cap || lex_.Is(Cue::kHolders, t.lower) || (t.f & (kSpeechAfter | kSpeechBefore))) return;
    }
    if (q == 0 || end_at_[q] < 0) return;
    if (!NameLike(size_t(end_at_[q]))) return;
    std::vector<int32_t> back{end_at_[q]};
    for (size_t f = cands_[size_t(end_at_[q])].first; f >= 2;) {
      const Tok& sep = toks_[f - 1];
      if (!(sep.punct == ',' || (sep.word && !sep.cap && lex_.Is(Cue::kHolders, sep.lower))) || end_at_[f - 1] < 0 ||
          !NameLike(size_t(end_at_[f - 1])))
        break;
      back.push_back(end_at_[f - 1]);
      f = cands_[size_t(back.back())].first;
    }
    out.assign(back.rbegin(), back.rend());
  }

 private:
  // A candidate that reads as a name on its own: an honorific, an initial, or a word that is not
  // a plain common word, and no office word first ("Penasihat", "Humas" are not holders).
  bool NameLike(size_t c) const {
    const Candidate& d = cands_[c];
    if (!d.honorifics.empty()) return true;
    if (toks_[d.first].f & (kOfficeWords | kNotName)) return false;
    bool plain = true;
    for (size_t m = d.first; m < d.end && plain; ++m)
      plain = !toks_[m].initial && toks_[m].common && !(toks_[m].ev && toks_[m].ev->person > toks_[m].ev->other);
    return !plain && (d.end - d.first > 1 || StartsName(toks_, d.first, toks_.size()));
  }

  static constexpr size_t kMaxHonorificTokens = 8;  // "Irjen Pol. Drs. H." with their periods
  static constexpr size_t kMaxListGap = 8;          // ", S.H., M.H., dan" between two holders
  static constexpr size_t kMaxVerbWords = 3;        // "resmi dilantik" before "sebagai"

  const PeopleLexicon& lex_;
  const std::vector<Tok>& toks_;
  const std::vector<Candidate>& cands_;
  const std::vector<int32_t>& cand_at_;
  std::vector<int32_t> end_at_;  // token → the candidate whose name ends right before it, or -1
};

}  // namespace

void BindHolders(const PeopleLexicon& lex, const std::vector<Tok>& toks, std::vector<RolePhrase>& roles,
                 std::vector<Candidate>& cands, const std::vector<int32_t>& cand_at) {
  if (roles.empty() || cands.empty()) return;
  const HolderFinder finder(lex, toks, cands, cand_at);
  auto give = [&](int32_t c, size_t r) {
    Candidate& d = cands[size_t(c)];
    d.strong = true;
    if (!Holds(d, r)) d.roles.push_back(r);
  };
  std::vector<int32_t> holders;
  const size_t n_phrases = roles.size();  // twins are appended after them
  // The candidates BindRoles gave each phrase to, in text order (one pass, not one per phrase).
  std::vector<std::vector<int32_t>> held_by(n_phrases);
  for (size_t c = 0; c < cands.size(); ++c)
    for (size_t r : cands[c].roles)
      if (r < n_phrases) held_by[r].push_back(int32_t(c));
  for (size_t r = 0; r < n_phrases; ++r) {
    holders.clear();
    if (int32_t c = finder.After(roles[r], held_by[r]); c >= 0) {
      holders.push_back(c);
      finder.ListAfter(c, holders);
    } else if (size_t p = roles[r].first; p > 0 && lex.Is(Cue::kRoleNext, toks[p - 1].lower)) {
      finder.Before(p - 1, holders);
    }
    if (holders.empty()) continue;
    // The list is read here whole: a candidate that BindRoles chained to the first holder with
    // "dan" but that is no name of the list loses the role ("…, Saut Situmorang dan Penasihat
    // KPK, …"), and with it the only thing that vouched for it (a holder after "dan" has no
    // speech cue before it, and its honorifics would have made it a name of the list).
    for (int32_t c : held_by[r]) {
      Candidate& d = cands[size_t(c)];
      if (d.first <= cands[size_t(holders[0])].first || std::find(holders.begin(), holders.end(), c) != holders.end())
        continue;
      d.roles.erase(std::remove(d.roles.begin(), d.roles.end(), r), d.roles.end());
      if (d.roles.empty() && d.honorifics.empty()) d.strong = false;
    }
    // The twin of a phrase with two heads goes to the second holder on: "Ketua dan Anggota …, A, B dan C".
    size_t twin = r;
    if (!roles[r].also.empty() && holders.size() > 1) {
      RolePhrase t = roles[r];
      t.title = std::move(t.also);
      t.also.clear();
      roles.push_back(std::move(t));
      twin = roles.size() - 1;
    }
    for (size_t h = 0; h < holders.size(); ++h) {
      size_t role = h == 0 ? r : twin;
      Candidate& d = cands[size_t(holders[h])];
      if (role != r) d.roles.erase(std::remove(d.roles.begin(), d.roles.end(), r), d.roles.end());
      give(holders[h], role);
    }
  }
}

}  // namespace warta::people
