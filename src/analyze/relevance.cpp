// Relevance: how alike two pages' texts are, from their term sketches (TermSketch).

#include <cmath>

#include "sitegraph/analyze.hpp"

namespace sitegraph {
namespace {

double term_weight(std::uint16_t count, double idf) { return (1.0 + std::log(static_cast<double>(count))) * idf; }

}  // namespace

TermWeights::TermWeights(const SiteGraph& graph) : graph_(graph), norms_(graph.size(), 0.0F) {
  std::unordered_map<std::uint32_t, std::uint32_t> pages_with;
  std::size_t pages = 0;
  for (UrlId id = 0; id < graph.size(); ++id) {
    const TermSketch& sketch = graph.terms(id);
    if (sketch.count[0] == 0 || !is_ranked(graph.page(id))) continue;
    ++pages;
    for (std::size_t i = 0; i < sketch.size(); ++i) ++pages_with[sketch.term[i]];
  }
  unknown_idf_ = pages > 0 ? std::log(static_cast<double>(pages)) : 0.0;  // as rare as a term can be
  idf_.reserve(pages_with.size());
  for (const auto& [term, n] : pages_with) {
    idf_.emplace(term, static_cast<float>(std::log(static_cast<double>(pages) / static_cast<double>(n))));
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    const TermSketch& sketch = graph.terms(id);
    double sum = 0;
    for (std::size_t i = 0; i < sketch.size(); ++i) {
      const double w = term_weight(sketch.count[i], idf(sketch.term[i]));
      sum += w * w;
    }
    norms_[id] = static_cast<float>(std::sqrt(sum));
  }
}

double TermWeights::idf(std::uint32_t term) const {
  const auto it = idf_.find(term);
  return it == idf_.end() ? unknown_idf_ : it->second;
}

double TermWeights::relevance(UrlId a, UrlId b) const {
  const double na = a < norms_.size() ? norms_[a] : 0.0;
  const double nb = b < norms_.size() ? norms_[b] : 0.0;
  if (!(na > 0) || !(nb > 0)) return 0;
  const TermSketch& x = graph_.terms(a);
  const TermSketch& y = graph_.terms(b);
  const std::size_t nx = x.size();
  const std::size_t ny = y.size();
  double dot = 0;
  for (std::size_t i = 0, j = 0; i < nx && j < ny;) {  // both sorted by term
    if (x.term[i] < y.term[j]) {
      ++i;
    } else if (y.term[j] < x.term[i]) {
      ++j;
    } else {
      const double idf = this->idf(x.term[i]);
      dot += term_weight(x.count[i], idf) * term_weight(y.count[j], idf);
      ++i;
      ++j;
    }
  }
  return dot / (na * nb);
}

}  // namespace sitegraph
