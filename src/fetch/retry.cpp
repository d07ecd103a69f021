#include "fetch/retry.hpp"

#include <curl/curl.h>

#include <string>

namespace sitegraph {

bool is_retryable(const FetchResponse& r) {
  switch (r.outcome) {
    case FetchOutcome::kTimeout:
    case FetchOutcome::kConnectError:
    case FetchOutcome::kNetworkError: return true;
    case FetchOutcome::kResponse: return r.status == 429 || (r.status >= 500 && r.status != 501 && r.status != 505);
    default: return false;
  }
}

std::optional<std::chrono::milliseconds> retry_after(std::string_view value, std::time_t now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    if (value.size() > 9) return std::chrono::hours(24);  // absurdly long: the caller caps it
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  const std::string date(value);
  const std::time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return when <= now ? std::chrono::milliseconds(0) : std::chrono::seconds(when - now);
}

}  // namespace sitegraph
