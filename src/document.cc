#include "document.h"

namespace warta {

std::string_view ReferenceSourceName(ReferenceSource s) {
  switch (s) {
    case ReferenceSource::kOption: return "option";
    case ReferenceSource::kPublished: return "published";
    case ReferenceSource::kDateline: return "dateline";
    case ReferenceSource::kToday: return "today";
  }
  return "today";
}

}  // namespace warta
