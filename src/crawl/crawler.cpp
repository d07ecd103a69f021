// The crawl loop: frontier -> fetcher -> parse pool -> graph, until nothing is left.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <map>
#include <optional>
#include <thread>

#include "crawl/parse_pool.hpp"
#include "crawl/scope.hpp"
#include "crawl/seeds.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/journal.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

// The robots product token of the user agent, lowercased ("Googlebot/2.1" -> "googlebot").
std::string agent_token(const std::string& user_agent) {
  std::string token = robots_product_token(user_agent);
  for (char& c : token) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return token;
}

std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  return url.substr(0, url.find('/', scheme_end + 3));
}

class Crawler {
 public:
  Crawler(Fetcher& fetcher, const CrawlOptions& options)
      : fetcher_(fetcher), options_(options), scope_(options.start_url), agent_(agent_token(options.user_agent)) {}

  CrawlResult run() {
    result_.start = add_url(options_.start_url);
    if (resolve_start()) {
      restore_from_journal();
      seed_from_sitemaps();
      seed_known_pages();
      follow_restored_links();
      if (!stop_requested()) crawl_loop();
    }
    if (stop_requested()) mark_incomplete(stop_reason());
    mark_template_links(result_.graph);
    report_progress(true);
    result_.seconds = elapsed();
    return std::move(result_);
  }

 private:
  struct Queued {
    UrlId url;
    int depth;
  };

  SiteGraph& graph() { return result_.graph; }

  UrlId add_url(const std::string& raw) {
    const std::string url = options_.identity.active() ? apply_identity(raw, options_.identity) : raw;
    const std::size_t before = graph().size();
    const UrlId id = graph().add_url(url);
    if (graph().size() > before) {
      graph().page(id).internal = scope_.contains(url);
      queued_.resize(graph().size(), false);
      redirect_hops_.resize(graph().size(), 0);
      depth_.resize(graph().size(), 0);
    }
    return id;
  }

  // Fetches robots.txt of `origin` once per run. Returns false when the host cannot be
  // reached at all and robots.txt is obeyed: the run has nothing to crawl.
  bool load_robots(const std::string& origin, UrlId page) {
    if (robots_.count(origin)) return true;
    if (!options_.obey_robots && !options_.use_sitemaps) {
      result_.robots = {origin + "/robots.txt", "disabled", {}};
      return true;
    }
    RobotsFetch robots = fetch_robots(fetcher_, origin, options_.user_agent, options_.stop);
    result_.robots = robots.info;
    if (robots.unreachable && options_.obey_robots) {
      graph().page(page).outcome = robots.response.outcome;
      mark_incomplete("unreachable");
      spdlog::error("{}: {}", robots.info.url, robots.response.error);
      return false;
    }
    if (!options_.obey_robots) result_.robots.status += " (ignored: --no-robots)";
    if (const auto delay = robots.policy.crawl_delay(); delay && options_.obey_robots) {
      spdlog::info("{} asks for Crawl-delay: {} s", robots.info.url, *delay);
      fetcher_.set_min_interval(origin + "/", *delay);
    }
    robots_.emplace(origin, options_.obey_robots ? std::move(robots.policy) : RobotsPolicy::allow_all());
    return true;
  }

  // The policy for a URL: its origin's, else the site's (another origin in scope, such as
  // the http:// twin of an https:// site, is judged by the site's robots.txt).
  const RobotsPolicy& robots_for(const std::string& url) const {
    static const RobotsPolicy kAllowAll = RobotsPolicy::allow_all();
    if (const auto it = robots_.find(origin_of(url)); it != robots_.end()) return it->second;
    if (const auto it = robots_.find(site_origin_); it != robots_.end()) return it->second;
    return kAllowAll;
  }

  bool allowed(const std::string& url) const {
    const auto parts = split_url(url);
    return !parts || robots_for(url).allowed(parts->path_and_query);
  }

