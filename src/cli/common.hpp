#pragma once
// Pieces every subcommand shares: the default User-Agent, and reading the start of a file.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli/exit_codes.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/version.hpp"

namespace sitegraph::cli {

/// --user-agent when given, else "sitegraph/VERSION".
inline std::string user_agent_or_default(const std::string& given) {
  return given.empty() ? std::string("sitegraph/") + kVersion : given;
}

/// The first `max_bytes` of a file; throws UsageError when it cannot be read.
inline std::string read_file_prefix(const std::string& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) throw UsageError("cannot read " + path + (ec ? ": " + ec.message() : std::string()));
  std::string body(static_cast<std::size_t>(std::min(size, max_bytes)), '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  body.resize(static_cast<std::size_t>(in.gcount()));
  return body;
}

}  // namespace sitegraph::cli
