#include "fetch/response_pace.hpp"

#include <algorithm>

namespace sitegraph {
namespace {

// Slow: three times the usual time and at least 100 ms more, so that a loopback server's
// fraction of a millisecond doubling is no slow-down. Healthy: within half as much again,
// or 20 ms. Between the two the pace holds, so it does not swing on every window.
constexpr double kSlowFactor = 3.0;
constexpr double kSlowMargin = 0.100;
constexpr double kHealthyFactor = 1.5;
constexpr double kHealthyMargin = 0.020;

template <std::size_t N>
double median(std::array<double, N> values) {
  std::sort(values.begin(), values.end());
  return N % 2 ? values[N / 2] : (values[N / 2 - 1] + values[N / 2]) / 2;
}

}  // namespace

ResponsePace::Verdict ResponsePace::add(double wait_seconds, Clock::time_point sent) {
  if (first_count_ < kUsualSamples) {
    first_[first_count_++] = wait_seconds;
    if (first_count_ == kUsualSamples) usual_ = median(first_);
  }
  if (sent < changed_) return Verdict::kUnknown;
  window_[window_count_ % kWindow] = wait_seconds;
  ++window_count_;
  if (window_count_ < kWindow) return Verdict::kUnknown;
  recent_ = median(window_);
  if (usual_ < 0) return Verdict::kHealthy;  // nothing to compare with: answers came, none failed
  if (recent_ > std::max(kSlowFactor * usual_, usual_ + kSlowMargin)) return Verdict::kSlow;
  if (recent_ <= std::max(kHealthyFactor * usual_, usual_ + kHealthyMargin)) return Verdict::kHealthy;
  return Verdict::kSteady;
}

void ResponsePace::restart(Clock::time_point now) {
  changed_ = now;
  window_count_ = 0;
}

}  // namespace sitegraph
