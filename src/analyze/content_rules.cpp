// Indexability rules.

#include <algorithm>

#include "analyze/passes.hpp"
#include "analyze/make_finding.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// Not fetched (external, over a limit) or excluded from the crawl by the user's scope: nothing
// is known about the page, so nothing is judged.
bool was_requested(const Page& p) { return p.outcome != FetchOutcome::kNotFetched && p.outcome != FetchOutcome::kExcluded; }

// Why a fetched page cannot be indexed, or empty when it can.
std::string not_indexable_because(const SiteGraph& g, UrlId id) {
  const Page& p = g.page(id);
  if (p.outcome == FetchOutcome::kRobotsBlocked) return "robots-blocked";
  if (p.outcome != FetchOutcome::kResponse) return std::string(outcome_name(p.outcome));
  if (p.redirect_to != kNoUrl) return "redirect";
  if (p.status / 100 != 2) return std::to_string(p.status);
  if (!p.fetched_html) return "not-html";
  if (p.noindex) return "noindex";
  if (p.canonical != kNoUrl && p.canonical != id) return "canonicalised";
  return {};
}

}  // namespace

std::vector<Finding> find_indexability_problems(const CrawlResult& crawl) {
  const SiteGraph& g = crawl.graph;
  std::vector<Finding> out;
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!p.internal || !was_requested(p)) continue;
    // A canonical that was never fetched (external, over a limit, excluded) is not judged.
    if (p.canonical != kNoUrl && p.canonical != id && was_requested(g.page(p.canonical))) {
      if (std::string why = not_indexable_because(g, p.canonical); !why.empty()) {
        Finding f = make_finding("canonical-target-broken", id, 0, "the canonical URL is not an indexable page (" + why + ")");
        f.target = p.canonical;
        f.status = why;
        out.push_back(std::move(f));
      }
    }
    if (p.in_sitemap) {
      if (std::string why = not_indexable_because(g, id); !why.empty()) {
        Finding f = make_finding("sitemap-not-indexable", id, 0, "listed in the sitemap but not indexable (" + why + ")");
        f.status = why;
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace sitegraph
