#pragma once
// --fail-on: the conditions a CI job fails on, and whether a report meets one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/budget.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph::cli {

/// One --fail-on item: `RULE` (any finding of the rule), `RULE>N` (more than N of them), or
/// `severity>=LEVEL` (any finding at LEVEL or above: info, warning, error); `new` (any
/// finding the --baseline lacks) or `new:` before any of the others (new findings only); or a
/// budget on a figure (budget.hpp: `equity(segment:money) < 0.20`).
struct GateCondition {
  std::string text;  ///< as the user wrote it
  std::string rule;  ///< empty for a severity condition and for plain `new`
  bool only_new = false;
  std::size_t more_than = 0;
  std::optional<Severity> at_least;
  std::optional<Budget> budget;  ///< a budget, judged by check_budgets rather than on findings
};

/// Parses the items; throws std::invalid_argument naming the item that is not a condition.
std::vector<GateCondition> parse_gate(const std::vector<std::string>& items);

/// The first condition the findings meet, with how many findings meet it, or nullopt.
/// Inconclusive findings (a crawl that stopped early) count only with `count_inconclusive`
/// (--fail-on-inconclusive).
std::optional<std::pair<const GateCondition*, std::size_t>> gate_matched(const std::vector<GateCondition>& gate,
                                                                         const std::vector<Finding>& findings,
                                                                         const std::vector<std::uint8_t>* is_new = nullptr,
                                                                         bool count_inconclusive = false);

}  // namespace sitegraph::cli
