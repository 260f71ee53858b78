#include "src/log/scrubber.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

#include "src/core/secret.h"
#include "src/log/log.h"

namespace renumber {
namespace {

constexpr size_t kMinSecret = 4;
constexpr size_t kMinTailAtCut = 3;

// Registered secrets, lower-cased, each also as escaped inside a JSON
// string when that differs; sorted, without duplicates. A scrub scans its
// text once: `starts` (a hash of every pattern's first kMinSecret bytes)
// says where a pattern may begin, and the sorted patterns are searched
// only there, once per distinct anchor length. (Looking for each pattern
// in turn cost the text's length times the number of secrets: a campaign
// of 10,000 accounts spent minutes scrubbing its --json document.)
struct Registry {
  std::mutex mu;
  std::vector<Secret> patterns;
  std::vector<size_t> anchors;  // the patterns' distinct Anchor(), ascending
  size_t longest_anchor = 0;
  std::bitset<1 << 16> starts;  // no bytes of a secret, only hash bits
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

// How many bytes of a pattern must appear to count as an echo of it.
size_t Anchor(size_t length) {
  return std::min(length, std::max<size_t>(8, (length + 1) / 2));
}

// Where `at` (kMinSecret bytes) falls in Registry::starts.
size_t StartHash(const char* at) {
  uint32_t v;
  std::memcpy(&v, at, sizeof v);
  static_assert(sizeof v == kMinSecret);
  return (v * 2654435761u) >> 16;
}

// Orders patterns by their first `n` bytes against `prefix` (n bytes):
// sorted patterns stay sorted by any prefix, so the ones that begin with
// `prefix` are a contiguous run.
std::vector<Secret>::const_iterator FirstWithPrefix(
    const std::vector<Secret>& patterns, std::string_view prefix) {
  return std::lower_bound(patterns.begin(), patterns.end(), prefix,
                          [](const Secret& a, std::string_view p) {
                            return a.reveal().substr(0, p.size()) < p;
                          });
}

bool BeginsWith(const Secret& a, std::string_view prefix) {
  return a.reveal().substr(0, prefix.size()) == prefix;
}

// Inserts `value` (consumed and wiped) unless it is there already.
void Insert(Registry& r, std::string value) {
  auto it = std::lower_bound(
      r.patterns.begin(), r.patterns.end(), value,
      [](const Secret& a, const std::string& b) { return a.reveal() < b; });
  if (it == r.patterns.end() || it->reveal() != value) {
    const size_t anchor = Anchor(value.size());
    auto a = std::lower_bound(r.anchors.begin(), r.anchors.end(), anchor);
    if (a == r.anchors.end() || *a != anchor) r.anchors.insert(a, anchor);
    r.longest_anchor = std::max(r.longest_anchor, anchor);
    r.starts.set(StartHash(value.data()));
    r.patterns.insert(it, Secret(std::move(value)));
  }
  WipeString(&value);  // a moved-from short string keeps its bytes
}

bool IsCutMark(std::string_view text, size_t i) {
  return text.compare(i, 3, "...") == 0 ||
         text.compare(i, 3, "\xe2\x80\xa6") == 0;  // …
}

// Marks the echoes that begin at `i` of `lowered`: each pattern whose
// anchor stands there, as far as the pattern goes on matching.
void MarkAt(const Registry& r, std::string_view lowered, size_t i,
            std::vector<bool>* redact) {
  const size_t n = lowered.size();
  for (size_t a : r.anchors) {
    if (i + a > n) break;
    const std::string_view window = lowered.substr(i, a);
    for (auto it = FirstWithPrefix(r.patterns, window);
         it != r.patterns.end() && BeginsWith(*it, window); ++it) {
      std::string_view p = it->reveal();
      if (Anchor(p.size()) != a) continue;
      size_t k = a;
      while (i + k < n && k < p.size() && lowered[i + k] == p[k]) ++k;
      std::fill(redact->begin() + i, redact->begin() + i + k, true);
    }
  }
}

// The longest t in [kMinTailAtCut, that pattern's anchor) such that the t
// bytes before `cut` begin a pattern; 0 when there is none.
size_t TailAt(const Registry& r, std::string_view lowered, size_t cut) {
  for (size_t t = std::min(r.longest_anchor, cut + 1); t-- > kMinTailAtCut;) {
    const std::string_view tail = lowered.substr(cut - t, t);
    for (auto it = FirstWithPrefix(r.patterns, tail);
         it != r.patterns.end() && BeginsWith(*it, tail); ++it)
      if (t < Anchor(it->reveal().size())) return t;
  }
  return 0;
}

// Marks in `redact` every byte of `lowered` that belongs to an echo of a
// registered secret; with `cut_at_end`, the end counts as a cut mark.
void Mark(const Registry& r, std::string_view lowered, bool cut_at_end,
          std::vector<bool>* redact) {
  const size_t n = lowered.size();
  if (r.patterns.empty()) return;
  std::vector<size_t> cuts;
  for (size_t i = 0; i + 3 <= n; ++i)
    if (IsCutMark(lowered, i)) cuts.push_back(i);
  if (cut_at_end) cuts.push_back(n);
  for (size_t i = 0; i + kMinSecret <= n; ++i)
    if (r.starts[StartHash(lowered.data() + i)]) MarkAt(r, lowered, i, redact);
  for (size_t cut : cuts)
    if (size_t t = TailAt(r, lowered, cut))
      std::fill(redact->begin() + (cut - t), redact->begin() + cut, true);
}

std::string Scrub(std::string_view text, bool cut_at_end) {
  Registry& r = TheRegistry();
  std::string lowered(text);
  LowerInPlace(&lowered);
  std::vector<bool> redact(text.size(), false);
  {
    std::lock_guard<std::mutex> l(r.mu);
    Mark(r, lowered, cut_at_end, &redact);
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
