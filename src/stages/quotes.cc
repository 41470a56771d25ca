#include "stages/quotes.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace warta {

namespace {


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

using utf8::LowerInto;  // (a buffer kept from call to call: an ASCII word costs no allocation)

// Calls found(pos) for every byte position of norm, in order, that holds '"' or that may begin
// "menurut": an 'm' or 'M' with a 't' or 'T' six bytes on. Sixteen bytes are tested at a
// time (SSE2), so that a text costs about a byte's instruction per byte, not a pass over
// every token.
template <typename Found>
void ScanCandidates(std::string_view norm, Found&& found) {
  const size_t n = norm.size();
  const char* const d = norm.data();
  auto report = [&](size_t base, unsigned mask) {
    for (; mask; mask &= mask - 1) found(base + size_t(std::countr_zero(mask)));
  };
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
    if (const unsigned mask = unsigned(_mm_movemask_epi8(hit))) report(i, mask);
  }
#endif
  for (; i < n; ++i) {
    if (d[i] == '"' || ((d[i] | 0x20) == 'm' && i + 6 < n && (d[i + 6] | 0x20) == 't')) found(i);
  }
}

}  // namespace

QuoteFinder::QuoteFinder(const Lexicon& lexicon) {
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    (row.fields[1] == "after" ? after_ : before_).insert(utf8::Lower(row.fields[0]));
  for (const auto& w : lexicon.Words("people/speaker_groups.tsv")) groups_.insert(w);
}

