#pragma once
// The analyze stage: metrics and findings computed on the final graph, never from the
// order in which pages happened to be fetched.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sitegraph/crawl.hpp"
#include "sitegraph/graph.hpp"

namespace sitegraph {

inline constexpr std::uint32_t kUnreachable = 0xFFFFFFFFu;

/// Shortest click path from `start` to every page over followable links (a redirect hop
/// costs no click). Robots-blocked and external pages get kUnreachable.
std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start);

struct PageRankOptions {
  double damping = 0.85;
  double tolerance = 1e-10;  ///< stop when the L1 change of an iteration is below this
  int max_iterations = 1000;
};

struct PageRankResult {
  std::vector<double> rank;  ///< per graph page; NaN for pages outside the ranked set
  int iterations = 0;
  bool converged = false;
};

/// Classic PageRank (uniform teleport, dangling mass spread uniformly) on a CSR graph.
PageRankResult pagerank(const Csr& out_links, const PageRankOptions& options = {});

/// The classic PageRank of the site: nodes are internal pages fetched as 2xx HTML; edges
/// their followable internal <a>/<area> links, redirects resolved to the final target,
/// duplicates counted once, self links dropped.
/// `authority` (per page, optional) personalises it: the surfer teleports, and dangling pages
/// send their rank, in proportion to the external authority arriving at each page.
/// With imported link weights (SiteGraph::link_weights), repeated edges add up.
PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options = {},
                             std::span<const double> authority = {});

/// The equity model: a weighted ("reasonable surfer") PageRank. A page's equity is shared
/// among its <a>/<area> links in proportion to their placement weight; the shares of
/// nofollow/ugc/sponsored links, external links and links to pages that are not 2xx HTML are
/// lost, not redistributed; several links from one page to one target count once (the
/// heaviest); a canonicalised page forwards all its equity to its canonical; a link to a
/// redirect reaches the redirect's final target; noindex pages pass equity like any other.
struct EquityOptions {
  /// Weight per Placement: content, header, nav, footer, aside, template.
  std::array<double, 6> placement_weight{1.0, 0.4, 0.4, 0.2, 0.6, 0.2};
  PageRankOptions pagerank;
};
PageRankResult site_equity(const SiteGraph& graph, const EquityOptions& options = {},
                           std::span<const double> authority = {});

enum class Severity : std::uint8_t { kInfo, kWarning, kError };
std::string_view severity_name(Severity severity);

/// A finding keyed by (rule, url[, target]); everything CI does keys on it.
struct Finding {
  std::string rule;  ///< stable kebab-case id, see docs/rules.md
  Severity severity = Severity::kWarning;
  UrlId url = kNoUrl;
  UrlId target = kNoUrl;       ///< broken-link, broken-external-link: the link target as written
  std::string status;          ///< broken-link: the final status or outcome
  std::vector<UrlId> chain;    ///< redirect-chain / -loop: the redirecting URLs in order
  UrlId final_url = kNoUrl;    ///< redirect-chain: where the chain ends; redirect-loop: the URL it loops back to
  std::uint32_t line = 0;      ///< broken-link, invalid-url: source line of the first such link
  std::string href;            ///< invalid-url: the href as written; generic-anchor, empty-anchor: the anchor
  std::uint32_t count = 0;     ///< a figure the rule is about (inlinks, links on the page, ...)
  bool inconclusive = false;   ///< needs a complete crawl and the crawl was not
  std::string message;
};

/// Per-page link counts: unique internal source pages with a followable link in, unique
/// followable internal targets out, unique external targets out (any rel).
struct LinkCounts {
  std::vector<std::uint32_t> inlinks;
  std::vector<std::uint32_t> outlinks_internal;
  std::vector<std::uint32_t> outlinks_external;
};
LinkCounts count_links(const SiteGraph& graph);

std::vector<Finding> find_orphan_pages(const CrawlResult& crawl);
std::vector<Finding> find_broken_links(const SiteGraph& graph);
std::vector<Finding> find_redirect_problems(const SiteGraph& graph);
std::vector<Finding> find_invalid_urls(const CrawlResult& crawl);

/// A rule of the catalogue: every finding's rule id is one of these (docs/rules.md).
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view heading;  ///< the text report's section title
};

/// All rules, in the order reports present them.
const std::vector<RuleInfo>& rule_catalogue();
/// The catalogue entry of `id`, or nullptr.
const RuleInfo* find_rule(std::string_view id);

struct AuditOptions {
  std::uint32_t max_click_depth = 3;   ///< deep-page: pages deeper than this
  std::uint32_t max_links = 200;       ///< too-many-links: pages with more unique link targets
  EquityOptions equity{};              ///< equity.pagerank.damping is used by both models
  /// External authority arriving at each page (per UrlId, from --backlinks); empty = none
  /// known, and both models teleport uniformly.
  std::vector<double> authority;
};

/// Per-page facts derived from the graph (JSON report fields).
struct PageFacts {
  std::vector<std::uint8_t> indexable;  ///< 1 when 2xx HTML, not noindex, not canonicalised elsewhere, not blocked
  /// Unique internal source pages with a followable link in, by the link's placement
  /// (indexed by Placement); a source counts once per placement.
  std::vector<std::array<std::uint32_t, 6>> inlinks_by_placement;
  std::vector<double> link_score;  ///< PageRank on a 0-100 log scale; NaN when not ranked
};

/// Everything the reports need, computed once.
struct Audit {
  std::vector<std::uint32_t> depth;
  PageRankResult pagerank;
  PageRankResult equity;
  /// Per page: the equity it passes on to other ranked pages through its links (the damped
  /// share of its equity that is not lost to nofollow, external or broken links); NaN when not ranked.
  std::vector<double> equity_passed;
  /// Per page: its share of the external authority arriving at the site (--backlinks),
  /// summing to 1; empty when no backlinks were given.
  std::vector<double> external_authority;
  LinkCounts links;
  PageFacts facts;
  std::vector<Finding> findings;  ///< sorted by rule, then URL
};

Audit audit_site(const CrawlResult& crawl, const AuditOptions& options = {});

/// indexable: a 2xx HTML internal page, not noindex, whose canonical (if any) is itself.
bool is_indexable(const SiteGraph& graph, UrlId id);
PageFacts page_facts(const SiteGraph& graph, const PageRankResult& pagerank);

/// Rules about how a page is linked (docs/rules.md): nofollow-only-inlinks,
/// boilerplate-only-inlinks, single-inlink, deep-page, dead-end, noindex-linked,
/// nofollow-internal-link, too-many-links.
std::vector<Finding> find_inlink_problems(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options);
/// Indexability rules: canonical-target-broken, sitemap-not-indexable.
std::vector<Finding> find_indexability_problems(const CrawlResult& crawl);
/// Anchor rules: generic-anchor, empty-anchor.
std::vector<Finding> find_anchor_problems(const SiteGraph& graph);

}  // namespace sitegraph
