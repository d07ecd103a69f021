#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "sitegraph/whatwg_url.hpp"

using namespace sitegraph;

namespace {

constexpr std::string_view kPage = "https://shop.example/catalog/shoes/index.html?sort=price#top";
constexpr std::string_view kFailure = "<failure>";

/// The serialized result of parsing `input` against `base` ("" = no base), or "<failure>".
std::string parsed(std::string_view input, std::string_view base = {}) {
  std::optional<WhatwgUrl> base_url;
  if (!base.empty()) {
    base_url = parse_whatwg_url(base, nullptr);
    REQUIRE(base_url);
  }
  const std::optional<WhatwgUrl> url = parse_whatwg_url(input, base_url ? &*base_url : nullptr);
  return url ? url->href() : std::string(kFailure);
}

}  // namespace

TEST_CASE("input clean-up strips C0 controls and spaces, removes tabs and newlines (WHATWG URL §4.4)",
          "[whatwg_url]") {
  CHECK(parsed("\x01 https://shop.example/sale \x1f") == "https://shop.example/sale");
  CHECK(parsed(std::string_view("\0https://shop.example/", 22)) == "https://shop.example/");
  CHECK(parsed("ht\ttps://sh\nop.example/sa\r\nle") == "https://shop.example/sale");
  CHECK(parsed("  ?page=2\n", kPage) == "https://shop.example/catalog/shoes/index.html?page=2");
}

TEST_CASE("the scheme is lowercased, a prefix that is not a scheme is a path (WHATWG URL §4.4 scheme state)",
          "[whatwg_url]") {
  CHECK(parsed("HtTpS://shop.example/") == "https://shop.example/");
  CHECK(parsed("1https://x", kPage) == "https://shop.example/catalog/shoes/1https://x");
  CHECK(parsed("no scheme") == kFailure);
}

TEST_CASE("relative references resolve against the page URL (WHATWG URL §4.4 relative state)",
          "[whatwg_url]") {
  CHECK(parsed("?page=2", kPage) == "https://shop.example/catalog/shoes/index.html?page=2");
  CHECK(parsed("#reviews", kPage) == "https://shop.example/catalog/shoes/index.html?sort=price#reviews");
  CHECK(parsed("//cdn.example/app.js", kPage) == "https://cdn.example/app.js");
  CHECK(parsed("/about", kPage) == "https://shop.example/about");
  CHECK(parsed("sizes.html", kPage) == "https://shop.example/catalog/shoes/sizes.html");
  CHECK(parsed("../bags/", kPage) == "https://shop.example/catalog/bags/");
  CHECK(parsed("", kPage) == "https://shop.example/catalog/shoes/index.html?sort=price");
  CHECK(parsed("https:offers.html", kPage) == "https://shop.example/catalog/shoes/offers.html");
  CHECK(parsed("http:offers.html", kPage) == "http://offers.html/");
}

TEST_CASE("special URLs read a backslash as a slash (WHATWG URL §4.4 special authority states)",
          "[whatwg_url]") {
  CHECK(parsed("https:\\\\shop.example\\sale\\shoes") == "https://shop.example/sale/shoes");
  CHECK(parsed("\\\\cdn.example\\app.js", kPage) == "https://cdn.example/app.js");
  CHECK(parsed("\\about", kPage) == "https://shop.example/about");
  CHECK(parsed("https:shop.example/x") == "https://shop.example/x");
  CHECK(parsed("https:////shop.example/x") == "https://shop.example/x");
  CHECK(parsed("web+app://host/a\\b") == "web+app://host/a\\b");
}

TEST_CASE("userinfo is percent-encoded with the userinfo set (WHATWG URL §4.4 authority state, §1.3)",
          "[whatwg_url]") {
  CHECK(parsed("https://us er:p@ss:w@shop.example/") == "https://us%20er:p%40ss%3Aw@shop.example/");
  CHECK(parsed("https://jürgen@shop.example/") == "https://j%C3%BCrgen@shop.example/");
  CHECK(parsed("https://buyer:@shop.example/") == "https://buyer@shop.example/");
  CHECK(parsed("https://@shop.example/") == "https://shop.example/");
  CHECK(parsed("https://buyer@/cart") == kFailure);
}

