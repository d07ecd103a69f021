#pragma once
// The passes audit_site runs (audit.cpp), private to the analyze stage: the unit tests reach
// them here; everyone else calls audit_site (sitegraph/analyze.hpp). Passes that walk links
// take the LinkIndex audit_site builds once and shares (the links grouped by source page,
// each link's final target; link_index.hpp); given null, a pass builds its own.

#include <utility>
#include <vector>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

class LinkIndex;

std::vector<std::uint32_t> crawl_depth(const SiteGraph& graph, UrlId start, const LinkIndex* by_source);
PageRankResult site_pagerank(const SiteGraph& graph, const PageRankOptions& options, std::span<const double> authority,
                             const LinkIndex* by_source);
std::vector<std::pair<UrlId, UrlId>> followable_pairs(const SiteGraph& graph, const LinkIndex* by_source);
LinkCounts count_links(const SiteGraph& graph, const LinkIndex* by_source = nullptr);
PageFacts page_facts(const SiteGraph& graph, const PageRankResult& pagerank, const LinkIndex* by_source = nullptr);

/// Per page, 1 when it is an index: 50 or more <a>/<area> links, at least half of them to a
/// section (#fragment) of another page (an A-Z index's entries, a table of contents).
std::vector<std::uint8_t> find_index_pages(const SiteGraph& graph);

/// orphan-page, broken-link, redirect-chain and redirect-loop, invalid-url.
std::vector<Finding> find_orphan_pages(const CrawlResult& crawl);
/// Per page, 1 when another page links to it (<a>/<area>, any rel; through redirects): not an
/// orphan. Findings that cite an example link prefer one from a linked page, which an editor
/// can reach, over one from an orphan copy.
std::vector<std::uint8_t> linked_pages(const SiteGraph& graph);
/// Per page, the page it is another URL of, or kNoUrl: "/docs/index.html" (any "index.*")
/// whose content is word for word that of "/docs/", as a web server answers for a folder URL
/// and its index file (a folder audit reads them as one file and folds them in the crawl).
/// Over HTTP both are pages; the rules that judge the home page and a cluster's hub read them
/// as one.
std::vector<UrlId> index_file_twins(const SiteGraph& graph);

// segments.cpp: the segments (--segments, else the clusters), their figures and the equity
// flow between them; run once the findings are in (it counts orphans and broken links).
Segmentation segment_site(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options,
                          std::span<const double> authority);
std::vector<Finding> find_broken_links(const SiteGraph& graph);
/// chains_cut: the crawl stopped following some chain at --max-redirects (crawl.limits), so a
/// complete crawl's chain that ends at an internal URL never fetched is one of them.
std::vector<Finding> find_redirect_problems(const SiteGraph& graph, bool chains_cut = false);
std::vector<Finding> find_invalid_urls(const CrawlResult& crawl);
/// broken-fragment: one finding per (page, fragment) that links point at and the page lacks
/// (fragment_rules.cpp).
std::vector<Finding> find_broken_fragments(const SiteGraph& graph);

/// Rules about how a page is linked (docs/rules.md): nofollow-only-inlinks,
/// boilerplate-only-inlinks, single-inlink, deep-page, dead-end, noindex-linked,
/// nofollow-internal-link, too-many-links.
std::vector<Finding> find_inlink_problems(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options,
                                          const LinkIndex* by_source = nullptr);
/// Not fetched (external, over a limit) or excluded from the crawl by the user's scope: nothing
/// is known about the page, so no rule judges it.
bool was_requested(const Page& p);
/// Why a fetched page cannot be indexed ("robots-blocked", "redirect", "404", "noindex",
/// "canonicalised", ...), or empty when it can.
std::string not_indexable_because(const SiteGraph& g, UrlId id);
/// Indexability rules: canonical-target-broken, sitemap-not-indexable.
std::vector<Finding> find_indexability_problems(const CrawlResult& crawl);
/// The sets of indexable pages with the same (exact) or nearly the same main content
/// (ContentFingerprint), pages in URL-id order, sets unordered; equity not yet filled in
/// (duplicate_rules.cpp).
std::vector<DuplicateSet> find_duplicate_sets(const SiteGraph& graph, const AuditOptions& options);
/// duplicate-content, near-duplicate (from `sets`: ordered by equity here), duplicate-title,
/// duplicate-description, missing-title.
std::vector<Finding> find_duplicate_problems(const SiteGraph& graph, const Audit& audit, std::vector<DuplicateSet>& sets);
/// Adds to each orphan-page finding whose page has the same content as a linked page
/// (`sets` ordered by find_duplicate_problems) which page that is: a copy to delete or
/// redirect, not a page to link.
void name_orphan_copies(const SiteGraph& graph, const std::vector<DuplicateSet>& sets, std::vector<Finding>& orphans);
/// hreflang-invalid, hreflang-conflict, hreflang-no-self, hreflang-no-return,
/// hreflang-target-not-indexable, hreflang-no-x-default (hreflang_rules.cpp); `sets` receives
/// the hreflang sets.
std::vector<Finding> find_hreflang_problems(const SiteGraph& graph, std::vector<HreflangSet>& sets);
/// Why an hreflang code is not one search engines read ("UK is not an ISO 3166-1 region"), or
/// empty when it is valid: x-default, or an ISO 639-1 language with an optional ISO 15924
/// script and an optional ISO 3166-1 alpha-2 (or UN M.49 numeric) region, any case.
std::string hreflang_code_problem(std::string_view code);
/// slow-page: internal URLs whose time to first byte over HTTP was above
/// options.slow_page_ms; URLs without a measured time (folder, WARC) never are.
std::vector<Finding> find_slow_pages(const SiteGraph& graph, const AuditOptions& options);
/// Anchor rules: generic-anchor, empty-anchor, anchor-overuse, anchor-conflict.
std::vector<Finding> find_anchor_problems(const SiteGraph& graph, const AuditOptions& options = {});

/// Groups the ranked pages into clusters: by --clusters rules, else by URL directory (the
/// first directory below the start page's folder; pages directly in that folder are in it). A cluster's
/// hub is its rule's hub, else its directory's own page (/blog/ for /blog/*, else its index
/// file: /blog/index.html and the usual variants), else its page
/// with the most equity (the start page for "/").
Clustering cluster_pages(const SiteGraph& graph, const std::vector<ClusterRule>& rules, bool by_links, const PageRankResult& equity,
                         UrlId start, const std::vector<std::pair<UrlId, UrlId>>& pairs);
/// hub-missing-spoke-links, spoke-not-linking-hub.
std::vector<Finding> find_cluster_problems(const SiteGraph& graph, UrlId start, const Clustering& clustering,
                                           const std::vector<std::pair<UrlId, UrlId>>& pairs, const AuditOptions& options);
/// priority-page-weak, authority-sink.
std::vector<Finding> find_equity_problems(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options);

}  // namespace sitegraph
