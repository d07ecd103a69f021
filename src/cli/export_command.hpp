#pragma once
#include <CLI/CLI.hpp>

#include <string>

#include "cli/audit_command.hpp"

namespace sitegraph::cli {

struct ExportArgs {
  std::string source;  ///< snapshot, edge list, folder or URL
  std::string format = "graphml";
  std::string output;
  std::string start;
  std::string base_url;
};

/// Adds the `export` subcommand: the link graph for Graphviz, Gephi, yEd, networkx, ...
CLI::App* add_export_command(CLI::App& app, ExportArgs& args);

/// Runs it through the audit (default settings), writing only the graph; returns the exit code.
int run_export(const ExportArgs& args);

}  // namespace sitegraph::cli
