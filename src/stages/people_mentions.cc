#include "stages/people_mentions.h"

#include <algorithm>
#include <cstring>

#include "text/hash.h"
#include "text/utf8.h"

namespace warta::people {

namespace {

// The name a person is filed under: the normalised forms of its tokens, one space wherever
// the text had any (so "Aiman\u00A0Mazyek", one with zero-width spaces or with scraped
// mojibake inside, and "Aiman Mazyek" are one name to facet on). Mentions keep the original.
std::string NameText(const Document& doc, size_t first, size_t end) {
  std::string out;
  for (size_t k = first; k < end; ++k) {
    const Token& t = doc.tokens[k];
    if (k > first && doc.tokens[k - 1].span.end < t.span.start) out.push_back(' ');
    out += doc.Norm(t);
  }
  return out;
}

// Words are ordered by length first, then bytes: any order that keeps a word's pairs together
// serves, and this one mostly compares two lengths, not two strings.
bool WordLess(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return std::memcmp(a.data(), b.data(), a.size()) < 0;
}

// A bit per word of people_with_word_: most words looked up there are in no full name, and a
// clear bit says so without a scan.
uint64_t WordBit(std::string_view w) {
  return w.empty() ? 1
                   : uint64_t(1) << ((w.size() * 7 + static_cast<unsigned char>(w[0]) +
                                      static_cast<unsigned char>(w.back()) * 3) &
                                     63);
}

// The confidence of a person the tagger did not propose (Absorb).
constexpr float kRuleScore = 0.3f;
constexpr float kStrongRuleScore = 0.6f;

}  // namespace

void PeopleBuilder::WordsOf(const std::vector<Tok>& toks, const Candidate& c) {
  cand_words_.clear();
  for (size_t k = c.first; k < c.end; ++k)
    if (toks[k].cap && !toks[k].initial) cand_words_.push_back(toks[k].lower);
}

bool PeopleBuilder::Vetoed(std::string_view w) {
  // A few words: a scan, which mostly compares lengths (a sort compared bytes). Fast paths off:
  // always the scan.
  if (!fast_ || vetoed_.size() <= 16) return std::find(vetoed_.begin(), vetoed_.end(), w) != vetoed_.end();
  if (!vetoed_sorted_) std::sort(vetoed_.begin(), vetoed_.end());
  vetoed_sorted_ = true;
  return std::binary_search(vetoed_.begin(), vetoed_.end(), w);
}

void PeopleBuilder::SetKey(std::string_view name, bool no_spaces) {
  // For ASCII (most names) in one pass and with no new string; beyond ASCII (or with fast
  // paths off) through utf8::Lower.
  key_.resize(name.size());
  char* o = key_.data();
  unsigned char high = fast_ ? 0 : 0x80;
  for (char ch : name) {
    if (no_spaces && ch == ' ') continue;
    high |= static_cast<unsigned char>(ch);
    *o++ = utf8::AsciiLower(ch);
  }
  key_.resize(size_t(o - key_.data()));
  if (high >= 0x80) {
    key_.assign(name);
    if (no_spaces) key_.erase(std::remove(key_.begin(), key_.end(), ' '), key_.end());
    key_ = utf8::Lower(key_);
  }
}

size_t PeopleBuilder::File() {
  const uint64_t h = hash::Fnv1a(key_);
  for (size_t q = 0; q < key_hashes_.size(); ++q)  // (fast paths off: every key compared)
    if ((!fast_ || key_hashes_[q] == h) && keys_[q] == key_) return q;
  if (keys_.size() <= key_hashes_.size()) keys_.emplace_back();
  keys_[key_hashes_.size()].assign(key_);
  key_hashes_.push_back(h);
  return people_.size();
}

std::pair<std::vector<PeopleBuilder::WordPerson>::const_iterator, std::vector<PeopleBuilder::WordPerson>::const_iterator>
PeopleBuilder::WithWord(std::string_view w) const {
  const auto begin = people_with_word_.cbegin(), end = people_with_word_.cend();
  if (fast_ && !(word_bits_ & WordBit(w))) return {end, end};
  if (!fast_ || people_with_word_.size() <= 16) {  // a few people: a scan, which mostly compares lengths
    auto first = std::find_if(begin, end, [&](const WordPerson& x) { return x.first == w; });
    auto last = first;
    while (last != end && last->first == w) ++last;
    return {first, last};
  }
  return std::equal_range(begin, end, WordPerson{w, 0},
                          [](const WordPerson& a, const WordPerson& b) { return WordLess(a.first, b.first); });
}

void PeopleBuilder::AddPerson(std::string name, const std::string_view* w, size_t n, bool full_name) {
  const uint32_t pi = uint32_t(people_.size());
  people_.push_back(Person{std::move(name), {}, {}, {}, {}, std::nullopt});
  person_words_.insert(person_words_.end(), w, w + n);
  word_start_.push_back(uint32_t(person_words_.size()));
  if (!full_name || n < 2) return;
  const size_t own = people_with_word_.size();  // this person's pairs start here
  for (size_t k = 0; k < n; ++k)
    if (std::none_of(people_with_word_.begin() + own, people_with_word_.end(),
                     [&](const WordPerson& x) { return x.first == w[k]; })) {
      people_with_word_.push_back({w[k], pi});
      word_bits_ |= WordBit(w[k]);
    }
}

void PeopleBuilder::Absorb(const Document& doc, const std::vector<RolePhrase>& roles, Person& p, const Candidate& c,
                           bool with_degrees) const {
  auto add = [](std::vector<std::string>& to, const std::string& x) {
    if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
  };
  for (const auto& h : c.honorifics) add(p.honorifics, h);
  // The person's confidence: the tagger's best for one of its mentions; a person only the rules
  // read takes kRuleScore (kStrongRuleScore when a role, honorific or cue vouches for it).
  const float score = c.model >= 0 ? c.model : c.strong ? kStrongRuleScore : kRuleScore;
  if (!p.score || *p.score < score) p.score = score;
  if (with_degrees)
    for (const auto& d : c.degrees) add(p.degrees, d);
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

// Accepted candidates of two words or more file a person each under their full name; accepted
// one-word candidates wait (pending_) for ShortMentions.
void PeopleBuilder::FullNames(const Document& doc, const std::vector<Tok>& toks, const std::vector<RolePhrase>& roles,
                              const std::vector<Candidate>& cands) {
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    const Candidate& c = cands[ci];
    if (!c.strong && c.score <= 0) continue;
    WordsOf(toks, c);
    if (cand_words_.empty() || (!c.strong && cand_words_.size() == 1 && Vetoed(cand_words_[0]))) continue;
    if (cand_words_.size() == 1 && c.end - c.first == 1) {
      pending_[ci] = true;
      continue;
    }
    std::string name = NameText(doc, c.first, c.end);
    SetKey(name, /*no_spaces=*/true);
    size_t pi = File();
    if (pi == people_.size()) AddPerson(std::move(name), cand_words_.data(), cand_words_.size(), /*full_name=*/true);
    Person& p = people_[pi];
    p.mentions.push_back(Span{doc.tokens[c.first].span.start, doc.tokens[c.end - 1].span.end});
    Absorb(doc, roles, p, c, /*with_degrees=*/true);
  }
  // By word, then person: the order a stable sort by word would give (each pair is unique, and
  // people were added in order), without the buffer std::stable_sort allocates.
  std::sort(people_with_word_.begin(), people_with_word_.end(), [&](const WordPerson& a, const WordPerson& b) {
    return WordLess(a.first, b.first) || (a.first == b.first && a.second < b.second);
  });
}

// Short mentions, and one-word names of their own ("Audy"). A one-word candidate joins the
// nearest full name it is a word of (one before it first), even one that failed on its own;
// else, if it was accepted, files a person of its own.
void PeopleBuilder::ShortMentions(const Document& doc, const std::vector<Tok>& toks,
                                  const std::vector<RolePhrase>& roles, const std::vector<Candidate>& cands) {
  for (size_t ci = 0; ci < cands.size(); ++ci) {
    const Candidate& c = cands[ci];
    if (c.end - c.first != 1 || toks[c.first].initial) continue;
    std::string_view w = toks[c.first].lower;
    size_t best = people_.size();
    uint32_t at = doc.tokens[c.first].span.start, best_dist = UINT32_MAX;
    for (auto [it, last] = WithWord(w); it != last; ++it) {
      size_t pi = it->second;
      uint32_t first = people_[pi].mentions.front().start;
      uint32_t dist = first <= at ? at - first : (first - at) + (1u << 30);  // prefer a full name before
      if (dist < best_dist) {
        best_dist = dist;
        best = pi;
      }
    }
    if (best == people_.size()) {
      if (!pending_[ci]) continue;
      std::string name(doc.Original(doc.tokens[c.first].span));
      SetKey(name, /*no_spaces=*/false);
      best = File();
      if (best == people_.size()) AddPerson(std::move(name), &w, 1, /*full_name=*/false);
    }
    Person& p = people_[best];
    p.mentions.push_back(doc.tokens[c.first].span);
    Absorb(doc, roles, p, c, /*with_degrees=*/false);
  }
}

// Headlines, in title case or in capitals, are no evidence of their own; a run of their words
// that spells a person named in the body ("RENI RINJANI", "Reni Hadiri …") is a mention.
void PeopleBuilder::HeadlineMentions(const Document& doc, const std::vector<Tok>& toks,
                                     const std::vector<uint32_t>& marks) {
  const size_t n_toks = toks.size();
  size_t next = 0;          // the token after the last such mention
  for (size_t i : marks) {  // (capitalised words are marked)
    if (i < next || !toks[i].headline || !toks[i].cap || toks[i].role) continue;
    for (auto [it, last] = WithWord(toks[i].lower); it != last; ++it) {
      size_t pi = it->second;
      const std::string_view* words = person_words_.data() + word_start_[pi];
      const std::string_view* words_end = person_words_.data() + word_start_[pi + 1];
      size_t e = i;
      while (e < n_toks && toks[e].cap && e - i < size_t(words_end - words) &&
             std::find(words, words_end, toks[e].lower) != words_end)
        ++e;
      Span span{doc.tokens[i].span.start, doc.tokens[e - 1].span.end};
      bool known = false;
      for (const Person& q : people_)
        for (const Span& m : q.mentions) known = known || (m.start < span.end && span.start < m.end);
      if (!known) people_[pi].mentions.push_back(span);
      next = e;
      break;
    }
  }
}

void PeopleBuilder::Canonicalize(const PeopleLexicon& lex) {
  bool renamed = false;
  for (Person& p : people_)
    if (const std::string* canonical = lex.Canonical(utf8::Lower(p.name))) {
      p.name = *canonical;
      renamed = true;
    }
  if (!renamed) return;
  // "Jokowi" and "Joko Widodo" in one document: one person, with the mentions, honorifics,
  // degrees and roles of both.
  auto add = [](auto& to, const auto& from, auto same) {
    for (const auto& x : from)
      if (std::none_of(to.begin(), to.end(), [&](const auto& y) { return same(x, y); })) to.push_back(x);
  };
  for (size_t i = 0; i < people_.size(); ++i)
    for (size_t j = i + 1; j < people_.size();) {
      if (people_[j].name != people_[i].name) {
        ++j;
        continue;
      }
      Person& p = people_[i];
      Person& q = people_[j];
      p.mentions.insert(p.mentions.end(), q.mentions.begin(), q.mentions.end());
      add(p.honorifics, q.honorifics, [](const std::string& a, const std::string& b) { return a == b; });
      add(p.degrees, q.degrees, [](const std::string& a, const std::string& b) { return a == b; });
      add(p.roles, q.roles,
          [](const Role& a, const Role& b) { return a.title == b.title && a.organization == b.organization; });
      if (q.score && (!p.score || *p.score < *q.score)) p.score = q.score;
      people_.erase(people_.begin() + ptrdiff_t(j));
    }
}

std::vector<Person> PeopleBuilder::Build(const PeopleLexicon& lex, const Document& doc, const std::vector<Tok>& toks,
                                         const std::vector<uint32_t>& marks, bool any_headline,
                                         const std::vector<RolePhrase>& roles, const std::vector<Candidate>& cands) {
  fast_ = lex.fast_paths();
  people_.clear();
  people_.reserve(cands.size());  // (at most one person per candidate: no Person moved by a regrowth)
  // A word seen where no person stands ("tim Bakohumas", "Bakohumas KPU") is no person's name
  // elsewhere in the document either, unless something vouches for it there.
  vetoed_.clear();
  for (const Candidate& c : cands)
    if (!c.strong && c.score <= 0 && c.end - c.first == 1) vetoed_.push_back(toks[c.first].lower);
  vetoed_sorted_ = false;  // (most documents never look: no sort for them)
  key_hashes_.clear();
  person_words_.clear();
  word_start_.assign(1, 0);
  pending_.assign(cands.size(), 0);
  people_with_word_.clear();
  word_bits_ = 0;
  FullNames(doc, toks, roles, cands);
  ShortMentions(doc, toks, roles, cands);
  // (Only a full name has words to spell: none, nothing to look for.)
  if (!people_with_word_.empty() && any_headline) HeadlineMentions(doc, toks, marks);
  Canonicalize(lex);
  for (Person& p : people_)
    std::sort(p.mentions.begin(), p.mentions.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  // People come mostly in order already, and a sort moves every Person (five members) even
  // then. (No two people's first mentions start at the same place: the order is the same.)
  auto by_first = [](const Person& a, const Person& b) { return a.mentions.front().start < b.mentions.front().start; };
  if (!std::is_sorted(people_.begin(), people_.end(), by_first)) std::sort(people_.begin(), people_.end(), by_first);
  return std::move(people_);
}

}  // namespace warta::people
