// `sitegraph diff` in text, JSON and Markdown.

#include <fmt/format.h>

#include <cmath>
#include <iomanip>

#include "report/report_text.hpp"
#include "sitegraph/diff.hpp"

namespace sitegraph {
namespace {

using nlohmann::json;

json findings_json(const std::vector<PastFinding>& findings) {
  json out = json::array();
  for (const PastFinding& f : findings) {
    json j = {{"rule", f.rule}, {"severity", f.severity}, {"url", f.url}};
    if (!f.target.empty()) j["target"] = f.target;
    j["message"] = f.message;
    out.push_back(std::move(j));
  }
  return out;
}

json changes_json(const std::vector<PageChange>& changes, bool depth) {
  json out = json::array();
  for (const PageChange& c : changes) {
    const auto value = [depth](double x) { return depth && x < 0 ? json(nullptr) : depth ? json(static_cast<long>(x)) : json(x); };
    out.push_back({{"url", c.url}, {"before", value(c.before)}, {"after", value(c.after)}});
  }
  return out;
}

std::string depth_text(double d) { return d < 0 ? "unreachable" : std::to_string(static_cast<long>(d)); }

std::string number_text(double x, bool depth) {
  if (depth) return depth_text(x);
  std::ostringstream s;
  s << std::setprecision(4) << x;
  return s.str();
}

}  // namespace

// Per segment: each figure before and after (null where the segment was not in that run).
json segment_changes_json(const RunDiff& diff) {
  json out = json::array();
  const auto figures = [](const RunView::SegmentFigures& f, bool present) {
    if (!present) return json(nullptr);
    const auto num = [](double x) { return std::isnan(x) ? json(nullptr) : json(x); };
    return json{{"equity", num(f.equity)},   {"pagerank", num(f.pagerank)}, {"pages", num(f.pages)},
                {"max_depth", num(f.max_depth)}, {"orphans", num(f.orphans)},  {"broken_links", num(f.broken_links)},
                {"gini", num(f.gini)}, {"links_in", num(f.links_in)}, {"links_out", num(f.links_out)}};
  };
  for (const RunDiff::SegmentChange& c : diff.segments) {
    json movers = json::array();
    for (const PageChange& m : c.movers) movers.push_back({{"url", m.url}, {"before", m.before}, {"after", m.after}});
    out.push_back({{"name", c.name}, {"before", figures(c.before, c.in_before)}, {"after", figures(c.after, c.in_after)},
                   {"movers", std::move(movers)}});
  }
  return out;
}

json diff_json(const RunDiff& diff) {
  return {{"before", diff.before_source},
          {"after", diff.after_source},
          {"findings", {{"new", diff.new_findings.size()}, {"fixed", diff.fixed_findings.size()}, {"unchanged", diff.unchanged}}},
          {"new_findings", findings_json(diff.new_findings)},
          {"fixed_findings", findings_json(diff.fixed_findings)},
          {"pages", {{"before", diff.pages_before}, {"after", diff.pages_after}}},
          {"pages_added", diff.pages_added},
          {"pages_removed", diff.pages_removed},
          {"equity_changes", changes_json(diff.equity_changes, false)},
          {"pagerank_changes", changes_json(diff.pagerank_changes, false)},
          {"depth_changes", changes_json(diff.depth_changes, true)},
          {"segments", segment_changes_json(diff)}};
}

void write_diff_text(std::ostream& out, const RunDiff& diff, std::size_t max_rows) {
  out << "sitegraph diff " << terminal_safe(diff.before_source) << " -> " << terminal_safe(diff.after_source) << "\n\n"
      << "  findings   " << diff.new_findings.size() << " new, " << diff.fixed_findings.size() << " fixed, "
      << diff.unchanged << " unchanged\n"
      << "  pages      " << diff.pages_before << " -> " << diff.pages_after << " (" << diff.pages_added.size() << " added, "
      << diff.pages_removed.size() << " removed)\n\n";
  const auto findings = [&](const char* title, const std::vector<PastFinding>& list) {
    if (list.empty()) return;
    out << title << " (" << list.size() << ")\n";
    for (std::size_t i = 0; i < list.size() && i < max_rows; ++i) {
      out << "  [" << list[i].rule << "] " << terminal_safe(list[i].url);
      if (!list[i].target.empty()) out << " -> " << terminal_safe(list[i].target);
      out << "\n";
    }
    if (list.size() > max_rows) out << "  ... and " << list.size() - max_rows << " more\n";
    out << "\n";
  };
  findings("New findings", diff.new_findings);
  findings("Fixed findings", diff.fixed_findings);
  const auto urls = [&](const char* title, const std::vector<std::string>& list) {
    if (list.empty()) return;
    out << title << " (" << list.size() << ")\n";
    for (std::size_t i = 0; i < list.size() && i < max_rows; ++i) out << "  " << terminal_safe(list[i]) << "\n";
    if (list.size() > max_rows) out << "  ... and " << list.size() - max_rows << " more\n";
    out << "\n";
  };
  urls("Pages added", diff.pages_added);
  urls("Pages removed", diff.pages_removed);
  const auto changes = [&](const char* title, const std::vector<PageChange>& list, bool depth) {
    if (list.empty()) return;
    out << title << "\n";
    for (const PageChange& c : list) {
      out << "  " << std::setw(11) << number_text(c.before, depth) << " -> " << std::left << std::setw(11)
          << number_text(c.after, depth) << std::right << "  " << terminal_safe(c.url) << "\n";
    }
    out << "\n";
  };
  changes("Largest equity changes", diff.equity_changes, false);
  changes("Largest PageRank changes", diff.pagerank_changes, false);
  changes("Largest crawl-depth changes (clicks)", diff.depth_changes, true);
  if (!diff.segments.empty()) {
    out << "Segments (equity before -> after, pages, orphans, deepest page, links in and out), largest equity change first,\n"
           "each with its pages whose equity changed most\n";
    for (std::size_t i = 0; i < diff.segments.size() && i < max_rows; ++i) {
      const RunDiff::SegmentChange& c = diff.segments[i];
      const auto share = [](const RunView::SegmentFigures& f, bool present) {
        return present ? fmt::format("{:.2f}%", f.equity * 100) : std::string("-");
      };
      const auto count = [](double before, bool b, double after, bool a) {
        return (b ? fmt::format("{:.0f}", before) : std::string("-")) + " -> " + (a ? fmt::format("{:.0f}", after) : std::string("-"));
      };
      out << "  " << std::setw(8) << share(c.before, c.in_before) << " -> " << std::left << std::setw(8) << share(c.after, c.in_after)
          << std::right << "  pages " << count(c.before.pages, c.in_before, c.after.pages, c.in_after) << ", orphans "
          << count(c.before.orphans, c.in_before, c.after.orphans, c.in_after) << ", depth "
          << count(c.before.max_depth, c.in_before, c.after.max_depth, c.in_after) << ", links in "
          << count(c.before.links_in, c.in_before, c.after.links_in, c.in_after) << ", out "
          << count(c.before.links_out, c.in_before, c.after.links_out, c.in_after) << "  " << terminal_safe(c.name) << "\n";
      for (std::size_t k = 0; k < c.movers.size() && k < 3; ++k) {
        out << "      " << number_text(c.movers[k].before, false) << " -> " << number_text(c.movers[k].after, false) << "  "
            << terminal_safe(c.movers[k].url) << "\n";
      }
    }
    if (diff.segments.size() > max_rows) out << "  ... and " << diff.segments.size() - max_rows << " more\n";
    out << "\n";
  }
}

void write_diff_markdown(std::ostream& out, const RunDiff& diff, std::size_t max_rows) {
  out << "## sitegraph diff\n\n"
      << "| | before | after |\n|---|---:|---:|\n"
      << "| pages | " << diff.pages_before << " | " << diff.pages_after << " |\n\n"
      << "Findings: **" << diff.new_findings.size() << " new**, " << diff.fixed_findings.size() << " fixed, "
      << diff.unchanged << " unchanged. Pages: " << diff.pages_added.size() << " added, " << diff.pages_removed.size()
      << " removed.\n\n";
  const auto findings = [&](const char* title, const std::vector<PastFinding>& list) {
    if (list.empty()) return;
    out << "### " << title << " (" << list.size() << ")\n\n| rule | page | target |\n|---|---|---|\n";
    for (std::size_t i = 0; i < list.size() && i < max_rows; ++i) {
      out << "| `" << list[i].rule << "` | " << markdown_cell(list[i].url) << " | " << markdown_cell(list[i].target) << " |\n";
    }
    if (list.size() > max_rows) out << "\n... and " << list.size() - max_rows << " more\n";
    out << "\n";
  };
  findings("New findings", diff.new_findings);
  findings("Fixed findings", diff.fixed_findings);
  const auto urls = [&](const char* title, const std::vector<std::string>& list) {
    if (list.empty()) return;
    out << "### " << title << " (" << list.size() << ")\n\n";
    for (std::size_t i = 0; i < list.size() && i < max_rows; ++i) out << "- " << markdown_cell(list[i]) << "\n";
    if (list.size() > max_rows) out << "- ... and " << list.size() - max_rows << " more\n";
    out << "\n";
  };
  urls("Pages added", diff.pages_added);
  urls("Pages removed", diff.pages_removed);
  const auto changes = [&](const char* title, const std::vector<PageChange>& list, bool depth) {
    if (list.empty()) return;
    out << "### " << title << "\n\n| page | before | after |\n|---|---:|---:|\n";
    for (const PageChange& c : list) {
      out << "| " << markdown_cell(c.url) << " | " << number_text(c.before, depth) << " | " << number_text(c.after, depth) << " |\n";
    }
    out << "\n";
  };
  changes("Largest equity changes", diff.equity_changes, false);
  changes("Largest PageRank changes", diff.pagerank_changes, false);
  changes("Largest crawl-depth changes", diff.depth_changes, true);
  if (!diff.segments.empty()) {
    out << "### Segments\n\n| segment | equity before | equity after | pages | orphans | deepest page |\n|---|---:|---:|---:|---:|---:|\n";
    const auto share = [](const RunView::SegmentFigures& f, bool present) {
      return present ? fmt::format("{:.2f}%", f.equity * 100) : std::string("-");
    };
    const auto pair = [](double before, bool b, double after, bool a) {
      return (b ? fmt::format("{:.0f}", before) : std::string("-")) + " → " + (a ? fmt::format("{:.0f}", after) : std::string("-"));
    };
    for (std::size_t i = 0; i < diff.segments.size() && i < max_rows; ++i) {
      const RunDiff::SegmentChange& c = diff.segments[i];
      out << "| " << markdown_cell(c.name) << " | " << share(c.before, c.in_before) << " | " << share(c.after, c.in_after) << " | "
          << pair(c.before.pages, c.in_before, c.after.pages, c.in_after) << " | "
          << pair(c.before.orphans, c.in_before, c.after.orphans, c.in_after) << " | "
          << pair(c.before.max_depth, c.in_before, c.after.max_depth, c.in_after) << " |\n";
    }
    out << "\n";
  }
}

nlohmann::json what_if_json(const WhatIfDiff& what_if) {
  nlohmann::json out = diff_json(what_if.diff);
  out["file"] = what_if.file;
  out["changes"] = what_if.changes;
  out["warnings"] = what_if.warnings;
  return out;
}

void write_what_if_text(std::ostream& out, const WhatIfDiff& what_if, std::size_t max_rows) {
  out << "What if (--what-if " << terminal_safe(what_if.file) << "): " << what_if.changes << " change"
      << (what_if.changes == 1 ? "" : "s") << " applied";
  if (!what_if.warnings.empty()) out << ", " << what_if.warnings.size() << " not (see the warnings)";
  out << "; this report is of the changed graph\n";
  write_diff_text(out, what_if.diff, max_rows);
}

}  // namespace sitegraph
