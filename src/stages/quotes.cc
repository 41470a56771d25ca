#include "stages/quotes.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace warta {

namespace {

constexpr int32_t kNone = -1;  // no person: an index into doc.people otherwise
// How far (tokens) after the last quotation an unattributed one may continue its speaker: a
// paragraph or two of a release ("Ia meminta …" / "“…”"), not a whole text without paragraphs.
constexpr size_t kContinuation = 80;

// Read for every token: inline, comparing one byte rather than two views.
inline bool IsQuoteMark(const Document& doc, const Token& t) {
  return t.kind == TokenKind::kPunct && t.norm_end - t.norm_start == 1 && doc.norm[t.norm_start] == '"';
}

// s == word for a lower-case ASCII `word`, ignoring the case of s's ASCII letters (what
// utf8::AsciiLower(s) == word says, without building the lower-case copy).
bool EqualsAsciiLower(std::string_view s, std::string_view word) {
  if (s.size() != word.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (utf8::AsciiLower(s[k]) != word[k]) return false;
  }
  return true;
}

// Appends to out every byte position of norm, in order, that holds '"' or that may begin
// "menurut": an 'm' or 'M' with a 't' or 'T' six bytes on. Sixteen bytes are tested at a
// time (SSE2), so that a text costs about a byte's instruction per byte, not a pass over
// every token. (The fast path of FindCues; its plain twin reads the tokens.)
void ScanCues(std::string_view norm, std::vector<uint32_t>& out) {
  const size_t n = norm.size();
  const char* const d = norm.data();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), fold = _mm_set1_epi8(0x20), m = _mm_set1_epi8('m'),
                t = _mm_set1_epi8('t');
  for (; i + 6 + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i + 6));
    const __m128i hit = _mm_or_si128(
        _mm_cmpeq_epi8(v, quote),
        _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, fold), m), _mm_cmpeq_epi8(_mm_or_si128(w, fold), t)));
    for (unsigned mask = unsigned(_mm_movemask_epi8(hit)); mask; mask &= mask - 1)
      out.push_back(uint32_t(i + size_t(std::countr_zero(mask))));
  }
#endif
  for (; i < n; ++i) {
    if (d[i] == '"' || ((d[i] | 0x20) == 'm' && i + 6 < n && (d[i + 6] | 0x20) == 't'))
      out.push_back(uint32_t(i));
  }
}

}  // namespace

// One document's tables, kept by each thread from one document to the next (cleared, not
// freed: allocating them for every document showed in profiles).
struct QuoteFinder::Scratch {
  std::vector<uint32_t> places;   // phase 1: the norm bytes where a cue may begin (ScanCues)
  std::vector<uint32_t> marks;    // phase 1: the quotation-mark tokens, in order
  std::vector<uint32_t> menurut;  // phase 1: the "menurut" tokens, in order
  // Phase 2. Token → the person (index into doc.people) whose mention starts there, or kNone.
  std::vector<int32_t> person_at;
  std::vector<uint32_t> named;        // the tokens where person_at is set, in order, each once
  std::vector<uint32_t> sentence_of;  // token → its sentence (0 for a token in none)
  // Phase 4's buffers: a token's lower case (read before the next is made), a title phrase,
  // and the role titles of the document's people in lower case, made on first need.
  std::string lower;
  std::string phrase;
  std::vector<std::pair<std::string, int32_t>> titles;
  std::vector<std::pair<uint32_t, int32_t>> name_tokens;  // Speakers::NameTokens
};

// ---------------------------------------------------------------------------------------
// Phase 4: who said it.

