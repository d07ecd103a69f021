// The link rules of docs/rules.md about how pages are linked (src/analyze/inlink_rules.cpp) and
// indexed (content_rules.cpp), the rule catalogue (rules.cpp) and link scores (page_facts.cpp),
// on small hand-built graphs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "analyze/passes.hpp"
#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;
using sitegraph::testing::link;
using sitegraph::testing::urls_of;

TEST_CASE("nofollow-only-inlinks: every inlink is nofollow", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId nf = b.page("/nf");
  const UrlId ok = b.page("/ok");
  link(b.result().graph, home, nf, Placement::kContent, kRelNofollow);
  link(b.result().graph, home, ok, Placement::kContent, kRelNofollow);
  link(b.result().graph, home, ok, Placement::kContent);
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, b.graph(), "nofollow-only-inlinks") == std::vector<std::string>{"/nf"});
}

TEST_CASE("boilerplate-only-inlinks: followable inlinks only from header, nav, footer or template", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId foot = b.page("/about");
  const UrlId aside = b.page("/aside");
  SiteGraph& g = b.result().graph;
  link(g, home, foot, Placement::kFooter);
  link(g, home, foot, Placement::kNav);
  link(g, home, foot, Placement::kContent, kRelNofollow);  // a nofollow content link does not rescue it
  link(g, home, aside, Placement::kAside);                 // an aside is editorial, not boilerplate
  link(g, foot, home, Placement::kHeader);                 // the start page is exempt
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, b.graph(), "boilerplate-only-inlinks") == std::vector<std::string>{"/about"});
  CHECK(a.facts.inlinks_by_placement[foot][static_cast<std::size_t>(Placement::kFooter)] == 1);
  CHECK(a.facts.inlinks_by_placement[foot][static_cast<std::size_t>(Placement::kNav)] == 1);
  CHECK(a.facts.inlinks_by_placement[foot][static_cast<std::size_t>(Placement::kContent)] == 0);
}

TEST_CASE("deep-page, single-inlink and dead-end", "[rules]") {
  GraphBuilder b;
  std::vector<UrlId> chain;
  for (int i = 0; i < 6; ++i) chain.push_back(b.page("/d" + std::to_string(i)));
  for (int i = 0; i + 1 < 6; ++i) link(b.result().graph, chain[static_cast<std::size_t>(i)], chain[static_cast<std::size_t>(i) + 1], Placement::kContent);
  b.result().start = chain[0];
  const Audit a = audit_site(b.result(), {3, 200});
  CHECK(urls_of(a, b.graph(), "deep-page") == std::vector<std::string>{"/d4", "/d5"});
  CHECK(urls_of(a, b.graph(), "single-inlink").size() == 5);
  CHECK(urls_of(a, b.graph(), "dead-end") == std::vector<std::string>{"/d5"});
}

TEST_CASE("noindex-linked, too-many-links and nofollow-internal-link", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId hidden = b.page("/hidden");
  b.at(hidden).noindex = true;
  SiteGraph& g = b.result().graph;
  link(g, home, hidden, Placement::kContent);
  link(g, home, hidden, Placement::kContent, kRelNofollow);
  for (int i = 0; i < 5; ++i) link(g, home, b.external("https://x.test/" + std::to_string(i)), Placement::kContent);
  b.result().start = home;
  const Audit a = audit_site(b.result(), {3, 4});
  CHECK(urls_of(a, b.graph(), "noindex-linked") == std::vector<std::string>{"/hidden"});
  // Its 6 targets are all in its content, but its text is unknown (0 words): not an overview.
  CHECK(urls_of(a, b.graph(), "too-many-links") == std::vector<std::string>{"/"});
  CHECK(urls_of(a, b.graph(), "nofollow-internal-link") == std::vector<std::string>{"/"});
  CHECK_FALSE(a.facts.indexable[hidden]);
  CHECK(a.facts.indexable[home]);
}

