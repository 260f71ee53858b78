// Text from outside (vendor answers, the plan, the journal) made safe to
// show, once for every output and then for each format.
//
// SafeText: valid UTF-8 whatever came in (a bad byte becomes U+FFFD), and
// nothing a terminal or a viewer would act on: C0 controls, DEL and C1
// controls become visible escapes (ESC → "\x1B", line feed → "\n"), and so
// do the bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) that could reorder what a reader sees. Printable text,
// Japanese included, is unchanged; SafeText(SafeText(s)) == SafeText(s).
//
// The format escapes apply SafeText first, so they can be given raw text.
// Pure functions; thread-safe.
#ifndef RENUMBER_REPORT_SAFE_TEXT_H_
#define RENUMBER_REPORT_SAFE_TEXT_H_

#include <string>
#include <string_view>

namespace renumber {

std::string SafeText(std::string_view text);

// For HTML text and attribute values: & < > " ' as character references.
std::string HtmlEscape(std::string_view text);

// For Markdown inline text (a table cell, a list item): the characters
// Markdown acts on are backslash-escaped, and & < > become character
// references so that no HTML passes through a Markdown renderer.
std::string MarkdownEscape(std::string_view text);

// A code fence (three or more backticks) longer than any run of backticks
// in `block`, so that the block cannot close it early.
std::string MarkdownFence(std::string_view block);

}  // namespace renumber

#endif  // RENUMBER_REPORT_SAFE_TEXT_H_
