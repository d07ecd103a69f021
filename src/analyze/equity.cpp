// The equity model: a weighted ("reasonable surfer") PageRank of the site's pages.

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "analyze/power_iteration.hpp"
#include "analyze/radix_sort.hpp"
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
  const std::vector<float>& weights = graph.link_weights();
  std::vector<Share> out;
  out.reserve(graph.links().size() + graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) {
    // A canonicalised page hands its whole equity to its canonical, as a redirect would.
    const UrlId c = graph.page(id).canonical;
    if (node[id] != kNotRankedNode && c != kNoUrl && c != id && node[c] != kNotRankedNode) out.push_back({node[id], node[c], 1.0});
  }
  for (std::size_t i = 0; i < graph.links().size(); ++i) {
    const Link& link = graph.links()[i];
    const std::uint32_t u = node[link.source];
    if (u == kNotRankedNode || !is_click_link(link.kind)) continue;
    const UrlId canonical = graph.page(link.source).canonical;
    if (canonical != kNoUrl && canonical != link.source && node[canonical] != kNotRankedNode) continue;
    const UrlId target = graph.final_target(link.target);
    if (target == link.source) continue;
    double w = options.placement_weight[static_cast<std::size_t>(link.placement)];
    if (!weights.empty()) w *= weights[i];
    const bool passes = followable(graph, link) && target != kNoUrl && node[target] != kNotRankedNode;
    out.push_back({u, passes ? node[target] : (static_cast<std::uint64_t>(link.target) | kLostBit), w});
  }
  // Group by (source, key); a key holds 63 bits, so lost shares (few: nofollow, external,
  // broken) are ordered apart from the shares to ranked pages.
  const auto lost_begin = std::stable_partition(out.begin(), out.end(), [](const Share& s) { return !(s.key & kLostBit); });
  std::vector<Share> passing(out.begin(), lost_begin);
  radix_sort_by(passing, [](const Share& s) { return pair_key(s.source, static_cast<std::uint32_t>(s.key)); });
  std::vector<Share> lost(lost_begin, out.end());
  std::sort(lost.begin(), lost.end(), [](const Share& a, const Share& b) { return std::tie(a.source, a.key) < std::tie(b.source, b.key); });
  out = std::move(passing);
  out.insert(out.end(), lost.begin(), lost.end());
  // Several links from one page to one target count once, with the heaviest placement; the
  // rows of an imported edge list with weights add up instead.
  std::vector<Share> merged;
  for (const Share& s : out) {
    if (!merged.empty() && merged.back().source == s.source && merged.back().key == s.key) {
      if (!weights.empty()) {
        merged.back().weight += s.weight;
      } else {
        merged.back().weight = std::max(merged.back().weight, s.weight);
      }
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

}  // namespace

EquityModel equity_model(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority) {
  EquityModel model;
  model.node = ranked_nodes(graph, model.page_of);
  const std::size_t n = model.page_of.size();
  std::vector<double> lost(n, 0.0);
  const std::vector<Share> all = shares(graph, model.node, options);
  std::vector<WeightedEdge> edges;
  edges.reserve(all.size());
  for (const Share& s : all) {
    if (s.key & kLostBit) {
      lost[s.source] += s.weight;  // a lost share goes nowhere
    } else {
      edges.push_back({s.source, static_cast<std::uint32_t>(s.key), s.weight});
    }
  }
  model.total = lost;
  for (const WeightedEdge& e : edges) model.total[e.source] += e.weight;
  model.matrix = transition_matrix(n, edges, lost);
  model.matrix.teleport = node_teleport(authority, model.page_of);
  return model;
}

std::vector<double> equity_passed(const EquityModel& model, const PageRankResult& equity, double damping) {
  std::vector<double> passed(equity.rank.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<double> reaching(model.page_of.size(), 0.0);
  for (std::size_t e = 0; e < model.matrix.in.targets.size(); ++e) reaching[model.matrix.in.targets[e]] += model.matrix.coeff[e];
  for (std::size_t u = 0; u < model.page_of.size(); ++u) {
    const UrlId id = model.page_of[u];
    if (id < passed.size()) passed[id] = damping * equity.rank[id] * reaching[u];
  }
  return passed;
}

std::vector<double> equity_start(const EquityModel& model, const PageRankResult& classic, double damping) {
  const std::size_t n = model.page_of.size();
  std::vector<double> start(n, 0.0);
  double total = 0;
  for (std::size_t u = 0; u < n; ++u) {
    const double r = model.page_of[u] < classic.rank.size() ? classic.rank[model.page_of[u]] : 0.0;
    start[u] = std::isnan(r) ? 0.0 : r;
    total += start[u];
  }
  if (!(total > 0)) return {};
  std::vector<double> reaching(n, 0.0);
  for (std::size_t e = 0; e < model.matrix.in.targets.size(); ++e) reaching[model.matrix.in.targets[e]] += model.matrix.coeff[e];
  double leak = 0;  // the share of rank lost per step, weighted by the classic distribution
  for (std::size_t u = 0; u < n; ++u) {
    if (model.total[u] > 0) leak += start[u] / total * (1.0 - reaching[u]);
  }
  const double mass = (1.0 - damping) / (1.0 - damping + damping * leak);
  for (double& x : start) x = x / total * mass;
  return start;
}

PageRankResult site_equity(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority) {
  const EquityModel model = equity_model(graph, options, authority);
  return spread_to_pages(power_iterate(model.matrix, options.pagerank), model.page_of, graph.size());
}

}  // namespace sitegraph
