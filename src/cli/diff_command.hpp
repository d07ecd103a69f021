#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace sitegraph::cli {

struct DiffArgs {
  std::string before;  ///< a JSON report or a snapshot
  std::string after;
  std::string format = "text";
  std::string output;
  std::size_t top = 20;
  std::size_t max_rows = 50;
};

/// Adds the `diff` subcommand: two runs compared.
CLI::App* add_diff_command(CLI::App& app, DiffArgs& args);

/// Runs it; returns the process exit code.
int run_diff(const DiffArgs& args);

}  // namespace sitegraph::cli
