// The link planner. Greedy: each round adds the candidate link with the largest gain in the
// targets' summed equity, then makes it part of the model before the next round. Lazy (CELF,
// Leskovec et al. 2007): a candidate's gain from an earlier round is an upper bound on its
// gain now when gains only shrink as links are added, so the candidates are kept in a heap by
// their last gain and only the one on top is evaluated again; when its fresh gain still tops
// the heap it is the pick. Equity gains are not exactly submodular (a link can help another
// link's target), so a lazy pick can differ from plain greedy's. A candidate's gain comes from
// the model's adjoints (link_effect.hpp: two solves a round, one small reverse push per
// source), exact to a thousandth of the gain at worst, so the first pick is the best single
// link to that precision; every number the plan reports is measured on the model with
// the links added, and the plan's evaluations and plain greedy's are both reported.

#include "analyze/link_plan.hpp"

#include "analyze/link_effect.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <queue>
#include <set>

namespace sitegraph {
namespace {

double content_weight(const AuditOptions& options) {
  return options.equity.placement_weight[static_cast<std::size_t>(Placement::kContent)];
}

struct Planner {
  EquityModel& model;
  const AuditOptions& options;
  std::vector<std::uint32_t> target_nodes;
  std::vector<double> current;  // equity per node, with the links chosen so far
  LinkEffects effects;
  double iterating_seconds = 0;

  double targets_sum(const std::vector<double>& rank) const {
    double sum = 0;
    for (const std::uint32_t t : target_nodes) sum += rank[t];
    return sum;
  }

  // The targets' summed equity gain if `source` adds a content link to `target` now.
  double gain(std::uint32_t source, std::uint32_t target) { return effects.gain(source, target, content_weight(options), current); }

  // The link becomes part of the model; the equity is iterated again to the model's own
  // tolerance (warm-started), and the adjoints solved for the next round.
  void add(std::uint32_t source, std::uint32_t target) {
    add_model_link(model, source, target, content_weight(options));
    const auto start = std::chrono::steady_clock::now();
    current = power_iterate(model.matrix, options.equity.pagerank, current).rank;
    iterating_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    effects.refresh();
  }
};

struct Candidate {
  std::uint32_t source;  // nodes
  std::uint32_t target;
  double relevance;
};

// The pages that link to each target already (a followable link, redirects followed), sorted:
// one pass over the links instead of every followable pair of the site (8 bytes a pair, 200 MB
// at a million pages).
std::map<UrlId, std::vector<UrlId>> linking_sources(const SiteGraph& graph, const EquityModel& model,
                                                   const std::vector<std::uint32_t>& target_nodes) {
  std::map<UrlId, std::vector<UrlId>> out;
  std::vector<char> is_target(graph.size(), 0);
  for (const std::uint32_t t : target_nodes) {
    out[model.page_of[t]];
    is_target[model.page_of[t]] = 1;
  }
  for (const Link& link : graph.links()) {
    if (!followable(graph, link)) continue;
    const UrlId target = graph.page(link.target).redirect_to == kNoUrl ? link.target : graph.final_target(link.target);
    if (target == kNoUrl || target == link.source || !is_target[target]) continue;
    out[target].push_back(link.source);
  }
  for (auto& [target, sources] : out) {
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  }
  return out;
}

// The pages the plan serves when none are given.
std::vector<UrlId> default_targets(const SiteGraph& graph, const Audit& audit, const AuditOptions& options,
                                   const EquityModel& model, std::string& from) {
  std::vector<UrlId> out;
  for (const UrlId id : options.priority) {
    if (id < graph.size() && model.node[id] != kNotRankedNode) out.push_back(id);
  }
  if (!out.empty()) {
    from = "priority";
    return out;
  }
  for (const Finding& f : audit.findings) {
    if (f.rule == "orphan-page" && f.url < graph.size() && model.node[f.url] != kNotRankedNode) out.push_back(f.url);
  }
  if (!out.empty()) {
    from = "orphans";
    return out;
  }
  from = "least equity";
  for (const UrlId id : model.page_of) {
    if (audit.facts.indexable[id]) out.push_back(id);
  }
  const std::size_t keep = std::min<std::size_t>(out.size(), 10);
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    [&](UrlId a, UrlId b) { return audit.equity.rank[a] != audit.equity.rank[b] ? audit.equity.rank[a] < audit.equity.rank[b] : a < b; });
  out.resize(keep);
  return out;
}

}  // namespace

