#include "sitegraph/fetch.hpp"

namespace sitegraph {

std::string_view outcome_name(FetchOutcome outcome) {
  switch (outcome) {
    case FetchOutcome::kNotFetched: return "not-fetched";
    case FetchOutcome::kResponse: return "response";
    case FetchOutcome::kRobotsBlocked: return "robots-blocked";
    case FetchOutcome::kTimeout: return "timeout";
    case FetchOutcome::kDnsError: return "dns-error";
    case FetchOutcome::kConnectError: return "connect-error";
    case FetchOutcome::kTlsError: return "tls-error";
    case FetchOutcome::kTooLarge: return "too-large";
    case FetchOutcome::kDecodeError: return "decode-error";
    case FetchOutcome::kNetworkError: return "network-error";
    case FetchOutcome::kExcluded: return "excluded";
  }
  return "unknown";
}

std::optional<FetchOutcome> outcome_named(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(FetchOutcome::kExcluded); ++i) {
    const auto outcome = static_cast<FetchOutcome>(i);
    if (outcome_name(outcome) == name) return outcome;
  }
  return std::nullopt;
}

}  // namespace sitegraph
