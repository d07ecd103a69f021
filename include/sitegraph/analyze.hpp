#pragma once
// The analyze stage: metrics and findings computed on the final graph, never from the
// order in which pages happened to be fetched.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
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

/// anchor-conflict: words on links to more than this many different pages are a label each page
/// puts on its own link, naming none of them (the finding's `count` is the number of pages).
inline constexpr std::size_t kAnchorLabelTargets = 64;

/// A finding keyed by (rule, url[, target]); everything CI does keys on it.
struct Finding {
  /// Stable kebab-case id (docs/rules.md). A catalogue id (rule_catalogue()) or a literal, never
  /// a temporary: millions of findings share the few rule names instead of each holding a copy.
  std::string_view rule;
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
  /// Unique internal pages a page links to, followable, from its main content (Placement::kContent).
  std::vector<std::uint32_t> content_links;
  /// Of a page's targets (outlinks_internal + outlinks_external), those it links from its
  /// main content: too-many-links tells a list by design from navigation that swells a page.
  std::vector<std::uint32_t> content_targets;
};

/// A rule of the catalogue: every finding's rule id is one of these (docs/rules.md).
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view heading;  ///< the text report's section title
  /// The finding is about the whole graph (inlinks, depth, anchor shares, clusters, equity):
  /// after a crawl that stopped early it is inconclusive (docs/rules.md, "Partial crawls").
  bool needs_complete_crawl;
};

/// All rules, in the order reports present them.
const std::vector<RuleInfo>& rule_catalogue();
/// The catalogue entry of `id`, or nullptr.
const RuleInfo* find_rule(std::string_view id);

/// A glob: `*` matches any run of characters (slashes too), everything else itself.
bool glob_match(std::string_view pattern, std::string_view text);

/// A line of --clusters: pages matching `pattern` (a glob, `*` any run of characters, matched
/// against the URL's path, or the whole URL or node name when it has no path or the pattern
/// has "://") belong to cluster `name`, whose hub is `hub` (empty: chosen, see cluster_pages).
struct ClusterRule {
  std::string pattern;
  std::string name;
  std::string hub;
};

/// Where a page's backlinks come from (docs/cli.md, Backlinks): rows that pass authority.
struct BacklinkPage {
  UrlId page = kNoUrl;
  std::uint32_t links = 0;              ///< rows (one per backlink; Search Console: 0, it counts sites only)
  std::uint32_t referring_domains = 0;  ///< distinct linking hosts (Search Console: its "linking sites")
  /// The anchors of its backlinks when the export has them, most used first (at most 10).
  std::vector<std::pair<std::string, std::uint32_t>> anchors;
};

/// A line of --segments: pages whose URL matches `pattern` belong to segment `name`, the
/// first matching line winning. A glob as for --clusters, or an ECMAScript regular expression
/// (`regex`: the pattern was written "re:..."), searched in the URL's path, or in the whole URL
/// when the pattern has "://".
struct SegmentRule {
  std::string name;
  std::string pattern;
  bool regex = false;
};

/// The segment internal URLs in no --segments line (or, without the file, in no cluster) fall in.
inline constexpr std::string_view kOtherSegment = "(other)";

/// How evenly a set of pages holds its equity: 0 when all hold the same, towards 1 when one
/// page holds it all. Shares are of the set's own equity.
struct Concentration {
  double gini = 0;            ///< the Gini coefficient of the pages' equities
  double top_1_percent = 0;   ///< share held by the top 1 % of the pages (at least one page)
  double top_10_pages = 0;    ///< share held by the 10 pages with the most
};

/// One segment of the site and what it holds (docs/equity.md, "Segments").
struct SegmentStats {
  std::string name;
  std::size_t urls = 0;        ///< internal URLs in it, pages or not
  std::size_t pages = 0;       ///< ranked pages (internal 2xx HTML)
  std::size_t indexable = 0;   ///< of those, indexable
  double equity = 0;           ///< equity its pages hold (a share of the site's)
  double pagerank = 0;         ///< PageRank its pages hold
  double authority = 0;        ///< share of the backlink authority arriving on its pages (0 without --backlinks)
  std::uint32_t max_depth = 0;  ///< the deepest of its pages reachable from the start (clicks)
  std::vector<std::size_t> depth_pages;  ///< ranked pages per depth (index: clicks)
  std::size_t unreachable = 0;  ///< ranked pages not reachable from the start
  /// Followable links from internal pages to its pages, by Placement (content, header, nav,
  /// footer, aside, template); and how many of them come from other segments.
  std::array<std::size_t, 6> inlinks{};
  std::size_t inlinks_from_other = 0;
  std::size_t links_to_other = 0;  ///< followable links from its pages to pages of other segments
  std::size_t orphans = 0;       ///< orphan-page findings on its pages
  std::size_t broken_links = 0;  ///< broken-link findings on its pages (links from them)
  Concentration concentration;   ///< of its ranked pages' equity
};

