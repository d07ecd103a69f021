// One link's effect on the targets' equity, by adjoints and a reverse push: see link_effect.hpp.

#include "analyze/link_effect.hpp"

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
  const TransitionMatrix& m = model.matrix;
  const std::size_t n = m.in.nodes();
  for (std::size_t i = 0; i < targets_.size(); ++i) target_index_.emplace(targets_[i], i);
  offsets_.assign(n + 1, 0);
  for (const std::uint32_t u : m.in.targets) ++offsets_[u + 1];
  for (std::size_t u = 0; u < n; ++u) offsets_[u + 1] += offsets_[u];
  out_.resize(m.edges());
  coeff_.resize(m.edges());
  std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t e = m.in.offsets[v]; e < m.in.offsets[v + 1]; ++e) {
      const std::uint32_t slot = next[m.in.targets[e]]++;
      out_[slot] = v;  // v increases, so each row is sorted by target
      coeff_[slot] = static_cast<float>(m.coeff(e));
    }
  }
  dangling_.assign(n, 0);
  for (const std::uint32_t u : m.dangling) dangling_[u] = 1;
  any_dangling_ = !m.dangling.empty();
  to_targets_.assign(n, 0.0);
  for (const std::uint32_t t : targets_) to_targets_[t] = 1.0;
  from_dangling_.assign(n, 0.0);
  for (const std::uint32_t u : m.dangling) from_dangling_[u] = 1.0;
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
  const std::size_t n = y.size();
  std::vector<double> next(n);
  const bool split = out_.size() >= 1'000'000 && std::thread::hardware_concurrency() > 1;
  const std::size_t half = split ? static_cast<std::size_t>(std::upper_bound(offsets_.begin(), offsets_.end(), offsets_.back() / 2) -
                                                            offsets_.begin()) -
                                       1
                                 : n;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    ++sweeps_;
    const double jump = with_teleport ? dot_teleport(y) : 0.0;
    // Each half pulls its nodes' rows and returns (change, size) in L1.
    const auto pull = [&](std::size_t begin, std::size_t end) {
      double change = 0;
      double size = 0;
      for (std::size_t u = begin; u < end; ++u) {
        double sum = 0;
        for (std::uint32_t e = offsets_[u]; e < offsets_[u + 1]; ++e) sum += coeff_[e] * y[out_[e]];
        if (dangling_[u]) sum += jump;
        next[u] = rhs[u] + d_ * sum;
        change += std::abs(next[u] - y[u]);
        size += std::abs(next[u]);
      }
      return std::pair{change, size};
    };
    std::pair<double, double> total;
    if (split) {
      std::pair<double, double> other;
      std::thread worker([&] { other = pull(half, n); });
      total = pull(0, half);
      worker.join();
      total.first += other.first;
      total.second += other.second;
    } else {
      total = pull(0, n);
    }
    y.swap(next);
    if (!(total.first > kSolveTolerance * total.second)) break;
  }
}

void LinkEffects::refresh() {
  contributions_.clear();
  last_pushed_ = kNone;
  std::vector<double> rhs(to_targets_.size(), 0.0);
  for (const std::uint32_t t : targets_) rhs[t] = 1.0;
  solve(to_targets_, rhs, true);
  targets_teleported_ = dot_teleport(to_targets_);
  any_dangling_ = false;
  for (const char dangling : dangling_) any_dangling_ = any_dangling_ || dangling;
  if (any_dangling_) {
    for (std::size_t u = 0; u < rhs.size(); ++u) rhs[u] = dangling_[u] ? 1.0 : 0.0;
    solve(from_dangling_, rhs, false);
  } else {
    std::fill(from_dangling_.begin(), from_dangling_.end(), 0.0);
  }
}

// The reverse push leaves residuals of at most eps, so each contribution it finds is low by at
// most eps / (1 - d) (a row of H sums to at most that), and z_s = share * (y_v - (y_s - 1) / d)
// by at most share * eps (1 + 1/d) / (1 - d). The gain moves with 1 / (1 - d z_s), which stays
// above 1 - d (it is the ratio of s's visits to itself before and after the link, at most
// 1 / (1 - d) and at least 1); so eps = precision (1 - d)^2 / ((1 + d) share) holds the gain to
// kGainPrecision. A page linking out to many pages (a small share) needs the least work.
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
  if (!(weight > 0)) return 0;
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
    // At s, y = 1 + d (M^T y)_s, so the row's sum needs no walk over the row.
    z = share * (at_target - (c.at_source - 1.0) / d_);
    double row = 0;
    for (std::uint32_t e = offsets_[source]; e < offsets_[source + 1]; ++e) row += coeff_[e] * to_targets_[out_[e]];
    toward_targets = share * (to_targets_[target] - row);
  }
  const double new_source = x[source] / (1.0 - d_ * z);
  return d_ * new_source * toward_targets;
}

void LinkEffects::add(std::uint32_t source, std::uint32_t target, double weight) {
  if (!(weight > 0)) return;
  const double total = model_.total[source];
  const std::uint32_t begin = offsets_[source];
  const std::uint32_t end = offsets_[source + 1];
  const float keep = dangling_[source] ? 0.0F : static_cast<float>(total / (total + weight));
  for (std::uint32_t e = begin; e < end; ++e) coeff_[e] *= keep;
  const float share = dangling_[source] ? 1.0F : static_cast<float>(weight / (total + weight));
  dangling_[source] = 0;
  std::uint32_t at = begin;
  while (at < end && out_[at] < target) ++at;
  out_.insert(out_.begin() + at, target);
  coeff_.insert(coeff_.begin() + at, share);
  for (std::size_t u = source + 1; u < offsets_.size(); ++u) ++offsets_[u];
}

}  // namespace sitegraph
