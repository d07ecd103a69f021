#pragma once
// --format and --output: which report formats go where, and writing them. Several formats
// at once take one -o per format (in order) or one -o naming a directory.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "sitegraph/diff.hpp"
#include "sitegraph/report.hpp"
#include "sitegraph/report_formats.hpp"

namespace sitegraph::cli {

/// The names of the formats --format accepts ("text, json, ..."), from the one table of
/// formats (sitegraph/report_formats.hpp).
std::string format_names();

struct PlannedOutput {
  std::string format;
  std::string path;  ///< "" or "-": stdout; csv: a directory for pages.csv, links.csv, findings.csv
  bool make_directory = false;  ///< -o DIR or csv: create the directory the file goes into
};

/// Pairs formats with outputs; throws std::invalid_argument when they do not fit together
/// (two formats for stdout, csv without a directory, counts that do not match).
std::vector<PlannedOutput> plan_outputs(std::vector<std::string> formats, const std::vector<std::string>& outputs);

/// Why a file cannot be written at `path` (its folder missing, or `path` a folder), checked
/// before a crawl that could take hours; "" when it looks writable. "" or "-" is stdout.
std::string unwritable_reason(const std::string& path);

/// Why the directory an output creates (-o DIR/, csv, webgraph, graphframes) cannot be created:
/// it, or the nearest part of its path that exists, is a file; "" otherwise.
std::string uncreatable_reason(const PlannedOutput& output);

/// `--color auto|always|never` and NO_COLOR decide whether a text report on stdout is coloured.
bool use_color(const std::string& mode, const std::string& path);

/// Writes one planned output through a temporary file and a rename; throws RunError when it
/// cannot be written.
void write_planned_output(const PlannedOutput& output, const ReportContext& report, const ReportExtras& extras);

/// Calls `write` with a stream to `path` ("" or "-": stdout) that becomes the file only when
/// all of it was written (a temporary file and a rename); false when it could not be.
bool write_stream(const std::string& path, const std::function<void(std::ostream&)>& write);

/// Writes `text` to `path` ("" or "-": stdout) through a temporary file and a rename, so a
/// failure never leaves half a file over a good one.
bool write_output(const std::string& path, const std::string& text);

}  // namespace sitegraph::cli
