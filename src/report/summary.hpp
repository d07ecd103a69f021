#pragma once
// Figures shared by every report format, computed once from the audit.

#include <map>
#include <string>
#include <vector>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

struct ReportSummary {
  std::size_t internal_urls = 0;
  std::size_t external_urls = 0;
  std::size_t requests = 0;
  std::size_t html_pages = 0;      ///< internal 2xx HTML pages
  std::size_t redirects = 0;
  std::size_t error_pages = 0;     ///< 4xx/5xx or failed fetches
  std::size_t robots_blocked = 0;
  std::size_t not_fetched = 0;
  std::size_t excluded = 0;        ///< outside --include/--exclude/--no-parent, never requested
  std::size_t external_checked = 0;  ///< external URLs requested (--check-external, --check-resources)
  std::size_t revalidated = 0;     ///< unchanged since --since (a 304 or the same body); links from the snapshot
  std::size_t revalidated_by_hash = 0;  ///< of those, the 2xx answers with the snapshot's body
  /// Some URL of the site is known to exist apart from links (a sitemap, --urls, --since): without
  /// one, orphan-page cannot fire, and "0 orphans" would claim what was never looked for.
  bool orphans_looked_for = false;
  std::size_t too_large = 0;       ///< bodies over --max-body-size, not parsed (in error_pages too)
  std::size_t links = 0;           ///< <a>/<area> links found
  std::size_t reachable = 0;       ///< internal 2xx HTML pages with a crawl depth
  std::uint32_t max_depth = 0;
  std::map<std::string, std::size_t> findings_by_rule;
  std::vector<UrlId> deepest;      ///< 2xx HTML pages at max_depth first, deepest first
  std::vector<UrlId> top_pagerank; ///< highest PageRank first
  std::vector<UrlId> top_equity;   ///< highest equity first
  /// Where the equity ends (summary.equity in JSON, a line of the text summary).
  double equity_on_pages = 0;
  double equity_on_indexable = 0;
  double equity_on_priority = 0;
  bool has_priority = false;
};

ReportSummary summarize(const CrawlResult& crawl, const Audit& audit, std::size_t top);

/// Every URL of the graph in URL order. The crawl numbers URLs as the parse workers finish, which
/// differs from run to run: reports list pages in this order so the same site gives the same
/// file (a report kept in git, or compared with diff, changes only where the site did).
std::vector<UrlId> urls_in_order(const SiteGraph& graph);

/// The broken links of one target: every page that links to it (lychee and Screaming Frog list
/// a dead URL once, with the pages that link to it, rather than once per page).
struct BrokenTarget {
  std::string_view rule;            ///< broken-link, broken-resource or broken-external-link
  UrlId target = kNoUrl;
  std::string status;
  std::vector<std::size_t> findings;  ///< indexes into audit.findings, one per linking page, in URL order
};

/// True for the rules whose findings are one link to a broken target.
bool is_broken_link_rule(std::string_view rule);

/// The findings of is_broken_link_rule() grouped by (rule, target): most linking pages first,
/// ties by rule then target URL.
std::vector<BrokenTarget> group_broken_links(const SiteGraph& graph, const std::vector<Finding>& findings);

/// A measured time in milliseconds, rounded to 0.1 ms; NaN when not measured (0: a folder,
/// a WARC archive, a page not fetched).
double milliseconds_or_nan(float seconds);

/// Pages with a measured response time, slowest (total time) first, ties by URL; at most `top`.
std::vector<UrlId> slowest_pages(const SiteGraph& graph, std::size_t top);

/// Adaptive politeness in a sentence per host, for the text, HTML and Markdown reports:
/// "127.0.0.1:8080 slowed down at 2.1 s (answers took 305 ms, usually 2 ms): 4 -> 2 in flight,
/// at least 1; back to 4 at 8.7 s". Hosts in the order they first slowed down.
std::vector<std::string> pace_lines(const std::vector<ThrottleEvent>& events);

/// A page's status as reports show it: the HTTP status, or the named outcome.
std::string status_label(const Page& page);

}  // namespace sitegraph
