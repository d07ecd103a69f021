// One line per finding, for formats that show a finding as a single message (JUnit, SARIF,
// GitHub annotations, CSV).

#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph {

std::string finding_target(const SiteGraph& graph, const Finding& f) {
  if (f.target == kNoUrl) return {};
  std::string target(graph.url(f.target));
  if (f.rule == "broken-fragment") target += "#" + f.href;
  return target;
}

std::string finding_detail(const SiteGraph& graph, const Finding& f) {
  std::string text = f.message;
  if (f.rule == "broken-fragment") return text + ": " + finding_target(graph, f);
  if (f.target != kNoUrl && f.rule != "anchor-conflict") text += ": " + std::string(graph.url(f.target));
  if (f.rule == "anchor-conflict" && f.target != kNoUrl) text += ", e.g. " + std::string(graph.url(f.target));
  if (!f.href.empty()) text += (f.rule == "invalid-url" ? " (href \"" : " (anchor \"") + f.href + "\")";
  if (f.line) text += " (line " + std::to_string(f.line) + ")";
  if (f.inconclusive) text += " (inconclusive: the crawl was incomplete)";
  return text;
}

}  // namespace sitegraph

#include <filesystem>

namespace sitegraph {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string source_file(const ReportContext& report, UrlId url) {
  namespace fs = std::filesystem;
  if (report.folder.empty() || url == kNoUrl || report.crawl.graph.size() == 0) return {};
  const std::string_view base = report.crawl.graph.url(report.crawl.start);
  const std::string_view page = report.crawl.graph.url(url);
  const std::size_t slash = base.rfind('/');
  const std::string_view prefix = base.substr(0, slash + 1);
  if (!page.starts_with(prefix)) return {};
  std::string relative = percent_decoded(page.substr(prefix.size(), page.find_first_of("?#", prefix.size()) - prefix.size()));
  if (relative.find("..") != std::string::npos || relative.find('\0') != std::string::npos) return {};
  fs::path file = fs::path(report.folder) / relative;
  std::error_code ec;
  if (relative.empty() || relative.back() == '/' || fs::is_directory(file, ec)) file /= "index.html";
  else if (!fs::exists(file, ec) && fs::exists(file.string() + ".html", ec)) file += ".html";
  if (!fs::is_regular_file(file, ec)) return {};
  return file.lexically_normal().string();
}

}  // namespace sitegraph
