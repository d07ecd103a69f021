// Anchor-text rules: what the words on a link tell search engines and readers about its target.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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

// The anchor as people read it: ASCII lowercase, runs of spaces collapsed, trailing
// punctuation and arrows dropped.
std::string plain_anchor(std::string_view anchor) {
  std::string out;
  for (const char c : anchor) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (bool trimmed = true; trimmed && !out.empty();) {
    trimmed = false;
    for (const std::string_view tail : {".", ":", "!", "?", " ", ">", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x80\xA6", "\xE2\x86\x92"}) {
      if (out.size() >= tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0) {
        out.resize(out.size() - tail.size());
        trimmed = true;
      }
    }
  }
  return out;
}

bool generic(std::string_view plain) {
  static const std::set<std::string, std::less<>> kGeneric = {
      "click here", "here", "read more", "more", "learn more", "this", "link", "this link", "continue",
      "continue reading", "details", "more info", "more information", "go", "see more", "find out more",
      "click", "read", "view", "view more", "info", "page", "website", "this page", "full story"};
  return kGeneric.count(plain) != 0;
}

// Anchors that name a position, not a topic: pagination and navigation words, numbers.
bool positional(std::string_view plain) {
  static const std::set<std::string, std::less<>> kPositional = {
      "next", "previous", "prev", "older", "newer", "older posts", "newer posts", "next page", "previous page",
      "first", "last", "back", "top", "back to top", "home", "\xC2\xAB", "\xC2\xBB", "<", ">"};
  return kPositional.count(plain) != 0 || plain.find_first_not_of("0123456789 ") == std::string_view::npos;
}

void generic_and_empty(const SiteGraph& g, std::vector<Finding>& out) {
  std::set<std::pair<UrlId, UrlId>> seen_generic;
  std::set<std::pair<UrlId, UrlId>> seen_empty;
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || !g.page(link.source).internal) continue;
    const std::string_view anchor = g.anchor(link.anchor);
    const bool empty = anchor.empty();
    if (!empty && !generic(plain_anchor(anchor))) continue;
    auto& seen = empty ? seen_empty : seen_generic;
    if (!seen.emplace(link.source, link.target).second) continue;
    Finding f = make(empty ? "empty-anchor" : "generic-anchor", link.source,
                     empty ? "a link with no text, alt, aria-label or title" : "the anchor text says nothing about the target");
    f.target = link.target;
    f.href = std::string(anchor);
    f.line = link.line;
    out.push_back(std::move(f));
  }
}

// A followable content link between two 2xx HTML pages of the site, as (source, final target).
bool editorial_link(const SiteGraph& g, const Link& link, UrlId& target) {
  if (!is_click_link(link.kind) || link.placement != Placement::kContent || !followable(g, link)) return false;
  if (!g.page(link.source).internal) return false;
  target = g.final_target(link.target);
  if (target == kNoUrl || target == link.source) return false;
  const Page& p = g.page(target);
  // Two URLs canonicalised to one page are one target.
  if (p.canonical != kNoUrl && p.canonical != target) target = p.canonical;
  return g.page(target).internal;
}

// anchor-overuse: most of a target's content inlinks use one exact anchor.
void overuse(const SiteGraph& g, const AuditOptions& options, std::vector<Finding>& out) {
  std::vector<std::tuple<UrlId, UrlId, std::string>> uses;  // (target, source, plain anchor), unique
  for (const Link& link : g.links()) {
    UrlId target = kNoUrl;
    if (!editorial_link(g, link, target)) continue;
    uses.emplace_back(target, link.source, plain_anchor(g.anchor(link.anchor)));
  }
  std::sort(uses.begin(), uses.end());
  uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
  for (std::size_t i = 0; i < uses.size();) {
    const UrlId target = std::get<0>(uses[i]);
    std::set<UrlId> sources;
    std::map<std::string, std::uint32_t> by_anchor;
    for (; i < uses.size() && std::get<0>(uses[i]) == target; ++i) {
      sources.insert(std::get<1>(uses[i]));
      if (!std::get<2>(uses[i]).empty()) ++by_anchor[std::get<2>(uses[i])];
    }
    if (sources.size() < options.anchor_overuse_min || by_anchor.empty()) continue;
    const auto top = std::max_element(by_anchor.begin(), by_anchor.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    const double share = static_cast<double>(top->second) / static_cast<double>(sources.size());
    if (share <= options.anchor_overuse_share) continue;
    Finding f = make("anchor-overuse", target,
                     std::to_string(top->second) + " of " + std::to_string(sources.size()) +
                         " pages linking here from content use the same anchor '" + top->first + "'");
    f.href = top->first;
    f.count = top->second;
    out.push_back(std::move(f));
  }
}

// anchor-conflict: one descriptive anchor text leads to different pages.
void conflict(const SiteGraph& g, std::vector<Finding>& out) {
  std::map<std::string, std::set<std::string_view>> targets;  // plain anchor -> target URLs
  for (const Link& link : g.links()) {
    UrlId target = kNoUrl;
    if (!is_click_link(link.kind) || !followable(g, link) || !g.page(link.source).internal) continue;
    target = g.final_target(link.target);
    if (target == kNoUrl || !g.page(target).internal || g.page(target).status / 100 != 2) continue;
    if (const UrlId c = g.page(target).canonical; c != kNoUrl) target = c;
    std::string plain = plain_anchor(g.anchor(link.anchor));
    if (plain.empty() || generic(plain) || positional(plain)) continue;
    targets[std::move(plain)].insert(g.url(target));
  }
  for (const auto& [anchor, urls] : targets) {
    if (urls.size() < 2) continue;
    Finding f = make("anchor-conflict", g.find(*urls.begin()),
                     "the anchor '" + anchor + "' links to " + std::to_string(urls.size()) + " different pages");
    f.target = g.find(*std::next(urls.begin()));
    f.href = anchor;
    f.count = static_cast<std::uint32_t>(urls.size());
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> find_anchor_problems(const SiteGraph& g, const AuditOptions& options) {
  std::vector<Finding> out;
  generic_and_empty(g, out);
  overuse(g, options, out);
  conflict(g, out);
  return out;
}

}  // namespace sitegraph
