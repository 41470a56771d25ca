// The one data model: a Document flows reader → stages → writer.
//
//   "Kupang, ntt.kpu.go.id — … pada Senin (27/10) …"
//     text        the decoded input, never altered (UTF-8, invalid bytes already U+FFFD)
//     norm        a normalised copy for matching (NFC, “” → ", — → -, NBSP → space …)
//     tokens      "Senin" "(" "27/10" ")" with byte spans into `text`
//     dates       {"Senin (27/10)", value "2025-10-27", inferred ["year"]}
//
// Units: every Span in this file is a pair of BYTE offsets into Document::text (UTF-8).
// Code points appear only at the output boundary (output/record.cc converts), so the
// stages never count characters. A Span is half-open: [start, end).
#ifndef WARTA_DOCUMENT_H_
#define WARTA_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/civil_date.h"
#include "text/hash.h"
#include "text/date_time.h"
#include "text/offset_map.h"

namespace warta {

// Half-open byte range [start, end) into Document::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  bool empty() const { return end <= start; }
  uint32_t size() const { return end - start; }
  friend bool operator==(const Span&, const Span&) = default;
};

enum class TokenKind : uint8_t {
  kWord,     // letters, possibly with inner hyphens/apostrophes/digits: "kata-kata", "Jum'at"
  kNumber,   // 1.250.000, 3,5, 10.00, 27/10, 27/10/2025, ke-3 (ordinals are words: kind kWord)
  kPunct,    // . , ; : ! ? ( ) " ' - … and the like
  kSymbol,   // % Rp-less currency signs, @ alone, + = …
  kUrl,      // https://…, www.…, ntt.kpu.go.id
  kEmail,
  kHashtag,  // #Pemilu2024
  kMention,  // @kpu_ri
  kAbbrev,   // a known abbreviation or title with its periods: "Kab.", "S.H.", "dr."
  kInitial,  // a single capital with a period: "M." in "M.Samsul"
};

// One token of the text. Forms are read from `text` (original) or `norm` (normalised):
//   doc.Original(tok.span) — the form as written (CoNLL-U FORM)
//   doc.Norm(tok)          — the form for matching (curly quotes straight, NFC, …)
// A token may hold two syntactic words when a clitic is split off ("rumahnya" →
// "rumah" + "nya"): `clitic` is then the byte offset in `text` where the clitic starts,
// else 0. This follows the UD Indonesian treatment of -nya, -ku, -mu, -lah, -kah, -pun.
struct Token {
  Span span;                 // into text
  uint32_t norm_start = 0;   // into norm
  uint32_t norm_end = 0;     // into norm
  uint32_t clitic = 0;       // 0, or start of the clitic word in text (span.start < clitic < span.end)
  TokenKind kind = TokenKind::kWord;
  bool space_after = true;   // false when the next token follows with no whitespace between
  bool line_break_after = false;  // whitespace after this token holds a line break
};

// A sentence: tokens [first_token, end_token) and its span in text.
struct Sentence {
  Span span;
  uint32_t first_token = 0;
  uint32_t end_token = 0;
};

// "Kupang, ntt.kpu.go.id —": the opening of a news release.
struct Dateline {
  std::string place;                 // "Kupang"
  std::optional<std::string> outlet; // "ntt.kpu.go.id", "ANTARA", "KOMPAS.com"
  Span span;                         // the whole dateline, including the final dash
  Span place_span;                   // where `place` is written
  std::optional<CivilDate> date;     // a date written in the dateline, if any
};

// A jabatan held by a person: "Plt. Sekretaris KPU Provinsi Kalimantan Timur".
struct Role {
  std::string title;                        // "Sekretaris"
  std::optional<std::string> organization;  // "KPU Provinsi Kalimantan Timur"
  bool acting = false;                      // Plt., Plh., Pj.
  bool former = false;                      // mantan
  Span span;                                // the role phrase as written
};

struct Person {
  std::string name;                      // full name, no honorifics or degrees
  std::vector<std::string> honorifics;   // "Bapak", "H.", "Dr.", "Irjen Pol."
  std::vector<std::string> degrees;      // "S.H.", "M.Si."
  std::vector<Span> mentions;            // every mention, in text order
  std::vector<Role> roles;
  // The contract's optional confidence in [0, 1] that this is a person named so; written to
  // the record only when set (see output/record.cc: three decimals).
  std::optional<float> score;
};

