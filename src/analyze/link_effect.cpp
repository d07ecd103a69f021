// One link's effect on the targets' equity, by adjoints and a reverse push: see link_effect.hpp.

#include "analyze/link_effect.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <thread>

namespace sitegraph {
namespace {

// The adjoint solves stop when a sweep changes the vector by less than this share of it (in
// L1): the error left is a few times that.
constexpr double kSolveTolerance = 1e-6;
constexpr int kMaxSweeps = 2000;
// How close a gain must be, at worst: a thousandth of it, as the planner's ranking always had
// (ranking at 1e-3 and at 1e-4 chose 49 of the same 50 links on the 100k-page benchmark; the
// gains the plan reports are measured on the model itself).
constexpr double kGainPrecision = 1e-3;

}  // namespace

LinkEffects::LinkEffects(const EquityModel& model, double damping, std::vector<std::uint32_t> targets)
    : model_(model), d_(damping), targets_(std::move(targets)) {
  const std::size_t n = model.matrix.in.nodes();
  for (std::size_t i = 0; i < targets_.size(); ++i) target_index_.emplace(targets_[i], i);
  dangling_.assign(n, 0);
  to_targets_.assign(n, 0.0);
  for (const std::uint32_t t : targets_) to_targets_[t] = 1.0;
  from_dangling_.assign(n, 0.0);
  residual_.assign(n, 0.0);
  settled_.assign(n, 0.0);
  queued_.assign(n, 0);
}

double LinkEffects::teleport(std::uint32_t v) const {
  const std::vector<double>& t = model_.matrix.teleport;
  return t.empty() ? 1.0 / static_cast<double>(dangling_.size()) : t[v];
}

double LinkEffects::dot_teleport(const std::vector<double>& y) const {
  double sum = 0;
  for (std::uint32_t v = 0; v < y.size(); ++v) sum += teleport(v) * y[v];
  return sum;
}

void LinkEffects::solve(std::vector<double>& y, const std::vector<double>& rhs, bool with_teleport) {
  const TransitionMatrix& m = model_.matrix;
  const std::size_t n = y.size();
  // M^T y by the matrix's rows of in-links: each edge u -> v adds coeff * y_v to u. Two threads
  // from a million links, each scattering half of the rows into its own vector.
  const bool split = m.edges() >= 1'000'000 && std::thread::hardware_concurrency() > 1;
  const std::size_t half =
      split ? static_cast<std::size_t>(std::upper_bound(m.in.offsets.begin(), m.in.offsets.end(), m.in.offsets.back() / 2) - m.in.offsets.begin()) - 1
            : n;
  std::vector<double> next(n);
  std::vector<double> other(split ? n : 0);
  const auto scatter = [&](std::vector<double>& into, std::size_t begin, std::size_t end) {
    std::fill(into.begin(), into.end(), 0.0);
    for (std::size_t v = begin; v < end; ++v) {
      const double at_v = y[v];
      if (at_v == 0) continue;
      for (std::uint32_t e = m.in.offsets[v]; e < m.in.offsets[v + 1]; ++e) into[m.in.targets[e]] += m.coeff(e) * at_v;
    }
  };
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    ++sweeps_;
    const double jump = with_teleport ? dot_teleport(y) : 0.0;
    if (split) {
      std::thread worker([&] { scatter(other, half, n); });
      scatter(next, 0, half);
      worker.join();
    } else {
      scatter(next, 0, n);
    }
    double change = 0;
    double size = 0;
    for (std::size_t u = 0; u < n; ++u) {
      const double sum = next[u] + (split ? other[u] : 0.0) + (dangling_[u] ? jump : 0.0);
      next[u] = rhs[u] + d_ * sum;
      change += std::abs(next[u] - y[u]);
      size += std::abs(next[u]);
    }
    y.swap(next);
    if (!(change > kSolveTolerance * size)) return;
  }
  spdlog::warn("link plan: an adjoint solve stopped after {} sweeps without converging (damping {}); gains may be ranked loosely",
               kMaxSweeps, d_);
}

void LinkEffects::refresh() {
  contributions_.clear();
  last_pushed_ = kNone;
  std::fill(dangling_.begin(), dangling_.end(), 0);
  for (const std::uint32_t u : model_.matrix.dangling) dangling_[u] = 1;
  std::vector<double> rhs(to_targets_.size(), 0.0);
  for (const std::uint32_t t : targets_) rhs[t] = 1.0;
  solve(to_targets_, rhs, true);
  targets_teleported_ = dot_teleport(to_targets_);
  if (!model_.matrix.dangling.empty()) {
    for (std::size_t u = 0; u < rhs.size(); ++u) rhs[u] = dangling_[u] ? 1.0 : 0.0;
    solve(from_dangling_, rhs, false);
  } else {
    std::fill(from_dangling_.begin(), from_dangling_.end(), 0.0);
  }
}

