#include "report/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

namespace sitegraph {

std::vector<UrlId> urls_in_order(const SiteGraph& graph) {
  std::vector<UrlId> ids(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) ids[id] = id;
  std::sort(ids.begin(), ids.end(), [&](UrlId a, UrlId b) { return graph.url(a) < graph.url(b); });
  return ids;
}

namespace {

std::string seconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
  return buf;
}

std::string why_slowed(const ThrottleEvent& e) {
  if (e.reason == "429") return "429 Too Many Requests";
  if (e.reason == "503") return "503 Service Unavailable";
  char buf[96];
  if (e.usual_ms >= 0) {
    std::snprintf(buf, sizeof buf, "answers took %.0f ms, usually %.0f ms", e.recent_ms, e.usual_ms);
  } else {
    std::snprintf(buf, sizeof buf, "answers took %.0f ms", e.recent_ms);
  }
  return buf;
}

}  // namespace

std::vector<std::string> pace_lines(const std::vector<ThrottleEvent>& events) {
  std::vector<std::string> hosts;  // in the order they first changed pace
  for (const ThrottleEvent& e : events) {
    if (std::find(hosts.begin(), hosts.end(), e.host) == hosts.end()) hosts.push_back(e.host);
  }
  std::vector<std::string> lines;
  for (const std::string& host : hosts) {
    const ThrottleEvent* first = nullptr;
    const ThrottleEvent* last = nullptr;
    std::size_t slowdowns = 0;
    int lowest = 0;
    for (const ThrottleEvent& e : events) {
      if (e.host != host) continue;
      if (e.reason != "recovered") {
        if (!first) first = &e;
        ++slowdowns;
      }
      if (!last || e.to < lowest) lowest = e.to;
      last = &e;
    }
    if (!first) continue;  // only recoveries: nothing slowed it in this run
    std::string line = host + " slowed down " + (slowdowns > 1 ? std::to_string(slowdowns) + " times, first " : "") + "at " +
                       seconds_text(first->seconds) + " (" + why_slowed(*first) + "): " + std::to_string(first->from) +
                       " -> " + std::to_string(first->to) + " in flight";
    if (lowest < first->to) line += ", at least " + std::to_string(lowest);
    if (last->to >= last->ceiling) {
      line += "; back to " + std::to_string(last->to) + " at " + seconds_text(last->seconds);
    } else {
      line += "; " + std::to_string(last->to) + " of " + std::to_string(last->ceiling) + " at the end";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string status_label(const Page& page) {
  if (page.outcome == FetchOutcome::kResponse) return std::to_string(page.status);
  return std::string(outcome_name(page.outcome));
}

double milliseconds_or_nan(float seconds) {
  if (!(seconds > 0)) return std::nan("");
  return std::round(static_cast<double>(seconds) * 10000.0) / 10.0;
}

std::vector<UrlId> slowest_pages(const SiteGraph& graph, std::size_t top) {
  std::vector<UrlId> ids;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (graph.page(id).internal && graph.page(id).seconds > 0) ids.push_back(id);
  }
  const auto slower = [&](UrlId a, UrlId b) {
    const float ta = graph.page(a).seconds, tb = graph.page(b).seconds;
    return ta != tb ? ta > tb : graph.url(a) < graph.url(b);
  };
  const auto cut = ids.begin() + static_cast<std::ptrdiff_t>(std::min(top, ids.size()));
  std::partial_sort(ids.begin(), cut, ids.end(), slower);
  ids.erase(cut, ids.end());
  return ids;
}

bool is_broken_link_rule(std::string_view rule) {
  return rule == "broken-link" || rule == "broken-resource" || rule == "broken-external-link";
}

std::vector<BrokenTarget> group_broken_links(const SiteGraph& graph, const std::vector<Finding>& findings) {
  std::map<std::pair<std::string_view, UrlId>, std::size_t> slot;
  std::vector<BrokenTarget> groups;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!is_broken_link_rule(f.rule) || f.target == kNoUrl) continue;
    const auto [it, added] = slot.try_emplace(std::pair<std::string_view, UrlId>(f.rule, f.target), groups.size());
    if (added) groups.push_back({f.rule, f.target, f.status, {}});
    groups[it->second].findings.push_back(i);
  }
  for (BrokenTarget& g : groups) {
    std::stable_sort(g.findings.begin(), g.findings.end(),
                     [&](std::size_t a, std::size_t b) { return graph.url(findings[a].url) < graph.url(findings[b].url); });
  }
  std::sort(groups.begin(), groups.end(), [&](const BrokenTarget& a, const BrokenTarget& b) {
    if (a.findings.size() != b.findings.size()) return a.findings.size() > b.findings.size();
    if (a.rule != b.rule) return a.rule < b.rule;
    return graph.url(a.target) < graph.url(b.target);
  });
  return groups;
}

