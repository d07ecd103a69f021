#pragma once
// Every output format sitegraph writes, listed once: the name `--format` takes, the file (or
// files) it writes, and one writer interface. `audit -f`, `export -f`, -o DIR's default file
// names and --help all read this table.

#include <ostream>
#include <string_view>
#include <vector>

#include "sitegraph/diff.hpp"
#include "sitegraph/report.hpp"

namespace sitegraph {

/// What a writer may add beyond the audit: colour (the text report on a terminal) and what
/// changed since the previous run (--history; text, Markdown and JSON).
struct ReportExtras {
  const RunDiff* since_previous = nullptr;
  const WhatIfDiff* what_if = nullptr;
  bool color = false;
};

/// Writes one file of a format. Writers stream: a big site's report is never held whole.
using ReportWriter = void (*)(std::ostream& out, const ReportContext& report, const ReportExtras& extras);

struct ReportFile {
  std::string_view name;  ///< its name under -o DIR (report.json, pages.csv, ...)
  ReportWriter write;
};

struct ReportFormat {
  std::string_view name;    ///< as --format takes it
  bool graph_export;        ///< also a format of `sitegraph export`
  bool directory;           ///< written as several files in a directory of its own (csv, webgraph, graphframes)
  std::vector<ReportFile> files;  ///< one file, or the directory's files
};

/// The formats in the order --help lists them: reports first, then the graph exports.
const std::vector<ReportFormat>& report_formats();

/// The format named `name`, or null.
const ReportFormat* find_report_format(std::string_view name);

}  // namespace sitegraph