// The attributor. A quotation's speaker is
//   after it:  a speech verb of the "after" kind right after the closing mark (a comma or dash
//              between): “…,” ujar Reni → the first person mention in the verb's sentence
//              within 13 tokens, unless a group word ("para") or punctuation other than
//              , ( ) comes first; "kata Kapolres", "ucap Asisten III" → the holder of that
//              title (HolderAt) unless a name follows it; "ujarnya", "ujar dia" → pointed back;
//   before it: within 7 tokens before the opening mark, in its sentence, a ":" right before
//              it or a speech verb of the "before" kind → the last person mention within 11
//              tokens before that ("Ia menambahkan, “…”": the last speaker);
//   pointed back: the subject of the last "before" speech verb (or "menurut X") since the last
//              quotation, unless a person is named in a later sentence than that verb; else the
//              person named since the last quotation (its attribution included), else
//              the last speaker, else the last person named;
//   neither:   a quotation that opens its sentence (three words or more) continues its
//              paragraph: the subject of a speech verb since the last quotation in this
//              paragraph or the one above, else the last speaker when the last quotation is
//              in this paragraph or the one above and ended at most 80 tokens before.
// Told of the direct quotations in text order (OfDirect), then asked about the indirect ones
// (OfIndirect). Reads doc.tokens, doc.norm, doc.text, doc.people and the tables of phase 2.
class QuoteFinder::Speakers {
 public:
  Speakers(const QuoteFinder& finder, const Document& doc, Scratch& scratch)
      : f_(finder), doc_(doc), s_(scratch), n_(doc.tokens.size()) {}

  // The speaker of quotation q (an index into doc.people, or kNone). Called once for each
  // direct quotation, in text order: it keeps the last speaker and the last person named.
  int32_t OfDirect(const Direct& q) {
    AdvanceNamed(q.open);
    int32_t speaker = kNone;
    bool found = false, group = false;
    size_t a = q.close + 1;
    if (a < n_ && (Norm(a) == "," || Norm(a) == "-")) ++a;
    bool pointer = false;  // "ujarnya", "ujar dia"
    if (q.closed && a < n_ && Verb(a, f_.after_, &pointer)) {
      found = true;
      if (!pointer) speaker = NamedAfterVerb(a, q.open, &pointer, &group);
      if (pointer) speaker = PointedBack(q.open);
    }
    if (!found) speaker = NamedBeforeVerb(q.open);
    // Unattributed: a quote that opens its sentence, of three words or more, continues the speaker
    // of its paragraph, or of the quote just before it in the paragraph above ("Ia meminta …" /
    // "“…”"). (A quoted name or phrase inside a sentence, "program “Visi Indonesia”", is no one's.)
    const size_t para = ParagraphOf(q.open);
    if (speaker == kNone && !found && OpensSentence(q)) {
      const size_t para_start = doc_.paragraphs.empty() ? 0 : FirstTokenOf(para == 0 ? 0 : para - 1);
      speaker = SubjectBetween(std::max(last_quote_end_, para_start), q.open);
      if (speaker == kNone && last_speaker_ != kNone && last_quote_para_ != SIZE_MAX && last_quote_para_ + 1 >= para &&
          q.open < last_quote_end_ + kContinuation)
        speaker = last_speaker_;
    }
    if (speaker != kNone) last_speaker_ = speaker;
    last_quote_para_ = para;
    // The attribution after the quote ("ujar Reni") is part of this quote, not news since it.
    size_t after = q.close + 1;
    while (after < n_ && after < q.close + 16 && s_.sentence_of[after] == s_.sentence_of[q.close]) ++after;
    AdvanceNamed(after);
    last_quote_end_ = after;
    return speaker;
  }

  // The speaker of "Menurut X, …": the first person mention among tokens (cue, comma].
  int32_t OfIndirect(uint32_t cue, uint32_t comma) const {
    for (uint32_t k = cue + 1; k <= comma; ++k)
      if (s_.person_at[k] != kNone) return s_.person_at[k];
    return kNone;
  }

 private:
  std::string_view Norm(size_t i) const { return doc_.Norm(doc_.tokens[i]); }
  // Token i's lower case (a word's; "" for other tokens), valid until the next call.
  std::string_view LowerAt(size_t i) const {
    return doc_.tokens[i].kind == TokenKind::kWord ? utf8::LowerInto(Norm(i), s_.lower) : std::string_view();
  }

