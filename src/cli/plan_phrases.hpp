#pragma once
// Step four of an audit with --plan: where in each source page the planned link goes. The
// source pages are read again from the target (only the plan's few sources), and each
// planned link gets the phrase of the source's own text that names its target.

#include "cli/audit_args.hpp"
#include "cli/audit_plan.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph::cli {

/// Fills every PlannedLink's phrase, sentence, line and anchor. A target's names are its
/// keyword (a `keyword` column beside the URL column of the --priority or --plan-target file),
/// its first heading and its title. A snapshot or an edge list holds no page text: each link's
/// anchor is then the target's keyword, heading or title, and phrase_note says why there is
/// no phrase.
void add_plan_phrases(const AuditPlan& plan, const AuditArgs& args, const CrawlResult& crawl, Audit& audit);

}  // namespace sitegraph::cli
