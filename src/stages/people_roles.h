// Phase 2 of the people stage: role phrases (jabatan), before any name is read.
//   "Plt. Kepala Bagian Humas dan Informasi Publik KPU Provinsi NTT Reni Rinjani"
//     → title "Kepala Bagian Humas dan Informasi Publik", organization "KPU Provinsi NTT", acting
//   "Bupati Kupang Ayub Titu Eki" → title "Bupati", organization "Kupang" (a region head's region)
// A phrase is read left to right from a word with flags: its modifiers (role_modifiers.tsv:
// "Plt.", "mantan"), the longest head (roles.tsv), and then, by the head's kind: the region of a
// regional head; or the units ("Humas dan Informasi Publik"), the organisation (from an acronym,
// an organisation word or an organisation the other stage found, through its region: "KPU
// Provinsi NTT") and a division named after it ("Divisi Teknis"); a person's role ("kuasa
// hukum") takes nothing. Where the title ends and the organisation begins, and where the
// organisation ends and a name begins, are decided here (UnitsEnd, OrgEnd, RegionEnd).
// Reads: doc.tokens (spans), doc.text (the title and organisation as written), doc.sentences,
// and the Toks and marks of phase 1. Writes: the RolePhrases, and Tok::role inside each.
#ifndef WARTA_STAGES_PEOPLE_ROLES_H_
#define WARTA_STAGES_PEOPLE_ROLES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "document.h"
#include "stages/people_lexicon.h"
#include "stages/people_words.h"

namespace warta::people {

struct RolePhrase {
  size_t first = 0, end = 0;  // tokens of the whole phrase, modifiers included
  std::string title;          // the head and its units, whitespace squeezed
  std::optional<std::string> organization;  // as written, or the region of a regional head
  // The title of a second head joined to the first, sharing its organisation: "Anggota" of
  // "Ketua dan Anggota KPU Bolsel" (BindHolders gives it to the second holder on); else empty.
  std::string also;
  bool acting = false, former = false;
  RoleKind kind = RoleKind::kOffice;
};

// Input: toks and marks (phase 1), doc.sentences. Output: roles (emptied first), in text order,
// none overlapping; toks[k].role for every token of each.
void ParseRoles(const PeopleLexicon& lex, const Document& doc, std::vector<Tok>& toks,
                const std::vector<uint32_t>& marks, std::vector<RolePhrase>& roles);

struct Candidate;  // people_names.h

// Phase 5, after BindRoles (people_names.h): the holders it leaves out.
//   "Kapolda Papua, Irjen Pol. Drs. Boy Rafli Amar": a holder after a longer run of ranks and
//     honorifics;
//   "Ketua dan Anggota KPU Bolsel, A, B dan C": a list of holders after the phrase (closed by
//     "dan" or "serta"); with two heads, the first holder takes the first, the others the second
//     (a twin of the phrase with the title `also`, appended to roles);
//   "A dan B resmi dilantik sebagai Bupati dan Wakil Bupati Aceh Barat Daya": holders before
//     "sebagai"/"selaku", across a few lower-case words, respectively.
// Input: toks, roles (ParseRoles), cands and cand_at (FindCandidates), with BindRoles done.
// Output: more role indexes on the candidates (which become strong), twins appended to roles.
void BindHolders(const PeopleLexicon& lex, const std::vector<Tok>& toks, std::vector<RolePhrase>& roles,
                 std::vector<Candidate>& cands, const std::vector<int32_t>& cand_at);

}  // namespace warta::people

#endif  // WARTA_STAGES_PEOPLE_ROLES_H_
