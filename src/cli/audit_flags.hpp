#pragma once
// `sitegraph audit` and `sitegraph crawl` on the command line: their flags, bound to AuditArgs.

#include <CLI/CLI.hpp>

#include "cli/audit_args.hpp"

namespace sitegraph::cli {

/// Adds the `audit` subcommand and its flags to `app`.
CLI::App* add_audit_command(CLI::App& app, AuditArgs& args);

/// Adds the `crawl` subcommand (crawl flags, -o SNAPSHOT, --resume) to `app`; run it with
/// run_audit after setting args.crawl_only.
CLI::App* add_crawl_command(CLI::App& app, AuditArgs& args);

}  // namespace sitegraph::cli
