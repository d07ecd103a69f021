// The crawl loop: frontier -> fetcher -> parse pool -> graph, until nothing is left.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <thread>

#include "crawl/parse_pool.hpp"
#include "crawl/scope.hpp"
#include "crawl/seeds.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  return url.substr(0, url.find('/', scheme_end + 3));
}

class Crawler {
 public:
  Crawler(Fetcher& fetcher, const CrawlOptions& options)
      : fetcher_(fetcher), options_(options), scope_(options.start_url) {}

  CrawlResult run() {
    const auto started = std::chrono::steady_clock::now();
    result_.start = add_url(options_.start_url);
    start_chain_.push_back(result_.start);
    if (prepare_seeds()) crawl_loop();
    result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return std::move(result_);
  }

 private:
  struct Queued {
    UrlId url;
    int depth;
  };

  SiteGraph& graph() { return result_.graph; }

  UrlId add_url(const std::string& url) {
    const std::size_t before = graph().size();
    const UrlId id = graph().add_url(url);
    if (graph().size() > before) {
      graph().page(id).internal = scope_.contains(url);
      queued_.resize(graph().size(), false);
      depth_.resize(graph().size(), 0);
    }
    return id;
  }

  // Robots.txt, then the sitemaps. Returns false when the site cannot be reached at all.
  bool prepare_seeds() {
    const std::string origin = origin_of(options_.start_url);
    std::vector<std::string> sitemaps = options_.extra_sitemaps;
    if (options_.obey_robots || options_.use_sitemaps) {
      RobotsFetch robots = fetch_robots(fetcher_, origin, options_.user_agent);
      result_.robots = robots.info;
      if (robots.unreachable) {
        Page& start = graph().page(result_.start);
        start.outcome = robots.response.outcome;
        result_.complete = false;
        result_.stop_reason = "unreachable";
        spdlog::error("{}: {}", origin, robots.response.error);
        return false;
      }
      if (options_.obey_robots) robots_ = std::move(robots.policy);
      if (!options_.obey_robots) result_.robots.status += " (ignored: --no-robots)";
      sitemaps.insert(sitemaps.end(), result_.robots.sitemaps.begin(), result_.robots.sitemaps.end());
    } else {
      result_.robots = {origin + "/robots.txt", "disabled", {}};
    }
    enqueue(result_.start, 0, links_);
    if (options_.use_sitemaps) {
      if (result_.robots.sitemaps.empty() && options_.extra_sitemaps.empty()) sitemaps.push_back(origin + "/sitemap.xml");
      SitemapSeeds seeds = fetch_sitemaps(fetcher_, std::move(sitemaps), scope_, options_);
      result_.sitemaps = std::move(seeds.files);
      for (const std::string& url : seeds.urls) {
        const UrlId id = add_url(url);
        graph().page(id).in_sitemap = true;
        enqueue(id, 0, seeds_);
      }
    }
    return true;
  }

  void enqueue(UrlId id, int depth, std::deque<Queued>& queue) {
    if (queued_[id] || !graph().page(id).internal) return;
    if (options_.max_depth >= 0 && depth > options_.max_depth) {
      mark_incomplete("max-depth");
      return;
    }
    queued_[id] = true;
    depth_[id] = depth;
    queue.push_back({id, depth});
  }

  void mark_incomplete(const char* reason) {
    if (result_.complete) {
      result_.complete = false;
      result_.stop_reason = reason;
    }
  }

  bool stop_requested() const { return options_.stop && options_.stop->load(); }

  // Links found on pages go first, sitemap-only URLs after: with --max-pages the crawl
  // keeps close to breadth first from the start page.
  bool next(Queued& out) {
    for (auto* queue : {&links_, &seeds_}) {
      if (!queue->empty()) {
        out = queue->front();
        queue->pop_front();
        return true;
      }
    }
    return false;
  }

  bool page_limit_reached() const { return options_.max_pages > 0 && result_.requests >= options_.max_pages; }

  bool can_submit() const { return (!links_.empty() || !seeds_.empty()) && !page_limit_reached(); }

  void submit_more(ParsePool& pool) {
    const std::size_t fetch_window = 2 * static_cast<std::size_t>(std::max(1, options_.max_in_flight));
    const std::size_t parse_backlog = 4 * parse_threads_ + fetch_window;
    Queued q{};
    while (fetcher_.pending() < fetch_window && pool.outstanding() < parse_backlog) {
      if (page_limit_reached()) {
        if (!links_.empty() || !seeds_.empty()) mark_incomplete("max-pages");
        return;
      }
      if (!next(q)) return;
      const std::string url(graph().url(q.url));
      const auto parts = split_url(url);
      if (parts && !robots_.allowed(parts->path_and_query)) {
        graph().page(q.url).outcome = FetchOutcome::kRobotsBlocked;
        continue;
      }
      fetcher_.submit({url, q.url, BodyPolicy::kHtmlOnly});
      ++result_.requests;
    }
  }

