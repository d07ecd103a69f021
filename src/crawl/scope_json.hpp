#pragma once
// CrawlScope as JSON, one spelling for the snapshot header and the report (crawl.scope).
// Internal to sitegraph_core.

#include <nlohmann/json.hpp>

#include "sitegraph/crawl.hpp"

namespace sitegraph {

/// {"include": [...], "exclude": [...], "no_parent": "/docs/guide/" or null}.
inline nlohmann::json scope_json(const CrawlScope& scope) {
  return {{"include", scope.include},
          {"exclude", scope.exclude},
          {"no_parent", scope.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(scope.parent)}};
}

/// scope_json's inverse; a missing or null key is an empty list or no --no-parent.
inline CrawlScope scope_from_json(const nlohmann::json& j) {
  CrawlScope scope;
  if (!j.is_object()) return scope;
  scope.include = j.value("include", std::vector<std::string>{});
  scope.exclude = j.value("exclude", std::vector<std::string>{});
  if (const auto it = j.find("no_parent"); it != j.end() && it->is_string()) scope.parent = it->get<std::string>();
  return scope;
}

}  // namespace sitegraph
