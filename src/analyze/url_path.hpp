#pragma once
// The path a rule's glob is matched against (clusters, segments). Internal to src/analyze.

#include <algorithm>
#include <string>
#include <string_view>

#include "sitegraph/url.hpp"

namespace sitegraph {

// The path of a URL (query dropped), or the whole name of a node that is not a URL.
inline std::string path_of(std::string_view name) {
  // A crawled page's URL is normalized already: its path starts at the first '/' after the
  // host and ends at the query, with no parse needed (URL parsing was a tenth of an audit's
  // time). An imported edge list's names need not be: one with a character or a dot segment
  // that parsing would change is parsed.
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) { return c > ' ' && c < 0x7f && c != '\\' && c != '#'; }) &&
                     name.find("/.") == std::string_view::npos && name.find("%2e") == std::string_view::npos &&
                     name.find("%2E") == std::string_view::npos;
  if (plain && (name.starts_with("http://") || name.starts_with("https://"))) {
    const std::size_t slash = path_start(name);
    if (slash == std::string_view::npos) return "/";
    return std::string(name.substr(slash, name.find('?', slash) - slash));
  }
  const auto parts = split_url(name);
  if (!parts) return std::string(name);
  return parts->path_and_query.substr(0, parts->path_and_query.find('?'));
}

// A folder's index file by name: "index." and an extension (index.html, index.php), as a
// server answers for the folder's URL.
inline bool is_index_file(std::string_view name) { return name.size() > 6 && name.starts_with("index."); }

// The folder a page names, as the prefix its parts start with before a '/': "https://x/a/deque"
// for "https://x/a/deque.html" and for "https://x/a/deque/", "https://x/docs/api" for
// "https://x/docs/api/index.html" (a folder's index file names the folder; query dropped).
// Empty for the site's root, which is every page's folder and so no page's own.
inline std::string_view page_folder(std::string_view page) {
  page = page.substr(0, page.find('?'));
  const std::size_t path = path_start(page);
  if (path == std::string_view::npos) return {};
  std::string_view folder;
  if (page.ends_with('/')) {
    folder = page.substr(0, page.size() - 1);
  } else {
    const std::size_t slash = page.rfind('/');
    const std::string_view name = page.substr(slash + 1);
    if (is_index_file(name)) {
      folder = page.substr(0, slash);
    } else {
      const std::size_t dot = page.rfind('.');
      folder = dot != std::string_view::npos && dot > slash + 1 ? page.substr(0, dot) : page;
    }
  }
  return folder.size() <= path ? std::string_view() : folder;
}

// Whether `url` lies in the folder `page` names, at any depth (/a/deque/swap.html and
// /a/deque/x/y.html in /a/deque.html), or directly (the first only).
inline bool in_page_folder(std::string_view url, std::string_view page, bool directly) {
  url = url.substr(0, url.find('?'));
  const std::string_view folder = page_folder(page);
  if (folder.empty() || url.size() <= folder.size() + 1 || !url.starts_with(folder) || url[folder.size()] != '/') return false;
  if (!directly) return true;
  const std::string_view rest = url.substr(folder.size() + 1);
  const std::size_t slash = rest.find('/');
  return slash == std::string_view::npos || slash + 1 == rest.size();
}

/// Two page names read as one: the same letters and digits, case, separators and extension
/// aside, and a plural "s" ("keyword.html", "Keywords.htm"). No allocation.
bool same_name(std::string_view x, std::string_view y);

/// One topic in two versions of a site's tree: the same page name in folders that differ at
/// one level only (/en/c/error.html and /en/cpp/error.html, /docs/v1/x and /docs/v2/x). The
/// length of `a` up to and with the folder that differs ("https://x/en/c/"), 0 when they are
/// not versions of one page.
std::size_t version_folder(std::string_view a, std::string_view b);

}  // namespace sitegraph
