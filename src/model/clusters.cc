#include "model/clusters.h"

#include <bit>

#include "error.h"

namespace warta::model {

void ClusterArrays::Add(std::string_view form, uint32_t leaf, std::string_view bits, uint32_t casing,
                        uint32_t rank) {
  if (bits.size() > 24 || leaf > 0xFFFF || casing > 7 || rank > 254)
    throw Error("a cluster out of range: " + std::string(form));
  uint32_t path = 0;
  for (char c : bits) path = path << 1 | (c == '1');
  pending_.push_back({HashBytes(form, kClusterSeed) | 1, leaf | casing << 16 | rank << 24,
                      PackPath(path, uint32_t(bits.size()))});
  if (leaf + 1 > clusters) clusters = leaf + 1;
}

void ClusterArrays::Finish() {
  const uint32_t slots = pending_.empty() ? 0 : std::bit_ceil(uint32_t(pending_.size() * 2));
  keys.assign(slots, 0);
  leaves.assign(slots, 0);
  paths.assign(slots, 0);
  const uint32_t mask = slots - 1;
  words = 0;
  max_probe = 0;
  for (const Pending& p : pending_) {
    uint32_t i = uint32_t(p.key) & mask, probe = 0;
    for (; keys[i] != 0 && keys[i] != p.key; ++probe) i = (i + 1) & mask;
    if (probe > max_probe) max_probe = probe;
    words += keys[i] == 0;
    keys[i] = p.key;  // a form added twice keeps its last row
    leaves[i] = p.leaf;
    paths[i] = p.path;
  }
  pending_.clear();
}

}  // namespace warta::model