  // Whether token i is a speech verb of `set`, alone or with a clitic; *nya: the clitic is
  // "-nya" ("ujarnya", "katanya").
  bool Verb(size_t i, const WordSet& set, bool* nya) const {
    const Token& t = doc_.tokens[i];
    if (t.kind != TokenKind::kWord) return false;
    *nya = false;
    if (set.contains(LowerAt(i))) return true;
    if (t.clitic > t.span.start) {
      std::string_view stem = utf8::LowerInto(doc_.Original(Span{t.span.start, t.clitic}), s_.lower);
      if (set.contains(stem)) {
        *nya = doc_.Original(Span{t.clitic, t.span.end}) == "nya";
        return true;
      }
    }
    return false;
  }

  // The person who holds the title written as the run of up to four words at token k ("kata
  // Kapolres", "ujar Kepala Dinas Kesehatan", "ucap Asisten III"), the longest run first; at each
  // length, a person of doc.people with that role title (the last person first), else the person
  // whose mention follows the same words within 8 tokens of its sentence ("Asisten III Budi
  // Susetyo", "Sekretaris Daerah (Sekda) Murung Raya Hermon": the title as the text gives it),
  // the last such mention before token `before` first. A title read from the text starts with a
  // capital.
  int32_t HolderAt(size_t k, size_t before) {
    if (!titles_made_) {
      s_.titles.clear();
      for (size_t p = doc_.people.size(); p-- > 0;)
        for (const Role& r : doc_.people[p].roles) s_.titles.emplace_back(utf8::Lower(r.title), int32_t(p));
      titles_made_ = true;
    }
    if (k >= n_ || doc_.tokens[k].kind != TokenKind::kWord) return kNone;
    const std::string_view first = Norm(k);
    const bool capital = !first.empty() && first[0] >= 'A' && first[0] <= 'Z';
    size_t words = 0;
    while (words < 4 && k + words < n_ && doc_.tokens[k + words].kind == TokenKind::kWord &&
           s_.person_at[k + words] == kNone)
      ++words;
    for (size_t len = words; len > 0; --len) {
      std::string& phrase = s_.phrase;
      phrase.clear();
      for (size_t w = 0; w < len; ++w) {
        if (w) phrase.push_back(' ');
        phrase += utf8::LowerInto(Norm(k + w), s_.lower);
      }
      for (const auto& [title, p] : s_.titles)
        if (title == phrase) return p;
      // The title as written before a mention.
      if (!capital) continue;
      int32_t found = kNone;
      for (const auto& [m, p] : NameTokens()) {
        if (m >= before && found != kNone) break;  // the last mention before `before` it is
        if (m != k && TitleBefore(m, k, len)) {
          found = p;
          if (m >= before) break;  // none before: the first after
        }
      }
      if (found != kNone) return found;
    }
    return kNone;
  }

  // The tokens that name a person, in order: the starts of the mentions of doc.people, and the
  // capitalised words that are a word of one person's name alone (of three letters or more: a
  // mention the people stage did not list, "Sekretaris Daerah (Sekda) Murung Raya Hermon MSI").
  // Made on first need.
  const std::vector<std::pair<uint32_t, int32_t>>& NameTokens() {
    if (name_tokens_made_) return s_.name_tokens;
    name_tokens_made_ = true;
    auto& out = s_.name_tokens;
    out.clear();
    hash::StringMap<int32_t> words;  // name word (lower case) → its person, or kNone when shared
    for (size_t p = 0; p < doc_.people.size(); ++p) {
      std::string_view name = doc_.people[p].name;
      for (size_t i = 0; i < name.size();) {
        size_t j = name.find(' ', i);
        if (j == std::string_view::npos) j = name.size();
        if (j - i >= 3) {
          std::string w = utf8::Lower(name.substr(i, j - i));
          auto [it, fresh] = words.try_emplace(std::move(w), int32_t(p));
          if (!fresh && it->second != int32_t(p)) it->second = kNone;
        }
        i = j + 1;
      }
    }
    for (size_t t = 0; t < n_; ++t) {
      if (s_.person_at[t] != kNone) {
        out.emplace_back(uint32_t(t), s_.person_at[t]);
        continue;
      }
      const std::string_view w = Norm(t);
      if (doc_.tokens[t].kind != TokenKind::kWord || w.size() < 3 || !(w[0] >= 'A' && w[0] <= 'Z')) continue;
      auto it = words.find(utf8::LowerInto(w, s_.lower));
      if (it != words.end() && it->second != kNone) out.emplace_back(uint32_t(t), it->second);
    }
    return out;
  }

