// The link planner (src/analyze/link_plan.cpp) and relevance (src/analyze/relevance.cpp):
// every number a plan reports is checked against the equity model run from scratch on the
// graph with the plan's links added.
#include <catch2/catch.hpp>

#include <set>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/extract.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;

namespace {

struct Site {
  GraphBuilder b;
  std::vector<UrlId> pages;
};

// Eight pages: four about espresso, four about tea, linked unevenly; `extra` links added.
void build(Site& s, const std::vector<std::pair<std::size_t, std::size_t>>& extra = {}) {
  const char* topics[] = {"espresso grinder burr", "tea kettle leaf"};
  const char* subtopics[] = {"crema", "tamper", "oolong", "steep"};
  for (std::size_t i = 0; i < 8; ++i) {
    const UrlId id = s.b.page(i == 0 ? "/" : "/p" + std::to_string(i));
    s.pages.push_back(id);
    const std::string html = "<title>Page " + std::to_string(i) + "</title><p>" + topics[i / 4] + " shop " + subtopics[i / 4 * 2 + i % 2] + "</p>";
    s.b.result().graph.set_terms(id, extract_links(html).terms);
  }
  SiteGraph& g = s.b.result().graph;
  const std::pair<std::size_t, std::size_t> edges[] = {{0, 1}, {0, 2}, {0, 4}, {1, 0}, {2, 0}, {2, 3}, {3, 0}, {4, 0},
                                                       {4, 5}, {5, 4}, {6, 0}, {1, 2}, {7, 6}, {0, 7}};
  for (const auto& [from, to] : edges) link(g, s.pages[from], s.pages[to]);
  for (const auto& [from, to] : extra) link(g, s.pages[from], s.pages[to]);
  s.b.result().start = s.pages[0];
}

double sum_of(const PageRankResult& equity, const std::vector<UrlId>& targets) {
  double sum = 0;
  for (const UrlId t : targets) sum += equity.rank[t];
  return sum;
}

}  // namespace

TEST_CASE("relevance: pages on one topic are related, pages on two are not", "[analyze][plan]") {
  Site s;
  build(s);
  const TermWeights weights(s.b.graph());
  CHECK(weights.relevance(s.pages[1], s.pages[3]) > 0.5);   // espresso, tamper
  CHECK(weights.relevance(s.pages[1], s.pages[2]) > 0.2);   // espresso
  CHECK(weights.relevance(s.pages[1], s.pages[4]) == 0);  // espresso and tea share only "shop" and "page", on every page
  CHECK(weights.relevance(s.pages[1], s.pages[1]) == Approx(1.0));
}

TEST_CASE("link plan: the first pick is the brute-force best, and every number equals a recomputation", "[analyze][plan]") {
  Site s;
  build(s);
  AuditOptions options;
  options.plan.links = 3;
  options.plan.min_relevance = 0.2;
  options.plan.targets = {s.pages[3], s.pages[5]};
  const Audit audit = audit_site(s.b.result(), options);
  const LinkPlan& plan = audit.plan;
  REQUIRE(plan.links.size() == 3);
  CHECK(plan.targets_from == "given");

  // Brute force: every relevant source that does not link to a target yet, each link added
  // to the graph and the model run from scratch.
  const TermWeights weights(s.b.graph());
  const double base = sum_of(audit.equity, plan.targets);
  double best_gain = -1;
  std::pair<UrlId, UrlId> best;
  const std::set<std::pair<std::size_t, std::size_t>> existing = {{0, 1}, {0, 2}, {0, 4}, {1, 0}, {2, 0}, {2, 3}, {3, 0},
                                                                  {4, 0}, {4, 5}, {5, 4}, {6, 0}, {1, 2}, {7, 6}, {0, 7}};
  for (std::size_t t : {3U, 5U}) {
    for (std::size_t src = 0; src < 8; ++src) {
      if (src == t || existing.count({src, t}) || weights.relevance(s.pages[src], s.pages[t]) < 0.2) continue;
      Site with;
      build(with, {{src, t}});
      const double gain = sum_of(site_equity(with.b.graph()), plan.targets) - base;
      if (gain > best_gain) {
        best_gain = gain;
        best = {s.pages[src], s.pages[t]};
      }
    }
  }
  CHECK(plan.links[0].source == best.first);
  CHECK(plan.links[0].target == best.second);
  CHECK(plan.links[0].gain == Approx(best_gain).margin(1e-9));

  // Each link's gain, given the links before it; the targets' equity with all of them.
  std::vector<std::pair<std::size_t, std::size_t>> added;
  double before = base;
  const auto index_of = [&](UrlId id) { return static_cast<std::size_t>(std::find(s.pages.begin(), s.pages.end(), id) - s.pages.begin()); };
  for (const PlannedLink& l : plan.links) {
    CHECK(weights.relevance(l.source, l.target) >= 0.2);
    CHECK(l.relevance == Approx(weights.relevance(l.source, l.target)));
    added.emplace_back(index_of(l.source), index_of(l.target));
    Site with;
    build(with, added);
    const double now = sum_of(site_equity(with.b.graph()), plan.targets);
    CHECK(l.gain == Approx(now - before).margin(1e-9));
    before = now;
  }
  Site all;
  build(all, added);
  const PageRankResult full = site_equity(all.b.graph());
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    CHECK(plan.before[i] == Approx(audit.equity.rank[plan.targets[i]]).margin(1e-12));
    CHECK(plan.after[i] == Approx(full.rank[plan.targets[i]]).margin(1e-9));
  }
  CHECK(plan.total_gain == Approx(before - base).margin(1e-9));
  CHECK(plan.evaluations <= plan.evaluations_eager);
}

