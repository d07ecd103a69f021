#pragma once
// The inputs of the analysis that name pages of the graph, read once the graph is loaded:
// --backlinks (external authority per page), --clusters (topic cluster rules), --priority
// (the pages that matter).

#include "cli/audit_args.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/graph.hpp"

namespace sitegraph::cli {

/// Adds them to `analysis`. Throws UsageError naming the flag and file when one cannot be used.
void add_graph_inputs(AuditOptions& analysis, const AuditArgs& args, const CrawlResult& crawl);

}  // namespace sitegraph::cli
