#pragma once
// Crawl seeds from the site itself: robots.txt and the sitemaps it names (or /sitemap.xml).

#include <optional>
#include <string>
#include <vector>

#include "crawl/scope.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/robots.hpp"

namespace sitegraph {

/// Fetches one URL and waits for it, following up to max_hops redirects.
FetchResponse fetch_following(Fetcher& fetcher, std::string url, int max_hops);

struct RobotsFetch {
  RobotsPolicy policy = RobotsPolicy::allow_all();
  RobotsInfo info;
  bool unreachable = false;  ///< the host could not be reached at all
  FetchResponse response;    ///< the last response, for error reporting
};

/// Fetches and parses robots.txt of `origin` ("https://host[:port]"): 2xx parsed, 4xx
/// allows all (RFC 9309 §2.3.1.3), 5xx or unreachable disallows all (§2.3.1.4).
RobotsFetch fetch_robots(Fetcher& fetcher, const std::string& origin, const std::string& agent);

struct SitemapSeeds {
  std::vector<std::string> urls;  ///< page URLs in scope, in order, deduplicated
  std::vector<SitemapInfo> files;
};

/// Fetches `sitemaps` and the sitemaps their indexes name (breadth first, up to the
/// options' depth and file limits), keeping page URLs that are in `scope`.
SitemapSeeds fetch_sitemaps(Fetcher& fetcher, std::vector<std::string> sitemaps, const Scope& scope,
                            const CrawlOptions& options);

}  // namespace sitegraph
