// The last line of defence behind "never pass a secret to the logger or a
// message": every password, token, passphrase and Authorization value is
// registered here as it is loaded, and every log line, printed message and
// journaled error passes through ScrubSecrets on its way out.
//
// A vendor may echo a credential back in an error message, changed:
// upper-cased, truncated, cut in two by our own excerpting. So a secret is
// found ASCII-case-insensitively, as itself or as it appears inside a JSON
// string, and also when only a prefix of it appears (at least
// max(8, half its length) bytes, or all of a shorter secret). Right before a
// cut mark ("..." or "…"), a tail of 3 bytes or more that begins a secret
// is redacted too. Each match becomes "‹redacted›" (kRedacted).
//
// The registered secrets are kept as Secret values (wiped when freed), and
// no copy of a secret or of the text being scrubbed is freed unwiped.
//
// Thread-safe. Registered secrets stay for the life of the process.
#ifndef RENUMBER_LOG_SCRUBBER_H_
#define RENUMBER_LOG_SCRUBBER_H_

#include <string>
#include <string_view>

namespace renumber {

// Secrets shorter than 4 bytes are ignored (scrubbing them would mangle
// ordinary text).
void AddScrubbedSecret(const std::string& value);

std::string ScrubSecrets(std::string_view text);

// For a vendor's message or a body excerpt: scrubs the whole text first,
// then cuts it to at most `max_bytes` (on a UTF-8 character boundary) and
// marks the cut with "...", redacting a tail at the cut that begins a
// secret. The result is at most max_bytes + 3 bytes.
std::string ScrubAndCut(std::string_view text, size_t max_bytes);

}  // namespace renumber

#endif  // RENUMBER_LOG_SCRUBBER_H_
