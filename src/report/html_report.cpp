// The HTML report: one self-contained page that opens offline. Styles, the sorting and
// filtering script, and the charts (SVG drawn here) are all inline; a Content-Security-Policy
// forbids every fetch. Every string from the web (URLs, messages, cluster names, the target)
// goes through xml_escape(), in text and in attribute values; nothing from the web is
// written inside <script> or <style>. No timestamps: the same audit gives the same bytes.

#include <algorithm>
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

#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph {
namespace {

constexpr std::size_t kMaxTableRows = 5000;   // findings and pages tables
constexpr std::size_t kMaxFixedRows = 500;    // fixed findings (--baseline)
constexpr std::size_t kMaxClusterRows = 500;
constexpr std::size_t kClusterBars = 20;
constexpr std::size_t kRingClusters = 12;
constexpr std::uint32_t kDepthBars = 40;      // deeper pages share the last bar
constexpr double kWidth = 640;                // every chart is this wide

/// Buffered output: `text` escapes web strings, `raw` is only for markup written here.
class Html {
 public:
  explicit Html(std::ostream& out) : out_(out) { buf_.reserve(kFlushBytes + 4096); }
  Html(const Html&) = delete;
  Html& operator=(const Html&) = delete;
  ~Html() = default;

  Html& raw(std::string_view s) {
    buf_.append(s);
    return maybe_flush();
  }
  Html& text(std::string_view s) {
    buf_ += xml_escape(s);
    return maybe_flush();
  }
  template <std::integral T>
  Html& num(T n) {
    buf_ += std::to_string(n);
    return *this;
  }
  /// %.6g; nothing for NaN, so a missing value is an empty cell.
  Html& real(double x, int precision = 6) {
    if (std::isnan(x)) return *this;
    char tmp[40];
    std::snprintf(tmp, sizeof tmp, "%.*g", precision, x);
    buf_ += tmp;
    return *this;
  }
  /// An SVG coordinate or length.
  Html& px(double x) {
    char tmp[40];
    std::snprintf(tmp, sizeof tmp, "%.1f", x);
    buf_ += tmp;
    return *this;
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 16;
  Html& maybe_flush() { return buf_.size() >= kFlushBytes ? (flush(), *this) : *this; }
  std::ostream& out_;
  std::string buf_;
};

/// At most `max_bytes` of `s`, cut on a UTF-8 character boundary, "…" when cut.
std::string clip(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "\xE2\x80\xA6";
}

std::string format_value(double x, bool integers) {
  char tmp[40];
  if (integers) std::snprintf(tmp, sizeof tmp, "%.0f", x);
  else std::snprintf(tmp, sizeof tmp, "%.4g", x);
  return tmp;
}

// Only web URLs become links: a javascript: or data: URL found on a page stays text.
void write_url(Html& h, std::string_view url) {
  if (url.starts_with("http://") || url.starts_with("https://")) {
    h.raw("<a href=\"").text(url).raw("\" rel=\"noopener noreferrer nofollow\">").text(url).raw("</a>");
  } else {
    h.text(url);
  }
}

void url_cell(Html& h, const SiteGraph& graph, UrlId id) {
  h.raw("<td class=\"url\">");
  if (id != kNoUrl && id < graph.size()) write_url(h, graph.url(id));
  h.raw("</td>");
}

template <std::integral T>
void int_cell(Html& h, T n) {
  h.raw("<td class=\"num\" data-sort=\"").num(n).raw("\">").num(n).raw("</td>");
}

void real_cell(Html& h, double x) {
  h.raw("<td class=\"num\" data-sort=\"").real(x, 12).raw("\">").real(x).raw("</td>");
}

// 0 info, 1 warning, 2 error; -1 for a name this version does not know (a baseline file).
int severity_rank(std::string_view name) {
  for (const Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (severity_name(s) == name) return static_cast<int>(s);
  }
  return -1;
}

void severity_cell(Html& h, std::string_view name) {
  const int rank = severity_rank(name);
  h.raw("<td data-sort=\"").num(rank).raw("\"><span class=\"badge");
  if (rank >= 0) h.raw(" sev-").raw(name);
  h.raw("\">").text(name).raw("</span></td>");
}

void table_head(Html& h, std::string_view id, std::initializer_list<std::string_view> columns, bool filter) {
  if (filter) {
    // Hidden until the script runs: without JavaScript it would do nothing.
    h.raw("<input class=\"filter\" type=\"search\" hidden placeholder=\"Filter rows\" aria-label=\"Filter ")
        .raw(id).raw("\" data-table=\"").raw(id).raw("\">\n");
  }
  h.raw("<div class=\"table-wrap\"><table id=\"").raw(id).raw("\" class=\"sortable\"><thead><tr>");
  for (const std::string_view c : columns) h.raw("<th scope=\"col\">").raw(c).raw("</th>");
  h.raw("</tr></thead>\n<tbody>\n");
}

void more_note(Html& h, std::size_t total, std::size_t shown, std::string_view what) {
  h.raw("</tbody></table></div>\n");
  if (total <= shown) return;
  h.raw("<p class=\"note more\" data-more=\"").num(total - shown).raw("\">Showing ").num(shown).raw(" of ").num(total)
      .raw(" ").raw(what).raw("; ").num(total - shown).raw(" more not shown (see --format json or csv).</p>\n");
}

// ---- Charts -------------------------------------------------------------------------

struct Bar {
  std::string label;  // may hold web text: escaped when written
  double value = 0;
};

void svg_open(Html& h, std::string_view chart, std::string_view label, int height) {
  h.raw("<svg class=\"chart\" data-chart=\"").raw(chart).raw("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"")
      .num(height).raw("\" viewBox=\"0 0 640 ").num(height).raw("\" role=\"img\" aria-label=\"").text(label)
      .raw("\"><title>").text(label).raw("</title>\n");
}

void no_data(Html& h, int height) {
  h.raw("<text class=\"empty\" x=\"320\" y=\"").num(height / 2).raw("\" text-anchor=\"middle\">no data</text></svg>\n");
}

/// A column chart, 640x240: one column per bar, labels below, values above when they fit.
void column_chart(Html& h, std::string_view chart, std::string_view label, const std::vector<Bar>& bars, bool integers) {
  constexpr double kLeft = 52, kRight = 12, kTop = 18, kBottom = 34, kHeight = 240;
  constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
  svg_open(h, chart, label, 240);
  double max_value = 0;
  for (const Bar& b : bars) max_value = std::max(max_value, b.value);
  if (bars.empty() || !(max_value > 0)) return no_data(h, 240);
  h.raw("<line class=\"axis\" x1=\"").px(kLeft).raw("\" y1=\"").px(kTop + kPlotH).raw("\" x2=\"").px(kWidth - kRight)
      .raw("\" y2=\"").px(kTop + kPlotH).raw("\"/>\n");
  h.raw("<text x=\"").px(kLeft - 6).raw("\" y=\"").px(kTop + 4).raw("\" text-anchor=\"end\">")
      .raw(format_value(max_value, integers)).raw("</text><text x=\"").px(kLeft - 6).raw("\" y=\"").px(kTop + kPlotH)
      .raw("\" text-anchor=\"end\">0</text>\n");
  const double slot = kPlotW / static_cast<double>(bars.size());
  const std::size_t label_every = (bars.size() + 23) / 24;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double height = kPlotH * b.value / max_value;
    const double x = kLeft + slot * static_cast<double>(i);
    const double center = x + slot / 2;
    const std::string value = format_value(b.value, integers);
    h.raw("<rect class=\"bar\" x=\"").px(x + slot * 0.12).raw("\" y=\"").px(kTop + kPlotH - height).raw("\" width=\"")
        .px(slot * 0.76).raw("\" height=\"").px(height).raw("\"><title>").text(b.label).raw(": ").raw(value)
        .raw("</title></rect>");
    if (bars.size() <= 24 && b.value > 0) {
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

/// A bar chart with one row per bar (long labels, e.g. cluster names), 640x400.
void row_chart(Html& h, std::string_view chart, std::string_view label, const std::vector<Bar>& bars) {
  constexpr double kLabelW = 180, kValueW = 64, kTop = 8, kHeight = 400;
  svg_open(h, chart, label, 400);
  double max_value = 0;
  for (const Bar& b : bars) max_value = std::max(max_value, b.value);
  if (bars.empty() || !(max_value > 0)) return no_data(h, 400);
  const double row = (kHeight - 2 * kTop) / static_cast<double>(kClusterBars);
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

// Ranked pages per decade of equity: the bar "1e-4" holds equity in [1e-4, 1e-3).
std::vector<Bar> equity_bars(const Audit& audit) {
  std::map<int, double> by_decade;
  double zero = 0;
  for (const double e : audit.equity.rank) {
    if (std::isnan(e)) continue;
    if (e <= 0) ++zero;
    else ++by_decade[static_cast<int>(std::floor(std::log10(e)))];
  }
  std::vector<Bar> bars;
  if (zero > 0) bars.push_back({"0", zero});
  if (by_decade.empty()) return bars;
  const int hi = by_decade.rbegin()->first;
  const int lo = std::max(by_decade.begin()->first, hi - 15);
  std::vector<double> counts(static_cast<std::size_t>(hi - lo) + 1, 0.0);
  for (const auto& [decade, n] : by_decade) counts[static_cast<std::size_t>(std::max(decade, lo) - lo)] += n;
  for (int d = lo; d <= hi; ++d) bars.push_back({"1e" + std::to_string(d), counts[static_cast<std::size_t>(d - lo)]});
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
  svg_open(h, "cluster-graph", "Followable links between the largest clusters", 400);
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

void write_charts(Html& h, const ReportContext& report, const ReportSummary& s) {
  const SiteGraph& graph = report.crawl.graph;
  h.raw("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">\n");
  figure(h, "HTML pages by crawl depth (clicks from the start page)");
  column_chart(h, "depth", "HTML pages by crawl depth", depth_bars(graph, report.audit, s.max_depth), true);
  h.raw("</figure>\n");
  figure(h, "Pages by equity (log10 buckets; 1e-4 holds equity from 1e-4 up to 1e-3)");
  column_chart(h, "equity", "Ranked pages by equity, log10 buckets", equity_bars(report.audit), true);
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

// ---- Page frame, cards, tables --------------------------------------------------------

constexpr std::string_view kStyle = R"CSS(
:root{--bg:#f5f7fa;--fg:#1f2933;--muted:#5f6b7a;--panel:#fff;--line:#dde2e8;--accent:#2563eb;
--error:#b42318;--error-bg:#fee4e2;--warning:#b54708;--warning-bg:#fef0c7;--info:#175cd3;--info-bg:#d1e9ff}
*{box-sizing:border-box}
body{margin:0;padding:24px;background:var(--bg);color:var(--fg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:1320px;margin:0 auto}
h1{font-size:22px;margin:0 0 6px;overflow-wrap:anywhere}
h2{font-size:18px;margin:32px 0 12px}
.count{color:var(--muted);font-weight:400}
.meta{margin:0;color:var(--muted);overflow-wrap:anywhere}
.meta span{margin-right:18px}
.meta b{color:var(--fg);font-weight:600}
.banner{margin:16px 0;padding:12px 16px;border-radius:8px;background:var(--error-bg);border:1px solid #fda29b;color:var(--error)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.card{flex:1 1 150px;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card .value{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.card .label{color:var(--muted);font-size:13px}
.card.bad .value{color:var(--error)}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin-bottom:16px}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px;max-width:100%;overflow-x:auto}
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
    h.raw(": findings that need the whole site (orphan pages) are inconclusive.</div>\n");
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
  card(h, "orphan_pages", count("orphan-page"), "orphan pages", true);
  card(h, "broken_links", count("broken-link"), "broken links", true);
  card(h, "findings", report.audit.findings.size(), "findings");
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

void write_findings(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const std::vector<Finding>& findings = report.audit.findings;
  h.raw("<section id=\"findings-section\"><h2>Findings <span class=\"count\">").num(findings.size()).raw("</span></h2>\n");
  if (findings.empty()) {
    h.raw("<p class=\"note\">No findings.</p></section>\n");
    return;
  }
  if (report.baseline) table_head(h, "findings", {"Rule", "Severity", "URL", "Target", "Detail", "New"}, true);
  else table_head(h, "findings", {"Rule", "Severity", "URL", "Target", "Detail"}, true);
  const std::size_t shown = std::min(findings.size(), kMaxTableRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const Finding& f = findings[i];
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
  h.raw("</section>\n");
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

void write_pages(Html& h, const ReportContext& report) {
  const SiteGraph& graph = report.crawl.graph;
  const Audit& audit = report.audit;
  std::size_t total = 0;
  const std::vector<UrlId> ids = pages_by_pagerank(graph, audit, kMaxTableRows, total);
  h.raw("<section id=\"pages-section\"><h2>Pages <span class=\"count\">").num(total).raw("</span></h2>\n");
  table_head(h, "pages",
             {"URL", "Status", "Depth", "Inlinks", "Outlinks", "PageRank", "Equity", "Cluster", "Indexable"}, true);
  const auto at = [](const auto& v, UrlId id, auto fallback) { return id < v.size() ? v[id] : fallback; };
  for (const UrlId id : ids) {
    h.raw("<tr>");
    url_cell(h, graph, id);
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
    h.raw(at(audit.facts.indexable, id, std::uint8_t{0}) ? "</td><td>yes</td></tr>\n" : "</td><td>no</td></tr>\n");
  }
  more_note(h, total, ids.size(), "internal URLs (highest PageRank first)");
  h.raw("</section>\n");
}

}  // namespace

void write_html_report(std::ostream& out, const ReportContext& report) {
  const ReportSummary s = summarize(report.crawl, report.audit, 0);
  Html h(out);
  write_head(h, report);
  h.raw("<body>\n<main>\n");
  write_header(h, report);
  write_cards(h, report, s);
  write_charts(h, report, s);
  write_clusters(h, report);
  write_findings(h, report);
  write_fixed(h, report);
  write_pages(h, report);
  h.raw("</main>\n<script>").raw(kScript).raw("</script>\n</body>\n</html>\n");
  h.flush();
}

}  // namespace sitegraph
