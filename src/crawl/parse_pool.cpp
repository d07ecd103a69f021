#include "crawl/parse_pool.hpp"

#include <pthread.h>

#include "extract/charset.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

ParsedPage parse_page(ParseJob job) {
  ParsedPage parsed;
  parsed.page = job.page;
  const std::string charset = sniff_html_charset(job.body, job.charset);
  if (charset != "utf-8") job.body = to_utf8(job.body, charset);
  parsed.extracted = extract_links(job.body, job.agent);
  job.body.clear();
  job.body.shrink_to_fit();  // the HTML is not needed past this point
  std::string base = job.url;
  if (!parsed.extracted.base_href.empty()) {
    // <base href> is itself resolved against the document URL (WHATWG HTML §2.4.1).
    ResolvedHref resolved_base = resolve_href(job.url, parsed.extracted.base_href);
    if (resolved_base.skip == HrefSkip::kNone) base = std::move(resolved_base.url);
  }
  const UrlResolver resolver(base);
  parsed.base = base;
  parsed.resolved.reserve(parsed.extracted.links.size());
  for (const RawLink& link : parsed.extracted.links) {
    parsed.resolved.push_back(resolver.resolve(link.href));
  }
  return parsed;
}

ParsePool::ParsePool(unsigned threads, std::function<void()> on_result)
    : on_result_(std::move(on_result)) {
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ParsePool::~ParsePool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  has_job_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ParsePool::submit(ParseJob job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    ++outstanding_;
  }
  has_job_.notify_one();
}

std::vector<ParsedPage> ParsePool::drain() {
  std::lock_guard lock(mutex_);
  std::vector<ParsedPage> out;
  out.swap(results_);
  outstanding_ -= out.size();
  return out;
}

std::size_t ParsePool::outstanding() const {
  std::lock_guard lock(mutex_);
  return outstanding_;
}

void ParsePool::work() {
  pthread_setname_np(pthread_self(), "sitegraph-parse");  // as top -H and perf show it
  for (;;) {
    ParseJob job;
    {
      std::unique_lock lock(mutex_);
      has_job_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    ParsedPage parsed = parse_page(std::move(job));
    bool first = false;
    {
      std::lock_guard lock(mutex_);
      first = results_.empty();
      results_.push_back(std::move(parsed));
    }
    // One wake-up per batch: until the loop drains the results, it is already due to wake.
    if (first && on_result_) on_result_();
  }
}

}  // namespace sitegraph
