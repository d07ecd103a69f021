// Runs compared: findings matched by (rule, url, target), pages by URL.

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <set>
#include <cmath>
#include <fstream>
#include <tuple>

#include "io/json_error.hpp"
#include "report/report_text.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/inputs.hpp"

namespace sitegraph {
namespace {

using nlohmann::json;

auto key_of(const PastFinding& f) { return std::tie(f.rule, f.url, f.target); }

bool key_less(const PastFinding& a, const PastFinding& b) { return key_of(a) < key_of(b); }

PastFinding past_finding(const SiteGraph& graph, const Finding& f) {
  return {std::string(f.rule), std::string(severity_name(f.severity)), std::string(graph.url(f.url)),
          finding_target(graph, f), f.message};
}

std::string string_field(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double number_field(const json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_number() ? it->get<double>() : std::nan("");
}

// The `top` pages whose figure changed most, largest first.
template <typename Figure>
std::vector<PageChange> largest_changes(const RunView& before, const RunView& after, Figure figure, std::size_t top) {
  std::vector<PageChange> changes;
  for (const auto& [url, now] : after.pages) {
    const auto it = before.pages.find(url);
    if (it == before.pages.end()) continue;
    const double a = figure(it->second);
    const double b = figure(now);
    if (!std::isnan(a) && !std::isnan(b) && a != b) changes.push_back({url, a, b});
  }
  const auto size = [](const PageChange& c) {
    if ((c.before < 0) != (c.after < 0)) return HUGE_VAL;  // depth: became (un)reachable
    return std::abs(c.after - c.before);
  };
  std::sort(changes.begin(), changes.end(), [&](const PageChange& x, const PageChange& y) {
    const double sx = size(x);
    const double sy = size(y);
    return sx != sy ? sx > sy : x.url < y.url;
  });
  if (changes.size() > top) changes.resize(top);
  return changes;
}

}  // namespace

namespace {

// A segment's figures added into the whole site's: sums, and the deepest page.
void add_to_site(RunView::SegmentFigures& site, const RunView::SegmentFigures& s) {
  site.equity += s.equity;
  site.pagerank += s.pagerank;
  site.max_depth = std::max(site.max_depth, s.max_depth);
  site.orphans += s.orphans;
  site.pages += s.pages;
  site.broken_links += s.broken_links;
}

RunView::SegmentFigures site_figures(const std::unordered_map<std::string, RunView::SegmentFigures>& segments, double gini) {
  RunView::SegmentFigures site;
  for (const auto& [name, s] : segments) add_to_site(site, s);
  site.gini = gini;
  return site;
}

}  // namespace

RunView::SegmentFigures segment_figures(const SegmentStats& s) {
  return {s.equity, s.pagerank, static_cast<double>(s.max_depth), static_cast<double>(s.orphans),
          static_cast<double>(s.pages), static_cast<double>(s.broken_links), s.concentration.gini,
          static_cast<double>(s.inlinks_from_other), static_cast<double>(s.links_to_other)};
}

RunView::SegmentFigures site_figures(const Audit& audit) {
  RunView::SegmentFigures site;
  for (const SegmentStats& s : audit.segments.segments) add_to_site(site, segment_figures(s));
  site.gini = audit.segments.site.gini;
  return site;
}

RunView view_of_audit(const CrawlResult& crawl, const Audit& audit) {
  const SiteGraph& graph = crawl.graph;
  RunView view;
  if (graph.size()) view.start_url = graph.url(crawl.start);
  view.findings.reserve(audit.findings.size());
  for (const Finding& f : audit.findings) view.findings.push_back(past_finding(graph, f));
  std::sort(view.findings.begin(), view.findings.end(), key_less);
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (std::isnan(audit.pagerank.rank[id])) continue;
    const std::uint32_t depth = audit.depth[id];
    const std::uint32_t s = id < audit.segments.of_page.size() ? audit.segments.of_page[id] : kNoCluster;
    view.pages[std::string(graph.url(id))] = {audit.pagerank.rank[id], audit.equity.rank[id],
                                              depth == kUnreachable ? -1L : static_cast<long>(depth),
                                              s == kNoCluster ? std::string() : audit.segments.segments[s].name};
  }
  for (const SegmentStats& s : audit.segments.segments) view.segments[s.name] = segment_figures(s);
  view.site = site_figures(audit);
  return view;
}

RunView view_of_report(const json& report) {
  if (!report.is_object() || !report.contains("report_version") || !report.contains("findings") ||
      !report["findings"].is_array()) {
    throw InputError("not a sitegraph JSON report (no report_version and findings)");
  }
  RunView view;
  if (const auto crawl = report.find("crawl"); crawl != report.end() && crawl->is_object()) {
    view.start_url = string_field(*crawl, "start_url");
  }
  for (const json& f : report["findings"]) {
    if (!f.is_object()) continue;
    view.findings.push_back({string_field(f, "rule"), string_field(f, "severity"), string_field(f, "url"),
                             string_field(f, "target"), string_field(f, "message")});
  }
  std::sort(view.findings.begin(), view.findings.end(), key_less);
  if (const auto pages = report.find("pages"); pages != report.end() && pages->is_array()) {
    for (const json& p : *pages) {
      if (!p.is_object()) continue;
      const double rank = number_field(p, "pagerank");
      if (std::isnan(rank)) continue;
      const double depth = number_field(p, "depth");
      view.pages[string_field(p, "url")] = {rank, number_field(p, "equity"), std::isnan(depth) ? -1L : static_cast<long>(depth),
                                            string_field(p, "segment")};
    }
  }
  if (const auto segments = report.find("segments"); segments != report.end() && segments->is_object()) {
    if (const auto list = segments->find("list"); list != segments->end() && list->is_array()) {
      for (const json& s : *list) {
        if (!s.is_object()) continue;
        const auto c = s.find("concentration");
        view.segments[string_field(s, "name")] = {number_field(s, "equity"), number_field(s, "pagerank"), number_field(s, "max_depth"),
                                                  number_field(s, "orphans"), number_field(s, "pages"), number_field(s, "broken_links"),
                                                  c != s.end() && c->is_object() ? number_field(*c, "gini") : std::nan(""),
                                                  number_field(s, "inlinks_from_other_segments"), number_field(s, "links_to_other_segments")};
      }
      double gini = std::nan("");
      if (const auto summary = report.find("summary"); summary != report.end() && summary->is_object()) {
        const auto equity = summary->find("equity");
        if (equity != summary->end() && equity->is_object()) {
          const auto c = equity->find("concentration");
          if (c != equity->end() && c->is_object()) gini = number_field(*c, "gini");
        }
      }
      view.site = site_figures(view.segments, gini);
    }
  }
  return view;
}

json read_json_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path + ": " + std::strerror(errno));
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    throw InputError("not JSON: " + json_error_text(e));
  }
}