  // The same site under another name: example.com and www.example.com.
  static bool same_site(const std::string& a, const std::string& b) {
    auto host = [](const std::string& url) {
      const auto parts = split_url(url);
      std::string h = parts ? parts->host : "";
      return h.rfind("www.", 0) == 0 ? h.substr(4) : h;
    };
    return !host(a).empty() && host(a) == host(b);
  }

  // Fetches the start URL before anything else, following redirects to another name of the
  // same site (http://example.com -> https://www.example.com), so that robots.txt and the
  // sitemaps are read where the site really lives. Leaves the first page response to record.
  bool resolve_start() {
    UrlId at = result_.start;
    for (int hop = 0;; ++hop) {
      const std::string url(graph().url(at));
      site_origin_ = origin_of(url);
      if (!load_robots(site_origin_, at) || stop_requested()) return false;
      queued_[at] = true;
      if (!allowed(url)) {
        graph().page(at).outcome = FetchOutcome::kRobotsBlocked;
        return true;
      }
      ++result_.requests;
      FetchRequest request{url, 0};
      request.credentials = true;
      FetchResponse r = std::move(fetch_all(fetcher_, {std::move(request)}, options_.stop).front());
      ++done_;
      r.tag = at;
      if (r.outcome == FetchOutcome::kNotFetched) return false;  // interrupted
      const auto location = r.status / 100 == 3 ? normalize_url(r.location) : std::nullopt;
      if (!location || scope_.contains(*location) || !same_site(url, *location) || hop >= 5) {
        first_response_ = std::move(r);
        return true;
      }
      spdlog::info("{} redirects to {}; crawling the site there", url, *location);
      scope_.add(*location);
      const UrlId target = add_url(*location);
      record_fields(at, r);
      graph().page(at).redirect_to = target;
      graph().add_link({at, target, graph().intern_anchor(""), 0, LinkKind::kRedirect, kRelNone, Placement::kContent});
      at = target;
    }
  }

  // The sitemaps: named by robots.txt (or --sitemap), else /sitemap.xml of the site.
  void seed_from_sitemaps() {
    if (!options_.use_sitemaps) return;
    std::vector<std::string> sitemaps = options_.extra_sitemaps;
    sitemaps.insert(sitemaps.end(), result_.robots.sitemaps.begin(), result_.robots.sitemaps.end());
    if (sitemaps.empty()) sitemaps.push_back(site_origin_ + "/sitemap.xml");
    SitemapSeeds seeds = fetch_sitemaps(fetcher_, std::move(sitemaps), scope_, options_);
    result_.sitemaps = std::move(seeds.files);
    result_.limits.sitemap_files_skipped = seeds.files_skipped;
    result_.limits.sitemaps_cut = seeds.files_cut;
    result_.limits.sitemap_indexes_too_deep = seeds.indexes_too_deep;
    for (const std::string& url : seeds.urls) {
      const UrlId id = add_url(url);
      graph().page(id).in_sitemap = true;
      enqueue(id, 0, seeds_);
    }
  }

  // Pages known from elsewhere (--urls, the --since crawl): fetched, and orphans if no
  // crawled page links to them.
  void seed_known_pages() {
    std::size_t outside = 0;
    for (const std::string& raw : options_.known_urls) {
      const auto url = normalize_url(raw);
      if (!url || !scope_.contains(*url)) {
        ++outside;
        continue;
      }
      const UrlId id = add_url(*url);
      graph().page(id).listed = true;
      enqueue(id, 0, seeds_);
    }
    if (outside > 0) spdlog::warn("--urls: {} URLs are not on the audited site or not http(s) URLs; ignored", outside);
    if (!options_.previous) return;
    const SiteGraph& old = options_.previous->graph;
    for (UrlId old_id = 0; old_id < old.size(); ++old_id) {
      const Page& p = old.page(old_id);
      if (!p.internal || !p.fetched_html || p.status / 100 != 2) continue;
      const std::string url(old.url(old_id));
      if (!scope_.contains(url)) continue;
      const UrlId id = add_url(url);
      graph().page(id).seen_before = true;
      enqueue(id, 0, seeds_);
    }
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

  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(); }

