// pages.csv, links.csv and findings.csv: RFC 4180 (CRLF, quoted fields), UTF-8 with a byte
// order mark so Excel does not read it as the local code page.

#include <cmath>
#include <cstdint>
#include <vector>

#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Writes one row; fields are already escaped.
void row(std::ostream& out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out << ',';
    out << f;
    first = false;
  }
  out << "\r\n";
}

std::string number(double x) {
  if (std::isnan(x)) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

std::string boolean(bool b) { return b ? "true" : "false"; }

std::string url_or_empty(const SiteGraph& graph, UrlId id) { return id == kNoUrl ? std::string() : csv_field(graph.url(id)); }

}  // namespace

void write_pages_csv(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  out << kBom;
  row(out, {"url", "internal", "status", "content_type", "depth", "inlinks", "outlinks", "outlinks_external", "pagerank",
            "link_score", "equity", "equity_passed", "indexable", "in_sitemap", "priority", "cluster", "redirect_to",
            "canonical", "noindex", "title", "first_byte_ms", "response_time_ms"});
  for (const UrlId id : urls_in_order(graph)) {
    const Page& p = graph.page(id);
    const std::uint32_t cluster = audit.clustering.of_page[id];
    row(out, {csv_field(graph.url(id)), boolean(p.internal), csv_field(status_label(p)),
              csv_field(graph.text(id).content_type),
              audit.depth[id] == kUnreachable ? std::string() : std::to_string(audit.depth[id]),
              std::to_string(audit.links.inlinks[id]), std::to_string(audit.links.outlinks_internal[id]),
              std::to_string(audit.links.outlinks_external[id]), number(audit.pagerank.rank[id]),
              number(audit.facts.link_score[id]), number(audit.equity.rank[id]), number(audit.equity_passed[id]),
              boolean(audit.facts.indexable[id] != 0), boolean(p.in_sitemap), boolean(audit.priority[id] != 0),
              cluster == kNoCluster ? std::string() : csv_field(audit.clustering.clusters[cluster].name),
              url_or_empty(graph, p.redirect_to), url_or_empty(graph, p.canonical), boolean(p.noindex),
              csv_field(graph.text(id).title), number(milliseconds_or_nan(p.first_byte_seconds)),
              number(milliseconds_or_nan(p.seconds))});
  }
}

void write_links_csv(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  out << kBom;
  row(out, {"source", "target", "kind", "rel", "placement", "anchor", "line"});
  // By source page in URL order (a counting sort), each page's links in document order.
  const std::vector<UrlId> order = urls_in_order(graph);
  std::vector<std::uint32_t> start(graph.size() + 1, 0);  // by the source's place in `order`
  std::vector<std::uint32_t> place(graph.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) place[order[i]] = i;
  const LinkList& links = graph.links();
  for (const Link& link : links) ++start[place[link.source] + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<std::uint32_t> sorted(links.size());
  for (std::uint32_t i = 0; i < links.size(); ++i) sorted[start[place[links[i].source]]++] = i;
  for (const std::uint32_t i : sorted) {
    const Link& link = links[i];
    row(out, {csv_field(graph.url(link.source)), csv_field(graph.url(link.target)),
              std::string(link_kind_name(link.kind)), rel_names(link.rel), std::string(placement_name(link.placement)),
              csv_field(graph.anchor(link.anchor)), link.line ? std::to_string(link.line) : std::string()});
  }
}

void write_findings_csv(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const auto& findings = report.audit.findings;
  out << kBom;
  row(out, {"rule", "severity", "url", "target", "status", "line", "anchor", "count", "inconclusive", "baseline", "message"});
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const std::string baseline = report.baseline ? (is_new_finding(report, i) ? "new" : "unchanged") : "";
    row(out, {std::string(f.rule), std::string(severity_name(f.severity)), csv_field(graph.url(f.url)), url_or_empty(graph, f.target),
              csv_field(f.status), f.line ? std::to_string(f.line) : std::string(), csv_field(f.href),
              std::to_string(f.count), boolean(f.inconclusive), baseline, csv_field(f.message)});
  }
}

// One row per segment (--segments, else the clusters): its figures and its equity flow
// (shares of the site's equity per step: kept inside, in from other segments, out to them, lost).
void write_segments_csv(std::ostream& out, const ReportContext& report) {
  const Segmentation& seg = report.audit.segments;
  const EquityFlow& f = seg.flow;
  out << kBom;
  row(out, {"segment", "source", "urls", "pages", "indexable_pages", "equity", "pagerank", "authority", "max_depth", "unreachable_pages",
            "inlinks_from_other_segments", "orphans", "broken_links", "flow_inside", "flow_in", "flow_out", "flow_lost", "gini",
            "top_1_percent", "top_10_pages"});
  for (std::size_t a = 0; a < seg.segments.size(); ++a) {
    const SegmentStats& s = seg.segments[a];
    double in = 0;
    double outward = 0;
    for (std::size_t b = 0; b < f.segments; ++b) {
      if (b == a) continue;
      in += f.at(b, a);
      outward += f.at(a, b);
    }
    row(out, {csv_field(s.name), seg.source, std::to_string(s.urls), std::to_string(s.pages), std::to_string(s.indexable), number(s.equity),
              number(s.pagerank), number(s.authority), std::to_string(s.max_depth), std::to_string(s.unreachable),
              std::to_string(s.inlinks_from_other), std::to_string(s.orphans), std::to_string(s.broken_links),
              number(a < f.segments ? f.at(a, a) : 0.0), number(in), number(outward), number(a < f.lost.size() ? f.lost[a] : 0.0),
              number(s.concentration.gini), number(s.concentration.top_1_percent), number(s.concentration.top_10_pages)});
  }
}

// The link plan as an editor's worksheet, one row per link in the order chosen; a valid
// --what-if file once the action column is read (add,source,target,placement,anchor).
void write_plan_csv(std::ostream& out, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  out << kBom;
  row(out, {"action", "source", "target", "placement", "anchor", "phrase", "sentence", "line", "relevance", "equity_gain", "note"});
  for (const PlannedLink& l : report.audit.plan.links) {
    row(out, {"add", csv_field(graph.url(l.source)), csv_field(graph.url(l.target)), "content", csv_field(l.anchor), csv_field(l.phrase),
              csv_field(l.sentence), l.line ? std::to_string(l.line) : std::string(), number(l.relevance), number(l.gain),
              csv_field(l.phrase_note)});
  }
}

}  // namespace sitegraph
