// Findings of the end-to-end audit: orphan pages, broken links, redirect chains and loops.

#include <algorithm>
#include <set>
#include <unordered_set>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "analyze/url_path.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

bool is_page_link(const Link& link) { return is_click_link(link.kind); }

// The rule a broken target of this link falls under; nullptr when none applies.
const char* broken_rule(const Link& link, bool external) {
  if (is_resource(link.kind)) return "broken-resource";
  if (!is_click_link(link.kind)) return nullptr;
  return external ? "broken-external-link" : "broken-link";
}

// The status a link target ended with, when that makes the link broken; empty otherwise.
std::string broken_status(const Page& page) {
  switch (page.outcome) {
    case FetchOutcome::kResponse:
      if (page.soft_404) return "soft-404";
      return page.status >= 400 ? std::to_string(page.status) : std::string();
    case FetchOutcome::kTimeout:
    case FetchOutcome::kDnsError:
    case FetchOutcome::kConnectError:
    case FetchOutcome::kTlsError:
    case FetchOutcome::kDecodeError:
    case FetchOutcome::kNetworkError: return std::string(outcome_name(page.outcome));
    default: return {};
  }
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

LinkCounts count_links(const SiteGraph& graph, const LinkIndex* given) {
  LinkCounts counts;
  counts.inlinks.assign(graph.size(), 0);
  counts.outlinks_internal.assign(graph.size(), 0);
  counts.outlinks_external.assign(graph.size(), 0);
  counts.content_links.assign(graph.size(), 0);
  counts.content_targets.assign(graph.size(), 0);
  // Each (source, target) pair counts once.
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  SeenTargets seen(graph.size());
  SeenTargets seen_in_content(graph.size());
  SeenTargets targets_in_content(graph.size());  // the targets counted below, from the content
  for (UrlId source = 0; source < graph.size(); ++source) {
    seen.next_source();
    seen_in_content.next_source();
    targets_in_content.next_source();
    for (const std::uint32_t i : by_source.of(source)) {
      const Link& link = graph.links()[i];
      if (!is_page_link(link) || link.source == link.target) continue;
      const bool internal = graph.page(link.target).internal;
      if (internal && !followable(graph, link)) continue;
      // A target linked from the navigation first and from the content later is in the content.
      if (link.placement == Placement::kContent && targets_in_content.first(link.target)) ++counts.content_targets[source];
      if (internal && is_click_link(link.kind) && link.placement == Placement::kContent && seen_in_content.first(link.target)) {
        ++counts.content_links[source];
      }
      if (!seen.first(link.target)) continue;
      if (internal) {
        ++counts.inlinks[link.target];
        ++counts.outlinks_internal[source];
      } else {
        ++counts.outlinks_external[source];
      }
    }
  }
  return counts;
}

std::vector<std::uint8_t> linked_pages(const SiteGraph& graph) {
  const FinalTargets final_of(graph);
  std::vector<std::uint8_t> linked(graph.size(), 0);
  for (const Link& link : graph.links()) {
    if (!is_page_link(link)) continue;
    // A link to a URL that redirects reaches the redirect's final target as well.
    const UrlId final_target = final_of(link.target);
    if (link.source != link.target) linked[link.target] = 1;
    if (final_target != kNoUrl && final_target != link.source) linked[final_target] = 1;
  }
  return linked;
}

std::vector<UrlId> index_file_twins(const SiteGraph& graph) {
  std::vector<UrlId> twin(graph.size(), kNoUrl);
  for (UrlId id = 0; id < graph.size(); ++id) {
    const std::uint64_t words = graph.content(id).exact;
    if (words == 0 || !is_ranked(graph.page(id))) continue;
    const std::string_view url = graph.url(id);
    const std::size_t slash = url.rfind('/');
    if (slash == std::string_view::npos || url.find('?') != std::string_view::npos) continue;
    if (!is_index_file(url.substr(slash + 1))) continue;
    const UrlId folder = graph.find(url.substr(0, slash + 1));
    if (folder != kNoUrl && folder != id && is_ranked(graph.page(folder)) && graph.content(folder).exact == words) twin[id] = folder;
  }
  return twin;
}

std::vector<Finding> find_orphan_pages(const CrawlResult& crawl) {
  const SiteGraph& graph = crawl.graph;
  const std::vector<std::uint8_t> linked = linked_pages(graph);
  std::vector<Finding> findings;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    if (!p.internal || !(p.in_sitemap || p.listed || p.seen_before || p.in_folder) || linked[id] || id == crawl.start) continue;
    if (p.outcome != FetchOutcome::kResponse || p.status < 200 || p.status >= 300) continue;
    Finding f;
    f.rule = "orphan-page";
    f.severity = Severity::kWarning;
    f.url = id;
    f.inconclusive = !crawl.complete;
    const char* known = p.in_sitemap ? "in the sitemap"
                        : p.listed   ? "in the --urls list"
                        : p.in_folder ? "a file of the folder"
                                      : "found by the previous crawl";
    f.message = std::string(known) + (f.inconclusive ? ", not linked from any page crawled so far (crawl incomplete)"
                                                     : " but not linked from any crawled page");
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> find_broken_links(const SiteGraph& graph) {
  const FinalTargets final_of(graph);
  // Per page, one byte read per link (the page records are a cache miss apiece on a big site):
  // internal, and whether a link to it ends broken. A redirect loop (no final target) is
  // reported as redirect-loop, not here.
  constexpr std::uint8_t kInternal = 1;
  constexpr std::uint8_t kEndsBroken = 2;
  std::vector<std::uint8_t> flags(graph.size());
  for (UrlId id = 0; id < graph.size(); ++id) {
    const UrlId final_target = final_of(id);
    const bool broken = final_target != kNoUrl && !broken_status(graph.page(final_target)).empty();
    flags[id] = static_cast<std::uint8_t>((graph.page(id).internal ? kInternal : 0) | (broken ? kEndsBroken : 0));
  }
  std::vector<Finding> findings;
  std::set<std::pair<UrlId, UrlId>> seen;
  for (const Link& link : graph.links()) {
    if ((flags[link.target] & kEndsBroken) == 0 || (flags[link.source] & kInternal) == 0) continue;
    // External targets and resources have an outcome only when --check-external or
    // --check-resources fetched them (redirects followed by the check itself).
    const char* rule = broken_rule(link, (flags[link.target] & kInternal) == 0);
    if (rule == nullptr) continue;
    const UrlId final_target = final_of(link.target);
    std::string status = broken_status(graph.page(final_target));
    if (!seen.emplace(link.source, link.target).second) continue;
    Finding f;
    f.rule = rule;
    f.severity = f.rule == "broken-link" ? Severity::kError : Severity::kWarning;
    f.url = link.source;
    f.target = link.target;
    f.final_url = final_target == link.target ? kNoUrl : final_target;
    f.status = std::move(status);
    f.line = link.line;
    f.message = "links to a URL that answers " + f.status;
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> find_invalid_urls(const CrawlResult& crawl) {
  std::vector<Finding> findings;
  for (const InvalidHref& bad : crawl.invalid_hrefs) {
    Finding f;
    f.rule = "invalid-url";
    f.severity = Severity::kWarning;
    f.url = bad.page;
    f.href = bad.href;
    f.line = bad.line;
    f.message = bad.too_long ? "an href longer than --max-url-length once resolved; not fetched" : "an href that is not a valid URL";
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> find_redirect_problems(const SiteGraph& graph, bool chains_cut) {
  // Where a redirect chain starts: a URL that is linked, listed, or the start page, and
  // redirects. URLs only reached through another redirect are inside a chain.
  std::vector<bool> entry(graph.size(), false);
  for (const Link& link : graph.links()) {
    if (link.kind != LinkKind::kRedirect) entry[link.target] = true;
  }
  if (graph.size() > 0) entry[0] = true;  // the start URL is interned first
  std::vector<Finding> findings;
  std::set<std::set<UrlId>> loops_seen;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const Page& p = graph.page(id);
    if (p.redirect_to == kNoUrl || !p.internal || !(entry[id] || p.in_sitemap)) continue;
    std::vector<UrlId> chain;
    std::unordered_set<UrlId> on_chain;
    UrlId at = id;
    while (at != kNoUrl && graph.page(at).redirect_to != kNoUrl && on_chain.insert(at).second) {
      chain.push_back(at);
      at = graph.page(at).redirect_to;
    }
    Finding f;
    f.url = id;
    if (on_chain.count(at)) {
      const std::set<UrlId> cycle(std::find(chain.begin(), chain.end(), at), chain.end());
      if (!loops_seen.insert(cycle).second) continue;
      f.rule = "redirect-loop";
      f.severity = Severity::kError;
      f.final_url = at;  // where the loop closes
      f.message = "redirects in a loop back to " + std::string(graph.url(at));
    } else if (const Page& end = graph.page(at); chains_cut && end.internal && end.outcome == FetchOutcome::kNotFetched) {
      // Cut at --max-redirects: no page at the end, as for a browser (20 hops) or Googlebot (10).
      f.rule = "redirect-chain";
      f.severity = Severity::kError;
      f.final_url = at;
      f.message = std::to_string(chain.size()) + " redirects without reaching a page; not followed past " +
                  std::string(graph.url(at)) + " (--max-redirects)";
    } else if (chain.size() >= 2) {
      f.rule = "redirect-chain";
      f.severity = Severity::kWarning;
      f.final_url = at;
      f.message = std::to_string(chain.size()) + " redirects before " + std::string(graph.url(at));
    } else {
      continue;
    }
    f.chain = std::move(chain);
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace sitegraph
