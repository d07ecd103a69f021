// Rules about how pages are linked: what reaches a page, from where, and what leaves it.

#include <algorithm>
#include <cmath>
#include <cstdio>
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

// Per page: whether some followable link reaches it from a page with at most --link-list-links
// content links, and its inlinking page with the most equity.
struct ListInlinks {
  std::vector<std::uint8_t> from_selective;
  std::vector<UrlId> strongest;
};

ListInlinks list_inlinks(const SiteGraph& g, const Audit& audit, const AuditOptions& options) {
  ListInlinks out{std::vector<std::uint8_t>(g.size(), 0), std::vector<UrlId>(g.size(), kNoUrl)};
  const FinalTargets final_of(g);
  const auto equity = [&](UrlId id) { return id < audit.equity.rank.size() && !std::isnan(audit.equity.rank[id]) ? audit.equity.rank[id] : 0.0; };
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || !followable(g, link) || !g.page(link.source).internal) continue;
    const UrlId target = final_of(link.target);
    if (target == kNoUrl || target == link.source) continue;
    // A list is a page with many links in its content: a tag archive, a paginated listing, an
    // A-Z index. A page with a big sidebar or menu and a few content links is an article.
    if (audit.links.content_links[link.source] <= options.link_list_links) out.from_selective[target] = 1;
    UrlId& best = out.strongest[target];
    if (best == kNoUrl || equity(link.source) > equity(best)) best = link.source;
  }
  return out;
}

// The content links a page of `words` main-content words should have at least: the per-1,000
// words figure grows with the page only up to 6, the top of the advice's "2 to 6 per long page"
// (a 20,000-word reference page with 12 content links is not short of them).
std::uint32_t content_link_floor(std::uint32_t words, const AuditOptions& options) {
  constexpr double kMostPerPage = 6;
  const double per_words = std::min(kMostPerPage, std::floor(words / 1000.0 * options.content_links_per_1000_words));
  return std::max(options.min_content_links, static_cast<std::uint32_t>(per_words));
}

