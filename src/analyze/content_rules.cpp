// Indexability rules.

#include <algorithm>
#include <tuple>

#include "analyze/passes.hpp"
#include "analyze/make_finding.hpp"
#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

}  // namespace

bool was_requested(const Page& p) { return p.outcome != FetchOutcome::kNotFetched && p.outcome != FetchOutcome::kExcluded; }

std::string not_indexable_because(const SiteGraph& g, UrlId id) {
  const Page& p = g.page(id);
  if (p.outcome == FetchOutcome::kRobotsBlocked) return "robots-blocked";
  if (p.outcome != FetchOutcome::kResponse) return std::string(outcome_name(p.outcome));
  if (p.redirect_to != kNoUrl) return "redirect";
  if (p.status / 100 != 2) return std::to_string(p.status);
  if (p.soft_404) return "soft-404";
  if (!p.fetched_html) return "not-html";
  if (p.noindex) return "noindex";
  if (p.canonical != kNoUrl && p.canonical != id) return "canonicalised";
  return {};
}

namespace {

// soft-404-site: the site answered 2xx for a URL that cannot exist (the probe); soft-404: a
// page of the site answering with that content (Page::soft_404, marked by the crawl).
void soft_404s(const CrawlResult& crawl, std::vector<Finding>& out) {
  const SiteGraph& g = crawl.graph;
  const SoftNotFoundProbe* answered = nullptr;
  for (const SoftNotFoundProbe& probe : crawl.soft_404_probes) {
    if (probe.outcome != FetchOutcome::kResponse || probe.status / 100 != 2) continue;
    answered = &probe;
    std::string what = probe.title.empty() ? std::string("a page without a title") : "\"" + probe.title + "\"";
    Finding f = make_finding("soft-404-site", crawl.start, static_cast<std::uint32_t>(probe.pages),
                             probe.url + " answered " + std::to_string(probe.status) + " with " + what + " (" +
                                 std::to_string(probe.content.words) + " words) instead of 404; " + std::to_string(probe.pages) +
                                 (probe.pages == 1 ? " page of the site answers" : " pages of the site answer") + " the same");
    f.status = std::to_string(probe.status);
    out.push_back(std::move(f));
  }
  for (UrlId id = 0; id < g.size(); ++id) {
    if (!g.page(id).soft_404 || !g.page(id).internal) continue;
    out.push_back(make_finding("soft-404", id, 0, "answers " + std::to_string(g.page(id).status) +
                                                      " with what the site answers for a URL that cannot exist" +
                                                      (answered ? " (" + answered->url + ")" : std::string())));
  }
}

// canonical-conflict: a page naming two or more different canonical URLs (two tags, or a tag
// and the Link: header). Search engines then ignore them all, and so does the crawl
// (Page::canonical is none).
void canonical_conflicts(const SiteGraph& g, std::vector<Finding>& out) {
  std::vector<std::tuple<UrlId, std::size_t>> named;  // (page, link index), in link order per page
  for (std::size_t i = 0; i < g.links().size(); ++i) {
    const Link& link = g.links()[i];
    if (link.kind == LinkKind::kCanonical && g.page(link.source).internal) named.emplace_back(link.source, i);
  }
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (std::size_t from = 0; from < named.size();) {
    const UrlId page = std::get<0>(named[from]);
    std::size_t to = from;
    std::vector<UrlId> targets;
    std::string where;
    for (; to < named.size() && std::get<0>(named[to]) == page; ++to) {
      const Link& link = g.links()[std::get<1>(named[to])];
      if (std::find(targets.begin(), targets.end(), link.target) != targets.end()) continue;
      targets.push_back(link.target);
      where += std::string(targets.size() == 1 ? "" : ", ") + std::string(g.url(link.target)) +
               (link.placement == Placement::kHeader && link.line == 0 ? " (Link: header)" : " (line " + std::to_string(link.line) + ")");
    }
    from = to;
    if (targets.size() < 2) continue;
    Finding f = make_finding("canonical-conflict", page, static_cast<std::uint32_t>(targets.size()),
                             "names " + std::to_string(targets.size()) + " different canonical URLs, so search engines may ignore them all: " + where);
    f.chain = std::move(targets);
    out.push_back(std::move(f));
  }
}

// canonical-chain and canonical-loop: the canonical of a page names a page whose canonical is a
// third page (A -> B -> C: engines may not follow it, and equity folds to C at best), or leads
// back (A -> B -> A: no canonical holds).
void canonical_chains(const SiteGraph& g, std::vector<Finding>& out) {
  constexpr std::size_t kMaxHops = 20;
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!p.internal || p.canonical == kNoUrl || p.canonical == id) continue;
    const UrlId next = g.page(p.canonical).canonical;
    if (next == kNoUrl || next == p.canonical) continue;
    std::vector<UrlId> chain{id, p.canonical};
    UrlId at = p.canonical;
    bool loop = false;
    while (chain.size() <= kMaxHops) {
      const UrlId c = g.page(at).canonical;
      if (c == kNoUrl || c == at) break;
      if (std::find(chain.begin(), chain.end(), c) != chain.end()) {
        loop = true;
        at = c;
        break;
      }
      chain.push_back(c);
      at = c;
    }
    const auto hops = static_cast<std::uint32_t>(chain.size() - 1);
    Finding f = loop ? make_finding("canonical-loop", id, hops, "the canonicals lead back to " + std::string(g.url(at)) + ": no canonical holds")
                     : make_finding("canonical-chain", id, hops, "a chain of " + std::to_string(hops) + " canonicals ending at " +
                                                                    std::string(g.url(chain.back())) + "; name it directly");
    f.final_url = loop ? at : chain.back();
    f.chain = std::move(chain);
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> find_indexability_problems(const CrawlResult& crawl) {
  const SiteGraph& g = crawl.graph;
  std::vector<Finding> out;
  soft_404s(crawl, out);
  canonical_conflicts(g, out);
  canonical_chains(g, out);
  for (UrlId id = 0; id < g.size(); ++id) {
    const Page& p = g.page(id);
    if (!p.internal || !was_requested(p)) continue;
    // A canonical that was never fetched (external, over a limit, excluded) is not judged.
    if (p.canonical != kNoUrl && p.canonical != id && was_requested(g.page(p.canonical))) {
      // A canonical that is itself canonicalised is canonical-chain's (or -loop's).
      if (std::string why = not_indexable_because(g, p.canonical); !why.empty() && why != "canonicalised") {
        Finding f = make_finding("canonical-target-broken", id, 0, "the canonical URL is not an indexable page (" + why + ")");
        f.target = p.canonical;
        f.status = why;
        out.push_back(std::move(f));
      }
    }
    if (p.in_sitemap) {
      if (std::string why = not_indexable_because(g, id); !why.empty()) {
        Finding f = make_finding("sitemap-not-indexable", id, 0, "listed in the sitemap but not indexable (" + why + ")");
        f.status = why;
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace sitegraph
