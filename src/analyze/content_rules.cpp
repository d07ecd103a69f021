// Indexability and anchor-text rules.

#include <algorithm>
#include <set>

#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

Finding make(std::string_view rule, UrlId url, std::string message) {
  Finding f;
  f.rule = std::string(rule);
  f.severity = find_rule(rule)->severity;
  f.url = url;
  f.message = std::move(message);
  return f;
}

// Why a fetched page cannot be indexed, or empty when it can.
std::string not_indexable_because(const SiteGraph& g, UrlId id) {
  const Page& p = g.page(id);
  if (p.outcome == FetchOutcome::kRobotsBlocked) return "robots-blocked";
  if (p.outcome != FetchOutcome::kResponse) return std::string(outcome_name(p.outcome));
  if (p.redirect_to != kNoUrl) return "redirect";
  if (p.status / 100 != 2) return std::to_string(p.status);
  if (!p.fetched_html) return "not-html";
  if (p.noindex) return "noindex";
  if (p.canonical != kNoUrl && p.canonical != id) return "canonicalised";
  return {};
}

// The anchor as people read it: lowercase, spaces collapsed, trailing punctuation dropped.
std::string plain_anchor(std::string_view anchor) {
  std::string out;
  for (const char c : anchor) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  while (!out.empty() && std::string_view(".:!?»›>…→ ").find(out.back()) != std::string_view::npos) out.pop_back();
  return out;
}

bool generic(std::string_view anchor) {
  static const std::set<std::string, std::less<>> kGeneric = {
      "click here", "here", "read more", "more", "learn more", "this", "link", "this link", "continue",
      "continue reading", "details", "more info", "more information", "go", "see more", "find out more",
      "click", "read", "view", "view more", "info", "page", "website", "this page", "full story"};
  return kGeneric.count(plain_anchor(anchor)) != 0;
}

}  // namespace

std::vector<Finding> find_indexability_problems(const CrawlResult& crawl) {
  const SiteGraph& g = crawl.graph;
  std::vector<Finding> out;
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!p.internal || p.outcome == FetchOutcome::kNotFetched) continue;
    // A canonical that was never fetched (external, over a limit) is not judged.
    if (p.canonical != kNoUrl && p.canonical != id && g.page(p.canonical).outcome != FetchOutcome::kNotFetched) {
      if (std::string why = not_indexable_because(g, p.canonical); !why.empty()) {
        Finding f = make("canonical-target-broken", id, "the canonical URL is not an indexable page (" + why + ")");
        f.target = p.canonical;
        f.status = why;
        out.push_back(std::move(f));
      }
    }
    if (p.in_sitemap) {
      if (std::string why = not_indexable_because(g, id); !why.empty()) {
        Finding f = make("sitemap-not-indexable", id, "listed in the sitemap but not indexable (" + why + ")");
        f.status = why;
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

std::vector<Finding> find_anchor_problems(const SiteGraph& g) {
  std::vector<Finding> out;
  std::set<std::pair<UrlId, UrlId>> seen_generic;
  std::set<std::pair<UrlId, UrlId>> seen_empty;
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || !g.page(link.source).internal) continue;
    const std::string_view anchor = g.anchor(link.anchor);
    const bool empty = anchor.empty();
    if (!empty && !generic(anchor)) continue;
    auto& seen = empty ? seen_empty : seen_generic;
    if (!seen.emplace(link.source, link.target).second) continue;
    Finding f = make(empty ? "empty-anchor" : "generic-anchor", link.source,
                     empty ? "a link with no text, alt, aria-label or title" : "the anchor text says nothing about the target");
    f.target = link.target;
    f.href = std::string(anchor);
    f.line = link.line;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sitegraph