struct Organization {
  std::optional<std::string> name;     // full name where known: "Komisi Pemilihan Umum"
  std::optional<std::string> acronym;  // "KPU"
  std::vector<Span> mentions;
  std::optional<std::string> region;   // "Provinsi Nusa Tenggara Timur" for KPU Provinsi NTT
  std::optional<std::string> place_code;  // the region's Kemendagri code, when linked
  std::optional<float> score;             // confidence in [0, 1], as Person::score
};

// The kind of a place: the contract's `type` of places[] (CONTRACT.md). Its name is written
// only at the output boundary (output/, index/), through PlaceKindName().
enum class PlaceKind : uint8_t {
  kNegara,     // a country
  kProvinsi,   // the Kemendagri levels …
  kKabupaten,
  kKota,
  kKecamatan,
  kDesa,
  kKelurahan,  // … down to the village
  kWilayah,    // an area outside the official list: a neighbourhood, a region (not produced yet)
  kTempat,     // a venue, building or landmark: a stadium, an airport (not produced yet)
  kLain,       // anything else: a street, a facility, a foreign place not on the lists above
};
// "negara", "provinsi" … "lain": the contract's word for the kind.
std::string_view PlaceKindName(PlaceKind k);

struct Place {
  // The name the place is filed under (one Place per area). For an area of the gazetteer its
  // official name as lexicons/places/ writes it: "Kota Kupang" and "Kabupaten Kupang" with their
  // level (a bare "Kupang" in the text is one of them), "Nusa Tenggara Timur", "Kelapa Lima";
  // for a country the shortest CLDR name in mixed case ("Amerika Serikat" for "AS"). For a
  // place without an area, its words as written (norm form): those after the cue of a desa or
  // kecamatan not in the gazetteer ("Oelnasi" of "Desa Oelnasi"), a street or facility with
  // its cue ("Jl. Polisi Militer"), the dateline's place ("Kupang").
  std::string name;
  PlaceKind type = PlaceKind::kLain;
  std::optional<std::string> code;       // Kemendagri code "53.71"
  std::optional<std::string> province;   // "Nusa Tenggara Timur"
  std::vector<Span> mentions;
  std::optional<float> score;            // confidence in [0, 1], as Person::score
};

struct DateExpr {
  Span span;
  std::string type;                       // date time datetime range duration set
  std::optional<std::string> value;       // ISO 8601 / TIMEX3: "2025-10-27", "P3D"
  std::optional<std::string> end_value;   // end of a range
  std::vector<std::string> inferred;      // parts not written: "year", "month", "day" …
};

// The kinds of names the entity model proposes (stage "entities").
enum class EntityType : uint8_t { kPerson = 0, kPlace = 1, kOrganization = 2 };

// A name proposed by the trained sequence tagger: "Bupati Kupang Korinus Masneno" gives
// {kPlace, "Kupang"} and {kPerson, "Korinus Masneno"}. The people, places and organizations
// stages decide what becomes of it; nothing is written to the record from here.
struct EntitySpan {
  EntityType type = EntityType::kPerson;
  uint32_t first_token = 0;  // tokens [first_token, end_token) of Document::tokens, in one sentence
  uint32_t end_token = 0;
  Span span;                 // tokens[first_token].span.start … tokens[end_token - 1].span.end
  // Confidence in [0, 1]: the model's margin for this span (how much the best labelling of
  // the sentence loses when any of its tokens is labelled otherwise) through a logistic fitted
  // on held-out folds of the training data, so that it reads as the chance that the span is
  // exactly right.
  float score = 0;
};

struct Quote {
  Span span;                               // the quoted text, quote marks included where written
  std::optional<std::string> speaker;      // a Person::name, or null
};

struct Warning {
  std::string code;     // machine-readable: "invalid-utf8", "weekday-mismatch", "limit-tokens" …
  std::string message;  // for people
};

struct SourceInfo {
  std::string path;     // as given on the command line ("-" for stdin)
  std::string sha256;   // of the raw bytes this document came from
  uint64_t bytes = 0;   // raw byte count
  std::optional<uint64_t> line;  // jsonl: the 1-based line the document came from
};

// kText: the first full date near the top of the text (Pipeline, DateFinder::FindTopDate).
enum class ReferenceSource { kOption, kPublished, kDateline, kText, kToday };
std::string_view ReferenceSourceName(ReferenceSource s);

