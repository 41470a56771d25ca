// The keys archive filters match on: names folded as the full-text index folds words.
//   NameKey("Ma'ruf  Amin")        → "ma ruf amin"
//   NameKey("Dr. H. Rémy Sylado")  → "dr h remy sylado"
//   IsAreaCode("53.71") → true;  AreaCodeBelow("53.71", "53") → true, ("530", "53") → false
// Reads: UTF-8 text (invalid bytes are no letters). Writes: nothing; pure functions.
#ifndef WARTA_INDEX_KEYS_H_
#define WARTA_INDEX_KEYS_H_

#include <string>
#include <string_view>

namespace warta {

// The words of `name` (runs of letters and digits, as FTS5's unicode61 tokenizer reads
// them), lower-cased, without diacritics (é → e; NFD, then combining marks dropped), joined
// by one space. Two spellings that differ only in case, accents, spacing or punctuation have
// the same key: "Joko Widodo", "JOKO  WIDODO", "joko-widodo". Empty when there is no letter
// or digit.
std::string NameKey(std::string_view name);

// Whether s is a Kemendagri area code as places carry them: digits, groups joined by dots
// ("53", "53.71", "53.71.01.1001").
bool IsAreaCode(std::string_view s);

// Whether `code` is `area` or an area beneath it ("53.71" is below "53"; "530" is not).
bool AreaCodeBelow(std::string_view code, std::string_view area);

}  // namespace warta

#endif  // WARTA_INDEX_KEYS_H_
