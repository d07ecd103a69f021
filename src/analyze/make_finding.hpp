#pragma once
// One way to start a finding, shared by the rule files. Internal to src/analyze.

#include <string>
#include <string_view>

#include "sitegraph/analyze.hpp"

namespace sitegraph {

/// A finding of catalogue rule `rule` (its default severity) about `url`.
inline Finding make_finding(std::string_view rule, UrlId url, std::uint32_t count, std::string message) {
  Finding f;
  const RuleInfo* info = find_rule(rule);
  f.rule = info->id;  // the catalogue's storage, whatever `rule` points to
  f.severity = info->severity;
  f.url = url;
  f.count = count;
  f.message = std::move(message);
  return f;
}

}  // namespace sitegraph