void add_model_link(EquityModel& model, std::uint32_t source, std::uint32_t target, double weight) {
  if (!(weight > 0)) return;  // a share of no weight passes nothing, as matrix_from_rows leaves it out
  TransitionMatrix& m = model.matrix;
  const double total = model.total[source];
  if (!(total > 0)) m.dangling.erase(std::remove(m.dangling.begin(), m.dangling.end(), source), m.dangling.end());
  // The source's existing shares shrink by T / (T + w) through its scale alone.
  model.total[source] = total + weight;
  m.scale[source] = 1.0 / model.total[source];
  // The new share goes in the target's row of in-links, kept in source order, with its weight.
  const auto at = std::upper_bound(m.in.targets.begin() + m.in.offsets[target], m.in.targets.begin() + m.in.offsets[target + 1], source) -
                  m.in.targets.begin();
  m.in.targets.insert(m.in.targets.begin() + at, source);
  for (std::size_t v = target + 1; v < m.in.offsets.size(); ++v) ++m.in.offsets[v];
  if (!m.edge_weight.empty()) {
    m.edge_weight.insert(m.edge_weight.begin() + at, weight);
    return;
  }
  auto cls = std::find(m.weights.begin(), m.weights.end(), weight);
  if (cls == m.weights.end()) {
    if (m.weights.size() == 256) {  // no class left: every edge gets its own weight
      std::vector<double> each(m.edges());
      const auto new_edge = static_cast<std::size_t>(at);
      for (std::size_t e = 0; e < each.size(); ++e) {
        each[e] = e == new_edge ? weight : m.weights[m.weight_class[e < new_edge ? e : e - 1]];
      }
      m.edge_weight = std::move(each);
      m.weight_class.clear();
      m.weights.clear();
      return;
    }
    m.weights.push_back(weight);
    cls = m.weights.end() - 1;
  }
  if (m.weight_class.empty() && m.weights.size() > 1) {
    // One weight until now: every edge but the new one is of the first class.
    m.weight_class.assign(m.edges() - 1, 0);
  }
  if (!m.weight_class.empty()) m.weight_class.insert(m.weight_class.begin() + at, static_cast<std::uint8_t>(cls - m.weights.begin()));
}

