#include <algorithm>
#include <cmath>
#include <limits>

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
    if (std::isnan(r) || r <= 0) continue;
    scores[i] = high > low ? 100.0 * std::log(r / low) / std::log(high / low) : 100.0;
  }
  return scores;
}

}  // namespace

PageFacts page_facts(const SiteGraph& graph, const PageRankResult& pagerank) {
  PageFacts facts;
  facts.indexable.reserve(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) facts.indexable.push_back(is_indexable(graph, id) ? 1 : 0);
  facts.inlinks_by_placement.assign(graph.size(), {});
  std::vector<std::tuple<UrlId, int, UrlId>> seen;  // (target, placement, source), unique
  for (const Link& link : graph.links()) {
    if (!followable(graph, link) || !graph.page(link.source).internal || !graph.page(link.target).internal) continue;
    if (link.source == link.target) continue;
    seen.emplace_back(link.target, static_cast<int>(link.placement), link.source);
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (const auto& [target, placement, source] : seen) ++facts.inlinks_by_placement[target][static_cast<std::size_t>(placement)];
  facts.link_score = link_scores(pagerank);
  return facts;
}

}  // namespace sitegraph
