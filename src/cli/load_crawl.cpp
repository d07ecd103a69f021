// One loader per kind of target (load_crawl.hpp).

#include "cli/load_crawl.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "crawl/scope.hpp"
#include "sitegraph/error.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/snapshot.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/warc.hpp"

namespace sitegraph::cli {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One updating line on a terminal; a plain log line every N responses with --log-every.
std::function<void(const CrawlProgress&)> progress_reporter(std::size_t log_every) {
  const bool live = isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info;
  if (!live && log_every == 0) return {};
  auto last_logged = std::make_shared<std::size_t>(0);
  return [live, log_every, last_logged](const CrawlProgress& p) {
    const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
    std::string line = fmt::format("{} done, {} queued, {} fetching, {} parsing, {:.0f}/s, {} errors, {:.1f} s",
                                   p.done, p.queued, p.in_flight, p.parsing, rate, p.errors, p.seconds);
    // Adaptive politeness: say that the crawl holds back, and why, while it does.
    if (p.hosts_slowed == 1) {
      line += fmt::format(", slowed to {} of {} in flight ({})", p.slowed->to, p.slowed->ceiling,
                          p.slowed->reason == "slow" ? "slow answers" : p.slowed->reason);
    } else if (p.hosts_slowed > 1) {
      line += fmt::format(", {} hosts slowed down", p.hosts_slowed);
    }
    // The progress line rewrites itself: a terminal control sequence, not a log record.
    if (live) std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), p.finished ? "\n" : "");
    if (log_every > 0 && (p.done >= *last_logged + log_every || (p.finished && p.done != *last_logged))) {
      *last_logged = p.done;
      if (!live) spdlog::info("{}", line);
    }
  };
}

// --urls for a graph that was not crawled (a snapshot, an edge list): listed URLs missing
// from it become pages assumed live, so an unlinked one is an orphan.
void mark_known_pages(CrawlResult& crawl, const std::vector<std::string>& urls) {
  SiteGraph& graph = crawl.graph;
  const auto start = split_url(graph.url(crawl.start));
  for (const std::string& raw : urls) {
    UrlId id = graph.find(raw);
    const auto url = normalize_url(raw);
    if (id == kNoUrl && url) id = graph.find(*url);
    if (id == kNoUrl) {
      const auto parts = url ? split_url(*url) : std::nullopt;
      if (start && (!parts || parts->host != start->host)) continue;  // another site's URL
      id = graph.add_url(url ? *url : raw);
      Page& p = graph.page(id);
      p.internal = true;
      p.outcome = FetchOutcome::kResponse;
      p.status = 200;
    }
    graph.page(id).listed = true;
  }
}

// Why the run as a whole failed, or empty when it produced a report worth reading. The
// start URL is judged where its redirects end.
std::string run_failure(const CrawlResult& crawl) {
  const SiteGraph& graph = crawl.graph;
  const UrlId final_id = graph.final_target(crawl.start);
  if (final_id == kNoUrl) return "the start URL " + std::string(graph.url(crawl.start)) + " redirects in a loop";
  const Page& start = graph.page(final_id);
  const std::string url(graph.url(final_id));
  if (!start.internal) {
    return "the start URL " + std::string(graph.url(crawl.start)) + " redirects to " + url +
           ", another site; audit that URL directly";
  }
  switch (start.outcome) {
    case FetchOutcome::kResponse:
      if (start.status >= 400) return "the start URL " + url + " answered HTTP " + std::to_string(start.status);
      return {};
    case FetchOutcome::kRobotsBlocked:
      return "the start URL " + url + " is disallowed by robots.txt (robots.txt answered " + crawl.robots.status +
             "); use --no-robots to audit anyway";
    case FetchOutcome::kExcluded: return "the start URL " + url + " is outside the crawl scope (--include, --exclude, --no-parent)";
    case FetchOutcome::kNotFetched:
      if (crawl.stop_reason == "interrupted") return "";
      if (final_id != crawl.start && crawl.limits.redirects_cut > 0) {
        return "the start URL " + std::string(graph.url(crawl.start)) + " redirects more than --max-redirects times (not followed past " +
               url + ")";
      }
      return "the start URL " + url + " was not fetched";
    default: return "cannot fetch the start URL " + url + ": " + std::string(outcome_name(start.outcome));
  }
}

// Reads a file a flag names, with the flag before the reason in the message.
template <typename Read>
auto read_for_flag(const char* flag, Read&& read) {
  try {
    return read();
  } catch (const Error& e) {
    throw UsageError(std::string(flag) + ": " + e.what());
  }
}

CrawlResult read_graph_file(const std::filesystem::path& path, bool snapshot, const AuditArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  CrawlResult crawl;
  if (snapshot) {
    crawl = read_snapshot(path);
  } else {
    CsvTable table;
    try {
      table = read_csv_file(path.string());  // its errors name the file
    } catch (const InputError& e) {
      throw UsageError(e.what());
    }
    try {
      crawl = import_edge_list(table, args.start);
    } catch (const InputError& e) {
      throw UsageError(path.string() + ": " + e.what());
    }
  }
  spdlog::debug("{} read in {:.2f} s", args.target, seconds_since(started));
  return crawl;
}

