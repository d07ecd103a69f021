#pragma once
// The power iteration behind both PageRank models. Internal to src/analyze.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analyze/passes.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {

inline constexpr std::uint32_t kNotRankedNode = std::numeric_limits<std::uint32_t>::max();

/// A column-stochastic (or sub-stochastic, when shares are lost) transition matrix by rows of
/// in-links: the sources of node v are in.row(v), and edge e carries coeff(e) of its source's
/// rank: the edge's weight times the source's scale (1 / the total weight of its shares, lost
/// ones included). A crawled graph's weights are a few placement weights, so an edge holds a
/// one-byte class into `weights` (nothing at all when there is one weight): 4 or 5 bytes an
/// edge where a coefficient per edge took 12, hundreds of MB at tens of millions of links.
/// Imported weights (an edge list, more than 256 distinct values) are kept per edge.
struct TransitionMatrix {
  Csr in;
  std::vector<double> scale;             ///< per node: 1 / the total weight of its shares; 0 when it has none
  std::vector<double> weights;           ///< the distinct edge weights, when classed
  std::vector<std::uint8_t> weight_class;  ///< per edge, an index into `weights` (empty: one weight, or edge_weight)
  std::vector<double> edge_weight;       ///< per edge, when the weights are not classed
  std::vector<std::uint32_t> dangling;  ///< nodes without any outlink: their rank jumps like a teleport
  /// Where a random surfer teleports (and dangling rank goes), summing to 1; empty = uniform.
  std::vector<double> teleport;

  [[nodiscard]] double weight(std::size_t e) const {
    if (!edge_weight.empty()) return edge_weight[e];
    return weight_class.empty() ? weights.front() : weights[weight_class[e]];
  }
  [[nodiscard]] double coeff(std::size_t e) const { return weight(e) * scale[in.targets[e]]; }
  [[nodiscard]] std::size_t edges() const { return in.targets.size(); }
};

/// One link added to the matrix without rebuilding it (link opportunities): node `source`
/// scales its existing shares by `keep` and sends `share` of its rank to `target`.
struct ExtraLink {
  std::uint32_t source = 0;
  std::uint32_t target = 0;
  double keep = 1;
  double share = 0;
  bool source_was_dangling = false;
  /// When > 0, stop once an iteration's L1 change is below this share of the first
  /// iteration's (the link's own effect): enough to rank candidate links, which is all the
  /// link planner's heap needs (the gain it reports is measured after the link is added).
  double relative_tolerance = 0;
};

/// x' = (1-d) t + d * (M x + dangling mass * t), with t the teleport vector, from `initial`
/// (the uniform vector when empty) until the L1 change is below options.tolerance. Large
/// graphs use two threads.
PageRankResult power_iterate(const TransitionMatrix& m, const PageRankOptions& options,
                             const std::vector<double>& initial = {}, const ExtraLink* extra = nullptr);

/// One node's shares, merged: (target node, weight); a weight <= 0 passes nothing.
using ShareRow = std::vector<std::pair<std::uint32_t, double>>;

