#include "stages/people_names.h"

#include <algorithm>
#include <utility>

#include "text/hash.h"

namespace warta::people {

namespace {

// The tagger's confidence from which a person span gives a rule candidate its bounds, and from
// which it proposes a name the rules did not read.
// The tagger's confidence (a calibrated chance that the span is exactly right) from which a
// person span gives a rule candidate its bounds, proposes a name the rules did not read, and
// vouches for a candidate; and that of a place or organisation span from which a candidate no
// person span covers needs a cue. 0.5 each: the span is more likely right than wrong.
constexpr float kModelBounds = 0.5f;
constexpr float kModelPropose = 0.5f;
constexpr float kModelAccept = 0.5f;
constexpr float kModelOther = 0.5f;
// A one-word name the tagger proposes is not vouched for when the rules' evidence is this low
// or lower ("(Sbr)", "Mura": credits and regional short forms): it needs a cue. One step above
// it ("Firman meyakini …", "Maria membawa pulang …": a name that is also a word, opening a
// sentence) the tagger's score must reach kOneWordLowModel. Chosen on the held-out folds of the
// train splits (scripts/ner-oof: the pipeline run with each fold's model), PER exact F1 with
// the bar at -2 (as before) / at -3 with kOneWordLowModel 0.5 / 0.65 / 0.8: NER-UI 91.4 / 91.5 /
// 91.5 / 91.4, NER-UGM 79.3 / 80.0 / 80.0 / 79.6, idner 85.2 / 86.2 / 86.0 / 85.4, NERGRIT
// 73.4 / 73.4 / 73.5 / 73.5; 0.65, since on CLICK-ID the one-word names it adds below that score
// are mostly not names ("Alhasil", "Gulali", "Outlander"), above it mostly are ("Agus", "Rudi").
constexpr int kOneWordAgainst = -3;
constexpr float kOneWordLowModel = 0.65f;

// Reads the candidates of one document (FindCandidates): what stands at a mark, over the Toks
// of phases 1 and 2, which it only reads.
class CandidateReader {
 public:
  CandidateReader(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks)
      : lex_(lex), doc_(doc), toks_(toks) {}

  // The candidate whose name (or honorifics) start at token i, within the sentence's tokens
  // [i, end): true and c filled when there is one. `next` is where the next one may start.
  bool Read(size_t i, size_t end, Candidate& c, size_t& next) const;
  // Sets the model facts of the candidates cands[from, …) of one sentence (tokens up to `end`)
  // from the tagger's spans, reshaping them where a person span says where a name starts and
  // ends, and adding the person spans the rules read no name in (see Reconcile below).
  void Reconcile(const std::vector<EntitySpan>& spans, size_t& si, size_t end, std::vector<Candidate>& cands,
                 size_t from) const;

 private:
  // Honorifics from token k on: "Bapak", "H.", "Irjen Pol.", "dr." — only right before a name.
  // Adds them to c.honorifics; returns the token after them.
  size_t Honorifics(size_t k, size_t end, Candidate& c) const;
  // The end of a name starting at i: capitalised words and initials, with particles ("bin")
  // and "alias" between them.
  size_t NameEnd(size_t i, size_t end) const;
  // A word that may be part of the name that starts at i.
  bool NameWord(size_t k, size_t i) const;
  // A sentence's first word at k is capitalised anyway: true when it is a common word that the
  // name evidence does not clearly see as a name, to be dropped.
  bool PlainSentenceStart(size_t k, const Candidate& c) const;
  // "Partai Demokrat Rachlan Nasidik": true when the words [k, e) start with words that do not
  // start a name, before one that does (an initial, an honorific, a name): they belong to
  // something else.
  bool NameStartsLater(size_t k, size_t e, size_t end) const;
  // Degrees after a comma from token e on: ", S.H., M.Si." — also when the tokenizer cut one
  // into pieces ("M." "H."). Adds them to c.degrees; returns the token after them.
  size_t Degrees(size_t e, size_t end, Candidate& c) const;

