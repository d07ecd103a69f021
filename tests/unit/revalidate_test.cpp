// --since alone, without the crawl loop (src/crawl/revalidate.cpp): which pages are seeded,
// which requests carry validators, and what a 304 takes from the previous crawl.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "crawl/revalidate.hpp"
#include "graph_builder.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {

// The previous crawl: / links /a (in content, anchor "A") and /b; /a has an ETag, /b none,
// /gone answered 404, and another site's page was recorded as a link target.
GraphBuilder previous_crawl() {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId b = g.page("/b");
  g.page("/gone", 404);
  const UrlId other = g.external("https://other.test/x");
  SiteGraph& graph = g.result().graph;
  graph.add_link({home, a, graph.intern_anchor("A"), 3, LinkKind::kAnchor, kRelNone, Placement::kContent});
  graph.add_link({home, b, graph.intern_anchor("B"), 4, LinkKind::kAnchor, kRelNofollow, Placement::kNav});
  graph.add_link({home, other, graph.intern_anchor("elsewhere"), 5, LinkKind::kAnchor, kRelNone, Placement::kFooter});
  graph.text(home).etag = "\"home-1\"";
  graph.text(home).title = "Home";
  graph.text(home).content_type = "text/html";
  graph.text(a).last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
  g.at(home).bytes = 4321;
  return g;
}

// The crawler's add_url, for a crawl of https://site.test/.
AddUrl url_adder(CrawlState& state) {
  return [&state](const std::string& url) {
    const UrlId id = state.graph().add_url(url);
    state.graph().page(id).internal = url.rfind("https://site.test/", 0) == 0;
    return id;
  };
}

}  // namespace

TEST_CASE("revalidate: the previous crawl's 2xx HTML pages in scope are seeds", "[crawl][revalidate]") {
  GraphBuilder g = previous_crawl();
  const Revalidation since(g.result());
  std::vector<std::string> pages = since.pages_in(Scope("https://site.test/"));
  std::sort(pages.begin(), pages.end());
  CHECK(pages == std::vector<std::string>{"https://site.test/", "https://site.test/a", "https://site.test/b"});
  CHECK(since.pages_in(Scope("https://another.test/")).empty());
}

TEST_CASE("revalidate: only pages with a validator are asked conditionally (RFC 9110 13.1)", "[crawl][revalidate]") {
  GraphBuilder g = previous_crawl();
  const Revalidation since(g.result());
  FetchRequest home{"https://site.test/", 0};
  since.add_validators(home);
  CHECK(home.if_none_match == "\"home-1\"");
  CHECK(home.if_modified_since.empty());
  FetchRequest a{"https://site.test/a", 0};
  since.add_validators(a);
  CHECK(a.if_modified_since == "Tue, 14 Nov 2023 22:13:20 GMT");
  FetchRequest b{"https://site.test/b", 0};
  since.add_validators(b);
  CHECK(b.if_none_match.empty());
  CHECK(b.if_modified_since.empty());
  CHECK(since.can_reuse("https://site.test/"));
  CHECK_FALSE(since.can_reuse("https://site.test/b"));     // no validator: a 304 cannot be trusted
  CHECK_FALSE(since.can_reuse("https://site.test/gone"));  // not a 2xx page then
  CHECK_FALSE(since.can_reuse("https://site.test/new"));   // not in the previous crawl
}

TEST_CASE("revalidate: a 304 takes the page's facts and links from the previous crawl", "[crawl][revalidate]") {
  GraphBuilder old = previous_crawl();
  Revalidation since(old.result());
  CrawlState state;
  const AddUrl add_url = url_adder(state);
  const UrlId home = add_url("https://site.test/");
  state.graph().page(home).outcome = FetchOutcome::kResponse;
  state.graph().page(home).status = 304;
  std::vector<Link> recorded;
  since.reuse(state, home, add_url, [&](const Link& link) {
    state.graph().add_link(link);
    recorded.push_back(link);
  });
  const Page& page = state.graph().page(home);
  CHECK(page.status == 200);
  CHECK(page.fetched_html);
  CHECK(page.revalidated);
  CHECK(page.bytes == 4321);
  CHECK(state.graph().text(home).title == "Home");
  CHECK(state.graph().text(home).content_type == "text/html");
  CHECK(state.graph().text(home).etag == "\"home-1\"");
  REQUIRE(recorded.size() == 3);
  CHECK(state.graph().url(recorded[0].target) == "https://site.test/a");
  CHECK(state.graph().anchor(recorded[0].anchor) == "A");
  CHECK(recorded[0].line == 3);
  CHECK(recorded[1].rel == kRelNofollow);
  CHECK(recorded[1].placement == Placement::kNav);
  CHECK(state.graph().url(recorded[2].target) == "https://other.test/x");
  CHECK_FALSE(state.graph().page(recorded[2].target).internal);
}

TEST_CASE("revalidate: a 2xx with the parsed body reuses the page, its invalid hrefs too, keeping this response's fields", "[crawl][revalidate]") {
  GraphBuilder old = previous_crawl();
  SiteGraph& before = old.result().graph;
  const UrlId home_before = before.find("https://site.test/");
  const UrlId a_before = before.find("https://site.test/a");
  const UrlId b_before = before.find("https://site.test/b");
  before.text(home_before).body_hash = 0x1234;
  before.set_fragment_ids(home_before, {});  // parsed: its ids are known (none)
  before.text(a_before).body_hash = 0x5678;    // restored from a journal: no ids, so not whole
  before.text(b_before).body_hash = 0x9abc;
  before.set_fragment_ids(b_before, {});
  old.at(b_before).noindex = true;  // from a meta tag or a header: the record cannot tell
  old.result().invalid_hrefs.push_back({home_before, "http://[bad", 12, false});
  Revalidation since(old.result());
  CHECK(since.same_body("https://site.test/", 0x1234));
  CHECK_FALSE(since.same_body("https://site.test/", 0x1235));
  CHECK_FALSE(since.same_body("https://site.test/a", 0x5678));
  CHECK_FALSE(since.same_body("https://site.test/b", 0x9abc));
  CHECK_FALSE(since.same_body("https://site.test/new", 0x1234));

  CrawlState state;
  const AddUrl add_url = url_adder(state);
  const UrlId home = add_url("https://site.test/");
  state.graph().page(home).outcome = FetchOutcome::kResponse;
  state.graph().page(home).status = 203;
  state.graph().page(home).bytes = 99;
  state.graph().text(home).content_type = "text/html; charset=utf-8";
  state.graph().text(home).body_hash = 0x1234;
  std::vector<Link> recorded;
  since.reuse(state, home, add_url, [&](const Link& link) { recorded.push_back(link); });
  const Page& page = state.graph().page(home);
  CHECK(page.revalidated);
  CHECK(page.same_body);
  CHECK(page.status == 203);  // this response's, not the snapshot's 200
  CHECK(page.bytes == 99);
  CHECK(state.graph().text(home).content_type == "text/html; charset=utf-8");
  CHECK(state.graph().text(home).etag.empty());  // this response sent none
  CHECK(state.graph().text(home).title == "Home");
  CHECK(recorded.size() == 3);
  REQUIRE(state.result.invalid_hrefs.size() == 1);
  CHECK(state.result.invalid_hrefs[0].page == home);
  CHECK(state.result.invalid_hrefs[0].href == "http://[bad");
  CHECK(state.result.invalid_hrefs[0].line == 12);
}
