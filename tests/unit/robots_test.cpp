// Tests of robots.txt parsing and matching (RFC 9309).
#include <catch2/catch.hpp>

#include <string>

#include "sitegraph/robots.hpp"

using sitegraph::RobotsPolicy;

namespace {

constexpr const char* kAgent = "sitegraph/0.1 (+https://example.org/bot)";

RobotsPolicy parse(const std::string& body, const char* agent = kAgent) {
  return RobotsPolicy::parse(body, agent);
}

}  // namespace

TEST_CASE("robots.txt: product token is the leading run of letters, '_' and '-' (RFC 9309 §2.2.1)",
          "[robots]") {
  CHECK(sitegraph::robots_product_token("sitegraph/0.1 (+https://x)") == "sitegraph");
  CHECK(sitegraph::robots_product_token("Foo_Bar-Bot 2.0") == "Foo_Bar-Bot");
  CHECK(sitegraph::robots_product_token(" sitegraph") == "");
  CHECK(sitegraph::robots_product_token("") == "");
}

TEST_CASE("robots.txt: the group naming the agent applies, else the * group (RFC 9309 §2.2.1)",
          "[robots]") {
  const std::string body =
      "User-agent: *\nDisallow: /everyone/\n\n"
      "User-agent: sitegraph\nDisallow: /only-us/\n";
  const RobotsPolicy ours = parse(body);
  CHECK_FALSE(ours.allowed("/only-us/page"));
  CHECK(ours.allowed("/everyone/page"));  // the * group does not add to a named group

  const RobotsPolicy other = parse(body, "OtherBot/2.0");
  CHECK_FALSE(other.allowed("/everyone/page"));
  CHECK(other.allowed("/only-us/page"));
}

TEST_CASE("robots.txt: agent match is case-insensitive on the product token (RFC 9309 §2.2.1)",
          "[robots]") {
  const RobotsPolicy policy = parse("User-agent: SITEGRAPH/2.0 extra words\nDisallow: /x/\n");
  CHECK_FALSE(policy.allowed("/x/y"));
  // "sitegraphs" is another product; "site" is a prefix, not the token.
  CHECK(parse("User-agent: sitegraphs\nDisallow: /x/\n").allowed("/x/y"));
  CHECK(parse("User-agent: site\nDisallow: /x/\n").allowed("/x/y"));
}

TEST_CASE("robots.txt: no matching group and no * group means no rules (RFC 9309 §2.2.1)",
          "[robots]") {
  const RobotsPolicy policy = parse("User-agent: OtherBot\nDisallow: /\n");
  CHECK(policy.rules().empty());
  CHECK(policy.allowed("/anything"));
  CHECK(parse("").allowed("/anything"));
}

TEST_CASE("robots.txt: a group naming the agent wins over * even without rules (RFC 9309 §2.2.1)",
          "[robots]") {
  const RobotsPolicy policy = parse("User-agent: sitegraph\nDisallow:\n\nUser-agent: *\nDisallow: /\n");
  CHECK(policy.rules().empty());
  CHECK(policy.allowed("/page"));
}

TEST_CASE("robots.txt: consecutive user-agent lines share one group (RFC 9309 §2.2.1)", "[robots]") {
  const std::string body =
      "User-agent: OtherBot\n"
      "# a comment between agent lines\n"
      "\n"
      "User-agent: sitegraph\n"
      "Disallow: /shared/\n"
      "User-agent: ThirdBot\n"
      "Disallow: /third/\n";
  const RobotsPolicy ours = parse(body);
  CHECK_FALSE(ours.allowed("/shared/a"));
  CHECK(ours.allowed("/third/a"));  // the rule line closed our group's agent list
  CHECK_FALSE(parse(body, "OtherBot").allowed("/shared/a"));
}

TEST_CASE("robots.txt: Sitemap and unknown lines do not end a user-agent run (RFC 9309 §2.2.4)",
          "[robots]") {
  const std::string body =
      "User-agent: sitegraph\n"
      "Sitemap: https://example.org/sitemap.xml\n"
      "Crawl-delay: 10\n"
      "User-agent: *\n"
      "Disallow: /private/\n";
  CHECK_FALSE(parse(body).allowed("/private/a"));
}

