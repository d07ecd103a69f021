#include <catch2/catch.hpp>

#include <tuple>

#include <algorithm>
#include <bit>
#include <iterator>
#include <vector>

#include "crawl/parse_pool.hpp"
#include "sitegraph/extract.hpp"

using namespace sitegraph;

TEST_CASE("a and area links are extracted in document order with their lines", "[extract]") {
  const auto page = extract_links(
      "<html><body>\n<a href=\"/one\">One</a>\n<map><area href=\"/two\" alt=\"Two\"></map>\n"
      "<a>no href</a><a href=\"/three\">Three</a></body></html>");
  REQUIRE(page.links.size() == 3);
  CHECK(page.links[0].href == "/one");
  CHECK(page.links[0].kind == LinkKind::kAnchor);
  CHECK(page.links[0].line == 2);
  CHECK(page.links[1].kind == LinkKind::kArea);
  CHECK(page.links[1].anchor == "Two");
  CHECK(page.links[2].href == "/three");
}

TEST_CASE("anchor text is whitespace-collapsed, an image link's anchor is its alt text", "[extract][anchor]") {
  const auto page = extract_links(
      "<a href=/a>  Read\n\n  the <b>full</b>\tstory </a>"
      "<a href=/b><img src=logo.png alt=\"Acme  logo\"></a>"
      "<a href=/c aria-label=\"Close dialog\"></a>"
      "<a href=/d title=\"Title text\"><span></span></a>"
      "<a href=/e></a>");
  // The <img> is recorded too, as a resource (kImage); the five <a> links are the subject here.
  std::vector<RawLink> anchors;
  std::copy_if(page.links.begin(), page.links.end(), std::back_inserter(anchors),
               [](const RawLink& link) { return link.kind == LinkKind::kAnchor; });
  REQUIRE(anchors.size() == 5);
  CHECK(anchors[0].anchor == "Read the full story");
  CHECK(anchors[1].anchor == "Acme logo");
  CHECK(anchors[2].anchor == "Close dialog");
  CHECK(anchors[3].anchor == "Title text");
  CHECK(anchors[4].anchor.empty());
}

TEST_CASE("rel nofollow, ugc and sponsored are read as flags, case-insensitively", "[extract][rel]") {
  const auto page = extract_links(
      "<a href=/a rel=\"NoFollow noopener\">a</a><a href=/b rel=ugc>b</a>"
      "<a href=/c rel=\"sponsored nofollow\">c</a><a href=/d rel=noopener>d</a>");
  REQUIRE(page.links.size() == 4);
  CHECK(page.links[0].rel == kRelNofollow);
  CHECK(page.links[1].rel == kRelUgc);
  CHECK(page.links[2].rel == (kRelSponsored | kRelNofollow));
  CHECK(page.links[3].rel == kRelNone);
}

TEST_CASE("placement comes from the nearest landmark element or ARIA role", "[extract][placement]") {
  const auto page = extract_links(
      "<header><a href=/h>h</a><nav><a href=/n>n</a></nav></header>"
      "<main><a href=/m>m</a><aside><a href=/s>s</a></aside></main>"
      "<div role=navigation><a href=/rn>rn</a></div><div role=contentinfo><a href=/rf>rf</a></div>"
      "<footer><a href=/f>f</a></footer><p><a href=/c>c</a></p>");
  REQUIRE(page.links.size() == 8);
  CHECK(page.links[0].placement == Placement::kHeader);
  CHECK(page.links[1].placement == Placement::kNav);
  CHECK(page.links[2].placement == Placement::kContent);
  CHECK(page.links[3].placement == Placement::kAside);
  CHECK(page.links[4].placement == Placement::kNav);
  CHECK(page.links[5].placement == Placement::kFooter);
  CHECK(page.links[6].placement == Placement::kFooter);
  CHECK(page.links[7].placement == Placement::kContent);
}

