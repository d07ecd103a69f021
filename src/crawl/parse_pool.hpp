#pragma once
// Worker threads that parse HTML and resolve its links while the fetch loop keeps
// transfers moving: the loop hands a body over and never waits on a parse.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sitegraph/extract.hpp"
#include "sitegraph/graph.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

struct ParseJob {
  UrlId page = kNoUrl;
  std::string url;   ///< the page URL, base for relative links
  std::string body;
  std::string charset;  ///< from the Content-Type header; empty when none
  std::string agent;    ///< the crawler's robots product token, lowercase
};

struct ParsedPage {
  UrlId page = kNoUrl;
  ExtractedPage extracted;
  std::string base;  ///< the URL relative links resolve against (the page, or its <base href>)
  std::vector<ResolvedHref> resolved;  ///< per extracted link: the absolute URL, or why it was skipped
};

/// Extracts links from `job` and resolves them against the page URL or its <base href>.
ParsedPage parse_page(ParseJob job);

class ParsePool {
 public:
  /// Starts `threads` workers (at least one); `on_result` runs on a worker after it queues
  /// the first result since the last drain() (the crawler passes the fetcher's wakeup(), which
  /// latches until the loop's next poll, so later results of the batch need none).
  ParsePool(unsigned threads, std::function<void()> on_result);
  ~ParsePool();
  ParsePool(const ParsePool&) = delete;
  ParsePool& operator=(const ParsePool&) = delete;

  void submit(ParseJob job);
  /// Results finished since the last call.
  std::vector<ParsedPage> drain();
  /// Jobs submitted and not yet drained.
  [[nodiscard]] std::size_t outstanding() const;

 private:
  void work();

  std::function<void()> on_result_;
  mutable std::mutex mutex_;
  std::condition_variable has_job_;
  std::deque<ParseJob> jobs_;
  std::vector<ParsedPage> results_;
  std::size_t outstanding_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sitegraph
