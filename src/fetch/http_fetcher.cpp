// HTTP(S) fetcher on libcurl's multi interface: a bounded number of transfers in flight,
// connection reuse through the multi handle's connection cache, never following redirects.

#include <curl/curl.h>

#include <deque>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "fetch/content_type.hpp"
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

// One transfer in flight: the request, the response being filled, its easy handle.
struct Transfer {
  FetchResponse response;
  BodyPolicy policy = BodyPolicy::kHtmlOnly;
  std::uint64_t max_body = 0;
  EasyPtr easy;
  bool decided_keep = false;
  bool keep_body = false;
  bool too_large = false;     // a kept body went over the limit
  bool stopped_early = false; // an unneeded body was cut off: not an error
  bool truncate = false;      // past max_body keep what came, as a complete response
};

// Decides at the first body byte whether the body is worth keeping.
void decide_keep(Transfer& t) {
  t.decided_keep = true;
  long status = 0;
  curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
  if (t.policy == BodyPolicy::kAny) {
    t.keep_body = status >= 200 && status < 300;
    return;
  }
  char* type = nullptr;
  curl_easy_getinfo(t.easy.get(), CURLINFO_CONTENT_TYPE, &type);
  t.keep_body = status >= 200 && status < 300 && type != nullptr && is_html_type(media_type(type));
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t.decided_keep) decide_keep(t);
  t.response.bytes += n;
  if (t.response.bytes > t.max_body) {
    if (t.keep_body && t.truncate) t.response.body.append(data, n - (t.response.bytes - t.max_body));
    (t.keep_body && !t.truncate ? t.too_large : t.stopped_early) = true;
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

std::string x_robots_tag(CURL* easy) {
  std::string joined;
  curl_header* header = nullptr;
  for (std::size_t i = 0;; ++i) {
    if (curl_easy_header(easy, "X-Robots-Tag", i, CURLH_HEADER, -1, &header) != CURLHE_OK) break;
    if (!joined.empty()) joined += ", ";
    joined += header->value;
    if (i + 1 >= header->amount) break;
  }
  return joined;
}

class HttpFetcher final : public Fetcher {
 public:
  explicit HttpFetcher(const FetchOptions& options) : options_(options), multi_(curl_multi_init()) {
    if (!multi_) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(options_.max_in_flight));
  }

  ~HttpFetcher() override {
    for (auto& [easy, transfer] : active_) curl_multi_remove_handle(multi_.get(), easy);
  }

  void submit(FetchRequest request) override { waiting_.push_back(std::move(request)); }

  std::vector<FetchResponse> poll(std::chrono::milliseconds wait) override {
    start_waiting();
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    std::vector<FetchResponse> done = collect();
    if (done.empty()) {
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(wait.count()), nullptr);
      curl_multi_perform(multi_.get(), &running);
      done = collect();
    }
    return done;
  }

  [[nodiscard]] std::size_t pending() const override { return waiting_.size() + active_.size() + failed_.size(); }

  void wakeup() override { curl_multi_wakeup(multi_.get()); }

  void cancel_waiting() override { waiting_.clear(); }

 private:
  EasyPtr take_easy() {
    if (idle_.empty()) return EasyPtr(curl_easy_init());
    EasyPtr easy = std::move(idle_.back());
    idle_.pop_back();
    curl_easy_reset(easy.get());
    return easy;
  }

  void configure(Transfer& t) {
    CURL* e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_URL, t.response.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);     // each hop is a page of the graph
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  }

  void start_waiting() {
    while (!waiting_.empty() && active_.size() < static_cast<std::size_t>(options_.max_in_flight)) {
      auto t = std::make_unique<Transfer>();
      t->response.url = std::move(waiting_.front().url);
      t->response.tag = waiting_.front().tag;
      t->policy = waiting_.front().body;
      t->max_body = waiting_.front().max_bytes ? waiting_.front().max_bytes : options_.max_body_bytes;
      t->truncate = waiting_.front().truncate;
      waiting_.pop_front();
      t->easy = take_easy();
      if (!t->easy) {
        failed_.push_back(failure(*t, "curl_easy_init failed"));
        continue;
      }
      configure(*t);
      CURL* easy = t->easy.get();
      if (const CURLMcode code = curl_multi_add_handle(multi_.get(), easy); code != CURLM_OK) {
        failed_.push_back(failure(*t, curl_multi_strerror(code)));
        idle_.push_back(std::move(t->easy));
        continue;
      }
      active_.emplace(easy, std::move(t));
    }
  }

  static FetchResponse failure(Transfer& t, const char* why) {
    t.response.outcome = FetchOutcome::kNetworkError;
    t.response.error = why;
    return std::move(t.response);
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
      done.push_back(finish(*t, result));
      idle_.push_back(std::move(t->easy));
    }
    start_waiting();
    return done;
  }

  static FetchResponse finish(Transfer& t, CURLcode code) {
    FetchResponse& r = t.response;
    CURL* e = t.easy.get();
    if (code == CURLE_WRITE_ERROR && t.stopped_early) code = CURLE_OK;
    r.outcome = t.too_large ? FetchOutcome::kTooLarge : outcome_of(code);
    if (code != CURLE_OK && !t.too_large) r.error = curl_easy_strerror(code);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    if (r.status == 0 && r.outcome == FetchOutcome::kResponse) r.outcome = FetchOutcome::kNetworkError;
    char* type = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) r.content_type = media_type(type);
    char* location = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) r.location = location;
    double seconds = 0;
    curl_easy_getinfo(e, CURLINFO_TOTAL_TIME, &seconds);
    r.seconds = seconds;
    r.x_robots_tag = x_robots_tag(e);
    if (r.outcome != FetchOutcome::kResponse) r.body.clear();
    return std::move(r);
  }

  FetchOptions options_;
  MultiPtr multi_;
  std::deque<FetchRequest> waiting_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  std::vector<EasyPtr> idle_;
  std::vector<FetchResponse> failed_;  // requests that could not even start
};

}  // namespace

std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options) {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  return std::make_unique<HttpFetcher>(options);
}

}  // namespace sitegraph
