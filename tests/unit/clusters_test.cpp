// Topic clusters (src/analyze/clusters.cpp): pages grouped by directory or --clusters rules,
// their hubs, and the rules about how hub and spokes link.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

namespace {

const Cluster& cluster_named(const Audit& audit, std::string_view name) {
  for (const Cluster& c : audit.clustering.clusters) {
    if (c.name == name) return c;
  }
  FAIL("no cluster " << name);
  throw;
}

}  // namespace

TEST_CASE("clusters by directory: hubs, reciprocity, coverage, links in and out", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId about = b.page("/about");
  const UrlId blog = b.page("/blog/");
  const UrlId p1 = b.page("/blog/one");
  const UrlId p2 = b.page("/blog/two");
  const UrlId p3 = b.page("/blog/three");
  SiteGraph& g = b.result().graph;
  link(g, home, about);
  link(g, home, blog);
  link(g, blog, p1);  // the hub links to one of three spokes
  link(g, p1, blog);
  link(g, p2, blog);
  link(g, p3, home);  // p3 never links back to its hub
  link(g, home, p2);
  link(g, home, p3);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const Cluster& c = cluster_named(audit, "/blog/");
  CHECK(c.pages == 4);
  CHECK(c.hub == blog);
  CHECK(c.spokes_linking_hub == Approx(2.0 / 3));
  CHECK(c.hub_coverage == Approx(1.0 / 3));
  CHECK(c.density == Approx(3.0 / 12));
  CHECK(c.links_in == 3);
  CHECK(c.links_out == 1);
  CHECK(cluster_named(audit, "/").hub == home);
  CHECK(audit.clustering.clusters[audit.clustering.of_page[about]].name == "/");
  CHECK(urls_of(audit, g, "hub-missing-spoke-links") == std::vector<std::string>{"/blog/"});
  CHECK(urls_of(audit, g, "spoke-not-linking-hub") == std::vector<std::string>{"/blog/three"});
  // The finding names the spokes the hub does not link to, in URL order.
  for (const Finding& f : audit.findings) {
    if (f.rule == "hub-missing-spoke-links") CHECK(f.chain == std::vector<UrlId>{p3, p2});
  }
}

