#pragma once
// --fail-on budgets: conditions on a figure of a segment or a page, beside the finding counts
// of gate.hpp (docs/cli.md, "Budgets"). The grammar, one condition per --fail-on item:
//
//   METRIC(SUBJECT) OP VALUE        equity(segment:money) < 0.20      depth(segment:docs) > 4
//   METRIC(SUBJECT) drops N%        equity(segment:money) drops 10%   (against --baseline)
//   METRIC(SUBJECT) rises N%        depth(segment:docs) rises 50%
//
//   METRIC   equity, pagerank (shares of the site's: 0.2 or 20%), depth (clicks; of a segment,
//            its deepest page), orphans, pages, broken-links (counts), gini (how unevenly the
//            pages hold their equity, 0-1); the last four of a segment or the site only
//   SUBJECT  segment:NAME, site (the whole site), or a page: a URL or a path ("/pricing.html")
//   OP       <  <=  >  >=
//
// A condition says when to fail: `equity(segment:money) < 0.20` fails the run when the money
// pages hold less than a fifth of the equity.

#include <optional>
#include <string>
#include <vector>

#include "sitegraph/diff.hpp"
#include "sitegraph/report.hpp"

namespace sitegraph::cli {

struct Budget {
  enum class Metric { kEquity, kPagerank, kDepth, kOrphans, kPages, kBrokenLinks, kGini };
  enum class Op { kLess, kLessEqual, kMore, kMoreEqual, kDrops, kRises };
  std::string text;     ///< as written
  Metric metric = Metric::kEquity;
  std::string segment;  ///< segment:NAME
  bool site = false;    ///< the whole site
  std::string page;     ///< a URL or a path, when the subject is a page
  Op op = Op::kLess;
  double value = 0;     ///< the bound; for drops and rises, the percent
  [[nodiscard]] bool against_baseline() const { return op == Op::kDrops || op == Op::kRises; }
};

/// Parses `item` when it is a budget (it has "(" before any space); nullopt when it is not (a
/// rule, a severity). Throws std::invalid_argument naming the item and what is wrong with it.
std::optional<Budget> parse_budget(const std::string& item);

/// Judges each budget on this run. `baseline` (--baseline) is needed by drops and rises; a
/// segment or page it lacks is not judged (a warning). Throws UsageError for a segment this
/// run does not have, naming the ones it has.
std::vector<BudgetCheck> check_budgets(const std::vector<Budget>& budgets, const CrawlResult& crawl, const Audit& audit,
                                       const RunView* baseline);

}  // namespace sitegraph::cli
