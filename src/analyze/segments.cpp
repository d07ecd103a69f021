// Segments (--segments, else the clusters): which part of the site each internal URL is in,
// what each part holds, and how equity flows between the parts (docs/equity.md, "Segments").

#include <algorithm>
#include <cmath>
#include <regex>
#include <stdexcept>

#include "analyze/passes.hpp"
#include "analyze/power_iteration.hpp"
#include "analyze/url_path.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// The --segments lines, regexes compiled once.
class SegmentMatcher {
 public:
  explicit SegmentMatcher(const std::vector<SegmentRule>& rules) : rules_(rules) {
    for (const SegmentRule& rule : rules) {
      regex_.emplace_back();
      if (rule.regex) regex_.back().assign(rule.pattern, std::regex::ECMAScript | std::regex::optimize);
    }
  }

  /// The index of the first line `url` matches, or rules.size() for none.
  [[nodiscard]] std::size_t match(std::string_view url) const {
    const std::string path = path_of(url);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      const SegmentRule& rule = rules_[i];
      const bool whole = rule.pattern.find("://") != std::string::npos;
      const std::string_view text = whole ? url : std::string_view(path);
      const bool hit = rule.regex ? std::regex_search(text.begin(), text.end(), regex_[i]) : glob_match(rule.pattern, text);
      if (hit) return i;
    }
    return rules_.size();
  }

 private:
  const std::vector<SegmentRule>& rules_;
  std::vector<std::regex> regex_;
};

SegmentStats named(std::string name) {
  SegmentStats s;
  s.name = std::move(name);
  return s;
}

// Each internal URL's segment by name order: the file's lines (several lines may name one
// segment), or the clusters; "(other)" for the rest, added only when some URL falls there.
void assign(const SiteGraph& graph, const Audit& audit, const std::vector<SegmentRule>& rules, Segmentation& out) {
  out.of_page.assign(graph.size(), kNoCluster);
  std::vector<std::uint32_t> of_line;  // line -> segment index
  if (!rules.empty()) {
    out.source = "segments";
    for (const SegmentRule& rule : rules) {
      std::uint32_t s = 0;
      while (s < out.segments.size() && out.segments[s].name != rule.name) ++s;
      if (s == out.segments.size()) out.segments.push_back(named(rule.name));
      of_line.push_back(s);
    }
  } else {
    out.source = "clusters";
    for (const Cluster& c : audit.clustering.clusters) out.segments.push_back(named(c.name));
  }
  const SegmentMatcher matcher(rules);
  std::uint32_t other = kNoCluster;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (!graph.page(id).internal) continue;
    std::uint32_t s = kNoCluster;
    if (!rules.empty()) {
      const std::size_t line = matcher.match(graph.url(id));
      if (line < rules.size()) s = of_line[line];
    } else if (id < audit.clustering.of_page.size()) {
      s = audit.clustering.of_page[id];
    }
    if (s == kNoCluster) {
      if (other == kNoCluster) {
        other = static_cast<std::uint32_t>(out.segments.size());
        out.segments.push_back(named(std::string(kOtherSegment)));
      }
      s = other;
    }
    out.of_page[id] = s;
  }
}

void count(const SiteGraph& graph, const Audit& audit, Segmentation& out) {
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (out.of_page[id] == kNoCluster) continue;
    SegmentStats& s = out.segments[out.of_page[id]];
    ++s.urls;
    if (!is_ranked(graph.page(id))) continue;
    ++s.pages;
    if (is_indexable(graph, id)) ++s.indexable;
    if (id < audit.equity.rank.size() && !std::isnan(audit.equity.rank[id])) s.equity += audit.equity.rank[id];
    if (id < audit.pagerank.rank.size() && !std::isnan(audit.pagerank.rank[id])) s.pagerank += audit.pagerank.rank[id];
    if (id < audit.external_authority.size()) s.authority += audit.external_authority[id];
    const std::uint32_t depth = id < audit.depth.size() ? audit.depth[id] : kUnreachable;
    if (depth == kUnreachable) {
      ++s.unreachable;
      continue;
    }
    if (s.depth_pages.size() <= depth) s.depth_pages.resize(depth + 1, 0);
    ++s.depth_pages[depth];
    s.max_depth = std::max(s.max_depth, depth);
  }
  for (const Link& link : graph.links()) {
    if (!is_click_link(link.kind) || !followable(graph, link) || out.of_page[link.source] == kNoCluster) continue;
    const UrlId target = graph.final_target(link.target);
    if (target == kNoUrl || target == link.source || out.of_page[target] == kNoCluster || !is_ranked(graph.page(target))) continue;
    SegmentStats& s = out.segments[out.of_page[target]];
    ++s.inlinks[static_cast<std::size_t>(link.placement)];
    if (out.of_page[link.source] != out.of_page[target]) {
      ++s.inlinks_from_other;
      ++out.segments[out.of_page[link.source]].links_to_other;
    }
  }
  for (const Finding& f : audit.findings) {
    if (f.url >= graph.size() || out.of_page[f.url] == kNoCluster) continue;
    if (f.rule == "orphan-page") ++out.segments[out.of_page[f.url]].orphans;
    if (f.rule == "broken-link") ++out.segments[out.of_page[f.url]].broken_links;
  }
}

// Gini and top shares of `values` (sorted here).
Concentration concentration_of(std::vector<double>& values) {
  Concentration c;
  const std::size_t n = values.size();
  if (n == 0) return c;
  std::sort(values.begin(), values.end());
  double total = 0;
  double weighted = 0;  // sum of (2i - n + 1) x_i, i from 0, ascending
  for (std::size_t i = 0; i < n; ++i) {
    total += values[i];
    weighted += (2.0 * static_cast<double>(i) - static_cast<double>(n) + 1.0) * values[i];
  }
  if (!(total > 0)) return c;
  c.gini = weighted / (static_cast<double>(n) * total);
  const auto top = [&](std::size_t k) {
    double sum = 0;
    for (std::size_t i = n - std::min(k, n); i < n; ++i) sum += values[i];
    return sum / total;
  };
  c.top_1_percent = top((n + 99) / 100);
  c.top_10_pages = top(10);
  return c;
}

void concentrations(const SiteGraph& graph, const Audit& audit, Segmentation& out) {
  std::vector<std::vector<double>> by_segment(out.segments.size());
  std::vector<double> all;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (id >= audit.equity.rank.size() || std::isnan(audit.equity.rank[id]) || out.of_page[id] == kNoCluster) continue;
    by_segment[out.of_page[id]].push_back(audit.equity.rank[id]);
    all.push_back(audit.equity.rank[id]);
  }
  for (std::size_t s = 0; s < by_segment.size(); ++s) out.segments[s].concentration = concentration_of(by_segment[s]);
  out.site = concentration_of(all);
}

}  // namespace

Segmentation segment_site(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options,
                          std::span<const double> authority) {
  Segmentation out;
  assign(crawl.graph, audit, options.segment_rules, out);
  count(crawl.graph, audit, out);
  concentrations(crawl.graph, audit, out);
  // The flow is a segments x segments matrix: a site of flat URLs can have a cluster per page.
  // Past kMaxFlowSegments it is left out (flow.segments 0) rather than take gigabytes.
  constexpr std::size_t kMaxFlowSegments = 500;
  if (out.segments.size() <= kMaxFlowSegments) {
    out.flow = equity_flow(crawl.graph, options.equity, authority, audit.equity, out.of_page, out.segments.size());
  }
  return out;
}

}  // namespace sitegraph
