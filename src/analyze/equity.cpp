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

// A share of a page's equity that goes nowhere: a nofollow, external or broken link.
struct LostShare {
  std::uint32_t source;  // node
  UrlId target;
  double weight;
};

// The shares of each page's equity: to ranked nodes (`passing`, one per node pair, sorted by
// source then target) and lost ones. Built without copies of the link list beyond the radix
// sort's buffer: at a million pages the links are tens of millions.
struct Shares {
  std::vector<WeightedEdge> passing;
  std::vector<LostShare> lost;
};

// Several links from one page to one target count once, with the heaviest placement; the
// rows of an imported edge list with weights add up instead. `items` is sorted; merged in place.
template <typename T, typename SameTarget>
void merge_repeats(std::vector<T>& items, bool add_weights, SameTarget same_target) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    T& last = items[kept == 0 ? 0 : kept - 1];
    if (kept > 0 && last.source == items[i].source && same_target(last, items[i])) {
      last.weight = add_weights ? last.weight + items[i].weight : std::max(last.weight, items[i].weight);
    } else {
      items[kept++] = items[i];
    }
  }
  items.resize(kept);
}

Shares shares(const SiteGraph& graph, const std::vector<std::uint32_t>& node, const EquityOptions& options) {
  const std::vector<float>& weights = graph.link_weights();
  Shares out;
  out.passing.reserve(graph.links().size() + graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) {
    // A canonicalised page hands its whole equity to its canonical, as a redirect would.
    const UrlId c = graph.page(id).canonical;
    if (node[id] != kNotRankedNode && c != kNoUrl && c != id && node[c] != kNotRankedNode) {
      out.passing.push_back({node[id], node[c], 1.0});
    }
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
    if (followable(graph, link) && target != kNoUrl && node[target] != kNotRankedNode) {
      out.passing.push_back({u, node[target], w});
    } else {
      out.lost.push_back({u, link.target, w});
    }
  }
  radix_sort_by(out.passing, [](const WeightedEdge& e) { return pair_key(e.source, e.target); });
  merge_repeats(out.passing, !weights.empty(), [](const WeightedEdge& a, const WeightedEdge& b) { return a.target == b.target; });
  std::sort(out.lost.begin(), out.lost.end(),
            [](const LostShare& a, const LostShare& b) { return std::tie(a.source, a.target) < std::tie(b.source, b.target); });
  merge_repeats(out.lost, !weights.empty(), [](const LostShare& a, const LostShare& b) { return a.target == b.target; });
  return out;
}

}  // namespace

EquityModel equity_model(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority) {
  EquityModel model;
  model.node = ranked_nodes(graph, model.page_of);
  const std::size_t n = model.page_of.size();
  Shares all = shares(graph, model.node, options);
  std::vector<double> lost(n, 0.0);
  for (const LostShare& s : all.lost) lost[s.source] += s.weight;  // a lost share goes nowhere
  model.total = lost;
  for (const WeightedEdge& e : all.passing) model.total[e.source] += e.weight;
  model.matrix = transition_matrix(n, all.passing, lost);
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
