// How --min-relevance's default was chosen (docs/equity.md, "The link planner"): the relevance
// of the content links a site's editors made, against that of page pairs drawn at random.
//   relevance_calibrate SNAPSHOT [SEED]
// Prints percentiles of both, and the share of each at or above a few thresholds.

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <vector>

#include "sitegraph/analyze.hpp"
#include "sitegraph/snapshot.hpp"

using namespace sitegraph;

namespace {

void print(const char* name, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  if (values.empty()) return;
  const auto at = [&](double q) { return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))]; };
  std::printf("%-24s n=%-8zu p10 %.3f  p25 %.3f  p50 %.3f  p75 %.3f  p90 %.3f\n", name, values.size(), at(0.1), at(0.25), at(0.5),
              at(0.75), at(0.9));
  std::printf("%-24s", "  share >= threshold");
  for (const double t : {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4}) {
    const auto n = values.end() - std::lower_bound(values.begin(), values.end(), t);
    std::printf("  %.2f: %4.1f%%", t, 100.0 * static_cast<double>(n) / static_cast<double>(values.size()));
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: relevance_calibrate SNAPSHOT [SEED]\n");
    return 2;
  }
  const CrawlResult crawl = read_snapshot(argv[1]);
  const SiteGraph& g = crawl.graph;
  const TermWeights weights(g);
  std::vector<UrlId> pages;
  for (UrlId id = 0; id < g.size(); ++id) {
    if (is_indexable(g, id) && g.terms(id).count[0] != 0) pages.push_back(id);
  }
  std::set<std::pair<UrlId, UrlId>> linked;
  std::vector<double> content;
  for (const Link& l : g.links()) {
    if (l.kind != LinkKind::kAnchor || l.placement != Placement::kContent || l.source == l.target) continue;
    if (!is_indexable(g, l.target) || g.terms(l.source).count[0] == 0 || g.terms(l.target).count[0] == 0) continue;
    if (!linked.insert({l.source, l.target}).second) continue;
    content.push_back(weights.relevance(l.source, l.target));
  }
  std::mt19937_64 random(argc > 2 ? std::stoull(argv[2]) : 1);
  std::uniform_int_distribution<std::size_t> pick(0, pages.empty() ? 0 : pages.size() - 1);
  std::vector<double> unrelated;
  for (std::size_t i = 0; i < content.size() && pages.size() > 1; ++i) {
    const UrlId a = pages[pick(random)];
    const UrlId b = pages[pick(random)];
    if (a == b || linked.count({a, b})) continue;
    unrelated.push_back(weights.relevance(a, b));
  }
  std::printf("%zu indexable pages with a term sketch\n", pages.size());
  print("content links", content);
  print("random page pairs", unrelated);
  return 0;
}
