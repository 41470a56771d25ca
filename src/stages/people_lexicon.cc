#include "stages/people_lexicon.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "error.h"
#include "text/utf8.h"

namespace warta::people {

namespace {

std::string NoSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

size_t WordsIn(const std::string& s) { return size_t(std::count(s.begin(), s.end(), ' ') + 1); }

}  // namespace

PeopleLexicon::PeopleLexicon(const Lexicon& lexicon, StageSettings settings)
    : fast_paths_(settings.fast_paths),
      probe_(settings.fast_paths ? WordIndex::Probe::kFiltered : WordIndex::Probe::kPlain),
      words_(lexicon.Index()) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id++;
  for (const auto& row : lexicon.Rows("people/name_evidence.tsv", 3)) {
    try {
      evidence_.Insert(hash::Fnv1a(row.fields[0])) = {static_cast<uint32_t>(std::stoul(row.fields[1])),
                                                      static_cast<uint32_t>(std::stoul(row.fields[2]))};
    } catch (const std::exception&) {
      throw Error(lexicon.Where("people/name_evidence.tsv", row.line) + ": counts must be numbers");
    }
  }
  for (const auto& row : lexicon.Rows("people/degrees.tsv")) {
    const std::string form = utf8::Lower(NoSpaces(row.fields[0]));
    degrees_.Insert(hash::Fnv1a(form), 1);
    uint64_t bare = hash::kFnvBasis;
    for (unsigned char ch : form)
      if (ch != '.' && ch != ',') bare = hash::Step(bare, ch);
    bare_degrees_.Insert(bare, 1);
  }
  LoadRoles(lexicon);
  LoadFlags(lexicon);
  LoadCues(lexicon);
  LoadWeights(lexicon);
  LoadAliases(lexicon);
}

uint32_t& PeopleLexicon::Flags(std::string_view lower) {
  flag_shapes_.Add(lower);
  return flags_.Insert(hash::Fnv1a(lower));
}

// roles.tsv and role_modifiers.tsv: the phrases, and the flags of their first words.
void PeopleLexicon::LoadRoles(const Lexicon& lexicon) {
  for (const auto& row : lexicon.Rows("people/roles.tsv", 2)) {
    const std::string& kind = row.fields[1];
    RoleKind k = kind == "office"   ? RoleKind::kOffice
                 : kind == "region" ? RoleKind::kRegion
                 : kind == "person" ? RoleKind::kPerson
                                    : throw Error(lexicon.Where("people/roles.tsv", row.line) +
                                                  ": kind must be office, region or person");
    std::string head = utf8::Lower(row.fields[0]);
    roles_.Insert(hash::Fnv1a(head)) = k;
    Flags(head.substr(0, head.find(' '))) |= head.find(' ') == std::string::npos ? kRole | kRoleFirst : kRoleFirst;
    max_role_words_ = std::max(max_role_words_, WordsIn(row.fields[0]));
  }
  for (const auto& row : lexicon.Rows("people/role_modifiers.tsv", 2)) {
    if (row.fields[1] != "acting" && row.fields[1] != "former")
      throw Error(lexicon.Where("people/role_modifiers.tsv", row.line) + ": kind must be acting or former");
    std::string form = utf8::Lower(row.fields[0]);
    modifiers_.Insert(hash::Fnv1a(form)) = row.fields[1] == "acting";
    Flags(form.substr(0, form.find(' '))) |= kModifierFirst;
    max_modifier_words_ = std::max(max_modifier_words_, WordsIn(row.fields[0]));
  }
}

// The one-word lists: honorifics, organisation words, name parts, words that are no names,
// months, speech verbs.
void PeopleLexicon::LoadFlags(const Lexicon& lexicon) {
  for (const auto& row : lexicon.Rows("people/honorifics.tsv", 2)) {
    std::string form = utf8::Lower(row.fields[0]);
    uint32_t f = row.fields[1] == "rank-suffix" ? kRankSuffix : kHonorific;
    Flags(form) |= f;
    // Written without the period too ("Pol", "Ny"), unless that leaves a letter alone.
    if (form.size() > 2 && form.back() == '.') Flags(form.substr(0, form.size() - 1)) |= f;
  }
  static constexpr std::pair<std::string_view, uint32_t> kOrgWords[] = {
      {"org", kOrg}, {"region", kRegion}, {"unit", kUnit}, {"compass", kCompass}, {"named", kNamedAfter}};
  for (const auto& row : lexicon.Rows("people/org_heads.tsv", 2)) {
    const auto* k = std::find_if(std::begin(kOrgWords), std::end(kOrgWords),
                                 [&](const auto& x) { return x.first == row.fields[1]; });
    if (k == std::end(kOrgWords))
      throw Error(lexicon.Where("people/org_heads.tsv", row.line) +
                  ": kind must be org, region, unit, compass or named");
    Flags(utf8::Lower(row.fields[0])) |= k->second;
  }
  for (const auto& w : lexicon.Words("people/org_parts.tsv")) Flags(w) |= kPart;
  for (const auto& row : lexicon.Rows("people/name_parts.tsv", 2))
    Flags(utf8::Lower(row.fields[0])) |= row.fields[1] == "particle" ? kParticle : kNamePart;
  for (const auto& w : lexicon.Words("people/not_names.tsv")) Flags(w) |= kNotName;
  // A month is no name ("Oktober", "Juli"), except the short forms the press uses far more as
  // given names than as months ("Agus", "Jun"): those the name evidence has seen in names only.
  // A month next to a day or year is the date stage's before this stage runs.
  for (const auto& row : lexicon.Rows("months.tsv")) {
    std::string form = utf8::Lower(row.fields[0]);
    const Evidence* seen = evidence_.Find(hash::Fnv1a(form));
    if (seen && seen->person > 0 && seen->other == 0) continue;
    Flags(form) |= kNotName;
  }
  for (const auto& row : lexicon.Rows("people/speech_verbs.tsv", 2))
    Flags(utf8::Lower(row.fields[0])) |= row.fields[1] == "after" ? kSpeechAfter : kSpeechBefore;
}

