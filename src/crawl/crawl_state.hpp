#pragma once
// What a running crawl has recorded so far: the result being built and the per-URL
// bookkeeping of the frontier. Shared by the loop (crawler.cpp) and the units that plug into
// it (resume.cpp, revalidate.cpp), so that each reads and writes the same record.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sitegraph/crawl.hpp"

namespace sitegraph {

struct CrawlState {
  CrawlResult result;
  std::vector<bool> queued;                  ///< per URL: queued (or fetched) once already
  std::vector<int> depth;                    ///< per URL: clicks from a seed when it was queued
  std::vector<std::uint8_t> redirect_hops;   ///< per URL: consecutive redirects that led to it
  std::unordered_set<UrlId> checked_only;    ///< URLs queued for a HEAD check only, never parsed
  std::size_t done = 0;                      ///< responses recorded
  std::size_t errors = 0;                    ///< failed fetches and 4xx/5xx answers

  SiteGraph& graph() { return result.graph; }
  [[nodiscard]] const SiteGraph& graph() const { return result.graph; }
  [[nodiscard]] bool is_checked_only(UrlId id) const { return checked_only.count(id) != 0; }
};

/// Interns a URL the crawl met (identity rules applied, scope decided): the crawler's add_url.
using AddUrl = std::function<UrlId(const std::string&)>;

/// Records a link found on a page and follows it: the crawler's add_found_link.
using RecordLink = std::function<void(const Link&)>;

}  // namespace sitegraph
