// The fixture site crawled end to end, over real HTTP and from its folder, checked
// against the hand-written ground truth in tests/fixtures/site/EXPECTED.json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>

#include "fixture_server.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/snapshot.hpp"
#include <unistd.h>

using namespace sitegraph;
using nlohmann::json;

namespace {

const std::string kFixture = std::string(SITEGRAPH_FIXTURES) + "/site";

json expected() {
  std::ifstream in(kFixture + "/EXPECTED.json");
  return json::parse(in);
}

FetchOptions fetch_options() {
  FetchOptions o;
  o.user_agent = "sitegraph-test";
  o.max_body_bytes = 10u << 20;
  return o;
}

CrawlResult crawl(Fetcher& fetcher, const std::string& origin) {
  CrawlOptions o;
  o.start_url = origin + "/";
  o.user_agent = "sitegraph-test";
  return crawl_site(fetcher, o);
}

std::string status_of(const Page& p) {
  return p.outcome == FetchOutcome::kResponse ? std::to_string(p.status) : std::string(outcome_name(p.outcome));
}

std::set<std::string> rule_urls(const CrawlResult& r, const Audit& a, const std::string& rule, std::size_t strip) {
  std::set<std::string> out;
  for (const Finding& f : a.findings) {
    if (f.rule == rule) out.insert(std::string(r.graph.url(f.url).substr(strip)));
  }
  return out;
}

// Pages, depths, orphans: the same in both modes.
void check_pages_and_orphans(const CrawlResult& r, const Audit& a, const std::string& origin) {
  const json truth = expected();
  std::size_t internal = 0;  // resources (the logo image) are recorded, never fetched
  for (UrlId id = 0; id < r.graph.size(); ++id) {
    internal += r.graph.page(id).internal && r.graph.page(id).outcome != FetchOutcome::kNotFetched;
  }
  CHECK(internal == truth["pages"].size());
  for (const auto& [path, want] : truth["pages"].items()) {
    INFO(path);
    const UrlId id = r.graph.find(origin + path);
    REQUIRE(id != kNoUrl);
    const std::string want_status = want["status"].is_number() ? std::to_string(want["status"].get<int>())
                                                               : want["status"].get<std::string>();
    CHECK(status_of(r.graph.page(id)) == want_status);
    CHECK(r.graph.page(id).in_sitemap == want["in_sitemap"].get<bool>());
    if (want["depth"].is_null()) {
      CHECK(a.depth[id] == kUnreachable);
    } else {
      CHECK(a.depth[id] == want["depth"].get<std::uint32_t>());
    }
  }
  std::set<std::string> orphans;
  for (const auto& o : truth["orphans"]) orphans.insert(o.get<std::string>());
  CHECK(rule_urls(r, a, "orphan-page", origin.size()) == orphans);
}

void check_links_and_redirects(const CrawlResult& r, const Audit& a, const std::string& origin) {
  const json truth = expected();
  std::set<std::pair<std::string, std::string>> broken;
  std::set<std::pair<std::string, std::string>> want_broken;
  for (const Finding& f : a.findings) {
    if (f.rule == "broken-link") {
      broken.emplace(r.graph.url(f.url).substr(origin.size()), r.graph.url(f.target).substr(origin.size()));
    }
  }
  for (const auto& b : truth["broken_links"]) want_broken.emplace(b[0].get<std::string>(), b[1].get<std::string>());
  CHECK(broken == want_broken);
  for (const char* rule : {"redirect-chain", "redirect-loop"}) {
    const std::string key = rule == std::string("redirect-chain") ? "redirect_chains" : "redirect_loops";
    std::set<std::vector<std::string>> got;
    std::set<std::vector<std::string>> want;
    for (const Finding& f : a.findings) {
      if (f.rule != rule) continue;
      std::vector<std::string> chain;
      for (const UrlId hop : f.chain) chain.emplace_back(r.graph.url(hop).substr(origin.size()));
      got.insert(chain);
    }
    for (const auto& c : truth[key]) want.insert(c.get<std::vector<std::string>>());
    CHECK(got == want);
  }
}

}  // namespace

