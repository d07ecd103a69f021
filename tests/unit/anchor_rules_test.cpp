// The anchor-text rules (src/analyze/anchor_rules.cpp) on small hand-built graphs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

TEST_CASE("anchor-overuse: one exact anchor on most content inlinks of a page", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId target = b.page("/reviews/2024-07");
  SiteGraph& g = b.result().graph;
  g.text(target).title = "Our grinder review | Coffee";
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/post-" + std::to_string(i));
    link(g, home, source);
    link(g, source, target, Placement::kContent, kRelNone, i < 10 ? "Best Grinder" : "our grinder review");
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, g, "anchor-overuse") == std::vector<std::string>{"/reviews/2024-07"});
  // Ten of twelve is 83 %: above the default 80 %, not above 90 %.
  AuditOptions strict;
  strict.anchor_overuse_share = 0.9;
  CHECK(urls_of(audit_site(b.result(), strict), g, "anchor-overuse").empty());
  // An aside in brackets is a label, not a keyword pushed: "(review)" on all twelve.
  const UrlId other = b.page("/reviews/2024-08");
  for (int i = 0; i < 12; ++i) link(g, b.page("/post-" + std::to_string(i)), other, Placement::kContent, kRelNone, "(review)");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-overuse") == std::vector<std::string>{"/reviews/2024-07"});
}

TEST_CASE("anchor-overuse: a page linked by its own name (file name or title words) is not over-optimised", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  const UrlId sort = b.page("/cpp/algorithm/sort.html");
  g.text(sort).title = "std::sort - cppreference.com";
  const UrlId gamma = b.page("/cpp/numeric/random/gamma.html");
  g.text(gamma).title = "std::gamma_distribution - cppreference.com";
  const UrlId select = b.page("/sql/select.html");
  g.text(select).title = "SELECT | SQL reference";
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/page-" + std::to_string(i));
    link(g, home, source);
    link(g, source, sort, Placement::kContent, kRelNone, "sort");                      // the file name
    link(g, source, gamma, Placement::kContent, kRelNone, "gamma_distribution");       // words of the title
    link(g, source, select, Placement::kContent, kRelNone, "SELECT");                  // the title's main part
  }
  const UrlId other = b.page("/cpp/numeric/random/other.html");
  g.text(other).title = "std::gamma_distribution - cppreference.com";
  for (int i = 0; i < 12; ++i) link(g, b.page("/more-" + std::to_string(i)), other, Placement::kContent, kRelNone, "distribution");
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  // "distribution" is inside the title's word "gamma_distribution", not a word of it.
  CHECK(urls_of(audit, g, "anchor-overuse") == std::vector<std::string>{"/cpp/numeric/random/other.html"});
}

TEST_CASE("anchor-conflict: one descriptive anchor, several targets, pagination and generic words ignored", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/espresso");
  const UrlId c = b.page("/espresso-machines");
  const UrlId p2 = b.page("/page-2");
  const UrlId p3 = b.page("/page-3");
  SiteGraph& g = b.result().graph;
  link(g, home, a, Placement::kContent, kRelNone, "Espresso");
  link(g, a, c, Placement::kContent, kRelNone, "espresso ");
  link(g, home, p2, Placement::kContent, kRelNone, "Next");
  link(g, p2, p3, Placement::kContent, kRelNone, "next");
  link(g, home, p2, Placement::kContent, kRelNone, "read more");
  link(g, p2, a, Placement::kContent, kRelNone, "read more");
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, g, "anchor-conflict") == std::vector<std::string>{"/espresso"});
  for (const Finding& f : audit.findings) {
    if (f.rule != "anchor-conflict") continue;
    CHECK(f.href == "espresso");
    CHECK(f.count == 2);
    CHECK(g.url(f.target) == "https://site.test/espresso-machines");
    // Each target with a page linking to it under that text: where an editor goes to fix it.
    CHECK(f.message == "the anchor 'espresso' links to 2 different pages: https://site.test/espresso (from "
                       "https://site.test/ line 1), https://site.test/espresso-machines (from https://site.test/espresso line 1)");
  }
}