BaselineComparison compare_with_baseline(const CrawlResult& crawl, const Audit& audit, const RunView& baseline,
                                         std::string source) {
  const SiteGraph& graph = crawl.graph;
  BaselineComparison result;
  result.source = std::move(source);
  result.is_new.assign(audit.findings.size(), 0);
  std::vector<std::uint8_t> matched(baseline.findings.size(), 0);
  for (std::size_t i = 0; i < audit.findings.size(); ++i) {
    const PastFinding now = past_finding(graph, audit.findings[i]);
    const auto [first, last] = std::equal_range(baseline.findings.begin(), baseline.findings.end(), now, key_less);
    if (first == last) {
      result.is_new[i] = 1;
      ++result.new_findings;
      continue;
    }
    ++result.unchanged;
    for (auto it = first; it != last; ++it) matched[static_cast<std::size_t>(it - baseline.findings.begin())] = 1;
  }
  for (std::size_t i = 0; i < baseline.findings.size(); ++i) {
    if (!matched[i]) result.fixed.push_back(baseline.findings[i]);
  }
  return result;
}

RunDiff diff_runs(const RunView& before, const RunView& after, std::size_t top) {
  RunDiff diff;
  std::set_difference(after.findings.begin(), after.findings.end(), before.findings.begin(), before.findings.end(),
                      std::back_inserter(diff.new_findings), key_less);
  std::set_difference(before.findings.begin(), before.findings.end(), after.findings.begin(), after.findings.end(),
                      std::back_inserter(diff.fixed_findings), key_less);
  diff.unchanged = after.findings.size() - diff.new_findings.size();
  for (const auto& [url, figures] : after.pages) {
    if (!before.pages.contains(url)) diff.pages_added.push_back(url);
  }
  for (const auto& [url, figures] : before.pages) {
    if (!after.pages.contains(url)) diff.pages_removed.push_back(url);
  }
  std::sort(diff.pages_added.begin(), diff.pages_added.end());
  std::sort(diff.pages_removed.begin(), diff.pages_removed.end());
  diff.pages_before = before.pages.size();
  diff.pages_after = after.pages.size();
  diff.equity_changes = largest_changes(before, after, [](const RunView::PageFigures& p) { return p.equity; }, top);
  diff.pagerank_changes = largest_changes(before, after, [](const RunView::PageFigures& p) { return p.pagerank; }, top);
  diff.depth_changes =
      largest_changes(before, after, [](const RunView::PageFigures& p) { return static_cast<double>(p.depth); }, top);
  std::set<std::string> names;
  for (const auto& [name, s] : before.segments) names.insert(name);
  for (const auto& [name, s] : after.segments) names.insert(name);
  for (const std::string& name : names) {
    RunDiff::SegmentChange c;
    c.name = name;
    if (const auto it = before.segments.find(name); it != before.segments.end()) {
      c.before = it->second;
      c.in_before = true;
    }
    if (const auto it = after.segments.find(name); it != after.segments.end()) {
      c.after = it->second;
      c.in_after = true;
    }
    diff.segments.push_back(std::move(c));
  }
  // Each segment's largest per-page equity changes.
  std::unordered_map<std::string, std::vector<PageChange>> by_segment;
  for (const auto& [url, now] : after.pages) {
    const auto it = before.pages.find(url);
    if (it == before.pages.end() || std::isnan(now.equity) || std::isnan(it->second.equity) || now.equity == it->second.equity) continue;
    const std::string& segment = !now.segment.empty() ? now.segment : it->second.segment;
    if (!segment.empty()) by_segment[segment].push_back({url, it->second.equity, now.equity});
  }
  for (RunDiff::SegmentChange& c : diff.segments) {
    std::vector<PageChange>& movers = by_segment[c.name];
    std::sort(movers.begin(), movers.end(), [](const PageChange& x, const PageChange& y) {
      const double sx = std::abs(x.after - x.before);
      const double sy = std::abs(y.after - y.before);
      return sx != sy ? sx > sy : x.url < y.url;
    });
    if (movers.size() > 5) movers.resize(5);
    c.movers = std::move(movers);
  }
  std::stable_sort(diff.segments.begin(), diff.segments.end(), [](const RunDiff::SegmentChange& a, const RunDiff::SegmentChange& b) {
    const auto moved = [](const RunDiff::SegmentChange& c) {
      const double d = std::abs(c.after.equity - c.before.equity);
      return std::isnan(d) ? 0.0 : d;
    };
    return moved(a) > moved(b);
  });
  return diff;
}

}  // namespace sitegraph
