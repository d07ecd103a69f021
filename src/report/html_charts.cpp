// The HTML report's charts, drawn here as inline SVG (no script library, nothing fetched):
// crawl depth, equity, inlinks by placement, equity by cluster and the links between clusters.

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <map>
#include <numbers>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"

#include "report/html_writer.hpp"

namespace sitegraph::html {
namespace {

constexpr std::size_t kMaxClusterRows = 500;
constexpr std::size_t kClusterBars = 20;
constexpr std::size_t kRingClusters = 12;
constexpr std::uint32_t kDepthBars = 40;      // deeper pages share the last bar
constexpr double kWidth = 640;                // the cluster charts' width (the column charts are narrower)

// ---- Charts -------------------------------------------------------------------------

struct Bar {
  std::string label;  // may hold web text: escaped when written
  double value = 0;
};

// The viewBox keeps the drawing's proportions; CSS stretches it to its card's width.
void svg_open(Html& h, std::string_view chart, std::string_view label, int width, int height) {
  h.raw("<svg class=\"chart\" data-chart=\"").raw(chart).raw("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").num(width)
      .raw("\" height=\"").num(height).raw("\" viewBox=\"0 0 ").num(width).raw(" ").num(height).raw("\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"").text(label)
      .raw("\"><title>").text(label).raw("</title>\n");
}

void no_data(Html& h, int width, int height) {
  h.raw("<text class=\"empty\" x=\"").num(width / 2).raw("\" y=\"").num(height / 2).raw("\" text-anchor=\"middle\">no data</text></svg>\n");
}

/// A column chart, 480x260 (three fit side by side at 1,400 px and keep 11 px text readable):
/// one column per bar, labels below, values above when they fit.
void column_chart(Html& h, std::string_view chart, std::string_view label, const std::vector<Bar>& bars, bool integers) {
  constexpr double kColumnWidth = 480, kLeft = 52, kRight = 12, kTop = 18, kBottom = 34, kColumnHeight = 260;
  constexpr double kPlotW = kColumnWidth - kLeft - kRight, kPlotH = kColumnHeight - kTop - kBottom;
  svg_open(h, chart, label, 480, 260);
  double max_value = 0;
  for (const Bar& b : bars) max_value = std::max(max_value, b.value);
  if (bars.empty() || !(max_value > 0)) return no_data(h, 480, 260);
  h.raw("<line class=\"axis\" x1=\"").px(kLeft).raw("\" y1=\"").px(kTop + kPlotH).raw("\" x2=\"").px(kColumnWidth - kRight)
      .raw("\" y2=\"").px(kTop + kPlotH).raw("\"/>\n");
  h.raw("<text x=\"").px(kLeft - 6).raw("\" y=\"").px(kTop + 4).raw("\" text-anchor=\"end\">")
      .raw(format_value(max_value, integers)).raw("</text><text x=\"").px(kLeft - 6).raw("\" y=\"").px(kTop + kPlotH)
      .raw("\" text-anchor=\"end\">0</text>\n");
  const double slot = kPlotW / static_cast<double>(bars.size());
  const std::size_t label_every = (bars.size() + 15) / 16;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double height = kPlotH * b.value / max_value;
    const double x = kLeft + slot * static_cast<double>(i);
    const double center = x + slot / 2;
    const std::string value = format_value(b.value, integers);
    h.raw("<rect class=\"bar\" x=\"").px(x + slot * 0.12).raw("\" y=\"").px(kTop + kPlotH - height).raw("\" width=\"")
        .px(slot * 0.76).raw("\" height=\"").px(height).raw("\"><title>").text(b.label).raw(": ").raw(value)
        .raw("</title></rect>");
    if (bars.size() <= 16 && b.value > 0) {
      h.raw("<text class=\"value\" x=\"").px(center).raw("\" y=\"").px(kTop + kPlotH - height - 4)
          .raw("\" text-anchor=\"middle\">").raw(value).raw("</text>");
    }
    // Thinned labels when the columns are narrow; the last one ("unreachable") always shown.
    const bool last = i + 1 == bars.size();
    if (last || (i % label_every == 0 && i + label_every < bars.size())) {
      h.raw("<text x=\"").px(center).raw("\" y=\"").px(kTop + kPlotH + 16).raw("\" text-anchor=\"middle\">")
          .text(clip(b.label, 12)).raw("</text>");
    }
    h.raw("\n");
  }
  h.raw("</svg>\n");
}

/// A bar chart with one row per bar (long labels, e.g. cluster names), 640 wide and as tall as
/// its rows: a few clusters make a short chart, not a tall empty one.
void row_chart(Html& h, std::string_view chart, std::string_view label, const std::vector<Bar>& bars) {
  constexpr double kLabelW = 180, kValueW = 64, kTop = 8, row = 24;
  const int height = static_cast<int>(2 * kTop + row * static_cast<double>(std::max<std::size_t>(bars.size(), 3)));
  svg_open(h, chart, label, 640, height);
  double max_value = 0;
  for (const Bar& b : bars) max_value = std::max(max_value, b.value);
  if (bars.empty() || !(max_value > 0)) return no_data(h, 640, height);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = kTop + row * static_cast<double>(i);
    const double width = (kWidth - kLabelW - kValueW) * b.value / max_value;
    h.raw("<text x=\"").px(kLabelW - 8).raw("\" y=\"").px(y + row * 0.7).raw("\" text-anchor=\"end\">")
        .text(clip(b.label, 26)).raw("</text><rect class=\"bar\" x=\"").px(kLabelW).raw("\" y=\"").px(y + row * 0.15)
        .raw("\" width=\"").px(width).raw("\" height=\"").px(row * 0.7).raw("\"><title>").text(b.label).raw(": ")
        .raw(format_value(b.value, false)).raw("</title></rect><text class=\"value\" x=\"").px(kLabelW + width + 4)
        .raw("\" y=\"").px(y + row * 0.7).raw("\">").raw(format_value(b.value, false)).raw("</text>\n");
  }
  h.raw("</svg>\n");
}

void figure(Html& h, std::string_view caption) {
  h.raw("<figure><figcaption>").raw(caption).raw("</figcaption>\n");
}

// Internal 2xx HTML pages per crawl depth, 0..max (deeper than kDepthBars share the last
// bar), then those the start page does not reach.
std::vector<Bar> depth_bars(const SiteGraph& graph, const Audit& audit, std::uint32_t max_depth) {
  const std::uint32_t last = std::min(max_depth, kDepthBars);
  std::vector<double> counts(std::size_t{last} + 1, 0.0);
  double unreachable = 0;
  for (UrlId id = 0; id < graph.size() && id < audit.depth.size(); ++id) {
    if (!is_ranked(graph.page(id))) continue;
    const std::uint32_t d = audit.depth[id];
    if (d == kUnreachable) ++unreachable;
    else ++counts[std::min(d, last)];
  }
  std::vector<Bar> bars;
  for (std::uint32_t d = 0; d <= last; ++d) {
    bars.push_back({std::to_string(d) + (d == last && max_depth > last ? "+" : ""), counts[d]});
  }
  bars.push_back({"unreachable", unreachable});
  return bars;
}

// Ranked pages by their equity against the average page's (1 / ranked pages): a reader sees
// at a glance how many pages get a fair share, and how many get a tenth of it or less.
std::vector<Bar> equity_bars(const Audit& audit) {
  struct Bucket {
    double below;  // ratio to the average, exclusive upper bound
    const char* label;
  };
  static constexpr std::array<Bucket, 7> kBuckets{{{0.1, "<0.1x"}, {0.5, "0.1-0.5x"}, {1, "0.5-1x"}, {2, "1-2x"},
                                                    {5, "2-5x"}, {10, "5-10x"}, {std::numeric_limits<double>::infinity(), ">=10x"}}};
  double ranked = 0;
  for (const double e : audit.equity.rank) ranked += std::isnan(e) ? 0 : 1;
  std::vector<Bar> bars;
  if (ranked == 0) return bars;
  for (const Bucket& b : kBuckets) bars.push_back({b.label, 0});
  for (const double e : audit.equity.rank) {
    if (std::isnan(e)) continue;
    const double ratio = e * ranked;
    std::size_t i = 0;
    while (ratio >= kBuckets[i].below) ++i;
    ++bars[i].value;
  }
  return bars;
}

std::vector<Bar> placement_bars(const Audit& audit) {
  using Counts = decltype(PageFacts::inlinks_by_placement)::value_type;  // one count per Placement
  std::array<double, std::tuple_size_v<Counts>> totals{};
  for (const auto& counts : audit.facts.inlinks_by_placement) {
    for (std::size_t i = 0; i < totals.size(); ++i) totals[i] += counts[i];
  }
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    bars.push_back({std::string(placement_name(static_cast<Placement>(i))), totals[i]});
  }
  return bars;
}

