// Retries (src/fetch/retry.cpp): which failed fetches are worth another attempt, and how long
// the server asked us to wait.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>

#include "fetch/retry.hpp"

using namespace sitegraph;

TEST_CASE("retryable outcomes: timeouts, resets, 429 and 5xx, not 4xx, DNS or TLS errors", "[fetch][retry]") {
  FetchResponse r;
  r.outcome = FetchOutcome::kTimeout;
  CHECK(is_retryable(r));
  r.outcome = FetchOutcome::kNetworkError;
  CHECK(is_retryable(r));
  r.outcome = FetchOutcome::kDnsError;
  CHECK_FALSE(is_retryable(r));
  r.outcome = FetchOutcome::kResponse;
  for (const int status : {429, 500, 502, 503, 504}) {
    r.status = status;
    CHECK(is_retryable(r));
  }
  for (const int status : {200, 301, 404, 410, 501}) {
    r.status = status;
    CHECK_FALSE(is_retryable(r));
  }
}

TEST_CASE("Retry-After is read as seconds or an HTTP date (RFC 9110 §10.2.3)", "[fetch][retry]") {
  const std::time_t now = 1'700'000'000;  // 2023-11-14T22:13:20Z
  CHECK(retry_after("120", now) == std::chrono::milliseconds(120'000));
  CHECK(retry_after(" 0 ", now) == std::chrono::milliseconds(0));
  CHECK(retry_after("Tue, 14 Nov 2023 22:13:50 GMT", now) == std::chrono::milliseconds(30'000));
  CHECK(retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now) == std::chrono::milliseconds(0));
  CHECK_FALSE(retry_after("", now).has_value());
  CHECK_FALSE(retry_after("soon", now).has_value());
}
