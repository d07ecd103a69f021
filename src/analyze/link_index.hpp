#pragma once
// The index of the graph's links the analyzers share: links grouped by page (their source, or a
// target) as link indices, and every page's final target. The analyzers that count each
// (source, target) pair once walk one page's links at a time and mark pages already seen,
// instead of sorting a copy of every pair (16-32 bytes a link, twice for the sort's buffer; 4
// here). Internal to src/analyze.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sitegraph/graph.hpp"

namespace sitegraph {

/// The indices of `links` grouped into `groups` groups (pages, anchors, ...): group(link)
/// returns the group a link belongs to, or kNoUrl to leave it out. A counting sort: 4 bytes a
/// link.
class LinkGroups {
 public:
  template <typename Group>
  LinkGroups(std::size_t groups, const LinkList& links, Group group) : offsets_(groups + 1, 0) {
    for (const Link& link : links) {
      if (const std::uint32_t g = group(link); g != kNoUrl) ++offsets_[g + 1];
    }
    for (std::size_t i = 0; i < groups; ++i) offsets_[i + 1] += offsets_[i];
    order_.resize(offsets_.back());
    std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
    for (std::uint32_t i = 0; i < links.size(); ++i) {
      if (const std::uint32_t g = group(links[i]); g != kNoUrl) order_[next[g]++] = i;
    }
  }

  /// Indices into the links of group `g`, in link order.
  [[nodiscard]] std::span<const std::uint32_t> of(std::uint32_t g) const {
    return {order_.data() + offsets_[g], offsets_[g + 1] - offsets_[g]};
  }

 private:
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> order_;
};

/// Each page's final target (SiteGraph::final_target: redirects followed, kNoUrl for a loop),
/// 4 bytes a page: passes over every link look a target up in this small array instead of
/// reading the page records (32 bytes each, a cache miss apiece at a million pages).
class FinalTargets {
 public:
  explicit FinalTargets(const SiteGraph& graph) : final_(graph.size()) {
    for (UrlId id = 0; id < graph.size(); ++id) {
      final_[id] = graph.page(id).redirect_to == kNoUrl ? id : graph.final_target(id);
    }
  }
  [[nodiscard]] UrlId operator()(UrlId id) const { return final_[id]; }

 private:
  std::vector<UrlId> final_;
};

/// Every link grouped by its source page (of(source)), and every page's final target: built
/// once per audit and shared by the analyzers.
class LinkIndex : public LinkGroups {
 public:
  explicit LinkIndex(const SiteGraph& graph)
      : LinkGroups(graph.size(), graph.links(), [](const Link& link) { return link.source; }), final_target(graph) {}
  FinalTargets final_target;
};

/// `given` when the caller shares one, else one built into `own`.
inline const LinkIndex& link_index(const SiteGraph& graph, const LinkIndex* given, std::optional<LinkIndex>& own) {
  return given ? *given : own.emplace(graph);
}

/// Marks the targets seen while walking one source's links: first(target) is true once per
/// target until next_source(). O(pages) memory, reset in O(1) per source.
class SeenTargets {
 public:
  explicit SeenTargets(std::size_t pages) : stamp_(pages, 0) {}
  void next_source() { ++current_; }
  bool first(UrlId target) {
    if (stamp_[target] == current_) return false;
    stamp_[target] = current_;
    return true;
  }

 private:
  std::vector<std::uint32_t> stamp_;
  std::uint32_t current_ = 0;
};

/// For each internal source page, each distinct final target (redirects followed) of its links
/// with the OR of what `bits(link, target)` says of those links: emit(target, bits). A link
/// whose bits are 0 is left out; targets that are kNoUrl or the source itself are skipped.
template <typename Bits, typename Emit>
void for_each_source_target(const SiteGraph& graph, const LinkIndex* given, Bits bits, Emit emit) {
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  SeenTargets seen(graph.size());
  std::vector<std::uint8_t> gathered(graph.size(), 0);
  std::vector<UrlId> targets;
  for (UrlId source = 0; source < graph.size(); ++source) {
    if (!graph.page(source).internal) continue;
    seen.next_source();
    targets.clear();
    for (const std::uint32_t i : by_source.of(source)) {
      const Link& link = graph.links()[i];
      const UrlId target = by_source.final_target(link.target);
      if (target == kNoUrl || target == source) continue;
      const std::uint8_t b = bits(link, target);
      if (b == 0) continue;
      if (seen.first(target)) {
        gathered[target] = 0;
        targets.push_back(target);
      }
      gathered[target] = static_cast<std::uint8_t>(gathered[target] | b);
    }
    for (const UrlId target : targets) emit(target, gathered[target]);
  }
}

}  // namespace sitegraph
