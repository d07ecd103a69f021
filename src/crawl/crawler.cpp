// The crawl loop: frontier -> fetcher -> parse pool -> graph, until nothing is left. The start
// URL and robots.txt are resolved first; --since (revalidate.cpp) and --resume (resume.cpp)
// plug in where the loop seeds the frontier, sends a request, records a response and
// finishes a page.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <bit>
#include <random>
#include <deque>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <set>
#include <thread>

#include "crawl/crawl_state.hpp"
#include "crawl/parse_pool.hpp"
#include "crawl/resume.hpp"
#include "crawl/revalidate.hpp"
#include "io/hash.hpp"
#include "crawl/scope.hpp"
#include "crawl/seeds.hpp"
#include "extract/charset.hpp"
#include "crawl/site_robots.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/extract.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

class Crawler {
 public:
  Crawler(Fetcher& fetcher, const CrawlOptions& options)
      : fetcher_(fetcher), options_(options), scope_(options.start_url), agent_(agent_token(options.user_agent)), robots_(options) {
    if (options.previous) revalidation_.emplace(*options.previous);
    if (options.journal) resume_.emplace(*options.journal);
  }

  CrawlResult run() {
    state_.result.scope = options_.scope;
    state_.result.start = add_url(options_.start_url);
    if (!out_of_scope(result().start, true) && resolve_start()) {
      if (resume_) resume_->restore(state_, [this](const std::string& url) { return add_url(url); });
      plan_soft_404_probe();
      seed_from_sitemaps();
      seed_known_pages();
      if (resume_) resume_->follow_restored(graph(), [this](const Link& link) { follow_any(link); });
      if (!stop_requested()) crawl_loop();
    }
    if (stop_requested()) mark_incomplete(stop_reason());
    mark_soft_404s();
    mark_template_links(graph());
    graph().drop_link_blocks();
    report_progress(true);
    const std::span<const ThrottleEvent> events = fetcher_.throttle_events();
    state_.result.throttle.assign(events.begin(), events.end());
    state_.result.seconds = elapsed();
    return std::move(state_.result);
  }

 private:
  struct Queued {
    UrlId url;
    int depth;
  };

  SiteGraph& graph() { return state_.graph(); }
  CrawlResult& result() { return state_.result; }

  UrlId add_url(const std::string& raw) {
    const std::string url = options_.identity.active() ? apply_identity(raw, options_.identity) : raw;
    if (const UrlId known = graph().find(url); known != kNoUrl) return known;
    if (const auto it = folded_.find(url); it != folded_.end()) return it->second;
    // One file under two URLs (a folder's /docs/ and /docs/index.html) is one page, under the
    // URL met first: the start URL, then the spelling of the first link to it.
    std::string document = scope_.contains(url) ? fetcher_.document_key(url) : std::string();
    if (!document.empty()) {
      if (const auto it = documents_.find(document); it != documents_.end()) {
        folded_.emplace(url, it->second);
        result().folded.push_back({url, it->second});
        return it->second;
      }
    }
    const std::size_t before = graph().size();
    const UrlId id = graph().add_url(url);
    if (!document.empty()) documents_.emplace(std::move(document), id);
    if (graph().size() > before) {
      graph().page(id).internal = scope_.contains(url);
      state_.queued.resize(graph().size(), false);
      state_.redirect_hops.resize(graph().size(), 0);
      state_.depth.resize(graph().size(), 0);
      out_of_scope(id, false);
    }
    return id;
  }