TEST_CASE("meta robots noindex, nofollow and none are read", "[extract][directives]") {
  CHECK(extract_links("<meta name=robots content=\"noindex, follow\">").noindex);
  CHECK_FALSE(extract_links("<meta name=robots content=\"noindex, follow\">").nofollow);
  const auto none = extract_links("<meta name=\"ROBOTS\" content=\"none\">");
  CHECK(none.noindex);
  CHECK(none.nofollow);
  bool noindex = false;
  bool nofollow = false;
  apply_robots_directives("nofollow", noindex, nofollow);
  CHECK(nofollow);
  CHECK_FALSE(noindex);
}

TEST_CASE("base href, canonical and title are extracted", "[extract]") {
  const auto page = extract_links(
      "<head><title> My   page </title><base href=\"/docs/\"><base href=\"/ignored/\">"
      "<link rel=\"canonical\" href=\"https://example.com/page\"></head>");
  CHECK(page.title == "My page");
  CHECK(page.base_href == "/docs/");
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].kind == LinkKind::kCanonical);
  CHECK(page.links[0].href == "https://example.com/page");
}

TEST_CASE("entities in hrefs are decoded by the HTML parser", "[extract]") {
  const auto page = extract_links("<a href=\"/search?a=1&amp;b=2\">s</a>");
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].href == "/search?a=1&b=2");
}

TEST_CASE("base href: relative and absolute bases change how links resolve (WHATWG HTML 2.4.1)", "[extract][base]") {
  const ParsedPage absolute = parse_page({0, "https://site.test/a/b.html", "<base href=\"https://cdn.test/x/\"><a href=y.html>y</a><a href=/root>r</a>", "", ""});
  CHECK(absolute.resolved[0].url == "https://cdn.test/x/y.html");
  CHECK(absolute.resolved[1].url == "https://cdn.test/root");
  const ParsedPage relative = parse_page({0, "https://site.test/a/b.html", "<base href=\"../c/\"><a href=y.html>y</a>", "", ""});
  CHECK(relative.resolved[0].url == "https://site.test/c/y.html");
  const ParsedPage broken = parse_page({0, "https://site.test/a/b.html", "<base href=\"http://[bad\"><a href=y.html>y</a>", "", ""});
  CHECK(broken.resolved[0].url == "https://site.test/a/y.html");  // an unusable base is ignored
}

TEST_CASE("minified and malformed attributes are read as browsers read them", "[extract][robustness]") {
  const ParsedPage page = parse_page(
      {0, "https://site.test/", "<a href=/a class=x>a</a><a href='/b'title=t>b</a><a HREF=\"/c\" REL=NOFOLLOW>c</a>"
                                "<a href=\"/d?x=1&amp;y=2&copy=3\">d</a><a href=\" /e \">e</a><a href=\"/f>f</a>", "", ""});
  std::vector<std::string> urls;
  for (const ResolvedHref& r : page.resolved) urls.push_back(r.url);
  // The sixth, <a href="/f>f</a>, never closes its quote: the tag runs to the end of the input
  // and is dropped (WHATWG HTML 13.2.5.36, EOF in an attribute value), so there are five links.
  REQUIRE(urls.size() == 5);
  CHECK(urls[0] == "https://site.test/a");
  CHECK(urls[1] == "https://site.test/b");
  CHECK(urls[2] == "https://site.test/c");
  CHECK(page.extracted.links[2].rel == kRelNofollow);
  // In an attribute, "&copy" followed by '=' is not a character reference (WHATWG HTML 13.2.5.73)
  CHECK(urls[3] == "https://site.test/d?x=1&y=2&copy=3");
  CHECK(urls[4] == "https://site.test/e");
  CHECK(page.extracted.links[4].anchor == "e");  // nothing of the sixth ran into the fifth
}

