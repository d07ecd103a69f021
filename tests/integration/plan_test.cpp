// The link planner through the command line (tests/fixtures/plan/README.md): a plan for the
// orphaned grinder page, from a folder, over HTTP and from a snapshot; every phrase is the
// source page's own words, on the line reported.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "fixture_server.hpp"
#include "run_program.hpp"

using namespace sitegraph::testing;

namespace {

const std::string kPlanFixture = std::string(SITEGRAPH_FIXTURES) + "/plan";

// The lines of a fixture file.
std::vector<std::string> lines_of(const std::string& name) {
  std::ifstream in(kPlanFixture + "/" + name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The page's text as a reader sees it, roughly: tags dropped, whitespace collapsed.
std::string text_of(const std::string& name) {
  std::string html = slurp(kPlanFixture + "/" + name);
  std::string text;
  bool in_tag = false;
  for (const char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space) text.push_back(c);
      else if (!text.empty() && text.back() != ' ') text.push_back(' ');
    }
    if (c == '>') in_tag = false;
  }
  return text;
}

nlohmann::json plan_of(const std::string& target_args, const fs::path& out) {
  const Run r = run_sitegraph("-q audit " + target_args + " --plan 3 --plan-target /grinders.html -f json,plan -o '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  return nlohmann::json::parse(slurp(out / "report.json"))["link_plan"];
}

// What every plan of this site must say, however it was read.
void check_plan(const nlohmann::json& plan, const std::string& origin) {
  REQUIRE(plan.is_object());
  CHECK(plan["targets_from"] == "given");
  REQUIRE(plan["targets"].size() == 1);
  CHECK(plan["targets"][0]["url"] == origin + "/grinders.html");
  CHECK(plan["targets"][0]["equity_after"].get<double>() > plan["targets"][0]["equity_before"].get<double>());
  REQUIRE(!plan["links"].empty());
  double gains = 0;
  for (const auto& link : plan["links"]) {
    const std::string source = link["source"];
    CHECK(link["target"] == origin + "/grinders.html");
    CHECK(source.find("tea") == std::string::npos);  // tea pages are never relevant to grinders
    CHECK(source.find("oolong") == std::string::npos);
    CHECK(link["relevance"].get<double>() >= 0.2);  // the default --min-relevance
    gains += link["equity_gain"].get<double>();
  }
  CHECK(gains == Approx(plan["equity_gain"].get<double>()).epsilon(1e-6));
}

}  // namespace

TEST_CASE("plan from a folder: relevant sources only, the phrase is the source's own words on its line", "[cli][plan]") {
  const fs::path out = temp_dir() / "plan-folder";
  const nlohmann::json plan = plan_of("'" + kPlanFixture + "' --base-url http://fixture.test/", out);
  check_plan(plan, "http://fixture.test");
  bool espresso = false;
  for (const auto& link : plan["links"]) {
    const std::string phrase = link["phrase"];
    if (phrase.empty()) {
      CHECK(link["anchor"] == "Burr grinders");  // the target's heading
      CHECK(!link["phrase_note"].get<std::string>().empty());
      continue;
    }
    const std::string file = link["source"].get<std::string>().substr(std::string("http://fixture.test/").size());
    CHECK(text_of(file).find(link["sentence"].get<std::string>()) != std::string::npos);
    const auto line = link["line"].get<std::size_t>();
    REQUIRE(line >= 1);
    CHECK(lines_of(file).at(line - 1).find(phrase) != std::string::npos);
    if (file == "espresso.html") {
      espresso = true;
      CHECK(phrase == "burr grinder");
      CHECK(link["sentence"] == "Most baristas say the burr grinder is the one tool worth paying for, before the espresso machine itself.");
      CHECK(line == 10);  // espresso.html, line 10
    }
  }
  CHECK(espresso);  // the page that names the grinder in prose is in the plan
  const std::string csv = slurp(out / "plan.csv");
  CHECK(csv.find("action,source,target,placement,anchor,phrase,sentence,line,relevance,equity_gain,note") != std::string::npos);
  CHECK(csv.find("add,http://fixture.test/espresso.html,http://fixture.test/grinders.html,content,burr grinder,burr grinder,") != std::string::npos);
}

TEST_CASE("plan over HTTP: the sources are fetched again for their phrases", "[cli][plan]") {
  FixtureServer server(kPlanFixture);
  const fs::path out = temp_dir() / "plan-http";
  const nlohmann::json plan = plan_of(server.origin() + "/", out);
  check_plan(plan, server.origin());
  bool found = false;
  for (const auto& link : plan["links"]) found = found || link["phrase"] == "burr grinder";
  CHECK(found);
}

TEST_CASE("plan from a snapshot: the same links, and no phrase since a snapshot holds no page text", "[cli][plan]") {
  const fs::path snapshot = temp_dir() / "plan.jsonl.gz";
  const Run crawl = run_sitegraph("-q crawl '" + kPlanFixture + "' --base-url http://fixture.test/ -o '" + snapshot.string() + "'");
  REQUIRE(crawl.code == 0);
  const fs::path out = temp_dir() / "plan-snapshot";
  const nlohmann::json plan = plan_of("'" + snapshot.string() + "'", out);
  check_plan(plan, "http://fixture.test");
  const nlohmann::json folder = plan_of("'" + kPlanFixture + "' --base-url http://fixture.test/", temp_dir() / "plan-folder-2");
  REQUIRE(plan["links"].size() == folder["links"].size());
  for (std::size_t i = 0; i < plan["links"].size(); ++i) {
    CHECK(plan["links"][i]["source"] == folder["links"][i]["source"]);
    CHECK(plan["links"][i]["equity_gain"].get<double>() == Approx(folder["links"][i]["equity_gain"].get<double>()));
    CHECK(plan["links"][i]["phrase"] == "");
    CHECK(plan["links"][i]["anchor"] == "Burr grinders");
    CHECK(plan["links"][i]["phrase_note"] == "no page text in a snapshot");
  }
}

TEST_CASE("plan: a target that is no page of the crawl is a usage error", "[cli][plan]") {
  const Run r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --plan 2 --plan-target /nowhere.html");
  CHECK(r.code == 2);
  CHECK(r.err.find("--plan-target") != std::string::npos);
}

TEST_CASE("what-if: a plan's CSV applied gives the equity the plan promised", "[cli][plan][what-if]") {
  const fs::path out = temp_dir() / "plan-round-trip";
  const nlohmann::json plan = plan_of("'" + kPlanFixture + "' --base-url http://fixture.test/", out);
  const fs::path changed = temp_dir() / "what-if-plan";
  const Run r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --what-if '" + (out / "plan.csv").string() +
                              "' -f json,text -o '" + changed.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(slurp(changed / "report.json"));
  const auto& what_if = report["what_if"];
  CHECK(what_if["changes"] == plan["links"].size());
  CHECK(what_if["warnings"].empty());
  CHECK(what_if["before"] == "the site as read");
  double equity = -1;
  for (const auto& page : report["pages"]) {
    if (page["url"] == "http://fixture.test/grinders.html") equity = page["equity"].get<double>();
  }
  CHECK(equity == Approx(plan["targets"][0]["equity_after"].get<double>()).margin(1e-9));
  bool orphan_fixed = false;  // the orphan is linked now
  for (const auto& f : what_if["fixed_findings"]) orphan_fixed = orphan_fixed || (f["rule"] == "orphan-page" && f["url"] == "http://fixture.test/grinders.html");
  CHECK(orphan_fixed);
}

TEST_CASE("what-if: removing a page breaks the links to it, redirecting one folds it", "[cli][what-if]") {
  const fs::path changes = temp_dir() / "changes.csv";
  std::ofstream(changes) << "remove-page,http://fixture.test/milk.html\nredirect,/oolong.html,/tea.html\n"
                            "remove,http://fixture.test/,http://fixture.test/beans.html\n"
                            "remove,http://fixture.test/tea.html,http://fixture.test/milk.html\n";
  const Run r = run_sitegraph("audit '" + kPlanFixture + "' --base-url http://fixture.test/ --what-if '" + changes.string() + "' -f json");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  const auto& what_if = report["what_if"];
  CHECK(what_if["changes"] == 3);
  REQUIRE(what_if["warnings"].size() == 1);  // tea.html never linked to milk.html
  CHECK(what_if["warnings"][0].get<std::string>().find("row 4") != std::string::npos);
  CHECK(r.err.find("row 4") != std::string::npos);
  std::set<std::string> removed(what_if["pages_removed"].begin(), what_if["pages_removed"].end());
  CHECK(removed == std::set<std::string>{"http://fixture.test/milk.html", "http://fixture.test/oolong.html"});
  bool broken = false;
  for (const auto& f : what_if["new_findings"]) broken = broken || (f["rule"] == "broken-link" && f["target"] == "http://fixture.test/milk.html");
  CHECK(broken);
}

TEST_CASE("what-if: a bad row is a usage error naming the file and row, and nothing is applied", "[cli][what-if]") {
  const fs::path unknown = temp_dir() / "unknown.csv";
  std::ofstream(unknown) << "add,http://fixture.test/,http://fixture.test/tea.html\nrename,http://fixture.test/tea.html,x\n";
  Run r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --what-if '" + unknown.string() + "'");
  CHECK(r.code == 2);
  CHECK(r.err.find(unknown.string() + ": row 2: unknown action 'rename'") != std::string::npos);
  const fs::path missing = temp_dir() / "missing.csv";
  std::ofstream(missing) << "action,source,target\nadd,http://fixture.test/,http://fixture.test/tea.html\nadd,http://fixture.test/,http://fixture.test/nowhere.html\n";
  r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --what-if '" + missing.string() + "'");
  CHECK(r.code == 2);
  CHECK(r.err.find("row 3: http://fixture.test/nowhere.html is not a URL of this crawl") != std::string::npos);
  CHECK(r.err.find("no change was applied") != std::string::npos);
}

TEST_CASE("plan: a keyword given for a target is the phrase looked for first", "[cli][plan]") {
  const fs::path targets = temp_dir() / "targets.csv";
  std::ofstream(targets) << "url,keyword\nhttp://fixture.test/grinders.html,Grinder\n";
  const fs::path out = temp_dir() / "plan-keyword";
  const Run r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --plan 1 --plan-target '" + targets.string() +
                              "' -f json,plan -o '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto plan = nlohmann::json::parse(slurp(out / "report.json"))["link_plan"];
  REQUIRE(plan["links"].size() == 1);
  CHECK(plan["links"][0]["phrase"] == "grinder");  // the first sentence naming it: "A cheap blade grinder chops ..."
  CHECK(plan["links"][0]["line"] == 9);
  CHECK(plan["links"][0]["anchor"] == "grinder");
}

TEST_CASE("plan in the HTML report: the phrase marked in its sentence, and a plan without links says why instead of an empty table", "[cli][plan]") {
  const fs::path out = temp_dir() / "plan.html";
  const Run r = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --plan 3 --plan-target /grinders.html -f html -o '" +
                              out.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const std::string html = slurp(out);
  CHECK(html.find("id=\"plan-section\"") != std::string::npos);
  CHECK(html.find("<mark>burr grinder</mark>") != std::string::npos);
  CHECK(html.find("id=\"plan\"") != std::string::npos);

  const fs::path none = temp_dir() / "plan-none.html";
  const Run r2 = run_sitegraph("-q audit '" + kPlanFixture + "' --base-url http://fixture.test/ --plan 3 --plan-target /grinders.html --min-relevance 0.99 -f html -o '" +
                               none.string() + "'");
  INFO(r2.err);
  REQUIRE(r2.code == 0);
  const std::string empty = slurp(none);
  CHECK(empty.find("id=\"plan-section\"") != std::string::npos);
  CHECK(empty.find("0 of the 3 links asked for") != std::string::npos);
  CHECK(empty.find("no relevant page that does not link to it yet") != std::string::npos);
  CHECK(empty.find("id=\"plan\"") == std::string::npos);  // no table of no links
}
