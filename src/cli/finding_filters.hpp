#pragma once
// --ignore and --severity: the findings a team has decided about, removed or re-rated before
// reports, baselines and the --fail-on gate see them.

#include <optional>
#include <string>
#include <vector>

#include "sitegraph/analyze.hpp"

namespace sitegraph::cli {

/// `RULE:URL-GLOB` (or `RULE` alone, or `*:GLOB`): findings of the rule whose page URL or
/// target matches the glob. A glob starting with '/' matches the URL's path and query.
struct IgnoreRule {
  std::string rule;  ///< "*" for any rule
  std::string glob;  ///< empty: every URL
};

/// `RULE=LEVEL`: the severity of a rule's findings (info, warning, error), or off (dropped).
struct SeverityOverride {
  std::string rule;
  std::optional<Severity> severity;  ///< nullopt: off
};

/// Both parsers throw std::invalid_argument naming the item and what is wrong with it.
std::vector<IgnoreRule> parse_ignores(const std::vector<std::string>& items);
std::vector<SeverityOverride> parse_severities(const std::vector<std::string>& items);

/// Applies the overrides, then drops ignored findings; returns how many were dropped by
/// --ignore (findings of a rule set to off are not counted: the rule did not run for the user).
std::size_t apply_finding_filters(const SiteGraph& graph, std::vector<Finding>& findings,
                                  const std::vector<IgnoreRule>& ignores, const std::vector<SeverityOverride>& severities);

}  // namespace sitegraph::cli