TEST_CASE("anchor-conflict: each target's example link is the first by page URL and line, whatever the link order", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId beans = b.page("/beans.html");
  const UrlId shop = b.page("/shop/beans.html");
  SiteGraph& g = b.result().graph;
  // Read in no fixed order (a folder crawl): /z.html's links before /a.html's.
  g.add_link({b.page("/z.html"), beans, g.intern_anchor("coffee beans"), 5, LinkKind::kAnchor, kRelNone, Placement::kContent, false});
  g.add_link({b.page("/a.html"), beans, g.intern_anchor("coffee beans"), 9, LinkKind::kAnchor, kRelNone, Placement::kContent, false});
  g.add_link({b.page("/a.html"), beans, g.intern_anchor("coffee beans"), 7, LinkKind::kAnchor, kRelNone, Placement::kContent, false});
  g.add_link({b.page("/y.html"), shop, g.intern_anchor("coffee beans"), 2, LinkKind::kAnchor, kRelNone, Placement::kContent, false});
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, g, "anchor-conflict") == std::vector<std::string>{"/beans.html"});
  for (const Finding& f : audit.findings) {
    if (f.rule == "anchor-conflict") CHECK_THAT(f.message, Catch::Contains("/beans.html (from https://site.test/a.html line 7)"));
  }
  // A page others link to comes before an orphan (a copy an editor would not open).
  link(g, home, b.page("/z.html"), Placement::kContent, kRelNone, "zed");
  const Audit again = audit_site(b.result());
  REQUIRE(urls_of(again, g, "anchor-conflict") == std::vector<std::string>{"/beans.html"});
  for (const Finding& f : again.findings) {
    if (f.rule == "anchor-conflict") CHECK_THAT(f.message, Catch::Contains("/beans.html (from https://site.test/z.html line 5)"));
  }
}

TEST_CASE("anchor-conflict: an aside in brackets names no topic, a label on the links of many pages is said to be one", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  // "(constructor)" and "[edit]" from a see-also table and a wiki, two targets each.
  for (const char* aside : {"(constructor)", "[edit]"}) {
    link(g, b.page("/see/a.html"), b.page("/x/one.html"), Placement::kContent, kRelNone, aside);
    link(g, b.page("/see/b.html"), b.page("/y/two.html"), Placement::kContent, kRelNone, aside);
  }
  // "C documentation" on 65 pages, each for its own counterpart (another name: no version).
  for (int i = 0; i < 65; ++i) {
    link(g, b.page("/cpp/p" + std::to_string(i) + ".html"), b.page("/c/q" + std::to_string(i) + ".html"), Placement::kContent,
         kRelNone, "C documentation");
  }
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, g, "anchor-conflict").size() == 1);
  for (const Finding& f : audit.findings) {
    if (f.rule == "anchor-conflict") CHECK_THAT(f.message, Catch::StartsWith("the anchor 'c documentation' is a label on links to 65 different pages, naming none of them: "));
  }
  // 64 such pages are a conflict like any other.
  GraphBuilder few;
  SiteGraph& f = few.result().graph;
  for (int i = 0; i < 64; ++i) {
    link(f, few.page("/cpp/p" + std::to_string(i) + ".html"), few.page("/c/q" + std::to_string(i) + ".html"), Placement::kContent,
         kRelNone, "C documentation");
  }
  few.result().start = few.page("/");
  const Audit few_audit = audit_site(few.result());
  REQUIRE(urls_of(few_audit, f, "anchor-conflict").size() == 1);
  for (const Finding& x : few_audit.findings) {
    if (x.rule == "anchor-conflict") CHECK_THAT(x.message, Catch::StartsWith("the anchor 'c documentation' links to 64 different pages: "));
  }
}

