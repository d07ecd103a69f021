#pragma once
// Link opportunities: the links that would help weak pages most, computed on the equity model.
// Internal to src/analyze.

#include <vector>

#include "analyze/power_iteration.hpp"

namespace sitegraph {

/// How many candidate links are evaluated per page that needs links (the best by a
/// first-order estimate), and how much work all evaluations may take together: each is a
/// warm-started power iteration, costing (iterations x links) link visits. The budget is a
/// few seconds of work on any graph: about 3,000 evaluations on a 50,000-link site, about
/// 20 on a 15,000,000-link one.
inline constexpr std::size_t kCandidatesPerPage = 12;
inline constexpr double kEvaluationBudget = 3e9;

/// For each weak priority page and orphan (the links it should receive) and each authority
/// sink (the links it should give), the options.suggest_links best links, ranked by the
/// equity their target gains when the link is added as a content link.
std::vector<LinkOpportunity> link_opportunities(const SiteGraph& graph, const EquityModel& model, const Audit& audit,
                                                const AuditOptions& options, const std::vector<std::pair<UrlId, UrlId>>& pairs);

}  // namespace sitegraph
