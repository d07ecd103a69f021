#pragma once
// What CLI11 refused, said as every usage error is: the usual prefix, the file, line and key of
// a config file's mistake, the command a misplaced flag belongs to (docs/cli.md, Errors).

#include <CLI/CLI.hpp>

namespace sitegraph::cli {

/// True when the command line asks for --help or --version.
bool wants_help_or_version(int argc, char** argv);

/// Reports a parse error on stderr and returns the exit code: 0 for --help and --version (which
/// CLI11 raises as errors), kExitUsage otherwise.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

}  // namespace sitegraph::cli
