#pragma once
// `sitegraph audit` (and `crawl`, `import`, `export`, which are audits with other flags): the
// pipeline plan -> load -> analyse -> publish (docs/architecture.md).

#include "cli/audit_args.hpp"
#include "cli/audit_flags.hpp"

namespace sitegraph::cli {

/// Runs an audit; returns the process exit code. Throws sitegraph::Error (UsageError for flags
/// and inputs, RunError when the run fails), which main() prints and maps to an exit code.
int run_audit(const AuditArgs& args);

}  // namespace sitegraph::cli
