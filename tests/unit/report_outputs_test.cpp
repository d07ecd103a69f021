// --format and --output (src/cli/report_outputs.cpp): which report goes to which file.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "cli/report_outputs.hpp"

using namespace sitegraph;

TEST_CASE("output planning: one -o per format, or one directory, never two on stdout", "[cli][outputs]") {
  using cli::plan_outputs;
  const auto plan = plan_outputs({"json", "html"}, {"a.json", "b.html"});
  REQUIRE(plan.size() == 2);
  CHECK(plan[1].path == "b.html");
  const auto dir = plan_outputs({"json", "junit", "csv"}, {"out"});
  CHECK(dir[0].path == "out/report.json");
  CHECK(dir[1].path == "out/report.junit.xml");
  CHECK(dir[2].path == "out/csv");
  CHECK(plan_outputs({}, {})[0].format == "text");
  CHECK(plan_outputs({"junit"}, {"reports/"})[0].path == "reports/report.junit.xml");
  CHECK_THROWS_AS(plan_outputs({"json", "text"}, {}), std::invalid_argument);
  CHECK_THROWS_AS(plan_outputs({"csv"}, {}), std::invalid_argument);
  CHECK_THROWS_AS(plan_outputs({"json", "json"}, {"a", "b"}), std::invalid_argument);
  CHECK_THROWS_AS(plan_outputs({"json", "text", "html"}, {"a", "b"}), std::invalid_argument);
  // Several formats and one -o that names a file: refused, not a folder called a.json.
  CHECK_THROWS_WITH(plan_outputs({"json", "html"}, {"a.json"}), Catch::Contains("-o a.json looks like a file"));
  CHECK(plan_outputs({"json", "html"}, {"a.json/"})[0].path == "a.json/report.json");  // asked for a folder
}
