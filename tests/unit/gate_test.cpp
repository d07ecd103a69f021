// --fail-on (src/cli/gate.cpp): the conditions a CI job fails on, and whether findings meet one.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/gate.hpp"
#include "sitegraph/analyze.hpp"

using namespace sitegraph;

TEST_CASE("the gate condition new counts only the findings the baseline lacks", "[cli][gate]") {
  std::vector<Finding> findings(3);
  findings[0].rule = "orphan-page";
  findings[1].rule = "orphan-page";
  findings[2].rule = "broken-link";
  findings[2].severity = Severity::kError;
  const std::vector<std::uint8_t> is_new = {0, 1, 0};
  const auto gate = [](std::vector<std::string> items) { return cli::parse_gate(items); };
  CHECK(cli::gate_matched(gate({"new"}), findings, &is_new));
  CHECK(cli::gate_matched(gate({"new:orphan-page"}), findings, &is_new));
  CHECK_FALSE(cli::gate_matched(gate({"new:broken-link"}), findings, &is_new));
  CHECK_FALSE(cli::gate_matched(gate({"new:severity>=error"}), findings, &is_new));
  CHECK_FALSE(cli::gate_matched(gate({"new:orphan-page>1"}), findings, &is_new));
  CHECK(cli::gate_matched(gate({"orphan-page>1"}), findings, &is_new));
  const std::vector<std::uint8_t> none_new = {0, 0, 0};
  CHECK_FALSE(cli::gate_matched(gate({"new"}), findings, &none_new));
  CHECK_THROWS_AS(gate({"new:"}), std::invalid_argument);
  CHECK_THROWS_AS(gate({"new:nonsense"}), std::invalid_argument);
}
