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
  std::vector<uint64_t> kept_hashes = Emptied(token_hashes);
  *this = Document();
  text = std::move(kept_text);
  norm = std::move(kept_norm);
  tokens = std::move(kept_tokens);
  sentences = std::move(kept_sentences);
  paragraphs = std::move(kept_paragraphs);
  token_hashes = std::move(kept_hashes);
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