  bool allowed(const std::string& url) const { return robots_.allowed(url); }

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
    UrlId at = result().start;
    for (int hop = 0;; ++hop) {
      const std::string url(graph().url(at));
      if (!robots_.load_site(fetcher_, origin_of(url), state_.result, at)) {
        mark_incomplete("unreachable");
        return false;
      }
      if (stop_requested()) return false;
      state_.queued[at] = true;
      if (!allowed(url)) {
        graph().page(at).outcome = FetchOutcome::kRobotsBlocked;
        return true;
      }
      ++result().requests;
      FetchRequest request{url, 0};
      request.credentials = true;
      FetchResponse r = std::move(fetch_all(fetcher_, {std::move(request)}, options_.stop).front());
      ++state_.done;
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

  // Asks the site for a URL that cannot exist (a random path, as heritrix and katana probe),
  // within robots.txt and the scope: what a "not found" page looks like here. Its answer is
  // needed only once the crawl is done (mark_soft_404s), so it is sent with the first pages
  // rather than waited for before them (a round trip to a slow server).
  void plan_soft_404_probe() {
    if (!options_.soft_404_probe || robots_.site_disallowed() || stop_requested()) return;
    std::random_device entropy;
    std::string url = robots_.site_origin() + "/sitegraph-soft-404-probe-";
    for (int i = 0; i < 4; ++i) url += fmt::format("{:08x}", entropy());
    if (scope_.contains(url) && allowed(url)) probe_url_ = std::move(url);
  }

  void record_soft_404_probe(const FetchResponse& r) {
    if (r.outcome == FetchOutcome::kNotFetched) return;  // interrupted
    SoftNotFoundProbe probe{r.url, r.outcome, r.status, {}, {}, 0};
    if (r.outcome == FetchOutcome::kResponse && r.status / 100 == 2 && r.is_html() && !r.body.empty()) {
      const std::string charset = sniff_html_charset(r.body, r.charset);
      ExtractedPage page = extract_links(charset == "utf-8" ? r.body : to_utf8(r.body, charset), agent_);
      probe.title = std::move(page.title);
      probe.content = page.content;
      spdlog::info("{} answered {} for a URL that cannot exist: pages with that content are soft 404s", robots_.site_origin(), r.status);
    }
    result().soft_404_probes.push_back(std::move(probe));
  }

  // Marks the pages whose content is the probe's 2xx answer as soft 404s: the same text, or
  // nearly (SimHashes within 12 of their 128 bits, 10 main words or more on both), or the same
  // title and within 24 bits (a "not found" page often echoes the URL asked for).
  void mark_soft_404s() {
    for (SoftNotFoundProbe& probe : result().soft_404_probes) {
      const ContentFingerprint& answer = probe.content;
      if (probe.status / 100 != 2 || answer.exact == 0) continue;
      for (UrlId id = 0; id < graph().size(); ++id) {
        Page& p = graph().page(id);
        const ContentFingerprint& c = graph().content(id);
        if (!p.internal || !p.fetched_html || p.status / 100 != 2 || c.exact == 0) continue;
        const int bits = std::popcount(c.simhash ^ answer.simhash) + std::popcount(c.simhash_high ^ answer.simhash_high);
        const bool same_title = !probe.title.empty() && graph().text(id).title == probe.title;
        if (c.exact == answer.exact || (bits <= 12 && c.main_words >= 10 && answer.main_words >= 10) || (same_title && bits <= 24)) {
          p.soft_404 = true;
          ++probe.pages;
        }
      }
    }
  }

  // The sitemaps: named by robots.txt (or --sitemap), else /sitemap.xml of the site.
  void seed_from_sitemaps() {
    if (!options_.use_sitemaps) return;
    if (robots_.site_disallowed()) {
      spdlog::info("robots.txt could not be read ({}): the whole site is disallowed (RFC 9309 §2.3.1.4), so no sitemap "
                   "is read either, --sitemap included", result().robots.status);
      return;
    }
    std::vector<std::string> sitemaps = options_.extra_sitemaps;
    sitemaps.insert(sitemaps.end(), result().robots.sitemaps.begin(), result().robots.sitemaps.end());
    if (sitemaps.empty()) sitemaps.push_back(robots_.site_origin() + "/sitemap.xml");
    SitemapSeeds seeds = fetch_sitemaps(fetcher_, std::move(sitemaps), scope_, options_);
    result().sitemaps = std::move(seeds.files);
    result().limits.sitemap_files_skipped = seeds.files_skipped;
    result().limits.sitemaps_cut = seeds.files_cut;
    result().limits.sitemap_indexes_too_deep = seeds.indexes_too_deep;
    for (const std::string& url : seeds.urls) {
      const UrlId id = add_url(url);
      graph().page(id).in_sitemap = true;
      enqueue(id, 0, seed_queue_);
    }
    // hreflang alternates named in the sitemap count as the page's own (line 0, as the Link
    // header's), and the versions on the site are crawled. Not journaled: a resumed crawl
    // reads the sitemaps again.
    for (const SitemapAlternate& a : seeds.alternates) {
      const Link link{add_url(a.page), add_url(a.url), graph().intern_anchor(a.hreflang), 0, LinkKind::kAlternate, kRelNone,
                      Placement::kHeader};
      graph().add_link(link);
      follow(link);
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
      enqueue(id, 0, seed_queue_);
    }
    if (outside > 0) spdlog::warn("--urls: {} URLs are not on the audited site or not http(s) URLs; ignored", outside);
    if (!revalidation_) return;
    for (const std::string& url : revalidation_->pages_in(scope_)) {
      const UrlId id = add_url(url);
      graph().page(id).seen_before = true;
      enqueue(id, 0, seed_queue_);
    }
  }

  // --exclude for any URL (site_page false), --include and --no-parent too for a page of the
  // site. Out of scope, the URL is recorded, linked and reported, but never requested: marked
  // queued so that no link, sitemap entry or check queues it.
  bool out_of_scope(UrlId id, bool site_page) {
    if (!options_.scope.active()) return false;
    if (scope_exclusion(options_.scope, graph().url(id), site_page && graph().page(id).internal).empty()) return false;
    graph().page(id).outcome = FetchOutcome::kExcluded;
    state_.queued[id] = true;
    return true;
  }

  void enqueue(UrlId id, int depth, std::deque<Queued>& queue) {
    if (state_.queued[id] || !graph().page(id).internal || out_of_scope(id, true)) return;
    if (options_.max_depth >= 0 && depth > options_.max_depth) {
      mark_incomplete("max-depth");
      return;
    }
    state_.queued[id] = true;
    state_.depth[id] = depth;
    queue.push_back({id, depth});
  }

  void mark_incomplete(const char* reason) {
    if (result().complete) {
      result().complete = false;
      result().stop_reason = reason;
    }
  }

  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(); }