struct DocumentError {
  std::string code;     // "unreadable", "invalid-json", "missing-text" …
  std::string message;  // names the file (and line)
};

struct Document {
  // ---- identity and input (filled by the reader)
  std::string id;
  std::optional<SourceInfo> source;
  std::string text;                        // decoded original: the offsets' reference
  std::optional<std::string> given_title;  // jsonl "title", HTML og:title …
  std::optional<std::string> url;
  std::string given_published;             // the publication date as the input wrote it, or "";
                                           // the pipeline reads it into `published` (or warns)
  std::optional<DateTime> published;       // with its time and zone where given
  std::string meta_json;                   // jsonl fields outside the contract, as a JSON object text, or ""
  std::optional<DocumentError> error;      // set: the document failed; stages are skipped

  // ---- normalisation (stage "normalize")
  std::string norm;                        // normalised copy of text
  OffsetMap norm_map;                      // norm byte offsets → text byte offsets

  // ---- structure (stage "structure")
  std::optional<std::string> title;
  std::optional<Span> title_span;
  std::optional<Dateline> dateline;
  std::vector<Span> paragraphs;

  // ---- reference date (resolved in the pipeline before the dates stage)
  std::optional<CivilDate> reference_date;
  ReferenceSource reference_source = ReferenceSource::kToday;
  // The date the document gives itself, whatever --reference-date says (with it, for `warta
  // index` only): `published`, else a dated dateline, else the first full date near the top.
  // The archive files the document under it.
  std::optional<CivilDate> own_date;

  // ---- tokens and sentences (stages "tokenize", "segment")
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  // ---- token keys (sized by stage "tokenize", filled on demand by any stage: see TokenKey)
  // token_keys[i] is TokenKey(i) once some stage has asked for it, else 0. The tokenizer makes
  // one 0 per token whenever it writes the tokens; TokenKey fills an entry when first asked,
  // so that a word is hashed once per document whichever stage asks first (places and
  // organizations ask for every capitalised word). Not part of the output.
  std::vector<uint64_t> token_keys;

  // ---- entities
  std::vector<Person> people;
  std::vector<Organization> organizations;
  std::vector<Place> places;
  std::vector<DateExpr> dates;
  std::vector<Quote> quotes;
  // Names proposed by the entity model (stage "entities"), in text order; read by no stage
  // yet and not part of the output.
  std::vector<EntitySpan> entity_spans;

  std::vector<Warning> warnings;

  // The original text of a span.
  std::string_view Original(Span s) const {
    return std::string_view(text).substr(s.start, s.end - s.start);
  }
  // The normalised form of a token.
  std::string_view Norm(const Token& t) const {
    return std::string_view(norm).substr(t.norm_start, t.norm_end - t.norm_start);
  }
  // The key of token i's word for the lexicon tables (WordIndex, the gazetteer's HashTables):
  // hash::WordKey(Norm(tokens[i])), the hash of its lower-case norm form. Computed the first
  // time it is asked for and kept in token_keys (a key that happens to be 0 is computed each
  // time). Requires token_keys.size() == tokens.size(), as the tokenizer leaves it.
  uint64_t TokenKey(size_t i) {
    uint64_t& k = token_keys[i];
    if (!k) k = ComputeTokenKey(i);
    return k;
  }
  // TokenKey(i) without the memo (out of line: the stages' token loops stay small).
  uint64_t ComputeTokenKey(size_t i) const;

  // Maps a half-open range of norm bytes to the original text span it came from.
  Span NormToOrig(uint32_t norm_start, uint32_t norm_end) const {
    uint32_t s = norm_map.OrigStart(norm_start);
    uint32_t e = norm_end > norm_start ? norm_map.OrigEnd(norm_end) : s;
    return {s, e < s ? s : e};
  }

  // Makes this document as fresh as Document() but keeps the memory of its large buffers —
  // text, norm, tokens, sentences, paragraphs — so that a document reused for one input after
  // another is filled again by the reader and the stages without allocating. A buffer that one
  // huge input grew past kKeepBytes is released.
  void Reset();
  static constexpr size_t kKeepBytes = size_t(4) << 20;

  void Warn(std::string code, std::string message) {
    warnings.push_back({std::move(code), std::move(message)});
  }
};

}  // namespace warta

#endif  // WARTA_DOCUMENT_H_
