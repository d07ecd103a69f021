#pragma once
// Comparing runs: a baseline for CI (which findings are new, which were fixed) and the
// `sitegraph diff` of two runs (findings, pages added and removed, the largest changes).
// A finding is the same finding in two runs when its (rule, url, target) is.

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/report.hpp"

namespace sitegraph {

/// A run as a later run sees it: its findings and the figures of its ranked pages.
struct RunView {
  struct PageFigures {
    double pagerank = 0;
    double equity = 0;
    long depth = -1;  ///< -1: unreachable from the start page
    std::string segment;  ///< its segment; empty when unknown (a report older than segments)
  };
  std::vector<PastFinding> findings;  ///< sorted by (rule, url, target)
  std::unordered_map<std::string, PageFigures> pages;  ///< ranked pages (2xx HTML) by URL
  struct SegmentFigures {
    double equity = 0;
    double pagerank = 0;
    double max_depth = 0;
    double orphans = 0;
    double pages = 0;
    double broken_links = 0;
    double gini = 0;
    double links_in = 0;   ///< followable links from other segments' pages
    double links_out = 0;  ///< ...and to them
  };
  /// By name: the segments (--segments, else the clusters); empty for a report older than them.
  std::unordered_map<std::string, SegmentFigures> segments;
  /// The whole site's figures (sums over the segments; the deepest page; the Gini of all
  /// pages); unset for a report older than segments.
  std::optional<SegmentFigures> site;
  std::string start_url;
};

/// A segment's figures as runs compare them (diff, budgets).
RunView::SegmentFigures segment_figures(const SegmentStats& s);
/// The whole site's: the segments' figures summed, the deepest page, the Gini of all pages.
RunView::SegmentFigures site_figures(const Audit& audit);

/// The view of a finished audit.
RunView view_of_audit(const CrawlResult& crawl, const Audit& audit);

/// The view of a JSON report (`--format json`, any report_version); throws InputError when
/// `report` is not one.
RunView view_of_report(const nlohmann::json& report);

/// Reads a JSON report file; throws InputError when it cannot be read or parsed.
nlohmann::json read_json_report(const std::string& path);

/// This run's findings against `baseline`.
BaselineComparison compare_with_baseline(const CrawlResult& crawl, const Audit& audit, const RunView& baseline,
                                         std::string source);

struct PageChange {
  std::string url;
  double before = 0;
  double after = 0;
};

struct RunDiff {
  std::string before_source;
  std::string after_source;
  std::vector<PastFinding> new_findings;
  std::vector<PastFinding> fixed_findings;
  std::size_t unchanged = 0;
  std::vector<std::string> pages_added;    ///< ranked now, not before; sorted
  std::vector<std::string> pages_removed;  ///< ranked before, not now; sorted
  std::size_t pages_before = 0;
  std::size_t pages_after = 0;
  /// Pages in both runs, largest absolute change first, at most `top` each.
  std::vector<PageChange> equity_changes;
  std::vector<PageChange> pagerank_changes;
  std::vector<PageChange> depth_changes;  ///< -1 stands for unreachable
  /// Per segment in either run (--segments, else the clusters), by name: its figures before
  /// and after (in_before/in_after false when it was not in that run; a figure a report did
  /// not record is NaN).
  struct SegmentChange {
    std::string name;
    RunView::SegmentFigures before;
    RunView::SegmentFigures after;
    bool in_before = false;
    bool in_after = false;
    /// Its pages (by their segment in the later run, else the earlier) whose equity changed
    /// most, largest absolute change first, at most 5.
    std::vector<PageChange> movers;
  };
  std::vector<SegmentChange> segments;  ///< largest absolute equity change first, then by name
};

RunDiff diff_runs(const RunView& before, const RunView& after, std::size_t top);

nlohmann::json diff_json(const RunDiff& diff);

/// --what-if: the audit of the graph with a file's changes applied, against the audit of the
/// graph as it was read (diff.before_source / after_source say which is which).
struct WhatIfDiff {
  std::string file;
  std::size_t changes = 0;            ///< changes that took effect
  std::vector<std::string> warnings;  ///< changes that could not (a removed link that was not there)
  RunDiff diff;
};
/// diff_json of the comparison, with "file", "changes" and "warnings".
nlohmann::json what_if_json(const WhatIfDiff& what_if);
void write_what_if_text(std::ostream& out, const WhatIfDiff& what_if, std::size_t max_rows);
void write_diff_text(std::ostream& out, const RunDiff& diff, std::size_t max_rows);
void write_diff_markdown(std::ostream& out, const RunDiff& diff, std::size_t max_rows);

}  // namespace sitegraph
