// HTTP(S) fetcher on libcurl's multi interface: a bounded number of transfers in flight,
// per-host politeness (host_scheduler.hpp), retries with backoff, connection reuse through
// the multi handle's connection cache, and redirects never followed.

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "fetch/content_type.hpp"
#include "fetch/host_scheduler.hpp"
#include "fetch/retry.hpp"
#include "sitegraph/fetch.hpp"

namespace sitegraph {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;

struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// One transfer in flight: the request, the response being filled, its easy handle.
struct Transfer {
  FetchRequest request;
  FetchResponse response;
  std::string host;
  std::chrono::steady_clock::time_point sent;  // when libcurl was given it
  double server_wait = 0;                     // seconds from the request sent to the answer's first byte
  std::uint64_t max_body = 0;
  EasyPtr easy;
  SlistPtr headers;           // this request's own headers (conditional requests)
  bool decided_keep = false;
  bool keep_body = false;
  bool too_large = false;     // a kept body went over the limit
  bool stopped_early = false; // an unneeded body was cut off: not an error
};

// Decides at the first body byte whether the body is worth keeping.
void decide_keep(Transfer& t) {
  t.decided_keep = true;
  long status = 0;
  curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
  const bool ok = status >= 200 && status < 300;
  if (t.request.body == BodyPolicy::kAny) {
    t.keep_body = ok;
    return;
  }
  char* type = nullptr;
  curl_easy_getinfo(t.easy.get(), CURLINFO_CONTENT_TYPE, &type);
  t.keep_body = ok && type != nullptr && is_html_type(media_type(type));
  if (!t.keep_body) return;
  // Room for the announced length (the compressed one when encoded: a hint, not a limit), so the
  // body is not copied as it grows chunk by chunk. Capped: a header may lie, and memory is
  // taken only as bytes arrive.
  constexpr std::uint64_t kMaxHint = 4 << 20;
  curl_off_t length = -1;
  curl_easy_getinfo(t.easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (length > 0) {
    t.response.body.reserve(static_cast<std::size_t>(std::min({static_cast<std::uint64_t>(length), t.max_body, kMaxHint})));
  }
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t.decided_keep) decide_keep(t);
  t.response.bytes += n;
  if (t.response.bytes > t.max_body) {
    const bool keep_part = t.keep_body && t.request.truncate;
    if (keep_part) t.response.body.append(data, n - (t.response.bytes - t.max_body));
    (t.keep_body && !keep_part ? t.too_large : t.stopped_early) = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  if (t.keep_body) t.response.body.append(data, n);
  return n;
}

FetchOutcome outcome_of(CURLcode code) {
  switch (code) {
    case CURLE_OK: return FetchOutcome::kResponse;
    case CURLE_OPERATION_TIMEDOUT: return FetchOutcome::kTimeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return FetchOutcome::kDnsError;
    case CURLE_COULDNT_CONNECT: return FetchOutcome::kConnectError;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return FetchOutcome::kTlsError;
    case CURLE_FILESIZE_EXCEEDED: return FetchOutcome::kTooLarge;
    case CURLE_BAD_CONTENT_ENCODING: return FetchOutcome::kDecodeError;
    default: return FetchOutcome::kNetworkError;
  }
}

std::string header_values(CURL* easy, const char* name) {
  std::string joined;
  curl_header* header = nullptr;
  for (std::size_t i = 0;; ++i) {
    if (curl_easy_header(easy, name, i, CURLH_HEADER, -1, &header) != CURLHE_OK) break;
    if (!joined.empty()) joined += ", ";
    joined += header->value;
    if (i + 1 >= header->amount) break;
  }
  return joined;
}

class HttpFetcher final : public Fetcher {
 public:
  explicit HttpFetcher(const FetchOptions& options)
      : options_(options), multi_(curl_multi_init()), hosts_(options.per_host, options.rate, options.adaptive), rng_(std::random_device{}()) {
    if (!multi_) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(options_.max_in_flight));
    curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_in_flight) * 2);
    for (const std::string& h : options_.headers) headers_.reset(curl_slist_append(headers_.release(), h.c_str()));
  }

  ~HttpFetcher() override {
    for (auto& [easy, transfer] : active_) curl_multi_remove_handle(multi_.get(), easy);
  }

  void submit(FetchRequest request) override { hosts_.push(std::move(request)); }

  std::vector<FetchResponse> poll(std::chrono::milliseconds wait) override {
    start_ready();
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    std::vector<FetchResponse> done = collect();
    if (done.empty()) {
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(poll_wait(wait).count()), nullptr);
      curl_multi_perform(multi_.get(), &running);
      done = collect();
    }
    return done;
  }

  [[nodiscard]] std::size_t pending() const override { return hosts_.waiting() + active_.size() + failed_.size(); }
  [[nodiscard]] std::size_t in_flight() const override { return active_.size(); }

  void wakeup() override { curl_multi_wakeup(multi_.get()); }

  void cancel_waiting() override { hosts_.clear(); }

  void set_min_interval(std::string_view url, double seconds) override {
    hosts_.set_min_interval(HostScheduler::host_key(url), seconds);
  }

  [[nodiscard]] std::span<const ThrottleEvent> throttle_events() const override { return events_; }

 private:
  // Sleeps no longer than until a queued request may start (a retry, a spaced request).
  std::chrono::milliseconds poll_wait(std::chrono::milliseconds wait) const {
    const auto now = HostScheduler::Clock::now();
    const auto next = hosts_.next_ready(now);
    if (!next || active_.size() >= static_cast<std::size_t>(options_.max_in_flight)) return wait;
    const auto until = std::chrono::ceil<std::chrono::milliseconds>(*next - now);
    return std::clamp(until, std::chrono::milliseconds(0), wait);
  }

  EasyPtr take_easy() {
    if (idle_.empty()) return EasyPtr(curl_easy_init());
    EasyPtr easy = std::move(idle_.back());
    idle_.pop_back();
    curl_easy_reset(easy.get());
    return easy;
  }

  void configure(Transfer& t) {
    CURL* e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_URL, t.request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    // Each hop of the site is a page of the graph; external link checks want the end result.
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, t.request.follow_redirects ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    // HTTPS: wait for the host's first connection to say whether it multiplexes (HTTP/2 by
    // ALPN) rather than open one per transfer at the start: over h2 the --per-host transfers
    // share one connection. Plain http:// is HTTP/1.1 here, a connection per transfer.
    if (t.request.url.starts_with("https:")) curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    if (t.request.method == FetchMethod::kHead) curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    if (options_.insecure) {
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    // The user's headers, cookies and login go to the audited site only, never elsewhere:
    // redirects are not followed here, and the crawler marks only in-scope requests.
    if (!t.request.if_none_match.empty() || !t.request.if_modified_since.empty()) {
      if (t.request.credentials) {
        for (const std::string& h : options_.headers) t.headers.reset(curl_slist_append(t.headers.release(), h.c_str()));
      }
      if (!t.request.if_none_match.empty()) {
        t.headers.reset(curl_slist_append(t.headers.release(), ("If-None-Match: " + t.request.if_none_match).c_str()));
      }
      if (!t.request.if_modified_since.empty()) {
        t.headers.reset(curl_slist_append(t.headers.release(), ("If-Modified-Since: " + t.request.if_modified_since).c_str()));
      }
      curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get());
    }
    if (t.request.credentials) {
      if (headers_ && !t.headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_.get());
      if (!options_.cookie.empty()) curl_easy_setopt(e, CURLOPT_COOKIE, options_.cookie.c_str());
      if (!options_.userpwd.empty()) curl_easy_setopt(e, CURLOPT_USERPWD, options_.userpwd.c_str());
    }
  }

  void start_ready() {
    const auto now = HostScheduler::Clock::now();
    while (active_.size() < static_cast<std::size_t>(options_.max_in_flight)) {
      std::optional<FetchRequest> request = hosts_.pop_ready(now);
      if (!request) return;
      auto t = std::make_unique<Transfer>();
      t->host = HostScheduler::host_key(request->url);
      t->sent = now;
      t->max_body = request->max_bytes ? request->max_bytes : options_.max_body_bytes;
      t->response.url = request->url;
      t->response.tag = request->tag;
      t->request = std::move(*request);
      t->easy = take_easy();
      if (!t->easy) {
        fail(*t, "curl_easy_init failed");
        continue;
      }
      configure(*t);
      CURL* easy = t->easy.get();
      if (const CURLMcode code = curl_multi_add_handle(multi_.get(), easy); code != CURLM_OK) {
        idle_.push_back(std::move(t->easy));
        fail(*t, curl_multi_strerror(code));
        continue;
      }
      active_.emplace(easy, std::move(t));
    }
  }

  void fail(Transfer& t, const char* why) {
    hosts_.finished(t.host);
    t.response.outcome = FetchOutcome::kNetworkError;
    t.response.error = why;
    failed_.push_back(std::move(t.response));
  }

  std::vector<FetchResponse> collect() {
    std::vector<FetchResponse> done;
    done.swap(failed_);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      // The message does not survive curl_multi_remove_handle: copy what is needed first.
      CURL* const easy = msg->easy_handle;
      const CURLcode result = msg->data.result;
      auto it = active_.find(easy);
      if (it == active_.end()) continue;
      std::unique_ptr<Transfer> t = std::move(it->second);
      active_.erase(it);
      curl_multi_remove_handle(multi_.get(), easy);
      hosts_.finished(t->host);
      finish(*t, result);
      if (!retry(*t)) done.push_back(std::move(t->response));
      idle_.push_back(std::move(t->easy));
    }
    start_ready();
    return done;
  }

  // Queues another attempt when the outcome is worth one; returns false to report it.
  bool retry(Transfer& t) {
    const FetchResponse& r = t.response;
    const auto now = HostScheduler::Clock::now();
    if (t.request.method == FetchMethod::kHead && r.outcome == FetchOutcome::kResponse &&
        (r.status == 405 || r.status == 501)) {
      t.request.method = FetchMethod::kGet;  // the server refuses HEAD: ask again with GET
      hosts_.push(std::move(t.request), now);
      return true;
    }
    pace(t, now);
    if (!is_retryable(r) || t.request.attempt >= options_.retries) return false;
    const std::chrono::milliseconds wait = retry_after_or(r, backoff(t.request.attempt));
    ++t.request.attempt;
    hosts_.push(std::move(t.request), now + wait);
    return true;
  }

  // Adaptive politeness: 429 and 503 step the host down, and so do answers well above its
  // usual time; answers near it again step it back up. Each change is kept for the report.
  void pace(const Transfer& t, HostScheduler::Clock::time_point now) {
    const FetchResponse& r = t.response;
    std::optional<HostScheduler::PaceChange> change;
    const char* reason = "";
    if (r.outcome == FetchOutcome::kResponse && (r.status == 429 || r.status == 503)) {
      const auto wait = r.status == 429 ? retry_after_or(r, std::chrono::seconds(1)) : retry_after_or(r, std::chrono::seconds(0));
      change = hosts_.slow_down(t.host, t.sent, now, now + wait, r.status == 429);
      reason = r.status == 429 ? "429" : "503";
    } else if (r.outcome == FetchOutcome::kResponse || r.outcome == FetchOutcome::kTimeout) {
      // A timeout is an answer at least as slow as the time waited for it.
      change = hosts_.answered(t.host, t.sent, r.outcome == FetchOutcome::kTimeout ? r.seconds : t.server_wait, now);
      if (change) reason = change->to < change->from ? "slow" : "recovered";
    }
    if (!change) return;
    events_.push_back({t.host, std::chrono::duration<double>(now - created_).count(), reason, change->from, change->to,
                       options_.per_host, change->recent * 1000, change->usual < 0 ? -1 : change->usual * 1000, change->interval * 1000});
  }

  std::chrono::milliseconds retry_after_or(const FetchResponse& r, std::chrono::milliseconds fallback) const {
    const auto after = retry_after(r.retry_after, std::time(nullptr));
    return std::min<std::chrono::milliseconds>(after.value_or(fallback), options_.max_retry_wait);
  }

  // Exponential backoff with jitter: base * 2^attempt, plus up to half of that again.
  std::chrono::milliseconds backoff(int attempt) {
    const auto base = options_.retry_base * (1LL << std::min(attempt, 16));
    std::uniform_int_distribution<long long> jitter(0, std::max<long long>(1, base.count() / 2));
    return std::min<std::chrono::milliseconds>(base + std::chrono::milliseconds(jitter(rng_)), options_.max_retry_wait);
  }

  static void finish(Transfer& t, CURLcode code) {
    FetchResponse& r = t.response;
    CURL* e = t.easy.get();
    if (code == CURLE_WRITE_ERROR && t.stopped_early) code = CURLE_OK;
    r.outcome = t.too_large ? FetchOutcome::kTooLarge : outcome_of(code);
    r.error = (code != CURLE_OK && !t.too_large) ? curl_easy_strerror(code) : "";
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    if (r.status == 0 && r.outcome == FetchOutcome::kResponse) r.outcome = FetchOutcome::kNetworkError;
    char* type = nullptr;
    r.content_type.clear();
    r.charset.clear();
    if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) {
      r.content_type = media_type(type);
      r.charset = charset_param(type);
    }
    char* location = nullptr;
    r.location.clear();
    if (curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) r.location = location;
    char* effective = nullptr;
    r.final_url.clear();
    if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective && r.url != effective) {
      r.final_url = effective;
    }
    // Microseconds since the request started: name lookup, connect, TLS and the server's
    // thinking time are all in the first byte; the body's transfer is in the total.
    curl_off_t total_us = 0;
    curl_off_t first_byte_us = 0;
    curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us);
    curl_easy_getinfo(e, CURLINFO_STARTTRANSFER_TIME_T, &first_byte_us);
    curl_off_t sent_us = 0;  // name lookup, connect and TLS done: the request goes out
    curl_easy_getinfo(e, CURLINFO_PRETRANSFER_TIME_T, &sent_us);
    t.server_wait = static_cast<double>(std::max<curl_off_t>(0, first_byte_us - sent_us)) / 1e6;
    r.seconds = static_cast<double>(total_us) / 1e6;
    r.first_byte_seconds = r.outcome == FetchOutcome::kResponse ? static_cast<double>(first_byte_us) / 1e6 : 0.0;
    r.x_robots_tag = header_values(e, "X-Robots-Tag");
    r.retry_after = header_values(e, "Retry-After");
    r.etag = header_values(e, "ETag");
    r.link_header = header_values(e, "Link");
    r.last_modified = header_values(e, "Last-Modified");
    r.attempts = t.request.attempt + 1;
    if (r.outcome != FetchOutcome::kResponse) r.body.clear();
  }

  FetchOptions options_;
  MultiPtr multi_;
  HostScheduler hosts_;
  std::mt19937 rng_;
  SlistPtr headers_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  std::vector<EasyPtr> idle_;
  std::vector<FetchResponse> failed_;  // requests that could not even start
  std::vector<ThrottleEvent> events_;
  HostScheduler::Clock::time_point created_ = HostScheduler::Clock::now();
};

}  // namespace

std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options) {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  return std::make_unique<HttpFetcher>(options);
}

}  // namespace sitegraph