TEST_CASE("the fixture site over real HTTP gives exactly the expected pages, depths and findings", "[integration][http]") {
  testing::FixtureServer server(kFixture);
  auto fetcher = make_http_fetcher(fetch_options());
  const CrawlResult r = crawl(*fetcher, server.origin());
  REQUIRE(r.complete);
  const Audit a = audit_site(r);
  check_pages_and_orphans(r, a, server.origin());
  check_links_and_redirects(r, a, server.origin());
  CHECK(r.graph.find("https://example.org/") != kNoUrl);
  CHECK_FALSE(r.graph.page(r.graph.find("https://example.org/")).internal);
}

TEST_CASE("the fixture folder gives the same pages, depths and findings as the server", "[integration][folder]") {
  auto fetcher = make_folder_fetcher(kFixture, "http://fixture.test/", fetch_options());
  const CrawlResult r = crawl(*fetcher, "http://fixture.test");
  REQUIRE(r.complete);
  const Audit a = audit_site(r);
  check_pages_and_orphans(r, a, "http://fixture.test");
  check_links_and_redirects(r, a, "http://fixture.test");
}

TEST_CASE("PageRank over the fixture sums to one over the 200 HTML pages", "[integration][pagerank]") {
  auto fetcher = make_folder_fetcher(kFixture, "http://fixture.test/", fetch_options());
  const CrawlResult r = crawl(*fetcher, "http://fixture.test");
  const Audit a = audit_site(r);
  double total = 0;
  std::size_t ranked = 0;
  for (UrlId id = 0; id < r.graph.size(); ++id) {
    if (std::isnan(a.pagerank.rank[id])) continue;
    total += a.pagerank.rank[id];
    ++ranked;
    CHECK(r.graph.page(id).status == 200);
  }
  std::size_t ok_pages = 0;  // every page that answered 200 is ranked, nothing else
  const json truth = expected();
  for (const auto& [path, want] : truth["pages"].items()) ok_pages += want["status"] == 200 ? 1u : 0u;
  CHECK(ranked == ok_pages);
  CHECK(total == Approx(1.0).margin(1e-9));
  CHECK(a.pagerank.converged);
}

TEST_CASE("hostile pages end in a recorded outcome, never a crash", "[integration][robustness]") {
  testing::FixtureServer server(kFixture);
  FetchOptions fo = fetch_options();
  fo.max_body_bytes = 1u << 20;
  auto fetcher = make_http_fetcher(fo);
  const std::string origin = server.origin();
  for (const char* path : {"/hostile/big.html", "/hostile/binary.html", "/hostile/empty.html", "/hostile/broken.html"}) {
    fetcher->submit({origin + path, 0, BodyPolicy::kHtmlOnly});
  }
  std::map<std::string, FetchResponse> got;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (got.size() < 4) {
    // A fetcher that loses a request would otherwise hang the suite until ctest's timeout.
    if (std::chrono::steady_clock::now() >= deadline) FAIL("after 30 s, " << got.size() << " of the 4 hostile pages had answered");
    for (FetchResponse& resp : fetcher->poll(std::chrono::milliseconds(100))) got[resp.url] = std::move(resp);
  }
  const FetchResponse& big = got[origin + "/hostile/big.html"];
  CHECK(big.outcome == FetchOutcome::kTooLarge);
  CHECK(big.body.empty());
  const FetchResponse& binary = got[origin + "/hostile/binary.html"];
  CHECK(binary.status == 200);
  CHECK(binary.body.size() == 65536);  // kept whole: it is under the 1 MB limit
  // Every '<' in these bytes (i * 7919 mod 251) is followed by byte 198, never a tag name: the
  // parser reads text only and finds no link and no title.
  const ExtractedPage parsed = extract_links(binary.body);
  CHECK(parsed.links.empty());
  CHECK(parsed.title.empty());
  CHECK(got[origin + "/hostile/empty.html"].body.empty());
  CHECK(extract_links(got[origin + "/hostile/broken.html"].body).links.size() >= 1);
}

