// Findings that share a cause, shown as one: 729 empty anchors on one page are one thing to
// fix, and so are 945 member-list pages with one inlink each. Reports list a group as its
// pattern, its count and a few examples; JSON keeps every finding and names its group.

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "sitegraph/report.hpp"
#include "sitegraph/url.hpp"

namespace sitegraph {
namespace {

// Rules whose finding is about a link on the page in `url`: a page holding many is one cause.
bool about_links_on_page(std::string_view rule) {
  return rule == "generic-anchor" || rule == "empty-anchor" || rule == "nofollow-internal-link" || rule == "invalid-url" ||
         rule == "insecure-link";
}

// Rules whose finding is about the page in `url` itself: pages of one shape are one cause (a
// generator's template, a chain of archive pages). Not broken-fragment: each missing id is its
// own typo, however many share a folder.
bool about_pages(std::string_view rule) {
  static constexpr std::string_view kRules[] = {
      "orphan-page",  "single-inlink", "deep-page",         "dead-end", "noindex-linked", "nofollow-only-inlinks",
      "boilerplate-only-inlinks", "too-many-links", "spoke-not-linking-hub", "slow-page", "sitemap-not-indexable",
      "authority-sink", "missing-title", "canonical-conflict", "canonical-chain"};
  return std::find(std::begin(kRules), std::end(kRules), rule) != std::end(kRules);
}

// A URL's shape: its folder, then its file name with the part before its last '-' or '_'
// replaced by '*' when what follows is letters ("/api/*-members.html" for
// /api/classfoo-members.html), else the folder alone ("/blog/page/*"). The query's values are
// '*' ("/search?q=*"). Empty when no shape is worth naming.
std::pair<std::string, std::string> shapes(std::string_view url) {
  const std::size_t root = path_start(url);
  if (root == std::string_view::npos) return {};
  const std::size_t query = url.find('?', root);
  const std::string_view path = url.substr(0, query);
  std::string query_shape;
  if (query != std::string_view::npos) {
    query_shape = "?";
    std::string_view q = url.substr(query + 1);
    for (std::size_t start = 0; start <= q.size();) {
      const std::size_t amp = std::min(q.find('&', start), q.size());
      const std::string_view pair = q.substr(start, amp - start);
      if (query_shape.size() > 1) query_shape += '&';
      query_shape += std::string(pair.substr(0, pair.find('='))) + (pair.find('=') == std::string_view::npos ? "" : "=*");
      start = amp + 1;
    }
  }
  const std::size_t slash = path.rfind('/');
  const std::string folder(path.substr(0, slash + 1));
  const std::string_view file = path.substr(slash + 1);
  std::string by_suffix;
  if (const std::size_t cut = file.find_last_of("-_"); cut != std::string_view::npos && cut > 0) {
    const std::string_view tail = file.substr(cut + 1);
    const std::string_view word = tail.substr(0, tail.find('.'));
    if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      by_suffix = folder + "*" + std::string(file.substr(cut)) + query_shape;
    }
  }
  return {by_suffix, folder + "*" + query_shape};
}

}  // namespace

std::vector<FindingGroup> group_findings(const SiteGraph& graph, const std::vector<Finding>& findings, std::size_t min_size) {
  std::vector<FindingGroup> groups;
  // (rule, key) -> members; std::map keeps the groups in a stable order run to run.
  std::map<std::pair<std::string_view, std::string>, std::vector<std::size_t>> by_page;
  std::map<std::pair<std::string_view, std::string>, std::vector<std::size_t>> by_suffix;
  std::map<std::pair<std::string_view, std::string>, std::vector<std::size_t>> by_folder;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (about_links_on_page(f.rule)) {
      by_page[{f.rule, std::string(graph.url(f.url))}].push_back(i);
    } else if (about_pages(f.rule)) {
      auto [suffix, folder] = shapes(graph.url(f.url));
      if (suffix.empty()) {
        by_folder[{f.rule, std::move(folder)}].push_back(i);
      } else {
        by_suffix[{f.rule, std::move(suffix)}].push_back(i);
      }
    }
  }
  for (auto& [key, members] : by_page) {
    if (members.size() >= min_size) groups.push_back({key.first, "page", key.second, std::move(members)});
  }
  // Pages by the shape of their file name first; what is left, by folder.
  for (auto& [key, members] : by_suffix) {
    if (members.size() >= min_size) {
      groups.push_back({key.first, "pattern", key.second, std::move(members)});
      continue;
    }
    for (const std::size_t i : members) by_folder[{key.first, shapes(graph.url(findings[i].url)).second}].push_back(i);
  }
  for (auto& [key, members] : by_folder) {
    if (members.size() >= min_size) groups.push_back({key.first, "pattern", key.second, std::move(members)});
  }
  for (FindingGroup& g : groups) {
    std::sort(g.members.begin(), g.members.end());  // report order
    // Deep pages deepest first, as listed ungrouped; otherwise report order.
    if (g.rule == "deep-page") {
      std::stable_sort(g.members.begin(), g.members.end(),
                       [&](std::size_t a, std::size_t b) { return findings[a].count > findings[b].count; });
    }
  }
  // By rule, the largest first.
  std::sort(groups.begin(), groups.end(), [](const FindingGroup& a, const FindingGroup& b) {
    const std::size_t as = a.members.size();
    const std::size_t bs = b.members.size();
    return std::tie(a.rule, bs, a.pattern) < std::tie(b.rule, as, b.pattern);
  });
  return groups;
}

std::vector<std::pair<const RuleInfo*, std::size_t>> rules_by_severity(const std::vector<Finding>& findings) {
  std::map<std::string_view, std::size_t> first;
  for (std::size_t i = findings.size(); i-- > 0;) first[findings[i].rule] = i;
  std::vector<std::pair<const RuleInfo*, std::size_t>> out;
  for (const RuleInfo& info : rule_catalogue()) {
    if (const auto it = first.find(info.id); it != first.end()) out.emplace_back(&info, it->second);
  }
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return findings[a.second].severity > findings[b.second].severity; });
  return out;
}

std::string group_size_words(const FindingGroup& group) {
  return std::to_string(group.members.size()) + (group.cause == "page" ? " findings on this page" : " pages like this");
}

std::vector<std::uint32_t> group_of_finding(const std::vector<FindingGroup>& groups, std::size_t findings) {
  std::vector<std::uint32_t> of(findings, kNoGroup);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const std::size_t i : groups[g].members) of[i] = static_cast<std::uint32_t>(g);
  }
  return of;
}

}  // namespace sitegraph
