#pragma once
// The report stage: writers that present a finished audit; they never recompute a metric.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"

namespace sitegraph {

/// What the user asked for, echoed in reports so a report says how it was made.
struct RunInfo {
  std::string target;         ///< URL or folder as given
  std::string mode;           ///< "http" or "folder"
  nlohmann::json settings;    ///< effective crawl settings
};

inline constexpr int kReportVersion = 1;

/// The JSON report, documented in docs/report.md.
nlohmann::json json_report(const RunInfo& run, const CrawlResult& crawl, const Audit& audit);

struct TextReportOptions {
  std::size_t top = 10;         ///< rows in top-N lists
  std::size_t max_findings = 50;  ///< findings shown per rule before "... and N more"
};

/// Text from the web made safe for a terminal: control characters (ESC, CR, ...) become '?',
/// so a page cannot drive the reader's terminal; at most `max_bytes` kept.
std::string terminal_safe(std::string_view text, std::size_t max_bytes = 200);

/// The readable report: summary first, then findings grouped by rule.
void write_text_report(std::ostream& out, const RunInfo& run, const CrawlResult& crawl,
                       const Audit& audit, const TextReportOptions& options = {});

}  // namespace sitegraph
