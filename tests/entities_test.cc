// The entity model: the shipped model tags written sentences sensibly, its file is checked,
// Viterbi follows the label rules, and the per-word cache changes no score.
#include "stages/entities.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "error.h"
#include "model/features.h"
#include "model/hash.h"
#include "model/labels.h"
#include "model/model.h"
#include "model/tagger.h"
#include "model/word_facts.h"
#include "testing.h"

namespace fs = std::filesystem;
using namespace warta;
using namespace warta::model;

namespace {

const std::string kModelPath = std::string(WARTA_SOURCE_DIR) + "/lexicons/model/ner.bin";

const WordFacts& Facts() {
  static const WordFacts facts(testing::Lexicons());
  return facts;
}

const Model& Shipped() {
  static const Model model(kModelPath);
  return model;
}

const char* TypeName(EntityType t) {
  return t == EntityType::kPerson ? "PER" : t == EntityType::kPlace ? "LOC" : "ORG";
}

// "PER Korinus Masneno" for each proposed span of the text, in order.
std::vector<std::string> Proposals(const std::string& text) {
  const Document doc = testing::Run(text, "2025-11-01");
  std::vector<std::string> out;
  for (const EntitySpan& e : doc.entity_spans)
    out.push_back(std::string(TypeName(e.type)) + " " + std::string(doc.Original(e.span)));
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Sentences written for these tests, in the register of regional government releases.
const std::vector<std::string> kCorpus = {
    "Bupati Kupang Korinus Masneno membuka rapat koordinasi di Aula Kantor Bupati, Senin (27/10).",
    "Ketua KPU Provinsi Nusa Tenggara Timur, Jemris Fointuna, mengatakan tahapan pemilihan berjalan lancar.",
    "\"Kami siap melayani masyarakat,\" ujar Kepala Dinas Kesehatan Kota Kupang, dr. Retnowati, M.Kes.",
    "Sementara itu, Gubernur Jawa Barat meninjau banjir di Kecamatan Dayeuhkolot, Kabupaten Bandung.",
    "Rombongan PT Semen Kupang tiba di Bandara El Tari pukul 10.00 WITA bersama perwakilan Bank Indonesia.",
    "Menurut Slamet Riyadi, warga Desa Oelnasi membutuhkan air bersih sejak Agustus lalu.",
    "Indah Lestari dari Universitas Nusa Cendana menyampaikan materi tentang gizi anak.",
    "Tim gabungan Polres Sikka dan Kodim 1603 menyisir pantai Maumere hingga Minggu malam.",
    "harga beras di pasar tradisional naik sejak pekan lalu menurut pedagang setempat.",
    "Presiden Prabowo Subianto menerima Perdana Menteri Jepang di Istana Merdeka, Jakarta.",
    "Ia menegaskan bahwa Kementerian Dalam Negeri akan mengevaluasi anggaran daerah tahun 2026.",
    "Warga Kelurahan Oebobo, Kota Kupang, mengikuti sosialisasi yang digelar Bawaslu NTT.",
};

}  // namespace

TEST_CASE("the shipped entity model loads with its clusters and label rules", "[entities]") {
  const Model& m = Shipped();
  CHECK(m.labels().scheme() == Scheme::kBilou);
  CHECK(m.label_count() == 13);
  CHECK(m.feature_count() > 10000);
  CHECK(m.cluster_count() > 0);
  CHECK(m.bytes() <= 30u << 20);
  ClusterOf c;
  CHECK(m.clusters().Lookup("Jakarta", c));
  CHECK(m.clusters().Lookup("dan", c));
  CHECK_FALSE(m.clusters().Lookup("Xqzwvkj", c));
}

TEST_CASE("the shipped model proposes the names of written sentences", "[entities]") {
  struct Case {
    std::string text;
    std::vector<std::string> expected;  // proposals that must be among those made
  };
  const std::vector<Case> cases = {
      {"Bupati Kupang Korinus Masneno membuka rapat koordinasi di Aula Kantor Bupati, Senin (27/10).",
       {"PER Korinus Masneno"}},
      {"Ketua KPU Provinsi Nusa Tenggara Timur, Jemris Fointuna, mengatakan tahapan pemilihan berjalan "
       "lancar.",
       {"PER Jemris Fointuna"}},
      {"Menurut Slamet Riyadi, warga Desa Oelnasi membutuhkan air bersih sejak Agustus lalu.",
       {"PER Slamet Riyadi"}},
      {"Presiden Prabowo Subianto menerima Perdana Menteri Jepang di Istana Merdeka, Jakarta.",
       {"PER Prabowo Subianto", "LOC Jepang", "LOC Jakarta"}},
      {"Ia menegaskan bahwa Kementerian Dalam Negeri akan mengevaluasi anggaran daerah tahun 2026.",
       {"ORG Kementerian Dalam Negeri"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::vector<std::string> got = Proposals(c.text);
    for (const std::string& e : c.expected) {
      INFO(e);
      CHECK(std::find(got.begin(), got.end(), e) != got.end());
    }
  }
}

TEST_CASE("a sentence of common lower-case words proposes no name", "[entities]") {
  CHECK(
      Proposals("harga beras di pasar tradisional naik sejak pekan lalu menurut pedagang setempat.").empty());
}

TEST_CASE("proposals carry token ranges, exact byte spans and scores in [0, 1]", "[entities]") {
  for (const std::string& text : kCorpus) {
    INFO(text);
    const Document doc = testing::Run(text, "2025-11-01");
    uint32_t last_end = 0;
    for (const EntitySpan& e : doc.entity_spans) {
      REQUIRE(e.first_token < e.end_token);
      REQUIRE(e.end_token <= doc.tokens.size());
      CHECK(e.first_token >= last_end);  // in text order, not overlapping
      last_end = e.end_token;
      CHECK(e.span.start == doc.tokens[e.first_token].span.start);
      CHECK(e.span.end == doc.tokens[e.end_token - 1].span.end);
      CHECK(e.score >= 0.f);
      CHECK(e.score <= 1.f);
      // One sentence holds the whole span.
      bool inside = false;
      for (const Sentence& s : doc.sentences)
        inside |= s.first_token <= e.first_token && e.end_token <= s.end_token;
      CHECK(inside);
    }
  }
}

TEST_CASE("a sentence longer than the tagger's piece is tagged in pieces", "[entities]") {
  std::string text;
  for (int i = 0; i < 700; ++i) text += "warga Kupang dan ";
  text += "Bupati Korinus Masneno hadir.";
  const Document doc = testing::Run(text, "2025-11-01");
  REQUIRE(doc.tokens.size() > EntityTagger::kMaxSentenceTokens);
  for (const EntitySpan& e : doc.entity_spans) {
    // No span runs across a piece boundary.
    const uint32_t piece = e.first_token / EntityTagger::kMaxSentenceTokens;
    CHECK((e.end_token - 1) / EntityTagger::kMaxSentenceTokens == piece);
  }
  CHECK_FALSE(doc.entity_spans.empty());
}

TEST_CASE("a model file that is not one is an error naming the file", "[entities]") {
  const fs::path dir = testing::ScratchPath("entities-test");
  fs::create_directories(dir);
  const std::string bytes = Slurp(kModelPath);
  REQUIRE(bytes.size() > 1000);
  struct Case {
    std::string name, content, says;
  };
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  std::string other_version = bytes;
  other_version[8] = 9;
  std::string bad_size = bytes;
  bad_size[24] ^= 8;  // the declared size
  const std::vector<Case> cases = {
      {"bad-magic.bin", bad_magic, "bad magic"},
      {"truncated.bin", bytes.substr(0, bytes.size() / 2), "truncated"},
      {"short.bin", bytes.substr(0, 100), "shorter than its header"},
      {"empty.bin", "", "shorter than its header"},
      {"other-version.bin", other_version, "version 9"},
      {"bad-size.bin", bad_size, "truncated or damaged"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string path = (dir / c.name).string();
    std::ofstream(path, std::ios::binary) << c.content;
    try {
      Model m(path);
      FAIL("no error");
    } catch (const Error& e) {
      const std::string what = e.what();
      CHECK(what.find(path) != std::string::npos);
      CHECK(what.find(c.says) != std::string::npos);
    }
  }
  const std::string missing = (dir / "missing.bin").string();
  try {
    Model m(missing);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find(missing) != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("a model written and read back keeps its weights, transitions and configuration", "[entities]") {
  ModelData d;
  d.scheme = Scheme::kBio;
  d.config = FeatureConfig();
  d.config.roles[kLower] = 1u << kWindow;
  d.config.max_prefix = 3;
  d.config.cluster_prefixes = 1u << 4;
  const int L = Labels(Scheme::kBio).count();
  // Key k has rows at positions 0 and, for even k, +1: row values k·10 + label (+ 5 at +1).
  for (uint64_t k = 1; k <= 50; ++k) {
    d.keys.push_back(Mix(k) | 1);
    d.positions.push_back(uint8_t(1u << kWindow | (k % 2 ? 0 : 1u << (kWindow + 1))));
    for (int l = 0; l < L; ++l) d.weights.push_back(int16_t(k * 10 + l));
    if (k % 2 == 0)
      for (int l = 0; l < L; ++l) d.weights.push_back(int16_t(k * 10 + l + 5));
  }
  d.transitions.assign(size_t(L + 1) * L, 0);
  d.transitions[3] = -77;
  d.end.assign(L, 5);
  d.scale = 100.f;
  d.calib_a = 2.f;
  d.calib_b = -1.f;
  const Model m(SerializeModel(d), "in memory");
  CHECK(m.feature_count() == 50);
  CHECK(m.config().roles[kLower] == d.config.roles[kLower]);
  CHECK(m.config().max_prefix == 3);
  CHECK(m.config().cluster_prefixes == d.config.cluster_prefixes);
  for (uint64_t k = 1; k <= 50; ++k) {
    INFO(k);
    const int16_t* row = m.Row(Mix(k) | 1, 0);
    REQUIRE(row != nullptr);
    CHECK(row[0] == int16_t(k * 10));
    CHECK(row[L - 1] == int16_t(k * 10 + L - 1));
    CHECK(row[L] == 0);  // padding
    const int16_t* next = m.Row(Mix(k) | 1, 1);
    if (k % 2) {
      CHECK(next == nullptr);
    } else {
      REQUIRE(next != nullptr);
      CHECK(next[0] == int16_t(k * 10 + 5));
    }
    CHECK(m.Row(Mix(k) | 1, -1) == nullptr);
  }
  CHECK(m.Row(12345, 0) == nullptr);
  CHECK(m.Transition(0, 3) == -77);
  CHECK(m.End(2) == 5);
  CHECK(m.Confidence(0) == Approx(1.0 / (1.0 + std::exp(1.0))));
  CHECK(SerializeModel(d) == SerializeModel(d));  // the same bytes every time
}

TEST_CASE("Viterbi on a tiny hand-made model follows the weights and the BIO rules", "[entities]") {
  // One feature template, the lower-case word itself, and hand-set weights per label:
  //   budi     B-PER 10
  //   santoso  I-PER 10, B-PER 4   (a name's second word)
  //   kupang   B-LOC 10
  //   jaya     I-PER 6, I-LOC 7    (continues whatever is open)
  //   ketua    O 3
  ModelData d;
  d.scheme = Scheme::kBio;
  d.config = FeatureConfig();
  d.config.roles[kLower] = 1u << kWindow;
  const Labels labels(Scheme::kBio);
  const int L = labels.count();
  const int o = 0, b_per = labels.Label(EntityType::kPerson, Labels::kB),
            i_per = labels.Label(EntityType::kPerson, Labels::kI),
            b_loc = labels.Label(EntityType::kPlace, Labels::kB),
            i_loc = labels.Label(EntityType::kPlace, Labels::kI);
  WordInfo info;
  const FeatureExtractor fx(d.config, Facts(), ClusterTable());
  auto add = [&](const char* word, std::vector<std::pair<int, int>> weights) {
    fx.Analyze({word, TokenKind::kWord}, info);
    REQUIRE(info.features.size() == 1);
    d.keys.push_back(GroupKey(info.features[0].tmpl, info.features[0].value));
    d.positions.push_back(uint8_t(1u << kWindow));
    std::vector<int16_t> row(L, 0);
    for (auto [label, w] : weights) row[label] = int16_t(w);
    d.weights.insert(d.weights.end(), row.begin(), row.end());
  };
  add("budi", {{b_per, 10}});
  add("santoso", {{i_per, 10}, {b_per, 4}});
  add("kupang", {{b_loc, 10}});
  add("jaya", {{i_per, 6}, {i_loc, 7}});
  add("ketua", {{o, 3}});
  d.transitions.assign(size_t(L + 1) * L, 0);
  d.end.assign(L, 0);
  const Model m(SerializeModel(d), "tiny");
  const Tagger tagger(m, Facts());

  struct Case {
    std::vector<const char*> words;
    std::vector<LabelSpan> expected;
  };
  const std::vector<Case> cases = {
      {{"ketua", "budi", "santoso"}, {{EntityType::kPerson, 1, 3}}},
      // I-PER cannot open a sentence: the best allowed labelling starts with B-PER.
      {{"santoso", "budi"}, {{EntityType::kPerson, 0, 1}, {EntityType::kPerson, 1, 2}}},
      {{"kupang", "jaya"}, {{EntityType::kPlace, 0, 2}}},
      {{"budi", "jaya"}, {{EntityType::kPerson, 0, 2}}},  // I-LOC cannot follow B-PER
      // The best labelling gives up "ketua"'s own best label (O 3) for B-LOC (0), so that "jaya"
      // may take I-LOC (7): 7 > 3 + 0.
      {{"ketua", "jaya"}, {{EntityType::kPlace, 0, 2}}},
  };
  std::vector<ScoredSpan> got;
  for (const Case& c : cases) {
    std::vector<WordView> words;
    std::string joined;
    for (const char* w : c.words) {
      words.push_back({w, TokenKind::kWord});
      joined += std::string(w) + " ";
    }
    INFO(joined);
    tagger.Tag(words.data(), words.size(), got, /*anchored=*/false);
    std::vector<LabelSpan> spans;
    for (const ScoredSpan& s : got) spans.push_back(s.span);
    CHECK(spans == c.expected);
  }
  // The margin of "budi santoso" is what the best labelling loses by relabelling its weakest
  // token: "santoso" as B-PER instead of I-PER costs 10 - 4 = 6.
  std::vector<WordView> words = {{"budi", TokenKind::kWord}, {"santoso", TokenKind::kWord}};
  tagger.Tag(words.data(), words.size(), got, /*anchored=*/false);
  REQUIRE(got.size() == 1);
  CHECK(got[0].margin == 6);
}

TEST_CASE("the per-word cache gives the same scores and labels as the uncached sum", "[entities]") {
  const Tagger tagger(Shipped(), Facts());
  std::vector<std::vector<std::string>> sentences;
  for (const std::string& text : kCorpus) {
    const Document doc = testing::Run(text, "", "tokenize");
    for (const Sentence& s : doc.sentences) {
      std::vector<std::string> forms;
      for (uint32_t t = s.first_token; t < s.end_token; ++t) forms.emplace_back(doc.Norm(doc.tokens[t]));
      sentences.push_back(forms);
    }
  }
  // More different words than the cache has slots: it evicts and refills entries.
  for (int k = 0; k < int(Tagger::kCacheSlots / 8) + 1000; ++k) {
    std::vector<std::string> forms;
    for (int j = 0; j < 8; ++j) forms.push_back((j % 2 ? "Kata" : "nama") + std::to_string(k * 8 + j));
    sentences.push_back(forms);
  }
  size_t compared = 0;
  std::vector<int32_t> cached, uncached;
  std::vector<ScoredSpan> a, b;
  for (int round = 0; round < 2; ++round) {  // the second round is answered from the cache
    for (const auto& forms : sentences) {
      std::vector<WordView> words;
      for (const std::string& f : forms) words.push_back({f, TokenKind::kWord});
      tagger.Scores(words.data(), words.size(), true, cached);
      tagger.Scores(words.data(), words.size(), false, uncached);
      REQUIRE(cached == uncached);
      tagger.Tag(words.data(), words.size(), a, /*anchored=*/true, /*cached=*/true);
      tagger.Tag(words.data(), words.size(), b, /*anchored=*/true, /*cached=*/false);
      REQUIRE(a.size() == b.size());
      for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].span == b[i].span);
        CHECK(a[i].margin == b[i].margin);
      }
      ++compared;
    }
  }
  CHECK(compared == 2 * sentences.size());
  const Tagger::CacheStats stats = tagger.Stats();
  CHECK(stats.misses > Tagger::kCacheSlots);  // the cache was filled past its size, then missed again
  CHECK(stats.misses < stats.lookups);
}

TEST_CASE("word facts come from the lexicons", "[entities]") {
  const WordFacts& f = Facts();
  CHECK(f.Of("kupang") & (uint64_t(1) << kRegencyWhole));
  CHECK(f.Of("nusa") & (uint64_t(1) << kProvinceFirst));
  CHECK(f.Of("bupati") & (uint64_t(1) << kRoleWhole));
  CHECK(f.Of("indah") & (uint64_t(1) << kCommon));
  CHECK(f.Of("xqzwvkj") == 0);
  std::string lower;
  LowerWord("KUPANG", lower);
  CHECK(lower == "kupang");
  LowerWord("ÉCOLE", lower);
  CHECK(lower == "école");
}

TEST_CASE("feature settings parse and print", "[entities]") {
  FeatureConfig c = FeatureConfig::Default();
  c.Apply("form=-2..2 suffix=off prefix-len=3 paths=4,6");
  CHECK(c.Uses(kForm, -2));
  CHECK(c.Uses(kForm, 2));
  CHECK_FALSE(c.Uses(kSuffix, 0));
  CHECK(c.max_prefix == 3);
  CHECK(c.cluster_prefixes == (1u << 4 | 1u << 6));
  FeatureConfig again = FeatureConfig::Default();
  again.Apply(c.ToString());
  CHECK(again.roles == c.roles);
  CHECK(again.cluster_prefixes == c.cluster_prefixes);
  CHECK_THROWS_AS(c.Apply("nosuch=0"), Error);
  CHECK_THROWS_AS(c.Apply("form=-3"), Error);
}
