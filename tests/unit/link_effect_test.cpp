// One link's effect from the adjoints and a reverse push (src/analyze/link_effect.cpp), checked
// against the power iteration run to convergence with the link patched in, on random weighted graphs with lost
// shares, dangling pages and a teleport vector that is not uniform.
#include <catch2/catch.hpp>

#include <random>

#include "analyze/link_effect.hpp"
#include "analyze/link_plan.hpp"

using namespace sitegraph;

namespace {

// `nodes` nodes; every fourth one dangling; the others link to 1-5 others with weights 1 or
// 0.5 and lose a share (nofollow, external) one time in three.
EquityModel random_model(std::uint32_t nodes, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<ShareRow> rows(nodes);
  std::vector<double> lost(nodes, 0.0);
  for (std::uint32_t u = 0; u < nodes; ++u) {
    if (u % 4 == 3) continue;
    const std::uint32_t count = 1 + rng() % 5;
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t v = rng() % nodes;
      if (v == u || std::any_of(rows[u].begin(), rows[u].end(), [&](const auto& share) { return share.first == v; })) continue;
      rows[u].emplace_back(v, rng() % 2 ? 1.0 : 0.5);
    }
    std::sort(rows[u].begin(), rows[u].end());
    if (rng() % 3 == 0) lost[u] = 0.5;
  }
  EquityModel model;
  for (std::uint32_t u = 0; u < nodes; ++u) {
    model.page_of.push_back(u);
    model.node.push_back(u);
  }
  model.matrix = matrix_from_rows(
      nodes,
      [&](auto&& visit) {
        for (std::uint32_t u = 0; u < nodes; ++u) {
          if (!rows[u].empty() || lost[u] > 0) visit(u, rows[u], lost[u]);
        }
      },
      &model.total);
  std::vector<double> authority(nodes);
  for (std::uint32_t u = 0; u < nodes; ++u) authority[u] = 1.0 + u % 7;
  model.matrix.teleport = teleport_vector(authority);
  return model;
}

PageRankOptions tight() {
  PageRankOptions options;
  options.tolerance = 1e-15;
  options.max_iterations = 5000;
  return options;
}

bool links(const EquityModel& model, std::uint32_t source, std::uint32_t target) {
  const auto row = model.matrix.in.row(target);
  return std::find(row.begin(), row.end(), source) != row.end();
}

}  // namespace

TEST_CASE("link effect: the push's gain equals the iterated model's, from linked and dangling sources", "[analyze][plan]") {
  const EquityModel model = random_model(60, 7);
  const std::vector<double> x = power_iterate(model.matrix, tight()).rank;
  const std::vector<std::uint32_t> targets = {5, 17, 40};
  LinkEffects effects(model, 0.85, targets);
  effects.refresh();
  int dangling_sources = 0;
  int checked = 0;
  for (std::uint32_t source = 0; source < 60; source += 3) {
    for (const std::uint32_t target : {5U, 17U, 40U, 22U}) {
      if (source == target || links(model, source, target)) continue;
      ExtraLink extra = added_link(model, source, target, 1.0);
      const std::vector<double> exact = power_iterate(model.matrix, tight(), x, &extra).rank;
      double want = 0;
      for (const std::uint32_t t : targets) want += exact[t] - x[t];
      const double got = effects.gain(source, target, 1.0, x);
      // The push stops where the gain is known to a thousandth at worst; in practice far closer.
      CHECK(got == Approx(want).epsilon(1e-4).margin(1e-9));
      dangling_sources += extra.source_was_dangling ? 1 : 0;
      ++checked;
    }
  }
  CHECK(dangling_sources > 0);
  CHECK(checked > 40);
}

TEST_CASE("link effect: after links are added to the model, a refresh gives the gains of a fresh start", "[analyze][plan]") {
  EquityModel model = random_model(40, 11);
  const std::vector<std::uint32_t> targets = {9, 12, 30};
  LinkEffects kept(model, 0.85, targets);
  kept.refresh();
  // One link from a page with links, one from a dangling page (3): the refresh must see both.
  for (const auto& [source, target] : {std::pair<std::uint32_t, std::uint32_t>{0, 9}, {3, 12}}) {
    REQUIRE_FALSE(links(model, source, target));
    add_model_link(model, source, target, 1.0);
  }
  kept.refresh();
  const std::vector<double> x = power_iterate(model.matrix, tight()).rank;
  LinkEffects fresh(model, 0.85, targets);
  fresh.refresh();
  int checked = 0;
  for (std::uint32_t source = 0; source < 40; source += 3) {
    if (source == 30 || links(model, source, 30)) continue;
    ExtraLink extra = added_link(model, source, 30, 1.0);
    const std::vector<double> exact = power_iterate(model.matrix, tight(), x, &extra).rank;
    double want = 0;
    for (const std::uint32_t t : targets) want += exact[t] - x[t];
    CHECK(kept.gain(source, 30, 1.0, x) == Approx(fresh.gain(source, 30, 1.0, x)).epsilon(1e-4));
    CHECK(kept.gain(source, 30, 1.0, x) == Approx(want).epsilon(1e-4).margin(1e-9));
    ++checked;
  }
  CHECK(checked > 8);
  // Page 3 was dangling and is not any more.
  CHECK(std::find(model.matrix.dangling.begin(), model.matrix.dangling.end(), 3U) == model.matrix.dangling.end());
}

TEST_CASE("link effect: without damping no link moves the equity, and the gain says 0, not NaN", "[analyze][plan]") {
  const EquityModel model = random_model(20, 5);
  PageRankOptions none;
  none.damping = 0;
  const std::vector<double> x = power_iterate(model.matrix, none).rank;
  LinkEffects effects(model, 0.0, {4});
  effects.refresh();
  for (std::uint32_t source = 0; source < 20; source += 2) {
    if (source != 4 && !links(model, source, 4)) CHECK(effects.gain(source, 4, 1.0, x) == 0.0);
  }
}
