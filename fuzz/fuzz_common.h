// Shared set-up of the fuzz targets: the project's lexicons, pipelines built once, and a
// Document made from fuzz bytes the way the reader makes one from a file.
#ifndef WARTA_FUZZ_COMMON_H_
#define WARTA_FUZZ_COMMON_H_

#include <string>

#include "input/decode.h"
#include "invariants.h"
#include "lexicon.h"
#include "options.h"
#include "pipeline.h"

namespace warta::fuzz {

inline const Lexicon& Lexicons() {
  static const Lexicon lexicon(Lexicon::DefaultDir());
  return lexicon;
}

inline const Pipeline& ExtractPipeline() {
  static const Pipeline p([] {
    Options o;
    o.reference_date = CivilDate{2025, 11, 1};
    return o;
  }(), Lexicons());
  return p;
}

inline const Pipeline& TokenizePipeline() {
  static const Pipeline p([] {
    Options o;
    o.command = Command::kTokenize;
    return o;
  }(), Lexicons());
  return p;
}

inline Document DocumentFrom(const uint8_t* data, size_t size) {
  Document doc;
  doc.id = "fuzz";
  Decoded d = DecodeBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  doc.text = std::move(d.text);
  return doc;
}

// Runs the extract pipeline's stages up to and including the one named `last`.
inline void RunUpTo(Document& doc, std::string_view last) {
  for (const auto& stage : ExtractPipeline().stages()) {
    stage->Run(doc);
    if (stage->name() == last) break;
  }
}

}  // namespace warta::fuzz

#endif  // WARTA_FUZZ_COMMON_H_