CrawlResult replay_warc(const WarcFiles& warc, AuditPlan& plan, const AuditArgs& args) {
  auto archive = std::make_shared<WarcArchive>();
  for (const auto& file : warc.files) archive->read(file);
  const WarcStats& stats = archive->stats();
  spdlog::info("WARC: {} records, {} responses, {} revisits, {} skipped", stats.records, stats.responses, stats.revisits,
               stats.skipped);
  const std::optional<std::string> start = args.start.empty() ? std::optional<std::string>(stats.first_url) : normalize_url(args.start);
  if (!start || start->empty()) {
    throw UsageError(args.start.empty() ? "the archive holds no HTML page to start from; give --start URL"
                                        : "--start '" + args.start + "' is not a valid http(s) URL");
  }
  plan.crawl.start_url = *start;
  limit_crawl_scope(plan.crawl, args);
  spdlog::info("replaying {} from {}", warc.files.front().string(), *start);
  std::unique_ptr<Fetcher> fetcher = make_warc_fetcher(archive, plan.fetch);
  return crawl_site(*fetcher, plan.crawl);
}

// A live site or a folder, optionally recorded as WARC (--warc) and journaled (--resume).
CrawlResult crawl_target(const AuditPlan& plan, const AuditArgs& args, LoadedCrawl& loaded) {
  const auto* folder = std::get_if<SiteFolder>(&plan.target);
  std::unique_ptr<Fetcher> fetcher = folder ? make_folder_fetcher(folder->folder, folder->base_url, plan.fetch)
                                            : make_http_fetcher(plan.fetch);
  WarcRecorder* recorder = nullptr;
  if (!args.warc_out.empty()) {
    try {
      std::unique_ptr<WarcRecorder> recording = make_warc_recorder(std::move(fetcher), args.warc_out);
      recorder = recording.get();
      fetcher = std::move(recording);
    } catch (const WarcError& e) {
      throw RunError(std::string("--warc: ") + e.what());
    }
  }
  spdlog::info("crawling {}", folder ? folder->folder.string() + " as " + folder->base_url + " from " + plan.crawl.start_url : plan.crawl.start_url);
  CrawlResult crawl = crawl_site(*fetcher, plan.crawl);
  // A failed checkpoint does not cost the crawl: the snapshot is still written.
  if (loaded.journal && !loaded.journal->finish(loaded.journal_error)) loaded.journal_error = "--resume: " + loaded.journal_error;
  if (recorder) {
    try {
      recorder->finish();
    } catch (const WarcError& e) {
      throw RunError(std::string("--warc: ") + e.what());
    }
  }
  return crawl;
}


// --since names a crawl of the site being crawled: another site's pages would all be
// requested as "known", and none would match.
void check_same_site(const CrawlResult& previous, const AuditPlan& plan, const AuditArgs& args) {
  if (plan.crawl.start_url.empty() || previous.start >= previous.graph.size()) return;
  const std::string before(previous.graph.url(previous.start));
  if (!Scope(plan.crawl.start_url).contains(before)) {
    throw UsageError("--since: " + args.since + " is a crawl of " + before + ", another site than " + plan.crawl.start_url);
  }
}

}  // namespace

CrawlInputs read_crawl_inputs(const AuditPlan& plan, const AuditArgs& args) {
  CrawlInputs inputs;
  if (!args.since.empty()) inputs.previous = read_for_flag("--since", [&] { return read_snapshot(args.since); });
  if (inputs.previous) check_same_site(*inputs.previous, plan, args);
  if (!args.resume.empty()) {
    const auto every = std::chrono::milliseconds(static_cast<long>(args.checkpoint_seconds * 1000));
    inputs.journal = std::make_unique<CrawlJournal>(args.resume, plan.crawl.start_url, every);
  }
  if (!args.urls.empty()) inputs.known_urls = read_for_flag("--urls", [&] { return read_url_list(args.urls); });
  return inputs;
}

LoadedCrawl load_crawl(AuditPlan& plan, const AuditArgs& args, CrawlInputs inputs, const std::atomic<bool>& stop) {
  if (args.insecure) spdlog::warn("--insecure: TLS certificates are not verified; a man in the middle could feed this audit");
  plan.crawl.stop = &stop;
  plan.crawl.on_progress = progress_reporter(args.log_every);
  plan.crawl.previous = inputs.previous ? &*inputs.previous : nullptr;
  plan.crawl.journal = inputs.journal.get();
  plan.crawl.known_urls = std::move(inputs.known_urls);
  LoadedCrawl loaded;
  loaded.journal = std::move(inputs.journal);
  if (const auto* snapshot = std::get_if<SnapshotFile>(&plan.target)) {
    loaded.crawl = read_graph_file(snapshot->path, true, args);
  } else if (const auto* edges = std::get_if<EdgeListFile>(&plan.target)) {
    loaded.crawl = read_graph_file(edges->path, false, args);
  } else if (const auto* warc = std::get_if<WarcFiles>(&plan.target)) {
    loaded.crawl = replay_warc(*warc, plan, args);
  } else {
    loaded.crawl = crawl_target(plan, args, loaded);
  }
  if (!is_crawled(plan.target) && !std::holds_alternative<WarcFiles>(plan.target)) mark_known_pages(loaded.crawl, plan.crawl.known_urls);
  plan.crawl.previous = nullptr;  // the previous crawl ends with this function
  plan.crawl.journal = nullptr;   // the journal lives on in `loaded`
  if (stop.load()) {
    spdlog::warn("interrupted: what was crawled is reported, marked incomplete (interrupted); Ctrl-C again leaves at once");
  }
  if (std::string failure = run_failure(loaded.crawl); !failure.empty()) {
    // A folder's 404 is a missing file: say which, and how to start elsewhere.
    if (std::holds_alternative<SiteFolder>(plan.target) && failure.ends_with("answered HTTP 404")) {
      failure += ": the folder has no file for it (a folder URL is its index.html); give --start PAGE";
    }
    throw RunError(failure);
  }
  return loaded;
}

}  // namespace sitegraph::cli
