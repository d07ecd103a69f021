#pragma once
// The exit codes are part of the interface: documented in --help, README and docs/cli.md.

#include "sitegraph/error.hpp"

namespace sitegraph::cli {
inline constexpr int kExitClean = 0;        ///< no finding matched --fail-on
inline constexpr int kExitGateFailed = 1;   ///< a finding matched --fail-on
inline constexpr int kExitUsage = 2;        ///< bad arguments, configuration or input files
inline constexpr int kExitRunFailed = 3;    ///< start URL unreachable, output not writable, ...
inline constexpr int kExitInterrupted = 130; ///< stopped by SIGINT/SIGTERM; the report was still written

/// The exit code of a run that ended with an Error of this kind.
constexpr int exit_code(ErrorKind kind) { return kind == ErrorKind::kUsage ? kExitUsage : kExitRunFailed; }
}  // namespace sitegraph::cli
