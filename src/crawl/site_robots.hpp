#pragma once
// robots.txt as the crawl obeys it (RFC 9309): fetched once per origin, the policy of the
// URL's origin applied, else the site's (another origin in scope, such as the http:// twin of
// an https:// site, is judged by the site's robots.txt). Crawl-delay is handed to the fetcher.

#include <map>
#include <string>

#include "sitegraph/crawl.hpp"
#include "sitegraph/robots.hpp"

namespace sitegraph {

/// The robots product token of a User-Agent, lowercased ("Googlebot/2.1" -> "googlebot").
std::string agent_token(const std::string& user_agent);

/// "https://example.com:8443" of "https://example.com:8443/a/b".
std::string origin_of(const std::string& url);

class SiteRobots {
 public:
  explicit SiteRobots(const CrawlOptions& options) : options_(options) {}

  /// Makes `origin` the site's own (where the start URL led) and reads its robots.txt once
  /// into `result.robots`. Returns false when the host cannot be reached at all and robots.txt
  /// is obeyed: `page` then gets the failed outcome and the run has nothing to crawl.
  bool load_site(Fetcher& fetcher, const std::string& origin, CrawlResult& result, UrlId page);

  /// True when robots.txt lets the crawl fetch `url` (always, with --no-robots).
  [[nodiscard]] bool allowed(const std::string& url) const;

  /// True when the site's robots.txt disallows everything (5xx, RFC 9309 §2.3.1.4) and is
  /// obeyed: nothing but robots.txt may be requested, not even a sitemap.
  [[nodiscard]] bool site_disallowed() const;

  /// The origin the start URL led to.
  [[nodiscard]] const std::string& site_origin() const { return site_origin_; }

 private:
  [[nodiscard]] const RobotsPolicy& policy_for(const std::string& url) const;

  const CrawlOptions& options_;
  std::map<std::string, RobotsPolicy> by_origin_;
  std::string site_origin_;
};

}  // namespace sitegraph
