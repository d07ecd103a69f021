#pragma once
// The power iteration behind both PageRank models. Internal to src/analyze.

#include <cstdint>
#include <limits>
#include <vector>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

inline constexpr std::uint32_t kNotRankedNode = std::numeric_limits<std::uint32_t>::max();

/// A column-stochastic (or sub-stochastic, when shares are lost) transition matrix by rows of
/// in-links: the sources of node v are in.row(v), edge e carries coeff[e] of its source's rank.
struct TransitionMatrix {
  Csr in;
  std::vector<double> coeff;
  std::vector<std::uint32_t> dangling;  ///< nodes without any outlink: their rank spreads uniformly
};

/// x' = (1-d)/N + d * (M x + dangling mass / N), from the uniform vector, until the L1 change
/// is below options.tolerance. Large graphs use two threads.
PageRankResult power_iterate(const TransitionMatrix& m, const PageRankOptions& options);

/// The ranked pages (internal, fetched as 2xx HTML): node index per page (kNotRankedNode for
/// others), and the page of each node in page_of.
std::vector<std::uint32_t> ranked_nodes(const SiteGraph& graph, std::vector<UrlId>& page_of);

/// Node ranks back on graph pages (NaN for pages that are not nodes).
PageRankResult spread_to_pages(const PageRankResult& ranked, const std::vector<UrlId>& page_of, std::size_t pages);

}  // namespace sitegraph