TEST_CASE("domains are percent-decoded, lowercased and run through IDNA (WHATWG URL §3.5, §3.3)",
          "[whatwg_url]") {
  CHECK(parsed("https://SHOP.Example/") == "https://shop.example/");
  CHECK(parsed("https://sh%6Fp.example/") == "https://shop.example/");
  CHECK(parsed("https://bücher.example/") == "https://xn--bcher-kva.example/");
  CHECK(parsed("https://straße.example/") == "https://xn--strae-oqa.example/");  // nontransitional
  CHECK(parsed("https://ＳＨＯＰ.example/") == "https://shop.example/");            // fullwidth, mapped
  CHECK(parsed("https://shop。example/") == "https://shop.example/");              // ideographic full stop
  CHECK(parsed("https://b%C3%BCcher.example/") == "https://xn--bcher-kva.example/");
}

TEST_CASE("ASCII domains are only lowercased, even with invalid Punycode labels (WHATWG URL §3.3)",
          "[whatwg_url]") {
  CHECK(parsed("https://XN--ZZ.shop.example/") == "https://xn--zz.shop.example/");
  CHECK(parsed("https://-sale--.shop.example/") == "https://-sale--.shop.example/");
}

TEST_CASE("symbols IDNA2008 disallows but UTS #46 allows still convert (WHATWG URL §3.3 note)",
          "[whatwg_url]") {
  CHECK(parsed("https://☕.example/") == "https://xn--53h.example/");
  CHECK(parsed("https://I❤.example/") == "https://xn--i-7iq.example/");
  CHECK(parsed("https://%EF%B7%90shop.example/") == kFailure);  // U+FDD0 noncharacter
}

TEST_CASE("forbidden host and domain code points make the URL fail (WHATWG URL §3.2)", "[whatwg_url]") {
  CHECK(parsed("https://shop example/") == kFailure);
  CHECK(parsed("https://shop<x>.example/") == kFailure);
  CHECK(parsed("https://sh%20op.example/") == kFailure);  // decoded, then checked
  CHECK(parsed("https://shop^example/") == kFailure);
  CHECK(parsed("https://shop%00.example/") == kFailure);
  CHECK(parsed("https://shop%zz.example/") == kFailure);  // '%' is a forbidden domain code point
  CHECK(parsed("https://sh\xFFop.example/") == kFailure);  // malformed UTF-8 is U+FFFD
  CHECK(parsed("web+app://a b/") == kFailure);            // opaque hosts share the host list
  CHECK(parsed("web+app://a%zz/") == "web+app://a%zz/");  // ... but not the '%' rule
}

TEST_CASE("IPv4 hosts in decimal, octal and hexadecimal forms are normalised (WHATWG URL §3.5 IPv4 parser)",
          "[whatwg_url]") {
  CHECK(parsed("http://192.168.0.1/") == "http://192.168.0.1/");
  CHECK(parsed("http://0300.0250.0.01/") == "http://192.168.0.1/");
  CHECK(parsed("http://0xC0.0xa8.0.0X1/") == "http://192.168.0.1/");
  CHECK(parsed("http://3232235521/") == "http://192.168.0.1/");
  CHECK(parsed("http://192.11010049/") == "http://192.168.0.1/");  // two parts: 8 + 24 bits
  CHECK(parsed("http://192.168.1/") == "http://192.168.0.1/");     // three parts: 8 + 8 + 16 bits
  CHECK(parsed("http://0x/") == "http://0.0.0.0/");
  CHECK(parsed("http://10.0.0.1./") == "http://10.0.0.1/");
  CHECK(parsed("http://%31%30.0.0.1/") == "http://10.0.0.1/");
}

TEST_CASE("IPv4 overflow and hosts ending in a number that is not IPv4 fail (WHATWG URL §3.5)",
          "[whatwg_url]") {
  CHECK(parsed("http://256.0.0.1/") == kFailure);
  CHECK(parsed("http://10.0.0.256/") == kFailure);
  CHECK(parsed("http://192.168.65536/") == kFailure);
  CHECK(parsed("http://4294967296/") == kFailure);
  CHECK(parsed("http://0x100000000/") == kFailure);
  CHECK(parsed("http://0xffffffffffffffffffffffff/") == kFailure);
  CHECK(parsed("http://1.2.3.4.5/") == kFailure);
  CHECK(parsed("http://09.1.1.1/") == kFailure);  // 0-prefixed means octal
  CHECK(parsed("http://shop.123/") == kFailure);  // ends in a number, so it must be IPv4
  CHECK(parsed("http://shop.0x1f/") == kFailure);
  CHECK(parsed("http://123.shop/") == "http://123.shop/");
  CHECK(parsed("http://shop.0x1g/") == "http://shop.0x1g/");  // not a number: a domain
}