/// How equity moves between segments at the equity model's fixed point, in one step of the
/// surfer: every figure is a share of the site's equity. For each segment a, its equity is
/// `sum over b of links[a][b] + lost[a] + teleport[a]`, and for each segment b, its equity is
/// `sum over a of links[a][b] + arriving[b]`.
struct EquityFlow {
  std::size_t segments = 0;
  std::vector<double> links;     ///< segments x segments, row-major: from a (row) to b (column) along links
  std::vector<double> lost;      ///< per segment: to nofollow, external and broken links
  std::vector<double> teleport;  ///< per segment: what jumps away (1 - damping) or leaves a dangling page
  std::vector<double> arriving;  ///< per segment: what the jumps bring (the teleport vector: uniform, or backlinks)
  [[nodiscard]] double at(std::size_t from, std::size_t to) const { return links[from * segments + to]; }
};

struct Segmentation {
  std::string source;                   ///< "segments" (--segments) or "clusters"
  std::vector<std::uint32_t> of_page;   ///< per URL: index in `segments`, or kNoCluster (not internal)
  std::vector<SegmentStats> segments;   ///< in the file's order (clusters: theirs), "(other)" last when used
  EquityFlow flow;                      ///< empty (segments 0) past 500 segments
  Concentration site;                   ///< of all ranked pages' equity
};

/// The link planner (--plan): K new content links chosen to raise the targets' summed equity
/// (docs/equity.md, "The link planner").
struct PlanOptions {
  std::uint32_t links = 0;  ///< K, the links to add (0 = no plan)
  /// The pages the plan serves; empty: the priority pages, else the orphans, else the ten
  /// indexable pages with the least equity.
  std::vector<UrlId> targets;
  std::uint32_t max_per_source = 2;  ///< new links one source page may get in the plan
  /// Sources less relevant to a target than this (cosine of the term sketches, 0-1) are never
  /// suggested for it, however strong.
  double min_relevance = 0.2;
  std::uint32_t candidates_per_target = 30;  ///< relevant sources kept per target, the strongest by a first-order estimate
};

struct AuditOptions {
  std::uint32_t max_click_depth = 3;   ///< deep-page: pages deeper than this
  std::uint32_t max_links = 200;       ///< too-many-links: pages with more unique link targets
  EquityOptions equity{};              ///< equity.pagerank.damping is used by both models
  /// External authority arriving at each page (per UrlId, from --backlinks); empty = none
  /// known, and both models teleport uniformly.
  std::vector<double> authority;
  /// --backlinks: per page with backlinks, their links, referring domains and anchors (by UrlId).
  std::vector<BacklinkPage> backlinks;
  std::vector<ClusterRule> cluster_rules;  ///< empty: cluster by URL directory
  std::vector<SegmentRule> segment_rules;  ///< empty: the clusters are the segments
  /// --clusters links: the clusters are communities of the content-link graph (Louvain), not
  /// directories; cluster_rules must be empty.
  bool link_clusters = false;
  std::vector<UrlId> priority;             ///< the pages that matter (--priority)
  std::uint32_t min_content_inlinks = 3;   ///< priority-page-weak: fewer content inlinks than this
  double min_hub_coverage = 0.5;           ///< hub-missing-spoke-links: hub links to less than this share of spokes
  /// cluster-sparse: clusters of at least 5 pages whose density (linked page pairs inside /
  /// n(n-1)) is below this and whose pages link to fewer than two of their cluster's other pages
  /// on average.
  double min_cluster_density = 0.05;
  /// linked-only-from-lists: pages whose every followable inlink comes from a page with more
  /// link targets than this (tag archives, pagination, sitemap-like pages).
  std::uint32_t link_list_links = 100;
  /// few-content-links: indexable pages with at least this many words of main content...
  std::uint32_t long_page_words = 600;
  /// ...and fewer content links to other pages of the site than the larger of this and
  /// content_links_per_1000_words per thousand words.
  std::uint32_t min_content_links = 2;
  double content_links_per_1000_words = 1.0;
  double anchor_overuse_share = 0.8;       ///< anchor-overuse: one anchor on more than this share of content inlinks
  std::uint32_t anchor_overuse_min = 10;   ///< anchor-overuse: only targets with at least this many content inlinks
  std::uint32_t sink_min_links = 3;        ///< authority-sink: fewer content links to indexable pages than this
  std::uint32_t suggest_links = 0;         ///< link opportunities per page (0 = none)
  /// slow-page: time to first byte above this many milliseconds (0 = rule off). 800 ms is
  /// web.dev's "good" TTFB bound (web-vitals: good <= 800 ms, poor > 1800 ms); Lighthouse's
  /// "Reduce initial server response time" starts at 600 ms.
  std::uint32_t slow_page_ms = 800;
  /// near-duplicate: pages whose content SimHashes agree on at least this share of their 64
  /// bits (0.9: at most 6 differ); 0 turns near-duplicate detection off. In [0.8, 1].
  double near_duplicate = 0.9;
  PlanOptions plan{};
};