  // Whether the `len` words at token t occur, word for word in any case, within the 8 tokens
  // before mention token m, in its sentence (and not at t itself).
  bool TitleBefore(size_t m, size_t t, size_t len) const {
    for (size_t j = m; j-- > 0 && j + 8 + len > m && s_.sentence_of[j] == s_.sentence_of[m];) {
      if (j == t || j + len > m) continue;
      bool same = true;
      for (size_t w = 0; w < len && same; ++w) {
        std::string_view a = Norm(j + w), b = Norm(t + w);
        same = a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                 return utf8::AsciiLower(x) == utf8::AsciiLower(y);
               });
      }
      if (same) return true;
    }
    return false;
  }

  // The speaker after a speech verb at v: a role title right after it, else the first person
  // mention within the sentence, unless a group word comes first ("tutur para kuasa hukum":
  // *group) or punctuation other than , ( ) ends the search.
  int32_t SpeakerAfter(size_t v, size_t open, bool* group) {
    *group = false;
    // "ujar Direktur Jenderal …, Zainal": a name after the title is the speaker.
    const bool titled = v + 1 < n_ && s_.person_at[v + 1] == kNone && HolderAt(v + 1, open) != kNone;
    for (size_t k = v + 1; k < n_ && k < v + 14 && s_.sentence_of[k] == s_.sentence_of[v]; ++k) {
      if (titled && k > v + 1 && doc_.tokens[k].kind == TokenKind::kPunct && Norm(k) != ",") break;
      if (s_.person_at[k] != kNone) return s_.person_at[k];
      if (f_.groups_.contains(LowerAt(k))) {
        *group = true;
        return kNone;
      }
      if (doc_.tokens[k].kind == TokenKind::kPunct && Norm(k) != "," && Norm(k) != "(" && Norm(k) != ")")
        break;
    }
    if (titled) return HolderAt(v + 1, open);
    return kNone;
  }

  // SpeakerAfter(v), and when it finds no one and no group, whether a pronoun follows the
  // verb instead ("ujar dia", "kata beliau": *pronoun).
  int32_t NamedAfterVerb(size_t v, size_t open, bool* pronoun, bool* group) {
    const int32_t p = SpeakerAfter(v, open, group);
    if (p == kNone && !*group && v + 1 < n_) *pronoun = f_.pronouns_.contains(LowerAt(v + 1));
    return p;
  }

  // "Reni mengatakan, “…”", "Reni: “…”": the person before a speech verb or colon that comes
  // shortly before the opening mark at `open`, in its sentence.
  int32_t NamedBeforeVerb(size_t open) const {
    const auto& sentence_of = s_.sentence_of;
    for (size_t k = open; k-- > 0 && k + 8 > open && sentence_of[k] == sentence_of[open];) {
      bool nya = false;
      const bool colon = k + 1 == open && Norm(k) == ":";
      if (!colon && !Verb(k, f_.before_, &nya)) continue;
      return SubjectOf(k, 0);
    }
    return kNone;
  }

  // The speaker before a speech verb at k (a person mention within 11 tokens before it in its
  // sentence, not before token `from`), or, when a pronoun stands right before the verb ("Ia
  // menambahkan"), the last speaker.
  int32_t SubjectOf(size_t k, size_t from) const {
    if (k > 0 && f_.pronouns_.contains(LowerAt(k - 1))) return last_speaker_;
    for (size_t b = k; b-- > from && b + 12 > k && s_.sentence_of[b] == s_.sentence_of[k];)
      if (s_.person_at[b] != kNone) return s_.person_at[b];
    return kNone;
  }

  // The speaker of the last speech verb of the "before" kind among tokens [from, to) that has one
  // ("Nurdin menyampaikan pesan Presiden Prabowo …": Nurdin, not Prabowo), or of the last
  // "menurut X" there, else kNone.
  // *at: the token of that verb or "menurut".
  int32_t SubjectBetween(size_t from, size_t to, size_t* at = nullptr) const {
    bool nya = false;
    for (size_t k = to; k-- > from;) {
      if (at) *at = k;
      if (s_.person_at[k] != kNone) continue;
      if (k + 1 < to && s_.person_at[k + 1] != kNone && EqualsAsciiLower(Norm(k), "menurut"))
        return s_.person_at[k + 1];
      if (!Verb(k, f_.before_, &nya)) continue;
      if (const int32_t p = SubjectOf(k, from); p != kNone) return p;
    }
    return kNone;
  }

  // Whom "-nya" or a pronoun after the quote opening at `open` points back to: the speaker of the
  // last speech verb since the last quote, unless a person is named in a later sentence, else the
  // person named since the last quote ("… Yosua
  // Benu, melaporkan …" then "“…,” ujarnya"), else the last speaker, else the last person named.
  int32_t PointedBack(size_t open) const {
    size_t verb = 0;
    const int32_t p = SubjectBetween(last_quote_end_, open, &verb);
    // A person named in a later sentence than the verb is the news since ("… Yosua Benu,
    // melaporkan …"); one named in the verb's own sentence is its object ("pesan Presiden …").
    if (p != kNone && !(last_named_ != kNone && last_named_at_ > verb && last_named_at_ >= last_quote_end_ &&
                        s_.sentence_of[last_named_at_] != s_.sentence_of[verb]))
      return p;
    if (last_named_ != kNone && last_named_at_ >= last_quote_end_) return last_named_;
    if (last_speaker_ != kNone) return last_speaker_;
    return last_named_;
  }

  // Whether quotation q begins its sentence and holds three words or more.
  bool OpensSentence(const Direct& q) const {
    if (q.open > 0 && s_.sentence_of[q.open - 1] == s_.sentence_of[q.open]) return false;
    size_t words = 0;
    for (size_t k = q.open + 1; k < q.close && words < 3; ++k) words += doc_.tokens[k].kind == TokenKind::kWord;
    return words >= 3;
  }

  // The paragraph that holds token t (0 when there are none).
  size_t ParagraphOf(size_t t) const {
    const uint32_t byte = doc_.tokens[t].span.start;
    auto it = std::upper_bound(doc_.paragraphs.begin(), doc_.paragraphs.end(), byte,
                               [](uint32_t x, const Span& p) { return x < p.start; });
    return it == doc_.paragraphs.begin() ? 0 : size_t(it - doc_.paragraphs.begin()) - 1;
  }
  // The first token of paragraph p.
  size_t FirstTokenOf(size_t p) const {
    const uint32_t byte = doc_.paragraphs[p].start;
    return size_t(std::lower_bound(doc_.tokens.begin(), doc_.tokens.end(), byte,
                                   [](const Token& t, uint32_t x) { return t.span.start < x; }) -
                  doc_.tokens.begin());
  }

  // Reads the person mentions that start before token `upto` into last_named_.
  void AdvanceNamed(size_t upto) {
    for (; scanned_ < s_.named.size() && s_.named[scanned_] < upto; ++scanned_) {
      last_named_ = s_.person_at[s_.named[scanned_]];
      last_named_at_ = s_.named[scanned_];
    }
  }

  const QuoteFinder& f_;
  const Document& doc_;
  Scratch& s_;
  const size_t n_;
  bool titles_made_ = false;
  bool name_tokens_made_ = false;
  int32_t last_speaker_ = kNone;
  int32_t last_named_ = kNone;  // the last person mentioned before the current position
  size_t last_named_at_ = 0;    // the token of that mention
  size_t scanned_ = 0;          // s_.named is read up to here for last_named_
  size_t last_quote_end_ = 0;   // the token after the last quotation and its attribution
  size_t last_quote_para_ = SIZE_MAX;  // the paragraph of the last quotation (SIZE_MAX: none yet)
};