void page_rules(const CrawlResult& crawl, const Audit& audit, const AuditOptions& options, const LinkIndex* by_source,
                std::vector<Finding>& out) {
  const SiteGraph& g = crawl.graph;
  const std::vector<Inlinks> in = count_inlinks(g, by_source);
  // An index (an A-Z index's letter page, a table of contents) holds many links by design and
  // is reached through its parent index: neither too-many-links nor single-inlink judges it.
  const std::vector<std::uint8_t> index = find_index_pages(g);
  const ListInlinks lists = list_inlinks(g, audit, options);
  // The start page under its other URL ("/index.html" beside "/") is the home page too: the
  // site's navigation links it on every page by design.
  const std::vector<UrlId> twin = index_file_twins(g);
  const UrlId start_twin = crawl.start < g.size() ? twin[crawl.start] : kNoUrl;
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!is_ranked(p)) continue;
    const Inlinks& c = in[id];
    const bool start = id == crawl.start || (crawl.start != kNoUrl && twin[id] == crawl.start) || (start_twin != kNoUrl && id == start_twin);
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
    // A long page carries links in proportion: at least 20 words of main text per link target
    // (at most 50 per 1,000 words) is prose that cites, as a release notes page of 12,000 words
    // and 220 links does. An overview is a list by design: most of its targets linked from its
    // content, under 10 words of main text for each (a library's member table, a link
    // directory). What is left swells with navigation (a mega menu) or packs prose with links.
    // Past 5 x --max-links no page holds its links by design (a hub of 5,000 articles).
    const std::uint64_t main_words = g.content(id).main_words;
    const std::uint32_t in_content = audit.links.content_targets[id];
    // Both need the page's text read (any words at all: a list of links has no main text,
    // its link blocks left out, but has words); an imported edge list has none.
    const bool text_read = g.content(id).words > 0;
    const bool in_proportion = text_read && main_words >= 20ULL * targets;
    const bool overview = text_read && 2ULL * in_content >= targets && main_words < 10ULL * in_content;
    const bool by_design = (in_proportion || overview) && targets <= 5ULL * options.max_links;
    if (targets > options.max_links && !index[id] && !by_design) {
      out.push_back(make_finding("too-many-links", id, targets, std::to_string(targets) + " link targets on one page"));
    }
    // A small list itself (a symbol index's letter page) reached from its parent list is how
    // an index is built, not a weakly linked page: mostly links, few words per link.
    const std::uint32_t content_links = audit.links.content_links[id];
    const bool list_like = content_links >= 10 && g.content(id).main_words < 10 * content_links;
    if (!start && c.followable > 0 && !lists.from_selective[id] && audit.facts.indexable[id] && !index[id] && !list_like) {
      const UrlId best = lists.strongest[id];
      char equity[32];
      std::snprintf(equity, sizeof equity, "%.3g", best < audit.equity.rank.size() ? audit.equity.rank[best] : 0.0);
      Finding f = make_finding("linked-only-from-lists", id, c.followable,
                               "every page linking here lists more than " + std::to_string(options.link_list_links) +
                                   " pages in its content (a list, an archive); the strongest is " +
                                   (best == kNoUrl ? std::string("none") : std::string(g.url(best))) + " (equity " + equity +
                                   "): link it from a page on its topic");
      f.target = best;
      out.push_back(std::move(f));
    }
    const std::uint32_t words = g.content(id).main_words;
    if (audit.facts.indexable[id] && words >= options.long_page_words && !index[id]) {
      const std::uint32_t floor = content_link_floor(words, options);
      const std::uint32_t have = audit.links.content_links[id];
      if (have < floor) {
        out.push_back(make_finding("few-content-links", id, have,
                                   std::to_string(words) + " words of main content and " + std::to_string(have) + " content link" +
                                       (have == 1 ? "" : "s") + " to other pages of the site (at least " + std::to_string(floor) +
                                       " expected)"));
      }
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

// The host of a normalised URL ("www.example.com"), empty when it has none.
std::string_view host_of(std::string_view url) {
  const std::size_t start = url.find("://");
  if (start == std::string_view::npos) return {};
  const std::string_view rest = url.substr(start + 3);
  return rest.substr(0, rest.find_first_of(":/?#"));
}

// "www.example.com" and "example.com": one site under two host names.
bool www_variants(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  return a.size() == b.size() + 4 && a.starts_with("www.") && a.substr(4) == b;
}

// Why a link from a page of the site is insecure-link: an https page linking an http:// URL
// of its own site, or a URL of the site's other host name (www. added or dropped); empty
// when it is neither.
std::string_view insecure_because(const SiteGraph& g, const Link& link) {
  if (!is_click_link(link.kind) || !g.page(link.source).internal) return {};
  const std::string_view from = g.url(link.source);
  const std::string_view to = g.url(link.target);
  if (www_variants(host_of(from), host_of(to))) return "links to the site under its other host name";
  if (g.page(link.target).internal && from.starts_with("https://") && to.starts_with("http://")) {
    return "an https page links to the http:// URL of a page of the same site";
  }
  return {};
}

// The click leaves HTTPS or the site's host name (or takes a redirect back), and search
// engines see a second URL for the page. One finding per (page, target).
void insecure_links(const SiteGraph& g, std::vector<Finding>& out) {
  std::set<std::pair<UrlId, UrlId>> seen;
  for (const Link& link : g.links()) {
    const std::string_view why = insecure_because(g, link);
    if (why.empty() || !seen.emplace(link.source, link.target).second) continue;
    Finding f = make_finding("insecure-link", link.source, 0, std::string(why));
    f.target = link.target;
    f.line = link.line;
    f.href = std::string(g.anchor(link.anchor));
    out.push_back(std::move(f));
  }
}

// The pages of the site linking each target `wanted` accepts (click links, not to
// themselves), each page once with its first link's line, in link order.
template <typename Wanted>
std::map<UrlId, std::vector<std::pair<UrlId, std::uint32_t>>> linking_pages(const SiteGraph& g, Wanted wanted) {
  std::map<UrlId, std::vector<std::pair<UrlId, std::uint32_t>>> by_target;  // -> (source, line)
  for (const Link& link : g.links()) {
    if (!is_click_link(link.kind) || link.source == link.target || !g.page(link.source).internal) continue;
    if (wanted(link)) by_target[link.target].emplace_back(link.source, link.line);
  }
  for (auto& [target, sources] : by_target) {
    std::set<UrlId> seen;
    std::erase_if(sources, [&seen](const auto& s) { return !seen.insert(s.first).second; });
  }
  return by_target;
}

// A finding about a linked URL that should be linked as `final_id` instead: the pages whose
// links to edit (the first ten in `chain`, all in `count`).
Finding link_to_fix(const SiteGraph& g, std::string_view rule, UrlId target, UrlId final_id, std::string_view what,
                    const std::vector<std::pair<UrlId, std::uint32_t>>& sources) {
  constexpr std::size_t kSourcesListed = 10;
  Finding f = make_finding(rule, target, static_cast<std::uint32_t>(sources.size()),
                           std::string(what) + " " + std::string(g.url(final_id)) + "; linked from " +
                               std::to_string(sources.size()) + (sources.size() == 1 ? " page" : " pages") + ", first " +
                               std::string(g.url(sources.front().first)) + " line " + std::to_string(sources.front().second));
  f.final_url = final_id;
  for (std::size_t k = 0; k < sources.size() && k < kSourcesListed; ++k) f.chain.push_back(sources[k].first);
  return f;
}

bool answered_2xx(const Page& p) { return p.outcome == FetchOutcome::kResponse && p.status / 100 == 2; }

// link-to-redirect: a URL of the site that redirects to a page, linked from pages of the site,
// one finding per redirecting URL. Not counted twice: links insecure-link reports, redirects
// that end broken (broken-link) or loop (redirect-loop).
void links_to_redirects(const SiteGraph& g, std::vector<Finding>& out) {
  const auto by_target = linking_pages(g, [&g](const Link& link) {
    const Page& target = g.page(link.target);
    return target.internal && target.redirect_to != kNoUrl && insecure_because(g, link).empty();
  });
  for (const auto& [target, sources] : by_target) {
    const UrlId final_id = g.final_target(target);
    if (final_id == kNoUrl || final_id == target || !answered_2xx(g.page(final_id))) continue;
    out.push_back(link_to_fix(g, "link-to-redirect", target, final_id, "redirects to", sources));
  }
}

// link-to-canonicalised: a page of the site whose canonical is another page of the site
// (an indexable page: a chain or a broken canonical is the canonical rules' finding), linked
// from pages of the site; one finding per canonicalised URL. The canonical page's own link to
// its variant ("print version") is by design: linking the canonical there would link itself.
void links_to_canonicalised(const SiteGraph& g, std::vector<Finding>& out) {
  const auto by_target = linking_pages(g, [&g](const Link& link) {
    const Page& target = g.page(link.target);
    return target.internal && target.redirect_to == kNoUrl && target.canonical != kNoUrl && target.canonical != link.target &&
           target.canonical != link.source;
  });
  for (const auto& [target, sources] : by_target) {
    const UrlId canonical = g.page(target).canonical;
    const Page& c = g.page(canonical);
    if (!answered_2xx(c) || !c.fetched_html || c.noindex || c.redirect_to != kNoUrl) continue;
    if (c.canonical != kNoUrl && c.canonical != canonical) continue;
    out.push_back(link_to_fix(g, "link-to-canonicalised", target, canonical, "canonicalised to", sources));
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
  links_to_canonicalised(crawl.graph, out);
  return out;
}

}  // namespace sitegraph
