// Tests of sitemap parsing (sitemaps.org protocol 0.9) and gzip inflation (RFC 1952).
#define ZLIB_CONST
#include <zlib.h>

#include <catch2/catch.hpp>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "../gzip_member.hpp"
#include "sitegraph/sitemap.hpp"

using sitegraph::parse_sitemap;
using sitegraph::SitemapKind;
using sitegraph::SitemapLimits;
using Urls = std::vector<std::string>;

namespace {

std::string gzip(const std::string& data) { return sitegraph::testing::gzip_member(data); }

const std::string kUrlSet =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "  <url><loc>https://example.org/</loc><lastmod>2024-01-01</lastmod></url>\n"
    "  <url>\n    <loc>\n      https://example.org/a?x=1&amp;y=2\n    </loc>\n  </url>\n"
    "  <url><loc><![CDATA[https://example.org/b]]></loc></url>\n"
    "</urlset>\n";

std::string urlset_of(int count) {
  std::string xml = "<urlset>";
  for (int i = 0; i < count; ++i) {
    xml += "<url><loc>https://example.org/" + std::to_string(i) + "</loc></url>";
  }
  return xml + "</urlset>";
}

}  // namespace

TEST_CASE("sitemap: <urlset> yields each <url>'s <loc>, trimmed and unescaped (sitemaps.org)",
          "[sitemap]") {
  const auto parsed = parse_sitemap(kUrlSet);
  CHECK(parsed.kind == SitemapKind::kUrlSet);
  CHECK(parsed.error.empty());
  CHECK(parsed.urls == Urls{"https://example.org/", "https://example.org/a?x=1&y=2",
                            "https://example.org/b"});
}

TEST_CASE("sitemap: <sitemapindex> yields each <sitemap>'s <loc> (sitemaps.org index files)",
          "[sitemap]") {
  const auto parsed = parse_sitemap(
      "<?xml version=\"1.0\"?>"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>https://example.org/s1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap>"
      "<sitemap><loc>https://example.org/s2.xml</loc></sitemap>"
      "</sitemapindex>");
  CHECK(parsed.kind == SitemapKind::kIndex);
  CHECK(parsed.error.empty());
  CHECK(parsed.urls == Urls{"https://example.org/s1.xml.gz", "https://example.org/s2.xml"});
}

TEST_CASE("sitemap: element names match by local name whatever the prefix or namespace",
          "[sitemap]") {
  const auto prefixed = parse_sitemap(
      "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sm:url><sm:loc>https://example.org/p</sm:loc></sm:url></sm:urlset>");
  CHECK(prefixed.kind == SitemapKind::kUrlSet);
  CHECK(prefixed.urls == Urls{"https://example.org/p"});

  const auto wrong_namespace = parse_sitemap(
      "<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.9\">"
      "<url><loc>https://example.org/q</loc></url></urlset>");
  CHECK(wrong_namespace.urls == Urls{"https://example.org/q"});
}

TEST_CASE("sitemap: extension <loc> elements inside a <url> are not page URLs (sitemaps.org)",
          "[sitemap]") {
  const auto parsed = parse_sitemap(
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
      " xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">"
      "<url><loc>https://example.org/page</loc>"
      "<image:image><image:loc>https://example.org/img.png</image:loc></image:image></url>"
      "</urlset>");
  CHECK(parsed.urls == Urls{"https://example.org/page"});
}

TEST_CASE("sitemap: Unicode whitespace around a <loc> is trimmed", "[sitemap]") {
  const auto parsed = parse_sitemap(
      "<sitemapindex><sitemap><loc>\xC2\xA0https://example.org/s.xml\xE2\x80\x80\n</loc></sitemap>"
      "</sitemapindex>");
  CHECK(parsed.urls == Urls{"https://example.org/s.xml"});
}

TEST_CASE("sitemap: a byte order mark and whitespace before the XML are tolerated", "[sitemap]") {
  const auto parsed = parse_sitemap("\xEF\xBB\xBF \n" + kUrlSet);
  CHECK(parsed.kind == SitemapKind::kUrlSet);
  CHECK(parsed.urls.size() == 3);
  CHECK(parsed.error.empty());
}

TEST_CASE("sitemap: a gzip body is inflated first (sitemaps.org, RFC 1952)", "[sitemap]") {
  const auto xml = parse_sitemap(gzip(kUrlSet));
  CHECK(xml.kind == SitemapKind::kUrlSet);
  CHECK(xml.error.empty());
  CHECK(xml.urls.size() == 3);

  const auto text = parse_sitemap(gzip("https://example.org/1\nhttps://example.org/2\n"));
  CHECK(text.kind == SitemapKind::kText);
  CHECK(text.urls == Urls{"https://example.org/1", "https://example.org/2"});
}

