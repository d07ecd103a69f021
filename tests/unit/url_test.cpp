#include <catch2/catch.hpp>

#include "sitegraph/url.hpp"

using namespace sitegraph;

namespace {
std::string resolved(std::string_view base, std::string_view href) {
  const ResolvedHref r = resolve_href(base, href);
  return r.skip == HrefSkip::kNone ? r.url : "<skipped>";
}
}  // namespace

TEST_CASE("relative hrefs resolve against the page URL (RFC 3986 §5.2)", "[url]") {
  const std::string base = "https://example.com/blog/post.html";
  CHECK(resolved(base, "other.html") == "https://example.com/blog/other.html");
  CHECK(resolved(base, "../about/") == "https://example.com/about/");
  CHECK(resolved(base, "/") == "https://example.com/");
  CHECK(resolved(base, "//cdn.example.net/x") == "https://cdn.example.net/x");
  CHECK(resolved(base, "?page=2") == "https://example.com/blog/post.html?page=2");
  CHECK(resolved(base, "./a/./b/../c.html") == "https://example.com/blog/a/c.html");
}

TEST_CASE("fragments are dropped, so page#a and page#b are one page", "[url]") {
  CHECK(resolved("https://example.com/", "/faq.html#shipping") == "https://example.com/faq.html");
  CHECK(resolve_href("https://example.com/", "#top").skip == HrefSkip::kFragmentOnly);
}

TEST_CASE("scheme and host are lowercased, default ports dropped", "[url]") {
  CHECK(normalize_url("HTTPS://Example.COM:443/Path") == "https://example.com/Path");
  CHECK(normalize_url("http://example.com:80") == "http://example.com/");
  CHECK(normalize_url("http://example.com:8080/a") == "http://example.com:8080/a");
}

TEST_CASE("trailing slash and query order are kept as written", "[url]") {
  CHECK(normalize_url("https://example.com/dir") == "https://example.com/dir");
  CHECK(normalize_url("https://example.com/dir/") == "https://example.com/dir/");
  CHECK(normalize_url("https://example.com/?b=2&a=1") == "https://example.com/?b=2&a=1");
}

TEST_CASE("WHATWG clean-up: surrounding spaces stripped, tabs and newlines removed, backslash is a slash", "[url]") {
  CHECK(resolved("https://example.com/", "  /a.html\n ") == "https://example.com/a.html");
  CHECK(resolved("https://example.com/", "/a\tb\n.html") == "https://example.com/ab.html");
  CHECK(resolved("https://example.com/x/", "..\\y\\z.html") == "https://example.com/y/z.html");
}

TEST_CASE("spaces and non-ASCII characters in paths are percent-encoded", "[url]") {
  CHECK(resolved("https://example.com/", "/my page.html") == "https://example.com/my%20page.html");
  CHECK(resolved("https://example.com/", "/caf\xC3\xA9") == "https://example.com/caf%C3%A9");
}

TEST_CASE("non-http(s) links are skipped: javascript, mailto, tel, data", "[url]") {
  for (const char* href : {"javascript:void(0)", "mailto:a@b.c", "tel:+123", "data:text/html,hi", "ftp://x/y"}) {
    CHECK(resolve_href("https://example.com/", href).skip == HrefSkip::kOtherScheme);
  }
  CHECK(resolve_href("https://example.com/", "   ").skip == HrefSkip::kEmpty);
}

TEST_CASE("malformed hrefs are reported as invalid, never guessed", "[url]") {
  CHECK(resolve_href("https://example.com/", "http://").skip == HrefSkip::kInvalid);
  CHECK(resolve_href("https://example.com/", "https://exa mple.com/").skip == HrefSkip::kInvalid);
  CHECK_FALSE(normalize_url("not a url").has_value());
  CHECK_FALSE(normalize_url("ftp://example.com/").has_value());
}

TEST_CASE("split_url gives host, port and the path with query for robots matching", "[url]") {
  const auto parts = split_url("https://example.com/a/b?q=1");
  REQUIRE(parts);
  CHECK(parts->scheme == "https");
  CHECK(parts->host == "example.com");
  CHECK(parts->port == 443);
  CHECK(parts->path_and_query == "/a/b?q=1");
}

TEST_CASE("UrlResolver's fast path gives exactly what resolve_href gives", "[url][resolver]") {
  const std::vector<std::string> bases = {"https://example.com/", "https://example.com/blog/post.html?x=1",
                                          "http://127.0.0.1:8089/t1/index.html", "https://example.com/a/b/"};
  const std::vector<std::string> hrefs = {
      "/", "/a.html", "/a/b/c.html", "/a?x=1&y=2", "/a#frag", "b.html", "b/c.html", "b.html?q=a/b",
      "/a/./b", "/a/../b", "./b", "../b", "..", ".", "/a//b", "//cdn.test/x", "https://Example.com/x",
      "https://example.com/x y", "https://example.com", "http://example.com:80/x", "http://example.com/a/../b",
      "https://example.com/a?b#c", "/%7Euser", "/a%2fb", " /lead", "/trail ", "/t\tab", "/caf\xC3\xA9",
      "a:b", "a/b:c", "mailto:x@y", "#only", "", "?q=1", "/a.b/c.d", "/.hidden", "/a/.well-known/x",
      "/a...b", "/...", "c.html#x", "/A(1)*$!,;:@x", "HTTP://example.com/", "\\a\\b",
      // found by fuzz/url_fuzz: hosts ending in a number go through the IPv4 parser
      "http://h.1/C=", "http://1.2.3.4/x", "http://127.1/", "http://0x7f.1/", "http://a.0x1/", "http://a.b./x",
      "http://a..b/", "http://.a/"};
  for (const std::string& base : bases) {
    const UrlResolver resolver(base);
    for (const std::string& href : hrefs) {
      INFO("base " << base << " href '" << href << "'");
      const ResolvedHref fast = resolver.resolve(href);
      const ResolvedHref slow = resolve_href(base, href);
      CHECK(fast.skip == slow.skip);
      CHECK(fast.url == slow.url);
    }
  }
}

TEST_CASE("URL identity: tracking parameters dropped, query optionally sorted, trailing slash kept", "[url][identity]") {
  UrlIdentity strip{default_tracking_params(), false};
  CHECK(apply_identity("https://x.test/a?utm_source=n&id=3&utm_medium=e&gclid=9", strip) == "https://x.test/a?id=3");
  CHECK(apply_identity("https://x.test/a/?fbclid=1&msclkid=2", strip) == "https://x.test/a/");
  CHECK(apply_identity("https://x.test/a?utmost=1", strip) == "https://x.test/a?utmost=1");  // not a utm_ parameter
  UrlIdentity sorted{{}, true};
  CHECK(apply_identity("https://x.test/s?b=2&a=1&b=1", sorted) == "https://x.test/s?a=1&b=2&b=1");
  CHECK(apply_identity("https://x.test/s", sorted) == "https://x.test/s");
  UrlIdentity extra{{"sessionid"}, false};
  CHECK(apply_identity("https://x.test/?sessionid=abc&page=2", extra) == "https://x.test/?page=2");
}
