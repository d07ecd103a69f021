// Answers the crawl from a WARC archive: the crawler, robots.txt, sitemaps and every
// analyzer run as they do on a live site, only the bytes come from the archive.

#include "fetch/content_type.hpp"
#include "fetch/queue_fetcher.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/warc.hpp"

namespace sitegraph {
namespace {

class WarcFetcher final : public QueueFetcher {
 public:
  WarcFetcher(std::shared_ptr<const WarcArchive> archive, const FetchOptions& options)
      : QueueFetcher(options.max_in_flight), archive_(std::move(archive)), options_(options) {}

 private:
  FetchResponse serve(const FetchRequest& request) override {
    FetchResponse r;
    r.url = request.url;
    r.tag = request.tag;
    const auto url = normalize_url(request.url);
    const WarcResponse* archived = url ? archive_->find(*url) : nullptr;
    if (!archived) {
      r.error = "not in the archive";
      return r;  // kNotFetched
    }
    r.outcome = FetchOutcome::kResponse;
    r.status = archived->status;
    r.content_type = media_type(archived->content_type);
    r.charset = charset_param(archived->content_type);
    r.link_header = archived->link_header;
    r.x_robots_tag = archived->x_robots_tag;
    r.etag = archived->etag;
    r.last_modified = archived->last_modified;
    r.bytes = archived->body_size;
    if (r.status >= 300 && r.status < 400 && !archived->location.empty()) {
      const ResolvedHref target = resolve_href(request.url, archived->location);
      if (target.skip == HrefSkip::kNone) r.location = target.url;
    }
    if (request.method == FetchMethod::kHead) return r;
    const bool keep = request.body == BodyPolicy::kAny || r.is_html();
    if (!keep) return r;
    const std::uint64_t limit = request.max_bytes ? request.max_bytes : options_.max_body_bytes;
    // A body that stopped at a size limit when it was archived is as much too large now.
    if ((archived->body_size > limit || archived->truncated_length) && !request.truncate) {
      r.outcome = FetchOutcome::kTooLarge;
      return r;
    }
    r.body = archive_->body(*archived, limit);
    return r;
  }

  std::shared_ptr<const WarcArchive> archive_;
  FetchOptions options_;
};

}  // namespace

std::unique_ptr<Fetcher> make_warc_fetcher(std::shared_ptr<const WarcArchive> archive, const FetchOptions& options) {
  return std::make_unique<WarcFetcher>(std::move(archive), options);
}

}  // namespace sitegraph
