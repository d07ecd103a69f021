// The short version of the soak run (bench/soak.sh): a crawl of a site that delays, drops,
// truncates, answers 503 in bursts and serves malformed HTML ends with every page accounted
// for, each as 200, and a complete crawl.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "faulty_site.hpp"
#include "run_program.hpp"

using namespace sitegraph::testing;

TEST_CASE("soak (short): every page of a faulty site is accounted for as 200", "[integration][fault][soak]") {
  FaultySite::Options options;
  options.pages = 300;
  options.seed = 7;
  FaultySite site(options);
  const Run r = run_sitegraph("-q audit " + site.origin() + "/ -f json --retries 2 --per-host 8 --timeout 10");
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["crawl"]["complete"] == true);
  std::set<std::string> ok;
  for (const auto& p : report["pages"]) {
    if (p["status"] == 200) ok.insert(p["url"].get<std::string>());
  }
  std::size_t missing = 0;
  for (std::size_t i = 0; i < options.pages; ++i) {
    if (!ok.count(site.origin() + FaultySite::page_path(i))) {
      if (++missing <= 5) UNSCOPED_INFO("not 200: " << FaultySite::page_path(i));
    }
  }
  CHECK(missing == 0);
  CHECK(site.faults() > 20);  // the faults really happened
  // The malformed pages still gave up their links: the tree reaches every page in <= 9 clicks.
  CHECK(report["summary"]["max_depth"].get<int>() <= 9);
}