// context.tsv: word, kind.
void PeopleLexicon::LoadAliases(const Lexicon& lexicon) {
  for (const auto& row : lexicon.Rows("people/aliases.tsv", 3)) {
    const std::string_view alias = row.fields[1], kind = row.fields[2];
    if (kind == "initials" && alias.find(' ') == std::string_view::npos) continue;
    aliases_.emplace_back(utf8::Lower(alias), std::string(row.fields[0]));
  }
}

void PeopleLexicon::LoadCues(const Lexicon& lexicon) {
  static constexpr std::pair<std::string_view, Cue> kKinds[] = {
      {"joins", Cue::kJoins},           {"holders", Cue::kHolders},       {"role-next", Cue::kRoleNext},
      {"speaker-next", Cue::kSpeakerNext}, {"person-next", Cue::kPersonNext}, {"place-next", Cue::kPlaceNext},
      {"adverb", Cue::kAdverb},         {"name-link", Cue::kNameLink}};
  for (const auto& row : lexicon.Rows("people/context.tsv", 2)) {
    const auto* k = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const auto& x) { return x.first == row.fields[1]; });
    if (k == std::end(kKinds))
      throw Error(lexicon.Where("people/context.tsv", row.line) +
                  ": kind must be joins, holders, role-next, speaker-next, person-next, place-next, adverb or "
                  "name-link");
    cues_[size_t(k->second)].push_back(utf8::Lower(row.fields[0]));
  }
}

// weights.tsv: name, integer weight; every member of Weights exactly once.
void PeopleLexicon::LoadWeights(const Lexicon& lexicon) {
  static constexpr std::pair<std::string_view, int Weights::*> kNames[] = {
      {"initial", &Weights::initial},
      {"name_part", &Weights::name_part},
      {"non_name_word", &Weights::non_name_word},
      {"named_word", &Weights::named_word},
      {"weakly_named_word", &Weights::weakly_named_word},
      {"unnamed_word", &Weights::unnamed_word},
      {"common_word", &Weights::common_word},
      {"unknown_in_company", &Weights::unknown_in_company},
      {"plain_common_pair", &Weights::plain_common_pair},
      {"lone_sentence_start", &Weights::lone_sentence_start},
      {"lone_short_word", &Weights::lone_short_word},
      {"named_after", &Weights::named_after},
      {"headline", &Weights::headline},
      {"person_cue_before", &Weights::person_cue_before},
      {"place_cue_before", &Weights::place_cue_before},
      {"common_word_before", &Weights::common_word_before},
      {"speech_verb_after", &Weights::speech_verb_after},
      {"acronym_after", &Weights::acronym_after},
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) * sizeof(int) == sizeof(Weights), "a weight without a name");
  const std::string file = "people/weights.tsv";
  std::array<bool, std::size(kNames)> seen{};
  for (const auto& row : lexicon.Rows(file, 2)) {
    const auto* k = std::find_if(std::begin(kNames), std::end(kNames),
                                 [&](const auto& x) { return x.first == row.fields[0]; });
    if (k == std::end(kNames)) throw Error(lexicon.Where(file, row.line) + ": no weight is named " + row.fields[0]);
    size_t used = 0;
    int w = 0;
    try {
      w = std::stoi(row.fields[1], &used);
    } catch (const std::exception&) {
    }
    if (used == 0 || used != row.fields[1].size())
      throw Error(lexicon.Where(file, row.line) + ": the weight must be an integer");
    weights_.*(k->second) = w;
    seen[size_t(k - std::begin(kNames))] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) throw Error(lexicon.Where(file, 0) + ": no row for the weight " + std::string(kNames[i].first));
}

}  // namespace warta::people
