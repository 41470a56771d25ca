#include "document.h"

namespace warta {

namespace {

// The buffer emptied, its memory kept unless it is over Document::kKeepBytes.
template <class Buffer>
Buffer Emptied(Buffer& buffer) {
  Buffer kept = std::move(buffer);
  kept.clear();
  if (kept.capacity() * sizeof(kept[0]) > Document::kKeepBytes) Buffer().swap(kept);
  return kept;
}

}  // namespace

void Document::Reset() {
  // Every member as Document() makes it (a member added later is reset too), then the
  // emptied buffers put back.
  std::string kept_text = Emptied(text), kept_norm = Emptied(norm);
  std::vector<Token> kept_tokens = Emptied(tokens);
  std::vector<Sentence> kept_sentences = Emptied(sentences);
  std::vector<Span> kept_paragraphs = Emptied(paragraphs);
  std::vector<uint64_t> kept_keys = Emptied(token_keys);
  *this = Document();
  text = std::move(kept_text);
  norm = std::move(kept_norm);
  tokens = std::move(kept_tokens);
  sentences = std::move(kept_sentences);
  paragraphs = std::move(kept_paragraphs);
  token_keys = std::move(kept_keys);
}

[[gnu::noinline]] uint64_t Document::ComputeTokenKey(size_t i) const {
  const Token& t = tokens[i];
  return hash::WordKey(std::string_view(norm.data() + t.norm_start, t.norm_end - t.norm_start));
}

std::string_view PlaceKindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kNegara: return "negara";
    case PlaceKind::kProvinsi: return "provinsi";
    case PlaceKind::kKabupaten: return "kabupaten";
    case PlaceKind::kKota: return "kota";
    case PlaceKind::kKecamatan: return "kecamatan";
    case PlaceKind::kDesa: return "desa";
    case PlaceKind::kKelurahan: return "kelurahan";
    case PlaceKind::kWilayah: return "wilayah";
    case PlaceKind::kTempat: return "tempat";
    case PlaceKind::kLain: return "lain";
  }
  return "lain";
}

std::string_view ReferenceSourceName(ReferenceSource s) {
  switch (s) {
    case ReferenceSource::kOption: return "option";
    case ReferenceSource::kPublished: return "published";
    case ReferenceSource::kDateline: return "dateline";
    case ReferenceSource::kText: return "text";
    case ReferenceSource::kToday: return "today";
  }
  return "today";
}

}  // namespace warta