TEST_CASE("anchor-conflict: a name for several pages, each from its own context, is no conflict, self-links never are", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  const UrlId c_math = b.page("/c/math.html");
  const UrlId cpp_math = b.page("/cpp/math.html");
  const UrlId c_erf = b.page("/c/erf.html");
  const UrlId cpp_erf = b.page("/cpp/erf.html");
  g.text(c_erf).title = "erf, erff, erfl - reference";
  link(g, home, c_math, Placement::kContent, kRelNone, "C math");
  link(g, home, cpp_math, Placement::kContent, kRelNone, "C++ math");
  link(g, c_math, c_erf, Placement::kContent, kRelNone, "erf");      // C's page names C's erf
  link(g, cpp_math, cpp_erf, Placement::kContent, kRelNone, "erf");  // C++'s names C++'s
  // "brewing" names both pages too, but one page uses it for both: a reader meets two pages.
  const UrlId hub = b.page("/brewing/");
  const UrlId tag = b.page("/blog/tags/brewing.html");
  const UrlId post = b.page("/blog/post.html");
  link(g, home, post, Placement::kContent, kRelNone, "a post");
  link(g, post, hub, Placement::kNav, kRelNone, "Brewing");
  link(g, post, tag, Placement::kContent, kRelNone, "brewing");
  // A footnote marker and a back-reference link the page to itself: never a conflict.
  link(g, post, post, Placement::kContent, kRelNone, "[a]");
  link(g, home, c_erf, Placement::kContent, kRelNone, "[a]");
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, g, "anchor-conflict") == std::vector<std::string>{"/blog/tags/brewing.html"});
}

TEST_CASE("anchor-conflict: an index page's entries and links naming a section are not conflicts", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  const UrlId module = b.page("/library/tempfile.html");
  const UrlId news = b.page("/whatsnew/3.11.html");
  const UrlId guide = b.page("/guide.html");
  const UrlId index = b.page("/genindex.html");
  link(g, home, guide, Placement::kContent, kRelNone, "guide");
  link(g, home, index, Placement::kContent, kRelNone, "index");
  link(g, guide, module, Placement::kContent, kRelNone, "tempfile");
  link(g, home, news, Placement::kContent, kRelNone, "tempfile");  // whatsnew/3.11.html#tempfile
  g.add_fragment_link({home, news, g.intern_fragment("tempfile"), 1});
  // The index links one word to two pages, and has more links than --max-links.
  link(g, index, module, Placement::kContent, kRelNone, "temporary files");
  link(g, index, guide, Placement::kContent, kRelNone, "temporary files");
  link(g, index, home, Placement::kContent, kRelNone, "start");
  link(g, index, news, Placement::kContent, kRelNone, "news");
  b.result().start = home;
  AuditOptions options;
  options.max_links = 3;
  CHECK(urls_of(audit_site(b.result(), options), g, "anchor-conflict").empty());
  options.max_links = 200;  // not an index: its "temporary files" names two pages
  CHECK(urls_of(audit_site(b.result(), options), g, "anchor-conflict") == std::vector<std::string>{"/guide.html"});
}

TEST_CASE("generic-anchor and empty-anchor", "[rules][anchor]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a1 = b.page("/a1");
  SiteGraph& g = b.result().graph;
  link(g, home, a1, Placement::kContent, kRelNone, "Click here!");
  link(g, home, a1, Placement::kContent, kRelNone, "Read more »");
  link(g, a1, home, Placement::kContent, kRelNone, "");
  link(g, a1, home, Placement::kContent, kRelNone, "Our coffee subscription");
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, b.graph(), "generic-anchor") == std::vector<std::string>{"/"});  // one per (page, target)
  CHECK(urls_of(a, b.graph(), "empty-anchor") == std::vector<std::string>{"/a1"});
}

