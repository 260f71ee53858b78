#include "src/log/scrubber.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "src/core/secret.h"
#include "src/log/log.h"

namespace renumber {
namespace {

constexpr size_t kMinSecret = 4;
constexpr size_t kMinTailAtCut = 3;

// Registered secrets, lower-cased, each also as escaped inside a JSON
// string when that differs; sorted, without duplicates.
struct Registry {
  std::mutex mu;
  std::vector<Secret> patterns;
};

Registry& TheRegistry() {
  static auto* r = new Registry;  // never destroyed: logging may outlive it
  return *r;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

void LowerInPlace(std::string* s) {
  for (char& c : *s) c = Lower(c);
}

void WipeString(std::string* s) {
  if (s->capacity() > 0) OPENSSL_cleanse(s->data(), s->capacity());
  s->clear();
}

// Inserts `value` (consumed and wiped) unless it is there already.
void Insert(Registry& r, std::string value) {
  auto it = std::lower_bound(
      r.patterns.begin(), r.patterns.end(), value,
      [](const Secret& a, const std::string& b) { return a.reveal() < b; });
  if (it == r.patterns.end() || it->reveal() != value)
    r.patterns.insert(it, Secret(std::move(value)));
  WipeString(&value);  // a moved-from short string keeps its bytes
}

// How many bytes of a pattern must appear to count as an echo of it.
size_t Anchor(size_t length) {
  return std::min(length, std::max<size_t>(8, (length + 1) / 2));
}

// The longest t in [kMinTailAtCut, limit) such that the `t` bytes before
// `end` in `text` begin `pattern`; 0 when there is none.
size_t TailBeginning(std::string_view text, size_t end,
                     std::string_view pattern, size_t limit) {
  for (size_t t = std::min(limit, end + 1); t-- > kMinTailAtCut;)
    if (t <= end && text.compare(end - t, t, pattern.substr(0, t)) == 0)
      return t;
  return 0;
}

bool IsCutMark(std::string_view text, size_t i) {
  return text.compare(i, 3, "...") == 0 ||
         text.compare(i, 3, "\xe2\x80\xa6") == 0;  // …
}

// Marks in `redact` every byte of `lowered` that belongs to an echo of a
// registered secret; with `cut_at_end`, the end counts as a cut mark.
void Mark(const std::vector<Secret>& patterns, std::string_view lowered,
          bool cut_at_end, std::vector<bool>* redact) {
  const size_t n = lowered.size();
  std::vector<size_t> cuts;
  for (size_t i = 0; i + 3 <= n; ++i)
    if (IsCutMark(lowered, i)) cuts.push_back(i);
  if (cut_at_end) cuts.push_back(n);
  for (const Secret& secret : patterns) {
    std::string_view p = secret.reveal();
    const size_t anchor = Anchor(p.size());
    for (size_t pos = lowered.find(p.substr(0, anchor)); pos != lowered.npos;
         pos = lowered.find(p.substr(0, anchor), pos + 1)) {
      size_t k = anchor;
      while (pos + k < n && k < p.size() && lowered[pos + k] == p[k]) ++k;
      std::fill(redact->begin() + pos, redact->begin() + pos + k, true);
    }
    for (size_t cut : cuts)
      if (size_t t = TailBeginning(lowered, cut, p, anchor))
        std::fill(redact->begin() + (cut - t), redact->begin() + cut, true);
  }
}

std::string Scrub(std::string_view text, bool cut_at_end) {
  Registry& r = TheRegistry();
  std::string lowered(text);
  LowerInPlace(&lowered);
  std::vector<bool> redact(text.size(), false);
  {
    std::lock_guard<std::mutex> l(r.mu);
    Mark(r.patterns, lowered, cut_at_end, &redact);
  }
  WipeString(&lowered);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (!redact[i]) {
      out += text[i++];
      continue;
    }
    out += kRedacted;
    while (i < text.size() && redact[i]) ++i;
  }
  return out;
}

}  // namespace

void AddScrubbedSecret(const std::string& value) {
  if (value.size() < kMinSecret) return;
  std::string lowered = value;
  LowerInPlace(&lowered);
  std::string escaped = JsonEscape(value);
  LowerInPlace(&escaped);
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> l(r.mu);
  if (escaped != lowered) {
    Insert(r, std::move(escaped));
  } else {
    WipeString(&escaped);
  }
  Insert(r, std::move(lowered));
}

std::string ScrubSecrets(std::string_view text) { return Scrub(text, false); }

std::string ScrubAndCut(std::string_view text, size_t max_bytes) {
  std::string scrubbed = Scrub(text, false);
  if (scrubbed.size() <= max_bytes) return scrubbed;
  size_t cut = max_bytes;
  // Not inside a UTF-8 sequence (which also keeps a ‹redacted› whole or
  // drops its broken start below).
  while (cut > 0 && (static_cast<unsigned char>(scrubbed[cut]) & 0xC0) == 0x80)
    --cut;
  std::string head = scrubbed.substr(0, cut);
  size_t open = head.rfind("\xe2\x80\xb9");  // ‹ of a cut ‹redacted›
  if (open != std::string::npos &&
      head.find("\xe2\x80\xba", open) == std::string::npos)
    head.resize(open);
  // A tail at the cut that begins a secret (the vendor's own truncation
  // of it, or ours).
  std::string out = Scrub(head, /*cut_at_end=*/true);
  return out + "...";
}

}  // namespace renumber