TEST_CASE("IPv6 hosts compress the first longest run of zeros and embed IPv4 (WHATWG URL §3.5, §3.6)",
          "[whatwg_url]") {
  CHECK(parsed("http://[2001:DB8:0:0:0:0:0:1]/") == "http://[2001:db8::1]/");
  CHECK(parsed("http://[2001:db8:0:0:1:0:0:1]/") == "http://[2001:db8::1:0:0:1]/");
  CHECK(parsed("http://[1:0:0:2:0:0:0:3]/") == "http://[1:0:0:2::3]/");
  CHECK(parsed("http://[1:0:2:3:4:5:6:7]/") == "http://[1:0:2:3:4:5:6:7]/");  // one zero stays
  CHECK(parsed("http://[0:0:0:0:0:0:0:0]/") == "http://[::]/");
  CHECK(parsed("http://[::ffff:10.0.0.1]/") == "http://[::ffff:a00:1]/");
  CHECK(parsed("http://[::1]:8080/x") == "http://[::1]:8080/x");
  CHECK(parsed("http://[0001:0:0:0:0:0:0:00ff]/") == "http://[1::ff]/");
}

TEST_CASE("malformed IPv6 hosts fail (WHATWG URL §3.5 IPv6 parser)", "[whatwg_url]") {
  CHECK(parsed("http://[1:2:3:4:5:6:7:8:9]/") == kFailure);
  CHECK(parsed("http://[1:2:3:4:5:6:7]/") == kFailure);
  CHECK(parsed("http://[1::2::3]/") == kFailure);
  CHECK(parsed("http://[:1]/") == kFailure);
  CHECK(parsed("http://[1:]/") == kFailure);
  CHECK(parsed("http://[12345::]/") == kFailure);
  CHECK(parsed("http://[::1.2.3]/") == kFailure);
  CHECK(parsed("http://[::1.2.3.04]/") == kFailure);
  CHECK(parsed("http://[::256.0.0.1]/") == kFailure);
  CHECK(parsed("http://[::1/") == kFailure);
  CHECK(parsed("http://[]/") == kFailure);
}

TEST_CASE("default ports are dropped, ports past 65535 fail (WHATWG URL §4.4 port state)", "[whatwg_url]") {
  CHECK(parsed("https://shop.example:443/") == "https://shop.example/");
  CHECK(parsed("http://shop.example:443/") == "http://shop.example:443/");
  CHECK(parsed("https://shop.example:00080/") == "https://shop.example:80/");
  CHECK(parsed("https://shop.example:/") == "https://shop.example/");
  CHECK(parsed("https://shop.example:65535/") == "https://shop.example:65535/");
  CHECK(parsed("https://shop.example:65536/") == kFailure);
  CHECK(parsed("https://shop.example:99999999999999999999/") == kFailure);
  CHECK(parsed("https://shop.example:8o/") == kFailure);
  CHECK(parsed("https://:8443/") == kFailure);
  const auto url = parse_whatwg_url("https://shop.example:8443/cart", nullptr);
  REQUIRE(url);
  CHECK(url->port == 8443);
  CHECK_FALSE(parse_whatwg_url("https://shop.example:443/", nullptr)->port.has_value());
}

TEST_CASE("special URLs need a non-empty host (WHATWG URL §4.4 host state)", "[whatwg_url]") {
  CHECK(parsed("https:///") == kFailure);
  CHECK(parsed("http://?q") == kFailure);
  CHECK(parsed("http://#top") == kFailure);
  CHECK(parsed("web+app://?q") == "web+app://?q");  // non-special URLs may have an empty host
}

