#pragma once
// One codec for a page's facts and a link's fields, shared by the two files that hold a crawl
// as JSON lines: the snapshot (src/snapshot/snapshot.cpp, docs/snapshot.md) and the crawl
// journal (src/crawl/journal.cpp). Both write the same keys with the same meaning; each file
// adds its own (the snapshot's graph flags and URL ids, the journal's depth and link list).
//
// The facts, their keys and how they are written (a field at its default is left out):
//   o   outcome (outcome_name)        s   HTTP status        b   body bytes
//   h   1: a 2xx HTML page parsed     ni  1: noindex         t   seconds (a float)
//   nf  1: nofollow                   rv  1: revalidated (--since: a 304, or the same body)
//   rb  1: revalidated by its body    tf  seconds to the first byte (a float; absent in
//       snapshots older than it, and without HTTP)
//   ct  Content-Type                  ti  title              et  ETag     lm  Last-Modified
//   h1  the first heading             bh  the body's hash (16 hex digits)
//
// A link's own fields are four unsigned numbers, "kind,rel,placement,line" (LinkKind, the
// kRel* bits, Placement plus kCodeAnchor when the anchor is code, the source line), written
// between its endpoints and its anchor.

#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "sitegraph/graph.hpp"

namespace sitegraph::record {

/// A page record whose facts cannot be read (an unknown outcome name). The caller adds
/// which file it was.
class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A body hash as 16 lower-case hex digits (a JSON number would lose bits past 2^53).
inline std::string hash_text(std::uint64_t hash) {
  std::array<char, 16> digits{};
  for (int i = 15; i >= 0; --i, hash >>= 4) digits[static_cast<std::size_t>(i)] = "0123456789abcdef"[hash & 15];
  return {digits.data(), digits.size()};
}

/// The hash hash_text wrote; throws RecordError when it is not 1-16 hex digits.
inline std::uint64_t hash_from_text(std::string_view text) {
  std::uint64_t hash = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hash, 16);
  if (error != std::errc() || end != text.data() + text.size() || text.size() > 16) throw RecordError("bad body hash '" + std::string(text) + "'");
  return hash;
}

/// Hands each fact of a page that is not at its default to `out`, in the journal's key order:
/// out.text(key, std::string_view), out.integer(key, std::int64_t) (a flag is the integer 1),
/// out.real(key, float). The writer decides how a value is spelled (the snapshot builds a
/// JSON object, the journal writes the line by hand).
template <class Out>
void encode_page_facts(const Page& p, const PageText& x, Out& out) {
  if (p.outcome != FetchOutcome::kNotFetched) out.text("o", outcome_name(p.outcome));
  if (p.status != 0) out.integer("s", p.status);
  if (p.fetched_html) out.integer("h", 1);
  if (p.noindex) out.integer("ni", 1);
  if (p.nofollow) out.integer("nf", 1);
  if (p.revalidated) out.integer("rv", 1);
  if (p.same_body) out.integer("rb", 1);
  if (p.bytes != 0) out.integer("b", p.bytes);
  if (p.seconds > 0) out.real("t", p.seconds);
  if (p.first_byte_seconds > 0) out.real("tf", p.first_byte_seconds);
  if (!x.content_type.empty()) out.text("ct", x.content_type);
  if (!x.title.empty()) out.text("ti", x.title);
  if (!x.heading.empty()) out.text("h1", x.heading);
  if (!x.etag.empty()) out.text("et", x.etag);
  if (!x.last_modified.empty()) out.text("lm", x.last_modified);
  if (x.body_hash != 0) out.text("bh", hash_text(x.body_hash));
}

/// Reads the facts encode_page_facts wrote from a parsed record; a key that is absent sets
/// its field's default. Throws RecordError on an unknown outcome and nlohmann::json's
/// exceptions on a value of the wrong type.
void decode_page_facts(const nlohmann::json& j, Page& p, PageText& x);

/// Appends "kind,rel,placement,line" (decimal, no spaces). Inline: the snapshot writes tens of
/// millions of link lines by hand.
/// Added to the placement number of a link whose anchor is code (Link::code).
inline constexpr std::uint32_t kCodeAnchor = 16;

inline void append_link_fields(std::string& out, LinkKind kind, std::uint8_t rel, Placement placement, bool code,
                               std::uint32_t line) {
  std::array<char, 16> digits{};
  const std::uint32_t place = static_cast<std::uint32_t>(placement) + (code ? kCodeAnchor : 0);
  for (const std::uint32_t n : {static_cast<std::uint32_t>(kind), std::uint32_t{rel}, place}) {
    out.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr);
    out += ',';
  }
  out.append(digits.data(), std::to_chars(digits.data(), digits.data() + digits.size(), line).ptr);
}

/// A link's own fields as read back.
struct LinkFields {
  LinkKind kind = LinkKind::kAnchor;
  std::uint8_t rel = kRelNone;
  Placement placement = Placement::kContent;
  bool code = false;
  std::uint32_t line = 0;
};

/// The fields from the four numbers append_link_fields wrote; nullopt for an unknown kind,
/// rel bits past the three defined ones, or an unknown placement.
std::optional<LinkFields> link_fields(std::uint64_t kind, std::uint64_t rel, std::uint64_t placement, std::uint32_t line);

}  // namespace sitegraph::record
