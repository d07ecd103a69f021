// Topic clusters: pages grouped by URL directory or --clusters rules, each with a hub, and
// how well hub and spokes link to each other.

#include <algorithm>
#include <iterator>
#include <limits>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "analyze/passes.hpp"
#include "analyze/link_index.hpp"
#include "analyze/make_finding.hpp"
#include "analyze/communities.hpp"
#include "analyze/url_path.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {


// "/cpp/io/" for "/cpp/io.html": the folder a page named like it introduces (cppreference,
// MediaWiki exports and many generators put a section's page beside its folder); "" for
// paths that are not an .html/.htm file.
std::string sibling_folder_of(std::string_view path) {
  for (const std::string_view ext : {std::string_view(".html"), std::string_view(".htm")}) {
    if (path.size() > ext.size() + 1 && path.ends_with(ext)) return std::string(path.substr(0, path.size() - ext.size())) + "/";
  }
  return {};
}
// How well `path` names the directory `dir` ("/blog/") as its own page: 0 the directory
// itself, 1.. its index files in the order servers try them, kNotAnIndex otherwise.
constexpr int kNotAnIndex = 1000;
int index_rank(std::string_view path, std::string_view dir) {
  if (path == dir) return 0;
  if (sibling_folder_of(path) == dir) return 100;  // /cpp/io.html for /cpp/io/, after its index files
  if (!path.starts_with(dir)) return kNotAnIndex;
  // Not IIS's default.htm: a page named default is as likely a topic (cppreference's C++
  // keyword `default` in /cpp/keyword/); a site that serves it for the folder links the folder.
  static constexpr std::string_view kIndexFiles[] = {"index.html", "index.htm", "index.php", "index.xhtml", "index.shtml"};
  const std::string_view file = path.substr(dir.size());
  for (std::size_t i = 0; i < std::size(kIndexFiles); ++i) {
    if (file == kIndexFiles[i]) return static_cast<int>(i) + 1;
  }
  return kNotAnIndex;
}

// The folder the site lives in: the start page's directory ("/" for https://example.com/,
// "/3.11/" for https://docs.python.org/3.11/ or its index.html).
std::string site_root_of(std::string_view start_url) {
  const std::string path = path_of(start_url);
  if (path.empty() || path[0] != '/') return "/";
  return path.substr(0, path.rfind('/') + 1);
}

// The first directory below `root`: "/blog/" for /blog/post and /blog/ (root "/"),
// "/3.11/library/" for /3.11/library/os.html (root "/3.11/"); `root` itself for pages directly
// in it and for names that are not URLs; a page outside `root` by its first directory below
// `outer` (the site's folder), else by its own first directory.
std::string directory_of(std::string_view name, const std::string& root, const std::string& outer = "/") {
  const std::string path = path_of(name);
  if (path.empty() || path[0] != '/') return root;
  const std::string& base = path.starts_with(root) ? root : path.starts_with(outer) ? outer : std::string("/");
  const auto slash = path.find('/', base.size());
  return slash == std::string::npos ? base : path.substr(0, slash + 1);
}

// The folder whose sub-folders are the default clusters: the start page's folder, or, when one
// folder below it holds more than half of the site's pages in sub-folders of its own
// (cppreference's /cpp/), that folder, so /cpp/io/ and /cpp/container/ become the clusters;
// at most three levels down. A flat folder (/3.11/library/) stays one cluster.
std::string cluster_root(const SiteGraph& graph, UrlId start) {
  std::string root = start < graph.size() ? site_root_of(graph.url(start)) : "/";
  for (int level = 0; level < 3; ++level) {
    std::map<std::string, std::size_t> pages;
    std::size_t total = 0;
    for (UrlId id = 0; id < graph.size(); ++id) {
      if (!is_ranked(graph.page(id))) continue;
      ++pages[directory_of(graph.url(id), root)];
      ++total;
    }
    const auto biggest =
        std::max_element(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (biggest == pages.end() || biggest->first == root || 2 * biggest->second <= total) break;
    std::map<std::string, std::size_t> below;  // how the big folder would split
    for (UrlId id = 0; id < graph.size(); ++id) {
      if (is_ranked(graph.page(id)) && path_of(graph.url(id)).starts_with(biggest->first)) {
        ++below[directory_of(graph.url(id), biggest->first)];
      }
    }
    if (below.size() < 3) break;
    root = biggest->first;
  }
  return root;
}

}  // namespace

std::vector<std::pair<UrlId, UrlId>> followable_pairs(const SiteGraph& graph) { return followable_pairs(graph, nullptr); }

