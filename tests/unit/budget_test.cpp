// --fail-on budgets: the grammar (and what it refuses, naming the condition), and how each
// budget is judged on a run and against a baseline.
#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>

#include "cli/budget.hpp"
#include "cli/gate.hpp"
#include "graph_builder.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/error.hpp"

using namespace sitegraph;
using namespace sitegraph::cli;
using sitegraph::testing::GraphBuilder;

TEST_CASE("budgets: the grammar", "[gate][budget]") {
  const Budget a = *parse_budget("equity(segment:money) < 0.20");
  CHECK(a.metric == Budget::Metric::kEquity);
  CHECK(a.segment == "money");
  CHECK(a.op == Budget::Op::kLess);
  CHECK(a.value == Approx(0.20));
  CHECK(parse_budget("equity(segment:money)<20%")->value == Approx(0.20));  // spaces optional, a share as a percentage
  const Budget d = *parse_budget("equity(segment:money) drops 10%");
  CHECK(d.op == Budget::Op::kDrops);
  CHECK(d.value == Approx(10));
  CHECK(d.against_baseline());
  const Budget p = *parse_budget("pagerank(https://example.com/pricing) drops 15%");
  CHECK(p.page == "https://example.com/pricing");
  CHECK(p.segment.empty());
  CHECK(parse_budget("depth(segment:docs) > 4")->op == Budget::Op::kMore);
  CHECK(parse_budget("orphans(segment:blog) >= 1")->op == Budget::Op::kMoreEqual);
  CHECK(parse_budget("depth(/deep/page.html) rises 50%")->op == Budget::Op::kRises);
  CHECK(parse_budget("broken-links(segment:a b) <= 3")->segment == "a b");
  CHECK(parse_budget("gini(site) > 0.8")->site);
  CHECK(parse_budget("equity(site) drops 5%")->metric == Budget::Metric::kEquity);
  // Not budgets: rules and severities, for gate.cpp.
  CHECK_FALSE(parse_budget("broken-link"));
  CHECK_FALSE(parse_budget("orphan-page>3"));
  CHECK_FALSE(parse_budget("severity>=error"));

  const auto refused = [](const std::string& item, const std::string& why) {
    INFO(item);
    CHECK_THROWS_WITH(parse_budget(item), Catch::Contains("'" + item + "'") && Catch::Contains(why));
  };
  refused("equty(segment:x) < 1", "unknown metric 'equty'");
  refused("equity(segment:) < 1", "needs a segment's name");
  refused("equity(money) < 1", "neither segment:NAME, site, nor a page");
  refused("equity(segment:x) <", "is not a number");
  refused("equity(segment:x) < -1", "is not a number of 0 or more");
  refused("equity(segment:x) = 3", "is not < <= > >= VALUE");
  refused("equity(segment:x)", "no condition");
  refused("equity(segment:x < 1", "no ')'");
  refused("orphans(/x.html) > 0", "orphans is a segment's or the site's figure");
  refused("equity(segment:x) drops 5", "take a percentage");
  refused("depth(segment:x) > 4%", "only equity and pagerank take a percentage");
  refused("gini(/x.html) > 0.5", "gini is a segment's or the site's figure");
  refused("equity(segment:x) < 20", "a share is 0 to 1: write 20% for a percentage");
  // Through --fail-on's parser: a budget is a condition of its own, never a rule.
  const std::vector<GateCondition> gate = parse_gate({"broken-link", "equity(segment:money) < 0.2"});
  REQUIRE(gate.size() == 2);
  CHECK_FALSE(gate[0].budget);
  CHECK(gate[1].budget);
}