TEST_CASE("robots.txt: rules of every group naming the agent are merged (RFC 9309 §2.2.1)",
          "[robots]") {
  const std::string body =
      "User-agent: sitegraph\nDisallow: /a/\n\n"
      "User-agent: OtherBot\nDisallow: /b/\n\n"
      "User-agent: Sitegraph\nDisallow: /c/\nAllow: /c/open\n";
  const RobotsPolicy policy = parse(body);
  REQUIRE(policy.rules().size() == 3);
  CHECK_FALSE(policy.allowed("/a/1"));
  CHECK(policy.allowed("/b/1"));
  CHECK_FALSE(policy.allowed("/c/1"));
  CHECK(policy.allowed("/c/open"));
}

TEST_CASE("robots.txt: rules before any user-agent line are ignored (RFC 9309 §2.2.2)", "[robots]") {
  const RobotsPolicy policy = parse("Disallow: /\nUser-agent: *\nDisallow: /x\n");
  REQUIRE(policy.rules().size() == 1);
  CHECK(policy.allowed("/y"));
}

TEST_CASE("robots.txt: keys are case-insensitive, values are case-sensitive (RFC 9309 §2.2.2)",
          "[robots]") {
  const RobotsPolicy policy = parse("USER-AGENT: *\ndisALLOW: /Private\n");
  CHECK_FALSE(policy.allowed("/Private/page"));
  CHECK(policy.allowed("/private/page"));
}

TEST_CASE("robots.txt: an empty Disallow value is no rule (RFC 9309 §2.2.2)", "[robots]") {
  const RobotsPolicy policy = parse("User-agent: *\nDisallow:\nAllow: \n");
  CHECK(policy.rules().empty());
  CHECK(policy.allowed("/"));
}

TEST_CASE("robots.txt: longest match wins, Allow wins a tie (RFC 9309 §2.2.2)", "[robots]") {
  const RobotsPolicy policy = parse(
      "User-agent: *\n"
      "Disallow: /shop/\n"
      "Allow: /shop/cart\n"
      "Disallow: /same\n"
      "Allow: /same\n");
  CHECK_FALSE(policy.allowed("/shop/item"));
  CHECK(policy.allowed("/shop/cart/1"));
  const auto tie = policy.check("/same/page");
  CHECK(tie.allowed);
  REQUIRE(tie.rule);
  CHECK(tie.rule->pattern == "/same");
  CHECK(tie.rule->allow);
}

TEST_CASE("robots.txt: '*' matches any run of characters (RFC 9309 §2.2.3)", "[robots]") {
  const RobotsPolicy policy = parse("User-agent: *\nDisallow: /*.pdf\nDisallow: /a*/b*/c\n");
  CHECK_FALSE(policy.allowed("/docs/report.pdf"));
  CHECK_FALSE(policy.allowed("/report.pdf?download=1"));
  CHECK(policy.allowed("/report.PDF"));
  CHECK_FALSE(policy.allowed("/a/b/c"));
  CHECK_FALSE(policy.allowed("/axx/byy/cz"));
  CHECK(policy.allowed("/a/c/b"));
}

TEST_CASE("robots.txt: a final '$' anchors the pattern at the end of the URL (RFC 9309 §2.2.3)",
          "[robots]") {
  const RobotsPolicy policy = parse("User-agent: *\nDisallow: /*.php$\nDisallow: /exact$\n");
  CHECK_FALSE(policy.allowed("/index.php"));
  CHECK(policy.allowed("/index.php?x=1"));
  CHECK(policy.allowed("/index.php5"));
  CHECK_FALSE(policy.allowed("/exact"));
  CHECK(policy.allowed("/exact/"));
}