// Clusters, most equity first (ties by name, so the report is reproducible).
std::vector<const Cluster*> clusters_by_equity(const Audit& audit) {
  std::vector<const Cluster*> out;
  for (const Cluster& c : audit.clustering.clusters) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const Cluster* a, const Cluster* b) {
    return a->equity != b->equity ? a->equity > b->equity : a->name < b->name;
  });
  return out;
}

struct RingNode {
  std::uint32_t cluster = 0;
  double x = 0, y = 0, r = 0;
};

// The clusters with most pages on a ring, circle area ~ pages.
std::vector<RingNode> ring_nodes(const Audit& audit) {
  const auto& clusters = audit.clustering.clusters;
  std::vector<RingNode> nodes;
  for (std::uint32_t i = 0; i < clusters.size(); ++i) {
    if (clusters[i].pages > 0) nodes.push_back({i});
  }
  std::sort(nodes.begin(), nodes.end(), [&](const RingNode& a, const RingNode& b) {
    const Cluster& ca = clusters[a.cluster];
    const Cluster& cb = clusters[b.cluster];
    return ca.pages != cb.pages ? ca.pages > cb.pages : ca.name < cb.name;
  });
  nodes.resize(std::min(nodes.size(), kRingClusters));
  if (nodes.empty()) return nodes;
  const double max_pages = clusters[nodes.front().cluster].pages;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(nodes.size());
    // An ellipse: wider than tall leaves room for the labels at the sides.
    nodes[i].x = kWidth / 2 + 120 * std::cos(angle);
    nodes[i].y = 200 + 150 * std::sin(angle);
    nodes[i].r = 6 + 22 * std::sqrt(clusters[nodes[i].cluster].pages / max_pages);
  }
  return nodes;
}

