#pragma once
// The fetch stage: an asynchronous interface that the crawler drives, with three
// implementations: HTTP(S) through libcurl's multi interface (make_http_fetcher), a local folder
// (make_folder_fetcher) and a WARC archive (make_warc_fetcher, warc.hpp). warc.hpp's WarcRecorder
// wraps any of them and records the responses it passes on as WARC.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sitegraph/outcome.hpp"

namespace sitegraph {

/// What to do with the body. Pages keep HTML bodies only; robots.txt and sitemaps keep
/// any body.
enum class BodyPolicy : std::uint8_t { kHtmlOnly, kAny };

enum class FetchMethod : std::uint8_t {
  kGet,
  kHead,  ///< a link check; falls back to GET when the server refuses HEAD (405, 501)
};

struct FetchRequest {
  std::string url;
  std::uint64_t tag = 0;  ///< caller's id, returned in the response
  BodyPolicy body = BodyPolicy::kHtmlOnly;
  std::uint64_t max_bytes = 0;  ///< body limit for this request; 0 = FetchOptions::max_body_bytes
  bool truncate = false;        ///< past max_bytes keep what came (robots.txt, RFC 9309 §2.5), not too-large
  bool credentials = false;     ///< send the user's headers, cookies and login (in-scope hosts only)
  FetchMethod method = FetchMethod::kGet;
  bool follow_redirects = false;  ///< external link checks only: the final status is what matters
  std::string if_none_match = {};  ///< conditional request (RFC 9110 §13.1): 304 when unchanged
  std::string if_modified_since = {};
  int attempt = 0;              ///< retries made so far (the fetcher's own bookkeeping)
};

struct FetchResponse {
  std::string url;
  std::uint64_t tag = 0;
  FetchOutcome outcome = FetchOutcome::kNotFetched;
  int status = 0;               ///< HTTP status when outcome == kResponse
  std::string location;         ///< absolute redirect target of a 3xx, resolved
  std::string final_url;        ///< follow_redirects: where the body came from, when not `url`
  std::string content_type;     ///< media type, lowercased, without parameters
  std::string charset;          ///< the Content-Type charset parameter, lowercased; empty when none
  std::string retry_after;      ///< the Retry-After header as sent
  std::string link_header;      ///< HTTP Link header values (RFC 8288), comma-joined
  std::string etag;             ///< ETag, for a later conditional request
  std::string last_modified;    ///< Last-Modified, likewise
  std::string x_robots_tag;     ///< X-Robots-Tag header values, comma-joined
  std::string body;             ///< kept per BodyPolicy; empty otherwise
  std::uint64_t bytes = 0;      ///< body bytes received (after decompression)
  double seconds = 0;           ///< request to completion (the last attempt); 0 = not measured (folder, WARC)
  double first_byte_seconds = 0;  ///< request to the first byte of the response (the last attempt); 0 = not measured
  int attempts = 1;             ///< requests made, retries included
  std::string error;            ///< human-readable detail for failures

