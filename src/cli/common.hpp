#pragma once
// Pieces every subcommand shares: the default User-Agent, and turning a failed load into
// the documented exit code with a one-line message.

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