namespace {

void count_page(const Page& p, ReportSummary& s) {
  if (!p.internal) {
    ++s.external_urls;
    if (p.outcome != FetchOutcome::kNotFetched && p.outcome != FetchOutcome::kExcluded) ++s.external_checked;
    return;
  }
  ++s.internal_urls;
  if (p.revalidated) ++s.revalidated;
  if (p.same_body) ++s.revalidated_by_hash;
  if (p.in_sitemap || p.listed || p.seen_before || p.in_folder) s.orphans_looked_for = true;
  switch (p.outcome) {
    case FetchOutcome::kResponse:
      if (p.status >= 300 && p.status < 400) ++s.redirects;
      if (p.status >= 400) ++s.error_pages;
      if (p.fetched_html && p.status / 100 == 2) ++s.html_pages;
      break;
    case FetchOutcome::kRobotsBlocked: ++s.robots_blocked; break;
    case FetchOutcome::kNotFetched: ++s.not_fetched; break;
    case FetchOutcome::kExcluded: ++s.excluded; break;
    case FetchOutcome::kTooLarge:
      ++s.too_large;
      ++s.error_pages;
      break;
    default: ++s.error_pages; break;
  }
}

}  // namespace

ReportSummary summarize(const CrawlResult& crawl, const Audit& audit, std::size_t top) {
  ReportSummary s;
  const SiteGraph& graph = crawl.graph;
  s.requests = crawl.requests;
  for (UrlId id = 0; id < graph.size(); ++id) count_page(graph.page(id), s);
  for (UrlId id = 0; id < graph.size() && id < audit.equity.rank.size(); ++id) {
    const double e = audit.equity.rank[id];
    if (std::isnan(e)) continue;
    s.equity_on_pages += e;
    if (audit.facts.indexable[id]) s.equity_on_indexable += e;
    if (audit.priority[id]) {
      s.equity_on_priority += e;
      s.has_priority = true;
    }
  }
  for (const Link& link : graph.links()) {
    if (link.kind == LinkKind::kAnchor || link.kind == LinkKind::kArea) ++s.links;
  }
  std::vector<UrlId> by_depth;
  std::vector<UrlId> ranked;
  for (UrlId id = 0; id < graph.size(); ++id) {
    // Depth figures are about pages: a 404, a redirect or a download has a depth (in the JSON
    // report) but is no page a reader clicks through to.
    if (audit.depth[id] != kUnreachable && is_ranked(graph.page(id))) {
      ++s.reachable;
      s.max_depth = std::max(s.max_depth, audit.depth[id]);
      by_depth.push_back(id);
    }
    if (!std::isnan(audit.pagerank.rank[id])) ranked.push_back(id);
  }
  const auto url_order = [&](UrlId a, UrlId b) { return graph.url(a) < graph.url(b); };
  std::sort(by_depth.begin(), by_depth.end(), [&](UrlId a, UrlId b) {
    return audit.depth[a] != audit.depth[b] ? audit.depth[a] > audit.depth[b] : url_order(a, b);
  });
  std::sort(ranked.begin(), ranked.end(), [&](UrlId a, UrlId b) {
    const double ra = audit.pagerank.rank[a];
    const double rb = audit.pagerank.rank[b];
    return ra != rb ? ra > rb : url_order(a, b);
  });
  std::vector<UrlId> by_equity = ranked;
  std::sort(by_equity.begin(), by_equity.end(), [&](UrlId a, UrlId b) {
    const double ea = audit.equity.rank[a];
    const double eb = audit.equity.rank[b];
    return ea != eb ? ea > eb : url_order(a, b);
  });
  by_equity.resize(std::min(by_equity.size(), top));
  s.top_equity = std::move(by_equity);
  by_depth.resize(std::min(by_depth.size(), top));
  ranked.resize(std::min(ranked.size(), top));
  s.deepest = std::move(by_depth);
  s.top_pagerank = std::move(ranked);
  for (const Finding& f : audit.findings) ++s.findings_by_rule[std::string(f.rule)];
  return s;
}

}  // namespace sitegraph
