// PageRank by power iteration on the transposed graph (pull), shared by the classic model
// and the weighted equity model (equity.cpp).

#include "analyze/passes.hpp"
#include "analyze/power_iteration.hpp"
#include "analyze/link_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>
#include <tuple>

#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// One iteration over the nodes [begin, end): x'[v] = jump * t[v] + d * sum_{u->v} x[u] * coeff(u->v),
// with t uniform when the matrix has no teleport vector. `scaled` is x[u] * scale[u], so an
// edge costs its source id and its weight class.
double pull_range(const TransitionMatrix& m, const std::vector<double>& rank, const std::vector<double>& scaled,
                  std::vector<double>& next, double jump, double d, std::size_t begin, std::size_t end) {
  const double uniform = jump / static_cast<double>(m.in.nodes());
  const double* teleport = m.teleport.empty() ? nullptr : m.teleport.data();
  const std::uint32_t* sources = m.in.targets.data();
  double change = 0;
  for (std::size_t v = begin; v < end; ++v) {
    double sum = 0;
    const std::uint32_t from = m.in.offsets[v];
    const std::uint32_t to = m.in.offsets[v + 1];
    if (!m.edge_weight.empty()) {
      for (std::uint32_t e = from; e < to; ++e) sum += scaled[sources[e]] * m.edge_weight[e];
    } else if (m.weight_class.empty()) {
      for (std::uint32_t e = from; e < to; ++e) sum += scaled[sources[e]];
      sum *= m.weights.front();
    } else {
      const double* w = m.weights.data();
      const std::uint8_t* cls = m.weight_class.data();
      for (std::uint32_t e = from; e < to; ++e) sum += scaled[sources[e]] * w[cls[e]];
    }
    next[v] = (teleport ? jump * teleport[v] : uniform) + d * sum;
    change += std::abs(next[v] - rank[v]);
  }
  return change;
}

// The shares of `extra.source` already in the matrix: (target, coefficient).
std::vector<std::pair<std::uint32_t, double>> shares_of(const TransitionMatrix& m, std::uint32_t source) {
  std::vector<std::pair<std::uint32_t, double>> out;
  for (std::uint32_t v = 0; v < m.in.nodes(); ++v) {
    for (std::uint32_t e = m.in.offsets[v]; e < m.in.offsets[v + 1]; ++e) {
      if (m.in.targets[e] == source) out.emplace_back(v, m.coeff(e));
    }
  }
  return out;
}

}  // namespace

std::vector<double> teleport_vector(std::vector<double> weights) {
  double total = 0;
  for (const double w : weights) total += w > 0 ? w : 0;
  if (!(total > 0)) return {};
  for (double& w : weights) w = w > 0 ? w / total : 0;
  return weights;
}

