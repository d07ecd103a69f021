#pragma once
// Adaptive politeness, the judging half: is a host answering well above its usual time? A
// host's usual time is the median wait for the first byte of its first answers (the server's
// own time: after the request was sent, before the answer began; connecting is not in it).
// The recent time is the median of the last few answers to requests sent since the last
// change of pace, so the answers to requests made at the old pace never judge the new one.
// HostScheduler acts on the verdicts: steps its in-flight limit down on kSlow, up on kHealthy.

#include <array>
#include <chrono>
#include <cstddef>

namespace sitegraph {

class ResponsePace {
 public:
  using Clock = std::chrono::steady_clock;

  enum class Verdict {
    kUnknown,  ///< too few answers since the last change to say
    kSlow,     ///< recent median well above the usual time
    kSteady,   ///< between the two: nothing to change
    kHealthy,  ///< recent median near the usual time
  };

  /// Answers that set the usual time, and answers judged at a time.
  static constexpr std::size_t kUsualSamples = 10;
  static constexpr std::size_t kWindow = 8;

  /// An answer to a request sent at `sent`, whose first byte came `wait_seconds` after it.
  /// Answers to requests sent before the last restart() are not judged.
  Verdict add(double wait_seconds, Clock::time_point sent);
  /// The pace changed at `now`: judge afresh, from requests sent from now on.
  void restart(Clock::time_point now);

  /// The usual time in seconds; negative until kUsualSamples answers came.
  [[nodiscard]] double usual() const { return usual_; }
  /// The median of the answers judged last (seconds), as add() saw it.
  [[nodiscard]] double recent() const { return recent_; }

 private:
  std::array<double, kUsualSamples> first_{};
  std::size_t first_count_ = 0;
  double usual_ = -1;
  std::array<double, kWindow> window_{};
  std::size_t window_count_ = 0;  // answers since restart(); the window holds the last kWindow
  double recent_ = 0;
  Clock::time_point changed_{};
};

}  // namespace sitegraph
