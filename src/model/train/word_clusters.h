// Word clusters learned from unlabelled news: the words of a corpus grouped by the words
// written next to them, for the entity model's cluster features (model/clusters.h).
//   "Kupang", "Ende", "Atambua" … → one cluster (places); "Kapolres", "Bupati" … → another
// Method: every sentence of the corpus goes through warta's own normalize, structure,
// tokenize and segment. The `words` most frequent forms (as written, so "Indah" and "indah"
// are apart) are described by the distribution of their left and right neighbours among the
// `contexts` most frequent forms (plus "other" and the sentence boundary), square-rooted
// (Hellinger), projected to `dims` dimensions by a fixed random ±1 matrix, and grouped into
// `clusters` classes by k-means (k-means++ seeding). The classes' centroids are then merged
// bottom-up by Ward's criterion into a binary tree; a word's path is the branch taken at each
// merge from the root down to its class (0 for the branch holding the lower class number),
// so that path prefixes are coarser clusters, as with Brown clusters. With each word, how
// often its lower-case spelling is written capitalised after another word (ClusterOf::casing).
// Deterministic: one seed, a generator of our own, a fixed order of every sum; the threads
// only split the assignment step, which does not depend on how it is split.
#ifndef WARTA_MODEL_TRAIN_WORD_CLUSTERS_H_
#define WARTA_MODEL_TRAIN_WORD_CLUSTERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline.h"

namespace warta::model::train {

struct ClusterOptions {
  size_t words = 80000;
  size_t contexts = 1000;
  uint32_t min_count = 3;  // rarer forms are never clustered
  int dims = 256;
  int clusters = 256;
  int iterations = 25;
  int threads = 2;
  uint64_t seed = 20261207;
};

struct ClusteredWord {
  std::string form;
  uint32_t leaf = 0;
  std::string path;     // '0'/'1' steps from the root, at most 24
  uint32_t casing = 0;  // ClusterOf::casing of the form's lower case
  uint64_t count = 0;   // occurrences in the corpus
};

// Learns clusters from a jsonl corpus whose lines hold a "text" field. `tokenizer`: a
// Pipeline built for the tokenize command. Progress goes to `log` when not null.
// Throws Error naming the file when it cannot be read.
std::vector<ClusteredWord> LearnClusters(const Pipeline& tokenizer, const std::string& corpus,
                                         const ClusterOptions& options, std::ostream* log);

}  // namespace warta::model::train

#endif  // WARTA_MODEL_TRAIN_WORD_CLUSTERS_H_