TEST_CASE("budgets: judged on a run, and against a baseline", "[gate][budget]") {
  GraphBuilder b;
  const UrlId home = b.page("/");
  const UrlId pricing = b.page("/money/pricing.html");
  const UrlId plans = b.page("/money/plans.html");
  const UrlId post = b.page("/blog/post.html");
  b.link(home, pricing);
  b.link(home, post);
  b.link(post, plans);
  b.link(pricing, plans);
  b.link(plans, home);
  b.result().start = home;
  AuditOptions options;
  options.segment_rules = {{"money", "/money/*", false}, {"blog", "/blog/*", false}};
  const Audit audit = audit_site(b.result(), options);
  const double money = audit.segments.segments[0].equity;
  REQUIRE(money > 0.1);

  const auto judge = [&](const std::string& item, const RunView* baseline = nullptr) {
    return check_budgets({*parse_budget(item)}, b.result(), audit, baseline).at(0);
  };
  CHECK(judge("equity(segment:money) < 0.99").violated);
  CHECK_FALSE(judge("equity(segment:money) < 0.01").violated);
  CHECK(judge("depth(segment:money) > 1").violated);  // plans.html is two clicks away
  CHECK_FALSE(judge("depth(segment:money) > 2").violated);
  CHECK_FALSE(judge("orphans(segment:blog) > 0").violated);
  CHECK(judge("pages(segment:money) < 3").violated);
  CHECK(judge("pagerank(/money/pricing.html) > 0.01").violated);
  CHECK(judge("depth(https://site.test/blog/post.html) >= 1").violated);
  const BudgetCheck gone = judge("equity(/money/gone.html) < 0.5");
  CHECK(gone.violated);
  CHECK_THAT(gone.detail, Catch::Contains("not a page of this crawl"));
  CHECK(judge("pages(site) < 5").violated);  // four pages
  CHECK_FALSE(judge("pages(site) < 4").violated);
  CHECK(judge("depth(site) >= 2").violated);
  CHECK(judge("gini(site) > 0").violated);
  CHECK_FALSE(judge("gini(site) > 0.99").violated);
  CHECK(judge("equity(site) <= 1").violated);
  CHECK_THROWS_AS(judge("equity(segment:shop) < 0.5"), UsageError);
  CHECK_THROWS_WITH(judge("equity(segment:shop) < 0.5"), Catch::Contains("money, blog"));

  RunView baseline = view_of_audit(b.result(), audit);
  CHECK_FALSE(judge("equity(segment:money) drops 1%", &baseline).violated);  // unchanged
  CHECK_FALSE(judge("gini(site) rises 1%", &baseline).violated);
  REQUIRE(baseline.site);
  baseline.site->pages = 8;
  CHECK(judge("pages(site) drops 10%", &baseline).violated);  // 8 -> 4
  baseline.segments["money"].equity = money / 0.8;  // it held a quarter more before
  const BudgetCheck dropped = judge("equity(segment:money) drops 10%", &baseline);
  CHECK(dropped.violated);
  CHECK_THAT(dropped.detail, Catch::Contains("-20.0 %"));
  CHECK_FALSE(judge("equity(segment:money) drops 25%", &baseline).violated);
  CHECK_FALSE(judge("equity(segment:money) rises 1%", &baseline).violated);
  baseline.segments["blog"].orphans = 0;
  baseline.segments["blog"].pages = 0;
  CHECK_FALSE(judge("orphans(segment:blog) rises 10%", &baseline).violated);  // 0 -> 0
  CHECK(judge("pages(segment:blog) rises 10%", &baseline).violated);          // 0 -> 1: beyond any percentage
  baseline.segments.erase("blog");
  const BudgetCheck unknown = judge("equity(segment:blog) drops 1%", &baseline);
  CHECK_FALSE(unknown.violated);
  CHECK_THAT(unknown.detail, Catch::Contains("not in the baseline"));

  SECTION("a partial crawl's budgets are inconclusive") {
    b.result().complete = false;
    CHECK(judge("equity(segment:money) < 0.99").inconclusive);
  }
}

TEST_CASE("diff: per-segment figures before and after, the largest equity change first", "[diff][segments]") {
  RunView before;
  RunView after;
  before.segments["money"] = {0.30, 0.3, 2, 0, 40, 1, 0.2};
  before.segments["blog"] = {0.10, 0.1, 4, 2, 90, 0, 0.4};
  after.segments["money"] = {0.22, 0.3, 3, 1, 41, 1, 0.25};
  after.segments["blog"] = {0.11, 0.1, 4, 2, 95, 0, 0.4};
  after.segments["docs"] = {0.05, 0.05, 2, 0, 10, 0, 0.1};
  before.pages["https://s.test/pricing"] = {0.1, 0.10, 1, "money"};
  after.pages["https://s.test/pricing"] = {0.1, 0.04, 1, "money"};
  before.pages["https://s.test/plans"] = {0.1, 0.05, 1, "money"};
  after.pages["https://s.test/plans"] = {0.1, 0.06, 1, "money"};
  before.pages["https://s.test/post"] = {0.1, 0.02, 1, "money"};
  after.pages["https://s.test/post"] = {0.1, 0.03, 1, "blog"};  // moved: counted in its later segment
  const RunDiff diff = diff_runs(before, after, 10);
  REQUIRE(diff.segments.size() == 3);
  CHECK(diff.segments[0].name == "money");
  CHECK(diff.segments[0].before.equity == Approx(0.30));
  CHECK(diff.segments[0].after.equity == Approx(0.22));
  CHECK(diff.segments[1].name == "docs");
  CHECK_FALSE(diff.segments[1].in_before);
  CHECK(diff.segments[2].name == "blog");
  REQUIRE(diff.segments[0].movers.size() == 2);
  CHECK(diff.segments[0].movers[0].url == "https://s.test/pricing");  // -0.06 before +0.01
  CHECK(diff.segments[0].movers[1].url == "https://s.test/plans");
  REQUIRE(diff.segments[2].movers.size() == 1);
  CHECK(diff.segments[2].movers[0].url == "https://s.test/post");
  const nlohmann::json j = diff_json(diff);
  CHECK(j["segments"][0]["movers"][0]["after"] == Approx(0.04));
  CHECK(j["segments"][0]["after"]["orphans"] == 1);
  CHECK(j["segments"][1]["before"].is_null());
  std::ostringstream text;
  write_diff_text(text, diff, 50);
  CHECK_THAT(text.str(), Catch::Contains("30.00% -> 22.00%") && Catch::Contains("money") && Catch::Contains("https://s.test/pricing"));
}