TEST_CASE("broken, empty and binary input never crashes", "[extract][robustness]") {
  CHECK(extract_links("").links.empty());
  // Nested <a> is read as browsers read it (the HTML adoption agency algorithm clones /x).
  const auto nested = extract_links("<a href=/x><div><a href=/y>unclosed");
  REQUIRE_FALSE(nested.links.empty());
  CHECK(nested.links.front().href == "/x");
  CHECK(nested.links.back().href == "/y");
  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 131) % 256);
  // Every '<' in these bytes (i * 131 mod 256) is followed by byte 191, never a tag name: the
  // parser reads text only, so there is no link, title or directive in it.
  const auto noise = extract_links(binary);
  CHECK(noise.links.empty());
  CHECK(noise.title.empty());
  CHECK(noise.base_href.empty());
  CHECK_FALSE(noise.noindex);
  CHECK_FALSE(noise.nofollow);
  // gumbo's own tree destructor recurses once per level; the arena never calls it.
  std::string deep;
  for (int i = 0; i < 400000; ++i) deep += "<span>";
  deep += "<a href=/deep>d</a>";
  const auto page = extract_links(deep);
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].href == "/deep");
}

TEST_CASE("link kinds: hreflang alternates, next/prev, meta refresh and iframes", "[extract][kinds]") {
  const auto page = extract_links(
      "<head><link rel=alternate hreflang=de href=/de/><link rel=\"alternate\" type=application/rss+xml href=/feed>"
      "<link rel=next href=/p2><link rel=previous href=/p0><link rel=prev href=/p0b>"
      "<meta http-equiv=Refresh content=\"5; URL='/moved'\"></head><body><iframe src=/frame></iframe></body>");
  std::vector<std::pair<LinkKind, std::string>> got;
  for (const RawLink& l : page.links) got.emplace_back(l.kind, l.href);
  CHECK(got == std::vector<std::pair<LinkKind, std::string>>{{LinkKind::kAlternate, "/de/"},
                                                               {LinkKind::kNext, "/p2"},
                                                               {LinkKind::kPrev, "/p0"},
                                                               {LinkKind::kPrev, "/p0b"},
                                                               {LinkKind::kRefresh, "/moved"},
                                                               {LinkKind::kIframe, "/frame"}});
  CHECK(page.links[0].anchor == "de");  // an alternate's anchor is its hreflang
}

TEST_CASE("resources: img src and srcset, script, stylesheet, source, video, audio", "[extract][resources]") {
  const auto page = extract_links(
      "<link rel=stylesheet href=/s.css><script src=/a.js></script><script>inline()</script>"
      "<img src=/i.png srcset=\"/i-2x.png 2x, /i,3x.png 3x\" alt=\" Logo \">"
      "<picture><source srcset=\"/p.webp\"></picture><video src=/v.mp4 poster=/v.jpg></video><audio src=/a.mp3></audio>");
  std::vector<std::pair<LinkKind, std::string>> got;
  for (const RawLink& l : page.links) got.emplace_back(l.kind, l.href);
  CHECK(got == std::vector<std::pair<LinkKind, std::string>>{{LinkKind::kStylesheet, "/s.css"},
                                                               {LinkKind::kScript, "/a.js"},
                                                               {LinkKind::kImage, "/i.png"},
                                                               {LinkKind::kImage, "/i-2x.png"},
                                                               {LinkKind::kImage, "/i,3x.png"},
                                                               {LinkKind::kMedia, "/p.webp"},
                                                               {LinkKind::kMedia, "/v.mp4"},
                                                               {LinkKind::kMedia, "/v.jpg"},
                                                               {LinkKind::kMedia, "/a.mp3"}});
  CHECK(page.links[2].anchor == "Logo");
  for (const RawLink& l : page.links) CHECK(is_resource(l.kind));
}

