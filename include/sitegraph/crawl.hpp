#pragma once
// The crawl stage: seeds (start URL, robots.txt Sitemap: lines, sitemaps) -> frontier ->
// fetcher -> extractor pool -> SiteGraph. Owns the only loop of the pipeline.

#include <atomic>
#include <functional>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitegraph/fetch.hpp"
#include "sitegraph/graph.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

/// Where a running crawl stands, for progress lines and logs.
struct CrawlProgress {
  std::size_t done = 0;        ///< responses recorded (pages and external checks)
  std::size_t queued = 0;      ///< URLs waiting: in the frontier, or at the fetcher behind --per-host / --rate
  std::size_t in_flight = 0;   ///< transfers running now (Fetcher::in_flight)
  std::size_t parsing = 0;     ///< bodies received and waiting for or in the HTML parser
  std::size_t errors = 0;      ///< failed fetches and 4xx/5xx answers
  double seconds = 0;
  bool finished = false;
  /// Adaptive politeness: hosts whose transfers in flight are below --per-host now, and the
  /// latest change of one of them (null when none is slowed).
  std::size_t hosts_slowed = 0;
  const ThrottleEvent* slowed = nullptr;
};

/// What the user allows a crawl to fetch, within the site (--include, --exclude, --no-parent).
/// A pattern is a glob (`*` matches any run of characters, `/` included; every other character
/// only itself) matched against the whole URL after normalisation; a pattern starting with `/`
/// is matched against the URL's path and query instead, as --ignore and --clusters do.
struct CrawlScope {
  std::vector<std::string> include;  ///< when any: a page of the site is crawled only if it matches one (resources are not pages)
  std::vector<std::string> exclude;  ///< a URL matching one is never requested (pages, external and resource checks)
  std::string parent;                ///< --no-parent: the start URL's folder ("/docs/guide/"); empty: no such limit
  [[nodiscard]] bool active() const { return !include.empty() || !exclude.empty() || !parent.empty(); }
};

/// Why `url` (normalised) is outside `scope`, or "" when it may be fetched: "excluded by --exclude
/// PATTERN", "matches no --include pattern", "outside the start folder /docs/guide/ (--no-parent)".
/// `site_page`: the URL is to be crawled as a page of the site. --include and --no-parent limit
/// only those (a page in scope still has its images, style sheets and external links checked
/// wherever they are), --exclude any URL.
std::string scope_exclusion(const CrawlScope& scope, std::string_view url, bool site_page);

/// The folder of a URL's path, as wget's --no-parent takes it: "/docs/guide/" for
/// https://h/docs/guide/intro.html and for https://h/docs/guide/; "/" for an unparsable URL.
std::string url_folder(std::string_view url);

struct CrawlOptions {
  std::string start_url;                 ///< normalised absolute URL
  std::size_t max_pages = 0;             ///< internal URLs requested at most; 0 = no limit
  int max_depth = -1;                    ///< links followed at most this many clicks from a seed; -1 = no limit
  bool obey_robots = true;
  bool use_sitemaps = true;
  /// Before crawling, ask the site for one URL that cannot exist: when it answers 2xx, pages
  /// with the same content are soft 404s (CrawlResult::soft_404_probes).
  bool soft_404_probe = true;
  std::vector<std::string> extra_sitemaps;  ///< sitemap URLs given by the user
  std::vector<std::string> known_urls;   ///< pages known to exist (--urls): seeded, and orphans when unlinked
  std::string user_agent;                ///< for robots.txt group selection
  int max_in_flight = 16;                ///< the fetcher's transfer limit; the crawler keeps it fed
  unsigned parse_threads = 0;            ///< 0 = one per core
  std::size_t max_sitemap_files = 1000;      ///< sitemap files read at most (indexes included)
  int max_sitemap_index_depth = 3;           ///< sitemap indexes followed this many levels deep
  std::size_t max_sitemap_urls = 50'000;     ///< URLs read per sitemap file (sitemaps.org)
  std::size_t max_url_length = 8192;         ///< longer link targets are invalid-url, never fetched
  std::size_t max_links_per_page = 10'000;   ///< links kept per page, in document order
  int max_redirects = 10;                    ///< consecutive redirects followed from one URL
  const std::atomic<bool>* stop = nullptr;  ///< set to stop the crawl early (Ctrl-C)
  double max_seconds = 0;                ///< stop the crawl gracefully after this long; 0 = no limit
  bool check_external = false;           ///< HEAD-check external link targets (never crawled)
  bool check_resources = false;          ///< HEAD-check images, scripts, stylesheets, media (never parsed)
  UrlIdentity identity;                  ///< tracking parameters dropped, query sorting
  /// --include, --exclude, --no-parent: URLs outside it are recorded as kExcluded, never
  /// requested. The start URL must be inside it (else it is recorded excluded, not fetched).
  CrawlScope scope;
  /// A previous crawl of the site (--since): its pages are revalidated with conditional
  /// requests, and a 304 reuses the links stored for the page instead of downloading it.
  const struct CrawlResult* previous = nullptr;
  /// --resume: pages finished are journaled here, and the pages an earlier run journaled are
  /// taken from it instead of fetched again.
  class CrawlJournal* journal = nullptr;
  /// Called from the crawl loop about four times a second, and once at the end.
  std::function<void(const CrawlProgress&)> on_progress;
};



