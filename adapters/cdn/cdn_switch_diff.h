// Reading the vendor's diff between a staged switch's base and the switch
// (GET /service/{sid}/diff/from/{base}/to/{switch}?format=text), to know
// that the switch holds nothing but the base with moved addresses.
//
// Why: after the switch is activated, the read back must know the new
// active version's lists. Its backends are read; every other list (domains,
// directors, custom VCL, snippets, pools) is the base's — a locked version
// this run has read — exactly when the diff shows no other change. One GET
// of the diff then stands for five list GETs (issue 15).
//
// The contract does not fix the diff's text ("the generated
// configuration's difference"), so the reading assumes only what any line
// diff has: removed lines start with '-', added ones with '+', others are
// context ("---" and "+++" headers before the first hunk, and "@@" hunk
// headers, are skipped). It answers yes
// only when
//   - after the lines that carry either version's comment are set aside (a
//     version's comment is not configuration; the simulator's text shows
//     it, Fastly's generated VCL does not),
//   - every added line, with the new IP read as the old one (whole
//     addresses only: 198.19.0.1 is not part of 198.19.0.10), is a removed
//     line, one for one,
//   - and the old IP leaves at least one line and the new IP enters one (a
//     diff in which no address moved is not one this reading understands).
// Any other answer (a changed snippet, port, director, a format with no
// markers) is "no", and the caller reads the lists. A customer's edit that
// only swaps the old IP for the new one in a hidden place is taken for a
// moved address; the base's list then still holds the old IP, so the read
// back reports manual work that a fresh read (verify) no longer finds: the
// error, if any, is on the side of reporting more work, never less.
//
// Pure function; thread-safe.
#ifndef RENUMBER_ADAPTERS_CDN_CDN_SWITCH_DIFF_H_
#define RENUMBER_ADAPTERS_CDN_CDN_SWITCH_DIFF_H_

#include <string>
#include <vector>

namespace renumber::cdn {

// `old_ip`/`new_ip` as canonical text; `comments`: the two versions'
// comments (empty ones are ignored).
bool DiffMovesOnlyAddresses(const std::string& diff, const std::string& old_ip,
                            const std::string& new_ip,
                            const std::vector<std::string>& comments);

}  // namespace renumber::cdn

#endif  // RENUMBER_ADAPTERS_CDN_CDN_SWITCH_DIFF_H_