TEST_CASE("resources: icons, and CSS url() and @import in style attributes and <style>", "[extract][resources][css]") {
  const auto page = extract_links(
      "<html><head><link rel=\"shortcut icon\" href=../favicon.ico><link rel=apple-touch-icon href=/t.png>\n"
      "<link rel=manifest href=/app.webmanifest><link rel=preconnect href=https://cdn.test/>\n"
      "<style>@import url(\"base.css\") screen;\n/* url(not-this.png) */ body{background:url( bg.png )}\n"
      ".x{behavior:url(\"/a.htc\")}</style></head>\n"
      "<body><div style=\"background-image: url('/d.png'); @import 'no.css'\">x</div></body></html>");
  std::vector<std::tuple<LinkKind, std::string, std::uint32_t>> got;
  for (const RawLink& l : page.links) got.emplace_back(l.kind, l.href, l.line);
  CHECK(got == std::vector<std::tuple<LinkKind, std::string, std::uint32_t>>{{LinkKind::kIcon, "../favicon.ico", 1},
                                                                               {LinkKind::kIcon, "/t.png", 1},
                                                                               {LinkKind::kIcon, "/app.webmanifest", 2},
                                                                               {LinkKind::kStylesheet, "base.css", 3},
                                                                               {LinkKind::kCssUrl, "bg.png", 4},
                                                                               {LinkKind::kCssUrl, "/a.htc", 5},
                                                                               {LinkKind::kCssUrl, "/d.png", 6}});
  for (const RawLink& l : page.links) CHECK(is_resource(l.kind));
  CHECK(link_kind_name(LinkKind::kIcon) == "icon");
  CHECK(link_kind_name(LinkKind::kCssUrl) == "css-url");
}

TEST_CASE("css_references: url() and @import as CSS Syntax tokenises them", "[extract][css]") {
  const auto refs = css_references(
      "@import 'a.css';\n@IMPORT url(b.css) print;\n"
      "p{background:URL(c.png)} q{src:url(\"d e.woff\")} r{x:url( 'f.png' )}\n"
      "/* url(comment.png) @import 'x.css'; */ s{content:\"url(string.png)\"}\n"
      "t{background:url(data:image/png;base64,AAAA)} u{y:myurl(no.png)} v{z:url(g\\).png)} w{w:url(\\68 .png)}\n"
      "@importx 'no.css'; x{background:url()} y{b:url(\"unclosed");
  std::vector<std::tuple<std::string, bool, std::uint32_t>> got;
  for (const CssReference& r : refs) got.emplace_back(r.url, r.import, r.line);
  CHECK(got == std::vector<std::tuple<std::string, bool, std::uint32_t>>{{"a.css", true, 0},
                                                                          {"b.css", true, 1},
                                                                          {"c.png", false, 2},
                                                                          {"d e.woff", false, 2},
                                                                          {"f.png", false, 2},
                                                                          {"data:image/png;base64,AAAA", false, 4},
                                                                          {"g).png", false, 4},
                                                                          {"h.png", false, 4},
                                                                          {"unclosed", false, 5}});
  CHECK(css_references("").empty());
  CHECK(css_references("/* never closed url(a.png)").empty());
  CHECK(css_references("url(").empty());
  CHECK(css_references("\\").empty());
}

TEST_CASE("srcset: candidates split on commas, URLs may hold commas, descriptors dropped (WHATWG HTML 4.8.4.2.3)", "[extract][srcset]") {
  CHECK(srcset_urls("a.jpg") == std::vector<std::string>{"a.jpg"});
  CHECK(srcset_urls(" a.jpg 1x ,b.jpg 2x") == std::vector<std::string>{"a.jpg", "b.jpg"});
  CHECK(srcset_urls("a.jpg,b.jpg") == std::vector<std::string>{"a.jpg,b.jpg"});  // no whitespace: one URL, as browsers read it
  CHECK(srcset_urls("data:image/png;base64,AAA= 1x, c.png 2x") == std::vector<std::string>{"data:image/png;base64,AAA=", "c.png"});
  CHECK(srcset_urls("x.png 100w (odd, descriptor), y.png 200w") == std::vector<std::string>{"x.png", "y.png"});
  CHECK(srcset_urls("  ,  ").empty());
}

TEST_CASE("meta refresh: the url= part, quoted or not, case-insensitive", "[extract][kinds]") {
  CHECK(refresh_url("0; url=/next") == "/next");
  CHECK(refresh_url("3;URL=\"https://x.test/a b\"") == "https://x.test/a b");
  CHECK(refresh_url("5, /plain") == "/plain");
  CHECK(refresh_url("30").empty());
}

