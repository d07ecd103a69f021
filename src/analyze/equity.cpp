// The equity model: a weighted ("reasonable surfer") PageRank of the site's pages.

#include <algorithm>
#include <tuple>

#include "analyze/power_iteration.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

constexpr std::uint64_t kLostBit = 1ull << 63;  // marks a link target that is not a ranked page

// One share of a page's equity: to a ranked node, or lost (nofollow, external, broken).
struct Share {
  std::uint32_t source;
  std::uint64_t key;  // target node, or the target's UrlId | kLostBit
  double weight;
  bool operator<(const Share& o) const { return std::tie(source, key) < std::tie(o.source, o.key); }
};

std::vector<Share> shares(const SiteGraph& graph, const std::vector<std::uint32_t>& node, const EquityOptions& options) {
  std::vector<Share> out;
  for (UrlId id = 0; id < graph.size(); ++id) {
    // A canonicalised page hands its whole equity to its canonical, as a redirect would.
    const UrlId c = graph.page(id).canonical;
    if (node[id] != kNotRankedNode && c != kNoUrl && c != id && node[c] != kNotRankedNode) out.push_back({node[id], node[c], 1.0});
  }
  for (const Link& link : graph.links()) {
    const std::uint32_t u = node[link.source];
    if (u == kNotRankedNode || !is_click_link(link.kind)) continue;
    const UrlId canonical = graph.page(link.source).canonical;
    if (canonical != kNoUrl && canonical != link.source && node[canonical] != kNotRankedNode) continue;
    const UrlId target = graph.final_target(link.target);
    if (target == link.source) continue;
    const double w = options.placement_weight[static_cast<std::size_t>(link.placement)];
    const bool passes = followable(graph, link) && target != kNoUrl && node[target] != kNotRankedNode;
    out.push_back({u, passes ? node[target] : (static_cast<std::uint64_t>(link.target) | kLostBit), w});
  }
  // Several links from one page to one target count once, with the heaviest placement.
  std::sort(out.begin(), out.end(), [](const Share& a, const Share& b) {
    return std::tie(a.source, a.key, b.weight) < std::tie(b.source, b.key, a.weight);
  });
  out.erase(std::unique(out.begin(), out.end(), [](const Share& a, const Share& b) { return a.source == b.source && a.key == b.key; }),
            out.end());
  return out;
}

}  // namespace

PageRankResult site_equity(const SiteGraph& graph, const EquityOptions& options) {
  std::vector<UrlId> page_of;
  const std::vector<std::uint32_t> node = ranked_nodes(graph, page_of);
  const std::size_t n = page_of.size();
  const std::vector<Share> all = shares(graph, node, options);
  std::vector<double> total(n, 0.0);
  for (const Share& s : all) total[s.source] += s.weight;
  TransitionMatrix m;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reversed;
  for (const Share& s : all) {
    if (s.key & kLostBit || total[s.source] <= 0) continue;  // a lost share goes nowhere
    reversed.emplace_back(static_cast<std::uint32_t>(s.key), s.source);
  }
  for (std::uint32_t u = 0; u < n; ++u) {
    if (total[u] <= 0) m.dangling.push_back(u);  // no link at all: spread like classic PageRank
  }
  m.in = build_csr(n, reversed);
  m.coeff.resize(m.in.targets.size());
  // build_csr keeps the input order within a row, so the same walk fills the coefficients.
  std::vector<std::size_t> fill(n, 0);
  for (const Share& s : all) {
    if (s.key & kLostBit || total[s.source] <= 0) continue;
    const auto v = static_cast<std::uint32_t>(s.key);
    m.coeff[m.in.offsets[v] + fill[v]++] = s.weight / total[s.source];
  }
  return spread_to_pages(power_iterate(m, options.pagerank), page_of, graph.size());
}

}  // namespace sitegraph
