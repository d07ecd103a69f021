#pragma once
// --since: a recrawl that asks the server whether each page of the previous crawl changed
// (If-None-Match / If-Modified-Since, RFC 9110 §13.1) and, on 304 Not Modified, takes the
// page's facts and links from the previous crawl instead of downloading and parsing it. A
// server that sends no validators, or answers 200 anyway, still saves the parse: a body whose
// hash equals the previous crawl's for that URL is the same page.

#include <string>
#include <string_view>
#include <vector>

#include "crawl/crawl_state.hpp"
#include "crawl/scope.hpp"
#include "sitegraph/fetch.hpp"

namespace sitegraph {

class Revalidation {
 public:
  explicit Revalidation(const CrawlResult& previous) : previous_(previous) {}

  /// The previous crawl's internal 2xx HTML pages within `scope`: seeds of this crawl, so each
  /// is asked again even when no page links to it any more.
  [[nodiscard]] std::vector<std::string> pages_in(const Scope& scope) const;

  /// Adds the previous crawl's validators to a request for a page it can revalidate.
  void add_validators(FetchRequest& request) const;

  /// True when a 304 for `url` can be answered from the previous crawl.
  [[nodiscard]] bool can_reuse(std::string_view url) const { return usable_page(url) != kNoUrl; }

  /// True when `url` answered 2xx with the body the previous crawl parsed (same hash), and the
  /// previous record can stand for a parse (whole, and without robots directives).
  [[nodiscard]] bool same_body(std::string_view url, std::uint64_t body_hash) const;

  /// A 304 for page `id`, or a 2xx with the same body: its facts as the previous crawl
  /// recorded them (this response's status, type and validators win when it had a body), and
  /// each of its links handed to `record_link`. After a 2xx, the links the previous response's
  /// Link header gave are left out: the crawler reads this response's header.
  void reuse(CrawlState& state, UrlId id, const AddUrl& add_url, const RecordLink& record_link);

 private:
  // The previous crawl's parsed 2xx page at `url`, with a validator when `with_validator`.
  [[nodiscard]] UrlId usable_page(std::string_view url, bool with_validator = true) const;
  void index_links();
  void reuse_fragments(CrawlState& state, UrlId id, UrlId old_id, const AddUrl& add_url);
  void reuse_invalid_hrefs(CrawlState& state, UrlId id, UrlId old_id);

  const CrawlResult& previous_;
  std::vector<std::uint32_t> link_offsets_;  // the previous links grouped by source (built on the first 304)
  std::vector<std::uint32_t> link_order_;
  Csr fragment_links_;  // the previous fragment links grouped by source (built on the first 304)
  Csr invalid_by_page_;  // the previous invalid hrefs grouped by page (built on first use)
};

}  // namespace sitegraph