TEST_CASE("generic-anchor: a generic word that names its target (a keyword's page) is descriptive", "[rules][anchor]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId keyword = b.page("/cpp/language/continue.html");
  const UrlId module = b.page("/library/this/");
  const UrlId post = b.page("/blog/espresso-guide.html");
  SiteGraph& g = b.result().graph;
  link(g, home, keyword, Placement::kContent, kRelNone, "continue");  // <a href=continue.html><code>continue</code></a>
  link(g, home, module, Placement::kContent, kRelNone, "this");
  link(g, keyword, post, Placement::kContent, kRelNone, "Continue");  // "Continue" to a post named otherwise
  // Python's docs: <a href="simple_stmts.html#continue"><code>continue</code></a>, and #ast.Continue.
  const UrlId statements = b.page("/reference/simple_stmts.html");
  const UrlId ast = b.page("/library/ast.html");
  link(g, home, statements, Placement::kContent, kRelNone, "continue");
  g.add_fragment_link({home, statements, g.intern_fragment("continue"), 1});
  link(g, home, ast, Placement::kContent, kRelNone, "Continue");
  g.add_fragment_link({home, ast, g.intern_fragment("ast.Continue"), 1});
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, b.graph(), "generic-anchor") == std::vector<std::string>{"/cpp/language/continue.html"});
}

TEST_CASE("generic-anchor: code (basic_istream::read) and an index page's entries are not generic anchors", "[rules][anchor]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId istream = b.page("/cpp/io/basic_istream.html");
  const UrlId stmts = b.page("/reference/simple_stmts.html");
  const UrlId genindex = b.page("/genindex-S.html");
  const UrlId post = b.page("/blog/post.html");
  SiteGraph& g = b.result().graph;
  // <a href=basic_istream/read.html><code>read</code></a> (flagged code by the extractor).
  g.add_link({home, istream, g.intern_anchor("read"), 3, LinkKind::kAnchor, kRelNone, Placement::kContent, true});
  link(g, home, post, Placement::kContent, kRelNone, "read");  // plain "read": generic
  // An index with more than --max-links links: "continue" under "statement".
  link(g, genindex, stmts, Placement::kContent, kRelNone, "continue");
  for (int i = 0; i < 210; ++i) link(g, genindex, b.page("/t" + std::to_string(i)), Placement::kContent, kRelNone, "term " + std::to_string(i));
  link(g, home, genindex, Placement::kContent, kRelNone, "Index");
  b.result().start = home;
  const Audit a = audit_site(b.result());
  std::vector<std::string> targets;
  for (const Finding& f : a.findings) {
    if (f.rule == "generic-anchor") targets.emplace_back(g.url(f.target));
  }
  CHECK(targets == std::vector<std::string>{"https://site.test/blog/post.html"});
}

TEST_CASE("anchor-overuse and anchor-conflict: code anchors are names, and an anchor holding the target's name is its name", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId string = b.page("/cpp/string/basic_string.html");
  const UrlId wcstof = b.page("/c/string/wide/wcstof.html");
  const UrlId begin_a = b.page("/cpp/vector/begin.html");
  const UrlId begin_b = b.page("/cpp/map/begin.html");
  SiteGraph& g = b.result().graph;
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/p" + std::to_string(i) + ".html");
    link(g, home, source, Placement::kNav, kRelNone, "Page " + std::to_string(i));
    // std::string in every example's <pre>: auto-linked code.
    g.add_link({source, string, g.intern_anchor("std::string"), 2, LinkKind::kAnchor, kRelNone, Placement::kContent, true});
    // <span>wcstof</span><span>wcstod</span><span>wcstold</span> shown as lines, read as one word.
    link(g, source, wcstof, Placement::kContent, kRelNone, "wcstofwcstodwcstold");
  }
  // front() of two classes' pages, in code: members, not one topic.
  g.add_link({home, begin_a, g.intern_anchor("front()"), 3, LinkKind::kAnchor, kRelNone, Placement::kContent, true});
  g.add_link({b.page("/p0.html"), begin_b, g.intern_anchor("front()"), 3, LinkKind::kAnchor, kRelNone, Placement::kContent, true});
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, g, "anchor-overuse").empty());
  CHECK(urls_of(a, g, "anchor-conflict").empty());
  // Outside <code> too, text that can only be code names a member: "front()", "size_type",
  // "std::swap", "operator==".
  for (const char* code : {"front()", "size_type", "std::swap", "operator=="}) {
    link(g, home, string, Placement::kContent, kRelNone, code);
    link(g, b.page("/p1.html"), begin_b, Placement::kContent, kRelNone, code);
  }
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
  // Words are a conflict (neither page is named so).
  link(g, home, string, Placement::kContent, kRelNone, "first element");
  link(g, b.page("/p1.html"), begin_b, Placement::kContent, kRelNone, "first element");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").size() == 1);
}