TEST_CASE("too-many-links: navigation that swells a page, not a list by design or prose in proportion", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId list = b.page("/list.html");
  const UrlId article = b.page("/article.html");
  SiteGraph& g = b.result().graph;
  link(g, home, list, Placement::kContent);
  link(g, home, article, Placement::kContent);
  // The article: 10 targets, 8 of them a menu, 2 in its text.
  for (int i = 0; i < 8; ++i) link(g, article, b.page("/menu/" + std::to_string(i)), Placement::kNav);
  link(g, article, b.external("https://x.test/a"), Placement::kContent);
  link(g, article, list, Placement::kContent);
  // The list: 10 targets from its content, few words each; its menu names 6 of them first.
  for (int i = 0; i < 6; ++i) link(g, list, b.page("/item/" + std::to_string(i)), Placement::kNav);
  for (int i = 0; i < 10; ++i) link(g, list, b.page("/item/" + std::to_string(i)), Placement::kContent);
  ContentFingerprint words;
  words.main_words = 1000;  // the home page: prose with its 2 links
  words.words = 1200;
  g.set_content(home, words);
  words.main_words = 99;  // under 10 words per content link: a list
  words.words = 400;       // its text was read: the link blocks hold the rest
  g.set_content(list, words);
  b.result().start = home;
  AuditOptions options;
  options.max_links = 4;
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links") == std::vector<std::string>{"/article.html"});
  // The article long enough for its 10 targets (20 words each) is prose that cites; a word
  // fewer and its menu swells it again.
  words.main_words = 200;
  g.set_content(article, words);
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links").empty());
  words.main_words = 199;
  g.set_content(article, words);
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links") == std::vector<std::string>{"/article.html"});
  // A list with 10 words per link reads as prose: judged.
  words.main_words = 100;
  g.set_content(list, words);
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links") == std::vector<std::string>{"/article.html", "/list.html"});
  // Past 5 x --max-links no page holds its links by design: both judged whatever their text.
  words.main_words = 50000;
  g.set_content(article, words);
  words.main_words = 0;
  g.set_content(list, words);
  options.max_links = 1;
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links") == std::vector<std::string>{"/article.html", "/list.html"});
  // Under the ceiling again: a list whose blocks are all links (no main text, but words) is an
  // overview; a page whose text is unknown (no words at all: an edge list) is judged.
  options.max_links = 4;
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links").empty());
  const UrlId unread = b.page("/unread.html");
  link(g, home, unread, Placement::kContent);
  for (int i = 0; i < 10; ++i) link(g, unread, b.page("/item/" + std::to_string(i)), Placement::kContent);
  CHECK(urls_of(audit_site(b.result(), options), g, "too-many-links") == std::vector<std::string>{"/unread.html"});
}

TEST_CASE("canonical-target-broken and sitemap-not-indexable", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId dup = b.page("/dup");
  const UrlId gone = b.page("/gone", 404);
  const UrlId listed = b.page("/listed");
  b.at(dup).canonical = gone;
  b.at(listed).in_sitemap = true;
  b.at(listed).noindex = true;
  b.at(dup).in_sitemap = true;
  b.result().start = home;
  const Audit a = audit_site(b.result());
  CHECK(urls_of(a, b.graph(), "canonical-target-broken") == std::vector<std::string>{"/dup"});
  CHECK(urls_of(a, b.graph(), "sitemap-not-indexable") == std::vector<std::string>{"/dup", "/listed"});
}

TEST_CASE("canonical-chain and canonical-loop follow canonicals, canonical-target-broken leaves them alone", "[rules][canonical]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/a");
  const UrlId bb = b.page("/b");
  const UrlId c = b.page("/c");
  const UrlId x = b.page("/x");
  const UrlId y = b.page("/y");
  for (const UrlId id : {a, bb, x, y}) b.link(home, id);
  b.at(a).canonical = bb;   // a -> b -> c: a chain
  b.at(bb).canonical = c;   // b -> c: fine
  b.at(c).canonical = c;    // self-canonical
  b.at(x).canonical = y;    // x -> y -> x: a loop
  b.at(y).canonical = x;
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, b.graph(), "canonical-chain") == std::vector<std::string>{"/a"});
  CHECK(urls_of(audit, b.graph(), "canonical-loop") == std::vector<std::string>{"/x", "/y"});
  CHECK(urls_of(audit, b.graph(), "canonical-target-broken").empty());
  for (const Finding& f : audit.findings) {
    if (f.rule == "canonical-chain") CHECK(f.final_url == c);
    if (f.rule == "canonical-chain") CHECK(f.chain == std::vector<UrlId>{a, bb, c});
    if (f.rule == "canonical-loop" && f.url == x) CHECK(f.final_url == x);
  }
}