  [[nodiscard]] bool is_html() const {
    return content_type == "text/html" || content_type == "application/xhtml+xml";
  }
};

struct FetchOptions {
  int max_in_flight = 16;                       ///< transfers in flight at once, all hosts
  int per_host = 4;                             ///< transfers in flight per host
  double rate = 0;                              ///< request starts per second per host; 0 = no limit
  std::string user_agent;                       ///< sent as User-Agent
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{30'000};    ///< whole transfer
  long low_speed_limit = 100;                   ///< bytes/s; slower than this for low_speed_time is a timeout
  std::chrono::seconds low_speed_time{20};
  std::uint64_t max_body_bytes = 10ull << 20;   ///< decompressed, per response
  bool adaptive = true;                         ///< fewer transfers in flight while a host answers well above its usual time
  int retries = 2;                              ///< extra attempts after a timeout, reset, 429 or 5xx
  std::chrono::milliseconds retry_base{500};    ///< first backoff; doubles per attempt, with jitter
  std::chrono::seconds max_retry_wait{60};      ///< cap on Retry-After and backoff
  bool insecure = false;                        ///< do not verify TLS certificates
  std::vector<std::string> headers;             ///< extra "Name: value" headers (credentials requests only)
  std::string cookie;                           ///< Cookie header value (credentials requests only)
  std::string userpwd;                          ///< "user:password" for HTTP authentication (credentials requests only)
};

/// The fetcher changed how many transfers it keeps in flight to a host (adaptive politeness):
/// down while the host answers 429, 503 or well above its usual time, back up a step at a time.
struct ThrottleEvent {
  std::string host;          ///< "host:port"
  double seconds = 0;        ///< since the fetcher was made
  std::string reason;        ///< "429", "503", "slow" (answers well above the usual time), "recovered"
  int from = 0;              ///< transfers in flight allowed before
  int to = 0;                ///< ...and after
  int ceiling = 0;           ///< --per-host: the most it goes back up to
  double recent_ms = 0;      ///< slow, recovered: the median wait for the first byte of the recent answers
  double usual_ms = 0;       ///< the median of the host's first answers; negative when not known yet
  double interval_ms = 0;    ///< the spacing of request starts after the change (429, --rate, Crawl-delay)
};

/// An asynchronous fetcher. Not thread-safe except wakeup(): one thread submits and polls.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Queues a request; it starts when a transfer slot is free.
  virtual void submit(FetchRequest request) = 0;
  /// Moves transfers forward, waiting up to `wait` for one to finish or for wakeup();
  /// returns the responses completed since the last call.
  virtual std::vector<FetchResponse> poll(std::chrono::milliseconds wait) = 0;
  /// Requests submitted and not yet returned by poll().
  [[nodiscard]] virtual std::size_t pending() const = 0;
  /// Of those, the transfers running now (the rest wait for a slot, a host or a retry).
  [[nodiscard]] virtual std::size_t in_flight() const { return pending(); }
  /// Interrupts a poll() that is waiting. Safe from any thread.
  virtual void wakeup() = 0;
  /// Drops the requests not started yet (a stopping crawl); transfers in flight finish.
  virtual void cancel_waiting() = 0;
  /// Every change of pace so far, oldest first (HTTP only).
  [[nodiscard]] virtual std::span<const ThrottleEvent> throttle_events() const { return {}; }
  /// Spaces requests to the host of `url` at least `seconds` apart (robots.txt Crawl-delay).
  virtual void set_min_interval(std::string_view url, double seconds) {
    (void)url;
    (void)seconds;
  }
  /// What `url` is served from, when the fetcher knows without a request: a folder gives the
  /// file's real path, so that /docs/, /docs/index.html and a symlink to it are one page.
  /// Empty when unknown (HTTP, WARC) or when the URL is no file (a redirect, a 404).
  [[nodiscard]] virtual std::string document_key(const std::string& url) const {
    (void)url;
    return {};
  }
  /// Every HTML page the fetcher holds, as URLs, when it can list them (a folder: its .html
  /// files); each is a page of the site that no link may reach: an orphan when none does.
  [[nodiscard]] virtual std::vector<std::string> list_pages() const { return {}; }
};

/// An HTTP(S) fetcher on libcurl's multi interface. Redirects are never followed: a 3xx
/// is returned with its Location so that the crawler records every hop.
std::unique_ptr<Fetcher> make_http_fetcher(const FetchOptions& options);

/// Serves a built static site from a folder as a web server would: `base_url`'s path
/// maps to `root`; a URL ending in '/' maps to its index.html; a folder requested without
/// its trailing slash answers 301 to the URL with the slash; a missing `X` that exists as
/// `X.html` is served; a Netlify-style `_redirects` file at the root (lines
/// `FROM TO [STATUS]`, exact paths) answers redirects; the other scheme of base_url's host
/// (http:// on an https site) answers 301 to base_url's scheme, as one site. Paths that would
/// leave `root` by dot segments answer 404; URLs of other sites, above base_url's path, or
/// behind a symlink out of `root` are not fetched (the folder cannot answer for them).
std::unique_ptr<Fetcher> make_folder_fetcher(const std::filesystem::path& root,
                                             std::string_view base_url,
                                             const FetchOptions& options);

}  // namespace sitegraph
