#include "cli/gate.hpp"

#include <charconv>
#include <stdexcept>

namespace sitegraph::cli {

std::vector<GateCondition> parse_gate(const std::vector<std::string>& items) {
  std::vector<GateCondition> gate;
  for (const std::string& item : items) {
    GateCondition c;
    c.text = item;
    if (item.rfind("severity>=", 0) == 0) {
      const std::string level = item.substr(10);
      for (const Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError}) {
        if (severity_name(s) == level) c.at_least = s;
      }
      if (!c.at_least) throw std::invalid_argument("--fail-on: '" + item + "': the level is info, warning or error");
    } else if (const auto gt = item.find('>'); gt != std::string::npos) {
      c.rule = item.substr(0, gt);
      const char* first = item.data() + gt + 1;
      const char* last = item.data() + item.size();
      const auto [end, ec] = std::from_chars(first, last, c.more_than);
      if (ec != std::errc() || end != last || first == last) {
        throw std::invalid_argument("--fail-on: '" + item + "': write RULE>N with N a whole number");
      }
    } else {
      c.rule = item;
    }
    if (!c.rule.empty() && !find_rule(c.rule)) {
      throw std::invalid_argument("--fail-on: unknown rule '" + c.rule + "' (see docs/rules.md)");
    }
    gate.push_back(std::move(c));
  }
  return gate;
}

std::optional<std::pair<const GateCondition*, std::size_t>> gate_matched(const std::vector<GateCondition>& gate,
                                                                         const std::vector<Finding>& findings) {
  for (const GateCondition& c : gate) {
    std::size_t count = 0;
    for (const Finding& f : findings) {
      if (f.inconclusive) continue;
      count += c.at_least ? f.severity >= *c.at_least : f.rule == c.rule;
    }
    if (count > c.more_than) return std::pair{&c, count};
  }
  return std::nullopt;
}

}  // namespace sitegraph::cli