PageRankResult power_iterate(const TransitionMatrix& m, const PageRankOptions& options, const std::vector<double>& initial,
                             const ExtraLink* extra) {
  PageRankResult result;
  const std::size_t n = m.in.nodes();
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const double d = options.damping;
  std::vector<double> rank = initial.size() == n ? initial : std::vector<double>(n, 1.0 / static_cast<double>(n));
  std::vector<double> next(n);
  const std::vector<std::pair<std::uint32_t, double>> extra_shares = extra ? shares_of(m, extra->source) : decltype(extra_shares){};
  // Big graphs (a million links or more: an iteration takes milliseconds, a thread start
  // microseconds) are split between two threads by node range (each writes its own slice).
  const bool split = m.edges() >= 1'000'000 && std::thread::hardware_concurrency() > 1;
  // Split where half of the edges are on each side.
  const auto middle = std::upper_bound(m.in.offsets.begin(), m.in.offsets.end(), m.in.offsets.back() / 2);
  const std::size_t half = split ? static_cast<std::size_t>(middle - m.in.offsets.begin()) - 1 : n;
  std::vector<double> scaled(n);
  double first_change = 0;
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    for (std::size_t u = 0; u < n; ++u) scaled[u] = rank[u] * m.scale[u];
    double dangling = 0;
    for (const std::uint32_t u : m.dangling) dangling += rank[u];
    if (extra && extra->source_was_dangling) dangling -= rank[extra->source];
    const double jump = (1.0 - d) + d * dangling;
    double change = 0;
    if (split) {
      double other = 0;
      std::thread worker([&] { other = pull_range(m, rank, scaled, next, jump, d, half, n); });
      change = pull_range(m, rank, scaled, next, jump, d, 0, half);
      worker.join();
      change += other;
    } else {
      change = pull_range(m, rank, scaled, next, jump, d, 0, n);
    }
    if (extra) {
      const double from = d * rank[extra->source];
      for (const auto& [v, coeff] : extra_shares) next[v] -= from * coeff * (1.0 - extra->keep);
      next[extra->target] += from * extra->share;
      change = 0;
      for (std::size_t v = 0; v < n; ++v) change += std::abs(next[v] - rank[v]);
    }
    rank.swap(next);
    if (extra && extra->relative_tolerance > 0) {
      if (result.iterations == 1) first_change = change;
      if (change < extra->relative_tolerance * first_change) {
        result.converged = true;
        break;
      }
    }
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
  // Unweighted: every link of a page carries 1/outdegree, so the matrix is built directly.
  const std::size_t n = out_links.nodes();
  TransitionMatrix m;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reversed;
  reversed.reserve(out_links.targets.size());
  for (std::uint32_t u = 0; u < n; ++u) {
    for (const std::uint32_t v : out_links.row(u)) reversed.emplace_back(v, u);
    if (out_links.row(u).empty()) m.dangling.push_back(u);
  }
  m.in = build_csr(n, reversed);
  m.weights = {1.0};
  m.scale.assign(n, 0.0);
  for (std::uint32_t u = 0; u < n; ++u) {
    if (!out_links.row(u).empty()) m.scale[u] = 1.0 / static_cast<double>(out_links.row(u).size());
  }
  return power_iterate(m, options);
}

std::vector<std::uint32_t> ranked_nodes(const SiteGraph& graph, std::vector<UrlId>& page_of) {
  constexpr std::uint32_t kNotRanked = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> node(graph.size(), kNotRanked);
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    if (is_ranked(p)) {
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

std::vector<double> node_teleport(std::span<const double> authority, const std::vector<UrlId>& page_of) {
  if (authority.empty()) return {};
  std::vector<double> weights(page_of.size(), 0.0);
  for (std::size_t i = 0; i < page_of.size(); ++i) weights[i] = page_of[i] < authority.size() ? authority[page_of[i]] : 0;
  return teleport_vector(std::move(weights));
}

PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options, std::span<const double> authority) {
  return site_pagerank(graph, options, authority, nullptr);
}

PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options, std::span<const double> authority,
                             const LinkIndex* given) {
  std::vector<UrlId> page_of;
  const std::vector<std::uint32_t> node = ranked_nodes(graph, page_of);
  const std::vector<float>& weights = graph.link_weights();
  // One share per page pair, built one source's links at a time (no sorted copy of every
  // link, no list of every edge); with imported weights (an edge list), repeated rows add up.
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  SeenTargets seen(page_of.size());
  std::vector<std::uint32_t> slot(page_of.size());  // where this row's share to a node is
  ShareRow row;
  const auto rows = [&](const auto& visit) {
    for (UrlId source = 0; source < graph.size(); ++source) {
      const std::uint32_t u = node[source];
      if (u == kNotRankedNode) continue;
      seen.next_source();
      row.clear();
      for (const std::uint32_t i : by_source.of(source)) {
        const Link& link = graph.links()[i];
        if (!followable(graph, link)) continue;
        const UrlId target = by_source.final_target(link.target);
        if (target == kNoUrl || node[target] == kNotRankedNode || target == source) continue;
        const std::uint32_t v = node[target];
        const double w = weights.empty() ? 1.0 : weights[i];
        if (seen.first(v)) {
          slot[v] = static_cast<std::uint32_t>(row.size());
          row.emplace_back(v, w);
        } else if (!weights.empty()) {
          row[slot[v]].second += w;
        }
      }
      visit(u, row, 0.0);
    }
  };
  TransitionMatrix m = matrix_from_rows(page_of.size(), rows);
  m.teleport = node_teleport(authority, page_of);
  return spread_to_pages(power_iterate(m, options), page_of, graph.size());
}

}  // namespace sitegraph
