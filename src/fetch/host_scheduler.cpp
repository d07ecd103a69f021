#include "fetch/host_scheduler.hpp"

#include <algorithm>

namespace sitegraph {
namespace {

using Duration = HostScheduler::Clock::duration;

Duration seconds_to_duration(double seconds) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

HostScheduler::HostScheduler(int per_host, double rate, bool adaptive)
    : per_host_(std::max(1, per_host)), adaptive_(adaptive), base_interval_(rate > 0 ? seconds_to_duration(1.0 / rate) : Duration{}) {}

std::string HostScheduler::host_key(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::string_view rest = url.substr(scheme_end + 3);
  std::string host(rest.substr(0, rest.find_first_of("/?#")));
  if (host.find(':') == std::string::npos) host += url.substr(0, scheme_end) == "https" ? ":443" : ":80";
  return host;
}

HostScheduler::HostState& HostScheduler::state(std::string_view host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) {
    HostState fresh;
    fresh.limit = per_host_;
    fresh.interval = base_interval_;
    fresh.floor_interval = base_interval_;
    it = hosts_.emplace(std::string(host), std::move(fresh)).first;
  }
  return it->second;
}

void HostScheduler::push(FetchRequest request, Clock::time_point not_before) {
  state(host_key(request.url)).queue.push_back({std::move(request), not_before});
  ++waiting_;
}

HostScheduler::Clock::time_point HostScheduler::earliest_start(const HostState& h) const {
  const Clock::time_point spaced = h.last_start == Clock::time_point{} ? Clock::time_point{} : h.last_start + h.interval;
  return std::max({spaced, h.blocked_until, h.queue.empty() ? Clock::time_point{} : h.queue.front().not_before});
}

std::optional<FetchRequest> HostScheduler::pop_ready(Clock::time_point now) {
  if (waiting_ == 0) return std::nullopt;
  // Round robin: start with the host after the one served last.
  auto start = hosts_.upper_bound(last_served_);
  for (std::size_t i = 0; i < hosts_.size(); ++i, ++start) {
    if (start == hosts_.end()) start = hosts_.begin();
    HostState& h = start->second;
    if (h.queue.empty() || h.active >= h.limit || earliest_start(h) > now) continue;
    FetchRequest request = std::move(h.queue.front().request);
    h.queue.pop_front();
    --waiting_;
    ++h.active;
    h.last_start = now;
    last_served_ = start->first;
    return request;
  }
  return std::nullopt;
}

std::optional<HostScheduler::Clock::time_point> HostScheduler::next_ready(Clock::time_point now) const {
  std::optional<Clock::time_point> best;
  for (const auto& [name, h] : hosts_) {
    if (h.queue.empty() || h.active >= h.limit) continue;
    const Clock::time_point t = std::max(now, earliest_start(h));
    if (!best || t < *best) best = t;
  }
  return best;
}

void HostScheduler::finished(std::string_view host) {
  HostState& h = state(host);
  if (h.active > 0) --h.active;
}

void HostScheduler::set_min_interval(std::string_view host, double seconds) {
  HostState& h = state(host);
  h.floor_interval = std::max(base_interval_, seconds_to_duration(seconds));
  h.interval = std::max(h.interval, h.floor_interval);
}

std::optional<HostScheduler::PaceChange> HostScheduler::slow_down(std::string_view host, Clock::time_point sent,
                                                                 Clock::time_point now, Clock::time_point until,
                                                                 bool spaced) {
  HostState& h = state(host);
  h.blocked_until = std::max(h.blocked_until, until);
  if (sent < h.changed) return std::nullopt;  // sent at the old pace: that step is taken
  PaceChange change{h.limit, std::max(1, h.limit / 2), 0, h.pace.usual()};
  const Duration interval = spaced ? std::max<Duration>(h.interval * 2, std::chrono::seconds(1)) : h.interval;
  if (change.to == h.limit && interval == h.interval) return std::nullopt;  // at the floor already: nothing to change
  h.limit = change.to;
  h.interval = interval;
  change.interval = std::chrono::duration<double>(h.interval).count();
  h.changed = now;
  h.pace.restart(now);
  return change;
}

std::optional<HostScheduler::PaceChange> HostScheduler::answered(std::string_view host, Clock::time_point sent,
                                                                double wait_seconds, Clock::time_point now) {
  HostState& h = state(host);
  const ResponsePace::Verdict verdict = h.pace.add(wait_seconds, sent);
  const bool slowed = h.limit < per_host_ || h.interval > h.floor_interval;
  PaceChange change{h.limit, h.limit, h.pace.recent(), h.pace.usual()};
  if (verdict == ResponsePace::Verdict::kSlow && adaptive_ && h.limit > 1) {
    change.to = h.limit / 2;
  } else if (verdict == ResponsePace::Verdict::kHealthy && slowed) {
    change.to = std::min(per_host_, h.limit + 1);
    h.interval = h.interval / 2 < std::chrono::milliseconds(10) ? h.floor_interval : std::max(h.floor_interval, h.interval / 2);
  } else {
    return std::nullopt;
  }
  h.limit = change.to;
  h.changed = now;
  h.pace.restart(now);
  change.interval = std::chrono::duration<double>(h.interval).count();
  return change;
}

void HostScheduler::clear() {
  for (auto& [name, h] : hosts_) h.queue.clear();
  waiting_ = 0;
}

}  // namespace sitegraph
