#include <algorithm>

#include "sitegraph/graph.hpp"

namespace sitegraph {

std::uint32_t StringTable::intern(std::string_view s) {
  if (const auto it = index_.find(s); it != index_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  const std::string& stored = strings_.emplace_back(s);
  index_.emplace(stored, id);
  return id;
}

std::uint32_t StringTable::find(std::string_view s) const {
  const auto it = index_.find(s);
  return it == index_.end() ? kNoUrl : it->second;
}

UrlId SiteGraph::add_url(std::string_view url) {
  const UrlId id = urls_.intern(url);
  if (id >= pages_.size()) {
    pages_.resize(id + 1);
    texts_.resize(id + 1);
  }
  return id;
}

void SiteGraph::set_fragment_ids(UrlId id, std::vector<std::uint32_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  if (id >= id_spans_.size()) id_spans_.resize(pages_.size());
  id_spans_[id] = {static_cast<std::uint32_t>(id_hashes_.size()), static_cast<std::uint32_t>(hashes.size())};
  id_hashes_.insert(id_hashes_.end(), hashes.begin(), hashes.end());
}

std::span<const std::uint32_t> SiteGraph::fragment_id_hashes(UrlId id) const {
  if (!has_fragment_ids(id)) return {};
  return {id_hashes_.data() + id_spans_[id].offset, id_spans_[id].count};
}

UrlId SiteGraph::final_target(UrlId id, int max_hops) const {
  for (int hop = 0; hop <= max_hops; ++hop) {
    const UrlId next = pages_[id].redirect_to;
    if (next == kNoUrl) return id;
    id = next;
  }
  return kNoUrl;  // a loop, or a chain longer than any client follows
}

Csr build_csr(std::size_t nodes, std::span<const std::pair<std::uint32_t, std::uint32_t>> edges) {
  Csr csr;
  csr.offsets.assign(nodes + 1, 0);
  for (const auto& [source, target] : edges) ++csr.offsets[source + 1];
  for (std::size_t i = 0; i < nodes; ++i) csr.offsets[i + 1] += csr.offsets[i];
  csr.targets.resize(edges.size());
  std::vector<std::uint32_t> next(csr.offsets.begin(), csr.offsets.end() - 1);
  for (const auto& [source, target] : edges) csr.targets[next[source]++] = target;
  return csr;
}

}  // namespace sitegraph