TEST_CASE("directives: meta name=googlebot applies only when the crawler is googlebot", "[extract][directives]") {
  const std::string html = "<meta name=googlebot content=noindex><meta name=bingbot content=nofollow>";
  CHECK(extract_links(html, "googlebot").noindex);
  CHECK_FALSE(extract_links(html, "googlebot").nofollow);
  CHECK_FALSE(extract_links(html, "sitegraph").noindex);
  CHECK(extract_links(html, "bingbot").nofollow);
}

TEST_CASE("directives: X-Robots-Tag names a crawler before its directives", "[extract][directives]") {
  auto read = [](std::string_view value, std::string_view agent) {
    bool noindex = false;
    bool nofollow = false;
    apply_x_robots_tag(value, agent, noindex, nofollow);
    return std::make_pair(noindex, nofollow);
  };
  CHECK(read("noindex", "sitegraph") == std::make_pair(true, false));
  CHECK(read("googlebot: noindex, nofollow", "sitegraph") == std::make_pair(false, false));
  CHECK(read("googlebot: noindex, nofollow", "googlebot") == std::make_pair(true, true));
  CHECK(read("unavailable_after: 25 Jun 2010 15:00:00 PST, nofollow", "x") == std::make_pair(false, true));
  CHECK(read("none", "x") == std::make_pair(true, true));
}

TEST_CASE("the HTTP Link header gives a canonical (RFC 8288)", "[extract][directives]") {
  CHECK(canonical_from_link_header("<https://x.test/a>; rel=\"canonical\"") == "https://x.test/a");
  CHECK(canonical_from_link_header("</feed>; rel=alternate, </a?b=1>; rel=canonical") == "/a?b=1");
  CHECK(canonical_from_link_header("</x>; rel=\"preload\"").empty());
  CHECK(canonical_from_link_header("").empty());
}

TEST_CASE("100,000 links on one page and a 10 MB attribute value are extracted", "[extract][robustness]") {
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "<a href=/p" + std::to_string(i) + ">p</a>";
  CHECK(extract_links(many).links.size() == 100000);
  const std::string huge = "<a href=\"/" + std::string(10u << 20, 'x') + "\">big</a><a href=/after>after</a>";
  const auto page = extract_links(huge);
  REQUIRE(page.links.size() == 2);
  CHECK(page.links[0].href.size() == (10u << 20) + 1);
  CHECK(page.links[1].href == "/after");
}

TEST_CASE("code anchors: a link inside code, or whose text is all code, is flagged code", "[extract][anchor]") {
  const auto page = extract_links(
      "<p><code><a href=/a>read</a></code> <a href=/b><code class=literal><span class=pre>continue</span></code></a>"
      " <a href=/c><kbd>Ctrl</kbd>+<kbd>C</kbd></a> <a href=/d>read more</a> <a href=/e><code>view</code> the docs</a>"
      " <tt><a href=/f>info</a></tt></p>");
  REQUIRE(page.links.size() == 6);
  CHECK(page.links[0].code);
  CHECK(page.links[1].code);
  CHECK_FALSE(page.links[2].code);  // "+" is not code
  CHECK_FALSE(page.links[3].code);
  CHECK_FALSE(page.links[4].code);
  CHECK(page.links[5].code);
}

TEST_CASE("anchor text: a line break or block inside a link separates words", "[extract][anchor]") {
  const auto page = extract_links(
      "<a href=/a><span>fegetenv</span><br><span>fesetenv</span></a><a href=/b><div>one</div><div>two</div></a>"
      "<a href=/c>a<b>b</b>c</a>");
  REQUIRE(page.links.size() == 3);
  CHECK(page.links[0].anchor == "fegetenv fesetenv");
  CHECK(page.links[1].anchor == "one two");
  CHECK(page.links[2].anchor == "abc");
}

