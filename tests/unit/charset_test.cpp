#include <catch2/catch.hpp>

#include "crawl/parse_pool.hpp"
#include "extract/charset.hpp"

using namespace sitegraph;

TEST_CASE("charset: the BOM wins, then the Content-Type header, then <meta charset>", "[charset]") {
  CHECK(sniff_html_charset("\xEF\xBB\xBF<p>x", "iso-8859-1") == "utf-8");
  CHECK(sniff_html_charset("<meta charset=utf-8>", "Shift_JIS") == "shift_jis");
  CHECK(sniff_html_charset("<html><head><META CHARSET=\"ISO-8859-1\">", "") == "windows-1252");
  CHECK(sniff_html_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", "") == "koi8-r");
}

TEST_CASE("charset: without a label, valid UTF-8 is UTF-8 and anything else windows-1252", "[charset]") {
  CHECK(sniff_html_charset("caf\xC3\xA9", "") == "utf-8");
  CHECK(sniff_html_charset("caf\xE9", "") == "windows-1252");
  CHECK_FALSE(valid_utf8("\xC0\xAF"));        // overlong '/'
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));    // a UTF-16 surrogate
  CHECK(valid_utf8("\xF0\x9F\x98\x80"));     // U+1F600
}

TEST_CASE("charset: Latin-1 and Windows-1252 pages convert to UTF-8 (latin1 is read as windows-1252)", "[charset]") {
  CHECK(to_utf8("caf\xE9", "iso-8859-1") == "caf\xC3\xA9");
  CHECK(to_utf8("\x80 \x93quoted\x94", "windows-1252") == "\xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D");
  CHECK(to_utf8("\x93\xfa\x96\x7b", "shift_jis") == "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
  CHECK(to_utf8("\xEF\xBB\xBFok", "utf-8") == "ok");
  CHECK(to_utf8("abc", "no-such-encoding") == "abc");
}

TEST_CASE("charset: a Latin-1 page's anchor text comes out right", "[charset][extract]") {
  const ParsedPage page = parse_page({0, "https://example.com/", "<a href=/caf\xE9>Caf\xE9 cr\xE8me</a>", "iso-8859-1"});
  REQUIRE(page.extracted.links.size() == 1);
  CHECK(page.extracted.links[0].anchor == "Caf\xC3\xA9 cr\xC3\xA8me");
  CHECK(page.resolved[0].url == "https://example.com/caf%C3%A9");
}
