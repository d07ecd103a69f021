// A Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment: the counts, the
// findings per rule, new findings first (with a baseline), and the top tables.

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {
namespace {

// A URL as an autolink, where backslash escapes do not apply: only a table's '|' is escaped
// (GitHub splits cells before it reads links). A URL an autolink cannot hold is plain text.
std::string page_link(std::string_view url) {
  if (url.find_first_of("<> \t\r\n`") != std::string_view::npos) return markdown_cell(url);
  std::string out(1, '<');  // appended: GCC 12 warns falsely on "<" + string + ">"
  for (const char c : url) {
    if (c == '|') out += '\\';
    out += c;
  }
  out += '>';
  return out;
}

}  // namespace

void write_markdown_report(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  const ReportSummary s = summarize(report.crawl, audit, report.top);
  const auto count = [&](const char* rule) {
    const auto it = s.findings_by_rule.find(rule);
    return it == s.findings_by_rule.end() ? std::size_t{0} : it->second;
  };
  out << "## sitegraph audit of " << markdown_cell(report.run.target) << "\n\n";
  if (!report.crawl.complete) {
    out << "> **Crawl incomplete** (" << markdown_cell(report.crawl.stop_reason)
        << "): findings that need the whole site (orphans, inlinks, depth, anchor shares, clusters, equity) are inconclusive and never fail --fail-on.\n\n";
  }
  for (const std::string& line : pace_lines(report.crawl.throttle)) out << "> **Server pace**: " << markdown_cell(line) << "\n\n";
  if (report.baseline) {
    out << "Findings against the baseline: **" << report.baseline->new_findings << " new**, " << report.baseline->fixed.size()
        << " fixed, " << report.baseline->unchanged << " unchanged.\n\n";
  }
  out << "| | |\n|---|---:|\n"
      << "| HTML pages | " << s.html_pages << " |\n"
      << "| internal URLs | " << s.internal_urls << " |\n"
      << "| links | " << s.links << " |\n"
      << "| max crawl depth | " << s.max_depth << " |\n"
      << "| orphan pages | " << (s.orphans_looked_for ? std::to_string(count("orphan-page")) : std::string("not looked for (no sitemap, --urls or --since)")) << " |\n"
      << "| broken links | " << count("broken-link") << " |\n"
      << "| findings | " << audit.findings.size() << " |\n";
  if (report.ignored) out << "| ignored (--ignore) | " << report.ignored << " |\n";
  out << "\n";

  if (!audit.findings.empty()) {
    std::map<std::string_view, std::pair<std::size_t, std::size_t>> per_rule;  // all, new
    for (std::size_t i = 0; i < audit.findings.size(); ++i) {
      auto& [all, fresh] = per_rule[audit.findings[i].rule];
      ++all;
      fresh += is_new_finding(report, i) ? 1u : 0u;
    }
    out << "### Findings by rule\n\n| rule | severity | findings |" << (report.baseline ? " new |" : "") << "\n|---|---|---:|"
        << (report.baseline ? "---:|" : "") << "\n";
    for (const auto& [info, first] : rules_by_severity(audit.findings)) {
      const RuleInfo& rule = *info;
      const auto it = per_rule.find(rule.id);
      out << "| `" << rule.id << "` " << markdown_cell(rule.heading) << " | " << severity_name(audit.findings[first].severity) << " | "
          << it->second.first << " |";
      if (report.baseline) out << " " << it->second.second << " |";
      out << "\n";
    }
    out << "\n";
    // The findings to read first: new ones with a baseline, else errors, then warnings.
    std::vector<std::size_t> order(audit.findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (report.baseline) {
      std::erase_if(order, [&](std::size_t i) { return !is_new_finding(report, i); });
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return audit.findings[a].severity > audit.findings[b].severity;
    });
    if (!order.empty()) {
      // A group of findings with one cause is one row, where its first member would be.
      const std::vector<FindingGroup> groups = group_findings(graph, audit.findings);
      const std::vector<std::uint32_t> group_of = group_of_finding(groups, audit.findings.size());
      std::vector<std::uint8_t> group_shown(groups.size(), 0);
      std::vector<std::size_t> rows;
      for (const std::size_t i : order) {
        const std::uint32_t g = group_of[i];
        if (g != kNoGroup && std::exchange(group_shown[g], std::uint8_t{1}) != 0) continue;
        rows.push_back(i);
      }
      const std::size_t shown = std::min(rows.size(), report.max_findings);
      out << "### " << (report.baseline ? "New findings" : "Findings") << " (" << shown << " of " << rows.size()
          << " entries, " << order.size() << " findings)\n\n| rule | page | detail |\n|---|---|---|\n";
      for (std::size_t k = 0; k < shown; ++k) {
        const Finding& f = audit.findings[rows[k]];
        if (const std::uint32_t g = group_of[rows[k]]; g != kNoGroup) {
          const FindingGroup& group = groups[g];
          // A code span shows the '*' as written; only '|' needs its backslash in a table cell.
          std::string pattern;
          for (const char c : group.pattern) pattern += c == '|' ? std::string("\\|") : std::string(1, c);
          out << "| `" << f.rule << "` | `" << pattern << "` | "
              << markdown_cell(group_size_words(group) + ", e.g. " +
                               std::string(graph.url(audit.findings[group.members.front()].url)) + ": " +
                               finding_detail(graph, audit.findings[group.members.front()]))
              << " |\n";
          continue;
        }
        out << "| `" << f.rule << "` | " << page_link(graph.url(f.url)) << " | " << markdown_cell(finding_detail(graph, f))
            << " |\n";
      }
      out << "\n";
    }
  }
  if (report.baseline && !report.baseline->fixed.empty()) {
    const auto& fixed = report.baseline->fixed;
    const std::size_t shown = std::min(fixed.size(), report.max_findings);
    out << "### Fixed since the baseline (" << shown << " of " << fixed.size() << ")\n\n| rule | page |\n|---|---|\n";
    for (std::size_t k = 0; k < shown; ++k) out << "| `" << markdown_cell(fixed[k].rule) << "` | " << page_link(fixed[k].url) << " |\n";
    out << "\n";
  }
  if (!s.top_pagerank.empty()) {
    out << "### Top pages by PageRank\n\n| page | PageRank | equity | depth |\n|---|---:|---:|---:|\n";
    for (const UrlId id : s.top_pagerank) {
      char rank[64];
      std::snprintf(rank, sizeof rank, "%.5f | %.5f", audit.pagerank.rank[id], audit.equity.rank[id]);
      out << "| " << page_link(graph.url(id)) << " | " << rank << " | "
          << (audit.depth[id] == kUnreachable ? std::string("-") : std::to_string(audit.depth[id])) << " |\n";
    }
    out << "\n";
  }
  if (!s.deepest.empty() && s.max_depth > 0) {
    out << "### Deepest pages\n\n| clicks | page |\n|---:|---|\n";
    for (const UrlId id : s.deepest) out << "| " << audit.depth[id] << " | " << page_link(graph.url(id)) << " |\n";
    out << "\n";
  }
}

}  // namespace sitegraph