// ---------------------------------------------------------------------------------------
// The stage.

QuoteFinder::QuoteFinder(const Lexicon& lexicon, StageSettings settings)
    : fast_paths_(settings.fast_paths),
      after_(settings.fast_paths),
      before_(settings.fast_paths),
      groups_(settings.fast_paths),
      pronouns_(settings.fast_paths) {
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    (row.fields[1] == "after" ? after_ : before_).insert(utf8::Lower(row.fields[0]));
  for (const auto& w : lexicon.Words("people/speaker_groups.tsv")) groups_.insert(w);
  for (const auto& w : lexicon.Words("people/pronouns.tsv")) pronouns_.insert(w);
}

void QuoteFinder::FindCues(const Document& doc, Scratch& scratch) const {
  const size_t n = doc.tokens.size();
  const Token* const toks = doc.tokens.data();
  scratch.marks.clear();
  scratch.menurut.clear();
  if (!fast_paths_) {
    // The plain path: every token is asked.
    for (size_t k = 0; k < n; ++k) {
      if (IsQuoteMark(doc, toks[k]))
        scratch.marks.push_back(uint32_t(k));
      else if (EqualsAsciiLower(doc.Norm(toks[k]), "menurut"))
        scratch.menurut.push_back(uint32_t(k));
    }
    return;
  }
  // Both cues are rare: they are looked for in the norm (ScanCues), and each place found is
  // taken when a token spans exactly it.
  const std::string_view norm = doc.norm;
  scratch.places.clear();
  ScanCues(norm, scratch.places);
  size_t k = 0;  // the places come in text order: each search starts at the last token found
  for (const uint32_t pos : scratch.places) {
    const bool quote = norm[pos] == '"';
    if (!quote && !(pos + 7 <= norm.size() && EqualsAsciiLower(norm.substr(pos, 7), "menurut"))) continue;
    k = size_t(std::lower_bound(toks + k, toks + n, pos,
                                [](const Token& t, uint32_t x) { return t.norm_start < x; }) -
               toks);
    // The token that starts there, if it ends where the cue does.
    if (k == n || toks[k].norm_start != pos || toks[k].norm_end != pos + (quote ? 1 : 7)) continue;
    if (!quote)
      scratch.menurut.push_back(uint32_t(k));
    else if (toks[k].kind == TokenKind::kPunct)
      scratch.marks.push_back(uint32_t(k));
  }
}