TEST_CASE("link-to-canonicalised: links to a URL whose canonical is an indexable page of the site", "[rules][canonical]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId print = b.page("/doc?print=1");
  const UrlId doc = b.page("/doc");
  const UrlId old_copy = b.page("/old");
  const UrlId gone = b.page("/gone", 404);
  const UrlId outside = b.external("https://elsewhere.test/doc");
  const UrlId mirror = b.page("/mirror");
  b.at(print).canonical = doc;
  b.at(old_copy).canonical = gone;   // canonical-target-broken's, not this rule's
  b.at(mirror).canonical = outside;  // the crawl keeps no external canonical; set by hand it is still not judged
  for (const UrlId id : {print, doc, old_copy, mirror}) b.link(home, id);
  b.link(doc, print);     // the canonical's own "print version" link: by design
  b.link(print, print);   // a page linking itself is not a link to edit
  const UrlId blog = b.page("/blog");
  b.link(home, blog);
  b.link(blog, print);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, b.graph(), "link-to-canonicalised") == std::vector<std::string>{"/doc?print=1"});
  for (const Finding& f : audit.findings) {
    if (f.rule != "link-to-canonicalised") continue;
    CHECK(f.final_url == doc);
    CHECK(f.count == 2);
    CHECK(f.chain == std::vector<UrlId>{home, blog});
  }
}

TEST_CASE("insecure-link: links to the site's other host name (www. added or dropped)", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId www = b.external("https://www.site.test/about");
  const UrlId other = b.external("https://www.other.test/");
  const UrlId sub = b.external("https://blog.site.test/");
  for (const UrlId id : {www, other, sub}) b.link(home, id);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, b.graph(), "insecure-link") == std::vector<std::string>{"/"});
  for (const Finding& f : audit.findings) {
    if (f.rule == "insecure-link") CHECK(f.target == www);
  }
}

TEST_CASE("link_score puts PageRank on a 0-100 log scale", "[rules][score]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a1 = b.page("/a1");
  const UrlId a2 = b.page("/a2");
  link(b.result().graph, home, a1, Placement::kContent);
  link(b.result().graph, a1, home, Placement::kContent);
  link(b.result().graph, home, a2, Placement::kContent);
  b.result().start = home;
  link(b.result().graph, a2, a1, Placement::kContent);
  const Audit a = audit_site(b.result());
  double low = 100;
  double high = 0;
  for (const UrlId x : {home, a1, a2}) {
    low = std::min(low, a.facts.link_score[x]);
    high = std::max(high, a.facts.link_score[x]);
    for (const UrlId y : {home, a1, a2}) {
      if (a.pagerank.rank[x] > a.pagerank.rank[y]) CHECK(a.facts.link_score[x] > a.facts.link_score[y]);
    }
  }
  CHECK(low == Approx(0.0).margin(1e-9));
  CHECK(high == Approx(100.0));
}

TEST_CASE("every finding's rule is in the catalogue", "[rules]") {
  for (const RuleInfo& r : rule_catalogue()) CHECK(find_rule(r.id) == &r);
  CHECK(find_rule("no-such-rule") == nullptr);
}

// Sphinx's genindex-A.html: 60 entries, each a link to a section of another page.
TEST_CASE("an index page (most links to sections of other pages) is neither single-inlink nor too-many-links", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId genindex = b.page("/genindex.html");
  const UrlId letter = b.page("/genindex-A.html");
  SiteGraph& g = b.result().graph;
  link(g, home, genindex);
  link(g, genindex, letter, Placement::kContent, kRelNone, "A");
  for (int i = 0; i < 60; ++i) {
    const UrlId page = b.page("/library/m" + std::to_string(i % 6) + ".html");
    link(g, letter, page, Placement::kContent, kRelNone, "abs" + std::to_string(i));
    g.add_fragment_link({letter, page, g.intern_fragment("index-" + std::to_string(i)), 1});
    link(g, home, page, Placement::kNav, kRelNone, "m" + std::to_string(i % 6));
  }
  const UrlId lonely = b.page("/lonely.html");
  link(g, home, lonely, Placement::kContent, kRelNone, "Lonely page");
  b.result().start = home;
  AuditOptions options;
  options.max_links = 5;
  const Audit a = audit_site(b.result(), options);
  CHECK(urls_of(a, g, "single-inlink") == std::vector<std::string>{"/genindex.html", "/lonely.html"});
  CHECK(urls_of(a, g, "too-many-links") == std::vector<std::string>{"/"});  // the home page is no index
}

