#pragma once
// Pieces every subcommand shares: the default User-Agent, and turning a failed load into
// the documented exit code with a one-line message.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli/exit_codes.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph::cli {

/// --user-agent when given, else "sitegraph/VERSION".
inline std::string user_agent_or_default(const std::string& given) {
  return given.empty() ? std::string("sitegraph/") + kVersion : given;
}

/// The first `max_bytes` of a file; throws std::runtime_error when it cannot be read.
inline std::string read_file_prefix(const std::string& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) throw std::runtime_error("cannot read " + path);
  std::string body(static_cast<std::size_t>(std::min(size, max_bytes)), '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  body.resize(static_cast<std::size_t>(in.gcount()));
  return body;
}

/// Runs `load`: std::invalid_argument (bad user input) prints the reason and gives exit 2,
/// any other exception (a file or URL that cannot be read) exit 3; nullopt on success.
template <typename Load>
std::optional<int> run_or_exit_code(Load&& load) {
  try {
    load();
    return std::nullopt;
  } catch (const std::invalid_argument& e) {
    std::cerr << "sitegraph: error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "sitegraph: error: " << e.what() << "\n";
    return kExitRunFailed;
  }
}

}  // namespace sitegraph::cli