TEST_CASE("anchor-conflict: a page's links to its parts and to its own version elsewhere are read in context", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/en/");
  SiteGraph& g = b.result().graph;
  // Each class page names its own members: deque's swap, vector's swap.
  const UrlId deque = b.page("/en/cpp/deque.html");
  const UrlId vector = b.page("/en/cpp/vector.html");
  link(g, deque, b.page("/en/cpp/deque/swap.html"), Placement::kContent, kRelNone, "exchange contents");
  link(g, vector, b.page("/en/cpp/vector/swap_contents.html"), Placement::kContent, kRelNone, "exchange contents");
  // A member page names its class ("up"), each its own.
  link(g, b.page("/en/cpp/deque/size.html"), deque, Placement::kContent, kRelNone, "the container");
  link(g, b.page("/en/cpp/vector/size.html"), vector, Placement::kContent, kRelNone, "the container");
  // Each C page links its C++ twin, each C++ page its C twin, under one label.
  link(g, b.page("/en/c/io.html"), b.page("/en/cpp/io.html"), Placement::kContent, kRelNone, "other language");
  link(g, b.page("/en/cpp/io.html"), b.page("/en/c/io.html"), Placement::kContent, kRelNone, "other language");
  // The start page lists both versions of a page under one name, each in its column.
  link(g, home, b.page("/en/c/error.html"), Placement::kContent, kRelNone, "Error handling");
  link(g, home, b.page("/en/cpp/error.html"), Placement::kContent, kRelNone, "Error handling");
  // Members named by their title: std::deque::clear and std::vector::clear, linked from prose.
  const UrlId clear_a = b.page("/en/cpp/deque/clear.html");
  const UrlId clear_b = b.page("/en/cpp/container/vector/clear.html");
  g.text(clear_a).title = "std::deque<T>::clear - reference";
  g.text(clear_b).title = "std::vector<T>::clear - reference";
  link(g, home, clear_a, Placement::kContent, kRelNone, "clear");
  link(g, home, clear_b, Placement::kContent, kRelNone, "clear");
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
  // A C page linking the C++ version under the words its own version has: two topics.
  link(g, b.page("/en/c/io/fopen.html"), b.page("/en/cpp/error.html"), Placement::kContent, kRelNone, "error handling");
  const Audit crossed = audit_site(b.result());
  CHECK(urls_of(crossed, g, "anchor-conflict") == std::vector<std::string>{"/en/c/error.html"});
  // The message shows the link that crosses, where the editor's fix is.
  for (const Finding& f : crossed.findings) {
    if (f.rule == "anchor-conflict") CHECK_THAT(f.message, Catch::Contains("/en/cpp/error.html (from https://site.test/en/c/io/fopen.html line"));
  }
  // Three versions of one page, each pair's merge whatever the order of their names: one topic.
  for (const char* third : {"/de/cpp/io/x.html", "/fr/cpp/io/x.html"}) {
    GraphBuilder v;
    const UrlId top = v.page("/");
    SiteGraph& vg = v.result().graph;
    link(vg, v.page("/list1.html"), v.page("/en/c/io/x.html"), Placement::kContent, kRelNone, "input output");
    link(vg, v.page("/list2.html"), v.page("/en/cpp/io/x.html"), Placement::kContent, kRelNone, "input output");
    link(vg, v.page("/list3.html"), v.page(third), Placement::kContent, kRelNone, "input output");
    v.result().start = top;
    CHECK(urls_of(audit_site(v.result()), vg, "anchor-conflict").empty());
  }
  // The site's root is no page's whole: its links name topics.
  GraphBuilder root;
  const UrlId top = root.page("/");
  SiteGraph& r = root.result().graph;
  link(r, top, root.page("/espresso"), Placement::kContent, kRelNone, "our coffee");
  link(r, root.page("/blog/post.html"), root.page("/shop/espresso.html"), Placement::kContent, kRelNone, "our coffee");
  root.result().start = top;
  CHECK(urls_of(audit_site(root.result()), r, "anchor-conflict").size() == 1);
}

