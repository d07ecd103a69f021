#include "cli/config_file.hpp"

#include <fstream>

#include "text/trim.hpp"

namespace sitegraph::cli {
namespace {

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) return s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

ConfigKey find_config_key(const std::string& file, std::string_view key) {
  std::ifstream in(file);
  std::string text;
  std::string section;
  const bool dotted = key.find('.') != std::string_view::npos;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    const std::string_view line = trim_blanks(text);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      const std::size_t close = line.find(']');
      section = std::string(trim_blanks(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1)));
      continue;
    }
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view name = unquote(trim_blanks(line.substr(0, equals)));
    const std::string full = section.empty() ? std::string(name) : section + "." + std::string(name);
    const std::size_t last = full.rfind('.');
    const std::string_view bare = last == std::string::npos ? std::string_view(full) : std::string_view(full).substr(last + 1);
    if (dotted ? full == key : bare == key) return {number, full};
  }
  return {};
}

}  // namespace sitegraph::cli
