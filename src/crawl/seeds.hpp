#pragma once
// Crawl seeds from the site itself: robots.txt and the sitemaps it names (or /sitemap.xml).

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "sitegraph/sitemap.hpp"
#include "crawl/scope.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/robots.hpp"

namespace sitegraph {

/// robots.txt bodies are read up to this size: the 500 KiB the parser reads (RFC 9309 §2.5)
/// and one byte more, so that RobotsPolicy::parse can tell a file cut at the limit (whose
/// last, partial line it drops) from one that ends there.
inline constexpr std::uint64_t kRobotsMaxBytes = 500 * 1024 + 1;
/// A sitemap file may be up to 50 MB uncompressed (sitemaps.org).
inline constexpr std::uint64_t kSitemapMaxBytes = 50ull * 1024 * 1024;

/// Submits every request and waits for all the responses, returned in request order.
/// Stops waiting when *stop becomes true; unanswered requests come back kNotFetched.
/// Needs a fetcher with nothing else in flight (tags are reused as indexes).
std::vector<FetchResponse> fetch_all(Fetcher& fetcher, std::vector<FetchRequest> requests,
                                     const std::atomic<bool>* stop);

/// Fetches one URL and waits for it, following up to max_hops redirects.
FetchResponse fetch_following(Fetcher& fetcher, FetchRequest request, int max_hops, const std::atomic<bool>* stop);

struct RobotsFetch {
  RobotsPolicy policy = RobotsPolicy::allow_all();
  RobotsInfo info;
  bool unreachable = false;  ///< the host could not be reached at all
  FetchResponse response;    ///< the last response, for error reporting
};

/// Fetches and parses robots.txt of `origin` ("https://host[:port]"): 2xx parsed, 4xx
/// allows all (RFC 9309 §2.3.1.3), 5xx or unreachable disallows all (§2.3.1.4).
RobotsFetch fetch_robots(Fetcher& fetcher, const std::string& origin, const std::string& agent,
                         const std::atomic<bool>* stop);

struct SitemapSeeds {
  std::vector<std::string> urls;  ///< page URLs in scope, in order, deduplicated
  /// hreflang alternates of those pages (xhtml:link), the page and target URLs normalised
  std::vector<SitemapAlternate> alternates;
  std::vector<SitemapInfo> files;
  std::size_t files_skipped = 0;       ///< over max_sitemap_files
  std::size_t files_cut = 0;           ///< files with more than max_sitemap_urls URLs
  std::size_t indexes_too_deep = 0;    ///< child sitemaps past max_sitemap_index_depth
};

/// Fetches `sitemaps` and the sitemaps their indexes name (breadth first, up to the
/// options' depth and file limits), keeping page URLs that are in `scope`.
SitemapSeeds fetch_sitemaps(Fetcher& fetcher, std::vector<std::string> sitemaps, const Scope& scope,
                            const CrawlOptions& options);

}  // namespace sitegraph
