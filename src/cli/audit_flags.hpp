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

/// The crawl settings of a config file's [audit] section also apply to `crawl` (user agent,
/// rate, per-host, headers, limits...): for each crawl flag that neither the command line nor
/// a [crawl] section set, `crawl` takes the value [audit] gave. Call after parsing.
void share_crawl_settings(const CLI::App& audit, CLI::App& crawl);

}  // namespace sitegraph::cli
