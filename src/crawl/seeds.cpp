#include "crawl/seeds.hpp"

#include <spdlog/spdlog.h>

#include <unordered_set>

#include "sitegraph/sitemap.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

std::string status_text(const FetchResponse& r) {
  return r.outcome == FetchOutcome::kResponse ? std::to_string(r.status) : std::string(outcome_name(r.outcome));
}

bool stopped(const std::atomic<bool>* stop) { return stop && stop->load(); }

}  // namespace

std::vector<FetchResponse> fetch_all(Fetcher& fetcher, std::vector<FetchRequest> requests,
                                     const std::atomic<bool>* stop) {
  std::vector<FetchResponse> out(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    out[i].url = requests[i].url;
    requests[i].tag = i;
    fetcher.submit(std::move(requests[i]));
  }
  std::size_t left = requests.size();
  while (left > 0 && !stopped(stop)) {
    for (FetchResponse& r : fetcher.poll(std::chrono::milliseconds(100))) {
      const std::size_t index = r.tag;
      out[index] = std::move(r);
      --left;
    }
  }
  if (left > 0) fetcher.cancel_waiting();
  return out;
}

FetchResponse fetch_following(Fetcher& fetcher, FetchRequest request, int max_hops, const std::atomic<bool>* stop) {
  for (int hop = 0;; ++hop) {
    FetchResponse r = std::move(fetch_all(fetcher, {request}, stop).front());
    const bool redirect = r.outcome == FetchOutcome::kResponse && r.status >= 300 && r.status < 400 &&
                          !r.location.empty();
    if (!redirect || hop >= max_hops) return r;
    // Credentials never follow a redirect to another host.
    const auto from = split_url(request.url);
    const auto to = split_url(r.location);
    if (!from || !to || from->host != to->host || from->port != to->port) request.credentials = false;
    request.url = r.location;
  }
}

RobotsFetch fetch_robots(Fetcher& fetcher, const std::string& origin, const std::string& agent,
                         const std::atomic<bool>* stop) {
  RobotsFetch out;
  out.info.url = origin + "/robots.txt";
  // RFC 9309 §2.3.1.2: follow at least five consecutive redirects; §2.5: parse at least 500 KiB.
  FetchRequest request{out.info.url, 0, BodyPolicy::kAny, kRobotsMaxBytes, true, true};
  out.response = fetch_following(fetcher, std::move(request), 5, stop);
  const FetchResponse& r = out.response;
  out.info.status = status_text(r);
  if (r.outcome == FetchOutcome::kResponse && r.status >= 200 && r.status < 300) {
    out.policy = RobotsPolicy::parse(r.body, agent);
  } else if (r.outcome == FetchOutcome::kResponse && r.status >= 300 && r.status < 500) {
    // §2.3.1.3 "unavailable" (4xx, or more redirects than followed): no restrictions.
    out.policy = RobotsPolicy::allow_all();
  } else if (r.outcome == FetchOutcome::kNotFetched) {
    out.policy = RobotsPolicy::allow_all();  // stopped before an answer: nothing will be crawled anyway
  } else {
    out.policy = RobotsPolicy::disallow_all();  // §2.3.1.4 "unreachable": assume complete disallow
    out.unreachable = r.outcome == FetchOutcome::kDnsError || r.outcome == FetchOutcome::kConnectError ||
                      r.outcome == FetchOutcome::kTimeout || r.outcome == FetchOutcome::kTlsError;
  }
  out.info.sitemaps = out.policy.sitemaps();
  return out;
}

SitemapSeeds fetch_sitemaps(Fetcher& fetcher, std::vector<std::string> sitemaps, const Scope& scope,
                            const CrawlOptions& options) {
  SitemapSeeds seeds;
  std::unordered_set<std::string> seen_files;
  std::unordered_set<std::string> seen_urls;
  for (int level = 0; !sitemaps.empty() && level <= options.max_sitemap_index_depth; ++level) {
    std::vector<std::string> batch;
    for (std::string& s : sitemaps) {
      auto normalized = normalize_url(s);
      if (!normalized) continue;
      if (seeds.files.size() + batch.size() >= options.max_sitemap_files) {
        ++seeds.files_skipped;
        continue;
      }
      if (!scope.contains(*normalized)) {
        seeds.files.push_back({*normalized, "not-fetched", 0, "outside the crawled site"});
        continue;
      }
      if (seen_files.insert(*normalized).second) batch.push_back(std::move(*normalized));
    }
    sitemaps.clear();
    std::vector<FetchRequest> requests;
    for (const std::string& url : batch) requests.push_back({url, 0, BodyPolicy::kAny, kSitemapMaxBytes, false, true});
    const std::vector<FetchResponse> responses = fetch_all(fetcher, std::move(requests), options.stop);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      SitemapInfo info{batch[i], status_text(responses[i]), 0, {}};
      if (responses[i].outcome == FetchOutcome::kResponse && responses[i].status / 100 == 2) {
        SitemapLimits limits;
        limits.max_urls = options.max_sitemap_urls;
        SitemapParse parsed = parse_sitemap(responses[i].body, limits);
        info.urls = parsed.urls.size();
        info.error = parsed.error;
        if (parsed.urls.size() >= options.max_sitemap_urls && !parsed.error.empty()) ++seeds.files_cut;
        for (std::string& u : parsed.urls) {
          if (parsed.kind == SitemapKind::kIndex) {
            sitemaps.push_back(std::move(u));
            continue;
          }
          auto normalized = normalize_url(u);
          if (!normalized || !scope.contains(*normalized)) continue;  // sitemaps.org: same host only
          if (seen_urls.insert(*normalized).second) seeds.urls.push_back(std::move(*normalized));
        }
        for (SitemapAlternate& a : parsed.alternates) {
          auto page = normalize_url(a.page);
          auto target = normalize_url(a.url);
          if (!page || !target || !scope.contains(*page)) continue;
          seeds.alternates.push_back({std::move(*page), std::move(a.hreflang), std::move(*target)});
        }
      }
      if (!info.error.empty()) spdlog::warn("sitemap {}: {}", info.url, info.error);
      seeds.files.push_back(std::move(info));
    }
  }
  seeds.indexes_too_deep = sitemaps.size();  // named by an index at the deepest level read
  if (seeds.indexes_too_deep) {
    spdlog::warn("sitemaps: {} child sitemaps deeper than --max-sitemap-depth {} not read", sitemaps.size(),
                 options.max_sitemap_index_depth);
  }
  if (seeds.files_skipped) {
    spdlog::warn("sitemaps: {} sitemaps past --max-sitemap-files {} not read", seeds.files_skipped, options.max_sitemap_files);
  }
  return seeds;
}

}  // namespace sitegraph
