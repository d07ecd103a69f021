#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sitegraph::cli {

struct ImportArgs {
  std::vector<std::string> files;  ///< WARC files
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::string start;
  std::string save_snapshot;
  std::vector<std::string> fail_on;
};

/// Adds the `import` subcommand: WARC archives audited like a crawl.
CLI::App* add_import_command(CLI::App& app, ImportArgs& args);

/// Runs it through the audit; returns the exit code.
int run_import(const ImportArgs& args);

}  // namespace sitegraph::cli
