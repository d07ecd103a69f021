#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace sitegraph::cli {

struct RobotsArgs {
  std::string source;             ///< a robots.txt file, or a site URL whose /robots.txt is fetched
  std::vector<std::string> urls;  ///< URLs (or paths) to test
  std::string user_agent;
  std::string format = "text";
};

/// Adds the `robots` subcommand: a robots.txt tester.
CLI::App* add_robots_command(CLI::App& app, RobotsArgs& args);

/// Runs it; returns the process exit code.
int run_robots(const RobotsArgs& args);

}  // namespace sitegraph::cli
