#pragma once
// The link planner: K new content links that raise the targets' summed equity most, each from
// a relevant source, chosen greedily with exact re-evaluation. Internal to src/analyze.

#include <utility>
#include <vector>

#include "analyze/power_iteration.hpp"

namespace sitegraph {

/// The plan of options.plan (empty when options.plan.links is 0). `model` is the equity
/// model the audit's equity came from; it is changed (the plan's links are added to it).
LinkPlan plan_links(const SiteGraph& graph, EquityModel& model, const Audit& audit, const AuditOptions& options);

/// Adds a content link of weight `weight` from node `source` to node `target` to the model,
/// as equity_model would build it from a graph holding the link: the source's shares are
/// scaled by T / (T + w) and the new one carries w / (T + w) (all of it when T = 0). Only for
/// a link the graph does not hold yet, between two nodes, from a source that is not
/// canonicalised (equity_model would merge or redirect those); a weight <= 0 adds nothing.
void add_model_link(EquityModel& model, std::uint32_t source, std::uint32_t target, double weight);

}  // namespace sitegraph
