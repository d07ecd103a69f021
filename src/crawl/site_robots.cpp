// robots.txt per origin for the crawl (site_robots.hpp).

#include "crawl/site_robots.hpp"

#include <spdlog/spdlog.h>

#include "crawl/seeds.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

std::string agent_token(const std::string& user_agent) {
  std::string token = robots_product_token(user_agent);
  for (char& c : token) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return token;
}

std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  return url.substr(0, url.find('/', scheme_end + 3));
}

bool SiteRobots::load_site(Fetcher& fetcher, const std::string& origin, CrawlResult& result, UrlId page) {
  site_origin_ = origin;
  if (by_origin_.count(origin)) return true;
  if (!options_.obey_robots && !options_.use_sitemaps) {
    result.robots = {origin + "/robots.txt", "disabled", {}};
    return true;
  }
  RobotsFetch robots = fetch_robots(fetcher, origin, options_.user_agent, options_.stop);
  result.robots = robots.info;
  if (robots.unreachable && options_.obey_robots) {
    result.graph.page(page).outcome = robots.response.outcome;
    spdlog::error("{}: {}", robots.info.url, robots.response.error);
    return false;
  }
  if (!options_.obey_robots) result.robots.status += " (ignored: --no-robots)";
  if (const int line = robots.policy.truncated_at_line(); line > 0) {
    result.limits.robots_truncated_at_line = static_cast<std::size_t>(line);
    spdlog::warn("{} is over 500 KiB: only the lines before line {} are read (RFC 9309 §2.5)", robots.info.url, line);
  }
  if (const auto delay = robots.policy.crawl_delay(); delay && options_.obey_robots) {
    spdlog::info("{} asks for Crawl-delay: {} s", robots.info.url, *delay);
    fetcher.set_min_interval(origin + "/", *delay);
  }
  by_origin_.emplace(origin, options_.obey_robots ? std::move(robots.policy) : RobotsPolicy::allow_all());
  return true;
}

const RobotsPolicy& SiteRobots::policy_for(const std::string& url) const {
  static const RobotsPolicy kAllowAll = RobotsPolicy::allow_all();
  if (const auto it = by_origin_.find(origin_of(url)); it != by_origin_.end()) return it->second;
  if (const auto it = by_origin_.find(site_origin_); it != by_origin_.end()) return it->second;
  return kAllowAll;
}

bool SiteRobots::site_disallowed() const {
  const auto it = by_origin_.find(site_origin_);
  return it != by_origin_.end() && it->second.disallows_everything();
}

bool SiteRobots::allowed(const std::string& url) const {
  const auto parts = split_url(url);
  return !parts || policy_for(url).allowed(parts->path_and_query);
}

}  // namespace sitegraph