// The reverse push leaves residuals of at most eps, so each contribution it finds is low by at
// most eps / (1 - d) (a row of H sums to at most that), and z_s = share * (y_v - (y_s - 1) / d)
// by at most share * eps (1 + 1/d) / (1 - d). The gain moves with 1 / (1 - d z_s), and
// 1 - d z_s stays above 1 - d: it is y_s / y'_s, s's visits to itself before the link (at least
// 1) over those after it (at most 1 / (1 - d)). So eps = precision (1 - d)^2 / ((1 + d) share)
// holds the gain to kGainPrecision. A page linking out to many pages (a small share) needs the least work.
double LinkEffects::push_epsilon(std::uint32_t source, double weight) const {
  const double total = model_.total[source];
  const double share = dangling_[source] || !(total > 0) ? 1.0 : weight / (total + weight);
  return kGainPrecision * (1.0 - d_) * (1.0 - d_) / ((1.0 + d_) * share);
}

void LinkEffects::push(std::uint32_t source, double epsilon) {
  for (const std::uint32_t v : touched_) {
    residual_[v] = 0;
    settled_[v] = 0;
  }
  touched_.clear();
  last_pushed_ = source;
  // l = H e_s = e_s + d M^T l: settle a node's residual, and hand d * coeff of it to each page
  // linking to it (the matrix by targets lists them).
  const TransitionMatrix& m = model_.matrix;
  std::vector<std::uint32_t> queue{source};
  touched_.push_back(source);
  residual_[source] = 1.0;
  queued_[source] = 1;
  for (std::size_t at = 0; at < queue.size(); ++at) {
    const std::uint32_t v = queue[at];
    queued_[v] = 0;
    const double r = residual_[v];
    residual_[v] = 0;
    settled_[v] += r;
    ++pushes_;
    for (std::uint32_t e = m.in.offsets[v]; e < m.in.offsets[v + 1]; ++e) {
      const std::uint32_t u = m.in.targets[e];
      if (residual_[u] == 0 && settled_[u] == 0) touched_.push_back(u);
      residual_[u] += d_ * r * m.coeff(e);
      if (!queued_[u] && residual_[u] > epsilon) {
        queued_[u] = 1;
        queue.push_back(u);
      }
    }
    // The queue only grows; start it over once its front half is spent.
    if (at > 4096 && at * 2 > queue.size()) {
      queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(at) + 1);
      at = static_cast<std::size_t>(-1);
    }
  }
}

double LinkEffects::contributed(std::uint32_t v, double teleported) const {
  return settled_[v] + d_ * teleported * from_dangling_[v];
}

const LinkEffects::Contribution& LinkEffects::contribution(std::uint32_t source, double weight, const std::vector<double>& x) {
  const auto found = contributions_.find(source);
  if (found != contributions_.end()) return found->second;
  push(source, push_epsilon(source, weight));
  Contribution c;
  // c = t . B^-T e_s = e_s . B^-1 t, and the equity is x = (1 - d) B^-1 t: no push needed.
  c.teleported = x[source] / (1.0 - d_);
  c.at_source = contributed(source, c.teleported);
  c.at_target.reserve(targets_.size());
  for (const std::uint32_t t : targets_) c.at_target.push_back(contributed(t, c.teleported));
  return contributions_.emplace(source, std::move(c)).first->second;
}

double LinkEffects::gain(std::uint32_t source, std::uint32_t target, double weight, const std::vector<double>& x) {
  // Without damping (--damping 0) the equity is the teleport vector alone: no link moves it.
  if (!(weight > 0) || !(d_ > 0)) return 0;
  const Contribution& c = contribution(source, weight, x);
  const auto index = target_index_.find(target);
  double at_target = 0;
  if (index != target_index_.end()) {
    at_target = c.at_target[index->second];
  } else {
    if (last_pushed_ != source) push(source, push_epsilon(source, weight));
    at_target = contributed(target, c.teleported);
  }
  // z_s = (B^-T e_s) . delta and (B^-T g) . delta, for the column's change delta.
  double z = 0;
  double toward_targets = 0;
  if (dangling_[source]) {
    z = at_target - c.teleported;
    toward_targets = to_targets_[target] - targets_teleported_;
  } else {
    const double total = model_.total[source];
    const double share = weight / (total + weight);
    // At s, both adjoints' equations give (M^T y)_s without a walk over s's links:
    // y_s = 1 + d (M^T y)_s for B^-T e_s, and y_s = g_s + d (M^T y)_s for B^-T g.
    z = share * (at_target - (c.at_source - 1.0) / d_);
    const double passed_on = (to_targets_[source] - (target_index_.count(source) ? 1.0 : 0.0)) / d_;
    toward_targets = share * (to_targets_[target] - passed_on);
  }
  const double new_source = x[source] / (1.0 - d_ * z);
  return d_ * new_source * toward_targets;
}

}  // namespace sitegraph