TEST_CASE("dot segments and their %2e forms are removed (WHATWG URL §4.4 path state)", "[whatwg_url]") {
  CHECK(parsed("https://shop.example/a/./b/../c") == "https://shop.example/a/c");
  CHECK(parsed("https://shop.example/a/%2e/b/%2E%2e/c") == "https://shop.example/a/c");
  CHECK(parsed("https://shop.example/a/.%2E") == "https://shop.example/");
  CHECK(parsed("https://shop.example/a/b/..") == "https://shop.example/a/");
  CHECK(parsed("https://shop.example/../../x") == "https://shop.example/x");
  CHECK(parsed("https://shop.example/a/...") == "https://shop.example/a/...");
  CHECK(parsed("https://shop.example/%2e%2e%2f") == "https://shop.example/%2e%2e%2f");
  CHECK(parsed("./../a/./b/", kPage) == "https://shop.example/catalog/a/b/");
}

TEST_CASE("each component is percent-encoded with its own set (WHATWG URL §1.3)", "[whatwg_url]") {
  CHECK(parsed("https://shop.example/a b\"<>`{}^|") == "https://shop.example/a%20b%22%3C%3E%60%7B%7D%5E|");
  CHECK(parsed("https://shop.example/?q=a b'\"<>`{}") == "https://shop.example/?q=a%20b%27%22%3C%3E`{}");
  CHECK(parsed("web+app://h/?it's") == "web+app://h/?it's");  // the ' is special-query only
  CHECK(parsed("https://shop.example/#a b\"<>`'{}") == "https://shop.example/#a%20b%22%3C%3E%60'{}");
  CHECK(parsed("https://shop.example/ü?ü#ü") == "https://shop.example/%C3%BC?%C3%BC#%C3%BC");
  CHECK(parsed("https://shop.example/%41%zz\x7F") == "https://shop.example/%41%zz%7F");
  CHECK(parsed("https://shop.example/\xFF") == "https://shop.example/%EF%BF%BD");
}

TEST_CASE("components and serialization of a full URL (WHATWG URL §4.1, §4.5)", "[whatwg_url]") {
  const auto url = parse_whatwg_url("HTTPS://buyer:pw@Shop.Example:8443/a/b?c=d#e", nullptr);
  REQUIRE(url);
  CHECK(url->scheme == "https");
  CHECK(url->username == "buyer");
  CHECK(url->password == "pw");
  CHECK(url->host == "shop.example");
  CHECK(url->path == "/a/b");
  CHECK((url->has_query && url->query == "c=d"));
  CHECK((url->has_fragment && url->fragment == "e"));
  CHECK(url->is_special());
  CHECK(url->href() == "https://buyer:pw@shop.example:8443/a/b?c=d#e");
  CHECK(parsed("https://shop.example?") == "https://shop.example/?");  // empty query kept
  CHECK(parsed("https://shop.example#") == "https://shop.example/#");
}

TEST_CASE("a relative reference needs a base, an opaque-path base takes only a fragment (WHATWG URL §4.4 "
          "no scheme state)",
          "[whatwg_url]") {
  CHECK(parsed("/cart") == kFailure);
  CHECK_FALSE(parse_whatwg_url("/cart", nullptr));
  const WhatwgUrl empty_base;
  CHECK_FALSE(parse_whatwg_url("/cart", &empty_base));  // an empty base counts as none
  CHECK(parsed("#x", "mailto:team@shop.example") == "mailto:team@shop.example#x");
  CHECK(parsed("cart", "mailto:team@shop.example") == kFailure);
}

TEST_CASE("non-special schemes are recognised and kept opaque (WHATWG URL §4.4 opaque path state)",
          "[whatwg_url]") {
  for (const std::string_view href : {"mailto:team@shop.example", "javascript:void(0)", "tel:+1-555-0100",
                                      "data:text/plain,hi"}) {
    const auto url = parse_whatwg_url(href, nullptr);
    REQUIRE(url);
    CHECK_FALSE(url->is_special());
    CHECK(url->has_opaque_path);
    CHECK(url->href() == href);
  }
  CHECK(parse_whatwg_url("JavaScript:alert(1)", nullptr)->scheme == "javascript");
  CHECK(parsed("mailto:Team@Shop.Example", kPage) == "mailto:Team@Shop.Example");
}