TEST_CASE("anchor-conflict: a C function and members of its name are code names, a C page linking the C++ one is not", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/en/");
  SiteGraph& g = b.result().graph;
  const UrlId c_fn = b.page("/en/c/string/byte/tolower.html");
  const UrlId cpp_fn = b.page("/en/cpp/string/byte/tolower.html");
  const UrlId facet = b.page("/en/cpp/locale/ctype/tolower.html");
  g.text(c_fn).title = "tolower - reference";
  g.text(cpp_fn).title = "std::tolower - reference";
  g.text(facet).title = "std::ctype<CharT>::tolower, std::ctype<CharT>::do_tolower - reference";
  link(g, b.page("/en/c/locale/setlocale.html"), c_fn, Placement::kContent, kRelNone, "tolower");
  // One C++ page names both C++ functions in its see-also table.
  const UrlId see_also = b.page("/en/cpp/locale/toupper.html");
  link(g, see_also, cpp_fn, Placement::kContent, kRelNone, "tolower");
  link(g, see_also, facet, Placement::kContent, kRelNone, "tolower");
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
  // Two pages titled by the same plain words, no code name among them: a conflict.
  const UrlId pricing = b.page("/pricing.html");
  const UrlId plans = b.page("/shop/plans.html");
  g.text(pricing).title = "Pricing - Acme";
  g.text(plans).title = "Pricing | Acme";
  link(g, home, pricing, Placement::kContent, kRelNone, "Pricing");
  link(g, home, plans, Placement::kContent, kRelNone, "Pricing");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict") == std::vector<std::string>{"/pricing.html"});
  // A C page linking the C++ function under its own function's name: its reader meets both.
  link(g, b.page("/en/c/string/byte.html"), cpp_fn, Placement::kContent, kRelNone, "tolower");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict") == std::vector<std::string>{"/en/c/string/byte/tolower.html", "/pricing.html"});
}

TEST_CASE("anchor-conflict: words two pages use only for each other name their relation", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  const UrlId protocols = b.page("/library/asyncio-protocol.html");
  const UrlId subprocess = b.page("/library/asyncio-subprocess.html");
  link(g, protocols, subprocess, Placement::kContent, kRelNone, "same example");
  link(g, subprocess, protocols, Placement::kContent, kRelNone, "same example");
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
  // One of the two using the words for two pages: its reader meets both.
  {
    GraphBuilder t;
    SiteGraph& tg = t.result().graph;
    const UrlId x = t.page("/x.html");
    const UrlId y = t.page("/y.html");
    link(tg, x, y, Placement::kContent, kRelNone, "same example");
    link(tg, y, x, Placement::kContent, kRelNone, "same example");
    link(tg, x, t.page("/z.html"), Placement::kContent, kRelNone, "same example");
    link(tg, t.page("/z.html"), x, Placement::kContent, kRelNone, "same example");
    t.result().start = t.page("/");
    CHECK(urls_of(audit_site(t.result()), tg, "anchor-conflict").size() == 1);
  }
  // A third page using the words for one of them: its reader cannot tell which is meant.
  link(g, b.page("/library/asyncio.html"), protocols, Placement::kContent, kRelNone, "same example");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").size() == 1);
}

TEST_CASE("anchor-conflict: the same words in two parts of a site that never link across are no conflict", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/en/");
  const UrlId c_phases = b.page("/en/c/language/translation_phases.html");
  const UrlId cpp_phases = b.page("/en/cpp/language/translation_phases.html");
  SiteGraph& g = b.result().graph;
  link(g, b.page("/en/c/language/string_literal.html"), c_phases, Placement::kContent, kRelNone, "translation phase 6");
  link(g, b.page("/en/c/io/fopen.html"), c_phases, Placement::kContent, kRelNone, "translation phase 6");
  link(g, b.page("/en/cpp/language/string_literal.html"), cpp_phases, Placement::kContent, kRelNone, "translation phase 6");
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
  // A C++ page linking the C page under the same words: the C++ reader meets both.
  link(g, b.page("/en/cpp/language/escape.html"), c_phases, Placement::kContent, kRelNone, "translation phase 6");
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").size() == 1);
}