TEST_CASE("link-to-redirect: one finding per redirecting URL with the pages to edit, never twice for one cause", "[rules]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId docs = b.page("/docs/");
  const UrlId bare = b.page("/docs", 301);  // the trailing-slash redirect
  b.redirect(bare, docs);
  const UrlId gone = b.page("/old", 301);
  const UrlId missing = b.page("/missing", 404);
  b.redirect(gone, missing);
  std::vector<UrlId> posts;
  for (int i = 0; i < 3; ++i) posts.push_back(b.page("/post" + std::to_string(i)));
  for (const UrlId p : posts) {
    b.link(home, p);
    b.link(p, bare);
    b.link(p, bare);  // twice on one page: one source
    b.link(p, gone);
  }
  b.link(home, docs);
  b.result().start = home;
  b.result().complete = true;
  const Audit a = audit_site(b.result());
  std::vector<const Finding*> found;
  for (const Finding& f : a.findings) {
    if (f.rule == "link-to-redirect") found.push_back(&f);
  }
  REQUIRE(found.size() == 1);  // /old ends at a 404: broken-link's, not this rule's
  const Finding& f = *found.front();
  const SiteGraph& g = b.result().graph;
  CHECK(g.url(f.url) == "https://site.test/docs");
  CHECK(g.url(f.final_url) == "https://site.test/docs/");
  CHECK(f.count == 3);
  CHECK(f.chain == posts);
}

