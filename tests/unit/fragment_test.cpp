// broken-fragment: the ids a page defines, the fragments links carry, and the rule that
// compares them (docs/rules.md).
#include <catch2/catch.hpp>

#include <algorithm>

#include "analyze/passes.hpp"
#include "graph_builder.hpp"
#include "sitegraph/extract.hpp"
#include "sitegraph/url.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

namespace {

bool defines(const ExtractedPage& page, std::string_view id) {
  return std::find(page.fragment_ids.begin(), page.fragment_ids.end(), fragment_hash(id)) != page.fragment_ids.end();
}

// A page of the builder's graph with the ids it defines.
void ids(GraphBuilder& g, UrlId page, std::initializer_list<std::string_view> names) {
  std::vector<std::uint32_t> hashes;
  for (const std::string_view name : names) hashes.push_back(fragment_hash(name));
  g.result().graph.set_fragment_ids(page, std::move(hashes));
}

void fragment_link(GraphBuilder& g, UrlId from, UrlId to, std::string_view fragment, std::uint32_t line = 3) {
  SiteGraph& graph = g.result().graph;
  graph.add_fragment_link({from, to, graph.intern_fragment(fragment), line});
}

std::vector<std::string> broken(const SiteGraph& graph) {
  std::vector<std::string> out;
  for (const Finding& f : find_broken_fragments(graph)) out.push_back(std::string(graph.url(f.url)) + "#" + f.href);
  return out;
}

}  // namespace

TEST_CASE("a page defines each element id and each <a name> as a fragment target (WHATWG HTML 7.4.6.3)", "[fragment][extract]") {
  const ExtractedPage page = extract_links(
      "<h2 id=usage>Usage</h2><section id='caf\xC3\xA9'></section><a name=legacy></a><div name=not-an-anchor></div>"
      "<p id=''>x</p><span ID=Mixed>y</span>");
  CHECK(defines(page, "usage"));
  CHECK(defines(page, "caf\xC3\xA9"));
  CHECK(defines(page, "legacy"));
  CHECK(defines(page, "Mixed"));
  CHECK_FALSE(defines(page, "mixed"));  // ids match case-sensitively
  CHECK_FALSE(defines(page, "not-an-anchor"));
  CHECK(page.fragment_ids.size() == 4);
}

TEST_CASE("an href's fragment is read as written, without a text directive", "[fragment][url]") {
  CHECK(href_fragment("page.html#usage") == "usage");
  CHECK(href_fragment("#a%20b") == "a%20b");
  CHECK(href_fragment("/p?q=1#x#y") == "x#y");
  CHECK(href_fragment("page.html") == "");
  CHECK(href_fragment("page.html#") == "");
  CHECK(href_fragment("#:~:text=hello") == "");
  CHECK(href_fragment("#usage:~:text=hello") == "usage");
}

TEST_CASE("broken-fragment: a link to an id the target page lacks, one finding per page and fragment", "[fragment][rules]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId a = g.page("/a");
  const UrlId doc = g.page("/doc");
  ids(g, home, {});
  ids(g, a, {"own"});
  ids(g, doc, {"usage", "a b"});
  fragment_link(g, home, doc, "usage");
  fragment_link(g, home, doc, "gone", 7);
  fragment_link(g, a, doc, "gone");
  fragment_link(g, a, doc, "a%20b");  // percent-decoded before the lookup
  fragment_link(g, a, a, "own");      // "#own" on the page itself
  fragment_link(g, a, a, "missing");
  const std::vector<Finding> found = find_broken_fragments(g.graph());
  CHECK(broken(g.graph()) == std::vector<std::string>{"https://site.test/a#missing", "https://site.test/doc#gone"});
  REQUIRE(found.size() == 2);
  const Finding& gone = found[1];
  CHECK(gone.rule == "broken-fragment");
  CHECK(gone.severity == Severity::kWarning);
  CHECK(gone.count == 2);
  CHECK(gone.chain == std::vector<UrlId>{home, a});
  CHECK(gone.line == 0);  // the line is on the linking page, not on the finding's page: in the message
  CHECK_THAT(gone.message, Catch::Matches(".*linked from 2 pages, first https://site.test/ line 7"));
  CHECK_FALSE(gone.inconclusive);
}

TEST_CASE("broken-fragment: linking pages in URL order, each at its first line, whatever order they were read in", "[fragment][rules]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId z = g.page("/z");
  const UrlId b = g.page("/b");
  const UrlId doc = g.page("/doc");
  ids(g, doc, {});
  // A folder crawl reads pages in no fixed order: /z first, then /b twice, then /.
  fragment_link(g, z, doc, "gone", 3);
  fragment_link(g, b, doc, "gone", 9);
  fragment_link(g, b, doc, "gone", 4);
  fragment_link(g, home, doc, "gone", 12);
  const std::vector<Finding> found = find_broken_fragments(g.graph());
  REQUIRE(found.size() == 1);
  CHECK(found[0].count == 3);
  CHECK(found[0].chain == std::vector<UrlId>{home, b, z});
  CHECK_THAT(found[0].message, Catch::Matches(".*linked from 3 pages, first https://site.test/ line 12"));
  // A page others link to before one nobody links to.
  g.link(home, z);
  CHECK_THAT(find_broken_fragments(g.graph())[0].message, Catch::Matches(".*first https://site.test/z line 3"));
  // /b's line is its first: 4.
  fragment_link(g, home, doc, "other", 1);
  fragment_link(g, b, doc, "again", 9);
  fragment_link(g, b, doc, "again", 4);
  const std::vector<Finding> all = find_broken_fragments(g.graph());
  REQUIRE(std::count_if(all.begin(), all.end(), [](const Finding& f) { return f.href == "again"; }) == 1);
  for (const Finding& f : all) {
    if (f.href == "again") CHECK_THAT(f.message, Catch::Matches(".*first https://site.test/b line 4"));
  }
}

TEST_CASE("broken-fragment: what a browser never looks up, or a page whose ids are unknown, is not judged", "[fragment][rules]") {
  GraphBuilder g;
  const UrlId home = g.page("/");
  const UrlId doc = g.page("/doc");
  const UrlId old = g.page("/old", 301);
  const UrlId gone = g.page("/gone", 404);
  const UrlId unknown = g.page("/from-an-old-snapshot");
  const UrlId file = g.page("/file.pdf");
  g.at(file).fetched_html = false;
  g.redirect(old, doc);
  ids(g, home, {});
  ids(g, doc, {"usage"});
  for (const char* fragment : {"top", "TOP", "/settings", "!/route"}) fragment_link(g, home, doc, fragment);
  fragment_link(g, home, gone, "x");
  fragment_link(g, home, unknown, "x");
  fragment_link(g, home, file, "page=2");
  fragment_link(g, home, old, "usage");  // through the redirect, the page has it
  CHECK(broken(g.graph()).empty());
  fragment_link(g, home, old, "nope");  // ...and lacks this one
  CHECK(broken(g.graph()) == std::vector<std::string>{"https://site.test/doc#nope"});
}

TEST_CASE("broken-fragment is in the catalogue, a warning proven by what was seen", "[fragment][rules]") {
  const RuleInfo* rule = find_rule("broken-fragment");
  REQUIRE(rule != nullptr);
  CHECK(rule->severity == Severity::kWarning);
  CHECK_FALSE(rule->needs_complete_crawl);
}
