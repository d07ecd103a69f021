// PageRank by power iteration on the transposed graph (pull), shared by the classic model
// and the weighted equity model (equity.cpp).

#include "analyze/power_iteration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// One iteration over the nodes [begin, end): x'[v] = base + d * sum_{u->v} x[u] * coeff(u->v).
double pull_range(const TransitionMatrix& m, const std::vector<double>& rank, std::vector<double>& next, double base,
                  double d, std::size_t begin, std::size_t end) {
  double change = 0;
  for (std::size_t v = begin; v < end; ++v) {
    double sum = 0;
    for (std::uint32_t e = m.in.offsets[v]; e < m.in.offsets[v + 1]; ++e) sum += rank[m.in.targets[e]] * m.coeff[e];
    next[v] = base + d * sum;
    change += std::abs(next[v] - rank[v]);
  }
  return change;
}

}  // namespace

PageRankResult power_iterate(const TransitionMatrix& m, const PageRankOptions& options) {
  PageRankResult result;
  const std::size_t n = m.in.nodes();
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const double d = options.damping;
  const double inv_n = 1.0 / static_cast<double>(n);
  std::vector<double> rank(n, inv_n);
  std::vector<double> next(n);
  // Big graphs are split between two threads by node range (each writes its own slice).
  const bool split = n >= 200'000 && std::thread::hardware_concurrency() > 1;
  // Split where half of the edges are on each side.
  const auto middle = std::upper_bound(m.in.offsets.begin(), m.in.offsets.end(), m.in.offsets.back() / 2);
  const std::size_t half = split ? static_cast<std::size_t>(middle - m.in.offsets.begin()) - 1 : n;
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    double dangling = 0;
    for (const std::uint32_t u : m.dangling) dangling += rank[u];
    const double base = (1.0 - d) * inv_n + d * dangling * inv_n;
    double change = 0;
    if (split) {
      double other = 0;
      std::thread worker([&] { other = pull_range(m, rank, next, base, d, half, n); });
      change = pull_range(m, rank, next, base, d, 0, half);
      worker.join();
      change += other;
    } else {
      change = pull_range(m, rank, next, base, d, 0, n);
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

PageRankResult pagerank(const Csr& out_links, const PageRankOptions& options) {
  const std::size_t n = out_links.nodes();
  TransitionMatrix m;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reversed;
  reversed.reserve(out_links.targets.size());
  for (std::uint32_t u = 0; u < n; ++u) {
    for (const std::uint32_t v : out_links.row(u)) reversed.emplace_back(v, u);
    if (out_links.row(u).empty()) m.dangling.push_back(u);
  }
  m.in = build_csr(n, reversed);
  m.coeff.resize(m.in.targets.size());
  for (std::size_t e = 0; e < m.coeff.size(); ++e) m.coeff[e] = 1.0 / static_cast<double>(out_links.row(m.in.targets[e]).size());
  return power_iterate(m, options);
}

std::vector<std::uint32_t> ranked_nodes(const SiteGraph& graph, std::vector<UrlId>& page_of) {
  constexpr std::uint32_t kNotRanked = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> node(graph.size(), kNotRanked);
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    if (p.internal && p.fetched_html && p.status >= 200 && p.status < 300) {
      node[id] = static_cast<std::uint32_t>(page_of.size());
      page_of.push_back(id);
    }
  }
  return node;
}

PageRankResult spread_to_pages(const PageRankResult& ranked, const std::vector<UrlId>& page_of, std::size_t pages) {
  PageRankResult result;
  result.iterations = ranked.iterations;
  result.converged = ranked.converged;
  result.rank.assign(pages, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < page_of.size() && i < ranked.rank.size(); ++i) result.rank[page_of[i]] = ranked.rank[i];
  return result;
}

PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options) {
  std::vector<UrlId> page_of;
  const std::vector<std::uint32_t> node = ranked_nodes(graph, page_of);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  for (const Link& link : graph.links()) {
    if (node[link.source] == kNotRankedNode || !followable(graph, link)) continue;
    const UrlId target = graph.final_target(link.target);
    if (target == kNoUrl || node[target] == kNotRankedNode || target == link.source) continue;
    edges.emplace_back(node[link.source], node[target]);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());  // one edge per page pair
  return spread_to_pages(pagerank(build_csr(page_of.size(), edges), options), page_of, graph.size());
}

}  // namespace sitegraph
