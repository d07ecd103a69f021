// The engine fixture (tests/fixtures/engine/README.md) crawled over HTTP: every canonical and
// duplicate case it plants is found, nothing else of those rules fires, and a snapshot of the
// crawl audits the same.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

#include "fixture_server.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"
#include "sitegraph/snapshot.hpp"

using namespace sitegraph;

namespace {

const std::string kEngineFixture = std::string(SITEGRAPH_FIXTURES) + "/engine";

// Per rule of the search engine's view, the paths of its findings.
std::map<std::string, std::set<std::string>> engine_findings(const CrawlResult& r, const Audit& a, const std::string& origin) {
  static const std::set<std::string> kRules = {"canonical-conflict", "canonical-chain", "canonical-loop", "canonical-target-broken",
                                               "link-to-canonicalised", "link-to-redirect", "duplicate-content", "near-duplicate",
                                               "duplicate-title", "duplicate-description", "missing-title", "insecure-link",
                                               "hreflang-invalid", "hreflang-conflict", "hreflang-no-self", "hreflang-no-return",
                                               "hreflang-target-not-indexable", "hreflang-no-x-default"};
  std::map<std::string, std::set<std::string>> out;
  for (const Finding& f : a.findings) {
    if (!kRules.count(std::string(f.rule))) continue;
    std::set<std::string>& paths = out[std::string(f.rule)];
    std::string path(r.graph.url(f.url).substr(origin.size()));
    if (f.rule.starts_with("hreflang-") && f.target != kNoUrl) path += " -> " + std::string(r.graph.url(f.target).substr(origin.size()));
    if (f.rule == "hreflang-no-x-default") path = std::to_string(f.count) + " pages";
    paths.insert(path);
    for (const UrlId id : f.chain) {
      if (f.rule != "canonical-chain" && f.rule != "canonical-loop" && f.rule != "canonical-conflict") paths.insert(std::string(r.graph.url(id).substr(origin.size())));
    }
  }
  return out;
}

// One line per rule, for a readable failure.
std::string describe(const std::map<std::string, std::set<std::string>>& findings) {
  std::string out;
  for (const auto& [rule, paths] : findings) {
    out += rule + ":";
    for (const std::string& p : paths) out += " " + p + ";";
    out += "\n";
  }
  return out;
}

const std::map<std::string, std::set<std::string>> kPlanted = {
    {"canonical-conflict", {"/conflict.html", "/header-conflict.html"}},
    {"canonical-chain", {"/chain-a.html"}},
    {"canonical-loop", {"/loop-x.html", "/loop-y.html"}},
    // The linked URL and (as the finding's sources) the page linking it.
    {"link-to-canonicalised", {"/print.html", "/chain-b.html", "/"}},
    {"link-to-redirect", {"/moved.html", "/"}},
    {"duplicate-content", {"/article.html", "/copy.html"}},
    {"near-duplicate", {"/near-1.html", "/near-2.html"}},
    {"duplicate-title", {"/same-title-1.html", "/same-title-2.html"}},
    {"duplicate-description", {"/desc-1.html", "/desc-2.html"}},
    {"missing-title", {"/untitled.html"}},
    {"hreflang-invalid", {"/lang/en.html -> /lang/uk.html"}},
    {"hreflang-conflict", {"/lang/en.html -> /lang/fr-copy.html"}},
    {"hreflang-no-self", {"/lang/nose.html"}},
    {"hreflang-no-return",
     {"/lang/en.html -> /lang/fr.html", "/lang/en.html -> /lang/fr-copy.html", "/lang/de.html -> /lang/fr.html",
      "/lang/de.html -> /lang/it.html", "/lang/nose.html -> /lang/en.html"}},
    {"hreflang-target-not-indexable", {"/lang/en.html -> /lang/uk.html"}},
    {"hreflang-no-x-default", {"7 pages"}},
};

// A fixture folder served over HTTP and crawled from its root, as `sitegraph audit URL` would.
CrawlResult crawl_fixture(const testing::FixtureServer& server, bool soft_404_probe = true) {
  FetchOptions fo;
  fo.user_agent = "sitegraph-test";
  CrawlOptions co;
  co.start_url = server.origin() + "/";
  co.user_agent = "sitegraph-test";
  co.soft_404_probe = soft_404_probe;
  auto fetcher = make_http_fetcher(fo);
  return crawl_site(*fetcher, co);
}

}  // namespace

TEST_CASE("engine fixture: canonicals, links to fold and duplicates are found as planted, and kept by a snapshot", "[integration][canonical][duplicate]") {
  testing::FixtureServer server(kEngineFixture);
  const CrawlResult crawl = crawl_fixture(server);
  REQUIRE(crawl.complete);
  const Audit audit = audit_site(crawl);
  CHECK(describe(engine_findings(crawl, audit, server.origin())) == describe(kPlanted));
  // The print copy is canonicalised to the article: folded, its equity passed on.
  const UrlId article = crawl.graph.find(server.origin() + "/article.html");
  const UrlId print = crawl.graph.find(server.origin() + "/print.html");
  REQUIRE(article != kNoUrl);
  CHECK(crawl.graph.page(print).canonical == article);
  CHECK(crawl.graph.page(crawl.graph.find(server.origin() + "/conflict.html")).canonical == kNoUrl);

  const std::filesystem::path file = std::filesystem::temp_directory_path() / ("sitegraph-engine-" + std::to_string(getpid()) + ".jsonl.gz");
  write_snapshot(file, crawl);
  const CrawlResult again = read_snapshot(file);
  std::filesystem::remove(file);
  CHECK(describe(engine_findings(again, audit_site(again), server.origin())) == describe(kPlanted));
}

TEST_CASE("soft-404 fixture: a server answering 200 for what it lacks has soft 404s, found as broken links", "[integration][soft-404]") {
  testing::FixtureServer server(std::string(SITEGRAPH_FIXTURES) + "/soft404");
  const CrawlResult crawl = crawl_fixture(server);
  REQUIRE(crawl.soft_404_probes.size() == 1);
  CHECK(crawl.soft_404_probes[0].status == 200);
  CHECK(crawl.soft_404_probes[0].title == "Sorry");
  CHECK(crawl.soft_404_probes[0].pages == 1);
  const Audit audit = audit_site(crawl);
  std::map<std::string, std::set<std::string>> found;
  for (const Finding& f : audit.findings) {
    if (f.rule == "soft-404" || f.rule == "soft-404-site" || f.rule == "broken-link") {
      found[std::string(f.rule)].insert(std::string(crawl.graph.url(f.url).substr(server.origin().size())) + " " + f.status);
    }
  }
  CHECK(found["soft-404"] == std::set<std::string>{"/old-offer.html "});
  CHECK(found["soft-404-site"] == std::set<std::string>{"/ 200"});
  CHECK(found["broken-link"] == std::set<std::string>{"/ soft-404"});

  const CrawlResult quiet = crawl_fixture(server, false);  // --no-soft-404-probe: nothing asked, nothing marked
  CHECK(quiet.soft_404_probes.empty());
  CHECK_FALSE(quiet.graph.page(quiet.graph.find(server.origin() + "/old-offer.html")).soft_404);
}
