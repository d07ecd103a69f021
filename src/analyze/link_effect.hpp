#pragma once
// What one new link does to the summed equity of a set of target pages, for the link planner,
// which weighs hundreds of candidate links per round: instead of running the model again for
// each (tens of sweeps of the whole matrix), two adjoint vectors per round and one reverse
// push per candidate source. Internal to src/analyze.
//
// The model's fixed point is x = (1-d) t + d A x, A the matrix with each dangling column sent to
// the teleport vector t; write B = I - d A. A link from s to v changes only column s of A, by
// delta = share * (e_v - A[:,s]) from a page with links (share = w / (T + w)), e_v - t from a
// dangling one. Sherman-Morrison on that one column gives
//   x' - x = d x'_s B^-1 delta,   x'_s = x_s / (1 - d z_s),   z_s = (B^-T e_s) . delta,
// so the targets' gain g . (x' - x) = d x'_s (B^-T g) . delta, with g the targets' indicator.
//  - B^-T g (how much of a unit of equity at each page ends up on the targets) is one solve
//    of y = g + d A^T y per round, shared by every candidate.
//  - B^-T e_s (how much of a unit at each page ends up on s) is needed only at s and at the
//    targets. With M the matrix without the dangling pages' teleport and H = (I - d M^T)^-1,
//    B^-T e_s = H e_s + d c H 1_D, where c = t . B^-T e_s = x_s / (1 - d) comes free from the
//    equity itself; H e_s is found by a reverse push from s over the links into it (Andersen
//    et al. 2007), to the precision the gain needs (link_effect.cpp), and H 1_D is one more
//    solve per round (none when no page is dangling).
// Everything runs on the model's own matrix (no copy of it): the gains rank candidates, to
// about a thousandth; every gain the plan reports is measured on the model with the link added.

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analyze/power_iteration.hpp"

namespace sitegraph {

class LinkEffects {
 public:
  /// `targets`: the nodes whose summed equity the gains are for.
  LinkEffects(const EquityModel& model, double damping, std::vector<std::uint32_t> targets);

  /// Solves the adjoints for the model as it is now: once before the first gain and after
  /// every link added to the model (add_model_link).
  void refresh();

  /// The change in the targets' summed equity if node `source` adds a link of weight `weight`
  /// to node `target` (not linked yet), with `x` the model's fixed point (as refreshed).
  double gain(std::uint32_t source, std::uint32_t target, double weight, const std::vector<double>& x);

  [[nodiscard]] std::uint64_t pushes() const { return pushes_; }
  [[nodiscard]] std::uint64_t sweeps() const { return sweeps_; }

 private:
  // What B^-T e_s is at s and at the targets, and c = t . B^-T e_s.
  struct Contribution {
    double at_source = 0;
    double teleported = 0;
    std::vector<double> at_target;  // by target index
  };
  // Computed once per round and source (a source's links all weigh the content weight).
  const Contribution& contribution(std::uint32_t source, double weight, const std::vector<double>& x);
  // The reverse push from `source`, to residuals of at most `epsilon`: H e_s in settled_, on
  // the nodes in touched_.
  void push(std::uint32_t source, double epsilon);
  [[nodiscard]] double push_epsilon(std::uint32_t source, double weight) const;
  // B^-T e_s at v from the last push, with c = t . B^-T e_s.
  [[nodiscard]] double contributed(std::uint32_t v, double teleported) const;
  // y = rhs + d (M^T y + [with_teleport] 1_D (t . y)), iterated from y's current value.
  void solve(std::vector<double>& y, const std::vector<double>& rhs, bool with_teleport);
  [[nodiscard]] double teleport(std::uint32_t v) const;
  [[nodiscard]] double dot_teleport(const std::vector<double>& y) const;

  const EquityModel& model_;
  double d_;
  std::vector<std::uint32_t> targets_;
  std::unordered_map<std::uint32_t, std::size_t> target_index_;
  std::vector<char> dangling_;
  std::vector<double> to_targets_;     // B^-T g
  std::vector<double> from_dangling_;  // H 1_D
  double targets_teleported_ = 0;      // t . B^-T g
  static constexpr std::uint32_t kNone = 0xffffffffU;
  std::uint32_t last_pushed_ = kNone;
  std::unordered_map<std::uint32_t, Contribution> contributions_;  // this round's, by source
  std::vector<double> residual_;
  std::vector<double> settled_;
  std::vector<char> queued_;
  std::vector<std::uint32_t> touched_;
  std::uint64_t pushes_ = 0;
  std::uint64_t sweeps_ = 0;
};

}  // namespace sitegraph