TEST_CASE("anchor-overuse and anchor-conflict: an anchor naming the linked section is its name", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId abi = b.page("/c-api/stable.html");
  const UrlId enum_howto = b.page("/howto/enum.html");
  const UrlId logging_howto = b.page("/howto/logging.html");
  SiteGraph& g = b.result().graph;
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/c-api/f" + std::to_string(i) + ".html");
    link(g, home, source, Placement::kNav, kRelNone, "Function " + std::to_string(i));
    // Sphinx's badge on every entry: <a href="stable.html#stable-abi">Part of the Stable ABI</a>.
    link(g, source, abi, Placement::kContent, kRelNone, "Part of the Stable ABI");
    g.add_fragment_link({source, abi, g.intern_fragment("part-of-the-stable-abi"), 1});
  }
  // Two HOWTOs each with a "Basic Tutorial" section, linked from their own pages' contents.
  link(g, home, enum_howto, Placement::kContent, kRelNone, "Basic Tutorial");
  g.add_fragment_link({home, enum_howto, g.intern_fragment("basic-tutorial"), 1});
  const UrlId library = b.page("/library/logging.html");
  link(g, library, logging_howto, Placement::kContent, kRelNone, "Basic Tutorial");
  g.add_fragment_link({library, logging_howto, g.intern_fragment("logging-basic-tutorial"), 1});
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, g, "anchor-overuse").empty());
  CHECK(urls_of(a, g, "anchor-conflict").empty());
}

TEST_CASE("anchor-overuse: the title's words in another order or number are its name, qualifiers dropped", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  SiteGraph& g = b.result().graph;
  const UrlId templates = b.page("/cpp/language/variable_template.html");
  g.text(templates).title = "Variable template (since C++14) - cppreference.com";
  const UrlId incdec = b.page("/cpp/language/operator_incdec.html");
  g.text(incdec).title = "Increment/decrement operators - cppreference.com";
  const UrlId program = b.page("/cpp/utility/program.html");
  g.text(program).title = "Program support utilities - cppreference.com";
  const UrlId review = b.page("/reviews/2024-07");
  g.text(review).title = "Our grinder review | Coffee";
  for (int i = 0; i < 12; ++i) {
    const UrlId source = b.page("/page-" + std::to_string(i));
    link(g, home, source, Placement::kNav, kRelNone, "page " + std::to_string(i));
    link(g, source, templates, Placement::kContent, kRelNone, "variable templates");
    link(g, source, incdec, Placement::kContent, kRelNone, "increment and decrement");
    link(g, source, program, Placement::kContent, kRelNone, "std::program utilities");
    link(g, source, review, Placement::kContent, kRelNone, "best grinder");  // "best" is no word of the title
  }
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-overuse") == std::vector<std::string>{"/reviews/2024-07"});
}

TEST_CASE("anchor-conflict: a glossary term linked in the plural names its entry (#term-file-object)", "[rules][anchors]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId glossary = b.page("/glossary.html");
  const UrlId file = b.page("/c-api/file.html");
  SiteGraph& g = b.result().graph;
  g.text(file).title = "File Objects - Python 3.11 documentation";
  const UrlId base64 = b.page("/library/base64.html");
  link(g, base64, glossary, Placement::kContent, kRelNone, "file objects");
  g.add_fragment_link({base64, glossary, g.intern_fragment("term-file-object"), 203});
  link(g, b.page("/c-api/concrete.html"), file, Placement::kContent, kRelNone, "File Objects");
  b.result().start = home;
  CHECK(urls_of(audit_site(b.result()), g, "anchor-conflict").empty());
}
