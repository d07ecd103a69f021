// --ignore and --severity (src/cli/finding_filters.cpp): findings dropped or re-rated before
// reports, baselines and the gate see them.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "cli/finding_filters.hpp"
#include "graph_builder.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;
using sitegraph::testing::GraphBuilder;

TEST_CASE("ignore rules drop matching findings, severity overrides re-rate or turn a rule off", "[cli][filters]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  b.page("/drafts/x");  // orphans: in no link
  b.page("/blog/y");
  b.at(1).in_sitemap = true;
  b.at(2).in_sitemap = true;
  b.result().start = home;
  b.result().complete = true;
  Audit audit = audit_site(b.result());
  const auto orphans = [&] { return testing::urls_of(audit, b.graph(), "orphan-page"); };
  REQUIRE(orphans().size() == 2);
  std::vector<Finding> findings = audit.findings;
  CHECK(cli::apply_finding_filters(b.graph(), audit.findings, cli::parse_ignores({"orphan-page:/drafts/*"}), {}) == 1);
  CHECK(orphans() == std::vector<std::string>{"/blog/y"});
  audit.findings = findings;
  CHECK(cli::apply_finding_filters(b.graph(), audit.findings, cli::parse_ignores({"*:https://site.test/blog/*"}), {}) >= 1);
  CHECK(orphans() == std::vector<std::string>{"/drafts/x"});
  audit.findings = findings;
  cli::apply_finding_filters(b.graph(), audit.findings, {}, cli::parse_severities({"orphan-page=error"}));
  for (const Finding& f : audit.findings) {
    if (f.rule == "orphan-page") CHECK(f.severity == Severity::kError);
  }
  audit.findings = findings;
  CHECK(cli::apply_finding_filters(b.graph(), audit.findings, {}, cli::parse_severities({"orphan-page=off"})) == 0);
  CHECK(orphans().empty());
  CHECK_THROWS_AS(cli::parse_ignores({"no-such-rule:*"}), std::invalid_argument);
  CHECK_THROWS_AS(cli::parse_ignores({"orphan-page:"}), std::invalid_argument);
  CHECK_THROWS_AS(cli::parse_severities({"orphan-page=fatal"}), std::invalid_argument);
  CHECK_THROWS_AS(cli::parse_severities({"orphan-page"}), std::invalid_argument);
}