namespace {
// A parsed page with main content `words` long: `exact` and `simhash` as given.
void content(GraphBuilder& b, UrlId id, std::uint64_t exact, std::uint64_t simhash, std::uint32_t words = 300,
             std::uint64_t description = 0) {
  b.result().graph.set_content(id, {exact, simhash, description, words, words});
  b.result().graph.set_fragment_ids(id, {});
}

const Finding* finding_of(const Audit& a, std::string_view rule, UrlId url) {
  for (const Finding& f : a.findings) {
    if (f.rule == rule && f.url == url) return &f;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("duplicate-content: indexable pages with the same content, a canonicalised copy folded", "[rules][duplicate]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId a = b.page("/a");
  const UrlId a_copy = b.page("/a-copy");
  const UrlId print = b.page("/a?print=1");
  const UrlId hidden = b.page("/hidden");
  const UrlId c = b.page("/c");
  const UrlId c_print = b.page("/c-print");
  for (const UrlId id : {a, a_copy, print, hidden, c, c_print}) b.link(home, id);
  b.link(a, home);
  b.link(c, a);
  content(b, home, 1, 0x1111);
  for (const UrlId id : {a, a_copy, print, hidden}) content(b, id, 42, 0xABCD);
  content(b, c, 7, 0x7777);
  content(b, c_print, 7, 0x7777);
  b.at(print).canonical = a;      // folded into /a
  b.at(hidden).noindex = true;    // not indexed: no duplicate
  b.at(c_print).canonical = c;    // the only copy folded: no finding for /c
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  REQUIRE(urls_of(audit, b.graph(), "duplicate-content") == std::vector<std::string>{"/a"});  // most equity first
  const Finding* f = finding_of(audit, "duplicate-content", a);
  CHECK(f->count == 2);
  CHECK(f->chain == std::vector<UrlId>{a_copy});
  REQUIRE(audit.duplicate_sets.size() == 1);
  CHECK(audit.duplicate_sets[0].exact);
  CHECK(audit.duplicate_sets[0].pages == std::vector<UrlId>{a, a_copy});
  CHECK(audit.duplicate_sets[0].equity > 0);
}

TEST_CASE("near-duplicate: SimHashes within --near-duplicate bits, short pages never", "[rules][duplicate]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId x = b.page("/x");
  const UrlId y = b.page("/y");
  const UrlId z = b.page("/z");
  const UrlId far = b.page("/far");
  const UrlId short1 = b.page("/s1");
  const UrlId short2 = b.page("/s2");
  const UrlId chance = b.page("/chance");
  for (const UrlId id : {x, y, z, far, short1, short2, chance}) b.link(home, id);
  content(b, home, 1, 0);
  const std::uint64_t h = 0x0123456789ABCDEFULL;
  content(b, x, 10, h);
  content(b, y, 11, h ^ 0x3F);                       // 6 bits from x
  content(b, z, 12, h ^ 0x3F ^ (0x3FULL << 40));     // 6 bits from y, 12 from x: joined through y
  content(b, far, 13, h ^ 0x7F00000000000000ULL);    // 7 bits from x
  content(b, short1, 14, 0x5555, 49);
  content(b, short2, 15, 0x5555, 49);                // same hash, too few words
  // 2 bits from x in the first SimHash but 40 in the second: alike by chance, not near.
  b.result().graph.set_content(chance, {16, h ^ 0x3, 0, 300, 300, 0xFFFFFFFFFFULL});
  b.result().graph.set_fragment_ids(chance, {});
  b.result().start = home;
  Audit audit = audit_site(b.result());
  REQUIRE(audit.duplicate_sets.size() == 1);
  CHECK_FALSE(audit.duplicate_sets[0].exact);
  std::vector<UrlId> pages = audit.duplicate_sets[0].pages;
  std::sort(pages.begin(), pages.end());
  CHECK(pages == std::vector<UrlId>{x, y, z});
  CHECK(urls_of(audit, b.graph(), "near-duplicate").size() == 1);
  AuditOptions strict;
  strict.near_duplicate = 0.95;  // 3 bits
  CHECK(audit_site(b.result(), strict).duplicate_sets.empty());
  AuditOptions off;
  off.near_duplicate = 0;
  CHECK(urls_of(audit_site(b.result(), off), b.graph(), "near-duplicate").empty());
}

TEST_CASE("duplicate-title, duplicate-description and missing-title judge parsed indexable pages", "[rules][duplicate]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId p1 = b.page("/p1");
  const UrlId p2 = b.page("/p2");
  const UrlId p3 = b.page("/p3");
  const UrlId untitled = b.page("/untitled");
  const UrlId imported = b.page("/imported");  // an edge list's page: nothing was read
  const UrlId gone = b.page("/gone", 404);
  for (const UrlId id : {p1, p2, p3, untitled, imported, gone}) b.link(home, id);
  content(b, home, 1, 1, 300, 0);
  content(b, p1, 2, 2, 300, 77);
  content(b, p2, 3, 3, 300, 77);
  content(b, p3, 4, 4, 300, 78);
  content(b, untitled, 5, 5);
  b.result().graph.text(home).title = "Home";
  b.result().graph.text(p1).title = "Espresso Guide";
  b.result().graph.text(p2).title = "espresso guide";
  b.result().graph.text(p3).title = "Espresso guide, part 2";
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, b.graph(), "duplicate-title").size() == 1);
  for (const Finding& f : audit.findings) {
    if (f.rule == "duplicate-title") CHECK((f.count == 2 && (f.href == "Espresso Guide" || f.href == "espresso guide")));
  }
  CHECK(urls_of(audit, b.graph(), "duplicate-description").size() == 1);
  CHECK(urls_of(audit, b.graph(), "missing-title") == std::vector<std::string>{"/untitled"});
}

TEST_CASE("an orphan with the same content as a linked page is named a copy of it", "[rules][duplicate][orphan]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId page = b.page("/page");
  const UrlId copy = b.page("/old/page");
  b.link(home, page);
  b.at(copy).listed = true;
  content(b, home, 1, 1);
  content(b, page, 9, 9);
  content(b, copy, 9, 9);
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const Finding* orphan = finding_of(audit, "orphan-page", copy);
  REQUIRE(orphan);
  CHECK(orphan->message.find("the same content as https://site.test/page") != std::string::npos);
}

TEST_CASE("hreflang codes: ISO 639-1 language, optional script and ISO 3166-1 region, x-default", "[rules][hreflang]") {
  for (const char* ok : {"en", "en-GB", "en-gb", "EN-us", "de-CH", "zh-Hant", "zh-Hant-TW", "es-419", "x-default", "X-Default", "pt-BR"}) {
    CHECK(hreflang_code_problem(ok).empty());
  }
  CHECK(hreflang_code_problem("en-UK").find("GB") != std::string::npos);
  CHECK_FALSE(hreflang_code_problem("eng").empty());      // ISO 639-2, not 639-1
  CHECK_FALSE(hreflang_code_problem("english").empty());
  CHECK_FALSE(hreflang_code_problem("en-XX").empty());
  CHECK_FALSE(hreflang_code_problem("en-EU").empty());
  CHECK_FALSE(hreflang_code_problem("en_GB").empty());    // underscore
  CHECK_FALSE(hreflang_code_problem("").empty());
  CHECK_FALSE(hreflang_code_problem("en-GB-extra").empty());
}

TEST_CASE("hreflang rules: return links, self reference, conflicts, indexable targets, x-default", "[rules][hreflang]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId en = b.page("/en/");
  const UrlId de = b.page("/de/");
  const UrlId fr = b.page("/fr/");
  const UrlId gone = b.page("/it/", 404);
  SiteGraph& g = b.result().graph;
  for (const UrlId id : {en, de, fr}) g.set_fragment_ids(id, {});  // parsed pages
  const auto alt = [&g](UrlId from, UrlId to, std::string_view code) {
    g.add_link({from, to, g.intern_anchor(code), 3, LinkKind::kAlternate, kRelNone, Placement::kHeader});
  };
  b.link(home, en);
  alt(en, en, "en");
  alt(en, de, "de");
  alt(en, fr, "fr");
  alt(en, gone, "it");
  alt(de, de, "de");
  alt(de, en, "en");
  alt(de, en, "x-default");
  alt(fr, de, "de");      // no self, names de but not en
  alt(fr, en, "de");      // "de" twice: a conflict
  b.result().start = home;
  const Audit audit = audit_site(b.result());
  const auto pairs = [&](std::string_view rule) {
    std::set<std::pair<UrlId, UrlId>> out;
    for (const Finding& f : audit.findings) {
      if (f.rule == rule) out.emplace(f.url, f.target);
    }
    return out;
  };
  CHECK(pairs("hreflang-no-return") == std::set<std::pair<UrlId, UrlId>>{{fr, de}});  // en names fr; fr names en ("de"): returned
  CHECK(pairs("hreflang-no-self") == std::set<std::pair<UrlId, UrlId>>{{fr, kNoUrl}});
  CHECK(pairs("hreflang-conflict").size() == 1);
  CHECK(pairs("hreflang-target-not-indexable") == std::set<std::pair<UrlId, UrlId>>{{en, gone}});
  CHECK(pairs("hreflang-no-x-default").empty());
  REQUIRE(audit.hreflang_sets.size() == 1);
  CHECK(audit.hreflang_sets[0].x_default == en);
  CHECK(audit.hreflang_sets[0].pages == std::vector<UrlId>{en, de, fr, gone});
}

TEST_CASE("copies are duplicate-content only: their shared title and description are not findings again", "[rules][duplicate]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId page = b.page("/page");
  const UrlId copy = b.page("/copy");
  const UrlId other = b.page("/other");
  for (const UrlId id : {page, copy, other}) b.link(home, id);
  content(b, home, 1, 1);
  content(b, page, 9, 9, 300, 5);
  content(b, copy, 9, 9, 300, 5);
  content(b, other, 8, 8);
  SiteGraph& g = b.result().graph;
  g.text(home).title = "Home";
  g.text(page).title = g.text(copy).title = "Page";
  g.text(other).title = "Other";
  b.result().start = home;
  Audit audit = audit_site(b.result());
  CHECK(urls_of(audit, b.graph(), "duplicate-content").size() == 1);
  CHECK(urls_of(audit, b.graph(), "duplicate-title").empty());
  CHECK(urls_of(audit, b.graph(), "duplicate-description").empty());
  g.text(other).title = "page";  // a third page with the title: now it is a finding, with all three
  audit = audit_site(b.result());
  REQUIRE(urls_of(audit, b.graph(), "duplicate-title").size() == 1);
  for (const Finding& f : audit.findings) {
    if (f.rule == "duplicate-title") CHECK(f.count == 3);
  }
}
