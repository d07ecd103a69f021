#pragma once
// Step one of an audit: the flags checked against each other and turned into one plan, before
// anything is fetched or read. A crawl can take hours; a typo must not cost them.

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "cli/audit_args.hpp"
#include "cli/finding_filters.hpp"
#include "cli/gate.hpp"
#include "cli/report_outputs.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/fetch.hpp"

namespace sitegraph::cli {

/// What an audit reads: one of five kinds of target, each with its own loader (load_crawl.hpp).
struct LiveSite {          ///< an http(s) URL, crawled
  std::string start_url;   ///< normalised, without credentials
  std::string userinfo;    ///< "user:password" taken out of the URL
};
struct SiteFolder {        ///< a built static site, crawled from disk as if served at base_url
  std::filesystem::path folder;
  std::string start_url;   ///< base_url, or --start resolved against it
  std::string base_url;    ///< --base-url (or guessed), ending in '/'
};
struct SnapshotFile {      ///< a saved crawl, re-analysed
  std::filesystem::path path;
};
struct EdgeListFile {      ///< another tool's link graph (CSV)
  std::filesystem::path path;
};
struct WarcFiles {         ///< archived responses, replayed through the crawl
  std::vector<std::filesystem::path> files;
};
using Target = std::variant<LiveSite, SiteFolder, SnapshotFile, EdgeListFile, WarcFiles>;

/// The run mode reports name: "http", "folder", "snapshot", "edge-list" or "warc".
const char* target_mode(const Target& target);

/// True for the targets that are crawled (a live site or a folder).
bool is_crawled(const Target& target);

/// --ignore and --severity, applied to this run's findings and to every earlier run's.
struct FindingFilters {
  std::vector<IgnoreRule> ignores;
  std::vector<SeverityOverride> severities;
};

/// Everything settled before the crawl: the target, the library options filled from the flags,
/// the gate, the finding filters and where each report goes.
struct AuditPlan {
  Target target;
  FetchOptions fetch;
  /// The crawl's options; load_crawl adds what is read or made at run time (the stop flag,
  /// the progress line, --since, --resume, --urls, a WARC's start URL).
  CrawlOptions crawl;
  /// The analysis options; the inputs that name pages (--backlinks, --clusters, --priority)
  /// are added once the graph is loaded (analysis_inputs.hpp).
  AuditOptions analysis;
  std::vector<GateCondition> gate;
  FindingFilters filters;
  std::vector<PlannedOutput> outputs;
};

/// --include, --exclude and --no-parent for a crawl from crawl.start_url (set): the folder
/// --no-parent keeps to, and the start URL checked to be inside the scope (UsageError if not).
void limit_crawl_scope(CrawlOptions& crawl, const AuditArgs& args);

/// A config file written by `config --dump` holds "" for a list left empty: not an item.
AuditArgs without_empty_items(AuditArgs args);

/// Checks the flags and builds the plan. Throws UsageError naming the flag and what to do:
/// a malformed --fail-on, formats and outputs that do not fit, an input file that is missing,
/// an output that cannot be written, flags that contradict each other or the target.
AuditPlan plan_audit(const AuditArgs& args);

/// The message plan_audit would throw, or "" when the flags make a plan (for the config fuzzer).
std::string audit_args_error(AuditArgs args);

}  // namespace sitegraph::cli
