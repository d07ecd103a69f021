#pragma once
// What happened when a URL was fetched: data stored on each page (graph.hpp), written by
// the fetchers (fetch.hpp) and read by the analyzers and reports.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sitegraph {

/// What happened to a fetch, beyond the HTTP status. A per-URL outcome is data, never an
/// exception.
enum class FetchOutcome : std::uint8_t {
  kNotFetched,       ///< never requested (out of scope, over a limit, crawl stopped)
  kResponse,         ///< an HTTP response arrived; see the status code
  kRobotsBlocked,    ///< disallowed by robots.txt, not requested
  kTimeout,
  kDnsError,
  kConnectError,     ///< connection refused or unreachable
  kTlsError,
  kTooLarge,         ///< body (after decompression) over the size limit; transfer stopped
  kDecodeError,      ///< bad content encoding
  kNetworkError,     ///< connection reset, empty reply, other transfer errors
  kExcluded,         ///< outside the crawl scope the user set (--include, --exclude, --no-parent), not requested
};

/// The stable, kebab-case name of an outcome as it appears in reports ("dns-error").
std::string_view outcome_name(FetchOutcome outcome);

/// The outcome named `name` (outcome_name's inverse), or nullopt for an unknown name.
std::optional<FetchOutcome> outcome_named(std::string_view name);

}  // namespace sitegraph
