#include <algorithm>
#include <cmath>
#include <limits>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

PageRankResult pagerank(const Csr& out_links, const PageRankOptions& options) {
  PageRankResult result;
  const std::size_t n = out_links.nodes();
  if (n == 0) {
    result.converged = true;
    return result;
  }
  // Pull formulation over the transposed graph: x'[v] = base + d * sum_{u->v} x[u] / out(u).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reversed;
  reversed.reserve(out_links.targets.size());
  for (std::uint32_t u = 0; u < n; ++u) {
    for (const std::uint32_t v : out_links.row(u)) reversed.emplace_back(v, u);
  }
  const Csr in_links = build_csr(n, reversed);
  const double d = options.damping;
  const double inv_n = 1.0 / static_cast<double>(n);
  std::vector<double> rank(n, inv_n);
  std::vector<double> next(n);
  std::vector<double> share(n);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    double dangling = 0;
    for (std::size_t u = 0; u < n; ++u) {
      const auto degree = out_links.offsets[u + 1] - out_links.offsets[u];
      share[u] = degree ? rank[u] / degree : 0.0;
      if (!degree) dangling += rank[u];
    }
    const double base = (1.0 - d) * inv_n + d * dangling * inv_n;
    double change = 0;
    for (std::size_t v = 0; v < n; ++v) {
      double sum = 0;
      for (const std::uint32_t u : in_links.row(v)) sum += share[u];
      next[v] = base + d * sum;
      change += std::abs(next[v] - rank[v]);
    }
    rank.swap(next);
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.iterations = std::min(result.iterations, options.max_iterations);
  result.rank = std::move(rank);
  return result;
}

PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options) {
  constexpr std::uint32_t kNotRanked = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> node(graph.size(), kNotRanked);
  std::vector<UrlId> page_of;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    if (p.internal && p.fetched_html && p.status >= 200 && p.status < 300) {
      node[id] = static_cast<std::uint32_t>(page_of.size());
      page_of.push_back(id);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (const Link& link : graph.links()) {
    if (node[link.source] == kNotRanked || !followable(graph, link)) continue;
    const UrlId target = graph.final_target(link.target);
    if (target == kNoUrl || node[target] == kNotRanked || target == link.source) continue;
    edges.emplace_back(node[link.source], node[target]);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());  // one edge per page pair
  PageRankResult ranked = pagerank(build_csr(page_of.size(), edges), options);
  PageRankResult result;
  result.iterations = ranked.iterations;
  result.converged = ranked.converged;
  result.rank.assign(graph.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < page_of.size(); ++i) result.rank[page_of[i]] = ranked.rank[i];
  return result;
}

}  // namespace sitegraph