void QuoteFinder::IndexTokens(const Document& doc, Scratch& scratch) {
  const size_t n = doc.tokens.size();
  scratch.person_at.assign(n, kNone);
  scratch.named.clear();
  for (size_t p = 0; p < doc.people.size(); ++p) {
    for (const Span& m : doc.people[p].mentions) {
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.start,
                                 [](const Token& t, uint32_t x) { return t.span.start < x; });
      if (it != doc.tokens.end() && it->span.start == m.start) {
        scratch.person_at[size_t(it - doc.tokens.begin())] = int32_t(p);
        scratch.named.push_back(uint32_t(it - doc.tokens.begin()));
      }
    }
  }
  std::sort(scratch.named.begin(), scratch.named.end());
  scratch.named.erase(std::unique(scratch.named.begin(), scratch.named.end()), scratch.named.end());
  scratch.sentence_of.assign(n, 0);
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    std::fill(scratch.sentence_of.begin() + doc.sentences[s].first_token,
              scratch.sentence_of.begin() + doc.sentences[s].end_token, uint32_t(s));
}

QuoteFinder::Direct QuoteFinder::CloseOf(const Document& doc, uint32_t open) {
  const size_t n = doc.tokens.size();
  // Where the paragraph after the one holding byte `byte` starts (UINT32_MAX: none): the
  // tokens before it are in the current one, and the search runs only when a token reaches it.
  auto next_para_start = [&](uint32_t byte) {
    auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), byte,
                               [](uint32_t x, const Span& p) { return x < p.start; });
    return it != doc.paragraphs.end() ? it->start : UINT32_MAX;
  };
  size_t close = n;
  uint32_t para_end = next_para_start(doc.tokens[open].span.start);
  for (size_t k = open + 1; k < n; ++k) {
    const bool mark = IsQuoteMark(doc, doc.tokens[k]);
    if (doc.tokens[k].span.start >= para_end) {
      para_end = next_para_start(doc.tokens[k].span.start);
      if (mark) continue;  // the next paragraph reopens the quotation
      close = k - 1;       // unclosed: the quote ends with its paragraph
      break;
    }
    if (mark) {
      close = k;
      break;
    }
  }
  if (close == n) close = n - 1;
  return Direct{open, uint32_t(close), IsQuoteMark(doc, doc.tokens[close])};
}

