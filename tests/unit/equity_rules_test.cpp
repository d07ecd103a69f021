// The rules about where equity goes (src/analyze/equity_rules.cpp): priority-page-weak and
// authority-sink, on small hand-built graphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

TEST_CASE("priority-page-weak: deep, few content inlinks or equity below its cluster's median", "[rules][priority]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId strong = b.page("/shop/strong");
  const UrlId weak = b.page("/shop/weak");
  SiteGraph& g = b.result().graph;
  std::vector<UrlId> feeders;
  for (int i = 0; i < 4; ++i) {
    feeders.push_back(b.page("/shop/feeder-" + std::to_string(i)));
    link(g, home, feeders.back());
    link(g, feeders.back(), strong);
  }
  link(g, home, weak, Placement::kFooter);
  b.result().start = home;
  AuditOptions options;
  options.priority = {strong, weak};
  const Audit audit = audit_site(b.result(), options);
  CHECK(urls_of(audit, g, "priority-page-weak") == std::vector<std::string>{"/shop/weak"});
  CHECK(audit.priority[weak] == 1);
  CHECK(audit.priority[home] == 0);
}

TEST_CASE("authority-sink: a page with backlinks and few content links to indexable pages", "[rules][authority]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId landing = b.page("/viral-post");
  const UrlId hub = b.page("/guides/");
  SiteGraph& g = b.result().graph;
  link(g, home, landing);
  link(g, home, hub);
  link(g, landing, home, Placement::kNav);
  link(g, hub, home, Placement::kContent);
  b.result().start = home;
  AuditOptions options;
  options.authority.assign(g.size(), 0.0);
  options.authority[landing] = 10;
  const Audit audit = audit_site(b.result(), options);
  CHECK(urls_of(audit, g, "authority-sink") == std::vector<std::string>{"/viral-post"});
  CHECK(audit.external_authority[landing] == Approx(1.0));
  // Without backlinks the rule has nothing to judge.
  CHECK(urls_of(audit_site(b.result()), g, "authority-sink").empty());
}

TEST_CASE("broken-backlink: backlinks landing on an error, a redirect loop, a blocked URL or a file are reported with their weight", "[rules][authority]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId live = b.page("/live");
  const UrlId gone = b.page("/gone", 404);
  const UrlId loop_a = b.page("/loop-a");
  const UrlId loop_b = b.page("/loop-b");
  const UrlId blocked = b.page("/private/x");
  const UrlId file = b.page("/report.pdf");
  const UrlId unfetched = b.page("/later");
  SiteGraph& g = b.result().graph;
  b.redirect(loop_a, loop_b);
  b.redirect(loop_b, loop_a);
  b.at(blocked).outcome = FetchOutcome::kRobotsBlocked;
  b.at(blocked).status = 0;
  b.at(blocked).fetched_html = false;
  b.at(file).fetched_html = false;
  g.text(file).content_type = "application/pdf";
  b.at(unfetched).outcome = FetchOutcome::kNotFetched;  // --max-pages: nothing is known of it
  b.at(unfetched).status = 0;
  b.at(unfetched).fetched_html = false;
  link(g, home, live);
  link(g, live, home);
  b.result().start = home;
  AuditOptions options;
  options.authority.assign(g.size(), 0.0);
  options.authority[live] = 5;
  options.authority[gone] = 80;
  options.authority[loop_a] = 2.5;
  options.authority[blocked] = 1;
  options.authority[file] = 3;
  options.authority[unfetched] = 7;
  const Audit audit = audit_site(b.result(), options);
  std::vector<std::string> reported = urls_of(audit, g, "broken-backlink");
  std::sort(reported.begin(), reported.end());
  CHECK(reported == std::vector<std::string>{"/gone", "/loop-a", "/private/x", "/report.pdf"});
  for (const Finding& f : audit.findings) {
    if (f.rule != "broken-backlink") continue;
    if (f.url == gone) {
      CHECK(f.count == 80);
      CHECK(f.message.find("weight 80 land here, but it answers 404") != std::string::npos);
    }
    if (f.url == loop_a) CHECK(f.message.find("redirects in a loop") != std::string::npos);
    if (f.url == blocked) CHECK(f.message.find("blocked by robots.txt") != std::string::npos);
    if (f.url == file) CHECK(f.message.find("not an HTML page (application/pdf)") != std::string::npos);
  }
  CHECK_FALSE(find_rule("broken-backlink")->needs_complete_crawl);  // a 404 seen is proof
}
