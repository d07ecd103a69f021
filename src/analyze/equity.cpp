// The equity model: a weighted ("reasonable surfer") PageRank of the site's pages.

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "analyze/power_iteration.hpp"
#include "analyze/link_index.hpp"
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
// source then target) and lost ones (one per source and target URL). Built one source's links
// at a time, with no sorted copy of the link list: at a million pages that is tens of millions.
struct Shares {
  std::vector<WeightedEdge> passing;
  std::vector<LostShare> lost;
};

Shares shares(const SiteGraph& graph, const std::vector<std::uint32_t>& node, std::size_t nodes, const EquityOptions& options,
              const LinkIndex* given) {
  const std::vector<float>& weights = graph.link_weights();
  // Several links from one page to one target count once, with the heaviest placement; the
  // rows of an imported edge list with weights add up instead.
  auto merge = [&weights](double& into, double w) { into = weights.empty() ? std::max(into, w) : into + w; };
  Shares out;
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  SeenTargets seen(nodes);             // a passing share's target node, per source
  SeenTargets seen_lost(graph.size());  // a lost share's target URL, per source
  std::vector<std::uint32_t> slot(nodes);
  std::vector<std::uint32_t> lost_slot(graph.size());
  out.passing.reserve(graph.links().size() + graph.size());  // address space only until written
  for (UrlId source = 0; source < graph.size(); ++source) {
    const std::uint32_t u = node[source];
    if (u == kNotRankedNode) continue;
    // A canonicalised page hands its whole equity to its canonical (where the canonical's
    // redirects end), as a redirect would; a chain of canonicals folds to its last page.
    UrlId c = graph.page(source).canonical;
    if (c != kNoUrl) c = by_source.final_target(c);
    if (c != kNoUrl && c != source && node[c] != kNotRankedNode) {
      out.passing.push_back({u, node[c], 1.0});
      continue;
    }
    seen.next_source();
    seen_lost.next_source();
    const std::size_t row = out.passing.size();
    const std::size_t lost_row = out.lost.size();
    for (const std::uint32_t i : by_source.of(source)) {
      const Link& link = graph.links()[i];
      if (!is_click_link(link.kind)) continue;
      const UrlId target = by_source.final_target(link.target);
      if (target == source) continue;
      double w = options.placement_weight[static_cast<std::size_t>(link.placement)];
      if (!weights.empty()) w *= weights[i];
      if (followable(graph, link) && target != kNoUrl && node[target] != kNotRankedNode) {
        const std::uint32_t v = node[target];
        if (seen.first(v)) {
          slot[v] = static_cast<std::uint32_t>(out.passing.size() - row);
          out.passing.push_back({u, v, w});
        } else {
          merge(out.passing[row + slot[v]].weight, w);
        }
      } else if (seen_lost.first(link.target)) {
        lost_slot[link.target] = static_cast<std::uint32_t>(out.lost.size() - lost_row);
        out.lost.push_back({u, link.target, w});
      } else {
        merge(out.lost[lost_row + lost_slot[link.target]].weight, w);
      }
    }
    std::sort(out.passing.begin() + static_cast<std::ptrdiff_t>(row), out.passing.end(),
              [](const WeightedEdge& a, const WeightedEdge& b) { return a.target < b.target; });
    std::sort(out.lost.begin() + static_cast<std::ptrdiff_t>(lost_row), out.lost.end(),
              [](const LostShare& a, const LostShare& b) { return a.target < b.target; });
  }
  return out;
}

}  // namespace

EquityModel equity_model(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority,
                         const LinkIndex* by_source) {
  EquityModel model;
  model.node = ranked_nodes(graph, model.page_of);
  const std::size_t n = model.page_of.size();
  Shares all = shares(graph, model.node, n, options, by_source);
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