TEST_CASE("since: revalidated pages: 304s reuse the stored links and the audit is unchanged", "[integration][since]") {
  testing::FixtureServer server(kFixture);
  auto first_fetcher = make_http_fetcher(fetch_options());
  const CrawlResult first = crawl(*first_fetcher, server.origin());
  const int full_before = server.full_responses_.load();
  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("sitegraph-since-" + std::to_string(getpid()) + ".jsonl.gz");
  write_snapshot(file, first);
  const CrawlResult previous = read_snapshot(file);

  auto fetcher = make_http_fetcher(fetch_options());
  CrawlOptions o;
  o.start_url = server.origin() + "/";
  o.previous = &previous;
  const CrawlResult second = crawl_site(*fetcher, o);
  CHECK(server.not_modified_.load() >= 10);
  CHECK(server.full_responses_.load() - full_before < 6);  // robots.txt, sitemap.xml, and little else
  std::size_t revalidated = 0;
  for (UrlId id = 0; id < second.graph.size(); ++id) revalidated += second.graph.page(id).revalidated;
  CHECK(revalidated >= 10);
  const Audit a = audit_site(second);
  check_pages_and_orphans(second, a, server.origin());
  check_links_and_redirects(second, a, server.origin());
  CHECK(second.graph.links().size() == first.graph.links().size());
  std::filesystem::remove(file);
}

TEST_CASE("since: a server without validators: unchanged bodies reuse the stored links, a changed page is parsed again", "[integration][since]") {
  // A copy of the fixture, so that one page can change between the two crawls.
  const std::filesystem::path root = std::filesystem::temp_directory_path() / ("sitegraph-hash-" + std::to_string(getpid()));
  std::filesystem::remove_all(root);
  std::filesystem::copy(kFixture, root, std::filesystem::copy_options::recursive);
  testing::FixtureServer server(root);
  server.send_validators_ = false;
  auto first_fetcher = make_http_fetcher(fetch_options());
  const CrawlResult first = crawl(*first_fetcher, server.origin());
  const std::filesystem::path file = root.string() + ".jsonl.gz";
  write_snapshot(file, first);
  const CrawlResult previous = read_snapshot(file);
  {
    std::ofstream changed(root / "page-c.html", std::ios::app);
    changed << "<a href=\"/page-a.html\">a link added since</a>\n";
  }

  auto fetcher = make_http_fetcher(fetch_options());
  CrawlOptions o;
  o.start_url = server.origin() + "/";
  o.previous = &previous;
  const CrawlResult second = crawl_site(*fetcher, o);
  CHECK(server.not_modified_.load() == 0);
  std::size_t by_hash = 0;
  for (UrlId id = 0; id < second.graph.size(); ++id) {
    const Page& p = second.graph.page(id);
    by_hash += p.same_body;
    CHECK(p.same_body == p.revalidated);  // no 304 from this server
    if (p.same_body) CHECK(p.status == 200);
  }
  CHECK(by_hash >= 10);
  const UrlId c = second.graph.find(server.origin() + "/page-c.html");
  REQUIRE(c != kNoUrl);
  CHECK_FALSE(second.graph.page(c).revalidated);  // its body changed: parsed again
  CHECK(second.graph.page(c).fetched_html);
  const UrlId a = second.graph.find(server.origin() + "/page-a.html");
  const auto links_from_c = [&](const CrawlResult& crawl) {
    std::size_t n = 0;
    const UrlId source = crawl.graph.find(server.origin() + "/page-c.html");
    for (const Link& l : crawl.graph.links()) n += l.source == source;
    return n;
  };
  CHECK(links_from_c(second) == links_from_c(first) + 1);
  CHECK(std::any_of(second.graph.links().begin(), second.graph.links().end(), [&](const Link& l) { return l.source == c && l.target == a; }));
  // Every other page has the links it had.
  CHECK(second.graph.links().size() == first.graph.links().size() + 1);
  CHECK(second.graph.text(second.graph.find(server.origin() + "/")).body_hash == first.graph.text(first.graph.find(server.origin() + "/")).body_hash);
  std::filesystem::remove(file);
  std::filesystem::remove_all(root);
}
