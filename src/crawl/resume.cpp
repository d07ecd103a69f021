// --resume: journaling finished pages and restoring them (resume.hpp).

#include "crawl/resume.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <numeric>

namespace sitegraph {

void CrawlResume::restore(CrawlState& state, const AddUrl& add_url) {
  SiteGraph& graph = state.graph();
  const std::size_t links_begin = graph.links().size();
  const std::size_t read = journal_.resume([&](JournalPage&& p) {
    const UrlId id = add_url(p.url);
    // Journaled under a wider scope than this run's: recorded excluded, like any URL outside it.
    if (graph.page(id).outcome == FetchOutcome::kExcluded) return;
    if (state.queued[id]) {
      // Fetched again by this run (the start page): its links are added when it is parsed,
      // but followed from here, at its depth, with the rest.
      if (start_page_links_.empty()) {
        for (const JournalLink& l : p.links) start_page_links_.push_back({id, add_url(l.target), 0, l.line, l.kind, l.rel, l.placement, l.code});
      }
      return;
    }
    state.queued[id] = true;
    state.depth[id] = p.depth;
    state.redirect_hops[id] = p.redirect_hops;
    Page& page = graph.page(id);
    const bool internal = page.internal;
    page = std::move(p.page);  // the fetch facts; redirect_to and canonical come from the links
    page.internal = internal;
    graph.text(id) = std::move(p.text);
    ++state.done;
    if (p.checked_only) {
      state.checked_only.insert(id);
    } else {
      ++state.result.requests;
    }
    if (page.outcome != FetchOutcome::kResponse || page.status >= 400) ++state.errors;
    restored_.push_back({id, p.depth, graph.links().size()});
    for (const JournalLink& l : p.links) {
      const UrlId target = add_url(l.target);
      graph.add_link({id, target, graph.intern_anchor(l.anchor), l.line, l.kind, l.rel, l.placement, l.code});
      if (l.kind == LinkKind::kRedirect) graph.page(id).redirect_to = target;
    }
    for (JournalInvalid& bad : p.invalid) {
      if (bad.too_long) ++state.result.limits.urls_too_long;
      state.result.invalid_hrefs.push_back({id, std::move(bad.href), bad.line, bad.too_long});
    }
    if (p.links_dropped > 0) {
      ++state.result.limits.pages_links_cut;
      state.result.limits.links_dropped += p.links_dropped;
    }
  });
  restored_links_end_ = graph.links().size();
  if (read > 0) {
    spdlog::info("--resume: {} pages taken from {} ({} links), not fetched again", restored_.size(),
                 journal_.path().string(), restored_links_end_ - links_begin);
  }
}

void CrawlResume::follow_restored(const SiteGraph& graph, const RecordLink& follow) {
  if (restored_.empty()) return;
  for (const Link& link : start_page_links_) follow(link);
  std::vector<std::size_t> order(restored_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return restored_[a].depth < restored_[b].depth; });
  for (const std::size_t i : order) {
    const std::size_t end = i + 1 < restored_.size() ? restored_[i + 1].first_link : restored_links_end_;
    for (std::size_t k = restored_[i].first_link; k < end; ++k) follow(graph.links()[k]);
  }
  restored_ = {};
  start_page_links_ = {};
}

void CrawlResume::parse_started(UrlId id) {
  if (page_links_.empty()) return;
  waiting_for_parse_[id] = std::move(page_links_);
  page_links_.clear();
}

void CrawlResume::parse_finished(UrlId id) {
  page_links_.clear();
  if (const auto it = waiting_for_parse_.find(id); it != waiting_for_parse_.end()) {
    page_links_ = std::move(it->second);
    waiting_for_parse_.erase(it);
  }
}

void CrawlResume::page_finished(const CrawlState& state, UrlId id, std::size_t invalid_from, std::size_t links_dropped) {
  const SiteGraph& graph = state.graph();
  JournalPage p;
  p.url = graph.url(id);
  p.page = graph.page(id);
  p.text = graph.text(id);
  p.depth = state.depth[id];
  p.redirect_hops = state.redirect_hops[id];
  p.checked_only = state.is_checked_only(id);
  p.links_dropped = static_cast<std::uint32_t>(links_dropped);
  p.links.reserve(page_links_.size());
  for (const Link& l : page_links_) {
    p.links.push_back({std::string(graph.url(l.target)), std::string(graph.anchor(l.anchor)), l.line, l.kind, l.rel, l.placement, l.code});
  }
  for (std::size_t i = invalid_from; i < state.result.invalid_hrefs.size(); ++i) {
    const InvalidHref& bad = state.result.invalid_hrefs[i];
    p.invalid.push_back({bad.href, bad.line, bad.too_long});
  }
  journal_.add(p);
  page_links_.clear();
}

}  // namespace sitegraph
