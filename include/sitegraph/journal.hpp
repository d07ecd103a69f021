#pragma once
// The crawl journal behind `sitegraph crawl --resume DIR`: every page the crawl finished
// (fetched, and parsed when HTML) with its links, appended to DIR/crawl.journal as
// checkpoints. A checkpoint is one gzip member written whole and synced to disk, so a crash,
// kill -9 or reboot loses at most the pages since the last one; reopening the journal reads
// every complete checkpoint and cuts off a torn one. Format: docs/snapshot.md.

#include "sitegraph/error.hpp"
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph {

inline constexpr int kJournalVersion = 1;

/// A journal that cannot be used: unreadable, not a sitegraph journal, a newer version, or
/// the journal of a crawl of another start URL.
class JournalError : public Error {
 public:
  explicit JournalError(const std::string& message, ErrorKind kind = ErrorKind::kUsage) : Error(kind, message) {}
};

/// One link of a journaled page, its target by URL (ids are not stable between runs).
struct JournalLink {
  std::string target;
  std::string anchor;
  std::uint32_t line = 0;
  LinkKind kind = LinkKind::kAnchor;
  std::uint8_t rel = kRelNone;
  Placement placement = Placement::kContent;
  bool code = false;  ///< Link::code
};

/// An href of the page that was not a usable URL (invalid-url).
struct JournalInvalid {
  std::string href;
  std::uint32_t line = 0;
  bool too_long = false;
};

/// A page the crawl finished: what the fetch and the parse recorded, its click depth from a
/// seed, and its outgoing links (the redirect link of a 3xx; canonicals included).
struct JournalPage {
  std::string url;
  Page page;  ///< fetch facts; redirect_to and canonical are rebuilt from the links
  PageText text;
  int depth = 0;
  std::uint8_t redirect_hops = 0;
  std::vector<JournalLink> links;
  std::vector<JournalInvalid> invalid;
  std::uint32_t links_dropped = 0;  ///< links past --max-links-per-page
  bool checked_only = false;        ///< a HEAD check (--check-external, --check-resources), not a page request
};

class CrawlJournal {
 public:
  /// Opens DIR/crawl.journal for a crawl from `start_url`, creating DIR when absent. A
  /// checkpoint is written at most every `every`. Throws JournalError.
  CrawlJournal(const std::filesystem::path& dir, std::string start_url, std::chrono::milliseconds every);
  ~CrawlJournal();
  CrawlJournal(const CrawlJournal&) = delete;
  CrawlJournal& operator=(const CrawlJournal&) = delete;

  /// Reads the pages earlier runs finished, checkpoint by checkpoint, handing each to
  /// `on_page` in journal order; only whole checkpoints count (a torn last one is cut off the
  /// file). Starts a new journal when there is none. Call once, before add(). Returns the
  /// number of pages read. Throws JournalError.
  std::size_t resume(const std::function<void(JournalPage&&)>& on_page);

  /// Appends a finished page; a checkpoint is written when the interval has passed.
  void add(const JournalPage& page);
  /// Writes what was added since the last checkpoint, in the background.
  void checkpoint();
  /// The last checkpoint, waited for. False (and `error`) when a write failed: pages since the
  /// last good checkpoint would be crawled again on resume.
  bool finish(std::string& error);
  /// Deletes the journal: the crawl completed and its snapshot is written.
  void remove();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void wait_for_writer();
  void check_start_url() const;

  std::filesystem::path path_;
  std::string start_url_;
  int fd_ = -1;
  std::string buffer_;  // JSON lines since the last checkpoint
  std::chrono::milliseconds every_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::future<void> writer_;
  std::string error_;
};

}  // namespace sitegraph
