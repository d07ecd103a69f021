#pragma once
// Spaces and tabs (and line ends) off both ends of a line of text: one helper for the readers of
// line-based inputs (config files, URL lists, WARC headers).

#include <string_view>

namespace sitegraph {

/// `s` without leading and trailing spaces, tabs, CR and LF.
inline std::string_view trim_blanks(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace sitegraph
