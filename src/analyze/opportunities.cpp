// Link opportunities: for a page that needs links, which new link would raise its equity most.
// Each candidate is evaluated exactly: the equity model is re-run from the current vector with
// the link added (a warm start converges in a few iterations).

#include "analyze/opportunities.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace sitegraph {
namespace {

struct Evaluator {
  const EquityModel& model;
  const AuditOptions& options;
  std::vector<double> start;  // current equity per node
  std::size_t evaluations = 0;
  double visits = 0;  // link visits spent so far

  // The equity `target` gains when `source` adds a content link to it.
  double gain(std::uint32_t source, std::uint32_t target) {
    ++evaluations;
    const double w = options.equity.placement_weight[static_cast<std::size_t>(Placement::kContent)];
    const ExtraLink extra = added_link(model, source, target, w);
    const PageRankResult r = power_iterate(model.matrix, options.equity.pagerank, start, &extra);
    visits += static_cast<double>(r.iterations) * static_cast<double>(model.matrix.in.targets.size() + start.size());
    return r.rank[target] - start[target];
  }
};

struct Candidate {
  std::uint32_t source;
  std::uint32_t target;
  bool same_cluster;
  double estimate;
};

}  // namespace

std::vector<LinkOpportunity> link_opportunities(const SiteGraph& graph, const EquityModel& model, const Audit& audit,
                                                const AuditOptions& options, const std::vector<std::pair<UrlId, UrlId>>& pairs) {
  std::vector<LinkOpportunity> out;
  if (options.suggest_links == 0 || model.page_of.empty()) return out;
  std::vector<double> current;
  current.reserve(model.page_of.size());
  for (const UrlId page : model.page_of) current.push_back(audit.equity.rank[page]);
  Evaluator eval{model, options, std::move(current), 0, 0.0};
  const auto links = [&](UrlId from, UrlId to) { return std::binary_search(pairs.begin(), pairs.end(), std::pair{from, to}); };
  const auto cluster = [&](UrlId id) { return audit.clustering.of_page[id]; };
  const double w = options.equity.placement_weight[static_cast<std::size_t>(Placement::kContent)];

  // Pages that need links in, and sinks that should give links out; each once.
  std::vector<UrlId> needs_in, gives_out;
  std::set<UrlId> seen;
  for (const Finding& f : audit.findings) {
    if ((f.rule == "priority-page-weak" || f.rule == "orphan-page") && seen.insert(f.url).second) needs_in.push_back(f.url);
    if (f.rule == "authority-sink") gives_out.push_back(f.url);
  }
  std::vector<UrlId> sources;  // indexable ranked pages, the only ones worth linking from
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (audit.facts.indexable[id] && model.node[id] != kNotRankedNode) sources.push_back(id);
  }
  const std::size_t per_page = std::max<std::size_t>(kCandidatesPerPage, 3 * options.suggest_links);
  bool budget_hit = false;
  const auto evaluate = [&](std::vector<Candidate>& candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.same_cluster != b.same_cluster ? a.same_cluster : a.estimate > b.estimate;
    });
    if (candidates.size() > per_page) candidates.resize(per_page);
    std::vector<LinkOpportunity> found;
    for (const Candidate& c : candidates) {
      if (eval.visits >= kEvaluationBudget) {
        budget_hit = true;
        break;
      }
      found.push_back({model.page_of[c.source], model.page_of[c.target], eval.gain(c.source, c.target), c.same_cluster});
    }
    std::sort(found.begin(), found.end(), [](const LinkOpportunity& a, const LinkOpportunity& b) {
      return a.same_cluster != b.same_cluster ? a.same_cluster : a.gain > b.gain;
    });
    if (found.size() > options.suggest_links) found.resize(options.suggest_links);
    out.insert(out.end(), found.begin(), found.end());
  };
  for (const UrlId target : needs_in) {
    const std::uint32_t t = model.node[target];
    if (t == kNotRankedNode) continue;
    std::vector<Candidate> candidates;
    for (const UrlId source : sources) {
      if (source == target || links(source, target)) continue;
      const std::uint32_t s = model.node[source];
      // First-order estimate: the share of the source's equity the new link would carry.
      const double total = model.total[s];
      const double estimate = eval.start[s] * (total > 0 ? w / (total + w) : 1.0);
      candidates.push_back({s, t, cluster(source) != kNoCluster && cluster(source) == cluster(target), estimate});
    }
    evaluate(candidates);
  }
  std::set<UrlId> priority(options.priority.begin(), options.priority.end());
  for (const UrlId sink : gives_out) {
    const std::uint32_t s = model.node[sink];
    std::vector<Candidate> candidates;
    for (const UrlId target : sources) {
      if (target == sink || links(sink, target)) continue;
      const bool same = cluster(sink) != kNoCluster && cluster(sink) == cluster(target);
      if (!priority.empty() && !priority.count(target)) continue;
      // The weakest pages gain most from the same share.
      const std::uint32_t t = model.node[target];
      candidates.push_back({s, t, same, -eval.start[t]});
    }
    evaluate(candidates);
  }
  // A link can help a weak page and drain a sink at once: list it once.
  std::set<std::pair<UrlId, UrlId>> listed;
  out.erase(std::remove_if(out.begin(), out.end(), [&](const LinkOpportunity& o) { return !listed.emplace(o.source, o.target).second; }),
            out.end());
  if (budget_hit) {
    spdlog::warn("--suggest-links: stopped after {} evaluated links (the work budget); later pages have no suggestions",
                 eval.evaluations);
  }
  return out;
}

}  // namespace sitegraph