  bool interrupted() const { return options_.stop && options_.stop->load(); }
  bool out_of_time() const { return options_.max_seconds > 0 && elapsed() >= options_.max_seconds; }
  bool stop_requested() const { return interrupted() || out_of_time(); }
  const char* stop_reason() const { return interrupted() ? "interrupted" : "max-time"; }

  void report_progress(bool finished) {
    if (!options_.on_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!finished && now - last_progress_ < std::chrono::milliseconds(250)) return;
    last_progress_ = now;
    CrawlProgress p;
    p.done = done_;
    p.queued = links_.size() + seeds_.size() + externals_.size();
    p.in_flight = fetcher_.pending();
    p.errors = errors_;
    p.seconds = elapsed();
    p.finished = finished;
    options_.on_progress(p);
  }

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

  bool can_submit() const {
    return ((!links_.empty() || !seeds_.empty()) && !page_limit_reached()) || !externals_.empty();
  }

  // External link targets and resources are checked (HEAD, redirects followed) after the
  // site's own pages are queued; they never count against --max-pages and are never parsed.
  void submit_external() {
    const UrlId id = externals_.front();
    externals_.pop_front();
    FetchRequest request{std::string(graph().url(id)), id};
    request.method = FetchMethod::kHead;
    request.follow_redirects = true;
    request.credentials = graph().page(id).internal;
    fetcher_.submit(std::move(request));
  }

  void submit_more(ParsePool& pool) {
    const std::size_t fetch_window = 2 * static_cast<std::size_t>(std::max(1, options_.max_in_flight));
    const std::size_t parse_backlog = 4 * parse_threads_ + fetch_window;
    Queued q{};
    while (fetcher_.pending() < fetch_window && pool.outstanding() < parse_backlog) {
      if (page_limit_reached() && (!links_.empty() || !seeds_.empty())) mark_incomplete("max-pages");
      if (page_limit_reached() || !next(q)) {
        if (externals_.empty()) return;
        submit_external();
        continue;
      }
      std::string url(graph().url(q.url));
      if (!allowed(url)) {
        graph().page(q.url).outcome = FetchOutcome::kRobotsBlocked;
        continue;
      }
      FetchRequest request{std::move(url), q.url};
      request.credentials = true;  // in scope: the user's headers, cookies and login may go here
      if (const UrlId old = previous_page(request.url); old != kNoUrl) {
        request.if_none_match = options_.previous->graph.text(old).etag;
        request.if_modified_since = options_.previous->graph.text(old).last_modified;
      }
      fetcher_.submit(std::move(request));
      ++result_.requests;
    }
  }

  void crawl_loop() {
    parse_threads_ = options_.parse_threads ? options_.parse_threads : std::max(1u, std::thread::hardware_concurrency());
    ParsePool pool(parse_threads_, [this] { fetcher_.wakeup(); });
    if (first_response_) record(std::move(*first_response_), pool);
    for (;;) {
      if (stop_requested()) {
        mark_incomplete(stop_reason());
        links_.clear();
        seeds_.clear();
        externals_.clear();
        fetcher_.cancel_waiting();
      } else {
        submit_more(pool);
      }
      if (fetcher_.pending() == 0 && pool.outstanding() == 0 && !can_submit()) break;
      for (FetchResponse& response : fetcher_.poll(std::chrono::milliseconds(200))) record(std::move(response), pool);
      for (ParsedPage& parsed : pool.drain()) add_links(parsed);
      report_progress(false);
    }
  }