struct RobotsInfo {
  std::string url;
  std::string status;  ///< "200", "404", "dns-error", "disabled", ...
  std::vector<std::string> sitemaps;
};

struct SitemapInfo {
  std::string url;
  std::string status;     ///< "200", "404", ...
  std::size_t urls = 0;   ///< URLs listed (pages or child sitemaps)
  std::string error;      ///< parse error or out-of-scope note
};

/// An href that could not be parsed as a URL, or resolves to one longer than
/// --max-url-length (reported as `invalid-url`, never guessed or fetched).
struct InvalidHref {
  UrlId page = kNoUrl;
  std::string href;
  std::uint32_t line = 0;
  bool too_long = false;
};

/// How often a crawl limit cut something off; all zero when none did. Each limit has a flag.
struct LimitsHit {
  std::size_t urls_too_long = 0;          ///< --max-url-length: hrefs reported as invalid-url
  std::size_t pages_links_cut = 0;        ///< --max-links-per-page: pages whose extra links were dropped
  std::size_t links_dropped = 0;          ///< ...and how many links that was
  std::size_t redirects_cut = 0;          ///< --max-redirects: chains not followed further
  std::size_t sitemap_files_skipped = 0;  ///< --max-sitemap-files: sitemaps named but not read
  std::size_t sitemaps_cut = 0;           ///< --max-sitemap-urls: files with URLs past the limit
  std::size_t sitemap_indexes_too_deep = 0;  ///< --max-sitemap-depth: child sitemaps not read
  /// robots.txt was over the 500 KiB that are read (RFC 9309 §2.5): the first line not read
  /// (a line cut in half is dropped whole); 0 when it was read whole.
  std::size_t robots_truncated_at_line = 0;
  [[nodiscard]] bool any() const {
    return urls_too_long || pages_links_cut || redirects_cut || sitemap_files_skipped || sitemaps_cut ||
           sitemap_indexes_too_deep || robots_truncated_at_line;
  }
};

/// A URL that is served from the same file as a page already in the graph (folder mode:
/// /docs/index.html beside /docs/, a symlink): its links count for that page, under the URL
/// the crawl met first, and it is listed here instead of being a second page.
struct FoldedUrl {
  std::string url;
  UrlId page = kNoUrl;
};

/// A URL that cannot exist, asked of the site before the crawl: how the site answers for a
/// page it does not have. A 2xx answer makes the pages with its content soft 404s.
struct SoftNotFoundProbe {
  std::string url;
  FetchOutcome outcome = FetchOutcome::kNotFetched;
  int status = 0;
  std::string title;            ///< of a 2xx HTML answer
  ContentFingerprint content;   ///< of a 2xx HTML answer
  std::size_t pages = 0;        ///< pages of the site marked soft-404 by it
};

struct CrawlResult {
  CrawlResult() = default;
  CrawlResult(CrawlResult&&) = default;
  CrawlResult& operator=(CrawlResult&&) = default;

  SiteGraph graph;
  UrlId start = kNoUrl;
  bool complete = true;
  /// Why the crawl is incomplete: "max-pages", "max-depth", "max-time" (max_seconds ran out),
  /// "interrupted" (`stop` was set) or "unreachable" (the start host did not answer); empty
  /// when the crawl is complete.
  std::string stop_reason;
  RobotsInfo robots;
  std::vector<SitemapInfo> sitemaps;
  std::vector<InvalidHref> invalid_hrefs;
  std::vector<FoldedUrl> folded;  ///< other spellings of pages, in the order met
  std::vector<SoftNotFoundProbe> soft_404_probes;  ///< empty with --no-soft-404-probe
  LimitsHit limits;
  CrawlScope scope;           ///< the scope the crawl was limited to (recorded in snapshots)
  std::size_t requests = 0;   ///< page requests made (robots.txt and sitemaps excluded)
  double seconds = 0;
  /// When the fetcher slowed down for a struggling host and sped up again (HTTP only).
  std::vector<ThrottleEvent> throttle;
};

/// Crawls the site at options.start_url through `fetcher`. Pages on the start URL's host
/// (and on the host it redirects to) are crawled; every other URL is recorded as an
/// external link target, never fetched.
CrawlResult crawl_site(Fetcher& fetcher, const CrawlOptions& options);

}  // namespace sitegraph
