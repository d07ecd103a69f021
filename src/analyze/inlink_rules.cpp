// Rules about how pages are linked: what reaches a page, from where, and what leaves it.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "analyze/make_finding.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

// Unique internal source pages linking to each page (a link to a redirect counts for the
// redirect's final target), split by what the links can pass.
struct Inlinks {
  std::uint32_t any = 0;         // any <a>/<area> link, nofollow included
  std::uint32_t followable = 0;  // followable links
  std::uint32_t editorial = 0;   // followable links placed in content or an aside
};

bool boilerplate(Placement p) {
  return p == Placement::kHeader || p == Placement::kNav || p == Placement::kFooter || p == Placement::kTemplate;
}

std::vector<Inlinks> count_inlinks(const SiteGraph& graph, const LinkIndex* by_source) {
  // Each source counts once per target, its links' flags OR'ed: 1 any, 2 followable, 4 editorial.
  std::vector<Inlinks> counts(graph.size());
  for_each_source_target(
      graph, by_source,
      [&graph](const Link& link, UrlId) -> std::uint8_t {
        if (!is_click_link(link.kind)) return 0;
        const bool follow = followable(graph, link);
        return static_cast<std::uint8_t>(1 | (follow ? 2 : 0) | (follow && !boilerplate(link.placement) ? 4 : 0));
      },
      [&counts](UrlId target, std::uint8_t flags) {
        Inlinks& c = counts[target];
        c.any += 1;
        c.followable += (flags & 2) ? 1U : 0U;
        c.editorial += (flags & 4) ? 1U : 0U;
      });
  return counts;
}

void page_rules(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options, const LinkIndex* by_source,
                std::vector<Finding>& out) {
  const SiteGraph& g = crawl.graph;
  const std::vector<Inlinks> in = count_inlinks(g, by_source);
  // An index (an A-Z index's letter page, a table of contents) holds many links by design and
  // is reached through its parent index: neither too-many-links nor single-inlink judges it.
  const std::vector<std::uint8_t> index = find_index_pages(g);
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!is_ranked(p)) continue;
    const Inlinks& c = in[id];
    const bool start = id == crawl.start;
    if (!start && c.any > 0 && c.followable == 0) {
      out.push_back(make_finding("nofollow-only-inlinks", id, c.any, "every link to this page is nofollow: it receives no internal authority"));
    }
    if (!start && c.followable > 0 && c.editorial == 0) {
      out.push_back(make_finding("boilerplate-only-inlinks", id, c.followable, "linked only from header, navigation, footer or template links, never from content"));
    }
    if (!start && c.followable == 1 && !index[id]) out.push_back(make_finding("single-inlink", id, 1, "one followable internal link reaches this page"));
    if (audit.depth[id] != kUnreachable && audit.depth[id] > options.max_click_depth) {
      out.push_back(make_finding("deep-page", id, audit.depth[id], std::to_string(audit.depth[id]) + " clicks from the start page"));
    }
    if (audit.facts.indexable[id] && audit.links.outlinks_internal[id] == 0) {
      out.push_back(make_finding("dead-end", id, 0, "an indexable page with no followable link to another page of the site"));
    }
    if (p.noindex && c.followable > 0) {
      out.push_back(make_finding("noindex-linked", id, c.followable, "a noindex page that " + std::to_string(c.followable) + " pages link to"));
    }
    const std::uint32_t targets = audit.links.outlinks_internal[id] + audit.links.outlinks_external[id];
    if (targets > options.max_links && !index[id]) {
      out.push_back(make_finding("too-many-links", id, targets, std::to_string(targets) + " link targets on one page"));
    }
  }
}

void nofollow_internal(const SiteGraph& g, std::vector<Finding>& out) {
  std::set<std::pair<UrlId, UrlId>> seen;
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || (link.rel & kRelNofollow) == 0) continue;
    if (!g.page(link.source).internal || !g.page(link.target).internal || !seen.emplace(link.source, link.target).second) continue;
    Finding f = make_finding("nofollow-internal-link", link.source, 0, "a rel=nofollow link to a page of the same site");
    f.target = link.target;
    f.line = link.line;
    f.href = std::string(g.anchor(link.anchor));
    out.push_back(std::move(f));
  }
}

// An internal link from an https page to an http:// URL of the same site.
bool insecure(const SiteGraph& g, const Link& link) {
  return is_click_link(link.kind) && g.page(link.source).internal && g.page(link.target).internal &&
         g.url(link.source).starts_with("https://") && g.url(link.target).starts_with("http://");
}

// An https page linking an http:// URL of its own site: the click leaves HTTPS (or takes a
// redirect back), and search engines see the insecure URL. One finding per (page, target).
void insecure_links(const SiteGraph& g, std::vector<Finding>& out) {
  std::set<std::pair<UrlId, UrlId>> seen;
  for (const Link& link : g.links()) {
    if (!insecure(g, link) || !seen.emplace(link.source, link.target).second) continue;
    Finding f = make_finding("insecure-link", link.source, 0, "an https page links to the http:// URL of a page of the same site");
    f.target = link.target;
    f.line = link.line;
    f.href = std::string(g.anchor(link.anchor));
    out.push_back(std::move(f));
  }
}

// link-to-redirect: a URL of the site that redirects to a page, linked from pages of the site.
// One finding per redirecting URL, with the pages whose links to edit (the first ten in
// `chain`, all in `count`). Not counted twice: links insecure-link reports, redirects that end
// broken (broken-link) or loop (redirect-loop).
void links_to_redirects(const SiteGraph& g, std::vector<Finding>& out) {
  constexpr std::size_t kSourcesListed = 10;
  std::map<UrlId, std::vector<std::pair<UrlId, std::uint32_t>>> by_target;  // -> (source, line)
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || link.source == link.target) continue;
    const Page& target = g.page(link.target);
    if (!g.page(link.source).internal || !target.internal || target.redirect_to == kNoUrl || insecure(g, link)) continue;
    by_target[link.target].emplace_back(link.source, link.line);
  }
  for (auto& [target, sources] : by_target) {
    const UrlId final_id = g.final_target(target);
    if (final_id == kNoUrl || final_id == target) continue;
    const Page& final_page = g.page(final_id);
    if (final_page.outcome != FetchOutcome::kResponse || final_page.status / 100 != 2) continue;
    // First link per page, in link order.
    std::set<UrlId> seen;
    std::erase_if(sources, [&seen](const auto& s) { return !seen.insert(s.first).second; });
    Finding f = make_finding("link-to-redirect", target, static_cast<std::uint32_t>(sources.size()),
                             "redirects to " + std::string(g.url(final_id)) + "; linked from " + std::to_string(sources.size()) +
                                 (sources.size() == 1 ? " page" : " pages") + ", first " + std::string(g.url(sources.front().first)) +
                                 " line " + std::to_string(sources.front().second));
    f.final_url = final_id;
    for (std::size_t k = 0; k < sources.size() && k < kSourcesListed; ++k) f.chain.push_back(sources[k].first);
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> find_inlink_problems(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options,
                                          const LinkIndex* by_source) {
  std::vector<Finding> out;
  page_rules(crawl, audit, options, by_source, out);
  nofollow_internal(crawl.graph, out);
  insecure_links(crawl.graph, out);
  links_to_redirects(crawl.graph, out);
  return out;
}

}  // namespace sitegraph