  bool interrupted() const { return options_.stop && options_.stop->load(); }
  bool out_of_time() const { return options_.max_seconds > 0 && elapsed() >= options_.max_seconds; }
  bool stop_requested() const { return interrupted() || out_of_time(); }
  const char* stop_reason() const { return interrupted() ? "interrupted" : "max-time"; }

  void report_progress(bool finished, std::size_t parsing = 0) {
    if (!options_.on_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!finished && now - last_progress_ < std::chrono::milliseconds(250)) return;
    last_progress_ = now;
    CrawlProgress p;
    p.done = state_.done;
    p.in_flight = fetcher_.in_flight();
    p.queued = found_queue_.size() + seed_queue_.size() + check_queue_.size() + (fetcher_.pending() - p.in_flight);
    p.parsing = parsing;
    p.errors = state_.errors;
    p.seconds = elapsed();
    p.finished = finished;
    slowed_hosts(p);
    options_.on_progress(p);
  }

  // Which hosts run below --per-host now: each host's latest change of pace says.
  void slowed_hosts(CrawlProgress& p) const {
    const std::span<const ThrottleEvent> events = fetcher_.throttle_events();
    std::unordered_set<std::string_view> seen;
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      const ThrottleEvent& e = *it;
      if (!seen.insert(e.host).second || e.to >= e.ceiling) continue;
      ++p.hosts_slowed;
      if (!p.slowed) p.slowed = &e;
    }
  }

  // Links found on pages go first, sitemap-only URLs after: with --max-pages the crawl
  // keeps close to breadth first from the start page.
  bool next(Queued& out) {
    for (auto* queue : {&found_queue_, &seed_queue_}) {
      if (!queue->empty()) {
        out = queue->front();
        queue->pop_front();
        return true;
      }
    }
    return false;
  }

  bool page_limit_reached() const { return options_.max_pages > 0 && state_.result.requests >= options_.max_pages; }
  bool pages_waiting() const { return !found_queue_.empty() || !seed_queue_.empty(); }
  bool can_submit() const { return (pages_waiting() && !page_limit_reached()) || !check_queue_.empty(); }

  // External link targets and resources are checked (HEAD, redirects followed) after the
  // site's own pages are queued; they never count against --max-pages and are never parsed.
  void submit_check() {
    const UrlId id = check_queue_.front();
    check_queue_.pop_front();
    FetchRequest request{std::string(graph().url(id)), id};
    request.method = FetchMethod::kHead;
    request.follow_redirects = true;
    if (stylesheets_.count(id)) {  // read for the url()s and @imports it loads
      request.method = FetchMethod::kGet;
      request.body = BodyPolicy::kAny;
    }
    request.credentials = graph().page(id).internal;
    fetcher_.submit(std::move(request));
  }

  void submit_more(ParsePool& pool) {
    const std::size_t fetch_window = 2 * static_cast<std::size_t>(std::max(1, options_.max_in_flight));
    const std::size_t parse_backlog = 4 * parse_threads_ + fetch_window;
    Queued q{};
    while (fetcher_.pending() < fetch_window && pool.outstanding() < parse_backlog) {
      if (page_limit_reached() && pages_waiting()) mark_incomplete("max-pages");
      if (page_limit_reached() || !next(q)) {
        if (check_queue_.empty()) return;
        submit_check();
        continue;
      }
      std::string url(graph().url(q.url));
      if (!allowed(url)) {
        graph().page(q.url).outcome = FetchOutcome::kRobotsBlocked;
        continue;
      }
      FetchRequest request{std::move(url), q.url};
      request.credentials = true;  // in scope: the user's headers, cookies and login may go here
      if (revalidation_) revalidation_->add_validators(request);
      fetcher_.submit(std::move(request));
      ++result().requests;
    }
  }

  void crawl_loop() {
    parse_threads_ = options_.parse_threads ? options_.parse_threads : std::max(1u, std::thread::hardware_concurrency());
    ParsePool pool(parse_threads_, [this] { fetcher_.wakeup(); });
    if (probe_url_) fetcher_.submit({*probe_url_, kProbeTag});
    if (first_response_) record(std::move(*first_response_), pool);
    for (;;) {
      if (stop_requested()) {
        mark_incomplete(stop_reason());
        found_queue_.clear();
        seed_queue_.clear();
        check_queue_.clear();
        fetcher_.cancel_waiting();
      } else {
        submit_more(pool);
      }
      if (fetcher_.pending() == 0 && pool.outstanding() == 0 && !can_submit()) {
        if (!seed_listed_pages()) break;
        continue;
      }
      for (FetchResponse& response : fetcher_.poll(std::chrono::milliseconds(200))) record(std::move(response), pool);
      for (ParsedPage& parsed : pool.drain()) add_links(parsed);
      report_progress(false, pool.outstanding());
    }
  }

  // A folder's HTML files are its pages, linked or not: the orphan check a CI job auditing a
  // built site wants, without a sitemap. Added once the links are crawled, so that a file
  // with two URLs is the page under the spelling links use. Files outside the scope are not
  // the audit's pages. Returns whether any page was queued.
  bool seed_listed_pages() {
    if (listed_pages_seeded_ || stop_requested() || page_limit_reached() || !result().complete) return false;
    listed_pages_seeded_ = true;
    std::vector<std::string> urls = fetcher_.list_pages();
    std::sort(urls.begin(), urls.end());
    for (const std::string& url : urls) {
      if (!scope_.contains(url) || !scope_exclusion(options_.scope, url, true).empty()) continue;
      const UrlId id = add_url(url);
      graph().page(id).in_folder = true;
      enqueue(id, 0, seed_queue_);
    }
    return pages_waiting();
  }

  void record_fields(UrlId id, FetchResponse& response) {
    Page& page = graph().page(id);
    page.outcome = response.outcome;
    page.status = response.status;
    graph().text(id).content_type = std::move(response.content_type);
    page.bytes = static_cast<std::uint32_t>(std::min<std::uint64_t>(response.bytes, UINT32_MAX));
    page.seconds = static_cast<float>(response.seconds);
    page.first_byte_seconds = static_cast<float>(response.first_byte_seconds);
    graph().text(id).etag = std::move(response.etag);
    graph().text(id).last_modified = std::move(response.last_modified);
    apply_x_robots_tag(response.x_robots_tag, agent_, page.noindex, page.nofollow);
  }

  void record(FetchResponse response, ParsePool& pool) {
    if (response.tag == kProbeTag) {
      record_soft_404_probe(response);
      return;
    }
    const auto id = static_cast<UrlId>(response.tag);
    record_fields(id, response);
    ++state_.done;
    if (response.outcome != FetchOutcome::kResponse || response.status >= 400) ++state_.errors;
    if (resume_) resume_->next_response();
    if (stylesheets_.count(id)) read_stylesheet(id, response);
    const std::size_t invalid_from = result().invalid_hrefs.size();  // a revalidated page's are reused
    const bool parsing = record_content(id, response, pool);
    if (!resume_ || response.outcome == FetchOutcome::kNotFetched) return;
    if (parsing) {
      resume_->parse_started(id);  // a Link: header canonical, journaled with the parsed links
    } else {
      resume_->page_finished(state_, id, invalid_from, 0);
    }
  }

  // What a response says beyond its fields: a redirect, a 304, a body to parse (handed to the
  // pool: returns true). External and resource checks need nothing more.
  bool record_content(UrlId id, FetchResponse& response, ParsePool& pool) {
    Page& page = graph().page(id);
    if (response.outcome != FetchOutcome::kResponse || !page.internal || state_.is_checked_only(id)) return false;
    if (response.status == 304 && revalidation_ && revalidation_->can_reuse(graph().url(id))) {
      revalidation_->reuse(state_, id, [this](const std::string& url) { return add_url(url); },
                           [this](const Link& link) { add_found_link(link, kJudgedBlock); });
    } else if (response.status >= 300 && response.status < 400 && !response.location.empty()) {
      record_redirect(id, response.location);
    } else if (response.status >= 200 && response.status < 300 && !response.body.empty()) {
      page.fetched_html = true;
      add_header_canonical(id, response.link_header);
      // The bytes and the charset they are decoded with: either changing changes the page.
      const std::uint64_t hash =
          response.charset.empty() ? body_hash(response.body) : mix64(body_hash(response.body) ^ body_hash(response.charset));
      graph().text(id).body_hash = hash;
      // The body the --since crawl parsed: its links again, without parsing it.
      if (revalidation_ && revalidation_->same_body(graph().url(id), hash)) {
        revalidation_->reuse(state_, id, [this](const std::string& url) { return add_url(url); },
                             [this](const Link& link) { add_found_link(link, kJudgedBlock); });
        return false;
      }
      pool.submit({id, std::string(graph().url(id)), std::move(response.body), std::move(response.charset), agent_});
      return true;
    } else if (response.status >= 200 && response.status < 300 && response.is_html()) {
      page.fetched_html = true;  // an empty HTML page: a page without links
    }
    return false;
  }

  // A style sheet of the site (--check-resources): what it loads is checked too, each a
  // resource link from the style sheet (a broken font is reported on the .css that names it).
  void read_stylesheet(UrlId id, const FetchResponse& response) {
    if (response.outcome != FetchOutcome::kResponse || response.status / 100 != 2 || response.is_html()) return;
    const std::string base = response.final_url.empty() ? std::string(graph().url(id)) : response.final_url;
    for (const CssReference& ref : css_references(response.body)) {
      const ResolvedHref r = resolve_href(base, ref.url);
      if (r.skip != HrefSkip::kNone) continue;  // data: URIs, fragments (SVG filters)
      const UrlId target = add_url(r.url);
      const LinkKind kind = ref.import ? LinkKind::kStylesheet : LinkKind::kCssUrl;
      add_found_link({id, target, graph().intern_anchor(""), ref.line + 1, kind, kRelNone, Placement::kContent});
    }
  }

  void record_redirect(UrlId id, const std::string& location) {
    const auto target_url = normalize_url(location);
    if (!target_url) return;
    const UrlId target = add_url(*target_url);
    graph().page(id).redirect_to = target;
    const Link link{id, target, graph().intern_anchor(""), 0, LinkKind::kRedirect, kRelNone, Placement::kContent};
    graph().add_link(link);
    if (resume_) resume_->link_recorded(link);
    follow_redirect(id, target);
  }

  void follow_redirect(UrlId id, UrlId target) {
    // An endless chain (/r/1 -> /r/2 -> ...) is followed --max-redirects deep, no further;
    // the redirect-chain finding shows it.
    const int hops = state_.redirect_hops[id] + 1;
    if (hops > options_.max_redirects) {
      ++result().limits.redirects_cut;
      return;
    }
    if (!state_.queued[target]) state_.redirect_hops[target] = static_cast<std::uint8_t>(hops);
    enqueue(target, state_.depth[id], found_queue_);  // a redirect hop is not a click
  }

  void add_links(ParsedPage& parsed) {
    if (resume_) resume_->parse_finished(parsed.page);
    const std::size_t invalid_from = result().invalid_hrefs.size();
    const std::size_t dropped_before = result().limits.links_dropped;
    Page& page = graph().page(parsed.page);
    graph().text(parsed.page).title = std::move(parsed.extracted.title);
    graph().text(parsed.page).heading = std::move(parsed.extracted.heading);
    page.noindex = page.noindex || parsed.extracted.noindex;
    page.nofollow = page.nofollow || parsed.extracted.nofollow;
    graph().set_fragment_ids(parsed.page, std::move(parsed.extracted.fragment_ids));
    graph().set_content(parsed.page, parsed.extracted.content);
    graph().set_terms(parsed.page, parsed.extracted.terms);
    std::set<std::pair<UrlId, std::uint32_t>> fragments;  // (target, fragment) recorded for this page
    std::size_t kept = 0;
    for (std::size_t i = 0; i < parsed.extracted.links.size(); ++i) {
      const RawLink& raw = parsed.extracted.links[i];
      if (parsed.resolved[i].skip == HrefSkip::kInvalid) {
        result().invalid_hrefs.push_back({parsed.page, raw.href.substr(0, 2000), raw.line, false});
        continue;
      }
      if (parsed.resolved[i].skip == HrefSkip::kFragmentOnly) add_fragment_link(parsed.page, add_url(parsed.base), raw, fragments);
      if (parsed.resolved[i].skip != HrefSkip::kNone) continue;
      if (parsed.resolved[i].url.size() > options_.max_url_length) {
        result().invalid_hrefs.push_back({parsed.page, raw.href.substr(0, 2000), raw.line, true});
        ++result().limits.urls_too_long;
        continue;
      }
      if (++kept > options_.max_links_per_page) {
        ++result().limits.pages_links_cut;
        result().limits.links_dropped += parsed.extracted.links.size() - i;
        spdlog::debug("{}: links past --max-links-per-page {} dropped", graph().url(parsed.page), options_.max_links_per_page);
        break;
      }
      const UrlId target = add_url(parsed.resolved[i].url);
      add_fragment_link(parsed.page, target, raw, fragments);
      add_found_link({parsed.page, target, graph().intern_anchor(raw.anchor), raw.line, raw.kind, raw.rel, raw.placement, raw.code},
                     raw.block);
    }
    if (resume_) resume_->page_finished(state_, parsed.page, invalid_from, result().limits.links_dropped - dropped_before);
  }

  // A click link's fragment ("page.html#usage", "#usage") to a page of the site, kept for
  // broken-fragment once per (target, fragment) of the page.
  void add_fragment_link(UrlId source, UrlId target, const RawLink& raw, std::set<std::pair<UrlId, std::uint32_t>>& seen) {
    if (!is_click_link(raw.kind) || !graph().page(target).internal) return;
    const std::string_view fragment = href_fragment(raw.href);
    if (fragment.empty()) return;
    const std::uint32_t id = graph().intern_fragment(fragment);
    if (seen.emplace(target, id).second) graph().add_fragment_link({source, target, id, raw.line});
  }

  // The response's Link header (RFC 8288): `rel="canonical"` counts as a canonical tag, and
  // `rel="alternate"; hreflang=..` as an hreflang alternate.
  void add_header_canonical(UrlId id, const std::string& link_header) {
    for (const LinkHeaderEntry& e : parse_link_header(link_header)) {
      const bool canonical = std::find(e.rels.begin(), e.rels.end(), "canonical") != e.rels.end();
      const bool alternate = std::find(e.rels.begin(), e.rels.end(), "alternate") != e.rels.end() && !e.hreflang.empty();
      if (!canonical && !alternate) continue;
      const ResolvedHref r = resolve_href(graph().url(id), e.url);
      if (r.skip != HrefSkip::kNone) continue;
      const UrlId target = add_url(r.url);
      if (canonical) add_found_link({id, target, graph().intern_anchor(""), 0, LinkKind::kCanonical, kRelNone, Placement::kHeader});
      if (alternate) add_found_link({id, target, graph().intern_anchor(e.hreflang), 0, LinkKind::kAlternate, kRelNone, Placement::kHeader});
    }
  }

  // Records a link found on a page (parsed now, or reused from --since) and queues its
  // target: documents on the site are crawled; external links and resources are checked
  // only when asked (--check-external, --check-resources), never parsed.
  void add_found_link(const Link& link, std::uint32_t block = 0) {
    graph().add_link(link, block);
    if (resume_) resume_->link_recorded(link);
    follow(link);
  }

  // What a link recorded on a page leads to: its target queued or checked.
  void follow(const Link& link) {
    const UrlId target = link.target;
    const bool internal = graph().page(target).internal;
    if (link.kind == LinkKind::kCanonical) note_canonical(link.source, target);
    if (is_resource(link.kind)) {
      if (!options_.check_resources) return;
      if (link.kind == LinkKind::kStylesheet && internal) stylesheets_.insert(target);
      check(target);
    } else if (!internal) {
      if (options_.check_external && is_click_link(link.kind)) check(target);
    } else if (link.kind == LinkKind::kCanonical) {
      enqueue(target, state_.depth[link.source], found_queue_);
    } else {
      enqueue(target, state_.depth[link.source] + 1, found_queue_);
    }
  }

  // A page's canonical: the URL it names first (the Link: header's, then its tags'), kept in
  // Page::canonical when it is a page of the site (one outside the crawl is never judged); none
  // when the page names two different URLs, inside the site or not: search engines then ignore
  // them all (canonical-conflict).
  void note_canonical(UrlId source, UrlId target) {
    if (canonical_conflicts_.count(source)) return;
    UrlId& canonical = graph().page(source).canonical;
    const auto named_outside = outside_canonicals_.find(source);
    const UrlId first = canonical != kNoUrl ? canonical : named_outside != outside_canonicals_.end() ? named_outside->second : kNoUrl;
    if (first == target) return;
    if (first == kNoUrl) {
      if (graph().page(target).internal) {
        canonical = target;
      } else {
        outside_canonicals_.emplace(source, target);
      }
      return;
    }
    canonical = kNoUrl;
    canonical_conflicts_.insert(source);
  }

  // A journaled link: a redirect is followed as a redirect, anything else as a found link.
  void follow_any(const Link& link) {
    if (link.kind == LinkKind::kRedirect) {
      follow_redirect(link.source, link.target);
    } else {
      follow(link);
    }
  }

  void check(UrlId target) {
    state_.checked_only.insert(target);
    if (state_.queued[target]) return;
    state_.queued[target] = true;
    check_queue_.push_back(target);
  }

  Fetcher& fetcher_;
  const CrawlOptions& options_;
  Scope scope_;
  std::string agent_;                           // robots.txt product token, lowercased
  SiteRobots robots_;
  std::optional<FetchResponse> first_response_;
  // The soft-404 probe's URL, sent with the first pages under a tag no page has.
  std::optional<std::string> probe_url_;
  static constexpr std::uint64_t kProbeTag = std::numeric_limits<std::uint64_t>::max();
  CrawlState state_;
  std::deque<Queued> found_queue_;  // URLs of links found on pages: fetched first
  std::deque<Queued> seed_queue_;   // sitemap, --urls and --since URLs
  std::deque<UrlId> check_queue_;   // HEAD checks: external links and resources
  std::unordered_set<UrlId> stylesheets_;  // the site's style sheets among them: GET and read
  std::unordered_set<UrlId> canonical_conflicts_;  // pages naming two different canonicals
  std::unordered_map<UrlId, UrlId> outside_canonicals_;  // a page -> the canonical outside the crawl it named first
  std::unordered_map<std::string, UrlId> documents_;  // Fetcher::document_key -> the page served from it
  std::unordered_map<std::string, UrlId> folded_;     // another spelling of a page -> the page
  std::optional<Revalidation> revalidation_;  // --since
  std::optional<CrawlResume> resume_;          // --resume
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress_{};
  unsigned parse_threads_ = 1;
  bool listed_pages_seeded_ = false;
};

}  // namespace

CrawlResult crawl_site(Fetcher& fetcher, const CrawlOptions& options) { return Crawler(fetcher, options).run(); }

}  // namespace sitegraph