/// The matrix of `nodes` nodes from their rows of shares, without ever holding a list of
/// every edge (16 bytes an edge). `rows(visit)` must call visit(u, row, lost) for the nodes
/// with shares, u increasing, with `lost` the weight of u's shares that go nowhere; it is run
/// twice and must give the same rows both times: once to count, once to fill. Nodes with no
/// weight at all are dangling. `total` (when given) gets each node's lost weight plus its
/// row's weights.
template <class Rows>
TransitionMatrix matrix_from_rows(std::size_t nodes, Rows&& rows, std::vector<double>* total_out = nullptr) {
  std::vector<double> total(nodes, 0.0);
  TransitionMatrix m;
  m.in.offsets.assign(nodes + 1, 0);
  std::unordered_set<double> distinct;  // the edge weights seen, up to 257
  rows([&](std::uint32_t u, const ShareRow& row, double lost) {
    total[u] += lost;
    for (const auto& [v, w] : row) {
      if (!(w > 0)) continue;
      total[u] += w;
      ++m.in.offsets[v + 1];
      if (distinct.size() <= 256) distinct.insert(w);
    }
  });
  m.scale.assign(nodes, 0.0);
  for (std::uint32_t u = 0; u < nodes; ++u) {
    if (total[u] > 0) m.scale[u] = 1.0 / total[u];
    else m.dangling.push_back(u);
  }
  for (std::size_t v = 0; v < nodes; ++v) m.in.offsets[v + 1] += m.in.offsets[v];
  const std::size_t edges = m.in.offsets.back();
  m.in.targets.resize(edges);
  const bool classed = distinct.size() <= 256;
  if (classed) {
    m.weights.assign(distinct.begin(), distinct.end());
    std::sort(m.weights.begin(), m.weights.end());
    if (m.weights.empty()) m.weights.push_back(1.0);
    if (m.weights.size() > 1) m.weight_class.resize(edges);
  } else {
    m.edge_weight.resize(edges);
  }
  // Rows come in source order, so each target's row of in-links is sorted by source.
  std::vector<std::uint32_t> next(m.in.offsets.begin(), m.in.offsets.end() - 1);
  rows([&](std::uint32_t u, const ShareRow& row, double) {
    for (const auto& [v, w] : row) {
      if (!(w > 0)) continue;
      const std::uint32_t slot = next[v]++;
      m.in.targets[slot] = u;
      if (!classed) {
        m.edge_weight[slot] = w;
      } else if (!m.weight_class.empty()) {
        m.weight_class[slot] = static_cast<std::uint8_t>(std::lower_bound(m.weights.begin(), m.weights.end(), w) - m.weights.begin());
      }
    }
  });
  if (total_out) *total_out = std::move(total);
  return m;
}

/// Normalises per-node weights into a teleport vector; empty when they sum to nothing.
std::vector<double> teleport_vector(std::vector<double> weights);

/// The ranked pages (internal, fetched as 2xx HTML): node index per page (kNotRankedNode for
/// others), and the page of each node in page_of.
std::vector<std::uint32_t> ranked_nodes(const SiteGraph& graph, std::vector<UrlId>& page_of);

/// The teleport vector of the nodes from per-page external authority (empty = uniform).
std::vector<double> node_teleport(std::span<const double> authority, const std::vector<UrlId>& page_of);

/// The equity model's matrix over the ranked pages, kept for link opportunities.
struct EquityModel {
  std::vector<UrlId> page_of;        ///< the page of each node
  std::vector<std::uint32_t> node;   ///< the node of each page, or kNotRankedNode
  TransitionMatrix matrix;
  std::vector<double> total;         ///< per node: the weight of all its shares, lost ones included
};

/// A new link of weight `weight` from node `source` to node `target`, patched into the model's
/// matrix by power_iterate (link opportunities, the link planner): the source's shares scaled
/// by T / (T + w), the new one carrying w / (T + w), or all of a dangling source's rank.
inline ExtraLink added_link(const EquityModel& model, std::uint32_t source, std::uint32_t target, double weight) {
  const double total = model.total[source];
  ExtraLink extra;
  extra.source = source;
  extra.target = target;
  extra.source_was_dangling = !(total > 0);
  extra.keep = extra.source_was_dangling ? 0.0 : total / (total + weight);
  extra.share = extra.source_was_dangling ? 1.0 : weight / (total + weight);
  return extra;
}

EquityModel equity_model(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority,
                         const LinkIndex* by_source = nullptr);

/// How the equity at its fixed point moves between segments in one step (EquityFlow), from the
/// same share rows as the model; `segment_of_page` must name a segment for every ranked page.
EquityFlow equity_flow(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority,
                       const PageRankResult& equity, std::span<const std::uint32_t> segment_of_page, std::size_t segments);

/// Per page: d * equity * (the share of the page's weight that reaches ranked pages); NaN
/// for pages outside the model.
std::vector<double> equity_passed(const EquityModel& model, const PageRankResult& equity, double damping);

/// Where the equity iteration starts: the classic PageRank's distribution, scaled to the
/// total the equity vector will hold once the lost shares have leaked. Leaking mass is the
/// slowest mode of the iteration, so this start roughly halves the iterations needed.
std::vector<double> equity_start(const EquityModel& model, const PageRankResult& classic, double damping);

/// Node ranks back on graph pages (NaN for pages that are not nodes).
PageRankResult spread_to_pages(const PageRankResult& ranked, const std::vector<UrlId>& page_of, std::size_t pages);

}  // namespace sitegraph
