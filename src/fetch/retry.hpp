#pragma once
// When a failed fetch is worth another attempt, and how long the server asked us to wait.

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "sitegraph/fetch.hpp"

namespace sitegraph {

/// Timeouts, connection failures and resets, 429 Too Many Requests and 5xx answers may
/// succeed later; 4xx answers, DNS errors, TLS errors and oversized bodies will not.
bool is_retryable(const FetchResponse& response);

/// A Retry-After value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as a wait from
/// `now`; nullopt when absent or unreadable. A date in the past means no wait.
std::optional<std::chrono::milliseconds> retry_after(std::string_view value, std::time_t now);

}  // namespace sitegraph