  const PeopleLexicon& lex_;
  const Document& doc_;
  const std::vector<Tok>& toks_;
};

size_t CandidateReader::Honorifics(size_t k, size_t end, Candidate& c) const {
  const std::vector<Tok>& tok = toks_;
  while (k < end && tok[k].word && !tok[k].role) {
    if (!(tok[k].f & kHonorific)) break;
    if (!tok[k].cap && tok[k].lower.back() != '.') break;
    size_t n = k + 1;
    while (n < end && tok[n].word) {
      if (!(tok[n].f & kRankSuffix)) break;
      ++n;
    }
    if (n >= end || !(tok[n].cap || tok[n].initial)) break;
    c.honorifics.push_back(Squeeze(Written(doc_, k, n)));
    k = n;
  }
  return k;
}

[[gnu::always_inline]] inline bool CandidateReader::NameWord(size_t k, size_t i) const {
  const Tok& t = toks_[k];
  if (!t.word || t.role || (t.place_or_org && !t.initial)) return false;
  if (t.initial) return true;
  if (!t.cap || t.acronym || (t.f & kNotName) || t.acronym_part || t.in_date) return false;
  if (k > i && (t.f & kOfficeWords) && !(t.f & kNamePart)) return false;
  return !t.digit;
}

size_t CandidateReader::NameEnd(size_t i, size_t end) const {
  const std::vector<Tok>& toks = toks_;
  size_t m = i;
  while (m < end) {
    if (NameWord(m, i)) {
      ++m;
      continue;
    }
    // An abbreviated name part the tokenizer left apart from its period: "Muh." "Abd." "Moh."
    if (m > i && toks[m].punct == '.' && m + 1 < end && !toks[m - 1].space_after && toks[m - 1].cap &&
        !toks[m - 1].initial && toks[m - 1].lower.size() <= 4 && NameWord(m + 1, i)) {
      ++m;
      continue;
    }
    if (m > i && m + 1 < end && ((toks[m].f & kParticle) || lex_.Is(Cue::kNameLink, toks[m].lower)) &&
        !toks[m].cap && NameWord(m + 1, i)) {
      m += 2;
      continue;
    }
    break;
  }
  return m;
}

bool CandidateReader::PlainSentenceStart(size_t k, const Candidate& c) const {
  const Tok& t = toks_[k];
  if (!t.sent_start || !c.honorifics.empty() || !(t.common || t.lower.size() < 2) || (t.f & kNamePart)) return false;
  const Evidence* ev = t.ev;
  return !ev || ev->person <= 2 * ev->other || ev->person < 3;
}

bool CandidateReader::NameStartsLater(size_t k, size_t e, size_t end) const {
  const std::vector<Tok>& tok = toks_;
  const Evidence* ev = tok[k].ev;
  bool other = (tok[k].f & kOfficeWords) || (ev && ev->other > 3 * ev->person);
  bool later = false;
  for (size_t m = k + 1; m < e && !later; ++m)
    later = tok[m].initial || ((tok[m].f & kHonorific) && tok[m + 1 < e ? m + 1 : m].cap) ||
            (other && StartsName(tok, m, end));
  return later;
}

size_t CandidateReader::Degrees(size_t e, size_t end, Candidate& c) const {
  const std::vector<Tok>& tok = toks_;
  size_t after = e;
  // The sentence splitter may end a sentence inside "SH.,MH": a degree written right after a
  // degree's comma goes on into the next sentence.
  for (size_t d = e; d + 1 < tok.size() && tok[d].punct == ',';) {
    if (d + 1 >= end) {
      if (tok[d].space_after || c.degrees.empty()) break;
      end = tok.size();
    }
    // The words from d + 1 on, joined, looked up as they grow (and with a final period too):
    // hashed byte by byte, never built.
    // Typed degrees ("SH.,MH", "M,Si", "M.AP") match with their periods and commas left out
    // (bare), when the group holds a period or a comma or follows a degree: a bare "MA" after a
    // name and a comma may be the court ("…, MA menolak").
    uint64_t h = hash::kFnvBasis, bare = hash::kFnvBasis;
    size_t best = 0;
    bool marked = !c.degrees.empty();
    for (size_t g = d + 1; g < end && g < d + 8; ++g) {
      // A comma inside a degree, with a word right after it: "M,Si".
      bool inner_comma = tok[g].punct == ',' && g > d + 1 && !tok[g - 1].space_after && !tok[g].space_after &&
                         g + 1 < end && tok[g + 1].word;
      if (!tok[g].word && tok[g].punct != '.' && !inner_comma) break;
      h = hash::Fold(h, tok[g].lower);
      for (unsigned char ch : tok[g].lower)
        if (ch != '.' && ch != ',') bare = hash::Step(bare, ch);
      marked = marked || tok[g].punct || tok[g].lower.find('.') != std::string_view::npos;
      if (!inner_comma && (lex_.IsDegree(h) || lex_.IsDegree(hash::Step(h, '.')) || (marked && lex_.IsBareDegree(bare))))
        best = g + 1;
      if (tok[g].space_after) break;
    }
    if (!best) break;
    c.degrees.push_back(std::string(Written(doc_, d + 1, best)));
    after = d = best;
  }
  return after;
}

bool CandidateReader::Read(size_t i, size_t end, Candidate& c, size_t& next) const {
  const std::vector<Tok>& tok = toks_;
  next = i;
  // Most tokens start nothing: neither capitalised, nor an initial, nor "dr.".
  if (!tok[i].cap && !tok[i].initial && !(tok[i].f & kHonorific)) return false;
  c.honorifics.clear();  // (moved-from vectors are empty already; this is cheap)
  c.degrees.clear();
  c.model = -1;
  c.model_other = 0;
  c.model_only = false;
  size_t k = Honorifics(i, end, c);
  size_t e = NameEnd(k, end);
  if (e > k && PlainSentenceStart(k, c)) {
    ++k;
    e = std::max(e, k);
    if (e == k) {
      next = k;
      return false;
    }
  }
  if (e == k) {
    next = std::max(i + 1, k);
    return false;
  }
  if (c.honorifics.empty() && e - k >= 2 && !StartsName(tok, k, end) && !tok[k].initial && NameStartsLater(k, e, end)) {
    next = k + 1;
    return false;
  }
  c.first = k;
  c.end = e;
  next = Degrees(e, end, c);  // (the degrees are no names of their own)
  c.strong = !c.honorifics.empty();
  return true;
}

// A token a person span of the tagger may keep as a word of a name: a capitalised word or an
// initial that is no honorific, rank, date or number, or a particle between them ("bin").
// Nor, from the rules' own reading, part of a role phrase, an acronym, or a place or an
// organisation the other stages found.
bool ModelNameWord(const Tok& t) {
  if (!t.word || t.in_date || t.digit || t.role || t.acronym || t.acronym_part || (t.f & (kHonorific | kRankSuffix)))
    return false;
  if (t.place_or_org && !t.initial) return false;
  return t.cap || t.initial || (t.f & kParticle);
}

// Token a lies inside an organisation mention that starts before it ("KPU [Belu]").
bool InsideOrganization(const std::vector<Tok>& tok, size_t a) {
  for (size_t k = a; k-- > 0 && tok[k].place_or_org;)
    if (tok[k].org_mention && size_t(tok[k].mention_end) > a) return true;
  return false;
}

void CandidateReader::Reconcile(const std::vector<EntitySpan>& spans, size_t& si, size_t end,
                                std::vector<Candidate>& cands, size_t from) const {
  const std::vector<Tok>& tok = toks_;
  for (; si < spans.size() && spans[si].first_token < end; ++si) {
    const EntitySpan& sp = spans[si];
    size_t a = sp.first_token, b = sp.end_token;
    if (sp.type != EntityType::kPerson) {
      for (size_t ci = from; ci < cands.size(); ++ci)
        if (cands[ci].first < b && a < cands[ci].end) cands[ci].model_other = std::max(cands[ci].model_other, sp.score);
      continue;
    }
    // The honorifics and ranks before a name, and anything not a name word at its ends, are
    // the rules' to read: "Dr. Reni Rinjani" → "Reni Rinjani".
    // A one-word place the name starts with stays when the tagger reads it as a name: "Bima Sakti".
    // Not when that place closes an organisation's mention: "Sekretaris KPU Belu Yustina Bere".
    const bool place_first = tok[a].place_or_org && !tok[a].org_mention && tok[a].cap && !tok[a].acronym &&
                             size_t(tok[a].mention_end) == a + 1 && a + 1 < b && ModelNameWord(tok[a + 1]) &&
                             !InsideOrganization(tok, a);
    while (a < b && !place_first && !(ModelNameWord(tok[a]) && (tok[a].cap || tok[a].initial))) ++a;
    while (b > a && !(ModelNameWord(tok[b - 1]) && (tok[b - 1].cap || tok[b - 1].initial))) --b;
    if (a == b) continue;
    bool clean = true;
    // Inside a name, a capitalised word the rules read as a role is a name: "Budi Hakim Sitorus".
    for (size_t k = a; k < b && clean; ++k)
      clean = ModelNameWord(tok[k]) || tok[k].punct == '.' || tok[k].punct == '-' || (k == a && place_first) ||
              (k > a && k + 1 < b && tok[k].role && tok[k].cap && !tok[k].acronym && !tok[k].place_or_org);
    // A name in capitals ("RENI RINJANI BUKA RAPAT") is the rules' to read: a headline names a
    // person only when the body does.
    const std::string_view written = Written(doc_, a, b);
    if (!clean || std::none_of(written.begin(), written.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))
      continue;
    // The rule candidates it overlaps: bounds from the tagger, honorifics from the first one,
    // degrees from the last one.
    size_t first = cands.size(), last = cands.size();
    for (size_t ci = from; ci < cands.size(); ++ci)
      if (cands[ci].first < b && a < cands[ci].end) {
        if (first == cands.size()) first = ci;
        last = ci;
      }
    if (first == cands.size()) {
      if (sp.score < kModelPropose) continue;
      Candidate c;
      c.first = a;
      c.end = b;
      c.model = sp.score;
      c.model_only = true;
      Degrees(b, end, c);
      cands.push_back(std::move(c));
      continue;
    }
    Candidate& c = cands[first];
    c.model = std::max(c.model, sp.score);
    if (sp.score < kModelBounds) continue;
    // Name parts and initials the rules read before it stay: "Ni Made Sukerti", "I Gusti …".
    while (a > c.first && ((tok[a - 1].f & kNamePart) || tok[a - 1].initial)) --a;
    // A name does not end on a middle initial: where the rules read on past it, their end
    // stays ("Ignasius R. Lega", whose last word is also a common word).
    if (tok[b - 1].initial && cands[last].end > b) b = cands[last].end;
    c.first = a;
    c.end = b;
    if (last != first) {
      c.degrees = std::move(cands[last].degrees);
      c.strong = c.strong || cands[last].strong;
      cands.erase(cands.begin() + ptrdiff_t(first + 1), cands.begin() + ptrdiff_t(last + 1));
    }
  }
  std::sort(cands.begin() + ptrdiff_t(from), cands.end(),
            [](const Candidate& x, const Candidate& y) { return x.first < y.first; });
}

// "Teknologi Wolbachia … mengandung wolbachia": a one-word candidate that is no common word
// but is written in lower case elsewhere in the document is a term, not a name.
bool WrittenLower(const std::vector<Tok>& toks, const Candidate& c) {
  if (c.end - c.first != 1 || toks[c.first].common || toks[c.first].initial) return false;
  const std::string_view w = toks[c.first].lower;
  return std::any_of(toks.begin(), toks.end(), [&](const Tok& t) { return t.word && !t.cap && t.lower == w; });
}

// Every word of the candidate is a common word with no evidence of being a name.
bool PlainCommon(const std::vector<Tok>& tok, const Candidate& c) {
  for (size_t k = c.first; k < c.end; ++k)
    if (tok[k].initial || (tok[k].cap && !(tok[k].common && !(tok[k].ev && tok[k].ev->person > tok[k].ev->other))))
      return false;
  return true;
}

// Phase 4, the evidence of the candidate's own words (counted in f), and how many there are.
size_t WordFeatures(const std::vector<Tok>& tok, const Candidate& c, NameFeatures& f) {
  size_t words = 0, words_total = 0;
  size_t plain_common = 0;  // common words with no evidence of being names
  for (size_t k = c.first; k < c.end; ++k) {
    words_total += tok[k].cap || tok[k].initial;
    plain_common += tok[k].cap && tok[k].common && !(tok[k].ev && tok[k].ev->person > tok[k].ev->other);
  }
  // "Knowledge Sharing Tata Kelola Bakohumas": two plain words make a title, not a name.
  f.plain_common_pair = plain_common >= 2;
  for (size_t k = c.first; k < c.end; ++k) {
    const Tok& t = tok[k];
    if (!t.cap && !t.initial) continue;  // particles
    ++words;
    if (t.initial) {
      ++f.initial;
      continue;
    }
    if (t.f & kNamePart) {
      ++f.name_part;
      continue;
    }
    if (t.f & (kOfficeWords | kNotName | kHonorific | kRankSuffix)) {
      ++f.non_name_word;
      continue;
    }
    if (t.ev) {
      const Evidence& e = *t.ev;
      // A common word ("Ada", "Putra") needs clear evidence; an unknown one a little.
      if (t.common ? e.person >= 3 && e.person > 2 * e.other : e.person > 0 && e.person * 2 >= e.other) {
        ++f.named_word;
        continue;
      }
      if (t.common && e.person > e.other) {  // "Hamzah": a word, but seen as a name more often
        ++f.weakly_named_word;
        continue;
      }
      if (e.other >= 3 && e.other > 3 * e.person) {
        ++f.unnamed_word;
        continue;
      }
    }
    // Common words are weak evidence against: many names are words too ("Ayub", "Bayu").
    if (t.common) {
      ++f.common_word;
      continue;
    }
    // An unknown capitalised word: a name when it has company ("Jemris Fointuna"); alone
    // ("Napoli", "Budapest") it needs context. Measured on the NER-UI dev set: +0.10 F1.
    if (words_total > 1) ++f.unknown_in_company;
  }
  return words;
}

// "Jalan Gatot Subroto", "Jalan Jenderal Gatot Subroto" (past the honorifics), "Rumah Sakit …
// (RSPAD) Gatot Subroto", "RSUD Dr. Soetomo": a word naming a place after a person stands
// before the name, or an acronym that starts with one ("rs" + "pad").
bool NamedAfter(const PeopleLexicon& lex, const std::vector<Tok>& tok, const Candidate& c) {
  size_t p = c.first;
  while (p > 0 && tok[p - 1].word && (tok[p - 1].f & (kHonorific | kRankSuffix)) && !(tok[p - 1].f & kNamedAfter)) --p;
  while (p > 0 && tok[p - 1].punct == '.' && p > 1 && (tok[p - 2].f & kHonorific)) p -= 2;
  if (p == 0) return false;
  size_t k = p - 1;
  if (tok[k].punct == ')' && k > 0 && tok[k - 1].acronym) --k;
  if (tok[k].f & kNamedAfter) return true;
  if (!tok[k].acronym) return false;
  const std::string_view a = tok[k].lower;
  for (size_t n = 2; n < a.size(); ++n)
    if (lex.FlagsOf(a.substr(0, n)) & kNamedAfter) return true;
  return false;
}

// Phase 4, the evidence of the candidate as a whole and of its context; sets and clears
// c.strong as the file comment of people_names.h says.
void ContextFeatures(const PeopleLexicon& lex, const std::vector<Tok>& tok, size_t words, Candidate& c,
                     NameFeatures& f) {
  const size_t n_toks = tok.size();
  f.lone_sentence_start = words == 1 && tok[c.first].sent_start && !c.strong;
  f.lone_short_word = words == 1 && c.end - c.first == 1 && tok[c.first].lower.size() <= 2 && c.honorifics.empty();
  // "Jalan Gatot Subroto", "RS Cipto Mangunkusumo", "Bandara Soekarno-Hatta": a place named after a person.
  if (NamedAfter(lex, tok, c)) {
    f.named_after = true;
    c.strong = false;
  }
  f.headline = tok[c.first].headline;
  // What stands before: "di Kupang", "ke Jakarta" name places; "aplikasi Zoom" names a thing.
  if (c.first > 0 && !c.strong) {
    const Tok& p = tok[c.first - 1];
    if (p.word && !p.cap) {
      if ((p.f & kSpeechAfter) || lex.Is(Cue::kSpeakerNext, p.lower))
        c.strong = true;
      else if (lex.Is(Cue::kPersonNext, p.lower))
        f.person_cue_before = true;
      else if (lex.Is(Cue::kPlaceNext, p.lower))
        f.place_cue_before = true;
      else if (words == 1 && lex.IsCommonLemma(p.lower))
        f.common_word_before = true;
    }
  }
  if (c.end < n_toks) {
    // "Reni menegaskan", "Audy juga berbagi …"
    size_t v = c.end;
    if (v + 1 < n_toks && lex.Is(Cue::kAdverb, tok[c.end].lower)) ++v;
    f.speech_verb_after = tok[v].word && !tok[v].cap && (tok[v].f & kSpeechBefore);
    f.acronym_after = tok[c.end].acronym;
  }
}

// The most tokens of a line that holds a name alone, with its honorifics and degrees.
constexpr size_t kMaxSignatureTokens = 16;

// Phase 5: the candidate that holds role rp when it follows the role ("Kepala Bagian Umum Reni
// Rinjani", "…, Reni", "… (Reni)"), after its honorifics; null when none does.
const Candidate* HolderAfter(const std::vector<Tok>& tok, const RolePhrase& rp, const std::vector<Candidate>& cands,
                             const std::vector<int32_t>& cand_at) {
  const size_t n_toks = tok.size();
  size_t k = rp.end;
  // The short form of the role, itself a role, before its holder: "Menteri Perhubungan (Menhub) Budi …".
  // Units may follow it ("Direktur Jenderal (Dirjen) Pembinaan Hubungan Industrial …"): the holder
  // must read as a name.
  bool after_short_form = false;
  if (k + 2 < n_toks && tok[k].punct == '(' && tok[k + 1].role && tok[k + 2].punct == ')') {
    k += 3;
    after_short_form = true;
  }
  if (k < n_toks && (tok[k].punct == ',' || tok[k].punct == '(')) ++k;
  // A role in brackets after the words it shortens, which are no role: "Kepolisian daerah
  // (Kapolda) Irjen …" (after a role, "Direktur Jenderal (Dirjen) Pembinaan …", the role before
  // the brackets holds).
  else if (k < n_toks && tok[k].punct == ')' && rp.first > 1 && tok[rp.first - 1].punct == '(' &&
           !tok[rp.first - 2].role)
    ++k;
  // Honorifics belong to the candidate: find one starting at k or right after its honorifics.
  const Candidate* c = nullptr;
  for (size_t h = k; h < n_toks && h < k + 4 && !c; ++h) {
    c = cand_at[h] >= 0 ? &cands[size_t(cand_at[h])] : nullptr;
    if (!c && !(tok[h].word && (tok[h].f & kHonorific))) break;
  }
  if (!c || !c->honorifics.empty()) return c;
  if (after_short_form && !StartsName(tok, c->first, n_toks) && c->model < kModelAccept) return nullptr;
  // The holder's name must read as one: not "Peraturan Gubernur (Pergub)", not "…, Kementerian
  // Hukum", not a headline's next words ("Wali Kota Kupang Tinjau Penanganan Banjir").
  bool all_common = true;
  for (size_t m = c->first; m < c->end && all_common; ++m)
    all_common = tok[m].initial ? false : tok[m].common && !(tok[m].ev && tok[m].ev->person > tok[m].ev->other);
  if (all_common) return nullptr;
  const bool one_word = c->end - c->first == 1;
  if ((tok[c->first].f & (kOfficeWords | kNotName)) || (one_word && !StartsName(tok, c->first, n_toks)) ||
      (rp.end < n_toks && tok[rp.end].punct == '(' && one_word && !tok[c->first].ev))
    return nullptr;
  return c;
}

}  // namespace

void FindCandidates(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
                    const std::vector<uint32_t>& marks, std::vector<Candidate>& cands, std::vector<int32_t>& cand_at) {
  cands.clear();
  cand_at.assign(toks.size(), -1);
  const CandidateReader reader(lex, doc, toks);
  Candidate c;  // the one being read: emptied at each mark, moved into cands when kept
  // A name starts at a capitalised word, an initial or an honorific, so at a mark: the marks of
  // each sentence are walked from a token i on (where the last candidate, or what was skipped,
  // ended).
  const uint32_t* const mark = marks.data();
  const size_t n_marks = marks.size();
  size_t mi = 0, si = 0;
  const std::vector<EntitySpan>& spans = doc.entity_spans;
  for (const Sentence& sent : doc.sentences) {
    const size_t end = sent.end_token, from = cands.size();
    for (size_t i = sent.first_token; mi < n_marks && mark[mi] < end; ++mi) {
      if (mark[mi] < i) continue;
      if (reader.Read(mark[mi], end, c, i)) cands.push_back(std::move(c));
    }
    while (si < spans.size() && spans[si].end_token <= sent.first_token) ++si;
    if (si < spans.size() && spans[si].first_token < end) reader.Reconcile(spans, si, end, cands, from);
  }
  for (size_t ci = 0; ci < cands.size(); ++ci) cand_at[cands[ci].first] = int32_t(ci);
}

// The short forms the document defines for common words: "Bimbingan Teknis (Bimtek)" → "bimtek":
// a word in brackets after two or more capitalised common words, whose letters it takes in
// order from the first one on. A term, not a name ("Bimtek ditutup Rabu …"); a person's short
// name ("Joko Widodo (Jokowi)") follows a name, not common words.
void DefinedTerms(const std::vector<Tok>& tok, std::vector<std::string_view>& terms) {
  terms.clear();
  for (size_t k = 2; k + 2 < tok.size(); ++k) {
    if (tok[k].punct != '(' || tok[k + 2].punct != ')' || !tok[k + 1].word || !tok[k + 1].cap) continue;
    size_t first = k;
    while (first > 0 && k - first < 6 && tok[first - 1].word && tok[first - 1].cap && tok[first - 1].common) --first;
    if (k - first < 2) continue;
    const std::string_view term = tok[k + 1].lower;
    if (term.empty() || tok[first].lower.empty() || term[0] != tok[first].lower[0]) continue;
    size_t at = 0;  // letters of the term matched, in order, over the words' letters
    for (size_t w = first; w < k && at < term.size(); ++w)
      for (char ch : tok[w].lower)
        if (at < term.size() && ch == term[at]) ++at;
    if (at == term.size()) terms.push_back(term);
  }
}

void ScoreCandidates(const PeopleLexicon& lex, const std::vector<Tok>& toks, std::vector<Candidate>& cands) {
  thread_local std::vector<std::string_view> terms;
  DefinedTerms(toks, terms);
  for (Candidate& c : cands) {
    NameFeatures f;
    const size_t words = WordFeatures(toks, c, f);
    ContextFeatures(lex, toks, words, c, f);
    int score = Score(f, lex.weights());
    // The tagger: a person span vouches for a name (not for one after "Jalan", "RS"); a name it
    // reads as part of a place or an organisation, and as no person, needs a cue.
    if (c.model >= kModelAccept && !f.named_after && !WrittenLower(toks, c) &&
        (words > 1 || score > kOneWordAgainst + 1 || (score > kOneWordAgainst && c.model >= kOneWordLowModel)))
      c.strong = true;
    if (c.model < kModelAccept && c.model_other >= kModelOther && c.model_other > c.model && !c.strong)
      score = std::min(score, 0);
    // "Bapak Teknologi Indonesia", "di Ibu Kota": an honorific before plain common words is a
    // name only when the tagger reads one there.
    if (c.model < kModelAccept && !c.honorifics.empty() && PlainCommon(toks, c)) {
      c.strong = false;
      score = std::min(score, 0);
    }
    if (!terms.empty() && c.end - c.first == 1 && c.honorifics.empty() &&
        std::find(terms.begin(), terms.end(), toks[c.first].lower) != terms.end()) {
      c.strong = false;
      score = std::min(score, 0);
    }
    // Headline capitals are no evidence: there a name needs a cue, or the body to name it.
    if (f.headline && !c.strong) score = std::min(score, 0);
    c.score = score;
  }
}

void BindRoles(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
               const std::vector<RolePhrase>& roles, std::vector<Candidate>& cands, const std::vector<int32_t>& cand_at) {
  const size_t n_toks = toks.size();
  auto candidate_at = [&](size_t k) { return k < n_toks && cand_at[k] >= 0 ? &cands[size_t(cand_at[k])] : nullptr; };
  auto vouch = [](Candidate& c, size_t r) {
    c.strong = true;
    c.roles.push_back(r);
  };
  for (size_t r = 0; r < roles.size(); ++r) {
    const RolePhrase& rp = roles[r];
    if (const Candidate* holder = HolderAfter(toks, rp, cands, cand_at)) {
      Candidate& c = cands[size_t(holder - cands.data())];
      vouch(c, r);
      // One role, several holders: "Anggota KPU RI A serta B".
      for (size_t n = c.end; n + 1 < n_toks && lex.Is(Cue::kHolders, toks[n].lower);) {
        Candidate* d = candidate_at(n + 1);
        if (!d) break;
        vouch(*d, r);
        n = d->end;
      }
      continue;
    }
    // "Reni Rinjani, Kepala Bagian …", "Reni selaku Kepala Bagian …"
    const size_t p = rp.first;
    if (p >= 2 && (toks[p - 1].punct == ',' || lex.Is(Cue::kRoleNext, toks[p - 1].lower))) {
      for (size_t b = p - 1; b-- > 0 && b + 8 > p;) {
        Candidate* d = candidate_at(b);
        if (d && d->end == p - 1) {
          vouch(*d, r);
          break;
        }
      }
      continue;
    }
    // A signature block: the holder's name alone on the line above a role that fills its own
    // line ("Sutopo Purwo Nugroho" / "Kepala Pusat Data Informasi dan Humas BNPB").
    const size_t e = rp.end;
    const bool role_line_ends = e == n_toks || doc.tokens[e - 1].line_break_after ||
                                (toks[e].punct && (e + 1 == n_toks || doc.tokens[e].line_break_after));
    if (p == 0 || !doc.tokens[p - 1].line_break_after || !role_line_ends) continue;
    size_t b = p - 1;
    while (b > 0 && !doc.tokens[b - 1].line_break_after && b + kMaxSignatureTokens > p) --b;
    if (b > 0 && !doc.tokens[b - 1].line_break_after) continue;  // a long line: no name alone
    Candidate* holder = nullptr;
    bool alone = true;
    for (size_t m = b; m < p && alone; ++m) {
      if (Candidate* d = candidate_at(m)) {
        alone = holder == nullptr;
        holder = d;
        m = d->end - 1;
      } else if (toks[m].word && !toks[m].cap && !(toks[m].f & kHonorific)) {
        alone = false;  // a sentence, not a name with its honorifics and degrees
      }
    }
    if (holder && alone) vouch(*holder, r);
  }
}

}  // namespace warta::people