  void record_fields(UrlId id, FetchResponse& response) {
    Page& page = graph().page(id);
    page.outcome = response.outcome;
    page.status = response.status;
    graph().text(id).content_type = std::move(response.content_type);
    page.bytes = static_cast<std::uint32_t>(std::min<std::uint64_t>(response.bytes, UINT32_MAX));
    page.seconds = static_cast<float>(response.seconds);
    graph().text(id).etag = std::move(response.etag);
    graph().text(id).last_modified = std::move(response.last_modified);
    apply_x_robots_tag(response.x_robots_tag, agent_, page.noindex, page.nofollow);
  }

  void record(FetchResponse response, ParsePool& pool) {
    const auto id = static_cast<UrlId>(response.tag);
    record_fields(id, response);
    ++done_;
    if (response.outcome != FetchOutcome::kResponse || response.status >= 400) ++errors_;
    page_links_.clear();
    const bool parsing = record_content(id, response, pool);
    if (!options_.journal || response.outcome == FetchOutcome::kNotFetched) return;
    if (!parsing) {
      journal_page(id, result_.invalid_hrefs.size(), 0);
    } else if (!page_links_.empty()) {
      parsing_links_[id] = std::move(page_links_);  // a Link: header canonical, journaled with the parsed links
      page_links_.clear();
    }
  }

  // What a response says beyond its fields: a redirect, a 304, a body to parse (handed to the
  // pool: returns true). External and resource checks need nothing more.
  bool record_content(UrlId id, FetchResponse& response, ParsePool& pool) {
    Page& page = graph().page(id);
    if (response.outcome != FetchOutcome::kResponse || !page.internal || checked_only(id)) return false;
    if (response.status == 304 && previous_page(graph().url(id)) != kNoUrl) {
      reuse_previous(id);
    } else if (response.status >= 300 && response.status < 400 && !response.location.empty()) {
      record_redirect(id, response.location);
    } else if (response.status >= 200 && response.status < 300 && !response.body.empty()) {
      page.fetched_html = true;
      add_header_canonical(id, response.link_header);
      pool.submit({id, std::string(graph().url(id)), std::move(response.body), std::move(response.charset), agent_});
      return true;
    } else if (response.status >= 200 && response.status < 300 && response.is_html()) {
      page.fetched_html = true;  // an empty HTML page: a page without links
    }
    return false;
  }

  // --resume: a page finished (fetched, parsed when HTML) goes to the journal with the links
  // recorded for it (page_links_) and its invalid hrefs from `invalid_from` on.
  void journal_page(UrlId id, std::size_t invalid_from, std::size_t links_dropped) {
    JournalPage p;
    p.url = graph().url(id);
    p.page = graph().page(id);
    p.text = graph().text(id);
    p.depth = depth_[id];
    p.redirect_hops = redirect_hops_[id];
    p.checked_only = checked_only(id);
    p.links_dropped = static_cast<std::uint32_t>(links_dropped);
    p.links.reserve(page_links_.size());
    for (const Link& l : page_links_) {
      p.links.push_back({std::string(graph().url(l.target)), std::string(graph().anchor(l.anchor)), l.line, l.kind, l.rel,
                         l.placement});
    }
    for (std::size_t i = invalid_from; i < result_.invalid_hrefs.size(); ++i) {
      const InvalidHref& bad = result_.invalid_hrefs[i];
      p.invalid.push_back({bad.href, bad.line, bad.too_long});
    }
    options_.journal->add(p);
    page_links_.clear();
  }

  // --resume: the pages an earlier run finished are recorded as it left them, not fetched.
  // First (restore_from_journal) every page's facts and links go into the graph and the pages
  // are marked queued; the seeds are queued next, as in any crawl; then
  // (follow_restored_links) the journaled links are followed in order of click depth, which
  // queues what they lead to at the depth an uninterrupted crawl would have given.
  struct Restored {
    UrlId id;
    int depth;
    std::size_t first_link;  // its links are the graph's [first_link, the next page's first_link)
  };

