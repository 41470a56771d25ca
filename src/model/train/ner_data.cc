#include "model/train/ner_data.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "error.h"

namespace warta::model::train {

namespace {

constexpr std::array<std::string_view, kSetCount> kSetNames = {"nerui", "nerugm", "idner", "nergrit"};

// The label types of the sets, mapped as ner.py's LABEL_MAP maps them (TIME → DATE is not
// needed here: dates are the dates stage's work).
bool MapType(std::string_view t, EntityType& out) {
  if (t == "PERSON" || t == "PER" || t == "PPL")
    out = EntityType::kPerson;
  else if (t == "LOCATION" || t == "LOC" || t == "PLACE" || t == "PLC" || t == "GPE")
    out = EntityType::kPlace;
  else if (t == "ORGANIZATION" || t == "ORGANISATION" || t == "ORG")
    out = EntityType::kOrganization;
  else
    return false;
  return true;
}

}  // namespace

std::string_view SetName(SetId s) { return s < kSetCount ? kSetNames[s] : "?"; }

SetId SetByName(std::string_view name) {
  for (uint8_t s = 0; s < kSetCount; ++s)
    if (kSetNames[s] == name) return SetId(s);
  return kSetCount;
}

const SetFiles& FilesOf(SetId s) {
  static const std::array<SetFiles, kSetCount> kFiles = {{
      {"indolem-nerui/train.01.tsv", "indolem-nerui/dev.01.tsv", false},
      {"indolem-nerugm/train.01.tsv", "indolem-nerugm/dev.01.tsv", false},
      {"idner-news-2k/train.txt", "idner-news-2k/dev.txt", true},
      {"indonlu-nergrit/train_preprocess.txt", "indonlu-nergrit/valid_preprocess.txt", false},
  }};
  return kFiles[s];
}

std::vector<GoldSentence> ReadBio(const std::string& path, bool idner_format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  std::vector<GoldSentence> out;
  GoldSentence cur;
  size_t line_no = 0;
  for (size_t i = 0; i <= bytes.size();) {
    size_t j = bytes.find('\n', i);
    if (j == std::string::npos) j = bytes.size();
    std::string_view line(bytes.data() + i, j - i);
    ++line_no;
    i = j + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (!cur.tokens.empty()) out.push_back(std::move(cur));
      cur = GoldSentence();
      continue;
    }
    std::string_view tok, lab;
    if (idner_format) {
      const size_t first = line.find(' '), last = line.rfind(' ');
      if (first == std::string_view::npos || first == last)
        throw Error(path + ":" + std::to_string(line_no) + ": not a `token POS BIO` line");
      tok = line.substr(0, first);
      lab = line.substr(last + 1);
    } else {
      const size_t tab = line.rfind('\t');
      if (tab == std::string_view::npos)
        throw Error(path + ":" + std::to_string(line_no) + ": not a `token<TAB>BIO` line");
      tok = line.substr(0, tab);
      lab = line.substr(tab + 1);
    }
    if (tok.empty() || lab.empty())
      throw Error(path + ":" + std::to_string(line_no) + ": empty token or label");
    cur.tokens.emplace_back(tok);
    cur.labels.emplace_back(lab);
  }
  if (!cur.tokens.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<LabelSpan> GoldSpans(const std::vector<std::string>& labels) {
  struct Raw {
    std::string type;
    uint32_t first, end;
  };
  std::vector<Raw> raw;
  bool open = false;
  for (uint32_t i = 0; i <= labels.size(); ++i) {
    const std::string lab = i < labels.size() ? labels[i] : "O";
    std::string prefix = "I", type = lab;
    if (const size_t dash = lab.find('-'); dash != std::string::npos) {
      prefix = lab.substr(0, dash);
      type = lab.substr(dash + 1);
    }
    // Python's `prefix in "BS"` also holds for the empty prefix.
    const bool starts = prefix.empty() || prefix == "B" || prefix == "S" || prefix == "BS";
    if (lab == "O" || starts || !open || raw.back().type != type) {
      open = lab != "O";
      if (open) raw.push_back({type, i, i + 1});
    } else {
      raw.back().end = i + 1;
    }
  }
  std::vector<LabelSpan> out;
  for (const Raw& r : raw) {
    EntityType t;
    if (MapType(r.type, t)) out.push_back({t, r.first, r.end});
  }
  return out;
}

std::string Detokenise(const std::vector<std::string>& tokens,
                       std::vector<std::pair<uint32_t, uint32_t>>& offsets) {
  auto no_space_before = [](const std::string& t) {
    return t == "..." || t == "\u201D" ||
           (t.size() == 1 && std::string_view(",.;:!?)]%").find(t[0]) != std::string_view::npos);
  };
  auto no_space_after = [](const std::string& t) { return t == "\u201C" || t == "(" || t == "["; };
  const size_t quotes = std::count(tokens.begin(), tokens.end(), std::string("\""));
  bool in_quote = quotes % 2 == 1 && !(tokens.size() > 0 && tokens[0] == "\"");
  std::string out;
  offsets.clear();
  bool glue = true;
  for (const std::string& tok : tokens) {
    const bool q = tok == "\"";
    const bool opening = no_space_after(tok) || (q && !in_quote);
    const bool closing = no_space_before(tok) || (q && in_quote);
    in_quote ^= q;
    if (!(glue || closing)) out += ' ';
    offsets.emplace_back(uint32_t(out.size()), uint32_t(out.size() + tok.size()));
    out += tok;
    glue = opening;
  }
  return out;
}

std::vector<Item> MapToTokens(const Pipeline& tokenizer, SetId set,
                              const std::vector<GoldSentence>& sentences, MappingStats& stats) {
  std::vector<Item> items;
  items.reserve(sentences.size());
  std::vector<std::pair<uint32_t, uint32_t>> offsets;
  Document doc;
  for (uint32_t n = 0; n < sentences.size(); ++n) {
    const GoldSentence& g = sentences[n];
    Item item;
    item.set = set;
    item.index = n;
    item.text = Detokenise(g.tokens, offsets);
    doc.Reset();
    doc.id = std::string(SetName(set)) + "#" + std::to_string(n + 1);
    doc.text = item.text;
    tokenizer.Run(doc);
    if (doc.error) throw Error(doc.id + ": " + doc.error->message);
    for (const Token& t : doc.tokens) {
      item.forms.emplace_back(doc.Norm(t));
      item.kinds.push_back(t.kind);
    }
    for (const Sentence& s : doc.sentences) item.sentences.push_back({s.first_token, s.end_token});
    for (char c : item.text) {
      const auto u = static_cast<unsigned char>(c);
      if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80)
        item.key += c;
      else if (u >= 'A' && u <= 'Z')
        item.key += char(u + 32);
    }

    // Gold spans onto the warta tokens they touch.
    std::vector<uint8_t> taken(doc.tokens.size(), 0);
    ++stats.sentences;
    for (const LabelSpan& s : GoldSpans(g.labels)) {
      ++stats.gold;
      const uint32_t start = offsets[s.first].first, end = offsets[s.end - 1].second;
      uint32_t a = 0;
      while (a < doc.tokens.size() && doc.tokens[a].span.end <= start) ++a;
      uint32_t b = a;
      while (b < doc.tokens.size() && doc.tokens[b].span.start < end) ++b;
      if (b == a) {
        ++stats.clashes;
        continue;
      }
      if (doc.tokens[a].span.start != start || doc.tokens[b - 1].span.end != end) ++stats.inexact;
      bool clash = false;
      for (uint32_t k = a; k < b; ++k) clash |= taken[k] != 0;
      if (clash) {
        ++stats.clashes;
        continue;
      }
      for (uint32_t k = a; k < b; ++k) taken[k] = 1;
      item.gold.push_back({s.type, a, b});
    }
    std::sort(item.gold.begin(), item.gold.end(),
              [](const LabelSpan& x, const LabelSpan& y) { return x.first < y.first; });

    // Training units: warta's sentences, merged where a gold span crosses from one into the next.
    for (const Range& r : item.sentences) {
      const bool crossed =
          !item.units.empty() && std::any_of(item.gold.begin(), item.gold.end(), [&](const LabelSpan& s) {
            return s.first < r.first && s.end > r.first;
          });
      if (crossed) {
        ++stats.crossing;
        item.units.back().end = r.end;
      } else {
        item.units.push_back(r);
      }
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace warta::model::train
