// Response-time rules: slow-page.

#include <cmath>
#include <string>

#include "analyze/make_finding.hpp"
#include "analyze/passes.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {

std::vector<Finding> find_slow_pages(const SiteGraph& graph, const AuditOptions& options) {
  std::vector<Finding> out;
  if (options.slow_page_ms == 0) return out;
  const double limit = options.slow_page_ms / 1000.0;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    // A folder or a WARC archive has no network time (first_byte_seconds is 0): never slow.
    if (!p.internal || p.outcome != FetchOutcome::kResponse || !(p.first_byte_seconds > limit)) continue;
    const auto first_byte_ms = static_cast<std::uint32_t>(std::lround(p.first_byte_seconds * 1000.0));
    const auto total_ms = static_cast<std::uint32_t>(std::lround(p.seconds * 1000.0));
    std::string message = "the server took " + std::to_string(first_byte_ms) + " ms to the first byte (over --slow-page-ms " +
                          std::to_string(options.slow_page_ms) + "), " + std::to_string(total_ms) + " ms in all";
    if (p.revalidated && !p.same_body) message += " (a 304 to a --since revalidation)";
    out.push_back(make_finding("slow-page", id, first_byte_ms, std::move(message)));
  }
  return out;
}

}  // namespace sitegraph
