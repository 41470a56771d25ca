// The NER training and development sets, read and put on warta's own tokens.
//   indolem-nerui/train.01.tsv: "Federer\tB-PERSON" … → text "… kata Federer, seperti …" →
//   warta's tokens and sentences, with the gold span {PER, tokens [k, k+1)}
// Each gold sentence is detokenised exactly as ../shared/eval/ner.py does (the text warta
// is scored on), run through normalize, structure, tokenize and segment, and its gold spans
// are moved onto the warta tokens they touch. Labels of every set map to PER, LOC, ORG
// (PERSON/PER, LOCATION/LOC/PLACE, ORGANIZATION/ORGANISATION/ORG); TIME, QUANTITY and other
// types become O. See lexicons/model/README.md for what each set counts as LOC and ORG.
#ifndef WARTA_MODEL_TRAIN_NER_DATA_H_
#define WARTA_MODEL_TRAIN_NER_DATA_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "model/labels.h"
#include "pipeline.h"

namespace warta::model::train {

// The sets, in the order the trainer reads them (and numbers their feature copies).
enum SetId : uint8_t { kNerUi, kNerUgm, kIdner, kNergrit, kSetCount };
std::string_view SetName(SetId s);  // "nerui", "nerugm", "idner", "nergrit"
// The set named, or kSetCount.
SetId SetByName(std::string_view name);

struct SetFiles {
  std::string train, dev;  // relative to the data folder
  bool idner_format;       // "tok POS BIO" (space-separated) instead of "tok<TAB>BIO"
};
const SetFiles& FilesOf(SetId s);

// One gold sentence as the file gives it.
struct GoldSentence {
  std::vector<std::string> tokens, labels;
};
// Reads a BIO file; throws Error naming file:line on a line it cannot read.
std::vector<GoldSentence> ReadBio(const std::string& path, bool idner_format);

// Gold spans [(type, first, end)] over the gold tokens, as ner.py's bio_spans reads them.
std::vector<LabelSpan> GoldSpans(const std::vector<std::string>& labels);

// ner.py's detokenise: the text and each token's byte range in it.
std::string Detokenise(const std::vector<std::string>& tokens,
                       std::vector<std::pair<uint32_t, uint32_t>>& offsets);

// A range of an item's tokens.
struct Range {
  uint32_t first = 0, end = 0;
};

// One gold sentence on warta's tokens.
struct Item {
  SetId set = kNerUi;
  uint32_t index = 0;              // the sentence's place in its file
  std::string text;                // the detokenised sentence
  std::vector<std::string> forms;  // warta's tokens (normalised forms)
  std::vector<TokenKind> kinds;
  std::vector<Range> sentences;  // warta's sentences: what the tagger sees at run time
  std::vector<Range> units;      // the sentences merged where a gold span crosses them (training)
  std::vector<LabelSpan> gold;   // over warta's tokens of the item
  std::string key;               // lower-case letters and digits of the text: the same sentence in two sets
};

struct MappingStats {
  size_t sentences = 0, gold = 0;
  size_t inexact = 0;   // a gold boundary inside a warta token (the span takes the whole token)
  size_t crossing = 0;  // a gold span across warta sentences (those sentences train as one)
  size_t clashes = 0;   // two gold spans on one warta token (the later is dropped)
};

// Puts sentences on warta's tokens. `tokenizer`: a Pipeline built for the tokenize command.
std::vector<Item> MapToTokens(const Pipeline& tokenizer, SetId set,
                              const std::vector<GoldSentence>& sentences, MappingStats& stats);

}  // namespace warta::model::train

#endif  // WARTA_MODEL_TRAIN_NER_DATA_H_
