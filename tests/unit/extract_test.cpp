#include <catch2/catch.hpp>

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

TEST_CASE("anchor text is whitespace-collapsed; an image link's anchor is its alt text", "[extract][anchor]") {
  const auto page = extract_links(
      "<a href=/a>  Read\n\n  the <b>full</b>\tstory </a>"
      "<a href=/b><img src=logo.png alt=\"Acme  logo\"></a>"
      "<a href=/c aria-label=\"Close dialog\"></a>"
      "<a href=/d title=\"Title text\"><span></span></a>"
      "<a href=/e></a>");
  REQUIRE(page.links.size() == 5);
  CHECK(page.links[0].anchor == "Read the full story");
  CHECK(page.links[1].anchor == "Acme logo");
  CHECK(page.links[2].anchor == "Close dialog");
  CHECK(page.links[3].anchor == "Title text");
  CHECK(page.links[4].anchor.empty());
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

TEST_CASE("broken, empty and binary input never crashes", "[extract][robustness]") {
  CHECK(extract_links("").links.empty());
  // Nested <a> is read as browsers read it (the HTML adoption agency algorithm clones /x).
  const auto nested = extract_links("<a href=/x><div><a href=/y>unclosed");
  REQUIRE_FALSE(nested.links.empty());
  CHECK(nested.links.front().href == "/x");
  CHECK(nested.links.back().href == "/y");
  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 131) % 256);
  CHECK_NOTHROW(extract_links(binary));
  // gumbo's own tree destructor recurses once per level; the arena never calls it.
  std::string deep;
  for (int i = 0; i < 400000; ++i) deep += "<span>";
  deep += "<a href=/deep>d</a>";
  const auto page = extract_links(deep);
  REQUIRE(page.links.size() == 1);
  CHECK(page.links[0].href == "/deep");
}