TEST_CASE("robots.txt: many '*' against a long path stay fast (RFC 9309 §2.2.3)", "[robots]") {
  std::string pattern = "/";
  for (int i = 0; i < 60; ++i) pattern += "*a";
  const RobotsPolicy policy = parse("User-agent: *\nDisallow: " + pattern + "*b$\n");
  const std::string path = "/" + std::string(100'000, 'a');
  CHECK(policy.allowed(path));
  CHECK_FALSE(policy.allowed(path + "b"));
}

TEST_CASE("robots.txt: rules are percent-encoded like crawler URLs, paths compare as given (RFC 9309 §2.2.2, Google's reference)",
          "[robots]") {
  const RobotsPolicy policy = parse(
      "User-agent: *\n"
      "Disallow: /%7Euser/\n"      // encoded unreserved "~"
      "Disallow: /a%2fb\n"         // lowercase hex of a reserved "/"
      "Disallow: /caf\xC3\xA9\n"   // raw UTF-8 in the pattern
      "Disallow: /%62%61%7A\n");   // "baz" spelt in %XX
  CHECK_FALSE(policy.allowed("/%7Euser/home"));
  CHECK(policy.allowed("/~user/home"));  // %XX in a rule is not decoded
  CHECK_FALSE(policy.allowed("/a%2Fb"));  // hex case in the rule is normalised
  CHECK(policy.allowed("/a/b"));          // an encoded "/" is not a path separator
  CHECK_FALSE(policy.allowed("/caf%C3%A9"));  // raw UTF-8 in the rule matches the encoded URL
  CHECK(policy.allowed("/caf\xC3\xA9"));      // an unencoded path matches no encoded rule
  CHECK(policy.allowed("/baz"));
  CHECK_FALSE(policy.allowed("/%62%61%7A"));
}

TEST_CASE("robots.txt: '#' starts a comment anywhere on a line (RFC 9309 §2.2.3)", "[robots]") {
  const RobotsPolicy policy = parse(
      "# User-agent: sitegraph\n"
      "User-agent: * # everyone\n"
      "# Disallow: /\n"
      "Disallow: /tmp#private\n");
  REQUIRE(policy.rules().size() == 1);
  CHECK(policy.rules()[0].pattern == "/tmp");
  CHECK(policy.allowed("/page"));
  CHECK_FALSE(policy.allowed("/tmp/x"));
}

TEST_CASE("robots.txt: a UTF-8 byte order mark is skipped (RFC 9309 §2.2)", "[robots]") {
  const RobotsPolicy policy = parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n");
  CHECK_FALSE(policy.allowed("/x"));
  // A BOM elsewhere is not whitespace: that line is unknown.
  CHECK(parse("User-agent: *\n\xEF\xBB\xBF" "Disallow: /x\n").allowed("/x"));
}

TEST_CASE("robots.txt: LF, CR and CRLF end lines and rules keep their line numbers (RFC 9309 §2.2)",
          "[robots]") {
  for (const std::string eol : {"\n", "\r", "\r\n"}) {
    const std::string body = "User-agent: *" + eol + "Allow: /a" + eol + eol + eol + "Disallow: /" + eol;
    const RobotsPolicy policy = parse(body);
    REQUIRE(policy.rules().size() == 2);
    CHECK(policy.rules()[0].line == 2);
    CHECK(policy.rules()[1].line == 5);
    const auto verdict = policy.check("/b");
    CHECK_FALSE(verdict.allowed);
    REQUIRE(verdict.rule);
    CHECK(verdict.rule->line == 5);
  }
  const RobotsPolicy mixed = parse("User-agent: *\nAllow: /a\r\n\r\r\nDisallow: /");
  REQUIRE(mixed.rules().size() == 2);
  CHECK(mixed.rules()[1].line == 5);
}

TEST_CASE("robots.txt: only the first 500 KiB are parsed (RFC 9309 §2.5)", "[robots]") {
  constexpr std::size_t kLimit = 500 * 1024;
  std::string body = "User-agent: *\nDisallow: /before\n";
  body += "# " + std::string(kLimit - body.size() - 3, 'x') + "\n";
  REQUIRE(body.size() == kLimit);
  const RobotsPolicy at_limit = parse(body + "Disallow: /after\n");
  CHECK_FALSE(at_limit.allowed("/before"));
  CHECK(at_limit.allowed("/after"));
  CHECK(at_limit.truncated_at_line() == 4);  // lines 1-3 fill the 500 KiB
  CHECK(parse(body).truncated_at_line() == 0);

  // A rule cut in half by the limit is dropped rather than read as a shorter pattern.
  const std::string cut = body.substr(0, kLimit - 13) + "\nDisallow: /private-area\n";
  REQUIRE(cut.substr(kLimit - 12, 12) == "Disallow: /p");
  const RobotsPolicy half = parse(cut);
  REQUIRE(half.rules().size() == 1);
  CHECK(half.allowed("/p"));
  CHECK(half.truncated_at_line() == 4);  // the cut line is the first not read
  CHECK(parse("User-agent: *\nDisallow: /x\n").truncated_at_line() == 0);
}

TEST_CASE("robots.txt: Sitemap lines are collected outside groups (RFC 9309 §2.2.4)", "[robots]") {
  const RobotsPolicy policy = parse(
      "Sitemap: https://example.org/a.xml\n"
      "User-agent: OtherBot\n"
      "Sitemap: https://example.org/b.xml # comment\n"
      "Disallow: /\n"
      "SITEMAP:https://example.org/c.xml\n"
      "Sitemap:\n");
  CHECK(policy.sitemaps() == std::vector<std::string>{"https://example.org/a.xml",
                                                     "https://example.org/b.xml",
                                                     "https://example.org/c.xml"});
}

TEST_CASE("robots.txt: a missing colon after a known key is tolerated", "[robots]") {
  const RobotsPolicy policy = parse("User-agent sitegraph\nDisallow /x\n");
  CHECK_FALSE(policy.allowed("/x/y"));
  CHECK(parse("User-agent: *\nDisallow-/x\n").allowed("/x"));
}

TEST_CASE("robots.txt: 4xx allows all, 5xx disallows all (RFC 9309 §2.3.1.3, §2.3.1.4)",
          "[robots]") {
  const RobotsPolicy open = RobotsPolicy::allow_all();
  CHECK(open.allowed("/"));
  CHECK(open.allowed("/private/x?y=1"));
  const RobotsPolicy closed = RobotsPolicy::disallow_all();
  CHECK_FALSE(closed.allowed("/"));
  CHECK_FALSE(closed.allowed("/private/x?y=1"));
  CHECK_FALSE(closed.check("/a").rule.has_value());
}

TEST_CASE("robots.txt: /robots.txt itself is always allowed (RFC 9309 §2.2.2)", "[robots]") {
  CHECK(parse("User-agent: *\nDisallow: /\n").allowed("/robots.txt"));
  CHECK(RobotsPolicy::disallow_all().allowed("/robots.txt"));
  CHECK_FALSE(parse("User-agent: *\nDisallow: /\n").allowed("/robots.txt.bak"));
}

TEST_CASE("robots.txt: the query string takes part in matching (RFC 9309 §2.2.2)", "[robots]") {
  const RobotsPolicy policy = parse("User-agent: *\nDisallow: /*?sort=\nDisallow: /search?\n");
  CHECK_FALSE(policy.allowed("/list?sort=asc"));
  CHECK_FALSE(policy.allowed("/search?q=x"));
  CHECK(policy.allowed("/search"));
  CHECK(policy.allowed("/list?page=2"));
}

TEST_CASE("robots.txt: Crawl-delay of the applying group is read (common extension, not RFC 9309)", "[robots]") {
  const std::string body =
      "User-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n\n"
      "User-agent: sitegraph\nCrawl-delay: 7\n";
  CHECK(RobotsPolicy::parse(body, "sitegraph/1.0").crawl_delay() == 7.0);
  CHECK(RobotsPolicy::parse(body, "OtherBot").crawl_delay() == 2.5);
  CHECK_FALSE(RobotsPolicy::parse("User-agent: *\nCrawl-delay: soon\n", "x").crawl_delay().has_value());
  CHECK_FALSE(RobotsPolicy::parse("User-agent: *\nDisallow: /\n", "x").crawl_delay().has_value());
}
