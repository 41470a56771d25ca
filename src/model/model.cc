#include "model/model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include "error.h"

namespace warta::model {

namespace {

constexpr char kMagic[8] = {'W', 'A', 'R', 'T', 'A', 'N', 'E', 'R'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 128;

size_t Align8(size_t n) { return (n + 7) & ~size_t(7); }

// The byte offsets of the sections, from the header's counts.
struct Layout {
  size_t transitions, keys, first, masks, weights, cluster_keys, cluster_leaves, cluster_paths, total;
  Layout(uint32_t labels, uint32_t slots, uint32_t row_count, uint32_t cluster_slots) {
    transitions = kHeaderBytes;
    keys = Align8(transitions + (size_t(labels) + 2) * labels * 4);
    first = keys + size_t(slots) * 8;
    masks = first + size_t(slots) * 4;
    weights = Align8(masks + size_t(slots));
    cluster_keys = Align8(weights + size_t(row_count) * Model::kRowStride * 2);
    cluster_leaves = cluster_keys + size_t(cluster_slots) * 8;
    cluster_paths = cluster_leaves + size_t(cluster_slots) * 4;
    total = Align8(cluster_paths + size_t(cluster_slots) * 4);
  }
};

template <typename T>
T Get(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
void Put(std::string& out, T v) {
  char b[sizeof v];
  std::memcpy(b, &v, sizeof v);
  out.append(b, sizeof v);
}

void PadTo(std::string& out, size_t n) {
  if (out.size() < n) out.append(n - out.size(), '\0');
}

}  // namespace

Model::Model(const std::string& path) : path_(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(path + ": cannot open the entity model: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    throw Error(path + ": cannot read the entity model: " + std::strerror(e));
  }
  bytes_ = uint64_t(st.st_size);
  if (bytes_ < kHeaderBytes) {
    ::close(fd);
    throw Error(path + ": not an entity model (" + std::to_string(bytes_) +
                " bytes, shorter than its header)");
  }
  map_ = ::mmap(nullptr, bytes_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    throw Error(path + ": cannot map the entity model: " + std::strerror(errno));
  }
  try {
    Init(static_cast<const unsigned char*>(map_));
  } catch (...) {
    ::munmap(map_, bytes_);
    map_ = nullptr;
    throw;
  }
}

Model::Model(const std::string& bytes, const std::string& name) : path_(name), bytes_(bytes.size()) {
  if (bytes_ < kHeaderBytes)
    throw Error(name + ": not an entity model (" + std::to_string(bytes_) +
                " bytes, shorter than its header)");
  owned_.resize((bytes.size() + 7) / 8);
  std::memcpy(owned_.data(), bytes.data(), bytes.size());
  Init(reinterpret_cast<const unsigned char*>(owned_.data()));
}

void Model::Init(const unsigned char* p) {
  const std::string& path = path_;
  if (std::memcmp(p, kMagic, 8) != 0) throw Error(path + ": not an entity model (bad magic)");
  const uint32_t version = Get<uint32_t>(p + 8);
  if (version != kVersion)
    throw Error(path + ": entity model version " + std::to_string(version) + ", this warta reads version " +
                std::to_string(kVersion));
  const uint32_t labels = Get<uint32_t>(p + 12), scheme = Get<uint32_t>(p + 16);
  if (scheme > 1 || labels != uint32_t(Labels(Scheme(scheme)).count()))
    throw Error(path + ": entity model with an unknown label scheme");
  labels_ = Labels(Scheme(scheme));
  cluster_count_ = Get<uint32_t>(p + 20);
  const uint64_t declared = Get<uint64_t>(p + 24);
  slots_ = Get<uint32_t>(p + 32);
  row_count_ = Get<uint32_t>(p + 36);
  const uint32_t cluster_slots = Get<uint32_t>(p + 40);
  scale_ = Get<float>(p + 44);
  calib_a_ = Get<float>(p + 48);
  calib_b_ = Get<float>(p + 52);
  feature_count_ = Get<uint32_t>(p + 56);
  max_probe_ = Get<uint32_t>(p + 60);
  if (slots_ == 0 || !std::has_single_bit(slots_) || (cluster_slots && !std::has_single_bit(cluster_slots)) ||
      feature_count_ > slots_ / 2 || max_probe_ >= slots_ || !(scale_ > 0) || !std::isfinite(calib_a_) ||
      !std::isfinite(calib_b_))
    throw Error(path + ": entity model header is damaged");
  const Layout layout(labels, slots_, row_count_, cluster_slots);
  if (declared != layout.total || bytes_ != layout.total)
    throw Error(path + ": entity model is " + std::to_string(bytes_) + " bytes, its header says " +
                std::to_string(declared) + " (" + std::to_string(layout.total) +
                " by its counts): truncated or damaged");
  for (size_t t = 0; t < 32; ++t) config_.roles[t] = p[64 + t];
  config_.max_prefix = p[96];
  config_.max_suffix = p[97];
  config_.cluster_prefixes = Get<uint32_t>(p + 100);
  transitions_ = reinterpret_cast<const int32_t*>(p + layout.transitions);
  end_ = transitions_ + size_t(labels + 1) * labels;
  keys_ = reinterpret_cast<const uint64_t*>(p + layout.keys);
  first_ = reinterpret_cast<const uint32_t*>(p + layout.first);
  masks_ = p + layout.masks;
  weights_ = reinterpret_cast<const int16_t*>(p + layout.weights);
  const uint32_t cluster_probe = Get<uint32_t>(p + 116);
  if (cluster_slots && cluster_probe >= cluster_slots) throw Error(path + ": entity model header is damaged");
  clusters_ =
      ClusterTable(reinterpret_cast<const uint64_t*>(p + layout.cluster_keys),
                   reinterpret_cast<const uint32_t*>(p + layout.cluster_leaves),
                   reinterpret_cast<const uint32_t*>(p + layout.cluster_paths), cluster_slots, cluster_probe);
}

Model::~Model() {
  if (map_) ::munmap(map_, bytes_);
}

float Model::Confidence(int64_t margin) const {
  const double x = calib_a_ * (double(margin) / scale_) + calib_b_;
  return float(1.0 / (1.0 + std::exp(-x)));
}

std::string SerializeModel(const ModelData& d) {
  const Labels labels(d.scheme);
  const uint32_t L = uint32_t(labels.count());
  size_t row_total = 0;
  for (uint8_t m : d.positions) row_total += size_t(std::popcount(m));
  if (d.positions.size() != d.keys.size() || d.weights.size() != row_total * L ||
      d.transitions.size() != size_t(L + 1) * L || d.end.size() != L)
    throw Error("inconsistent entity model data");
  const uint32_t slots = std::bit_ceil(uint32_t(d.keys.size() * 2 + 2));
  const uint32_t rows = uint32_t(row_total);
  const uint32_t cluster_slots = d.clusters ? uint32_t(d.clusters->keys.size()) : 0;
  const Layout layout(L, slots, rows, cluster_slots);

  std::vector<uint64_t> keys(slots, 0);
  std::vector<uint32_t> first(slots, 0);
  std::vector<uint8_t> masks(slots, 0);
  uint32_t max_probe = 0, next_row = 0;
  for (size_t k = 0; k < d.keys.size(); ++k) {
    uint32_t i = uint32_t(d.keys[k]) & (slots - 1), probe = 0;
    for (; keys[i] != 0; ++probe) {
      if (keys[i] == d.keys[k]) throw Error("entity model data: a feature key written twice");
      i = (i + 1) & (slots - 1);
    }
    if (probe > max_probe) max_probe = probe;
    keys[i] = d.keys[k];
    first[i] = next_row;
    masks[i] = d.positions[k];
    next_row += uint32_t(std::popcount(d.positions[k]));
  }

  std::string out;
  out.reserve(layout.total);
  out.append(kMagic, 8);
  Put<uint32_t>(out, kVersion);
  Put<uint32_t>(out, L);
  Put<uint32_t>(out, uint32_t(d.scheme));
  Put<uint32_t>(out, d.clusters ? d.clusters->clusters : 0);
  Put<uint64_t>(out, layout.total);
  Put<uint32_t>(out, slots);
  Put<uint32_t>(out, rows);
  Put<uint32_t>(out, cluster_slots);
  Put<float>(out, d.scale);
  Put<float>(out, d.calib_a);
  Put<float>(out, d.calib_b);
  Put<uint32_t>(out, uint32_t(d.keys.size()));
  Put<uint32_t>(out, max_probe);
  for (uint8_t r : d.config.roles) out += char(r);
  out += char(d.config.max_prefix);
  out += char(d.config.max_suffix);
  PadTo(out, 100);
  Put<uint32_t>(out, d.config.cluster_prefixes);
  PadTo(out, 112);
  Put<uint32_t>(out, d.clusters ? d.clusters->words : 0);
  Put<uint32_t>(out, d.clusters ? d.clusters->max_probe : 0);
  PadTo(out, layout.transitions);
  for (int32_t t : d.transitions) Put<int32_t>(out, t);
  for (int32_t t : d.end) Put<int32_t>(out, t);
  PadTo(out, layout.keys);
  for (uint64_t k : keys) Put<uint64_t>(out, k);
  for (uint32_t r : first) Put<uint32_t>(out, r);
  for (uint8_t m : masks) out += char(m);
  PadTo(out, layout.weights);
  for (size_t r = 0; r < rows; ++r)
    for (int l = 0; l < Model::kRowStride; ++l)
      Put<int16_t>(out, l < int(L) ? d.weights[r * L + l] : int16_t(0));
  PadTo(out, layout.cluster_keys);
  if (d.clusters) {
    for (uint64_t k : d.clusters->keys) Put<uint64_t>(out, k);
    for (uint32_t v : d.clusters->leaves) Put<uint32_t>(out, v);
    for (uint32_t v : d.clusters->paths) Put<uint32_t>(out, v);
  }
  PadTo(out, layout.total);
  return out;
}

void WriteModel(const std::string& path, const ModelData& data) {
  const std::string out = SerializeModel(data);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw Error(path + ": cannot write the entity model");
  f.write(out.data(), std::streamsize(out.size()));
  f.close();
  if (!f) throw Error(path + ": cannot write the entity model");
}

}  // namespace warta::model
