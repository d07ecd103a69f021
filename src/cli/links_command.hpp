#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace sitegraph::cli {

struct LinksArgs {
  std::string source;    ///< a page URL, or an HTML file
  std::string base_url;  ///< for a file: the URL it is served at
  std::string format = "text";
  std::string user_agent;
};

/// Adds the `links` subcommand: every link of one page, as the extractor sees it.
CLI::App* add_links_command(CLI::App& app, LinksArgs& args);

/// Runs it; returns the process exit code.
int run_links(const LinksArgs& args);

}  // namespace sitegraph::cli