inline constexpr std::uint32_t kNoCluster = 0xFFFFFFFFu;

/// A topic cluster and how it is linked.
struct Cluster {
  std::string name;
  UrlId hub = kNoUrl;
  /// The hub under its other URL, when a server answers both with one file ("/docs/index.html"
  /// for "/docs/", or the other way round; the same words): a link to it is a link to the hub,
  /// and it is no spoke. kNoUrl otherwise.
  UrlId hub_twin = kNoUrl;
  std::uint32_t pages = 0;           ///< ranked pages (2xx HTML) in the cluster
  double spokes_linking_hub = 0;     ///< share of the other pages with a followable link to the hub
  double hub_coverage = 0;           ///< share of the other pages the hub reaches (hub_reaches)
  double density = 0;                ///< followable page pairs linked inside / n(n-1)
  std::uint64_t links_in = 0;        ///< followable page pairs from other clusters into this one
  std::uint64_t links_out = 0;       ///< ... from this one to other clusters
  double equity = 0;                 ///< equity held by its pages
};

/// The cluster's hub, under either of its URLs.
inline bool is_hub(const Cluster& cluster, UrlId id) {
  return id != kNoUrl && (id == cluster.hub || id == cluster.hub_twin);
}

struct Clustering {
  std::vector<std::uint32_t> of_page;  ///< per page: index in clusters, or kNoCluster
  std::vector<Cluster> clusters;
  /// --clusters links: the clusters are link communities; each ranked page's folder cluster
  /// (an index into `folders`, the clusters it would have by directory; kNoCluster for others),
  /// for link-community-elsewhere. Empty otherwise.
  std::vector<std::string> folders;
  std::vector<std::uint32_t> folder_of_page;
  /// Per page, 1 when its cluster's hub links to it, or a page the hub reaches links to it
  /// from above: the page names the folder it lies in (c.html -> c/algorithm.html ->
  /// c/algorithm/bsearch.html). A hub reaches a nested folder through the folder's own page.
  std::vector<std::uint8_t> hub_reaches;
};

/// A link worth adding: `source` does not link to `target` yet; `gain` is the equity the
/// target would gain, computed by re-running the equity model with the link added.
struct LinkOpportunity {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;
  double gain = 0;
  bool same_cluster = false;
};

/// How much each term says about a page among the site's pages: its inverse document
/// frequency over the term sketches of the ranked pages (ln(N / pages with it); 0 for a term
/// on every page, such as the site's name in every title).
class TermWeights {
 public:
  explicit TermWeights(const SiteGraph& graph);
  /// A term on no page's sketch counts as on one page (a title word too rare to be kept).
  [[nodiscard]] double idf(std::uint32_t term) const;
  /// Cosine similarity of two pages' sketches, each term weighted (1 + ln count) x idf; 0 when
  /// either page has no sketch.
  [[nodiscard]] double relevance(UrlId a, UrlId b) const;

