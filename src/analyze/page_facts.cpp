#include <algorithm>
#include <cmath>
#include <limits>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {

bool is_indexable(const SiteGraph& graph, UrlId id) {
  const Page& p = graph.page(id);
  return p.internal && p.outcome == FetchOutcome::kResponse && p.status / 100 == 2 && p.fetched_html && !p.noindex &&
         (p.canonical == kNoUrl || p.canonical == id);
}

namespace {

// PageRank on a 0-100 log scale: the least-ranked page 0, the top page 100.
std::vector<double> link_scores(const PageRankResult& pagerank) {
  double low = std::numeric_limits<double>::infinity();
  double high = 0;
  for (const double r : pagerank.rank) {
    if (std::isnan(r) || r <= 0) continue;
    low = std::min(low, r);
    high = std::max(high, r);
  }
  std::vector<double> scores(pagerank.rank.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double r = pagerank.rank[i];
    if (std::isnan(r)) continue;
    // Rank 0 (nothing teleports to a page nobody links to, with --backlinks) scores 0.
    scores[i] = r <= 0 ? 0.0 : high > low ? 100.0 * std::log(r / low) / std::log(high / low) : 100.0;
  }
  return scores;
}

}  // namespace

PageFacts page_facts(const SiteGraph& graph, const PageRankResult& pagerank, const LinkIndex* by_source) {
  PageFacts facts;
  facts.indexable.reserve(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) facts.indexable.push_back(is_indexable(graph, id) ? 1 : 0);
  facts.inlinks_by_placement.assign(graph.size(), {});
  // A source counts once per placement it links from.
  for_each_source_target(
      graph, by_source,
      [&graph](const Link& link, UrlId target) -> std::uint8_t {
        if (!followable(graph, link) || !graph.page(target).internal) return 0;
        return static_cast<std::uint8_t>(1u << static_cast<unsigned>(link.placement));
      },
      [&facts](UrlId target, std::uint8_t placements) {
        auto& counts = facts.inlinks_by_placement[target];
        for (std::size_t p = 0; p < counts.size(); ++p) counts[p] += (placements >> p) & 1u;
      });
  facts.link_score = link_scores(pagerank);
  return facts;
}

}  // namespace sitegraph
