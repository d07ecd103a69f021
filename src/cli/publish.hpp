#pragma once
// The last step of an audit: the findings filtered, compared with the baseline and the
// previous run kept in --history, written in every planned format, this crawl kept in
// --history, and the --fail-on gate judged.

#include <atomic>
#include <optional>
#include <string>

#include "cli/audit_args.hpp"
#include "cli/audit_plan.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "cli/what_if.hpp"
#include "sitegraph/diff.hpp"

namespace sitegraph::cli {

/// --baseline FILE when it is a JSON report, read before the crawl so a bad file fails at
/// once (a snapshot baseline is audited after the crawl, with this run's options); nullopt
/// otherwise. Throws UsageError when the report cannot be read.
std::optional<RunView> read_report_baseline(const std::string& path);

/// A crawl seen through this run's options and finding filters (no link suggestions or plan):
/// a snapshot baseline, the previous run of --history, the graph before --what-if.
RunView audited_view(const CrawlResult& crawl, const AuditOptions& options, const FindingFilters& filters);

/// Publishes the audit; returns the exit code: 0, 1 when the gate failed, 130 when
/// `stop` was set (Ctrl-C). `what_if` (--what-if): the graph before the changes, which the
/// reports compare this audit with. Throws RunError when a report or the history cannot be
/// written.
int publish(const AuditPlan& plan, const AuditArgs& args, const CrawlResult& crawl, Audit audit,
            std::optional<RunView> report_baseline, const std::atomic<bool>& stop, const WhatIfBefore* what_if = nullptr);

}  // namespace sitegraph::cli
