// What warta-train does with the sets: cross-validation, calibration, the final model,
// and scoring a model on a split.
//   CrossValidate(items, …, 5 folds) → exact-span P/R/F1 per set and type on held-out folds
// Scoring is by exact span over warta's tokens: a predicted (type, first, end) counts when a
// gold span mapped onto warta's tokens (ner_data.h) is the same. Every score runs the real
// tagger (model/tagger.h) on a model serialised as it would be shipped.
#ifndef WARTA_MODEL_TRAIN_TRAINER_H_
#define WARTA_MODEL_TRAIN_TRAINER_H_

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "model/clusters.h"
#include "model/tagger.h"
#include "model/train/ner_data.h"
#include "model/train/perceptron.h"

namespace warta::model::train {

struct Counts {
  std::array<uint64_t, kTypes> tp{}, pred{}, gold{};
  void Add(const Counts& o) {
    for (int t = 0; t < kTypes; ++t) tp[t] += o.tp[t], pred[t] += o.pred[t], gold[t] += o.gold[t];
  }
};

struct Evaluation {
  std::array<Counts, kSetCount> sets;
  // (margin in perceptron units, whether the span was exactly right) of every predicted span.
  std::vector<std::pair<double, uint8_t>> margins;
  // (confidence score, whether the span was exactly right) of every predicted span.
  std::vector<std::pair<float, uint8_t>> scores;
  void Add(const Evaluation& o) {
    for (int s = 0; s < kSetCount; ++s) sets[s].Add(o.sets[s]);
    margins.insert(margins.end(), o.margins.begin(), o.margins.end());
    scores.insert(scores.end(), o.scores.begin(), o.scores.end());
  }
};

// Tags every warta sentence of the items and counts against their gold spans. With `dump`,
// each item with an error is written there: its text, then FN/FP lines.
// anchored: as Tagger::Tag.
void Evaluate(const Tagger& tagger, const std::vector<const Item*>& items, Evaluation& out,
              std::string* dump = nullptr, bool anchored = true);

// A table: per set, P R F1 of PER LOC ORG and micro; then the scores' reliability (the share
// of right spans among those scored in each band).
std::string FormatEvaluation(const Evaluation& e);

// The micro F1 (0 … 100) of one set.
double MicroF1(const Counts& c);

// Logistic regression of correctness on the margin (Newton's method): a, b.
std::pair<float, float> FitCalibration(const std::vector<std::pair<double, uint8_t>>& margins);

// The fold of each item: contiguous blocks of each set's file (neighbouring sentences of
// one article stay together), except that a sentence found in an earlier set (NER-UGM and
// idner-news-2k annotate the same texts) takes the fold it has there.
std::vector<uint8_t> AssignFolds(const std::vector<Item>& items, int folds);

// Trains on all folds but one, scores the one left out, for each fold (folds run on
// `threads` threads; the result does not depend on their number). With `fold_models`, each
// fold's model is kept there (uncalibrated), to be written out with the calibration the
// whole cross-validation fits: the pipeline scored on the held-out folds (warta-train cv
// --save-folds) is how the stages' thresholds are chosen.
Evaluation CrossValidate(const std::vector<Item>& items, const FeatureExtractor& extractor,
                         const WordFacts& facts, const ClusterArrays* clusters, const TrainOptions& options,
                         int folds, int threads, std::ostream* log, std::string* dump = nullptr,
                         std::vector<ModelData>* fold_models = nullptr);

}  // namespace warta::model::train

#endif  // WARTA_MODEL_TRAIN_TRAINER_H_