void QuoteFinder::Run(Document& doc) const {
  const size_t n = doc.tokens.size();
  if (n == 0) return;
  // The places where a quote may begin: the quotation marks, and the words "menurut" (seven
  // bytes in any case). Both are rare: they are looked for in the norm (ScanCandidates), and
  // each place found is taken when a token spans exactly it.
  thread_local std::vector<uint32_t> marks;    // quotation-mark tokens, in order
  thread_local std::vector<uint32_t> menurut;  // "menurut" tokens, in order
  marks.clear();
  menurut.clear();
  {
    const Token* const toks = doc.tokens.data();
    const std::string_view norm = doc.norm;
    size_t from = 0;  // candidates come in text order: each search starts at the last token found
    ScanCandidates(norm, [&](size_t pos) {
      const bool quote = norm[pos] == '"';
      if (!quote && !(pos + 7 <= norm.size() && EqualsAsciiLower(norm.substr(pos, 7), "menurut"))) return;
      const uint32_t end = uint32_t(pos + (quote ? 1 : 7));
      size_t k = size_t(std::lower_bound(toks + from, toks + n, uint32_t(pos),
                                         [](const Token& t, uint32_t x) { return t.norm_start < x; }) - toks);
      from = k;
      // (A token whose norm is empty may share the start: the next one is looked at too.)
      for (; k < n && toks[k].norm_start == pos; ++k) {
        if (toks[k].norm_end != end) continue;
        if (!quote) menurut.push_back(uint32_t(k));
        else if (toks[k].kind == TokenKind::kPunct) marks.push_back(uint32_t(k));
        break;
      }
    });
  }
  // Most documents hold neither: the per-token tables below are not needed (doc.quotes is
  // this stage's alone, so there is nothing to add or to sort).
  if (marks.empty() && menurut.empty()) return;
  // Per-token tables, kept by each thread from one document to the next (cleared, not freed).
  thread_local std::vector<int32_t> person_at;
  thread_local std::vector<uint32_t> sentence_of;
  thread_local std::vector<size_t> named;
  // Token → the person whose mention starts there (index into doc.people), or -1.
  person_at.assign(n, -1);
  named.clear();  // the tokens where person_at is set, in order, each once
  for (size_t p = 0; p < doc.people.size(); ++p) {
    for (const Span& m : doc.people[p].mentions) {
      auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.start,
                                 [](const Token& t, uint32_t x) { return t.span.start < x; });
      if (it != doc.tokens.end() && it->span.start == m.start) {
        person_at[size_t(it - doc.tokens.begin())] = int32_t(p);
        named.push_back(size_t(it - doc.tokens.begin()));
      }
    }
  }
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  sentence_of.assign(n, 0);
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    std::fill(sentence_of.begin() + doc.sentences[s].first_token, sentence_of.begin() + doc.sentences[s].end_token,
              uint32_t(s));
  // Lower-cased forms, made only for the few tokens around quotes and "menurut".
  // (In one buffer: a form is read before the next is made.)
  thread_local std::string lower_buf;
  auto lower_at = [&](size_t i) -> std::string_view {
    return doc.tokens[i].kind == TokenKind::kWord ? LowerInto(doc.Norm(doc.tokens[i]), lower_buf)
                                                  : std::string_view();
  };
  auto paragraph_of = [&](uint32_t byte) {
    auto it = std::upper_bound(doc.paragraphs.begin(), doc.paragraphs.end(), byte,
                               [](uint32_t x, const Span& p) { return x < p.start; });
    return size_t(it - doc.paragraphs.begin());
  };
  // The speech verb of a token, and whether it carries "-nya" ("ujarnya", "katanya").
  auto verb = [&](size_t i, const WordSet& set, bool* nya) {
    const Token& t = doc.tokens[i];
    if (t.kind != TokenKind::kWord) return false;
    *nya = false;
    if (set.contains(lower_at(i))) return true;
    if (t.clitic > t.span.start) {
      std::string_view stem = LowerInto(doc.Original(Span{t.span.start, t.clitic}), lower_buf);
      std::string_view rest = doc.Original(Span{t.clitic, t.span.end});
      if (set.contains(stem)) {
        *nya = rest == "nya";
        return true;
      }
    }
    return false;
  };

  std::optional<std::string> last_speaker;
  int32_t last_named = -1;   // the last person mentioned before the current position
  size_t scanned = 0;        // named[] is read up to here for last_named
  size_t last_named_at = 0, last_quote_end = 0;  // tokens
  auto advance_named = [&](size_t upto) {
    for (; scanned < named.size() && named[scanned] < upto; ++scanned) {
      last_named = person_at[named[scanned]];
      last_named_at = named[scanned];
    }
  };
  // The speaker after a speech verb at v: the first person mention within the sentence,
  // unless a group word comes first ("tutur para kuasa hukum").
  // "kata Kapolres": a role title standing for the person who holds it in this document.
  // The role titles in lower case, the last person's first, as holder_at reads them; made
  // on its first call (most documents make none).
  std::vector<std::pair<std::string, int32_t>> titles;
  bool titles_made = false;
  auto holder_at = [&](size_t k) -> int32_t {
    if (!titles_made) {
      for (size_t p = doc.people.size(); p-- > 0;)
        for (const Role& r : doc.people[p].roles) titles.emplace_back(utf8::Lower(r.title), int32_t(p));
      titles_made = true;
    }
    thread_local std::string phrase;  // kept: no allocation per call
    phrase.clear();
    for (size_t w = 0; w < 4 && k + w < n && doc.tokens[k + w].kind == TokenKind::kWord; ++w) {
      if (w) phrase.push_back(' ');
      phrase += LowerInto(doc.Norm(doc.tokens[k + w]), lower_buf);
      if (k + w + 1 < n && doc.tokens[k + w + 1].kind == TokenKind::kWord) continue;  // the phrase goes on
      for (const auto& [title, p] : titles)
        if (title == phrase) return p;
    }
    return -1;
  };
  auto speaker_after = [&](size_t v, bool* group) -> int32_t {
    *group = false;
    if (v + 1 < n && person_at[v + 1] < 0)
      if (int32_t h = holder_at(v + 1); h >= 0) return h;
    for (size_t k = v + 1; k < n && k < v + 14 && sentence_of[k] == sentence_of[v]; ++k) {
      if (person_at[k] >= 0) return person_at[k];
      if (groups_.contains(lower_at(k))) { *group = true; return -1; }
      if (doc.tokens[k].kind == TokenKind::kPunct && doc.Norm(doc.tokens[k]) != "," &&
          doc.Norm(doc.tokens[k]) != "(" && doc.Norm(doc.tokens[k]) != ")")
        break;
    }
    return -1;
  };

  size_t next = 0;  // the first token after the last quote read
  for (const uint32_t mark : marks) {
    if (mark < next) continue;  // inside the last quote
    const size_t i = mark;
    // Find the closing mark; a paragraph that ends inside a quote continues when the next
    // paragraph opens with a quotation mark.
    size_t open = i, close = n;
    // Where the paragraph after the current one starts: the tokens before it are in the
    // current one (a search only when a token reaches it).
    auto next_para_start = [&](size_t p) {
      return p < doc.paragraphs.size() ? doc.paragraphs[p].start : UINT32_MAX;
    };
    uint32_t para_end = next_para_start(paragraph_of(doc.tokens[i].span.start));
    for (size_t k = i + 1; k < n; ++k) {
      if (doc.tokens[k].span.start >= para_end) {
        size_t pk = paragraph_of(doc.tokens[k].span.start);
        para_end = next_para_start(pk);
        if (IsQuoteMark(doc, doc.tokens[k])) continue;
        close = k - 1;  // unclosed: the quote ends with its paragraph
        break;
      }
      if (IsQuoteMark(doc, doc.tokens[k])) {
        close = k;
        break;
      }
    }
    if (close == n) close = n - 1;
    if (close <= open + 1) {
      next = close + 1;
      continue;
    }
    bool closed = IsQuoteMark(doc, doc.tokens[close]);
    advance_named(open);
    std::optional<std::string> speaker;
    bool found = false, group = false, nya = false;
    // After: “…,” ujar Reni. / “…,” ujarnya.
    size_t a = close + 1;
    if (a < n && (doc.Norm(doc.tokens[a]) == "," || doc.Norm(doc.tokens[a]) == "-")) ++a;
    if (closed && a < n && verb(a, after_, &nya)) {
      found = true;
      if (!nya) {
        int32_t p = speaker_after(a, &group);
        if (p >= 0) speaker = doc.people[size_t(p)].name;
        else if (!group && a + 1 < n) {
          std::string_view w = lower_at(a + 1);
          nya = w == "dia" || w == "ia" || w == "beliau";
        }
      }
      if (nya) {
        // "-nya": the person named since the last quote ("… Yosua Benu, melaporkan …" then
        // "“…,” ujarnya"), else the last speaker.
        if (last_named >= 0 && last_named_at >= last_quote_end) speaker = doc.people[size_t(last_named)].name;
        else if (last_speaker) speaker = last_speaker;
        else if (last_named >= 0) speaker = doc.people[size_t(last_named)].name;
      }
    }
    // Before: Reni mengatakan, “…” / Reni: “…”
    if (!found) {
      for (size_t k = open; k-- > 0 && k + 8 > open && sentence_of[k] == sentence_of[open];) {
        bool vnya = false;
        bool colon = k + 1 == open && doc.Norm(doc.tokens[k]) == ":";
        if (colon || verb(k, before_, &vnya)) {
          for (size_t b = k; b-- > 0 && b + 12 > k && sentence_of[b] == sentence_of[k];) {
            if (person_at[b] >= 0) {
              speaker = doc.people[size_t(person_at[b])].name;
              found = true;
              break;
            }
          }
          break;
        }
      }
    }
    Span span{doc.tokens[open].span.start, doc.tokens[close].span.end};
    doc.quotes.push_back(Quote{span, speaker});
    if (speaker) last_speaker = speaker;
    // The attribution after the quote ("ujar Reni") is part of this quote, not news since it.
    size_t after = close + 1;
    while (after < n && after < close + 16 && sentence_of[after] == sentence_of[close]) ++after;
    advance_named(after);
    last_quote_end = after;
    next = close + 1;
  }

  // Indirect speech: "Menurut Baharudin, jumlah pemilih … ." — the clause after the comma.
  // The first such clause of a sentence is read; a sentence's last two tokens begin none.
  size_t done_sentence = SIZE_MAX;  // the sentence whose clause was read last
  for (const uint32_t i : menurut) {
    if (doc.sentences.empty()) break;
    const size_t si = sentence_of[i];
    const Sentence& s = doc.sentences[si];
    if (si == done_sentence || i < s.first_token || i + 2 >= s.end_token) continue;
    int32_t p = -1;
    size_t k = i + 1;
    for (; k < s.end_token && k < i + 14; ++k) {
      if (p < 0 && person_at[k] >= 0) p = person_at[k];
      if (doc.Norm(doc.tokens[k]) == ",") break;
    }
    if (p < 0 || k + 1 >= s.end_token || doc.Norm(doc.tokens[k]) != ",") continue;
    size_t first = k + 1, last = s.end_token - 1;
    while (last > first && doc.tokens[last].kind == TokenKind::kPunct) --last;
    bool inside = std::any_of(doc.quotes.begin(), doc.quotes.end(), [&](const Quote& q) {
      return q.span.start <= doc.tokens[first].span.start && doc.tokens[first].span.start < q.span.end;
    });
    if (inside || last <= first) continue;
    doc.quotes.push_back(Quote{Span{doc.tokens[first].span.start, doc.tokens[last].span.end},
                               doc.people[size_t(p)].name});
    done_sentence = si;
  }
  std::sort(doc.quotes.begin(), doc.quotes.end(),
            [](const Quote& a, const Quote& b) { return a.span.start < b.span.start; });
}

}  // namespace warta