TEST_CASE("positional anchors: position words and arrows, never titles, numbers or other scripts", "[extract][placement]") {
  const auto page = extract_links(
      "<div><a href=/1>Next &raquo;</a><a href=/2>&larr; Previous</a><a href=/3>UP</a><a href=/4>Back to top</a>"
      "<a href=/5>&lt;&lt;</a><a href=/6>&raquo; Getting started</a><a href=/7>[1]</a><a href=/8>2</a>"
      "<a href=/9>\xE6\xA6\x82\xE8\xA6\x81</a><a href=/10>Home</a><a href=/11>Next steps with Git</a></div>");
  std::vector<Placement> got;
  for (const RawLink& l : page.links) got.push_back(l.placement);
  const Placement N = Placement::kNav;
  const Placement C = Placement::kContent;
  CHECK(got == std::vector<Placement>{N, N, N, N, N, C, C, C, C, N, C});
}

TEST_CASE("block fingerprint: the same block gives the same value on two pages, running text does not", "[extract][template]") {
  const std::string footer = "<div id=footer><div class=footer-text>Part of the <a href=/git>git(1)</a> suite</div></div>";
  const auto a = extract_links("<div class=content><p>See <a href=/git>git(1)</a> for details.</p></div>" + footer);
  const auto b = extract_links("<div class=content><h2>Intro</h2><p>Also <a href=/git>git(1)</a> and more.</p><p>x</p></div>" + footer);
  REQUIRE(a.links.size() == 2);
  REQUIRE(b.links.size() == 2);
  CHECK(a.links[1].block == b.links[1].block);  // the footer
  CHECK(a.links[0].block != b.links[0].block);  // two sentences
  CHECK(a.links[0].block != a.links[1].block);
  CHECK(a.links[0].block != 0);
}

TEST_CASE("block fingerprint: a body class naming the page does not make a sidebar another block", "[extract][template]") {
  const std::string sidebar = "<div class=t-navbar><table><tr><td><a href=/program.html>Program utilities</a></td></tr></table></div>";
  const auto a = extract_links("<body class=\"mediawiki page-cpp_utility_any\">" + sidebar + "<p>a</p></body>");
  const auto b = extract_links("<body class=\"mediawiki page-cpp_utility_optional\"><p>intro</p>" + sidebar + "</body>");
  REQUIRE(a.links.size() == 1);
  REQUIRE(b.links.size() == 1);
  CHECK(a.links[0].block == b.links[0].block);
}

TEST_CASE("content fingerprint: the same words are the same page, whatever the markup and case", "[extract][duplicate]") {
  const ContentFingerprint a = extract_links("<p>The Quick  brown fox</p><p>jumps over the lazy dog.</p>").content;
  const ContentFingerprint b = extract_links("<div>the quick brown <b>fox</b> jumps<br>over the lazy dog</div>").content;
  const ContentFingerprint c = extract_links("<p>The quick brown fox jumps over the lazy cat.</p>").content;
  CHECK(a.words == 9);
  CHECK(a.exact != 0);
  CHECK(a.exact == b.exact);
  CHECK(a.simhash == b.simhash);
  CHECK(a.exact != c.exact);
  CHECK(extract_links("<p> \n </p><script>var x = 1;</script>").content.exact == 0);
}

TEST_CASE("content fingerprint: header, nav, footer, aside, head, scripts and styles are not content", "[extract][duplicate]") {
  const std::string body = "<p>Espresso needs a fine, even grind and fresh beans.</p>";
  const ContentFingerprint plain = extract_links(body).content;
  const ContentFingerprint framed =
      extract_links("<head><title>Grinders</title><style>p{}</style></head><header>Coffee Co</header><nav>Shop Blog</nav>" +
                    body + "<aside>Related</aside><div role=contentinfo>(c) 2026</div><script>track()</script>"
                    "<noscript>enable js</noscript><footer>Imprint</footer>")
          .content;
  CHECK(framed.exact == plain.exact);
  CHECK(framed.words == plain.words);
}