std::vector<std::pair<UrlId, UrlId>> followable_pairs(const SiteGraph& graph, const LinkIndex* given) {
  // One source's links at a time; its distinct targets sorted, so the pairs come out sorted.
  std::optional<LinkIndex> own;
  const LinkIndex& by_source = link_index(graph, given, own);
  SeenTargets seen(graph.size());
  std::vector<std::pair<UrlId, UrlId>> pairs;
  pairs.reserve(graph.links().size());  // address space only until written; no regrowth copies
  for (UrlId source = 0; source < graph.size(); ++source) {
    if (!graph.page(source).internal) continue;
    seen.next_source();
    const std::size_t row = pairs.size();
    for (const std::uint32_t i : by_source.of(source)) {
      const Link& link = graph.links()[i];
      if (!followable(graph, link)) continue;
      const UrlId target = by_source.final_target(link.target);
      if (target == kNoUrl || target == source || !graph.page(target).internal) continue;
      if (seen.first(target)) pairs.emplace_back(source, target);
    }
    std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(row), pairs.end());
  }
  return pairs;
}

// Each ranked page's default cluster (its directory below `root`), a section page beside its
// folder (/cpp/io.html) joining that folder's cluster when the folder is one; "" for the others.
std::vector<std::string> default_cluster_names(const SiteGraph& graph, const std::string& root, const std::string& site_root) {
  std::vector<std::string> names(graph.size());
  std::set<std::string> folders;  // copies: names change below
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (is_ranked(graph.page(id))) folders.insert(names[id] = directory_of(graph.url(id), root, site_root));
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (names[id].empty()) continue;
    std::string folder = sibling_folder_of(path_of(graph.url(id)));
    if (!folder.empty() && folder != names[id] && folders.count(folder)) names[id] = std::move(folder);
  }
  return names;
}

// Clustering::hub_reaches: marked from the hubs down, breadth first. `pairs` come sorted by
// source (followable_pairs), so a page's links are one range of them.
std::vector<std::uint8_t> hub_reach(const SiteGraph& graph, const Clustering& clustering,
                                    const std::vector<std::pair<UrlId, UrlId>>& pairs) {
  std::vector<std::uint8_t> reaches(graph.size(), 0);
  std::vector<UrlId> queue;
  for (const auto& [from, to] : pairs) {
    const std::uint32_t c = clustering.of_page[to];
    if (c != kNoCluster && is_hub(clustering.clusters[c], from) && !reaches[to]) {
      reaches[to] = 1;
      queue.push_back(to);
    }
  }
  for (std::size_t next = 0; next < queue.size(); ++next) {
    const UrlId from = queue[next];
    const auto first = std::lower_bound(pairs.begin(), pairs.end(), std::pair<UrlId, UrlId>(from, 0));
    for (auto it = first; it != pairs.end() && it->first == from; ++it) {
      const UrlId to = it->second;
      if (reaches[to] || clustering.of_page[to] == kNoCluster || clustering.of_page[to] != clustering.of_page[from]) continue;
      if (in_page_folder(graph.url(to), graph.url(from), false)) {
        reaches[to] = 1;
        queue.push_back(to);
      }
    }
  }
  return reaches;
}