TEST_CASE("hub coverage: a hub reaches a nested folder's pages through the folder's own page", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId hub = b.page("/c.html");
  const UrlId algorithm = b.page("/c/algorithm.html");   // the page of folder /c/algorithm/
  const UrlId bsearch = b.page("/c/algorithm/bsearch.html");
  const UrlId qsort = b.page("/c/algorithm/qsort.html");
  const UrlId io = b.page("/c/io.html");
  const UrlId fopen = b.page("/c/io/fopen.html");
  const UrlId stray = b.page("/c/io/stray.html");        // linked only by a sibling, not from above
  SiteGraph& g = b.result().graph;
  link(g, home, hub);
  link(g, hub, algorithm);
  link(g, hub, io);
  link(g, algorithm, bsearch);
  link(g, algorithm, qsort);
  link(g, io, fopen);
  link(g, fopen, stray);
  link(g, qsort, io);
  for (const UrlId spoke : {algorithm, bsearch, qsort, io, fopen, stray}) link(g, spoke, hub);
  // Other pages, so that /c/ is one folder among others, not the site split into its folders.
  for (int i = 0; i < 8; ++i) link(g, home, b.page("/page" + std::to_string(i) + ".html"));
  // The start page's cluster (pages in no folder) is no topic: index letter pages linked from
  // page0 only are not the start page's to list.
  for (const char* letter : {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}) {
    link(g, b.page("/page0.html"), b.page(std::string("/genindex-") + letter + ".html"));
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const Cluster& c = cluster_named(audit, "/c/");
  CHECK(c.hub == hub);
  // Reached: algorithm and io (linked), bsearch, qsort and fopen (from their folder's page).
  CHECK(c.hub_coverage == Approx(5.0 / 6));
  CHECK(cluster_named(audit, "/").hub_coverage < 0.5);
  CHECK(urls_of(audit, g, "hub-missing-spoke-links").empty());
  CHECK(!audit.clustering.hub_reaches[stray]);
  // Only links from above reach: qsort, linked from the start page and from a sibling, is not.
  GraphBuilder flat;
  const UrlId top = flat.page("/");
  const UrlId c_hub = flat.page("/c.html");
  SiteGraph& f = flat.result().graph;
  link(f, top, c_hub);
  const UrlId a2 = flat.page("/c/algorithm.html");
  const UrlId b2 = flat.page("/c/algorithm/bsearch.html");
  const UrlId q2 = flat.page("/c/algorithm/qsort.html");
  link(f, c_hub, a2);
  link(f, c_hub, b2);
  link(f, top, q2);  // qsort is linked, but not from above: the start page is not its folder's
  link(f, b2, q2);   // nor a sibling
  for (const UrlId spoke : {a2, b2, q2}) link(f, spoke, c_hub);
  for (int i = 0; i < 8; ++i) link(f, top, flat.page("/page" + std::to_string(i) + ".html"));
  flat.result().start = top;
  const Audit flat_audit = audit_site(flat.result());
  CHECK(cluster_named(flat_audit, "/c/").hub_coverage == Approx(2.0 / 3));
  CHECK(!flat_audit.clustering.hub_reaches[q2]);
}

TEST_CASE("hub coverage: the start page's folder is not judged, also when the start URL redirects", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId start = b.page("/", 301);
  const UrlId home = b.page("/index.html");
  b.redirect(start, home);
  SiteGraph& g = b.result().graph;
  for (int i = 0; i < 3; ++i) link(g, home, b.page("/page" + std::to_string(i) + ".html"));
  // Ten index letter pages at the top level, linked from page0 only.
  for (int i = 0; i < 10; ++i) link(g, b.page("/page0.html"), b.page("/letter-" + std::to_string(i) + ".html"));
  for (const char* folder : {"/a/", "/b/"}) {
    const UrlId hub = b.page(std::string(folder));
    link(g, home, hub);
    for (int i = 0; i < 3; ++i) {
      const UrlId spoke = b.page(std::string(folder) + std::to_string(i) + ".html");
      link(g, hub, spoke);
      link(g, spoke, hub);
    }
  }
  b.result().start = start;
  const Audit audit = audit_site(b.result());
  CHECK(cluster_named(audit, "/").hub_coverage < 0.5);
  CHECK(urls_of(audit, g, "hub-missing-spoke-links").empty());
}

TEST_CASE("cluster hubs: a page named default is a topic, an orphan copy beside the folder no hub", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId keywords = b.page("/keywords.html");  // the list the keyword pages link to
  const UrlId copy = b.page("/keyword.html");       // an orphan copy of it, beside the folder
  SiteGraph& g = b.result().graph;
  link(g, home, keywords);
  std::vector<UrlId> pages;
  for (const char* name : {"default", "break", "case", "class", "enum"}) pages.push_back(b.page(std::string("/keyword/") + name + ".html"));
  for (const UrlId page : pages) {
    link(g, keywords, page);
    link(g, copy, page);
    link(g, page, keywords);
  }
  for (int i = 0; i < 8; ++i) link(g, home, b.page("/other" + std::to_string(i) + ".html"));
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(cluster_named(audit, "/keyword/").hub == keywords);
  // Each keyword page links the list: none of them is a spoke missing its hub.
  for (const std::string& url : urls_of(audit, g, "spoke-not-linking-hub")) CHECK(url.rfind("/keyword/", 0) != 0);
}

TEST_CASE("clusters from rules: first matching pattern wins, the named hub is used", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId guide = b.page("/guides/espresso");
  const UrlId howto = b.page("/how-to/espresso-shot");
  const UrlId other = b.page("/shop/grinder");
  SiteGraph& g = b.result().graph;
  link(g, home, guide);
  link(g, home, howto);
  link(g, home, other);
  b.result().start = home;
  AuditOptions options;
  options.cluster_rules = {{"/guides/*", "espresso", "https://site.test/guides/espresso"}, {"*espresso*", "espresso", ""}};
  const Audit audit = audit_site(b.result(), options);
  REQUIRE(audit.clustering.clusters.size() == 1);
  CHECK(audit.clustering.clusters[0].pages == 2);
  CHECK(audit.clustering.clusters[0].hub == guide);
  CHECK(audit.clustering.of_page[howto] == 0);
  CHECK(audit.clustering.of_page[other] == kNoCluster);
}

TEST_CASE("clusters by directory: the directory's index file is its hub, not the page with most equity", "[rules][clusters]") {
  // A built site links /library/index.html, never /library/; every page links one popular
  // page (exceptions.html), which holds the most equity of the folder.
  GraphBuilder b;
  const UrlId home = b.page("/index.html");
  const UrlId index = b.page("/library/index.html");
  const UrlId popular = b.page("/library/exceptions.html");
  std::vector<UrlId> spokes;
  for (int i = 0; i < 6; ++i) spokes.push_back(b.page("/library/m" + std::to_string(i) + ".html"));
  SiteGraph& g = b.result().graph;
  link(g, home, index);
  link(g, home, popular);
  link(g, index, popular);
  link(g, popular, index);
  for (int i = 0; i < 12; ++i) {  // pages elsewhere on the site that all cite the popular page
    const UrlId other = b.page("/tutorial/t" + std::to_string(i) + ".html");
    link(g, home, other);
    link(g, other, popular);
    link(g, popular, other);
  }
  for (const UrlId s : spokes) {
    link(g, index, s);
    link(g, s, popular);
    link(g, s, index);
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(audit.equity.rank[popular] > audit.equity.rank[index]);  // the old guess would take it
  CHECK(cluster_named(audit, "/library/").hub == index);
  for (const char* rule : {"spoke-not-linking-hub", "hub-missing-spoke-links"}) {
    for (const std::string& url : urls_of(audit, g, rule)) CHECK_FALSE(url.starts_with("/library/"));
  }
}

TEST_CASE("clusters by directory below the start page's folder: /3.11/library/, not one /3.11/ cluster", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/3.11/");
  const UrlId about = b.page("/3.11/about.html");
  const UrlId library = b.page("/3.11/library/index.html");
  const UrlId os = b.page("/3.11/library/os.html");
  const UrlId tutorial = b.page("/3.11/tutorial/index.html");
  const UrlId other = b.page("/dev/x.html");  // outside the start's folder
  SiteGraph& g = b.result().graph;
  for (const UrlId to : {about, library, tutorial, other}) link(g, home, to);
  link(g, library, os);
  link(g, os, library);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const auto cluster_of = [&](UrlId id) { return audit.clustering.clusters[audit.clustering.of_page[id]].name; };
  CHECK(cluster_of(home) == "/3.11/");
  CHECK(cluster_of(about) == "/3.11/");
  CHECK(cluster_of(os) == "/3.11/library/");
  CHECK(cluster_of(tutorial) == "/3.11/tutorial/");
  CHECK(cluster_of(other) == "/dev/");
  CHECK(cluster_named(audit, "/3.11/").hub == home);
  CHECK(cluster_named(audit, "/3.11/library/").hub == library);
}

TEST_CASE("clusters: a site whose pages sit mostly in one folder is clustered by that folder's sub-folders", "[rules][clusters]") {
  // cppreference: / and a few pages beside /cpp/, which holds nearly everything.
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId cpp = b.page("/cpp/index.html");
  const UrlId io = b.page("/cpp/io/index.html");
  const UrlId cout = b.page("/cpp/io/cout.html");
  const UrlId vector = b.page("/cpp/container/vector.html");
  const UrlId map = b.page("/cpp/container/map.html");
  const UrlId c = b.page("/c/index.html");
  SiteGraph& g = b.result().graph;
  for (const UrlId to : {cpp, c}) link(g, home, to);
  for (const UrlId to : {io, vector, map}) link(g, cpp, to);
  link(g, io, cout);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const auto cluster_of = [&](UrlId id) { return audit.clustering.clusters[audit.clustering.of_page[id]].name; };
  CHECK(cluster_of(cout) == "/cpp/io/");
  CHECK(cluster_of(vector) == "/cpp/container/");
  CHECK(cluster_of(cpp) == "/cpp/");
  CHECK(cluster_of(home) == "/");
  CHECK(cluster_of(c) == "/c/");
  CHECK(cluster_named(audit, "/cpp/io/").hub == io);
  CHECK(cluster_named(audit, "/").hub == home);
}

TEST_CASE("clusters: a section page beside its folder (/cpp/io.html for /cpp/io/) joins that cluster as its hub", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId io = b.page("/cpp/io.html");
  const UrlId cout = b.page("/cpp/io/cout.html");
  const UrlId cin = b.page("/cpp/io/cin.html");
  const UrlId popular = b.page("/cpp/io/basic_ostream.html");
  // /cpp/ holds the site in sub-folders of its own, so they are the clusters.
  const UrlId vector = b.page("/cpp/container/vector.html");
  const UrlId string = b.page("/cpp/string/basic_string.html");
  SiteGraph& g = b.result().graph;
  link(g, home, io);
  link(g, home, vector);
  link(g, home, string);
  for (const UrlId page : {cout, cin, popular}) {
    link(g, io, page);
    link(g, page, io);
    link(g, page, popular);
    link(g, home, page);
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(audit.clustering.clusters[audit.clustering.of_page[io]].name == "/cpp/io/");
  CHECK(cluster_named(audit, "/cpp/io/").hub == io);
}

// cppreference: the C++ language section's page is saved as /cpp/language.1.html, beside the
// /cpp/language/ folder under another name, and /cpp/index.html is a stub A-Z list.
TEST_CASE("clusters: the hub is the folder's most central own page, or a page beside it that links to and from most of it", "[rules][clusters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId cpp = b.page("/cpp.html");
  const UrlId stub = b.page("/cpp/index.html");
  const UrlId language = b.page("/cpp/language.1.html");
  const UrlId header = b.page("/cpp/header.html");  // in every page's sidebar, links to none of them
  std::vector<UrlId> lang;
  for (int i = 0; i < 6; ++i) lang.push_back(b.page("/cpp/language/l" + std::to_string(i) + ".html"));
  SiteGraph& g = b.result().graph;
  // /cpp/ holds the site in sub-folders of its own, so they are the clusters.
  for (const char* other : {"/cpp/io/cout.html", "/cpp/container/vector.html", "/cpp/string/string.html"}) {
    link(g, cpp, b.page(other), Placement::kContent, kRelNone, other);
  }
  link(g, home, cpp, Placement::kContent, kRelNone, "C++ reference");
  link(g, home, stub, Placement::kContent, kRelNone, "A-Z");
  link(g, cpp, language, Placement::kContent, kRelNone, "Language");
  link(g, cpp, header, Placement::kContent, kRelNone, "Headers");
  link(g, language, cpp, Placement::kContent, kRelNone, "C++ reference");
  link(g, header, cpp, Placement::kContent, kRelNone, "C++ reference");
  for (const UrlId p : lang) {
    link(g, language, p, Placement::kContent, kRelNone, "entry " + std::to_string(p));
    link(g, p, language, Placement::kTemplate, kRelNone, "Language");
    link(g, p, header, Placement::kTemplate, kRelNone, "Headers");
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  // /cpp/: the page beside the folder is linked by and links to its pages; the stub is not.
  CHECK(cluster_named(audit, "/cpp/").hub == cpp);
  CHECK(cluster_named(audit, "/cpp/language/").hub == language);
  for (const Finding& f : audit.findings) {
    if (f.rule == "spoke-not-linking-hub" || f.rule == "hub-missing-spoke-links") CHECK(g.url(f.url).find("/cpp/language") == std::string_view::npos);
  }
}

TEST_CASE("a folder URL and its index file with the same words are one page: the home page and a hub", "[rules][clusters]") {
  // Over HTTP, the Python docs start at "/" while every page's navigation links "index.html",
  // the same page under its file name.
  const auto site = [](bool same_words) {
    GraphBuilder b;
    const UrlId home = b.page("/");
    const UrlId index = b.page("/index.html");
    SiteGraph& g = b.result().graph;
    ContentFingerprint words;
    words.exact = 42;
    words.words = words.main_words = 236;
    g.set_content(home, words);
    words.exact = same_words ? 42 : 43;
    g.set_content(index, words);
    for (const char* path : {"/about.html", "/bugs.html", "/license.html"}) {
      const UrlId page = b.page(path);
      link(g, home, page);
      link(g, index, page);
      link(g, page, index, Placement::kNav);
    }
    link(g, home, index, Placement::kNav);
    b.result().start = home;
    Audit audit = audit_site(b.result());
    return std::make_pair(std::move(b), std::move(audit));
  };
  {
    auto [b, audit] = site(true);
    CHECK(urls_of(audit, b.graph(), "boilerplate-only-inlinks").empty());
    CHECK(urls_of(audit, b.graph(), "spoke-not-linking-hub").empty());
  }
  {
    // Different words: two pages, the index file linked only from navigation, and the pages
    // not linking the start page.
    auto [b, audit] = site(false);
    CHECK(urls_of(audit, b.graph(), "boilerplate-only-inlinks") == std::vector<std::string>{"/index.html"});
    CHECK(urls_of(audit, b.graph(), "spoke-not-linking-hub").size() == 4);
  }
}

TEST_CASE("the hub under its other URL: links to either count, and the twin is no spoke", "[rules][clusters]") {
  // /docs/ and /docs/index.html hold the same words (one file); a --clusters rule names the
  // index file as the hub while the spokes link /docs/.
  GraphBuilder b;
  SiteGraph& g = b.result().graph;
  const UrlId home = b.page("/");
  const UrlId folder = b.page("/docs/");
  const UrlId index = b.page("/docs/index.html");
  ContentFingerprint words;
  words.exact = 7;
  words.words = words.main_words = 300;
  g.set_content(folder, words);
  g.set_content(index, words);
  link(g, home, folder);
  for (const char* path : {"/docs/a.html", "/docs/b.html", "/docs/c.html"}) {
    const UrlId spoke = b.page(path);
    link(g, folder, spoke);
    link(g, index, spoke);
    link(g, spoke, folder, Placement::kNav);
  }
  b.result().start = home;
  AuditOptions options;
  options.cluster_rules = {{"/docs/*", "docs", "https://site.test/docs/index.html"}};
  const Audit audit = audit_site(b.result(), options);
  const Cluster& docs = cluster_named(audit, "docs");
  CHECK(docs.hub == index);
  CHECK(docs.hub_twin == folder);
  CHECK(docs.spokes_linking_hub == Approx(1.0));
  CHECK(docs.hub_coverage == Approx(1.0));
  CHECK(urls_of(audit, g, "spoke-not-linking-hub").empty());
  CHECK(urls_of(audit, g, "hub-missing-spoke-links").empty());
  // Different words: two pages, and the spokes do not link the hub the rule names.
  words.exact = 8;
  g.set_content(folder, words);
  const Audit apart = audit_site(b.result(), options);
  CHECK(cluster_named(apart, "docs").hub_twin == kNoUrl);
  CHECK(urls_of(apart, g, "spoke-not-linking-hub").size() == 4);
}