void QuoteFinder::ReadDirect(Document& doc, const Scratch& scratch, Speakers& speakers) const {
  size_t next = 0;  // the first token after the last quote read
  for (const uint32_t mark : scratch.marks) {
    if (mark < next) continue;  // inside the last quote
    const Direct q = CloseOf(doc, mark);
    next = q.close + 1;
    if (q.close <= q.open + 1) continue;  // nothing between the marks
    const int32_t speaker = speakers.OfDirect(q);
    Quote quote{Span{doc.tokens[q.open].span.start, doc.tokens[q.close].span.end}, std::nullopt};
    if (speaker != kNone) quote.speaker = doc.people[size_t(speaker)].name;
    doc.quotes.push_back(std::move(quote));
  }
}

void QuoteFinder::ReadIndirect(Document& doc, const Scratch& scratch, const Speakers& speakers) const {
  // The first such clause of a sentence is read; a sentence's last two tokens begin none.
  size_t done_sentence = SIZE_MAX;  // the sentence whose clause was read last
  for (const uint32_t i : scratch.menurut) {
    if (doc.sentences.empty()) break;
    const size_t si = scratch.sentence_of[i];
    const Sentence& s = doc.sentences[si];
    if (si == done_sentence || i < s.first_token || i + 2 >= s.end_token) continue;
    // The comma after the speaker's name, within 13 tokens.
    uint32_t comma = i + 1;
    while (comma < s.end_token && comma < i + 14 && doc.Norm(doc.tokens[comma]) != ",") ++comma;
    if (comma + 1 >= s.end_token || doc.Norm(doc.tokens[comma]) != ",") continue;
    const int32_t p = speakers.OfIndirect(i, comma);
    if (p == kNone) continue;
    size_t first = comma + 1, last = s.end_token - 1;
    while (last > first && doc.tokens[last].kind == TokenKind::kPunct) --last;
    const uint32_t start = doc.tokens[first].span.start;
    const bool inside = std::any_of(doc.quotes.begin(), doc.quotes.end(), [&](const Quote& q) {
      return q.span.start <= start && start < q.span.end;
    });
    if (inside || last <= first) continue;
    doc.quotes.push_back(Quote{Span{start, doc.tokens[last].span.end}, doc.people[size_t(p)].name});
    done_sentence = si;
  }
  std::sort(doc.quotes.begin(), doc.quotes.end(),
            [](const Quote& a, const Quote& b) { return a.span.start < b.span.start; });
}

void QuoteFinder::Run(Document& doc) const {
  if (doc.tokens.empty()) return;
  thread_local Scratch scratch;
  FindCues(doc, scratch);
  // Most documents hold neither cue: the token tables are not needed (doc.quotes is this
  // stage's alone, so there is nothing to add or to sort).
  if (scratch.marks.empty() && scratch.menurut.empty()) return;
  IndexTokens(doc, scratch);
  Speakers speakers(*this, doc, scratch);
  ReadDirect(doc, scratch, speakers);
  ReadIndirect(doc, scratch, speakers);
}

}  // namespace warta