  void crawl_loop() {
    parse_threads_ = options_.parse_threads ? options_.parse_threads : std::max(1u, std::thread::hardware_concurrency());
    ParsePool pool(parse_threads_, [this] { fetcher_.wakeup(); });
    for (;;) {
      if (stop_requested()) {
        mark_incomplete("interrupted");
        links_.clear();
        seeds_.clear();
      } else {
        submit_more(pool);
      }
      if (fetcher_.pending() == 0 && pool.outstanding() == 0 && !can_submit()) break;
      for (FetchResponse& response : fetcher_.poll(std::chrono::milliseconds(200))) record(std::move(response), pool);
      for (ParsedPage& parsed : pool.drain()) add_links(parsed);
    }
  }

  void record(FetchResponse response, ParsePool& pool) {
    const auto id = static_cast<UrlId>(response.tag);
    Page& page = graph().page(id);
    page.outcome = response.outcome;
    page.status = response.status;
    page.content_type = std::move(response.content_type);
    page.bytes = static_cast<std::uint32_t>(std::min<std::uint64_t>(response.bytes, UINT32_MAX));
    page.seconds = static_cast<float>(response.seconds);
    apply_robots_directives(response.x_robots_tag, page.noindex, page.nofollow);
    if (response.outcome != FetchOutcome::kResponse) return;
    if (response.status >= 300 && response.status < 400 && !response.location.empty()) {
      record_redirect(id, response.location);
    } else if (response.status >= 200 && response.status < 300 && !response.body.empty()) {
      page.fetched_html = true;
      pool.submit({id, std::string(graph().url(id)), std::move(response.body)});
    } else if (response.status >= 200 && response.status < 300 && response.is_html()) {
      page.fetched_html = true;  // an empty HTML page: a page without links
    }
  }

  void record_redirect(UrlId id, const std::string& location) {
    const auto target_url = normalize_url(location);
    if (!target_url) return;
    const bool from_start = std::find(start_chain_.begin(), start_chain_.end(), id) != start_chain_.end();
    if (from_start && !scope_.contains(*target_url)) {
      // http://example.com -> https://www.example.com: the site lives there.
      spdlog::info("start URL redirects to {}; crawling that host too", *target_url);
      scope_.add(*target_url);
    }
    const UrlId target = add_url(*target_url);
    if (from_start) {
      start_chain_.push_back(target);
      graph().page(target).internal = true;
    }
    graph().page(id).redirect_to = target;
    graph().add_link({id, target, graph().intern_anchor(""), 0, LinkKind::kRedirect, kRelNone, Placement::kContent});
    enqueue(target, depth_[id], links_);  // a redirect hop is not a click
  }

  void add_links(ParsedPage& parsed) {
    Page& page = graph().page(parsed.page);
    page.title = std::move(parsed.extracted.title);
    page.noindex = page.noindex || parsed.extracted.noindex;
    page.nofollow = page.nofollow || parsed.extracted.nofollow;
    const int depth = depth_[parsed.page];
    for (std::size_t i = 0; i < parsed.extracted.links.size(); ++i) {
      if (parsed.resolved[i].empty()) continue;
      const RawLink& raw = parsed.extracted.links[i];
      const UrlId target = add_url(parsed.resolved[i]);
      graph().add_link({parsed.page, target, graph().intern_anchor(raw.anchor), raw.line, raw.kind, raw.rel, raw.placement});
      if (raw.kind == LinkKind::kCanonical) {
        graph().page(parsed.page).canonical = target;
        enqueue(target, depth, links_);
      } else {
        enqueue(target, depth + 1, links_);
      }
    }
  }

  Fetcher& fetcher_;
  const CrawlOptions& options_;
  Scope scope_;
  RobotsPolicy robots_ = RobotsPolicy::allow_all();
  CrawlResult result_;
  std::deque<Queued> links_;
  std::deque<Queued> seeds_;
  std::vector<bool> queued_;
  std::vector<int> depth_;
  std::vector<UrlId> start_chain_;
  unsigned parse_threads_ = 1;
};

}  // namespace

CrawlResult crawl_site(Fetcher& fetcher, const CrawlOptions& options) { return Crawler(fetcher, options).run(); }

}  // namespace sitegraph
