#pragma once
// The HTML report's building blocks, shared by html_report.cpp (page, cards, tables) and
// html_charts.cpp (SVG charts, the clusters section). Internal to src/report.

#include <cmath>
#include <concepts>
#include <cstdio>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

#include "io/chunked_writer.hpp"
#include "report/summary.hpp"
#include "sitegraph/report.hpp"
#include "report/report_text.hpp"

namespace sitegraph::html {

/// Buffered output (64 KiB chunks): `text` escapes web strings, `raw` is only for markup
/// written here.
class Html {
 public:
  explicit Html(std::ostream& out) : out_(out, kFlushBytes) {}

  Html& raw(std::string_view s) {
    out_.append(s);
    return *this;
  }
  Html& text(std::string_view s) {
    out_.text() += xml_escape(s);
    out_.settle();
    return *this;
  }
  template <std::integral T>
  Html& num(T n) {
    out_.text() += std::to_string(n);
    return *this;
  }
  /// %.6g; nothing for NaN, so a missing value is an empty cell.
  Html& real(double x, int precision = 6) {
    if (std::isnan(x)) return *this;
    char tmp[40];
    std::snprintf(tmp, sizeof tmp, "%.*g", precision, x);
    out_.text() += tmp;
    return *this;
  }
  /// An SVG coordinate or length.
  Html& px(double x) {
    char tmp[40];
    std::snprintf(tmp, sizeof tmp, "%.1f", x);
    out_.text() += tmp;
    return *this;
  }
  void flush() { out_.flush(); }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 16;
  ChunkedWriter out_;
};

/// At most `max_bytes` of `s`, cut on a UTF-8 character boundary, "…" when cut.
inline std::string clip(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "\xE2\x80\xA6";
}

inline std::string format_value(double x, bool integers) {
  char tmp[40];
  if (integers) std::snprintf(tmp, sizeof tmp, "%.0f", x);
  else std::snprintf(tmp, sizeof tmp, "%.4g", x);
  return tmp;
}

// Only web URLs become links: a javascript: or data: URL found on a page stays text.
inline void write_url(Html& h, std::string_view url) {
  if (url.starts_with("http://") || url.starts_with("https://")) {
    h.raw("<a href=\"").text(url).raw("\" rel=\"noopener noreferrer nofollow\">").text(url).raw("</a>");
  } else {
    h.text(url);
  }
}

inline void url_cell(Html& h, const SiteGraph& graph, UrlId id) {
  h.raw("<td class=\"url\">");
  if (id != kNoUrl && id < graph.size()) write_url(h, graph.url(id));
  h.raw("</td>");
}

template <std::integral T>
inline void int_cell(Html& h, T n) {
  h.raw("<td class=\"num\" data-sort=\"").num(n).raw("\">").num(n).raw("</td>");
}

inline void real_cell(Html& h, double x) {
  h.raw("<td class=\"num\" data-sort=\"").real(x, 12).raw("\">").real(x).raw("</td>");
}

// 0 info, 1 warning, 2 error; -1 for a name this version does not know (a baseline file).
inline int severity_rank(std::string_view name) {
  for (const Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (severity_name(s) == name) return static_cast<int>(s);
  }
  return -1;
}

inline void severity_cell(Html& h, std::string_view name) {
  const int rank = severity_rank(name);
  h.raw("<td data-sort=\"").num(rank).raw("\"><span class=\"badge");
  if (rank >= 0) h.raw(" sev-").raw(name);
  h.raw("\">").text(name).raw("</span></td>");
}

inline void table_head(Html& h, std::string_view id, std::initializer_list<std::string_view> columns, bool filter) {
  if (filter) {
    // Hidden until the script runs: without JavaScript it would do nothing.
    h.raw("<input class=\"filter\" type=\"search\" hidden placeholder=\"Filter rows\" aria-label=\"Filter ")
        .raw(id).raw("\" data-table=\"").raw(id).raw("\">\n");
  }
  h.raw("<div class=\"table-wrap\"><table id=\"").raw(id).raw("\" class=\"sortable\"><thead><tr>");
  for (const std::string_view c : columns) h.raw("<th scope=\"col\">").raw(c).raw("</th>");
  h.raw("</tr></thead>\n<tbody>\n");
}

inline void more_note(Html& h, std::size_t total, std::size_t shown, std::string_view what) {
  h.raw("</tbody></table></div>\n");
  if (total <= shown) return;
  h.raw("<p class=\"note more\" data-more=\"").num(total - shown).raw("\">Showing ").num(shown).raw(" of ").num(total)
      .raw(" ").raw(what).raw("; ").num(total - shown).raw(" more not shown (see --format json or csv).</p>\n");
}

/// The charts section: crawl depth, equity, inlinks by placement.
void write_charts(Html& h, const ReportContext& report, const ReportSummary& s);
/// The clusters section: equity by cluster, the links between clusters, the clusters table.
void write_clusters(Html& h, const ReportContext& report);
/// --segments: the segments' figures and the equity flow between them as a heat map.
void write_segments(Html& h, const ReportContext& report);

}  // namespace sitegraph::html
