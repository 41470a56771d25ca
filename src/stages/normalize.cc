#include "stages/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "error.h"
#include "text/utf8.h"

namespace warta {
namespace {

// "U+201C U+0022" → UTF-8; throws on a malformed field.
std::string ParseCodePoints(const std::string& field, const std::string& where) {
  std::string out;
  size_t pos = 0;
  while (pos < field.size()) {
    size_t sp = field.find(' ', pos);
    std::string item = field.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    pos = sp == std::string::npos ? field.size() : sp + 1;
    if (item.size() < 3 || item.compare(0, 2, "U+") != 0)
      throw Error(where + ": expected U+XXXX code points, found '" + item + "'");
    char* end = nullptr;
    unsigned long cp = std::strtoul(item.c_str() + 2, &end, 16);
    if (*end != '\0' || cp > 0x10FFFF) throw Error(where + ": bad code point '" + item + "'");
    utf8::Append(out, char32_t(cp));
  }
  return out;
}

constexpr uint64_t kHighBits = 0x8080808080808080ull;

uint64_t Load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// A code point with canonical combining class 0 and NFC_Quick_Check = Yes: a text made only of
// such code points passes the quick check of UAX #15 (isNormalizedUTF8 is true).
bool NfcSafe(char32_t cp) {
  return u_getCombiningClass(UChar32(cp)) == 0 &&
         u_getIntPropertyValue(UChar32(cp), UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

// A sure sign that text is NFC, far cheaper than asking ICU: every code point NfcSafe.
// ASCII is skipped eight bytes at a time. False means "ask ICU".
bool SurelyNfc(std::string_view text) {
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    if (i + 8 <= n && !(Load8(text.data() + i) & kHighBits)) {
      i += 8;
      continue;
    }
    utf8::CodePoint c = utf8::DecodeAt(text, i);
    if (c.cp >= 0x80 && !NfcSafe(c.cp)) return false;
    i += c.len;
  }
  return true;
}

// Appends the NFC of text[chunk, end), a run of characters between normalisation boundaries,
// to out, mapped in map: copied when it is NFC already, replaced as a whole when not.
void AppendNfcChunk(const icu::Normalizer2& nfc, std::string_view text, size_t chunk, size_t end,
                    std::string& out, OffsetMap& map) {
  if (end <= chunk) return;
  const std::string_view piece = text.substr(chunk, end - chunk);
  UErrorCode st = U_ZERO_ERROR;
  const icu::StringPiece sp(piece.data(), int32_t(piece.size()));
  if (nfc.isNormalizedUTF8(sp, st) && U_SUCCESS(st)) {
    map.Copy(uint32_t(out.size()), uint32_t(chunk), uint32_t(piece.size()));
    out.append(piece);
  } else {
    std::string norm;
    nfc.normalize(icu::UnicodeString::fromUTF8(sp), st).toUTF8String(norm);
    map.Replace(uint32_t(out.size()), uint32_t(norm.size()), uint32_t(chunk), uint32_t(piece.size()));
    out += norm;
  }
}

// NFC of text, chunk by chunk so that each changed chunk maps to its source range.
// Returns false (and leaves out untouched) when text is already NFC, the usual case.
// quick: SurelyNfc() may say so first (the fast path), else ICU is asked.
bool ToNfc(const std::string& text, std::string& out, OffsetMap& map, bool quick) {
  if (quick && SurelyNfc(text)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  icu::StringPiece whole(text.data(), int32_t(text.size()));
  if (nfc->isNormalizedUTF8(whole, status) || U_FAILURE(status)) return false;
  // Chunks start at characters with a normalisation boundary before them.
  size_t chunk = 0;
  for (size_t i = 0; i < text.size();) {
    utf8::CodePoint c = utf8::DecodeAt(text, i);
    if (i > chunk && nfc->hasBoundaryBefore(UChar32(c.cp))) {
      AppendNfcChunk(*nfc, text, chunk, i, out, map);
      chunk = i;
    }
    i += c.len;
  }
  AppendNfcChunk(*nfc, text, chunk, text.size(), out, map);
  map.Finish(uint32_t(out.size()), uint32_t(text.size()));
  return true;
}

// Appends src[run, run + piece.size()) (= piece, bytes no rule touched) to out and maps it in
// map: as one copy when src is the text (nfc_map null), else piecewise, a copy where the NFC
// pass kept the character as it was and a replacement where it did not.
void CopyRun(std::string_view piece, size_t run, const OffsetMap* nfc_map, std::string& out, OffsetMap& map) {
  if (piece.empty()) return;
  if (!nfc_map) {
    map.Copy(uint32_t(out.size()), uint32_t(run), uint32_t(piece.size()));
  } else {
    for (size_t k = 0; k < piece.size();) {
      const uint32_t len = utf8::DecodeAt(piece, k).len;
      const uint32_t os = nfc_map->OrigStart(uint32_t(run + k)),
                     oe = nfc_map->OrigEnd(uint32_t(run + k + len));
      if (oe - os == len)
        map.Copy(uint32_t(out.size() + k), os, len);
      else
        map.Replace(uint32_t(out.size() + k), len, os, oe - os);
      k += len;
    }
  }
  out.append(piece);
}

}  // namespace

Normalizer::Normalizer(const Lexicon& lexicon, StageSettings settings) : fast_paths_(settings.fast_paths) {
  const std::string file = "normalize.tsv";
  for (const LexiconRow& row : lexicon.Rows(file, 1)) {
    std::string where = lexicon.Where(file, row.line);
    Rule rule{ParseCodePoints(row.fields[0], where),
              row.fields.size() > 1 ? ParseCodePoints(row.fields[1], where) : ""};
    if (rule.from.empty()) throw Error(where + ": empty 'from'");
    auto b = static_cast<unsigned char>(rule.from[0]);
    if (b < 0x80 && std::find(ascii_first_bytes_.begin(), ascii_first_bytes_.end(), b) == ascii_first_bytes_.end())
      ascii_first_bytes_.push_back(b);
    first_byte_[b] = true;
    for (size_t i = 0; i < rule.from.size();) {
      utf8::CodePoint c = utf8::DecodeAt(rule.from, i);
      rules_nfc_ &= c.cp < 0x80 || NfcSafe(c.cp);
      i += c.len;
    }
    rules_by_byte_[b].push_back(std::move(rule));
  }
  for (auto& rules : rules_by_byte_)
    std::stable_sort(rules.begin(), rules.end(),
                     [](const Rule& a, const Rule& b) { return a.from.size() > b.from.size(); });
  for (char32_t cp = 0; cp < 0x300; ++cp)
    if (cp < 0x80 || NfcSafe(cp)) nfc_latin_[cp / 64] |= uint64_t(1) << (cp % 64);
  for (char32_t cp = 0x2000; cp < 0x2100; ++cp)
    if (NfcSafe(cp)) nfc_punct_[(cp - 0x2000) / 64] |= uint64_t(1) << (cp % 64);
}

bool Normalizer::SurelyNfcChar(char32_t cp) const {
  if (cp < 0x300) return nfc_latin_[cp / 64] >> (cp % 64) & 1;
  if (cp - 0x2000 < 0x100) return nfc_punct_[(cp - 0x2000) / 64] >> (cp % 64) & 1;
  return NfcSafe(cp);
}

void Normalizer::Run(Document& doc) const {
  // Bounded work: only the first kMaxBytes are analysed (cut at a line break or space if
  // one is near, else at a code point boundary); every later stage reads the norm, so the
  // whole pipeline is bounded by it. Offsets still refer to the full text.
  std::string head;
  const bool limited = doc.text.size() > kMaxBytes;
  if (limited) {
    size_t cut = kMaxBytes;
    while (cut > 0 && utf8::IsContinuation(doc.text[cut])) --cut;
    size_t space = doc.text.find_last_of(" \n", cut);
    if (space != std::string::npos && space + 4096 > cut) cut = space;
    head = doc.text.substr(0, cut);
    doc.Warn("limit-bytes", "the text has " + std::to_string(doc.text.size()) + " bytes; only the first " +
                                std::to_string(cut) + " were analysed");
  }
  const std::string& input = limited ? head : doc.text;
  // The usual text is NFC already: it is rewritten directly, each non-ASCII character checked
  // on the way (one pass, not two: the fast path). A character that may not be NFC sends the
  // text through ICU's NFC first (rare), and the rewrites then read the NFC copy.
  if (fast_paths_ && rules_nfc_ && Rewrite(input, nullptr, true, doc)) return;
  std::string nfc;
  OffsetMap nfc_map;
  const bool had_nfc = ToNfc(input, nfc, nfc_map, fast_paths_);
  Rewrite(had_nfc ? nfc : input, had_nfc ? &nfc_map : nullptr, false, doc);
}

bool Normalizer::Rewrite(const std::string& src, const OffsetMap* nfc_map, bool check_nfc, Document& doc) const {
  auto orig_start = [&](uint32_t p) { return nfc_map ? nfc_map->OrigStart(p) : p; };
  auto orig_end = [&](uint32_t p) { return nfc_map ? nfc_map->OrigEnd(p) : p; };

  // Runs of untouched bytes are copied in one piece.
  std::string& out = doc.norm;
  out.clear();
  out.reserve(src.size());
  OffsetMap map;
  size_t run = 0;  // start of the current untouched run in src
  auto copy_run = [&](size_t end) {
    CopyRun(std::string_view(src).substr(run, end - run), run, nfc_map, out, map);
  };
  const char* const data = src.data();
  const size_t size = src.size();
  // The next ASCII byte at or after `from` that may start a rule ('`'), or size: memchr finds
  // these rare bytes many at a time, so that the loop below tests one bit per byte.
  auto next_ascii_first = [&](size_t from) {
    size_t next = size;
    for (unsigned char c : ascii_first_bytes_) {
      const void* p = from < size ? std::memchr(data + from, c, std::min(next, size) - from) : nullptr;
      if (p) next = size_t(static_cast<const char*>(p) - data);
    }
    return next;
  };
  // The fast path skips the bytes before `special` that start no rule; the plain path reads
  // every character.
  size_t special = fast_paths_ ? next_ascii_first(0) : 0;
  for (size_t i = 0; i < size;) {
    if (fast_paths_ && i > special) special = next_ascii_first(i);
    // Skip to the next byte that may start a rule or needs the NFC check: sixteen, then eight
    // bytes at a time while none is >= 0x80 (a non-ASCII character) and `special` lies ahead.
    // A rule starts with a lead or ASCII byte, never a continuation byte.
    while (i + 16 <= special && !((Load8(data + i) | Load8(data + i + 8)) & kHighBits)) i += 16;
    while (i + 8 <= special && !(Load8(data + i) & kHighBits)) i += 8;
    if (i >= size) break;
    const auto b = static_cast<unsigned char>(data[i]);
    size_t len = 1;
    if (b >= 0x80) {
      const utf8::CodePoint c = utf8::DecodeAt(src, i);
      if (check_nfc && !SurelyNfcChar(c.cp)) return false;
      len = c.len;
    }
    const Rule* hit = nullptr;
    if (first_byte_[b] || !fast_paths_) {  // (first_byte_: the fast path's filter)
      for (const Rule& r : rules_by_byte_[b]) {
        if (src.compare(i, r.from.size(), r.from) == 0) {
          hit = &r;
          break;
        }
      }
    }
    if (!hit) {
      i += len;
      continue;
    }
    // (The characters a rule replaces need no NFC check: rules_nfc_.)
    copy_run(i);
    uint32_t os = orig_start(uint32_t(i)), oe = orig_end(uint32_t(i + hit->from.size()));
    map.Replace(uint32_t(out.size()), uint32_t(hit->to.size()), os, oe - os);
    out += hit->to;
    i += hit->from.size();
    run = i;
  }
  copy_run(src.size());
  map.Finish(uint32_t(out.size()), uint32_t(doc.text.size()));
  doc.norm_map = std::move(map);
  return true;
}

}  // namespace warta
