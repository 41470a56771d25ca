// The shared word machinery of text/: the hash, the table, the filters and the word index.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/hash.h"
#include "text/hash_table.h"
#include "text/shape_filter.h"
#include "text/word_index.h"
#include "testing.h"

namespace hash = warta::hash;

TEST_CASE("the hash is 64-bit FNV-1a, with its published offset basis", "[hash]") {
  // Test vectors of the FNV reference code (fnv_test.c: FNV1A_64 of "", "a" and "foobar").
  CHECK(hash::Fnv1a("") == 0xcbf29ce484222325ull);
  CHECK(hash::Fnv1a("a") == 0xaf63dc4c8601ec8cull);
  CHECK(hash::Fnv1a("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("a phrase hashed piece by piece hashes as the whole phrase", "[hash]") {
  uint64_t h = hash::Fold(hash::kFnvBasis, "kota");
  h = hash::Step(h, ' ');
  CHECK(hash::Fold(h, "kupang") == hash::Fnv1a("kota kupang"));
  // Lower-cased on the way, as utf8::Lower does it, beyond ASCII too.
  for (std::string w : {"Kupang", "KUPANG", "Jum'at", "Bogotá", "ÇANAKKALE", "", "x"}) {
    INFO(w);
    CHECK(hash::WordKey(w) == hash::Fnv1a(warta::utf8::Lower(w)));
    CHECK(hash::FoldLower(hash::Fnv1a("kota "), w) == hash::Fnv1a("kota " + warta::utf8::Lower(w)));
  }
  CHECK(hash::StringHash{}(std::string("pemilu")) == hash::StringHash{}(std::string_view("pemilu")));
}

TEST_CASE("a hash table finds every key it holds, through growth and reservation, and no other", "[hash]") {
  warta::HashTable<uint32_t> t;
  CHECK(t.Find(hash::Fnv1a("kupang")) == nullptr);  // empty: no slots yet
  for (uint32_t k = 0; k < 5000; ++k) t.Insert(hash::Fnv1a("kata" + std::to_string(k)), k);
  t.Reserve(20000);
  for (uint32_t k = 5000; k < 10000; ++k) t.Insert(hash::Fnv1a("kata" + std::to_string(k)), k);
  CHECK(t.size() == 10000);
  for (uint32_t k = 0; k < 10000; ++k) {
    const uint32_t* v = t.Find(hash::Fnv1a("kata" + std::to_string(k)));
    REQUIRE(v);
    CHECK(*v == k);
  }
  CHECK(!t.Contains(hash::Fnv1a("kata10000")));
  // Insert keeps a present value; the reference it returns writes it.
  CHECK(t.Insert(hash::Fnv1a("kata7"), 99) == 7);
  t.Insert(hash::Fnv1a("kata7"), 0) |= 0x100;
  CHECK(*t.Find(hash::Fnv1a("kata7")) == (7 | 0x100));
  // Key 0 is a key like any other (stored as 1).
  t.Insert(0, 42);
  CHECK(*t.Find(0) == 42);
}

TEST_CASE("the key filter never loses a key it was given", "[hash]") {
  warta::KeyFilter f(14);
  std::vector<uint64_t> keys;
  for (int k = 0; k < 1000; ++k) keys.push_back(hash::Fnv1a("nama" + std::to_string(k)));
  for (uint64_t k : keys) f.Add(k);
  for (uint64_t k : keys) CHECK(f.MayContain(k));
  int passed = 0;
  for (int k = 0; k < 1000; ++k) passed += f.MayContain(hash::Fnv1a("lain" + std::to_string(k)));
  CHECK(passed < 200);  // about 1000 / 16384 of the bits are set: a few false positives
  f.Clear();
  CHECK(!f.MayContain(keys[0]));
}

TEST_CASE("the shape filter passes its words and turns away other shapes", "[hash]") {
  warta::ShapeFilter f;
  for (const char* w : {"ujar", "kata", "mengatakan", "a-very-long-word-of-forty-bytes-or-so-x"}) f.Add(w);
  for (const char* w : {"ujar", "kata", "mengatakan", "a-very-long-word-of-forty-bytes-or-so-x"}) CHECK(f.MayContain(w));
  CHECK(f.MayContain("kita"));  // same length, first and last letter: passes, a lookup decides
  CHECK(!f.MayContain("ujarnya"));
  CHECK(!f.MayContain("bapak"));
  CHECK(!f.MayContain(""));
  // Long words share one row: a long word with the same ends passes.
  CHECK(f.MayContain("a-word-of-thirty-two-bytes-or-more-that-ends-in-x"));
  // Set()/Test() on other bytes: a second filter of the same set.
  warta::ShapeFilter inner;
  inner.Set(4, 'a', 't');
  CHECK(inner.Test(4, 'a', 't'));
  CHECK(!inner.Test(4, 'a', 'r'));
}

TEST_CASE("the word index says what words.tsv, months.tsv and weekdays.tsv say of a word", "[hash]") {
  const warta::WordIndex& words = *warta::testing::Lexicons().Index();
  using W = warta::WordIndex;
  CHECK(words.Has(hash::WordKey("pilih"), W::kCommon));
  CHECK(words.Has(hash::WordKey("Pilih"), W::kCommon));  // the key is the lower case
  CHECK(words.Has(hash::WordKey("jakarta"), W::kLemma));       // "Jakarta": a proper noun …
  CHECK(!words.Has(hash::WordKey("jakarta"), W::kCommon));     // … so no common word
  CHECK(words.Has(hash::WordKey("Oktober"), W::kMonth));
  CHECK(words.Has(hash::WordKey("okt"), W::kMonth));
  CHECK(words.Has(hash::WordKey("Senin"), W::kWeekday));
  CHECK(words.Flags(hash::WordKey("Bakohumas")) == 0);
  // Built once: every stage gets the same index.
  CHECK(warta::testing::Lexicons().Index().get() == &words);
}

TEST_CASE("the word index takes the affixes of affixes.tsv off a word to find a common lemma", "[hash]") {
  const warta::WordIndex& words = *warta::testing::Lexicons().Index();
  using Probe = warta::WordIndex::Probe;
  struct Row {
    std::string word;
    bool common;
  };
  const std::vector<Row> rows = {
      {"pilih", true},          // a lemma
      {"pemilihan", true},      // pe(m)- + pilih + -an: the nasal took the p
      {"kependudukan", true},   // ke- + pe(n)- + duduk + -an: two layers
      {"mengirim", true},       // me(ng)- + kirim: the nasal took the k
      {"dilantiknya", true},    // di- + lantik + -nya
      {"dikatakannya", true},   // di- + kata + -kan + -nya
      {"rinjani", false},       // a name: no lemma under it
      {"bakohumas", false},
      {"ber", false},           // too short to strip
  };
  for (const Row& r : rows) {
    INFO(r.word);
    CHECK(words.IsCommonWord(r.word) == r.common);
    CHECK(words.IsCommonWord(r.word, Probe::kPlain) == r.common);  // the filter changes no answer
  }
}