TEST_CASE("sitemap: gzip never inflates past max_bytes (sitemaps.org 50 MB limit)", "[sitemap]") {
  const std::string bomb = gzip(std::string(1'000'000, ' ') + kUrlSet);
  SitemapLimits limits;
  limits.max_bytes = 100'000;
  const auto parsed = parse_sitemap(bomb, limits);
  CHECK(parsed.kind == SitemapKind::kInvalid);
  CHECK(parsed.urls.empty());
  CHECK_FALSE(parsed.error.empty());

  std::string error;
  CHECK(sitegraph::gunzip(bomb, 100'000, error).empty());
  CHECK_FALSE(error.empty());
  CHECK(sitegraph::gunzip(bomb, 2'000'000, error).size() == 1'000'000 + kUrlSet.size());
  CHECK(error.empty());
}

TEST_CASE("sitemap: truncated gzip data is reported (RFC 1952)", "[sitemap]") {
  const std::string packed = gzip(urlset_of(200));
  std::string error;
  sitegraph::gunzip(packed.substr(0, packed.size() / 2), 1'000'000, error);
  CHECK_FALSE(error.empty());
  const auto parsed = parse_sitemap(packed.substr(0, packed.size() - 4));
  CHECK_FALSE(parsed.error.empty());
}

TEST_CASE("sitemap: a non-XML body is a text sitemap of http(s) URL lines (sitemaps.org)",
          "[sitemap]") {
  const auto parsed = parse_sitemap(
      "\xEF\xBB\xBFhttps://example.org/a\r\n"
      "  http://example.org/b  \n"
      "ftp://example.org/c\n"
      "not a url\n"
      "\n"
      "HTTPS://example.org/d\r"
      "https://example.org/with space\n");
  CHECK(parsed.kind == SitemapKind::kText);
  CHECK(parsed.error.empty());
  CHECK(parsed.urls == Urls{"https://example.org/a", "http://example.org/b", "HTTPS://example.org/d"});
}

TEST_CASE("sitemap: a body that is neither XML nor URL lines is invalid", "[sitemap]") {
  CHECK(parse_sitemap("").kind == SitemapKind::kInvalid);
  const auto parsed = parse_sitemap("{\"urls\": []}");
  CHECK(parsed.kind == SitemapKind::kInvalid);
  CHECK_FALSE(parsed.error.empty());
}

TEST_CASE("sitemap: an XML root other than urlset/sitemapindex is rejected", "[sitemap]") {
  const auto parsed = parse_sitemap("<html><body><loc>https://example.org/</loc></body></html>");
  CHECK(parsed.kind == SitemapKind::kInvalid);
  CHECK(parsed.urls.empty());
  CHECK_FALSE(parsed.error.empty());
}

TEST_CASE("sitemap: truncated XML keeps the URLs read before the cut", "[sitemap]") {
  const std::string whole = urlset_of(3);
  const auto parsed = parse_sitemap(whole.substr(0, whole.find("/2</loc>")));
  CHECK(parsed.kind == SitemapKind::kUrlSet);
  CHECK(parsed.urls == Urls{"https://example.org/0", "https://example.org/1"});
  CHECK_FALSE(parsed.error.empty());

  const auto index = parse_sitemap("<sitemapindex><sitemap><loc>https://example.org/s.xml</loc><last");
  CHECK(index.kind == SitemapKind::kIndex);
  CHECK(index.urls == Urls{"https://example.org/s.xml"});
  CHECK_FALSE(index.error.empty());
}

TEST_CASE("sitemap: entity declarations are rejected (no XXE, no entity expansion)", "[sitemap]") {
  const auto external = parse_sitemap(
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE urlset [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
      "<urlset><url><loc>&secret;</loc></url></urlset>");
  CHECK(external.urls.empty());
  CHECK(external.kind == SitemapKind::kInvalid);
  CHECK_FALSE(external.error.empty());

  const auto laughs = parse_sitemap(
      "<!DOCTYPE urlset [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
      " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"> ]>"
      "<urlset><url><loc>https://example.org/&c;</loc></url></urlset>");
  CHECK(laughs.urls.empty());
  CHECK_FALSE(laughs.error.empty());
}

TEST_CASE("sitemap: parsing stops at max_urls with an error (sitemaps.org 50,000 URLs)",
          "[sitemap]") {
  SitemapLimits limits;
  limits.max_urls = 3;
  const auto exact = parse_sitemap(urlset_of(3), limits);
  CHECK(exact.urls.size() == 3);
  CHECK(exact.error.empty());

  const auto over = parse_sitemap(urlset_of(5), limits);
  CHECK(over.kind == SitemapKind::kUrlSet);
  CHECK(over.urls == Urls{"https://example.org/0", "https://example.org/1", "https://example.org/2"});
  CHECK_FALSE(over.error.empty());

  const auto text = parse_sitemap("https://e.org/1\nhttps://e.org/2\nhttps://e.org/3\nhttps://e.org/4\n",
                                  limits);
  CHECK(text.urls.size() == 3);
  CHECK_FALSE(text.error.empty());
}

TEST_CASE("sitemap: a body over max_bytes is read only up to the limit", "[sitemap]") {
  SitemapLimits limits;
  const std::string xml = urlset_of(10);
  limits.max_bytes = xml.find("/5</loc>");
  const auto parsed = parse_sitemap(xml, limits);
  CHECK(parsed.urls.size() == 5);
  CHECK_FALSE(parsed.error.empty());
}

TEST_CASE("sitemap: xhtml:link hreflang alternates belong to their entry's <loc>, wherever it stands", "[sitemap][hreflang]") {
  const auto parsed = parse_sitemap(
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"
      "<url><loc>https://example.org/en/</loc>"
      "<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/\"/>"
      "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\" https://example.org/en/ \"/></url>"
      "<url><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/\"/>"
      "<loc>https://example.org/de/</loc>"
      "<xhtml:link rel=\"stylesheet\" hreflang=\"fr\" href=\"https://example.org/x.css\"/></url>"
      "<url><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/fr/\"/></url>"  // no <loc>: dropped
      "</urlset>");
  CHECK(parsed.error.empty());
  REQUIRE(parsed.alternates.size() == 3);
  CHECK(parsed.alternates[0].page == "https://example.org/en/");
  CHECK(parsed.alternates[0].hreflang == "de");
  CHECK(parsed.alternates[0].url == "https://example.org/de/");
  CHECK(parsed.alternates[1].url == "https://example.org/en/");
  CHECK(parsed.alternates[2].page == "https://example.org/de/");
  CHECK(parsed.alternates[2].hreflang == "en");
}