TEST_CASE("link plan: no source on another topic, and no more links per source than allowed", "[analyze][plan]") {
  Site s;
  build(s);
  AuditOptions options;
  options.plan.links = 10;
  options.plan.min_relevance = 0.2;
  options.plan.max_per_source = 1;
  options.plan.targets = {s.pages[3], s.pages[5]};
  const Audit audit = audit_site(s.b.result(), options);
  std::set<UrlId> sources;
  for (const PlannedLink& l : audit.plan.links) {
    CHECK(sources.insert(l.source).second);
    const bool espresso_target = l.target == s.pages[3];
    const auto at = std::find(s.pages.begin(), s.pages.end(), l.source) - s.pages.begin();
    CHECK((at < 4) == espresso_target);  // tea pages never link to espresso pages, nor the other way
  }
  CHECK(!audit.plan.links.empty());
}

TEST_CASE("link plan: without targets given, the orphans are served", "[analyze][plan]") {
  Site s;
  build(s);
  const UrlId orphan = s.b.page("/p8");
  s.b.at(orphan).in_sitemap = true;
  s.b.result().graph.set_terms(orphan, extract_links("<title>Burr grinder</title><p>espresso grinder burr roast</p>").terms);
  AuditOptions options;
  options.plan.links = 2;
  const Audit audit = audit_site(s.b.result(), options);
  CHECK(audit.plan.targets_from == "orphans");
  REQUIRE(audit.plan.targets == std::vector<UrlId>{orphan});
  REQUIRE(!audit.plan.links.empty());
  CHECK(audit.plan.links[0].target == orphan);
  CHECK(audit.plan.after[0] > audit.plan.before[0]);
}

TEST_CASE("link plan: a page linking to the target already, directly, through a redirect or in its navigation, is no source", "[analyze][plan]") {
  Site s;
  build(s);
  // /p1 reaches /p3 through /old (301), /p2 links to it already (the base graph), and the home
  // page links to it from its navigation; a nofollow link does not count as a link.
  const UrlId old = s.b.page("/old");
  s.b.redirect(old, s.pages[3]);
  link(s.b.result().graph, s.pages[1], old);
  link(s.b.result().graph, s.pages[0], s.pages[3], Placement::kNav);
  // One more page on espresso that does not link to /p3: the only source left.
  const UrlId fresh = s.b.page("/p8");
  s.b.result().graph.set_terms(fresh, extract_links("<title>Tamper</title><p>espresso grinder burr shop tamper</p>").terms);
  link(s.b.result().graph, s.pages[0], fresh);
  link(s.b.result().graph, fresh, s.pages[3], Placement::kContent, kRelNofollow);
  AuditOptions options;
  options.plan.links = 10;
  options.plan.min_relevance = 0.2;
  options.plan.max_per_source = 3;
  options.plan.targets = {s.pages[3]};
  const Audit audit = audit_site(s.b.result(), options);
  REQUIRE(audit.plan.links.size() == 1);
  CHECK(audit.plan.links[0].source == fresh);
  CHECK(audit.plan.sources == std::vector<std::size_t>{1});
}