 private:
  const SiteGraph& graph_;
  std::unordered_map<std::uint32_t, float> idf_;
  std::vector<float> norms_;  // per page: the length of its weighted sketch
  double unknown_idf_ = 0;
};

/// One link of a plan, in the order it was chosen.
struct PlannedLink {
  UrlId source = kNoUrl;
  UrlId target = kNoUrl;
  double relevance = 0;  ///< cosine similarity of the two pages' term sketches
  /// What the link adds to the targets' summed equity, given the links chosen before it.
  double gain = 0;
  /// Where to put it (filled from the source page's own text, src/cli/plan_phrases.cpp):
  /// the words of the source that name the target, the sentence they are in and its line.
  /// Empty phrase: no sentence names it; `anchor` is then the target's title.
  std::string phrase;
  std::string sentence;
  std::uint32_t line = 0;
  std::string anchor;
  std::string phrase_note;  ///< why there is no phrase, when there is none
};

struct LinkPlan {
  std::vector<UrlId> targets;
  std::string targets_from;          ///< "given", "priority", "orphans" or "least equity"
  std::vector<double> before;        ///< per target: its equity now
  std::vector<double> after;         ///< ... with all the plan's links added
  std::vector<std::size_t> sources;  ///< per target: the relevant sources found for it (before the per-target cut)
  std::vector<PlannedLink> links;
  std::size_t requested = 0;         ///< K, as asked (links can be fewer)
  double total_gain = 0;             ///< sum of after - before over the targets
  std::size_t candidates = 0;        ///< (source, target) pairs considered
  std::size_t evaluations = 0;       ///< exact evaluations run (lazy greedy)
  std::size_t evaluations_eager = 0; ///< what plain greedy would have run: every candidate left, each round
};

/// Per-page facts derived from the graph (JSON report fields).
struct PageFacts {
  std::vector<std::uint8_t> indexable;  ///< 1 when 2xx HTML, not noindex, not canonicalised elsewhere, not blocked
  /// Unique internal source pages with a followable link in, by the link's placement
  /// (indexed by Placement); a source counts once per placement.
  std::vector<std::array<std::uint32_t, 6>> inlinks_by_placement;
  std::vector<double> link_score;  ///< PageRank on a 0-100 log scale; NaN when not ranked
};

/// Pages with the same main content (duplicate-content), or nearly (near-duplicate): only
/// indexable pages, so a copy canonicalised to another is folded, not counted.
struct DuplicateSet {
  bool exact = true;          ///< the same words in the same order; else near-duplicates
  std::vector<UrlId> pages;   ///< most equity first (ties in URL order)
  std::uint32_t words = 0;    ///< content words of the first page
  double equity = 0;          ///< the share of the site's equity the pages hold together (0-1), split between them
};

/// Pages that name each other as language versions (<link rel=alternate hreflang>, the Link
/// header): the connected pages of the site, in URL-id order.
struct HreflangSet {
  std::vector<UrlId> pages;
  UrlId x_default = kNoUrl;  ///< the page some member names for x-default, if any
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
  Clustering clustering;
  std::vector<std::uint8_t> priority;  ///< per page: listed in --priority
  std::vector<Finding> findings;  ///< sorted by rule, then URL
  /// The duplicate-content and near-duplicate sets, most equity first.
  std::vector<DuplicateSet> duplicate_sets;
  /// The hreflang sets of the site.
  std::vector<HreflangSet> hreflang_sets;
  /// Per weak priority page, orphan and authority sink: the best links to add, best first.
  std::vector<LinkOpportunity> opportunities;
  /// --plan: the links to add, empty when not asked for.
  LinkPlan plan;
  /// --backlinks: the pages with backlinks, by UrlId (AuditOptions::backlinks).
  std::vector<BacklinkPage> backlinks;
  /// The site's segments (--segments, else the clusters), their figures and the equity flow.
  Segmentation segments;
};

Audit audit_site(const CrawlResult& crawl, const AuditOptions& options = {});

/// indexable: a 2xx HTML internal page, not noindex, whose canonical (if any) is itself.
bool is_indexable(const SiteGraph& graph, UrlId id);


/// Unique followable links between internal pages, as (source, final target) pairs, sorted;
/// redirects resolved, self links dropped.
std::vector<std::pair<UrlId, UrlId>> followable_pairs(const SiteGraph& graph);


}  // namespace sitegraph