  void restore_from_journal() {
    if (!options_.journal) return;
    restored_links_begin_ = graph().links().size();
    const std::size_t read = options_.journal->resume([&](JournalPage&& p) {
      const UrlId id = add_url(p.url);
      if (queued_[id]) {
        // Fetched again by this run (the start page): its links are added when it is parsed,
        // but followed from here, at its depth, with the rest.
        if (restarted_links_.empty()) {
          for (const JournalLink& l : p.links) {
            restarted_links_.push_back({id, add_url(l.target), 0, l.line, l.kind, l.rel, l.placement});
          }
        }
        return;
      }
      queued_[id] = true;
      depth_[id] = p.depth;
      redirect_hops_[id] = p.redirect_hops;
      Page& page = graph().page(id);
      page.outcome = p.page.outcome;
      page.status = p.page.status;
      page.fetched_html = p.page.fetched_html;
      page.noindex = p.page.noindex;
      page.nofollow = p.page.nofollow;
      page.revalidated = p.page.revalidated;
      page.bytes = p.page.bytes;
      page.seconds = p.page.seconds;
      graph().text(id) = std::move(p.text);
      ++done_;
      if (p.checked_only) {
        checks_.insert(id);
      } else {
        ++result_.requests;
      }
      if (page.outcome != FetchOutcome::kResponse || page.status >= 400) ++errors_;
      restored_.push_back({id, p.depth, graph().links().size()});
      for (const JournalLink& l : p.links) {
        const UrlId target = add_url(l.target);
        graph().add_link({id, target, graph().intern_anchor(l.anchor), l.line, l.kind, l.rel, l.placement});
        if (l.kind == LinkKind::kRedirect) graph().page(id).redirect_to = target;
      }
      for (JournalInvalid& bad : p.invalid) {
        if (bad.too_long) ++result_.limits.urls_too_long;
        result_.invalid_hrefs.push_back({id, std::move(bad.href), bad.line, bad.too_long});
      }
      if (p.links_dropped > 0) {
        ++result_.limits.pages_links_cut;
        result_.limits.links_dropped += p.links_dropped;
      }
    });
    restored_links_end_ = graph().links().size();
    if (read > 0) {
      spdlog::info("--resume: {} pages taken from {} ({} links), not fetched again", restored_.size(),
                   options_.journal->path().string(), graph().links().size() - restored_links_begin_);
    }
  }

