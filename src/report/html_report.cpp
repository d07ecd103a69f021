// The HTML report: one self-contained page that opens offline. Styles, the sorting and
// filtering script, and the charts (SVG drawn here) are all inline; a Content-Security-Policy
// forbids every fetch. Every string from the web (URLs, messages, cluster names, the target)
// goes through xml_escape(), in text and in attribute values; nothing from the web is
// written inside <script> or <style>. No timestamps: the same audit gives the same bytes.

#include <algorithm>
#include <utility>
#include <numeric>
#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <numbers>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "report/html_writer.hpp"
#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace html {
namespace {

constexpr std::size_t kMaxTableRows = 5000;   // pages table
constexpr std::size_t kMaxRowsPerRule = 200;  // findings table: rows of one rule
constexpr std::size_t kMaxFixedRows = 500;    // fixed findings (--baseline)
constexpr std::size_t kMaxBrokenTargets = 500;  // broken targets table
constexpr std::size_t kMaxDuplicateSets = 200;  // duplicate content table
constexpr std::size_t kSourcesPerTarget = 10;   // linking pages listed in one broken target's row

// ---- Page frame, cards, tables --------------------------------------------------------

constexpr std::string_view kStyle = R"CSS(
:root{--bg:#f5f7fa;--fg:#1f2933;--muted:#5f6b7a;--panel:#fff;--line:#dde2e8;--accent:#2563eb;
--error:#b42318;--error-bg:#fee4e2;--warning:#b54708;--warning-bg:#fef0c7;--info:#175cd3;--info-bg:#d1e9ff}
*{box-sizing:border-box}
body{margin:0;padding:24px;background:var(--bg);color:var(--fg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:2400px;margin:0 auto}
h1{font-size:22px;margin:0 0 6px;overflow-wrap:anywhere}
h2{font-size:18px;margin:32px 0 12px}
.count{color:var(--muted);font-weight:400}
.meta{margin:0;color:var(--muted);overflow-wrap:anywhere}
.meta span{margin-right:18px}
.meta b{color:var(--fg);font-weight:600}
.banner{margin:16px 0;padding:12px 16px;border-radius:8px;background:var(--error-bg);border:1px solid #fda29b;color:var(--error)}
td.heat{font-variant-numeric:tabular-nums;min-width:64px}
figure.flow{margin:12px 0}
.banner.pace{background:var(--warning-bg);border-color:#fec84b;color:var(--warning)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.card{flex:1 1 150px;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card .value{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.card .label{color:var(--muted);font-size:13px}
.card.bad .value{color:var(--error)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;margin-bottom:16px;align-items:start}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px;min-width:0}
svg.chart{display:block;width:100%;height:auto}
figcaption{font-weight:600;margin-bottom:6px}
svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#3e4c59}
svg text.value{fill:var(--muted)}
svg .bar{fill:var(--accent)}
svg .bar:hover{fill:#1e40af}
svg .axis{stroke:#9aa5b1}
svg .edge{stroke:#7b8794;stroke-opacity:.55;stroke-linecap:round}
svg .edge:hover{stroke:var(--accent);stroke-opacity:1}
svg .node circle{fill:#bfdbfe;stroke:var(--accent);stroke-width:1.5}
.filter{display:block;margin:0 0 8px;padding:6px 10px;width:min(420px,100%);border:1px solid var(--line);border-radius:6px;font:inherit}
.filter[hidden]{display:none}
.table-wrap{max-height:70vh;overflow:auto;background:var(--panel);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 10px;text-align:left;vertical-align:top;border-bottom:1px solid #edf0f3}
thead th{position:sticky;top:0;z-index:1;background:#eef1f5;white-space:nowrap}
table.sortable thead th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \25B2"}
th[aria-sort=descending]::after{content:" \25BC"}
tbody tr:nth-child(even){background:#f8fafc}
tbody tr:hover{background:#eef4ff}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.url{overflow-wrap:anywhere;min-width:16ch;max-width:56ch}
td.title{min-width:16ch;max-width:40ch}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;background:#e4e7ec}
.badge.sev-error{background:var(--error-bg);color:var(--error)}
.badge.sev-warning{background:var(--warning-bg);color:var(--warning)}
.badge.sev-info{background:var(--info-bg);color:var(--info)}
.tag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:4px;font-size:12px;background:#e4e7ec;color:var(--muted)}
.tag.new{background:#dcfae6;color:#067647;margin-left:0}
.note{color:var(--muted)}
)CSS";

// Sorting (click or Enter on a header; numbers by data-sort, empty values last) and
// filtering (rows whose text lacks the query are hidden). Reads the DOM only.
constexpr std::string_view kScript = R"JS(
(function () {
  'use strict';
  function key(cell) {
    if (!cell) return null;
    var s = cell.getAttribute('data-sort');
    if (s === null) return cell.textContent.trim().toLowerCase();
    var n = parseFloat(s);
    return isNaN(n) ? null : n;
  }
  function sortBy(table, th, col) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (r, i) { return { r: r, k: key(r.cells[col]), i: i }; });
    rows.sort(function (a, b) {
      if (a.k === null || b.k === null) return a.k === b.k ? a.i - b.i : (a.k === null ? 1 : -1);
      var c = (typeof a.k === 'number' && typeof b.k === 'number') ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      return (asc ? c : -c) || a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (x) { frag.appendChild(x.r); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortBy(table, th, col); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, th, col); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input.filter'), function (input) {
    var table = document.getElementById(input.getAttribute('data-table'));
    if (!table) return;
    input.hidden = false;
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
)JS";

void write_head(Html& h, const ReportContext& report) {
  h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        // No fetch of any kind: the report must open offline and never call home.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"sitegraph ")
      .raw(kVersion).raw("\">\n<title>sitegraph report: ").text(report.run.target).raw("</title>\n<style>").raw(kStyle)
      .raw("</style>\n</head>\n");
}

void write_header(Html& h, const ReportContext& report) {
  const CrawlResult& crawl = report.crawl;
  h.raw("<header>\n<h1>sitegraph audit of <span class=\"target\">").text(report.run.target).raw("</span></h1>\n")
      .raw("<p class=\"meta\"><span>mode <b class=\"mode\">").text(report.run.mode).raw("</b></span><span>start URL <b class=\"start-url\">");
  if (crawl.start != kNoUrl && crawl.start < crawl.graph.size()) write_url(h, crawl.graph.url(crawl.start));
  h.raw("</b></span><span>sitegraph <b>").raw(kVersion).raw("</b></span>");
  if (report.baseline) h.raw("<span>baseline <b class=\"baseline\">").text(report.baseline->source).raw("</b></span>");
  h.raw("</p>\n</header>\n");
  if (!crawl.complete) {
    h.raw("<div class=\"banner incomplete\" role=\"alert\"><strong>Crawl incomplete</strong>");
    if (!crawl.stop_reason.empty()) h.raw(" (<span class=\"stop-reason\">").text(crawl.stop_reason).raw("</span>)");
    h.raw(": findings that need the whole site (orphans, inlinks, depth, anchor shares, clusters, equity) are inconclusive and never fail --fail-on.</div>\n");
  }
  for (const std::string& line : pace_lines(crawl.throttle)) {
    h.raw("<div class=\"banner pace\"><strong>Server pace</strong>: ").text(line).raw("</div>\n");
  }
}

void card(Html& h, std::string_view metric, std::size_t value, std::string_view label, bool bad = false) {
  h.raw(bad && value > 0 ? "<div class=\"card bad\" data-metric=\"" : "<div class=\"card\" data-metric=\"").raw(metric)
      .raw("\"><div class=\"value\">").num(value).raw("</div><div class=\"label\">").raw(label).raw("</div></div>\n");
}

void write_cards(Html& h, const ReportContext& report, const ReportSummary& s) {
  const auto count = [&](const char* rule) {
    const auto it = s.findings_by_rule.find(rule);
    return it == s.findings_by_rule.end() ? std::size_t{0} : it->second;
  };
  h.raw("<section class=\"cards\" aria-label=\"Summary\">\n");
  card(h, "html_pages", s.html_pages, "HTML pages");
  card(h, "internal_urls", s.internal_urls, "internal URLs");
  card(h, "links", s.links, "links");
  card(h, "max_depth", s.max_depth, "max crawl depth");
  card(h, "orphan_pages", count("orphan-page"), s.orphans_looked_for ? "orphan pages" : "orphan pages (not looked for: no sitemap, --urls or --since)", true);
  card(h, "broken_links", count("broken-link"), "broken links", true);
  // Beside "Broken links by target", which lists them too: never "broken links 0" alone above
  // a list of broken images and style sheets.
  if (count("broken-resource") > 0) card(h, "broken_resources", count("broken-resource"), "broken resources", true);
  if (count("broken-external-link") > 0) card(h, "broken_external_links", count("broken-external-link"), "broken external links", true);
  std::array<std::size_t, 3> by_severity{};  // info, warning, error
  for (const Finding& f : report.audit.findings) ++by_severity[static_cast<std::size_t>(f.severity)];
  const std::string split = "findings: " + std::to_string(by_severity[2]) + (by_severity[2] == 1 ? " error, " : " errors, ") +
                            std::to_string(by_severity[1]) + (by_severity[1] == 1 ? " warning, " : " warnings, ") +
                            std::to_string(by_severity[0]) + " info";
  card(h, "findings", report.audit.findings.size(), split);
  if (report.baseline) {
    card(h, "new_findings", report.baseline->new_findings, "new findings", true);
    card(h, "fixed_findings", report.baseline->fixed.size(), "fixed findings");
  }
  h.raw("</section>\n");
  if (s.equity_on_pages > 0) {
    h.raw("<p class=\"note equity\">Equity: ").px(s.equity_on_indexable * 100).raw("% on indexable pages");
    if (s.has_priority) h.raw(", ").px(s.equity_on_priority * 100).raw("% on priority pages");
    h.raw(", ").px(std::max(0.0, 1 - s.equity_on_pages) * 100).raw("% lost.</p>\n");
  }
  if (report.ignored > 0) h.raw("<p class=\"note ignored\">").num(report.ignored).raw(" findings ignored (--ignore).</p>\n");
}

// One row for a group of findings with one cause: the pattern, how many, and the first as an example.
void write_group_row(Html& h, const ReportContext& report, const FindingGroup& g) {
  const SiteGraph& graph = report.crawl.graph;
  const Finding& first = report.audit.findings[g.members.front()];
  const bool any_new = std::any_of(g.members.begin(), g.members.end(), [&](std::size_t i) { return is_new_finding(report, i); });
  h.raw(any_new ? "<tr class=\"new group\"><td>" : "<tr class=\"group\"><td>").text(first.rule).raw("</td>");
  severity_cell(h, severity_name(first.severity));
  h.raw("<td class=\"url pattern\">").text(g.pattern).raw("</td><td></td><td><b>").text(group_size_words(g))
      .raw("</b>, e.g. ").text(graph.url(first.url))
      .raw(": ").text(first.message).raw("</td>");
  if (report.baseline) h.raw(any_new ? "<td data-sort=\"1\"><span class=\"tag new\">new</span></td>" : "<td data-sort=\"0\"></td>");
  h.raw("</tr>\n");
}

// The findings table: errors first, then warnings, then info, each rule's findings together;
// at most kMaxRowsPerRule of one rule, so a rule with thousands of info findings never pushes
// another rule out. What a rule has beyond that is counted under the table.
void write_findings(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<Finding>& findings = report.audit.findings;
  h.raw("<section id=\"findings-section\"><h2>Findings <span class=\"count\">").num(findings.size()).raw("</span></h2>\n");
  if (findings.empty()) {
    h.raw("<p class=\"note\">No findings.</p></section>\n");
    return;
  }
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return findings[a].severity > findings[b].severity;  // findings come sorted by rule, then URL
  });
  if (report.baseline) table_head(h, "findings", {"Rule", "Severity", "URL", "Target", "Detail", "New"}, true);
  else table_head(h, "findings", {"Rule", "Severity", "URL", "Target", "Detail"}, true);
  std::map<std::string_view, std::size_t> shown_of_rule;
  std::vector<std::pair<std::string_view, std::size_t>> cut;  // rule, findings not shown, in table order
  std::size_t shown = 0;
  // A group of findings with one cause is one row, where its first member would be.
  const std::vector<FindingGroup> groups = group_findings(graph, findings);
  const std::vector<std::uint32_t> group_of = group_of_finding(groups, findings.size());
  std::vector<std::uint8_t> group_shown(groups.size(), 0);
  for (const std::size_t i : order) {
    const Finding& f = findings[i];
    const std::uint32_t g = group_of[i];
    if (g != kNoGroup && std::exchange(group_shown[g], std::uint8_t{1}) != 0) continue;
    const std::size_t represented = g == kNoGroup ? 1 : groups[g].members.size();
    if (++shown_of_rule[f.rule] > kMaxRowsPerRule) {
      if (cut.empty() || cut.back().first != f.rule) cut.emplace_back(f.rule, 0);
      cut.back().second += represented;
      continue;
    }
    shown += represented;
    if (g != kNoGroup) {
      write_group_row(h, report, groups[g]);
      continue;
    }
    const bool is_new = is_new_finding(report, i);
    h.raw(is_new ? "<tr class=\"new\"><td>" : "<tr><td>").text(f.rule).raw("</td>");
    severity_cell(h, severity_name(f.severity));
    url_cell(h, graph, f.url);
    url_cell(h, graph, f.target);
    h.raw("<td>").text(f.message);
    if (f.inconclusive) h.raw("<span class=\"tag\">inconclusive</span>");
    h.raw("</td>");
    if (report.baseline) h.raw(is_new ? "<td data-sort=\"1\"><span class=\"tag new\">new</span></td>" : "<td data-sort=\"0\"></td>");
    h.raw("</tr>\n");
  }
  more_note(h, findings.size(), shown, "findings");
  for (const auto& [rule, more] : cut) {
    h.raw("<p class=\"note more-of-rule\" data-rule=\"").text(rule).raw("\">").text(rule).raw(": ").num(more)
        .raw(" more in the JSON report (the first ").num(kMaxRowsPerRule).raw(" are shown).</p>\n");
  }
  h.raw("</section>\n");
}

// Broken links grouped by target: each dead URL once, with how many pages link to it and the
// first of those pages (the findings table below has one row per link).
void write_broken_targets(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<Finding>& findings = report.audit.findings;
  const std::vector<BrokenTarget> groups = group_broken_links(graph, findings);
  if (groups.empty()) return;
  h.raw("<section id=\"broken-section\"><h2>Broken links by target <span class=\"count\">").num(groups.size())
      .raw("</span></h2>\n");
  table_head(h, "broken", {"Target", "Status", "Rule", "Linked from", "Pages linking to it"}, true);
  const std::size_t shown = std::min(groups.size(), kMaxBrokenTargets);
  for (std::size_t gi = 0; gi < shown; ++gi) {
    const BrokenTarget& g = groups[gi];
    h.raw("<tr>");
    url_cell(h, graph, g.target);
    h.raw("<td>").text(g.status).raw("</td><td>").text(g.rule).raw("</td>");
    int_cell(h, g.findings.size());
    h.raw("<td class=\"url sources\">");
    const std::size_t sources = std::min(g.findings.size(), kSourcesPerTarget);
    for (std::size_t k = 0; k < sources; ++k) {
      if (k) h.raw("<br>");
      write_url(h, graph.url(findings[g.findings[k]].url));
    }
    if (sources < g.findings.size()) h.raw("<br><span class=\"note\">and ").num(g.findings.size() - sources).raw(" more</span>");
    h.raw("</td></tr>\n");
  }
  more_note(h, groups.size(), shown, "broken targets");
  h.raw("</section>\n");
}

// The duplicate and near-duplicate sets, most equity first: which pages split it, and how much.
void write_duplicate_sets(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  if (audit.duplicate_sets.empty()) return;
  h.raw("<section id=\"duplicates-section\"><h2>Duplicate content by the equity it splits <span class=\"count\">")
      .num(audit.duplicate_sets.size()).raw("</span></h2>\n");
  table_head(h, "duplicates", {"Equity (%)", "Kind", "Pages", "Words", "The page with most equity, then the others"}, true);
  const std::size_t shown = std::min(audit.duplicate_sets.size(), kMaxDuplicateSets);
  for (std::size_t i = 0; i < shown; ++i) {
    const DuplicateSet& set = audit.duplicate_sets[i];
    h.raw("<tr>");
    real_cell(h, set.equity * 100);
    h.raw("<td>").raw(set.exact ? "same" : "near").raw("</td>");
    int_cell(h, set.pages.size());
    int_cell(h, set.words);
    h.raw("<td class=\"url sources\">");
    const std::size_t listed = std::min(set.pages.size(), kSourcesPerTarget);
    for (std::size_t k = 0; k < listed; ++k) {
      if (k) h.raw("<br>");
      write_url(h, graph.url(set.pages[k]));
    }
    if (listed < set.pages.size()) h.raw("<br><span class=\"note\">and ").num(set.pages.size() - listed).raw(" more</span>");
    h.raw("</td></tr>\n");
  }
  more_note(h, audit.duplicate_sets.size(), shown, "sets");
  h.raw("</section>\n");
}

// The link plan (--plan): each link with where to put it, then each target before and after.
void write_plan(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const LinkPlan& plan = report.audit.plan;
  if (plan.targets.empty()) return;
  h.raw("<section id=\"plan-section\"><h2>Link plan <span class=\"count\">").num(plan.links.size()).raw("</span></h2>\n");
  h.raw("<p class=\"note\">New content links for ").num(plan.targets.size()).raw(" target pages (").text(plan.targets_from)
      .raw("), chosen in this order; the equity each adds counts the links before it. Equity gained in all: ")
      .real(plan.total_gain).raw(".</p>\n");
  if (plan.links.size() < plan.requested) {
    h.raw("<p class=\"note\">").num(plan.links.size()).raw(" of the ").num(plan.requested)
        .raw(" links asked for: no other candidate (a relevant source under --max-per-source, among the first of each target) adds equity to the targets.</p>\n");
  }
  if (!plan.links.empty()) {
    table_head(h, "plan", {"#", "Edit this page", "Link to", "Words to link, in their sentence", "Line", "Relevance", "Equity gain"}, false);
  }
  for (std::size_t i = 0; i < plan.links.size(); ++i) {
    const PlannedLink& l = plan.links[i];
    h.raw("<tr>");
    int_cell(h, i + 1);
    url_cell(h, graph, l.source);
    url_cell(h, graph, l.target);
    h.raw("<td>");
    if (!l.phrase.empty()) {
      // The phrase shown in its sentence, as the page has them.
      const std::size_t at = l.sentence.find(l.phrase);
      if (at == std::string::npos) {
        h.raw("<mark>").text(l.phrase).raw("</mark>");
      } else {
        h.text(std::string_view(l.sentence).substr(0, at)).raw("<mark>").text(l.phrase).raw("</mark>")
            .text(std::string_view(l.sentence).substr(at + l.phrase.size()));
      }
    } else {
      h.raw("anchor: ").text(l.anchor).raw(" <span class=\"note\">(").text(l.phrase_note).raw(")</span>");
    }
    h.raw("</td>");
    if (l.phrase.empty()) {
      h.raw("<td class=\"num\" data-sort=\"0\"></td>");  // no line: the anchor has no place in the page yet
    } else {
      int_cell(h, l.line);
    }
    real_cell(h, l.relevance);
    real_cell(h, l.gain);
    h.raw("</tr>\n");
  }
  if (!plan.links.empty()) h.raw("</tbody></table></div>\n");
  table_head(h, "plan-targets", {"Target", "Equity before", "Equity after", "Relevant sources"}, false);
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    h.raw("<tr>");
    url_cell(h, graph, plan.targets[i]);
    real_cell(h, plan.before[i]);
    real_cell(h, plan.after[i]);
    if (plan.sources[i] == 0) {
      h.raw("<td class=\"num\" data-sort=\"0\">0 <span class=\"note\">(no relevant page that does not link to it yet)</span></td>");
    } else {
      int_cell(h, plan.sources[i]);
    }
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table></div>\n</section>\n");
}

void write_fixed(Html& h, const ReportContext& report) {
  if (!report.baseline || report.baseline->fixed.empty()) return;
  const std::vector<PastFinding>& fixed = report.baseline->fixed;
  h.raw("<section id=\"fixed-section\"><h2>Fixed since the baseline <span class=\"count\">").num(fixed.size())
      .raw("</span></h2>\n");
  table_head(h, "fixed", {"Rule", "Severity", "URL", "Target", "Detail"}, false);
  const std::size_t shown = std::min(fixed.size(), kMaxFixedRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const PastFinding& f = fixed[i];
    h.raw("<tr><td>").text(f.rule).raw("</td>");
    severity_cell(h, f.severity);
    h.raw("<td class=\"url\">");
    write_url(h, f.url);
    h.raw("</td><td class=\"url\">");
    write_url(h, f.target);
    h.raw("</td><td>").text(f.message).raw("</td></tr>\n");
  }
  more_note(h, fixed.size(), shown, "fixed findings");
  h.raw("</section>\n");
}

// Internal URLs, highest PageRank first (unranked last), ties by URL; the first `limit`.
std::vector<UrlId> pages_by_pagerank(const SiteGraph& graph, const Audit& audit, std::size_t limit, std::size_t& total) {
  std::vector<UrlId> ids;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal) ids.push_back(id);
  }
  total = ids.size();
  const auto rank = [&](UrlId id) { return id < audit.pagerank.rank.size() ? audit.pagerank.rank[id] : std::nan(""); };
  const auto order = [&](UrlId a, UrlId b) {
    const double ra = rank(a), rb = rank(b);
    if (std::isnan(ra) != std::isnan(rb)) return std::isnan(rb);
    if (!std::isnan(ra) && ra != rb) return ra > rb;
    return graph.url(a) < graph.url(b);
  };
  const auto cut = ids.begin() + static_cast<std::ptrdiff_t>(std::min(limit, ids.size()));
  std::partial_sort(ids.begin(), cut, ids.end(), order);
  ids.erase(cut, ids.end());
  return ids;
}

// A time in milliseconds, sortable; empty when not measured.
void ms_cell(Html& h, float seconds) {
  const double ms = milliseconds_or_nan(seconds);
  h.raw("<td class=\"num\" data-sort=\"").real(ms, 12).raw("\">");
  if (!std::isnan(ms)) h.num(std::lround(ms));
  h.raw("</td>");
}

void title_cell(Html& h, const SiteGraph& graph, UrlId id) {
  h.raw("<td class=\"title\">").text(clip(graph.text(id).title, 160)).raw("</td>");
}

// Over HTTP only: the pages with the longest response time (none for a folder or a WARC).
void write_slowest(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<UrlId> slowest = slowest_pages(graph, std::max<std::size_t>(report.top, 20));
  if (slowest.empty()) return;
  h.raw("<section id=\"slowest-section\"><h2>Slowest pages <span class=\"count\">").num(slowest.size()).raw("</span></h2>\n");
  table_head(h, "slowest", {"URL", "Title", "Status", "First byte (ms)", "Total (ms)"}, false);
  for (const UrlId id : slowest) {
    h.raw("<tr>");
    url_cell(h, graph, id);
    title_cell(h, graph, id);
    h.raw("<td>").text(status_label(graph.page(id))).raw("</td>");
    ms_cell(h, graph.page(id).first_byte_seconds);
    ms_cell(h, graph.page(id).seconds);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table></div>\n</section>\n");
}

void write_pages(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  std::size_t total = 0;
  const std::vector<UrlId> ids = pages_by_pagerank(graph, audit, kMaxTableRows, total);
  const bool timed = !slowest_pages(graph, 1).empty();
  h.raw("<section id=\"pages-section\"><h2>Pages <span class=\"count\">").num(total).raw("</span></h2>\n");
  if (timed) {
    table_head(h, "pages", {"URL", "Title", "Status", "Depth", "Inlinks", "Outlinks", "PageRank", "Equity", "Cluster",
                            "Indexable", "First byte (ms)", "Total (ms)"}, true);
  } else {
    table_head(h, "pages",
               {"URL", "Title", "Status", "Depth", "Inlinks", "Outlinks", "PageRank", "Equity", "Cluster", "Indexable"}, true);
  }
  const auto at = [](const auto& v, UrlId id, auto fallback) { return id < v.size() ? v[id] : fallback; };
  for (const UrlId id : ids) {
    h.raw("<tr>");
    url_cell(h, graph, id);
    title_cell(h, graph, id);
    h.raw("<td>").text(status_label(graph.page(id))).raw("</td>");
    const std::uint32_t depth = at(audit.depth, id, kUnreachable);
    if (depth == kUnreachable) h.raw("<td class=\"num\" data-sort=\"\"></td>");
    else int_cell(h, depth);
    int_cell(h, at(audit.links.inlinks, id, std::uint32_t{0}));
    int_cell(h, at(audit.links.outlinks_internal, id, std::uint32_t{0}));
    real_cell(h, at(audit.pagerank.rank, id, std::nan("")));
    real_cell(h, at(audit.equity.rank, id, std::nan("")));
    const std::uint32_t cluster = at(audit.clustering.of_page, id, kNoCluster);
    h.raw("<td>");
    if (cluster != kNoCluster && cluster < audit.clustering.clusters.size()) h.text(audit.clustering.clusters[cluster].name);
    h.raw(at(audit.facts.indexable, id, std::uint8_t{0}) ? "</td><td>yes</td>" : "</td><td>no</td>");
    if (timed) {
      ms_cell(h, graph.page(id).first_byte_seconds);
      ms_cell(h, graph.page(id).seconds);
    }
    h.raw("</tr>\n");
  }
  more_note(h, total, ids.size(), "internal URLs (highest PageRank first)");
  h.raw("</section>\n");
}

}  // namespace
}  // namespace html

void write_html_report(std::ostream& out, const ReportContext& report) {
  using namespace html;
  const ReportSummary s = summarize(report.crawl, report.audit, 0);
  Html h(out);
  write_head(h, report);
  h.raw("<body>\n<main>\n");
  write_header(h, report);
  write_cards(h, report, s);
  write_charts(h, report, s);
  write_clusters(h, report);
  write_segments(h, report);
  write_broken_targets(h, report);
  write_duplicate_sets(h, report);
  write_plan(h, report);
  write_slowest(h, report);
  write_findings(h, report);
  write_fixed(h, report);
  write_pages(h, report);
  h.raw("</main>\n<script>").raw(kScript).raw("</script>\n</body>\n</html>\n");
  h.flush();
}

}  // namespace sitegraph
