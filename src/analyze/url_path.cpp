// Where URLs stand in a site's tree (url_path.hpp): versions of one page.

#include "analyze/url_path.hpp"

#include <algorithm>
#include <cctype>

namespace sitegraph {

namespace {

// A URL's path, query dropped, without its first '/': "en/cpp/error.html".
std::string_view path_part(std::string_view url) {
  const std::size_t start = path_start(url);
  if (start == std::string_view::npos) return {};
  url = url.substr(start + 1);
  return url.substr(0, url.find('?'));
}

}  // namespace

// Two page names read as one: the same letters and digits, case, separators and extension aside,
// and a plural "s" ("keyword.html", "Keywords.htm", "key_word"). No allocation: it runs per link.
bool same_name(std::string_view x, std::string_view y) {
  // The extension is the letters after the last dot: "3.11.html" is "3.11", never "3".
  const auto stem = [](std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return name;
    const bool letters = std::all_of(name.begin() + static_cast<std::ptrdiff_t>(dot) + 1, name.end(),
                                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    return letters ? name.substr(0, dot) : name;
  };
  x = stem(x);
  y = stem(y);
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    while (i < x.size() && !alnum(x[i])) ++i;
    while (j < y.size() && !alnum(y[j])) ++j;
    if (i == x.size() || j == y.size()) break;
    if (lower(x[i]) != lower(y[j])) return false;
    ++i;
    ++j;
  }
  const auto rest = [&](std::string_view s, std::size_t k) {  // what is left: nothing or a plural "s"
    std::size_t letters = 0;
    bool plural = false;
    for (; k < s.size(); ++k) {
      if (!alnum(s[k])) continue;
      ++letters;
      plural = lower(s[k]) == 's';
    }
    return letters == 0 || (letters == 1 && plural);
  };
  return rest(x, i) && rest(y, j);
}

// One topic in two versions of a site's tree: the same page name in folders that differ at
// one level only, as /en/c/error.html and /en/cpp/error.html (two languages of a reference),
// /docs/v1/install.html and /docs/v2/install.html, /de/about/ and /en/about/. The names are
// compared as words ("keyword" and "keywords" are one name). Returns the length of `a` up to
// and with the folder that differs ("https://x/en/cpp/": a's version), 0 when they are not
// versions of one page. Run per link: no allocation unless the folders match.
std::size_t version_folder(std::string_view a, std::string_view b) {
  const std::size_t host = path_start(a);
  if (host == std::string_view::npos || a.substr(0, host) != b.substr(0, path_start(b))) return 0;
  std::string_view x = path_part(a);
  std::string_view y = path_part(b);
  // A folder's URL is named by its last folder: /de/about/ is "about".
  if (x.ends_with('/')) x.remove_suffix(1);
  if (y.ends_with('/')) y.remove_suffix(1);
  if (x.empty() || y.empty() || std::count(x.begin(), x.end(), '/') != std::count(y.begin(), y.end(), '/')) return 0;
  std::size_t differ = 0;
  std::size_t folder_end = 0;
  for (std::size_t offset = host + 1;;) {
    const std::size_t sx = x.find('/');
    if (sx == std::string_view::npos) break;  // x and y are now the page names
    const std::size_t sy = y.find('/');
    if (x.substr(0, sx) != y.substr(0, sy)) {
      ++differ;
      folder_end = offset + sx + 1;
    }
    offset += sx + 1;
    x.remove_prefix(sx + 1);
    y.remove_prefix(sy + 1);
  }
  return differ == 1 && !x.empty() && !y.empty() && same_name(x, y) ? folder_end : 0;
}
}  // namespace sitegraph
