#pragma once
// --what-if FILE: the graph audited as read, then changed as the file says and audited again;
// the reports are of the changed graph, with the difference from the unchanged one.

#include <optional>
#include <string>
#include <vector>

#include "cli/audit_args.hpp"
#include "cli/audit_plan.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/inputs.hpp"

namespace sitegraph::cli {

/// The changes of --what-if, read before the crawl so a bad file fails at once; empty
/// without the flag. Throws UsageError naming the file and row.
std::vector<GraphChange> read_what_if(const AuditArgs& args);

/// The graph as read, audited (with this run's options and finding filters).
struct WhatIfBefore {
  RunView view;
  std::string file;
  ChangesApplied applied;
};

/// Audits the crawl as it is, then applies the changes to it (all or none). Throws
/// UsageError naming the file and row when a change cannot be made.
WhatIfBefore apply_what_if(const AuditPlan& plan, const AuditArgs& args, CrawlResult& crawl, const std::vector<GraphChange>& changes);

/// The comparison the reports show: the unchanged audit against this one.
WhatIfDiff what_if_diff(const WhatIfBefore& before, const CrawlResult& crawl, const Audit& audit, std::size_t top);

}  // namespace sitegraph::cli
