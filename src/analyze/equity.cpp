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

// The shares of each ranked page's equity, a row per page (matrix_from_rows): to ranked nodes,
// one per node pair, and the weight of the lost ones (nofollow, external or broken links: one
// share per source and target URL). Built one source's links at a time, with no sorted copy
// of the link list and no list of every edge: at a million pages that is tens of millions.
class ShareRows {
 public:
  ShareRows(const SiteGraph& graph, const std::vector<std::uint32_t>& node, std::size_t nodes, const EquityOptions& options,
            const LinkIndex* given)
      : graph_(graph), node_(node), options_(options), by_source_(link_index(graph, given, own_)), seen_(nodes),
        seen_lost_(graph.size()), slot_(nodes), lost_slot_(graph.size()) {}

  template <class Visit>
  void operator()(const Visit& visit) {
    const std::vector<float>& weights = graph_.link_weights();
    // Several links from one page to one target count once, with the heaviest placement; the
    // rows of an imported edge list with weights add up instead.
    auto merge = [&weights](double& into, double w) { into = weights.empty() ? std::max(into, w) : into + w; };
    for (UrlId source = 0; source < graph_.size(); ++source) {
      const std::uint32_t u = node_[source];
      if (u == kNotRankedNode) continue;
      row_.clear();
      lost_.clear();
      // A canonicalised page hands its whole equity to its canonical (where the canonical's
      // redirects end), as a redirect would; a chain of canonicals folds to its last page.
      UrlId c = graph_.page(source).canonical;
      if (c != kNoUrl) c = by_source_.final_target(c);
      if (c != kNoUrl && c != source && node_[c] != kNotRankedNode) {
        row_.emplace_back(node_[c], 1.0);
        visit(u, row_, 0.0);
        continue;
      }
      seen_.next_source();
      seen_lost_.next_source();
      for (const std::uint32_t i : by_source_.of(source)) {
        const Link& link = graph_.links()[i];
        if (!is_click_link(link.kind)) continue;
        const UrlId target = by_source_.final_target(link.target);
        if (target == source) continue;
        double w = options_.placement_weight[static_cast<std::size_t>(link.placement)];
        if (!weights.empty()) w *= weights[i];
        if (followable(graph_, link) && target != kNoUrl && node_[target] != kNotRankedNode) {
          const std::uint32_t v = node_[target];
          if (seen_.first(v)) {
            slot_[v] = static_cast<std::uint32_t>(row_.size());
            row_.emplace_back(v, w);
          } else {
            merge(row_[slot_[v]].second, w);
          }
        } else if (seen_lost_.first(link.target)) {
          lost_slot_[link.target] = static_cast<std::uint32_t>(lost_.size());
          lost_.push_back(w);
        } else {
          merge(lost_[lost_slot_[link.target]], w);
        }
      }
      double lost = 0;  // a lost share goes nowhere
      for (const double w : lost_) lost += w;
      visit(u, row_, lost);
    }
  }

 private:
  const SiteGraph& graph_;
  const std::vector<std::uint32_t>& node_;
  const EquityOptions& options_;
  std::optional<LinkIndex> own_;
  const LinkIndex& by_source_;
  SeenTargets seen_;       // a passing share's target node, per source
  SeenTargets seen_lost_;  // a lost share's target URL, per source
  std::vector<std::uint32_t> slot_;
  std::vector<std::uint32_t> lost_slot_;
  ShareRow row_;
  std::vector<double> lost_;
};

}  // namespace

EquityModel equity_model(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority,
                         const LinkIndex* by_source) {
  EquityModel model;
  model.node = ranked_nodes(graph, model.page_of);
  const std::size_t n = model.page_of.size();
  ShareRows rows(graph, model.node, n, options, by_source);
  model.matrix = matrix_from_rows(n, rows, &model.total);
  model.matrix.teleport = node_teleport(authority, model.page_of);
  return model;
}

std::vector<double> equity_passed(const EquityModel& model, const PageRankResult& equity, double damping) {
  std::vector<double> passed(equity.rank.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<double> reaching(model.page_of.size(), 0.0);
  for (std::size_t e = 0; e < model.matrix.edges(); ++e) reaching[model.matrix.in.targets[e]] += model.matrix.coeff(e);
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
  for (std::size_t e = 0; e < model.matrix.edges(); ++e) reaching[model.matrix.in.targets[e]] += model.matrix.coeff(e);
  double leak = 0;  // the share of rank lost per step, weighted by the classic distribution
  for (std::size_t u = 0; u < n; ++u) {
    if (model.total[u] > 0) leak += start[u] / total * (1.0 - reaching[u]);
  }
  const double mass = (1.0 - damping) / (1.0 - damping + damping * leak);
  for (double& x : start) x = x / total * mass;
  return start;
}

EquityFlow equity_flow(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority,
                       const PageRankResult& equity, std::span<const std::uint32_t> segment_of_page, std::size_t segments) {
  EquityFlow flow;
  flow.segments = segments;
  flow.links.assign(segments * segments, 0.0);
  flow.lost.assign(segments, 0.0);
  flow.teleport.assign(segments, 0.0);
  flow.arriving.assign(segments, 0.0);
  std::vector<UrlId> page_of;
  const std::vector<std::uint32_t> node = ranked_nodes(graph, page_of);
  const double d = options.pagerank.damping;
  const auto segment = [&](std::uint32_t u) { return static_cast<std::size_t>(segment_of_page[page_of[u]]); };
  double dangling = 0;  // equity on pages with no share at all: it jumps along the teleport vector
  // The same rows the model's matrix is built from: each page's weight split between its links
  // to ranked pages (by target) and the lost ones.
  ShareRows rows(graph, node, page_of.size(), options, nullptr);
  rows([&](std::uint32_t u, const ShareRow& row, double lost) {
    const double x = equity.rank[page_of[u]];
    const std::size_t from = segment(u);
    double total = lost;
    for (const auto& [v, w] : row) total += w > 0 ? w : 0.0;
    flow.teleport[from] += (1.0 - d) * x;
    if (!(total > 0)) {
      flow.teleport[from] += d * x;
      dangling += x;
      return;
    }
    for (const auto& [v, w] : row) {
      if (w > 0) flow.links[from * segments + segment(v)] += d * x * w / total;
    }
    flow.lost[from] += d * x * lost / total;
  });
  const std::vector<double> t = node_teleport(authority, page_of);
  const double jumping = (1.0 - d) + d * dangling;
  for (std::uint32_t u = 0; u < page_of.size(); ++u) {
    flow.arriving[segment(u)] += jumping * (t.empty() ? 1.0 / static_cast<double>(page_of.size()) : t[u]);
  }
  return flow;
}

PageRankResult site_equity(const SiteGraph& graph, const EquityOptions& options, std::span<const double> authority) {
  const EquityModel model = equity_model(graph, options, authority);
  return spread_to_pages(power_iterate(model.matrix, options.pagerank), model.page_of, graph.size());
}

}  // namespace sitegraph