Clustering cluster_pages(const SiteGraph& graph, const std::vector<ClusterRule>& rules, bool by_links, const PageRankResult& equity,
                         UrlId start, const std::vector<std::pair<UrlId, UrlId>>& pairs) {
  Clustering out;
  out.of_page.assign(graph.size(), kNoCluster);
  std::map<std::string, std::uint32_t> index;
  std::vector<std::string> wanted_hub;
  const std::string site_root = start < graph.size() ? site_root_of(graph.url(start)) : "/";
  const std::string root = rules.empty() ? cluster_root(graph, start) : "/";
  std::vector<std::string> default_names = rules.empty() ? default_cluster_names(graph, root, site_root) : std::vector<std::string>();
  if (by_links && rules.empty()) {
    // The folders stay, as what each page's community is compared with.
    std::map<std::string, std::uint32_t> folder_index;
    out.folder_of_page.assign(graph.size(), kNoCluster);
    for (UrlId id = 0; id < graph.size(); ++id) {
      if (default_names[id].empty()) continue;
      const auto [it, added] = folder_index.emplace(default_names[id], static_cast<std::uint32_t>(out.folders.size()));
      if (added) out.folders.push_back(default_names[id]);
      out.folder_of_page[id] = it->second;
    }
    default_names = link_community_names(graph, default_names);
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (!is_ranked(graph.page(id))) continue;
    std::string name;
    std::string hub;
    if (rules.empty()) {
      name = default_names[id];
      if (name.empty()) continue;  // --clusters links: no content link in or out
    } else {
      const std::string path = path_of(graph.url(id));
      for (const ClusterRule& rule : rules) {
        const bool whole = rule.pattern.find("://") != std::string::npos;
        if (glob_match(rule.pattern, whole ? std::string(graph.url(id)) : path)) {
          name = rule.name;
          hub = rule.hub;
          break;
        }
      }
      if (name.empty()) continue;  // no rule matches: in no cluster
    }
    auto [it, added] = index.emplace(name, static_cast<std::uint32_t>(out.clusters.size()));
    if (added) {
      out.clusters.push_back({});
      out.clusters.back().name = name;
      wanted_hub.push_back(hub);
    }
    out.of_page[id] = it->second;
    ++out.clusters[it->second].pages;
    if (!std::isnan(equity.rank[id])) out.clusters[it->second].equity += equity.rank[id];
  }
  // Hubs: the rule's, else the directory's own page, else the page with the most equity.
  for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
    Cluster& cluster = out.clusters[c];
    if (!wanted_hub[c].empty()) {
      UrlId hub = graph.find(wanted_hub[c]);
      if (hub == kNoUrl) {
        if (const auto url = normalize_url(wanted_hub[c])) hub = graph.find(*url);
      }
      if (hub != kNoUrl && out.of_page[hub] == c) cluster.hub = hub;
    }
    if (cluster.hub == kNoUrl && rules.empty() && start < graph.size() && out.of_page[start] == c) {
      cluster.hub = start;
    }
  }
  // How much each page is the centre of a cluster: the cluster's pages linking to it plus those
  // it links to. Counted for the cluster's pages and the pages of the folder above it (the
  // page a folder's pages point up to may sit beside the folder under another name:
  // cppreference's /cpp/language.1.html for /cpp/language/). The start page, linked from
  // everywhere, is no cluster's centre but its own.
  struct Centre {
    std::uint32_t linked_from = 0;  // the cluster's pages linking to the page
    std::uint32_t links_to = 0;     // the cluster's pages it links to
  };
  std::vector<std::map<UrlId, Centre>> centre(out.clusters.size());
  if (rules.empty()) {
    // Each ranked page's folder ("/cpp/" for /cpp/io.html) and each cluster's parent folder,
    // as ids: the pairs below ask of two pages each, and parsing their URLs there took a second
    // on a 20,000-page site.
    constexpr std::uint32_t kNoFolder = std::numeric_limits<std::uint32_t>::max();
    std::unordered_map<std::string, std::uint32_t> folder_ids;
    std::vector<std::uint32_t> folder_of(graph.size(), kNoFolder);
    for (UrlId id = 0; id < graph.size(); ++id) {
      if (!is_ranked(graph.page(id))) continue;
      const std::string path = path_of(graph.url(id));
      folder_of[id] = folder_ids.emplace(path.substr(0, path.rfind('/') + 1), folder_ids.size()).first->second;
    }
    std::vector<std::uint32_t> parent_folder(out.clusters.size(), kNoFolder);
    for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
      const std::string& dir = out.clusters[c].name;
      const std::size_t up = dir.size() > 1 ? dir.rfind('/', dir.size() - 2) : std::string::npos;
      if (up == std::string::npos) continue;
      const auto found = folder_ids.find(dir.substr(0, up + 1));
      if (found != folder_ids.end()) parent_folder[c] = found->second;
    }
    const auto candidate = [&](UrlId page, std::uint32_t c) {
      if (page == start || !is_ranked(graph.page(page))) return false;
      // A page of the cluster, or a page of the folder above it.
      return out.of_page[page] == c || (parent_folder[c] != kNoFolder && folder_of[page] == parent_folder[c]);
    };
    for (const auto& [from, to] : pairs) {
      const std::uint32_t a = out.of_page[from];
      const std::uint32_t b = out.of_page[to];
      if (a != kNoCluster && out.clusters[a].hub == kNoUrl && candidate(to, a)) ++centre[a][to].linked_from;
      if (b != kNoCluster && out.clusters[b].hub == kNoUrl && candidate(from, b)) ++centre[b][from].links_to;
    }
  }
  const auto centrality = [&](std::uint32_t c, UrlId page) {
    const auto it = centre[c].find(page);
    return it == centre[c].end() ? 0u : it->second.linked_from + it->second.links_to;
  };
  // A directory's hub is its own page: /blog/ itself, else its index file (/blog/index.html,
  // the page a built site's links and a folder audit use), else the page beside the folder
  // (/cpp/io.html), never a page that happens to hold the most equity while one exists. Of
  // several, the most central (cppreference's /cpp/index.html is a stub, /cpp.html the hub).
  // A page no page links to is no hub whatever its name: cppreference's orphan copy
  // /cpp/keyword.html beside /cpp/keyword/, whose pages link /cpp/keywords.html.
  std::vector<int> hub_rank(out.clusters.size(), kNotAnIndex);
  std::vector<UrlId> hub_by_index(out.clusters.size(), kNoUrl);
  std::vector<std::uint8_t> linked = rules.empty() ? linked_pages(graph) : std::vector<std::uint8_t>();
  if (rules.empty() && start < graph.size()) {  // the start page, and where its URL redirects
    linked[start] = 1;
    if (const UrlId home = graph.final_target(start); home != kNoUrl && home < graph.size()) linked[home] = 1;
  }
  for (UrlId id = 0; id < graph.size() && rules.empty(); ++id) {
    const std::uint32_t c = out.of_page[id];
    if (c == kNoCluster || out.clusters[c].hub != kNoUrl || !linked[id]) continue;
    const int rank = index_rank(path_of(graph.url(id)), out.clusters[c].name);
    if (rank == kNotAnIndex) continue;
    const UrlId held = hub_by_index[c];
    if (held == kNoUrl || centrality(c, id) > centrality(c, held) || (centrality(c, id) == centrality(c, held) && rank < hub_rank[c])) {
      hub_rank[c] = rank;
      hub_by_index[c] = id;
    }
  }
  for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
    if (out.clusters[c].hub == kNoUrl && hub_by_index[c] != kNoUrl) out.clusters[c].hub = hub_by_index[c];
  }
  // No page of its own: a page beside the folder that most of its pages link to and that links
  // to most of them is its page under another name; else (below) the page with most equity.
  for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
    if (out.clusters[c].hub != kNoUrl) continue;
    const std::uint32_t n = out.clusters[c].pages;
    std::uint32_t best_score = 0;
    for (const auto& [page, counts] : centre[c]) {
      if (out.of_page[page] == c || 2 * counts.linked_from < n || 2 * counts.links_to < n) continue;
      if (counts.linked_from + counts.links_to > best_score) {
        best_score = counts.linked_from + counts.links_to;
        out.clusters[c].hub = page;
      }
    }
  }
  std::vector<double> best(out.clusters.size(), -1.0);
  std::vector<UrlId> best_page(out.clusters.size(), kNoUrl);
  for (UrlId id = 0; id < graph.size(); ++id) {
    const std::uint32_t c = out.of_page[id];
    if (c == kNoCluster) continue;
    const double e = std::isnan(equity.rank[id]) ? 0.0 : equity.rank[id];
    if (e > best[c]) {
      best[c] = e;
      best_page[c] = id;
    }
  }
  for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
    if (out.clusters[c].hub == kNoUrl) out.clusters[c].hub = best_page[c];
  }
  // The hub under its other URL ("/docs/index.html" for "/docs/", or the other way round),
  // when a server answers both with one file: links to either are links to the hub, and it is
  // no spoke of its own.
  const std::vector<UrlId> twin = index_file_twins(graph);
  std::unordered_map<UrlId, UrlId> other_url;
  for (UrlId id = 0; id < graph.size(); ++id) {
    if (twin[id] == kNoUrl) continue;
    other_url.emplace(id, twin[id]);
    other_url.emplace(twin[id], id);
  }
  for (Cluster& cluster : out.clusters) {
    if (const auto it = other_url.find(cluster.hub); it != other_url.end()) cluster.hub_twin = it->second;
  }
  out.hub_reaches = hub_reach(graph, out, pairs);
  // Link statistics over unique followable page pairs.
  std::vector<std::uint64_t> inside(out.clusters.size(), 0), to_hub(out.clusters.size(), 0), from_hub(out.clusters.size(), 0);
  for (UrlId id = 0; id < graph.size(); ++id) {
    const std::uint32_t c = out.of_page[id];
    if (c != kNoCluster && out.hub_reaches[id] && !is_hub(out.clusters[c], id)) ++from_hub[c];
  }
  for (const auto& [from, to] : pairs) {
    const std::uint32_t a = out.of_page[from];
    const std::uint32_t b = out.of_page[to];
    // The hub may sit beside its cluster (above): links to it count wherever it is.
    if (a != kNoCluster && is_hub(out.clusters[a], to) && !is_hub(out.clusters[a], from)) ++to_hub[a];
    if (a == kNoCluster || b == kNoCluster) continue;
    if (a == b) {
      ++inside[a];
    } else {
      ++out.clusters[a].links_out;
      ++out.clusters[b].links_in;
    }
  }
  for (std::uint32_t c = 0; c < out.clusters.size(); ++c) {
    Cluster& cluster = out.clusters[c];
    const double n = cluster.pages;
    const double spokes = n - (cluster.hub != kNoUrl && out.of_page[cluster.hub] == c ? 1 : 0) -
                          (cluster.hub_twin != kNoUrl && out.of_page[cluster.hub_twin] == c ? 1 : 0);
    cluster.spokes_linking_hub = spokes > 0 ? static_cast<double>(to_hub[c]) / spokes : 1.0;
    cluster.hub_coverage = spokes > 0 ? static_cast<double>(from_hub[c]) / spokes : 1.0;
    cluster.density = n > 1 ? static_cast<double>(inside[c]) / (n * (n - 1)) : 0.0;
  }
  return out;
}

