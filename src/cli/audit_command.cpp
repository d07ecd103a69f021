// `sitegraph audit`: plan -> load -> (--what-if: audit, change) -> analyse -> (--plan: phrases) -> publish. Each step has its own file:
// audit_plan.cpp (the flags checked into a plan), load_crawl.cpp (one loader per target),
// analysis_inputs.cpp (inputs that name pages), the analyzers (src/analyze), publish.cpp
// (filters, baseline, history, reports, gate). `sitegraph crawl` stops after the snapshot.

#include "cli/audit_command.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <unistd.h>
#include <cstdlib>

#include "cli/analysis_inputs.hpp"
#include "cli/audit_plan.hpp"
#include "cli/exit_codes.hpp"
#include "cli/load_crawl.hpp"
#include "cli/plan_phrases.hpp"
#include "cli/publish.hpp"
#include "cli/what_if.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/snapshot.hpp"

namespace sitegraph::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};

extern "C" void on_signal(int) {
  // First signal: stop crawling and report what was crawled. Second: leave at once.
  if (g_signals.fetch_add(1) > 0) std::_Exit(kExitInterrupted);
  g_stop.store(true);
  // write() is async-signal-safe; spdlog is not. The leading newline ends a progress line.
  static constexpr char kNotice[] =
      "\nsitegraph: interrupted: finishing the requests in flight, then writing the report of what was crawled "
      "(again to quit at once)\n";
  [[maybe_unused]] const auto written = write(STDERR_FILENO, kNotice, sizeof kNotice - 1);
}

void save_snapshot(const std::string& path, const CrawlResult& crawl) {
  const auto started = std::chrono::steady_clock::now();
  try {
    write_snapshot(path, crawl);
  } catch (const SnapshotError& e) {
    throw RunError(e.what());
  }
  spdlog::debug("snapshot {} written in {:.2f} s", path,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

// `sitegraph crawl`, once the snapshot is written: one line of what was crawled; a completed
// crawl's journal is deleted, an interrupted one's kept for the next --resume.
int finish_crawl(const LoadedCrawl& loaded, const AuditArgs& args) {
  const CrawlResult& crawl = loaded.crawl;
  std::size_t html = 0;
  for (UrlId id = 0; id < crawl.graph.size(); ++id) html += is_ranked(crawl.graph.page(id)) ? 1U : 0U;
  // Counted as the audit's summary counts them (<a> and <area>), so the two commands agree;
  // redirects, canonicals, hreflang and resources are edges of the graph too.
  std::size_t anchors = 0;
  for (const Link& link : crawl.graph.links()) anchors += link.kind == LinkKind::kAnchor || link.kind == LinkKind::kArea;
  spdlog::info("crawled {} URLs ({} HTML pages, {} links, {} other edges: redirects, canonicals, resources...) in {:.1f} s{}; snapshot {}",
               crawl.graph.size(), html, anchors, crawl.graph.links().size() - anchors, crawl.seconds,
               crawl.complete ? "" : ", incomplete (" + crawl.stop_reason + ")", args.save_snapshot);
  // The journal is kept: it holds every checkpoint before the failure.
  if (!loaded.journal_error.empty()) throw RunError(loaded.journal_error);
  // Stopped by Ctrl-C or --max-time, the crawl is unfinished: its journal is kept for the next
  // run. Done, or at its --max-pages / --max-depth limit, it is finished: the next run starts afresh.
  if (loaded.journal) {
    if (crawl.stop_reason == "interrupted" || crawl.stop_reason == "max-time") {
      spdlog::info("--resume: the journal in {} is kept; run the same command to continue", args.resume);
    } else {
      loaded.journal->remove();
    }
  }
  return g_stop.load() ? kExitInterrupted : kExitClean;
}

}  // namespace

int run_audit(const AuditArgs& given) {
  const AuditArgs args = without_empty_items(given);
  AuditPlan plan = plan_audit(args);  // every check that needs no crawl
  std::optional<RunView> baseline = read_report_baseline(args.baseline);  // a bad file fails now, not after the crawl
  const std::vector<GraphChange> changes = read_what_if(args);            // the same
  CrawlInputs inputs = read_crawl_inputs(plan, args);  // --since, --resume, --urls
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  LoadedCrawl loaded = load_crawl(plan, args, std::move(inputs), g_stop);
  if (!args.save_snapshot.empty()) save_snapshot(args.save_snapshot, loaded.crawl);
  if (args.crawl_only) return finish_crawl(loaded, args);
  add_graph_inputs(plan.analysis, args, loaded.crawl);
  std::optional<WhatIfBefore> what_if;
  if (!changes.empty()) what_if = apply_what_if(plan, args, loaded.crawl, changes);
  Audit audit = audit_site(loaded.crawl, plan.analysis);
  add_plan_phrases(plan, args, loaded.crawl, audit);
  return publish(plan, args, loaded.crawl, std::move(audit), std::move(baseline), g_stop, what_if ? &*what_if : nullptr);
}

}  // namespace sitegraph::cli
