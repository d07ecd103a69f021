// --what-if (what_if.hpp).

#include "cli/what_if.hpp"

#include <spdlog/spdlog.h>

#include "cli/publish.hpp"
#include "sitegraph/error.hpp"

namespace sitegraph::cli {

std::vector<GraphChange> read_what_if(const AuditArgs& args) {
  if (args.what_if.empty()) return {};
  try {
    return read_graph_changes(read_csv_file(args.what_if));
  } catch (const InputError& e) {
    throw UsageError("--what-if: " + args.what_if + ": " + e.what());
  }
}

WhatIfBefore apply_what_if(const AuditPlan& plan, const AuditArgs& args, CrawlResult& crawl, const std::vector<GraphChange>& changes) {
  WhatIfBefore before{audited_view(crawl, plan.analysis, plan.filters), args.what_if, {}};
  try {
    before.applied = apply_graph_changes(crawl, changes);
  } catch (const InputError& e) {
    throw UsageError("--what-if: " + args.what_if + ": " + e.what() + " (no change was applied)");
  }
  for (const std::string& warning : before.applied.warnings) spdlog::warn("--what-if: {}: {}", args.what_if, warning);
  spdlog::info("--what-if: {} of {} changes applied to the graph", before.applied.applied, changes.size());
  return before;
}

WhatIfDiff what_if_diff(const WhatIfBefore& before, const CrawlResult& crawl, const Audit& audit, std::size_t top) {
  WhatIfDiff out{before.file, before.applied.applied, before.applied.warnings, diff_runs(before.view, view_of_audit(crawl, audit), top)};
  out.diff.before_source = "the site as read";
  out.diff.after_source = "with " + before.file;
  return out;
}

}  // namespace sitegraph::cli