std::vector<Finding> find_cluster_problems(const SiteGraph& graph, UrlId start, const Clustering& clustering,
                                           const std::vector<std::pair<UrlId, UrlId>>& pairs, const AuditOptions& options) {
  std::vector<Finding> out;
  constexpr std::uint32_t kMinPages = 3;  // a hub and at least two spokes
  std::vector<std::size_t> hub_finding(clustering.clusters.size(), SIZE_MAX);  // cluster -> its finding
  // Clusters by folder: the start page's folder holds the pages in no folder (about, contact,
  // an index's letter pages), not a topic; the start page reaches them through the site,
  // which deep-page judges. Where the start URL redirects, its final page decides.
  std::uint32_t home_cluster = kNoCluster;
  if (options.cluster_rules.empty() && !options.link_clusters && start < graph.size()) {
    const UrlId home = graph.page(start).redirect_to == kNoUrl ? start : graph.final_target(start);
    if (home != kNoUrl && home < graph.size()) home_cluster = clustering.of_page[home];
  }
  for (std::uint32_t c = 0; c < clustering.clusters.size(); ++c) {
    const Cluster& cluster = clustering.clusters[c];
    if (cluster.pages < kMinPages || cluster.hub == kNoUrl) continue;
    // The hub is one of its pages, or sits beside the cluster (the folder's page above it).
    const std::uint32_t spokes = cluster.pages - (clustering.of_page[cluster.hub] == c ? 1U : 0U) -
                                 (cluster.hub_twin != kNoUrl && clustering.of_page[cluster.hub_twin] == c ? 1U : 0U);
    const auto linked = static_cast<std::uint32_t>(std::lround(cluster.hub_coverage * spokes));
    if (cluster.hub_coverage < options.min_hub_coverage && c != home_cluster) {
      hub_finding[c] = out.size();
      out.push_back(make_finding("hub-missing-spoke-links", cluster.hub, spokes - linked,
                         "the hub of cluster " + cluster.name + " reaches " + std::to_string(linked) + " of its " +
                             std::to_string(spokes) + " pages (linked from it, or from the pages of their folders it reaches)"));
    }
  }
  // The spokes each such hub does not reach, named in the finding (JSON lists them all).
  if (!out.empty()) {
    for (UrlId id = 0; id < graph.size(); ++id) {
      const std::uint32_t c = clustering.of_page[id];
      if (c == kNoCluster || hub_finding[c] == SIZE_MAX || clustering.hub_reaches[id] || is_hub(clustering.clusters[c], id)) continue;
      out[hub_finding[c]].chain.push_back(id);
    }
    for (const std::size_t i : hub_finding) {
      if (i == SIZE_MAX) continue;
      std::vector<UrlId>& missing = out[i].chain;
      std::sort(missing.begin(), missing.end(), [&](UrlId a, UrlId b) { return graph.url(a) < graph.url(b); });
    }
  }
  // Clusters that hold together poorly: pages that barely link to each other, or that no page
  // of another cluster links to (the start page's cluster is reached from the start).
  constexpr std::uint32_t kMinSparse = 5;
  // Linked from outside: from another cluster, or from a page in none (the start page when
  // --clusters rules leave it out, an index page with --clusters links).
  std::vector<std::uint8_t> reached(clustering.clusters.size(), 0);
  for (const auto& [from, to] : pairs) {
    const std::uint32_t b = clustering.of_page[to];
    if (b != kNoCluster && clustering.of_page[from] != b) reached[b] = 1;
  }
  for (std::uint32_t c = 0; c < clustering.clusters.size(); ++c) {
    const Cluster& cluster = clustering.clusters[c];
    const double n = cluster.pages;
    const double per_page = cluster.density * (n - 1);  // cluster pages each links to, on average
    if (cluster.pages >= kMinSparse && cluster.density < options.min_cluster_density && per_page < 2.0) {
      char figures[96];
      std::snprintf(figures, sizeof figures, "density %.3f; each page links to %.1f of the others on average", cluster.density, per_page);
      out.push_back(make_finding("cluster-sparse", cluster.hub, cluster.pages,
                                 "the " + std::to_string(cluster.pages) + " pages of cluster " + cluster.name +
                                     " barely link to each other (" + figures + ")"));
    }
    const bool holds_start = start < graph.size() && clustering.of_page[start] == c;
    if (cluster.pages >= kMinPages && !reached[c] && !holds_start && clustering.clusters.size() > 1) {
      out.push_back(make_finding("cluster-isolated", cluster.hub, cluster.pages,
                                 "no page of another cluster links to cluster " + cluster.name + " (" +
                                     std::to_string(cluster.pages) + " pages): link its hub from related clusters"));
    }
  }
  // --clusters links: pages whose links put them in a community mostly of another folder.
  if (!clustering.folders.empty()) {
    constexpr std::uint32_t kMinCommunity = 5;
    constexpr double kMajority = 0.6;
    std::vector<std::map<std::uint32_t, std::uint32_t>> folder_counts(clustering.clusters.size());
    for (UrlId id = 0; id < graph.size(); ++id) {
      const std::uint32_t c = clustering.of_page[id];
      if (c != kNoCluster && clustering.folder_of_page[id] != kNoCluster) ++folder_counts[c][clustering.folder_of_page[id]];
    }
    std::vector<std::uint32_t> majority(clustering.clusters.size(), kNoCluster);
    std::vector<double> share(clustering.clusters.size(), 0.0);
    for (std::uint32_t c = 0; c < clustering.clusters.size(); ++c) {
      std::uint32_t best = 0;
      for (const auto& [folder, n] : folder_counts[c]) {
        if (n > best) {
          best = n;
          majority[c] = folder;
        }
      }
      if (clustering.clusters[c].pages > 0) share[c] = static_cast<double>(best) / clustering.clusters[c].pages;
    }
    for (UrlId id = 0; id < graph.size(); ++id) {
      const std::uint32_t c = clustering.of_page[id];
      if (c == kNoCluster || clustering.folder_of_page[id] == kNoCluster || id == start) continue;
      const Cluster& cluster = clustering.clusters[c];
      if (cluster.pages < kMinCommunity || share[c] < kMajority || majority[c] == clustering.folder_of_page[id]) continue;
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.0f%%", share[c] * 100);
      Finding f = make_finding("link-community-elsewhere", id, cluster.pages,
                               "its links place it among " + clustering.folders[majority[c]] + " pages (link cluster " + cluster.name +
                                   ", " + std::to_string(cluster.pages) + " pages, " + percent + " of them in " +
                                   clustering.folders[majority[c]] + ") though its folder is " +
                                   clustering.folders[clustering.folder_of_page[id]] +
                                   ": if that is its topic, file it there; if not, link it from pages of its own folder");
      f.target = cluster.hub;
      out.push_back(std::move(f));
    }
  }
  std::vector<std::uint8_t> links_hub(graph.size(), 0);  // one pass, not a search per page
  for (const auto& [from, to] : pairs) {
    const std::uint32_t c = clustering.of_page[from];
    if (c != kNoCluster && is_hub(clustering.clusters[c], to)) links_hub[from] = 1;
  }
  for (UrlId id = 0; id < graph.size(); ++id) {
    const std::uint32_t c = clustering.of_page[id];
    if (c == kNoCluster) continue;
    const Cluster& cluster = clustering.clusters[c];
    if (cluster.pages < kMinPages || is_hub(cluster, id) || cluster.hub == kNoUrl) continue;
    if (links_hub[id]) continue;
    Finding f = make_finding("spoke-not-linking-hub", id, 0, "does not link to the hub of its cluster " + cluster.name);
    f.target = cluster.hub;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sitegraph
