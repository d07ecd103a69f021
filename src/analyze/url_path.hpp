#pragma once
// The path a rule's glob is matched against (clusters, segments). Internal to src/analyze.

#include <algorithm>
#include <string>
#include <string_view>

#include "sitegraph/url.hpp"

namespace sitegraph {

// The path of a URL (query dropped), or the whole name of a node that is not a URL.
inline std::string path_of(std::string_view name) {
  // A crawled page's URL is normalized already: its path starts at the first '/' after the
  // host and ends at the query, with no parse needed (URL parsing was a tenth of an audit's
  // time). An imported edge list's names need not be: one with a character or a dot segment
  // that parsing would change is parsed.
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) { return c > ' ' && c < 0x7f && c != '\\' && c != '#'; }) &&
                     name.find("/.") == std::string_view::npos && name.find("%2e") == std::string_view::npos &&
                     name.find("%2E") == std::string_view::npos;
  if (plain && (name.starts_with("http://") || name.starts_with("https://"))) {
    const std::size_t slash = path_start(name);
    if (slash == std::string_view::npos) return "/";
    return std::string(name.substr(slash, name.find('?', slash) - slash));
  }
  const auto parts = split_url(name);
  if (!parts) return std::string(name);
  return parts->path_and_query.substr(0, parts->path_and_query.find('?'));
}

}  // namespace sitegraph
