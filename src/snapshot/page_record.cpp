#include "snapshot/page_record.hpp"

#include <nlohmann/json.hpp>

namespace sitegraph::record {
namespace {

// The three kRel* bits (nofollow, ugc, sponsored).
constexpr std::uint64_t kMaxRel = kRelNofollow | kRelUgc | kRelSponsored;

}  // namespace

void decode_page_facts(const nlohmann::json& j, Page& p, PageText& x) {
  const auto outcome = outcome_named(j.value("o", "not-fetched"));
  if (!outcome) throw RecordError("unknown outcome '" + j.value("o", "") + "'");
  p.outcome = *outcome;
  p.status = j.value("s", 0);
  p.fetched_html = j.value("h", 0) != 0;
  p.noindex = j.value("ni", 0) != 0;
  p.nofollow = j.value("nf", 0) != 0;
  p.revalidated = j.value("rv", 0) != 0;
  p.same_body = j.value("rb", 0) != 0;
  p.bytes = j.value("b", 0u);
  p.seconds = j.value("t", 0.0f);
  p.first_byte_seconds = j.value("tf", 0.0f);
  x.content_type = j.value("ct", "");
  x.title = j.value("ti", "");
  x.heading = j.value("h1", "");
  x.etag = j.value("et", "");
  x.last_modified = j.value("lm", "");
  const std::string hash = j.value("bh", "");
  x.body_hash = hash.empty() ? 0 : hash_from_text(hash);
}

std::optional<LinkFields> link_fields(std::uint64_t kind, std::uint64_t rel, std::uint64_t placement, std::uint32_t line) {
  const bool code = placement >= kCodeAnchor;
  if (code) placement -= kCodeAnchor;
  if (kind > static_cast<std::uint64_t>(kLastLinkKind) || rel > kMaxRel ||
      placement > static_cast<std::uint64_t>(Placement::kTemplate)) {
    return std::nullopt;
  }
  return LinkFields{static_cast<LinkKind>(kind), static_cast<std::uint8_t>(rel), static_cast<Placement>(placement), code, line};
}

}  // namespace sitegraph::record
