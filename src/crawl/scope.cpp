// Which URLs a crawl may fetch: the site's origins (Scope), then the user's limits within
// them (--include, --exclude, --no-parent: scope_exclusion).

#include "crawl/scope.hpp"

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

Scope::Scope(std::string_view start_url) { add(start_url); }

bool Scope::parse(std::string_view url, Origin& origin) {
  const auto parts = split_url(url);
  if (!parts) return false;
  origin.host = parts->host;
  origin.port = parts->port;
  origin.default_port = (parts->scheme == "http" && parts->port == 80) ||
                        (parts->scheme == "https" && parts->port == 443);
  return true;
}

void Scope::add(std::string_view url) {
  Origin origin;
  if (parse(url, origin) && !contains(url)) origins_.push_back(std::move(origin));
}

bool Scope::contains(std::string_view url) const {
  Origin origin;
  if (!parse(url, origin)) return false;
  for (const Origin& o : origins_) {
    if (o.host != origin.host) continue;
    if (o.port == origin.port || (o.default_port && origin.default_port)) return true;
  }
  return false;
}

}  // namespace sitegraph

namespace sitegraph {
namespace {

// As --ignore and --clusters read a glob: a leading '/' means the path and query.
bool scope_pattern_matches(std::string_view pattern, std::string_view url, const std::optional<UrlParts>& parts) {
  if (pattern.empty() || pattern.front() != '/') return glob_match(pattern, url);
  return glob_match(pattern, parts ? std::string_view(parts->path_and_query) : url);
}

std::string_view path_of(const std::optional<UrlParts>& parts) {
  if (!parts) return {};
  const std::string_view pq = parts->path_and_query;
  return pq.substr(0, pq.find('?'));
}

}  // namespace

std::string url_folder(std::string_view url) {
  const auto parts = split_url(url);
  const std::string_view path = path_of(parts);
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return "/";
  return std::string(path.substr(0, slash + 1));
}

std::string scope_exclusion(const CrawlScope& scope, std::string_view url, bool site_page) {
  if (!scope.active()) return {};
  const auto parts = split_url(url);
  for (const std::string& pattern : scope.exclude) {
    if (scope_pattern_matches(pattern, url, parts)) return "excluded by --exclude " + pattern;
  }
  if (!site_page) return {};
  if (!scope.parent.empty()) {
    const std::string_view path = path_of(parts);
    // The folder itself without its slash (/docs/guide) is in: a server redirects it to the folder.
    const bool under = path.starts_with(scope.parent) || path == std::string_view(scope.parent).substr(0, scope.parent.size() - 1);
    if (!under) return "outside the start folder " + scope.parent + " (--no-parent)";
  }
  if (!scope.include.empty()) {
    for (const std::string& pattern : scope.include) {
      if (scope_pattern_matches(pattern, url, parts)) return {};
    }
    return "matches no --include pattern";
  }
  return {};
}

}  // namespace sitegraph