TEST_CASE("main text: link lists are left out, <main> is the main text when a page has one", "[extract][duplicate]") {
  // A menu in plain markup (all links), a table of links with headings, and running text
  // with a link in it: only the running text and the heading above it are main text.
  const std::string html =
      "<h1>Grinders</h1><div class=menu><a href=/a>Shop</a> <a href=/b>Blog</a></div>"
      "<table><tr><td>Loops</td></tr><tr><td><a href=/for>for</a> <a href=/while>while</a> <a href=/do>do-while</a></td></tr></table>"
      "<p>Burr grinders give an even grind; see <a href=/burr>burrs</a> for more.</p>";
  CHECK(main_text(html) == "Grinders Burr grinders give an even grind; see burrs for more.");
  CHECK(main_text("<div>Site name</div><div role=main><p>Only this.</p></div>") == "Only this.");
  CHECK(main_text("<ul><li><a href=/a>A</a><li><a href=/b>B</a></ul>").empty());
  // The exact hash still reads every content word: two link lists are not the same page.
  CHECK(extract_links("<ul><li><a href=/a>A</a></ul>").content.exact != extract_links("<ul><li><a href=/b>B</a></ul>").content.exact);
  CHECK(extract_links("<ul><li><a href=/a>A</a></ul>").content.main_words == 0);
}

TEST_CASE("content fingerprint: near-duplicates differ in few SimHash bits, other pages in many", "[extract][duplicate]") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "word" + std::to_string(i * 7919 % 1000) + " ";
  std::string edited = text;
  edited.replace(edited.find("word7"), 5, "changed");  // one word of 200
  std::string other;
  for (int i = 0; i < 200; ++i) other += "term" + std::to_string(i * 104729 % 1000) + " ";
  const ContentFingerprint a = extract_links("<p>" + text + "</p>").content;
  const ContentFingerprint b = extract_links("<p>" + edited + "</p>").content;
  const ContentFingerprint c = extract_links("<p>" + other + "</p>").content;
  CHECK(a.exact != b.exact);
  CHECK(std::popcount(a.simhash ^ b.simhash) <= 6);
  CHECK(std::popcount(a.simhash ^ b.simhash) + std::popcount(a.simhash_high ^ b.simhash_high) <= 12);
  CHECK(std::popcount(a.simhash ^ c.simhash) > 12);
  CHECK(std::popcount(a.simhash_high ^ c.simhash_high) > 12);
  // A marker repeated down a table votes once: it does not make unlike pages alike.
  std::string marked_a = "<p>" + text;
  std::string marked_c = "<p>" + other;
  for (int i = 0; i < 300; ++i) {
    marked_a += " (C++11)";
    marked_c += " (C++11)";
  }
  CHECK(std::popcount(extract_links(marked_a).content.simhash ^ extract_links(marked_c).content.simhash) > 12);
}

TEST_CASE("content fingerprint: the meta description is hashed whitespace-collapsed and lowercased", "[extract][duplicate]") {
  const auto desc = [](const std::string& d) { return extract_links("<meta name=description content=\"" + d + "\"><p>x</p>").content.description; };
  CHECK(desc("Fresh  beans,\ndaily") == desc("fresh beans, daily"));
  CHECK(desc("Fresh beans") != desc("Fresh beans daily"));
  CHECK(desc("   ") == 0);
  CHECK(extract_links("<p>x</p>").content.description == 0);
}

TEST_CASE("Link header entries: canonical and hreflang alternates, quoted or not, commas inside quotes", "[extract][hreflang]") {
  const auto e = parse_link_header("</de/>; rel=\"alternate\"; hreflang=\"de\", <https://x.test/>; rel=canonical, "
                                   "</fr/>; title=\"a, b\"; rel=alternate; hreflang=fr-CA, <bad");
  REQUIRE(e.size() == 3);
  CHECK(e[0].url == "/de/");
  CHECK(e[0].rels == std::vector<std::string>{"alternate"});
  CHECK(e[0].hreflang == "de");
  CHECK(e[1].rels == std::vector<std::string>{"canonical"});
  CHECK(e[1].hreflang.empty());
  CHECK(e[2].url == "/fr/");
  CHECK(e[2].hreflang == "fr-CA");
  CHECK(parse_link_header("").empty());
}