// Followable links between the ring's clusters: links[a * n + b] from ring slot a to slot b.
std::vector<std::uint64_t> ring_links(const SiteGraph& graph, const Audit& audit, const std::vector<RingNode>& nodes) {
  const std::size_t n = nodes.size();
  constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);
  std::vector<std::size_t> slot(audit.clustering.clusters.size(), kNoSlot);
  for (std::size_t i = 0; i < n; ++i) slot[nodes[i].cluster] = i;
  const auto& of_page = audit.clustering.of_page;
  const auto slot_of = [&](UrlId page) {
    if (page >= of_page.size() || of_page[page] == kNoCluster || of_page[page] >= slot.size()) return kNoSlot;
    return slot[of_page[page]];
  };
  std::vector<std::uint64_t> links(n * n, 0);
  for (const auto& [source, target] : followable_pairs(graph)) {
    const std::size_t a = slot_of(source);
    const std::size_t b = slot_of(target);
    if (a != kNoSlot && b != kNoSlot && a != b) ++links[a * n + b];
  }
  return links;
}

void cluster_graph(Html& h, const SiteGraph& graph, const Audit& audit) {
  const std::vector<RingNode> nodes = ring_nodes(audit);
  if (nodes.size() < 2) return;
  const auto& clusters = audit.clustering.clusters;
  const std::vector<std::uint64_t> links = ring_links(graph, audit, nodes);
  const std::size_t n = nodes.size();
  figure(h, "Links between clusters (largest 12; circle area ~ pages, line width ~ log of links)");
  svg_open(h, "cluster-graph", "Followable links between the largest clusters", 640, 400);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = a + 1; b < n; ++b) {
      const std::uint64_t ab = links[a * n + b], ba = links[b * n + a];
      if (ab + ba == 0) continue;
      const double width = std::min(14.0, 1 + 1.5 * std::log(static_cast<double>(ab + ba)));
      const std::string& na = clusters[nodes[a].cluster].name;
      const std::string& nb = clusters[nodes[b].cluster].name;
      h.raw("<line class=\"edge\" x1=\"").px(nodes[a].x).raw("\" y1=\"").px(nodes[a].y).raw("\" x2=\"").px(nodes[b].x)
          .raw("\" y2=\"").px(nodes[b].y).raw("\" stroke-width=\"").px(width).raw("\"><title>").text(na)
          .raw(" \xE2\x86\x92 ").text(nb).raw(": ").num(ab).raw(" links; ").text(nb).raw(" \xE2\x86\x92 ").text(na)
          .raw(": ").num(ba).raw(" links</title></line>\n");
    }
  }
  for (const RingNode& node : nodes) {
    const Cluster& c = clusters[node.cluster];
    const double dx = node.x - kWidth / 2;
    const std::string_view anchor = dx > 20 ? "start" : dx < -20 ? "end" : "middle";
    const double lx = node.x + (dx > 20 ? node.r + 4 : dx < -20 ? -node.r - 4 : 0);
    const double ly = node.y + (dx > 20 || dx < -20 ? 4 : node.y < 200 ? -node.r - 6 : node.r + 14);
    h.raw("<g class=\"node\"><circle cx=\"").px(node.x).raw("\" cy=\"").px(node.y).raw("\" r=\"").px(node.r)
        .raw("\"><title>").text(c.name).raw(": ").num(c.pages).raw(" pages, equity ").real(c.equity, 4)
        .raw("</title></circle><text x=\"").px(lx).raw("\" y=\"").px(ly).raw("\" text-anchor=\"").raw(anchor).raw("\">")
        .text(clip(c.name, 22)).raw(" (").num(c.pages).raw(")</text></g>\n");
  }
  h.raw("</svg></figure>\n");
}

}  // namespace

