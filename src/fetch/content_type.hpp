#pragma once
#include <algorithm>
#include <string>
#include <string_view>

namespace sitegraph {

/// The media type of a Content-Type value: lowercased, parameters and spaces dropped
/// ("Text/HTML; charset=UTF-8" -> "text/html").
inline std::string media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

/// The charset parameter of a Content-Type value, lowercased and unquoted ("" when none).
inline std::string charset_param(std::string_view content_type) {
  std::string lower(content_type);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  const auto at = lower.find("charset=");
  if (at == std::string::npos) return {};
  std::string value = lower.substr(at + 8);
  value = value.substr(0, value.find_first_of("; \t"));
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) value = value.substr(1, value.size() - 2);
  return value;
}

inline bool is_html_type(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace sitegraph
