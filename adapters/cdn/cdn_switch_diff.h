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
// context ("---" and "+++" headers before the first hunk are skipped). It
// answers yes only when
//   - after each version's comment line is set aside (exactly
//     `comment: <text>`, the text as is or JSON-quoted, as the simulator
//     shows it: a version's comment is not configuration; a line that
//     merely contains the text is compared like any other),
//   - in each run of changed lines between two context lines, the added
//     lines, with the new IP read as the old one (whole addresses only:
//     198.19.0.1 is not part of 198.19.0.10), are the removed lines, in
//     order,
//   - and the old IP leaves at least one line and the new IP enters one (a
//     diff in which no address moved is not one this reading understands).
// Any other answer (a changed snippet, port, director, two lines swapped, a
// format with no markers) is "no", and the caller reads the lists. A
// customer's edit that only swaps the old IP for the new one in a hidden
// place reads as a moved address; the base's list then still holds the old
// IP, so the read back reports manual work that a fresh read (verify) no
// longer finds: an edit that adds or removes anything else is a "no", so
// the error, if any, is on the side of reporting more work, never less.
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