  void follow_restored_links() {
    if (restored_.empty()) return;
    const std::size_t links_end = restored_links_end_;
    auto follow_one = [&](const Link& link) {
      if (link.kind == LinkKind::kRedirect) {
        follow_redirect(link.source, link.target);
      } else {
        follow(link);
      }
    };
    // The start page's links first (depth 0), then the restored pages by depth.
    for (const Link& link : restarted_links_) follow_one(link);
    std::vector<std::size_t> order(restored_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return restored_[a].depth < restored_[b].depth; });
    for (const std::size_t i : order) {
      const std::size_t end = i + 1 < restored_.size() ? restored_[i + 1].first_link : links_end;
      for (std::size_t k = restored_[i].first_link; k < end; ++k) follow_one(graph().links()[k]);
    }
    restored_ = {};
    restarted_links_ = {};
  }

  void record_redirect(UrlId id, const std::string& location) {
    const auto target_url = normalize_url(location);
    if (!target_url) return;
    redirect_to(id, add_url(*target_url));
  }

  void redirect_to(UrlId id, UrlId target) {
    graph().page(id).redirect_to = target;
    const Link link{id, target, graph().intern_anchor(""), 0, LinkKind::kRedirect, kRelNone, Placement::kContent};
    graph().add_link(link);
    if (options_.journal) page_links_.push_back(link);
    follow_redirect(id, target);
  }

  void follow_redirect(UrlId id, UrlId target) {
    // An endless chain (/r/1 -> /r/2 -> ...) is followed --max-redirects deep, no further;
    // the redirect-chain finding shows it.
    const int hops = redirect_hops_[id] + 1;
    if (hops > options_.max_redirects) {
      ++result_.limits.redirects_cut;
      return;
    }
    if (!queued_[target]) redirect_hops_[target] = static_cast<std::uint8_t>(hops);
    enqueue(target, depth_[id], links_);  // a redirect hop is not a click
  }

  void add_links(ParsedPage& parsed) {
    page_links_.clear();
    if (options_.journal) {
      if (const auto it = parsing_links_.find(parsed.page); it != parsing_links_.end()) {
        page_links_ = std::move(it->second);
        parsing_links_.erase(it);
      }
    }
    const std::size_t invalid_from = result_.invalid_hrefs.size();
    const std::size_t dropped_before = result_.limits.links_dropped;
    Page& page = graph().page(parsed.page);
    graph().text(parsed.page).title = std::move(parsed.extracted.title);
    page.noindex = page.noindex || parsed.extracted.noindex;
    page.nofollow = page.nofollow || parsed.extracted.nofollow;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < parsed.extracted.links.size(); ++i) {
      const RawLink& raw = parsed.extracted.links[i];
      if (parsed.resolved[i].skip == HrefSkip::kInvalid) {
        result_.invalid_hrefs.push_back({parsed.page, raw.href.substr(0, 2000), raw.line, false});
        continue;
      }
      if (parsed.resolved[i].skip != HrefSkip::kNone) continue;
      if (parsed.resolved[i].url.size() > options_.max_url_length) {
        result_.invalid_hrefs.push_back({parsed.page, raw.href.substr(0, 2000), raw.line, true});
        ++result_.limits.urls_too_long;
        continue;
      }
      if (++kept > options_.max_links_per_page) {
        ++result_.limits.pages_links_cut;
        result_.limits.links_dropped += parsed.extracted.links.size() - i;
        spdlog::debug("{}: links past --max-links-per-page {} dropped", graph().url(parsed.page), options_.max_links_per_page);
        break;
      }
      const UrlId target = add_url(parsed.resolved[i].url);
      add_found_link({parsed.page, target, graph().intern_anchor(raw.anchor), raw.line, raw.kind, raw.rel, raw.placement});
    }
    if (options_.journal) journal_page(parsed.page, invalid_from, result_.limits.links_dropped - dropped_before);
  }

  // `Link: <...>; rel="canonical"` on the response (RFC 8288) counts as a canonical tag.
  void add_header_canonical(UrlId id, const std::string& link_header) {
    const std::string href = canonical_from_link_header(link_header);
    if (href.empty()) return;
    const ResolvedHref r = resolve_href(graph().url(id), href);
    if (r.skip != HrefSkip::kNone) return;
    const UrlId target = add_url(r.url);
    add_found_link({id, target, graph().intern_anchor(""), 0, LinkKind::kCanonical, kRelNone, Placement::kHeader});
  }

  // Records a link found on a page (parsed now, or reused from --since) and queues its
  // target: documents on the site are crawled; external links and resources are checked
  // only when asked (--check-external, --check-resources), never parsed.
  void add_found_link(const Link& link) {
    graph().add_link(link);
    if (options_.journal) page_links_.push_back(link);
    follow(link);
  }

  // What a link recorded on a page leads to: its target queued or checked.
  void follow(const Link& link) {
    const UrlId target = link.target;
    const bool internal = graph().page(target).internal;
    if (is_resource(link.kind)) {
      if (options_.check_resources) check(target);
    } else if (!internal) {
      if (options_.check_external && is_click_link(link.kind)) check(target);
    } else if (link.kind == LinkKind::kCanonical) {
      graph().page(link.source).canonical = target;
      enqueue(target, depth_[link.source], links_);
    } else {
      enqueue(target, depth_[link.source] + 1, links_);
    }
  }

  // A URL queued only for a HEAD check (a resource on the site): its answer is all we need.
  bool checked_only(UrlId id) const { return checks_.count(id) != 0; }

  void check(UrlId target) {
    checks_.insert(target);
    if (queued_[target]) return;
    queued_[target] = true;
    externals_.push_back(target);
  }

  // --since: the previous crawl's page for `url` when it can be revalidated.
  UrlId previous_page(std::string_view url) const {
    if (!options_.previous) return kNoUrl;
    const SiteGraph& old = options_.previous->graph;
    const UrlId id = old.find(url);
    if (id == kNoUrl) return kNoUrl;
    const Page& p = old.page(id);
    const bool usable = p.fetched_html && p.status / 100 == 2 && (!old.text(id).etag.empty() || !old.text(id).last_modified.empty());
    return usable ? id : kNoUrl;
  }

  // A 304: the page is as it was; take its facts and links from the previous crawl.
  void reuse_previous(UrlId id) {
    const SiteGraph& old = options_.previous->graph;
    const UrlId old_id = old.find(graph().url(id));
    const Page& before = old.page(old_id);
    Page& page = graph().page(id);
    page.status = before.status;
    page.fetched_html = true;
    page.revalidated = true;
    PageText& text = graph().text(id);
    text.content_type = old.text(old_id).content_type;
    text.title = old.text(old_id).title;
    page.bytes = before.bytes;
    page.noindex = page.noindex || before.noindex;
    page.nofollow = page.nofollow || before.nofollow;
    if (text.etag.empty()) text.etag = old.text(old_id).etag;
    if (text.last_modified.empty()) text.last_modified = old.text(old_id).last_modified;
    if (previous_links_.empty()) index_previous_links();
    for (std::uint32_t i = previous_links_[old_id]; i < previous_links_[old_id + 1]; ++i) {
      const Link& l = old.links()[previous_order_[i]];
      const UrlId target = add_url(std::string(old.url(l.target)));
      add_found_link({id, target, graph().intern_anchor(old.anchor(l.anchor)), l.line, l.kind, l.rel, l.placement});
    }
  }

  // The previous crawl's links grouped by source page (built on the first 304).
  void index_previous_links() {
    const SiteGraph& old = options_.previous->graph;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_source;
    for (std::uint32_t i = 0; i < old.links().size(); ++i) {
      if (old.links()[i].kind != LinkKind::kRedirect) by_source.emplace_back(old.links()[i].source, i);
    }
    const Csr csr = build_csr(old.size(), by_source);
    previous_links_ = csr.offsets;
    previous_order_ = csr.targets;
  }

  Fetcher& fetcher_;
  const CrawlOptions& options_;
  Scope scope_;
  std::map<std::string, RobotsPolicy> robots_;  // by origin
  std::string site_origin_;                    // where the start URL led
  std::optional<FetchResponse> first_response_;
  CrawlResult result_;
  std::deque<Queued> links_;
  std::deque<Queued> seeds_;
  std::deque<UrlId> externals_;  // HEAD checks: external links and resources
  std::unordered_set<UrlId> checks_;
  std::string agent_;
  std::vector<bool> queued_;
  std::vector<std::uint8_t> redirect_hops_;  // consecutive redirects that led to a URL
  std::vector<std::uint32_t> previous_links_;  // --since: CSR offsets of the old links by source
  std::vector<std::uint32_t> previous_order_;
  std::vector<Link> page_links_;  // --resume: the links recorded for the page being recorded
  std::vector<Restored> restored_;       // --resume: pages taken from the journal...
  std::size_t restored_links_begin_ = 0;
  std::size_t restored_links_end_ = 0;
  std::vector<Link> restarted_links_;    // ...and the journaled links of the start page
  std::unordered_map<UrlId, std::vector<Link>> parsing_links_;  // ...and for pages in the parse pool
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_{};
  std::size_t done_ = 0;
  std::size_t errors_ = 0;
  std::vector<int> depth_;
  unsigned parse_threads_ = 1;
};

}  // namespace

CrawlResult crawl_site(Fetcher& fetcher, const CrawlOptions& options) { return Crawler(fetcher, options).run(); }

}  // namespace sitegraph
