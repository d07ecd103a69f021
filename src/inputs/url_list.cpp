// Lists of URLs the site is known to have (--urls) or that matter (--priority).


#include "sitegraph/inputs.hpp"
#include "text/trim.hpp"

namespace sitegraph {
namespace {

std::string trim(std::string_view s) { return std::string(trim_blanks(s)); }


}  // namespace

std::vector<std::string> read_url_list(const std::string& path) {
  const std::string bytes = read_input_file(path);
  CsvTable table;
  try {
    table = parse_csv(bytes);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  if (table.header.empty()) throw InputError(path + " is empty");
  std::vector<std::string> urls;
  // A CSV export (Search Console pages, analytics) names its URL column.
  if (const int column = table.column({"url", "urls", "page", "pages", "top pages", "address", "landing page", "loc"});
      column >= 0) {
    const auto c = static_cast<std::size_t>(column);
    for (const std::vector<std::string>& row : table.rows) {
      if (c < row.size() && !trim(row[c]).empty()) urls.push_back(trim(row[c]));
    }
    return urls;
  }
  // Else one URL per line, as written (a URL may hold a comma); '#' starts a comment line.
  std::string_view rest = bytes;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string line = trim(rest.substr(0, nl));
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line[0] != '#') urls.push_back(std::move(line));
  }
  return urls;
}

std::vector<std::pair<std::string, std::string>> read_url_keywords(const std::string& path) {
  CsvTable table;
  try {
    table = parse_csv(read_input_file(path));
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  const int url = table.column({"url", "urls", "page", "pages", "top pages", "address", "landing page", "loc"});
  const int keyword = table.column({"keyword", "keywords", "query", "top queries"});
  std::vector<std::pair<std::string, std::string>> out;
  if (url < 0 || keyword < 0) return out;
  for (const std::vector<std::string>& row : table.rows) {
    const auto u = static_cast<std::size_t>(url);
    const auto k = static_cast<std::size_t>(keyword);
    if (u < row.size() && k < row.size() && !trim(row[u]).empty() && !trim(row[k]).empty()) out.emplace_back(trim(row[u]), trim(row[k]));
  }
  return out;
}

}  // namespace sitegraph
