#pragma once
// The report stage: writers that present a finished audit; they never recompute a metric.
// Every writer takes a ReportContext: the run, the crawl, the audit, and (with --baseline)
// how the findings compare with an earlier run.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"

namespace sitegraph {

/// What the user asked for, echoed in reports so a report says how it was made.
struct RunInfo {
  std::string target;         ///< URL or folder as given
  std::string mode;           ///< "http", "folder", "warc", "snapshot" or "edge-list"
  nlohmann::json settings;    ///< effective crawl settings
};

inline constexpr int kReportVersion = 1;  // bumped only when a field changes meaning or goes away

/// A finding as an earlier run reported it (only what matching and listing need).
struct PastFinding {
  std::string rule;
  std::string severity;
  std::string url;
  std::string target;  ///< empty when the finding has none
  std::string message;
};

/// The findings of this run matched against a baseline by (rule, url, target).
struct BaselineComparison {
  std::string source;                 ///< the baseline file as given
  std::vector<std::uint8_t> is_new;   ///< per audit.findings entry: 1 when the baseline lacks it
  std::size_t new_findings = 0;
  std::size_t unchanged = 0;
  std::vector<PastFinding> fixed;     ///< in the baseline, gone now; sorted by rule, url
};

/// A --fail-on budget on a metric (equity(segment:money) < 0.2), judged on this run.
struct BudgetCheck {
  std::string condition;      ///< as the user wrote it
  bool violated = false;
  bool inconclusive = false;  ///< the crawl was partial: the figure is not the site's
  std::string detail;         ///< "money holds 18.3 % of the equity (budget: at least 20 %)"
};

struct ReportContext {
  const RunInfo& run;
  const CrawlResult& crawl;
  const Audit& audit;
  const BaselineComparison* baseline = nullptr;  ///< --baseline, else null
  std::size_t ignored = 0;                       ///< findings dropped by --ignore
  std::size_t top = 10;                          ///< rows in top-N lists
  std::size_t max_findings = 50;                 ///< findings listed per rule in text-like formats
  std::string folder;                            ///< the audited folder as given; empty over HTTP
  std::size_t sources_per_target = 5;            ///< text report: pages listed under each broken target
  const std::vector<BudgetCheck>* budgets = nullptr;  ///< --fail-on budgets, judged; null when none
};

/// Findings of one rule that share a cause, shown as one (docs/report.md "Grouped findings").
struct FindingGroup {
  std::string_view rule;
  /// "page": links on one page (generic-anchor, empty-anchor, nofollow-internal-link,
  /// invalid-url), `pattern` is that page; "pattern": pages whose URLs share a shape, `pattern`
  /// is it with '*' ("https://x/api/*-members.html", "https://x/blog/page/*").
  std::string_view cause;
  std::string pattern;
  std::vector<std::size_t> members;  ///< indices into the findings, in report order
};

inline constexpr std::uint32_t kNoGroup = 0xFFFFFFFFu;

/// Groups `findings` by cause: for link rules, by the page holding the links; for page rules,
/// by the shape of the page URLs (folder and file-name suffix, then folder). Only groups of at
/// least `min_size` findings are made; a finding is in at most one group. Sorted by rule, the
/// largest group first.
std::vector<FindingGroup> group_findings(const SiteGraph& graph, const std::vector<Finding>& findings, std::size_t min_size = 5);
/// How many findings a group holds, in words: "6 pages like this", "7 findings on this page".
std::string group_size_words(const FindingGroup& group);
/// Per finding, the index of its group, or kNoGroup.
std::vector<std::uint32_t> group_of_finding(const std::vector<FindingGroup>& groups, std::size_t findings);

/// The rules that have findings, as reports present them: errors first, then warnings, then
/// info (the severity as reported, after --severity: the rule's first finding's), and in
/// catalogue order within one severity. Each with the index of its first finding.
std::vector<std::pair<const RuleInfo*, std::size_t>> rules_by_severity(const std::vector<Finding>& findings);

/// True when `audit.findings[index]` is new against the baseline (always false without one).
inline bool is_new_finding(const ReportContext& report, std::size_t index) {
  return report.baseline && index < report.baseline->is_new.size() && report.baseline->is_new[index];
}

/// Writes the JSON report, documented in docs/report.md, schema docs/report.schema.json, as
/// nlohmann::json's dump(2) would, but streamed: pages and findings are rendered in blocks
/// of 2,048 elements, two blocks at a time on two threads, and written in order. `more` (an object) adds its keys
/// to the report's: `since_previous` (--history), `what_if` (--what-if).
void write_json_report(std::ostream& out, const ReportContext& report, const nlohmann::json* more = nullptr);

/// The JSON report as a document (tests, small graphs): write_json_report parsed back.
nlohmann::json json_report(const ReportContext& report);

/// Text from the web made safe for a terminal: control characters (ESC, CR, ...) become '?',
/// so a page cannot drive the reader's terminal; at most `max_bytes` kept.
std::string terminal_safe(std::string_view text, std::size_t max_bytes = 200);

/// The readable report: summary first, then findings grouped by rule; `color` adds ANSI
/// colours (the caller decides: a terminal, NO_COLOR, --color).
void write_text_report(std::ostream& out, const ReportContext& report, bool color = false);

/// A Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment.
void write_markdown_report(std::ostream& out, const ReportContext& report);

/// JUnit XML: one testsuite per rule, one failing testcase per finding.
void write_junit_report(std::ostream& out, const ReportContext& report);

/// SARIF 2.1.0: one result per finding, rules described in tool.driver.rules.
nlohmann::json sarif_report(const ReportContext& report);

/// GitHub Actions workflow commands (::error file=...,line=...::message); when a folder was
/// audited, findings on its pages point at their HTML files. With a baseline: new findings only.
void write_github_annotations(std::ostream& out, const ReportContext& report);


/// CSV tables (RFC 4180, UTF-8 with a BOM so Excel reads it as UTF-8, CRLF line ends).
void write_pages_csv(std::ostream& out, const ReportContext& report);
void write_links_csv(std::ostream& out, const ReportContext& report);
void write_findings_csv(std::ostream& out, const ReportContext& report);
/// segments.csv: one row per segment (--segments, else the clusters), its figures and equity flow.
void write_segments_csv(std::ostream& out, const ReportContext& report);
/// plan.csv: the --plan links, an editor's worksheet (docs/report.md).
void write_plan_csv(std::ostream& out, const ReportContext& report);

/// One self-contained HTML file: no network fetches, charts as inline SVG.
void write_html_report(std::ostream& out, const ReportContext& report);

/// The link graph for graph tools, page metrics as node attributes: Graphviz DOT, GraphML,
/// GEXF (Gephi) with one edge per linked page pair; and a CSV edge list, one row per link
/// with its type and the target's status, that `sitegraph audit` reads back as the same graph.
void write_dot(std::ostream& out, const ReportContext& report);
void write_graphml(std::ostream& out, const ReportContext& report);
void write_gexf(std::ostream& out, const ReportContext& report);
void write_edges_csv(std::ostream& out, const ReportContext& report);

/// For engines beyond one machine (docs/scale.md), the same nodes and folded edges as GraphML:
/// WebGraph's ArcListASCIIGraph input (`graph.arcs`: "source<TAB>target" node numbers, sorted,
/// one per line; `graph.nodes`: node i's URL on line i) and a Spark GraphFrames vertex/edge
/// pair (`vertices.csv` with an `id` column and the page metrics, `edges.csv` with `src`, `dst`).
void write_webgraph_arcs(std::ostream& out, const ReportContext& report);
void write_webgraph_nodes(std::ostream& out, const ReportContext& report);
void write_graphframes_vertices(std::ostream& out, const ReportContext& report);
void write_graphframes_edges(std::ostream& out, const ReportContext& report);


}  // namespace sitegraph
