// Filters, baseline, history, report outputs and the gate (publish.hpp).

#include "cli/publish.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>

#include "cli/exit_codes.hpp"
#include "cli/history.hpp"
#include "cli/report_outputs.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/snapshot.hpp"

namespace fs = std::filesystem;

namespace sitegraph::cli {
namespace {

// The settings the JSON report records (run.settings), as given or defaulted.
nlohmann::json settings_json(const AuditArgs& args, const std::string& user_agent) {
  return {{"max_pages", args.max_pages},       {"max_depth", args.max_depth},
          {"concurrency", args.concurrency},   {"per_host", args.per_host},
          {"fixed_per_host", args.fixed_per_host},
          {"rate", args.rate},                 {"retries", args.retries},
          {"max_time_s", args.max_time},       {"check_external", args.check_external},
          {"check_resources", args.check_resources}, {"strip_tracking", args.strip_tracking},
          {"strip_params", args.strip_params},     {"sort_query", args.sort_query},
          {"max_click_depth", args.max_click_depth}, {"max_links", args.max_links},
          {"slow_page_ms", args.slow_page_ms}, {"near_duplicate", args.near_duplicate},
          {"placement_weights", args.placement_weights}, {"damping", args.damping},
          {"backlinks", args.backlinks},       {"urls", args.urls},
          {"priority", args.priority},         {"clusters", args.clusters}, {"segments", args.segments}, {"start", args.start},
          {"suggest_links", args.suggest_links}, {"plan", args.plan_links}, {"plan_targets", args.plan_targets},
          {"max_per_source", args.max_per_source}, {"min_relevance", args.min_relevance}, {"what_if", args.what_if},
          {"min_content_inlinks", args.min_content_inlinks},
          {"min_hub_coverage", args.min_hub_coverage}, {"min_cluster_density", args.min_cluster_density},
          {"link_list_links", args.link_list_links}, {"long_page_words", args.long_page_words},
          {"min_content_links", args.min_content_links}, {"content_links_per_1000_words", args.content_links_per_1000_words}, {"anchor_overuse_share", args.anchor_overuse_share},
          {"anchor_overuse_min", args.anchor_overuse_min},
          {"max_url_length", args.max_url_length}, {"max_links_per_page", args.max_links_per_page},
          {"max_redirects", args.max_redirects}, {"max_sitemap_urls", args.max_sitemap_urls},
          {"max_sitemap_files", args.max_sitemap_files}, {"max_sitemap_depth", args.max_sitemap_depth},
          {"insecure", args.insecure},         {"timeout_s", args.timeout},
          {"connect_timeout_s", args.connect_timeout}, {"max_body_size", args.max_body_size},
          {"user_agent", user_agent},          {"robots", !args.no_robots},
          {"sitemaps", !args.no_sitemaps}, {"soft_404_probe", !args.no_soft_404_probe},     {"extra_sitemaps", args.sitemaps},
          {"include", args.includes},          {"exclude", args.excludes},
          {"no_parent", args.no_parent}};
}

// --history: what changed since the newest crawl kept there; nullopt for the first run.
std::optional<RunDiff> since_previous_run(const AuditPlan& plan, const AuditArgs& args, const CrawlResult& crawl,
                                          const Audit& audit) {
  const auto previous_file = latest_in_history(args.history);
  if (!previous_file) return std::nullopt;
  try {
    RunDiff diff = diff_runs(audited_view(read_snapshot(*previous_file), plan.analysis, plan.filters),
                             view_of_audit(crawl, audit), args.top);
    diff.before_source = previous_file->filename().string();
    diff.after_source = "this run";
    return diff;
  } catch (const SnapshotError& e) {
    spdlog::warn("--history: cannot read {}: {}; no comparison with the previous run", previous_file->string(), e.what());
    return std::nullopt;
  }
}

// --history: this crawl becomes the next run's comparison, when it is complete.
void keep_in_history(const AuditArgs& args, const CrawlResult& crawl) {
  if (!crawl.complete) {
    spdlog::warn("--history: the crawl is incomplete ({}); not kept as the next run's comparison", crawl.stop_reason);
    return;
  }
  try {
    const fs::path kept = save_in_history(args.history, crawl, args.history_keep);
    spdlog::info("--history: kept this crawl as {}", kept.string());
  } catch (const std::exception& e) {
    throw RunError(std::string("--history: ") + e.what());
  }
}

}  // namespace

// Seen through this run's options and filters, so that only what changed on the site (not a
// flag) shows up as new.
RunView audited_view(const CrawlResult& crawl, const AuditOptions& options, const FindingFilters& filters) {
  AuditOptions quick = options;
  quick.suggest_links = 0;  // link opportunities and plans are not findings; skip their cost
  quick.plan.links = 0;
  Audit audit = audit_site(crawl, quick);
  apply_finding_filters(crawl.graph, audit.findings, filters.ignores, filters.severities);
  return view_of_audit(crawl, audit);
}

std::optional<RunView> read_report_baseline(const std::string& path) {
  if (path.empty() || is_snapshot(path)) return std::nullopt;
  try {
    return view_of_report(read_json_report(path));
  } catch (const std::exception& e) {
    throw UsageError("--baseline: " + path + ": " + e.what());
  }
}

int publish(const AuditPlan& plan, const AuditArgs& args, const CrawlResult& crawl, Audit audit,
            std::optional<RunView> baseline, const std::atomic<bool>& stop, const WhatIfBefore* what_if) {
  const std::size_t ignored = apply_finding_filters(crawl.graph, audit.findings, plan.filters.ignores, plan.filters.severities);
  if (!args.baseline.empty() && !baseline) {
    try {
      baseline = audited_view(read_snapshot(args.baseline), plan.analysis, plan.filters);
    } catch (const SnapshotError& e) {
      throw UsageError(std::string("--baseline: ") + e.what());
    }
  }
  std::optional<BaselineComparison> comparison;
  if (baseline) comparison = compare_with_baseline(crawl, audit, *baseline, args.baseline);
  std::optional<RunDiff> since_previous;
  if (!args.history.empty()) since_previous = since_previous_run(plan, args, crawl, audit);
  std::optional<WhatIfDiff> what_if_diffs;
  if (what_if) what_if_diffs = what_if_diff(*what_if, crawl, audit, args.top);

  std::vector<Budget> budgets;
  for (const GateCondition& c : plan.gate) {
    if (c.budget) budgets.push_back(*c.budget);
  }
  const std::vector<BudgetCheck> checks = check_budgets(budgets, crawl, audit, baseline ? &*baseline : nullptr);
  const auto* folder = std::get_if<SiteFolder>(&plan.target);
  const RunInfo run{args.target, target_mode(plan.target), settings_json(args, plan.fetch.user_agent)};
  // --all: no "... and N more" in the text report (the JSON and CSV reports always list everything).
  const std::size_t rows = args.all_rows ? SIZE_MAX : 50;
  const ReportContext report{run,     crawl,    audit,  comparison ? &*comparison : nullptr,
                             ignored, args.top, rows,   folder ? folder->folder.string() : std::string(),
                             args.all_rows ? SIZE_MAX : 5, checks.empty() ? nullptr : &checks};
  for (const PlannedOutput& output : plan.outputs) {
    const bool color = output.format == "text" && use_color(args.color, output.path);
    write_planned_output(output, report, {since_previous ? &*since_previous : nullptr, what_if_diffs ? &*what_if_diffs : nullptr, color});
  }
  if (!args.history.empty()) keep_in_history(args, crawl);

  if (stop.load()) return kExitInterrupted;
  const std::vector<std::uint8_t>* is_new = comparison ? &comparison->is_new : nullptr;
  // Every budget over its limit is a line of the gate's message, beside the finding condition met.
  bool failed = false;
  for (const BudgetCheck& b : checks) {
    if (!b.violated) continue;
    if (b.inconclusive && !args.fail_on_inconclusive) {
      spdlog::warn("--fail-on {}: {}; not failing: the crawl was partial, the figure is not the site's (--fail-on-inconclusive "
                   "counts it)", b.condition, b.detail);
      continue;
    }
    spdlog::info("--fail-on {}: {}", b.condition, b.detail);
    failed = true;
  }
  if (const auto matched = gate_matched(plan.gate, audit.findings, is_new, args.fail_on_inconclusive)) {
    spdlog::info("--fail-on {}: {} finding{}", matched->first->text, matched->second, matched->second == 1 ? "" : "s");
    return kExitGateFailed;
  }
  if (failed) return kExitGateFailed;
  if (!args.fail_on_inconclusive) {
    if (const auto would = gate_matched(plan.gate, audit.findings, is_new, true)) {
      spdlog::warn("--fail-on {}: met only by findings this partial crawl cannot prove ({}, inconclusive); not failing "
                   "(--fail-on-inconclusive counts them)", would->first->text, would->second);
    }
  }
  return kExitClean;
}

}  // namespace sitegraph::cli
