// Equity budgets in CI: a built site, a baseline report from main, then a change that removes
// one link to the money pages: `--fail-on 'equity(segment:money) drops 5%'` fails it, and the
// unchanged site passes. Segments and budgets from a config file, as a repository keeps them.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "run_program.hpp"

using namespace sitegraph::testing;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string page(const std::string& title, const std::string& links) {
  return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1>" + links +
         "</main></body></html>\n";
}

// Home links to the blog and, in its text, to the pricing page; the blog posts link to each
// other and to the home page; the money pages link to each other.
void build_site(const fs::path& site, bool home_links_pricing) {
  fs::remove_all(site);
  write(site / "index.html", page("Home", std::string("<a href=\"/blog/\">Blog</a> <a href=\"/blog/a.html\">A</a>") +
                                              (home_links_pricing ? " <a href=\"/money/pricing.html\">Pricing</a>" : "")));
  write(site / "blog/index.html", page("Blog", "<a href=\"/blog/a.html\">A</a> <a href=\"/blog/b.html\">B</a> <a href=\"/\">Home</a>"));
  write(site / "blog/a.html", page("A", "<a href=\"/blog/b.html\">B</a> <a href=\"/\">Home</a> <a href=\"/money/plans.html\">Plans</a>"));
  write(site / "blog/b.html", page("B", "<a href=\"/blog/a.html\">A</a> <a href=\"/\">Home</a>"));
  write(site / "money/pricing.html", page("Pricing", "<a href=\"/money/plans.html\">Plans</a> <a href=\"/\">Home</a>"));
  write(site / "money/plans.html", page("Plans", "<a href=\"/money/pricing.html\">Pricing</a> <a href=\"/\">Home</a>"));
}

}  // namespace

TEST_CASE("an equity budget fails the change that drains the money pages, and passes the unchanged site", "[cli][budget]") {
  const fs::path dir = temp_dir() / "budget";
  fs::remove_all(dir);
  const fs::path site = dir / "site";
  write(dir / "segments.csv", "segment,pattern\nmoney,/money/*\nblog,/blog/*\n");
  const std::string audit = "-q audit '" + site.string() + "' --base-url https://shop.test/ --segments '" + (dir / "segments.csv").string() + "'";

  build_site(site, true);
  REQUIRE(run_sitegraph(audit + " -f json -o '" + (dir / "main.json").string() + "'").code == 0);
  const std::string gate = " --baseline '" + (dir / "main.json").string() + "' --fail-on 'equity(segment:money) drops 5%'";

  SECTION("the unchanged site passes") {
    const Run r = run_sitegraph(audit + gate + " -o /dev/null");
    CHECK(r.code == 0);
  }
  SECTION("removing the home page's link to pricing fails, naming the budget and the figures") {
    build_site(site, false);
    const Run r = run_sitegraph(audit.substr(3) + gate + " -f junit -o '" + (dir / "junit.xml").string() + "'");
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("--fail-on equity(segment:money) drops 5%: segment money: equity"));
    CHECK_THAT(r.err, Catch::Contains("was "));
    const std::string junit = slurp(dir / "junit.xml");
    CHECK_THAT(junit, Catch::Contains("<testsuite name=\"budgets\" tests=\"1\" failures=\"1\""));
    // A budget far below the drop passes on the same change.
    CHECK(run_sitegraph(audit + " --baseline '" + (dir / "main.json").string() +
                        "' --fail-on 'equity(segment:money) drops 99%' -o /dev/null").code == 0);
  }
  SECTION("budgets kept in a config file beside the site") {
    build_site(site, false);
    write(dir / "sitegraph.toml", "[audit]\nsegments = \"" + (dir / "segments.csv").string() + "\"\nbaseline = \"" +
                                      (dir / "main.json").string() + "\"\nfail-on = [\"equity(segment:money) drops 5%\", "
                                      "\"depth(segment:blog) > 3\"]\n");
    const Run r = run_sitegraph("--config '" + (dir / "sitegraph.toml").string() + "' audit '" + site.string() +
                                "' --base-url https://shop.test/");
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains("budget             OVER  equity(segment:money) drops 5%"));
    CHECK_THAT(r.out, Catch::Contains("budget             ok  depth(segment:blog) > 3"));
  }
}