LinkPlan plan_links(const SiteGraph& graph, EquityModel& model, const Audit& audit, const AuditOptions& options) {
  LinkPlan plan;
  const PlanOptions& o = options.plan;
  // A content link of no weight (--placement-weights content=0) would carry nothing.
  if (o.links == 0 || model.page_of.empty() || !(content_weight(options) > 0)) return plan;
  plan.requested = o.links;
  plan.targets_from = o.targets.empty() ? "" : "given";
  plan.targets = o.targets.empty() ? default_targets(graph, audit, options, model, plan.targets_from) : o.targets;
  std::set<UrlId> listed;
  plan.targets.erase(std::remove_if(plan.targets.begin(), plan.targets.end(), [&](UrlId t) { return !listed.insert(t).second; }),
                     plan.targets.end());
  std::vector<std::uint32_t> target_nodes;
  for (const UrlId t : plan.targets) {
    plan.before.push_back(t < graph.size() ? audit.equity.rank[t] : std::nan(""));
    if (t < graph.size() && model.node[t] != kNotRankedNode) target_nodes.push_back(model.node[t]);
  }
  std::sort(target_nodes.begin(), target_nodes.end());
  target_nodes.erase(std::unique(target_nodes.begin(), target_nodes.end()), target_nodes.end());
  Planner planner{model, options, target_nodes, {}, LinkEffects(model, options.equity.pagerank.damping, target_nodes), 0};
  planner.current.reserve(model.page_of.size());
  for (const UrlId page : model.page_of) planner.current.push_back(audit.equity.rank[page]);

  // Candidates: per target, the relevant indexable sources that do not link to it yet, first
  // by what the new link would carry (the source's equity x w / (T + w)) times relevance.
  const TermWeights weights(graph);
  const double w = content_weight(options);
  const std::map<UrlId, std::vector<UrlId>> linking = linking_sources(graph, model, target_nodes);
  const auto links = [&](UrlId from, UrlId to) {
    const std::vector<UrlId>& sources = linking.at(to);
    return std::binary_search(sources.begin(), sources.end(), from);
  };
  std::vector<Candidate> candidates;
  std::map<UrlId, std::size_t> sources_found;
  for (const std::uint32_t t : planner.target_nodes) {
    const UrlId target = model.page_of[t];
    std::vector<std::pair<double, Candidate>> found;
    for (std::uint32_t s = 0; s < model.page_of.size(); ++s) {
      const UrlId source = model.page_of[s];
      // A nofollow page's links pass nothing: it is no source.
      if (source == target || !audit.facts.indexable[source] || graph.page(source).nofollow || links(source, target)) continue;
      const double relevance = weights.relevance(source, target);
      if (relevance < o.min_relevance || !(relevance > 0)) continue;
      const double total = model.total[s];
      // What the link would carry, times how relevant its source is: of two sources as
      // strong, the closer in topic is tried first.
      found.push_back({planner.current[s] * (total > 0 ? w / (total + w) : 1.0) * relevance, {s, t, relevance}});
    }
    sources_found[target] = found.size();
    const std::size_t keep = std::min<std::size_t>(found.size(), o.candidates_per_target);
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second.source < b.second.source;
    });
    for (std::size_t i = 0; i < keep; ++i) candidates.push_back(found[i].second);
  }
  plan.candidates = candidates.size();

  // Lazy greedy. The heap holds (gain, round it was computed in, candidate); ties go to the
  // smaller candidate index, so a plan is the same from run to run.
  using Entry = std::tuple<double, std::size_t, std::size_t>;
  const auto lower = [](const Entry& a, const Entry& b) {
    return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b) : std::get<2>(a) > std::get<2>(b);
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(lower)> heap(lower);
  planner.effects.refresh();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    heap.emplace(planner.gain(candidates[c].source, candidates[c].target), 0, c);
    ++plan.evaluations;
  }
  std::vector<std::uint32_t> per_source(model.page_of.size(), 0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> chosen;
  const auto usable = [&](const Candidate& c) { return per_source[c.source] < o.max_per_source && !chosen.count({c.source, c.target}); };
  std::size_t round = 0;
  std::size_t left = candidates.size();
  plan.evaluations_eager = plan.evaluations;
  while (plan.links.size() < o.links && !heap.empty()) {
    auto [gain, computed, c] = heap.top();
    heap.pop();
    const Candidate& candidate = candidates[c];
    if (!usable(candidate)) continue;
    if (computed != round) {
      heap.emplace(planner.gain(candidate.source, candidate.target), round, c);
      ++plan.evaluations;
      continue;
    }
    if (!(gain > 0)) break;  // no link left helps the targets
    const double before = planner.targets_sum(planner.current);
    planner.add(candidate.source, candidate.target);
    chosen.insert({candidate.source, candidate.target});
    ++per_source[candidate.source];
    PlannedLink link;
    link.source = model.page_of[candidate.source];
    link.target = model.page_of[candidate.target];
    link.relevance = candidate.relevance;
    // What the link adds, from the model with it (the heap's figure chose it).
    link.gain = planner.targets_sum(planner.current) - before;
    plan.links.push_back(std::move(link));
    ++round;
    // Plain greedy would evaluate every candidate still usable in the next round.
    left = 0;
    for (const Candidate& other : candidates) left += usable(other) ? 1U : 0U;
    if (plan.links.size() < o.links) plan.evaluations_eager += left;
  }
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    const UrlId t = plan.targets[i];
    plan.after.push_back(t < graph.size() && model.node[t] != kNotRankedNode ? planner.current[model.node[t]] : plan.before[i]);
    if (!std::isnan(plan.after.back())) plan.total_gain += plan.after.back() - plan.before[i];
    plan.sources.push_back(sources_found.count(t) ? sources_found[t] : 0);
  }
  spdlog::debug("plan: {} evaluations, {} rounds, {} adjoint sweeps, {} push steps, {:.1f} s in the model's own iterations",
                plan.evaluations, round, planner.effects.sweeps(), planner.effects.pushes(), planner.iterating_seconds);
  return plan;
}

}  // namespace sitegraph