void write_charts(Html& h, const ReportContext& report, const ReportSummary& s) {
  const SiteGraph& graph = report.crawl.graph;
  h.raw("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">\n");
  figure(h, "HTML pages by crawl depth (clicks from the start page)");
  column_chart(h, "depth", "HTML pages by crawl depth", depth_bars(graph, report.audit, s.max_depth), true);
  h.raw("</figure>\n");
  figure(h, "Pages by equity, against the average page (1x = an equal share; <0.1x = a tenth of it or less)");
  column_chart(h, "equity", "Ranked pages by equity relative to the average page", equity_bars(report.audit), true);
  h.raw("</figure>\n");
  figure(h, "Inlinks by placement (unique source pages, summed over pages)");
  column_chart(h, "placement", "Inlinks by placement", placement_bars(report.audit), true);
  h.raw("</figure>\n</div></section>\n");
}

void write_clusters(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<const Cluster*> clusters = clusters_by_equity(report.audit);
  if (clusters.empty()) return;
  h.raw("<section id=\"clusters-section\"><h2>Clusters <span class=\"count\">").num(clusters.size()).raw("</span></h2>\n");
  h.raw("<div class=\"charts\">\n");
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < clusters.size() && i < kClusterBars; ++i) bars.push_back({clusters[i]->name, clusters[i]->equity});
  figure(h, "Equity by cluster (top 20)");
  row_chart(h, "cluster-equity", "Equity held by each cluster, top 20", bars);
  h.raw("</figure>\n");
  cluster_graph(h, graph, report.audit);
  h.raw("</div>\n");
  table_head(h, "clusters", {"Cluster", "Pages", "Equity", "Spokes linking hub", "Hub coverage", "Hub"}, false);
  const std::size_t shown = std::min(clusters.size(), kMaxClusterRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const Cluster& c = *clusters[i];
    h.raw("<tr><td>").text(c.name).raw("</td>");
    int_cell(h, c.pages);
    real_cell(h, c.equity);
    h.raw("<td class=\"num\" data-sort=\"").real(c.spokes_linking_hub, 12).raw("\">").px(c.spokes_linking_hub * 100)
        .raw("%</td><td class=\"num\" data-sort=\"").real(c.hub_coverage, 12).raw("\">").px(c.hub_coverage * 100)
        .raw("%</td>");
    url_cell(h, graph, c.hub);
    h.raw("</tr>\n");
  }
  more_note(h, clusters.size(), shown, "clusters");
  h.raw("</section>\n");
}

