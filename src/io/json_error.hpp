#pragma once
// nlohmann::json's exceptions start with a tag meant for programmers
// ("[json.exception.parse_error.101] parse error at line 1, column 117: ..."); a user reads
// what follows it. Used where sitegraph turns them into its own errors (error.hpp).

#include <nlohmann/json.hpp>

#include <string>

namespace sitegraph {

/// The exception's message without its "[json.exception.NAME.ID] " tag.
inline std::string json_error_text(const nlohmann::json::exception& e) {
  std::string text = e.what();
  if (text.rfind("[json.exception.", 0) == 0) {
    if (const auto end = text.find("] "); end != std::string::npos) text.erase(0, end + 2);
  }
  return text;
}

}  // namespace sitegraph
