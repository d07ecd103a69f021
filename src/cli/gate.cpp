#include "cli/gate.hpp"

#include <charconv>
#include <stdexcept>

namespace sitegraph::cli {

std::vector<GateCondition> parse_gate(const std::vector<std::string>& items) {
  std::vector<GateCondition> gate;
  for (const std::string& item : items) {
    GateCondition c;
    c.text = item;
    if ((c.budget = parse_budget(item))) {
      gate.push_back(std::move(c));
      continue;
    }
    std::string rest = item;
    if (rest == "new" || rest.rfind("new:", 0) == 0) {
      c.only_new = true;
      rest = rest == "new" ? std::string() : rest.substr(4);
      if (rest.empty() && item != "new") throw std::invalid_argument("--fail-on: '" + item + "': write new or new:CONDITION");
      if (rest.empty()) {
        gate.push_back(std::move(c));
        continue;
      }
    }
    if (rest.rfind("severity>=", 0) == 0) {
      const std::string level = rest.substr(10);
      for (const Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError}) {
        if (severity_name(s) == level) c.at_least = s;
      }
      if (!c.at_least) throw std::invalid_argument("--fail-on: '" + item + "': the level is info, warning or error");
    } else if (const auto gt = rest.find('>'); gt != std::string::npos) {
      c.rule = rest.substr(0, gt);
      const char* first = rest.data() + gt + 1;
      const char* last = rest.data() + rest.size();
      const auto [end, ec] = std::from_chars(first, last, c.more_than);
      if (ec != std::errc() || end != last || first == last) {
        throw std::invalid_argument("--fail-on: '" + item + "': write RULE>N with N a whole number");
      }
    } else {
      c.rule = rest;
    }
    if (!c.rule.empty() && !find_rule(c.rule)) {
      throw std::invalid_argument("--fail-on: unknown rule '" + c.rule + "' (see docs/rules.md)");
    }
    gate.push_back(std::move(c));
  }
  return gate;
}

std::optional<std::pair<const GateCondition*, std::size_t>> gate_matched(const std::vector<GateCondition>& gate,
                                                                         const std::vector<Finding>& findings,
                                                                         const std::vector<std::uint8_t>* is_new,
                                                                         bool count_inconclusive) {
  for (const GateCondition& c : gate) {
    if (c.budget) continue;
    std::size_t count = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const Finding& f = findings[i];
      if (f.inconclusive && !count_inconclusive) continue;
      // Without a baseline every finding is new: `--fail-on new` then fails on any finding.
      if (c.only_new && is_new && i < is_new->size() && !(*is_new)[i]) continue;
      count += c.at_least ? f.severity >= *c.at_least : c.rule.empty() || f.rule == c.rule;
    }
    if (count > c.more_than) return std::pair{&c, count};
  }
  return std::nullopt;
}

}  // namespace sitegraph::cli