// --segments: each segment's figures, and the equity flow as a heat map a person reads at a
// glance: a row per segment it leaves, a column per segment it reaches, then lost and
// jumping away; each cell shaded by its share of the largest.
void write_segments(Html& h, const ReportContext& report) {
  const Segmentation& seg = report.audit.segments;
  if (seg.source != "segments" || seg.segments.empty()) return;
  const EquityFlow& f = seg.flow;
  h.raw("<section id=\"segments-section\"><h2>Segments <span class=\"count\">").num(seg.segments.size()).raw("</span></h2>\n");
  table_head(h, "segments", {"Segment", "Pages", "Indexable", "Equity", "PageRank", "Authority", "Max depth", "Inlinks from other segments",
                             "Orphans", "Broken links", "Gini"}, false);
  for (const SegmentStats& s : seg.segments) {
    h.raw("<tr><td>").text(s.name).raw("</td>");
    int_cell(h, s.pages);
    int_cell(h, s.indexable);
    real_cell(h, s.equity);
    real_cell(h, s.pagerank);
    real_cell(h, s.authority);
    int_cell(h, s.max_depth);
    int_cell(h, s.inlinks_from_other);
    int_cell(h, s.orphans);
    int_cell(h, s.broken_links);
    real_cell(h, s.concentration.gini);
    h.raw("</tr>\n");
  }
  more_note(h, seg.segments.size(), seg.segments.size(), "segments");
  if (f.segments != seg.segments.size()) {  // left out past 500 segments
    h.raw("</section>\n");
    return;
  }
  double largest = 0;
  for (std::size_t a = 0; a < f.segments; ++a) {
    largest = std::max({largest, f.lost[a], f.teleport[a]});
    for (std::size_t b = 0; b < f.segments; ++b) largest = std::max(largest, f.at(a, b));
  }
  const auto cell = [&](double x) {
    const double alpha = largest > 0 ? 0.08 + 0.8 * x / largest : 0;
    h.raw("<td class=\"num heat\" style=\"background:rgba(37,99,235,").px(alpha).raw(")").raw(alpha > 0.5 ? ";color:#fff" : "")
        .raw("\" data-sort=\"").real(x, 12).raw("\">").px(x * 100).raw("%</td>");
  };
  h.raw("<figure class=\"flow\"><figcaption>Equity flow per step, as a share of the site's equity: from the segment of the row to "
        "the segment of the column; the diagonal stays inside. Lost: to nofollow, external and broken links. Jumps away: the "
        "surfer's random jumps and pages without links.</figcaption>\n");
  h.raw("<div class=\"table-wrap\"><table id=\"equity-flow\"><thead><tr><th scope=\"col\">from \\ to</th>");
  for (const SegmentStats& s : seg.segments) h.raw("<th scope=\"col\">").text(s.name).raw("</th>");
  h.raw("<th scope=\"col\">lost</th><th scope=\"col\">jumps away</th></tr></thead>\n<tbody>\n");
  for (std::size_t a = 0; a < f.segments; ++a) {
    h.raw("<tr><th scope=\"row\">").text(seg.segments[a].name).raw("</th>");
    for (std::size_t b = 0; b < f.segments; ++b) cell(f.at(a, b));
    cell(f.lost[a]);
    cell(f.teleport[a]);
    h.raw("</tr>\n");
  }
  h.raw("<tr><th scope=\"row\">arriving by jumps</th>");
  for (std::size_t b = 0; b < f.segments; ++b) cell(f.arriving[b]);
  h.raw("<td></td><td></td></tr>\n</tbody></table></div></figure>\n</section>\n");
}

}  // namespace sitegraph::html
