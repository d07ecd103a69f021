#pragma once
// --resume: a crawl that survives kill -9. Every finished page goes to the journal with the
// links recorded for it; a later run takes the journaled pages as they were left instead of
// fetching them again, and follows their links at the depth an uninterrupted crawl gives.
//
// The loop calls, in this order: restore() before the seeds are queued, follow_restored()
// after; then for every response link_recorded() for each link it records, parse_started()
// when the body goes to the parser, parse_finished() when the parsed links come back, and
// page_finished() once the page is complete.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "crawl/crawl_state.hpp"
#include "sitegraph/journal.hpp"

namespace sitegraph {

class CrawlResume {
 public:
  explicit CrawlResume(CrawlJournal& journal) : journal_(journal) {}

  /// Puts the pages earlier runs journaled into `state` with their facts, links and invalid
  /// hrefs, marked queued so they are never fetched. A journaled page already queued by this
  /// run (the start page, fetched again) keeps only its links, followed with the rest.
  void restore(CrawlState& state, const AddUrl& add_url);

  /// Follows the restored links: the start page's first, then each page's in order of click
  /// depth, so targets are queued at the depth an uninterrupted crawl would give them.
  void follow_restored(const SiteGraph& graph, const RecordLink& follow);

  /// A link recorded for the page whose response is being recorded.
  void link_recorded(const Link& link) { page_links_.push_back(link); }
  /// The page's body went to the parser: the links recorded so far (a Link: header canonical)
  /// wait for the parsed ones.
  void parse_started(UrlId id);
  /// The parsed page's links come next, after the ones recorded before parsing.
  void parse_finished(UrlId id);
  /// Journals page `id` with the links recorded for it and its invalid hrefs from
  /// `invalid_from` on; `links_dropped` were cut by --max-links-per-page.
  void page_finished(const CrawlState& state, UrlId id, std::size_t invalid_from, std::size_t links_dropped);
  /// A new response is being recorded: nothing is carried over from the last one.
  void next_response() { page_links_.clear(); }

 private:
  struct Restored {
    UrlId id;
    int depth;
    std::size_t first_link;  // its links are the graph's [first_link, the next page's first_link)
  };

  CrawlJournal& journal_;
  std::vector<Link> page_links_;                                   // of the page being recorded
  std::unordered_map<UrlId, std::vector<Link>> waiting_for_parse_;  // of pages in the parser
  std::vector<Restored> restored_;                                 // pages taken from the journal
  std::size_t restored_links_end_ = 0;
  std::vector<Link> start_page_links_;  // the journaled links of a page this run fetched again
};

}  // namespace sitegraph
