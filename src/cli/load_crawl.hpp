#pragma once
// Step two of an audit: the target turned into a crawl (CrawlResult), one loader per kind of
// target: a live site or a folder is crawled, a WARC archive replayed through the same crawl,
// a snapshot or an edge list read.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/audit_args.hpp"
#include "cli/audit_plan.hpp"
#include "sitegraph/crawl.hpp"
#include "sitegraph/journal.hpp"

namespace sitegraph::cli {

/// What a crawl reads before it starts, read before Ctrl-C is watched (an interrupted load
/// writes nothing): the --since snapshot, the --resume journal, the --urls list.
struct CrawlInputs {
  std::optional<CrawlResult> previous;    ///< --since
  std::unique_ptr<CrawlJournal> journal;  ///< `crawl --resume DIR`
  std::vector<std::string> known_urls;    ///< --urls
};

/// Reads them. Throws UsageError naming the flag when one cannot be used.
CrawlInputs read_crawl_inputs(const AuditPlan& plan, const AuditArgs& args);

struct LoadedCrawl {
  CrawlResult crawl;
  std::unique_ptr<CrawlJournal> journal;  ///< `crawl --resume DIR`: the journal the crawl kept
  /// A checkpoint that could not be written: the crawl and its snapshot are kept, and the run
  /// ends with exit 3 once the snapshot is written.
  std::string journal_error;
};

/// Loads `plan.target`. `stop` is set by Ctrl-C / SIGTERM: a crawl then ends early, marked
/// incomplete. Throws UsageError for inputs that cannot be used (a corrupt snapshot, WARC or
/// edge list, --since, --urls or a journal of another site) and RunError when the run fails
/// (the start URL unreachable or answering an error, a WARC that cannot be recorded).
LoadedCrawl load_crawl(AuditPlan& plan, const AuditArgs& args, CrawlInputs inputs, const std::atomic<bool>& stop);

}  // namespace sitegraph::cli
