// Writing WARC (ISO 28500, WARC/1.1): a Fetcher that passes requests to another and records
// each HTTP response it returns as a `response` record, one gzip member per record (.warc.gz),
// so a crawl can be archived and replayed with `sitegraph import`.
//
// The HTTP block is rebuilt from what the fetcher kept, not captured off the wire: the status
// line, the headers sitegraph reads (Content-Type, Location, Link, X-Robots-Tag, ETag,
// Last-Modified) and the body as decoded (no Content-Encoding or chunking, a Content-Length).
// A body the crawl did not keep (a non-HTML page, a HEAD check) is written empty and the
// record marked `WARC-Truncated: unspecified`; one over the size limit, `WARC-Truncated: length`.

#include <array>
#include <ctime>
#include <random>
#include <unordered_map>

#include "io/atomic_file.hpp"
#include "io/gzip.hpp"
#include "sitegraph/version.hpp"
#include "sitegraph/warc.hpp"

namespace sitegraph {
namespace {

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

std::string warc_date() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text.data();
}

class Recorder final : public WarcRecorder {
 public:
  Recorder(std::unique_ptr<Fetcher> inner, std::filesystem::path path)
      : inner_(std::move(inner)),
        file_(std::move(path), ".part", AtomicFile::Special::kReplace),
        out_(file_.path(), 6),
        rng_(std::random_device{}()) {
    if (!out_) throw WarcError("cannot write " + file_.path().string());
    std::string info = "software: sitegraph " + std::string(kVersion) + "\r\nformat: WARC File Format 1.1\r\n";
    write_record("warcinfo", "", "application/warc-fields", info, nullptr);
  }
  // Not finished: out_ closes the .part file, which stays, never under the real name.
  ~Recorder() override = default;
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  void finish() override {
    if (!out_) throw WarcError("already finished", ErrorKind::kRun);
    const bool closed = out_.close();
    if (!closed || !ok_) throw WarcError("cannot write " + file_.path().string() + " (disk full?)", ErrorKind::kRun);
    std::error_code ec;
    if (!file_.commit(ec)) {
      throw WarcError("cannot rename " + file_.path().string() + " to " + file_.target().string() + ": " + ec.message(),
                      ErrorKind::kRun);
    }
  }

  void submit(FetchRequest request) override {
    requests_[request.tag] = {request.method == FetchMethod::kHead, request.body == BodyPolicy::kHtmlOnly};
    inner_->submit(std::move(request));
  }
  std::vector<FetchResponse> poll(std::chrono::milliseconds wait) override {
    std::vector<FetchResponse> done = inner_->poll(wait);
    for (const FetchResponse& r : done) record(r);
    return done;
  }
  [[nodiscard]] std::size_t pending() const override { return inner_->pending(); }
  [[nodiscard]] std::size_t in_flight() const override { return inner_->in_flight(); }
  [[nodiscard]] std::span<const ThrottleEvent> throttle_events() const override { return inner_->throttle_events(); }
  void wakeup() override { inner_->wakeup(); }
  void cancel_waiting() override { inner_->cancel_waiting(); }
  void set_min_interval(std::string_view url, double seconds) override { inner_->set_min_interval(url, seconds); }

 private:
  void record(const FetchResponse& r) {
    Kept kept;
    if (const auto it = requests_.find(r.tag); it != requests_.end()) {
      kept = it->second;
      requests_.erase(it);
    }
    // An answer over the size limit is archived too (status and headers, no body), so a replay
    // says too-large again rather than "not in the archive".
    const bool over_limit = r.outcome == FetchOutcome::kTooLarge;
    if ((r.outcome != FetchOutcome::kResponse && !over_limit) || r.status <= 0) return;  // no HTTP answer
    std::string block = "HTTP/1.1 " + std::to_string(r.status);
    block += ' ';
    block += reason_phrase(r.status);
    block += "\r\n";
    const auto header = [&](std::string_view name, const std::string& value) {
      if (value.empty()) return;
      block.append(name);
      block += ": ";
      block += value;
      block += "\r\n";
    };
    header("Content-Type", r.charset.empty() ? r.content_type : r.content_type + "; charset=" + r.charset);
    header("Location", r.location);
    header("Link", r.link_header);
    header("X-Robots-Tag", r.x_robots_tag);
    header("ETag", r.etag);
    header("Last-Modified", r.last_modified);
    header("Content-Length", std::to_string(r.body.size()));
    block += "\r\n";
    block += r.body;
    // The crawl did not keep this body: a HEAD check, or a non-HTML page (a redirect's or an
    // error's short body is no loss worth flagging).
    const bool dropped = kept.head || (kept.html_only && !r.is_html() && r.status / 100 == 2);
    const char* truncated = over_limit                                              ? "length"
                            : r.body.size() < r.bytes || (dropped && r.body.empty()) ? "unspecified"
                                                                                     : nullptr;
    write_record("response", r.url, "application/http; msgtype=response", block, truncated);
  }

  std::string record_id() {
    std::uniform_int_distribution<unsigned> hex(0, 15);
    std::string id = "<urn:uuid:";
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) {
      if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
      unsigned digit = hex(rng_);
      if (i == 12) digit = 4;                    // version 4 (random)
      if (i == 16) digit = 8 | (digit & 3);      // the RFC 4122 variant
      id += kHex[digit];
    }
    return id + ">";
  }

  // `truncated`: the WARC-Truncated reason, or null for a whole record.
  void write_record(std::string_view type, const std::string& uri, std::string_view content_type, const std::string& block,
                    const char* truncated) {
    std::string record = "WARC/1.1\r\nWARC-Type: ";
    record.append(type);
    record += "\r\nWARC-Record-ID: " + record_id() + "\r\nWARC-Date: " + warc_date() + "\r\n";
    if (!uri.empty()) record += "WARC-Target-URI: " + uri + "\r\n";
    if (truncated) record += "WARC-Truncated: " + std::string(truncated) + "\r\n";
    record += "Content-Type: ";
    record.append(content_type);
    record += "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
    record += block;
    record += "\r\n\r\n";
    write_gzip_member(record);
  }

  // One gzip member per record, as .warc.gz readers expect (a record can be read alone):
  // end_member() ends the member, and the next write starts another.
  void write_gzip_member(const std::string& data) {
    if (!out_.write(data)) ok_ = false;
    if (!out_.end_member()) ok_ = false;
  }

  std::unique_ptr<Fetcher> inner_;
  // Always written as .part and renamed, even over a symlink or device: a half-written
  // archive must never carry the real name, and the .part is kept when anything fails.
  AtomicFile file_;
  gzip::FileWriter out_;
  bool ok_ = true;
  std::mt19937_64 rng_;
  struct Kept {
    bool head = false;       ///< a HEAD request: no body at all
    bool html_only = false;  ///< BodyPolicy::kHtmlOnly: other bodies are not kept
  };
  std::unordered_map<std::uint64_t, Kept> requests_;  ///< by tag, until the response comes
};

}  // namespace

std::unique_ptr<WarcRecorder> make_warc_recorder(std::unique_ptr<Fetcher> inner, const std::filesystem::path& out) {
  return std::make_unique<Recorder>(std::move(inner), out);
}

}  // namespace sitegraph
