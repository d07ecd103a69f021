// sitegraph's entry point: the only place (with the rest of src/cli/) that knows about
// CLI11 and exit codes.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "cli/audit_command.hpp"
#include "cli/config_file.hpp"
#include "cli/diff_command.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/links_command.hpp"
#include "cli/robots_command.hpp"
#include "cli/usage_errors.hpp"
#include "sitegraph/analyze.hpp"
#include "sitegraph/version.hpp"

namespace {

constexpr const char* kFooter = R"(Exit codes:
  0    the findings met no --fail-on condition (or no --fail-on given)
  1    the findings met a --fail-on condition (RULE, RULE>N, severity>=LEVEL, new)
  2    usage or configuration error (unknown flag or config key, malformed URL, missing
       folder, an input file that cannot be read or is damaged, an output folder that takes
       no files), found before any crawling
  3    the run failed (start URL unreachable or disallowed, a report or snapshot whose write
       failed)
  130  interrupted (Ctrl-C / SIGTERM); the report was still written, marked incomplete

Commands: 'sitegraph audit --help' (the main job), 'sitegraph crawl --help' (a resumable crawl
into a snapshot), 'sitegraph diff --help' (two runs compared),
'sitegraph export --help' (the graph for Gephi, Graphviz, ...), 'sitegraph import --help' (WARC
archives), 'sitegraph links --help' (one page's links as sitegraph sees them), 'sitegraph
robots --help' (robots.txt tester), 'sitegraph config --dump' (the effective settings of
sitegraph.toml / --config and the flags).
Docs: docs/cli.md, docs/report.md, docs/rules.md.)";

// The analyzers allocate arrays of tens of millions of entries on big sites; on 4 KiB pages
// the page faults alone took half of their time on our test machines. glibc (2.35+) backs
// large allocations with transparent huge pages when its hugetlb tunable is set, which can
// only be read at process start: so the program sets it and starts itself again, once. A
// failed exec just runs on with normal pages. (Measured: all analyzers on 1M pages / 15M
// links, 58 s -> 19 s; docs/benchmarks.md.)
void use_huge_pages(char** argv) {
  if (std::getenv("SITEGRAPH_NO_HUGE_PAGES") || std::getenv("SITEGRAPH_REEXEC")) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;
  std::string value = tunables ? std::string(tunables) + ":glibc.malloc.hugetlb=1" : "glibc.malloc.hugetlb=1";
  setenv("GLIBC_TUNABLES", value.c_str(), 1);
  setenv("SITEGRAPH_REEXEC", "1", 1);
  // The real path (under valgrind, /proc/self/exe itself would name the tool, readlink the program).
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
    execv(self, argv);
  }
  unsetenv("SITEGRAPH_REEXEC");  // exec failed: go on as we are
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sitegraph::cli;
  use_huge_pages(argv);
  auto logger = spdlog::stderr_color_mt("sitegraph");
  logger->set_pattern("sitegraph: %^%l%$: %v");
  // https://no-color.org: set and not empty means no colour, in the log prefix too.
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) {
    for (auto& sink : logger->sinks()) {
      if (auto colored = std::dynamic_pointer_cast<spdlog::sinks::stderr_color_sink_mt>(sink)) colored->set_color_mode(spdlog::color_mode::never);
    }
  }
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"sitegraph: crawl a site (over HTTP or a built folder), build its internal link graph,\n"
               "and audit how link equity flows: orphan pages, crawl depth, PageRank and equity, broken\n"
               "links, redirects, weak inlinks, anchors, canonicals, clusters (" +
               std::to_string(sitegraph::rule_catalogue().size()) + " rules, docs/rules.md)."};
  app.name("sitegraph");
  app.footer(kFooter);
  app.set_version_flag("-V,--version", std::string("sitegraph ") + sitegraph::kVersion);
  app.require_subcommand(1);
  app.fallthrough();
  bool quiet = false;
  int verbose = 0;
  app.add_flag("-q,--quiet", quiet, "Only print errors on stderr");
  app.add_flag("-v,--verbose", verbose, "More log output on stderr (-vv for debug)");

  AuditArgs audit_args;
  CLI::App* audit = add_audit_command(app, audit_args);
  AuditArgs crawl_args;
  crawl_args.crawl_only = true;
  CLI::App* crawl = add_crawl_command(app, crawl_args);
  RobotsArgs robots_args;
  CLI::App* robots = add_robots_command(app, robots_args);
  LinksArgs links_args;
  CLI::App* links = add_links_command(app, links_args);
  DiffArgs diff_args;
  CLI::App* diff = add_diff_command(app, diff_args);
  ExportArgs export_args;
  CLI::App* export_cmd = add_export_command(app, export_args);
  ImportArgs import_args;
  CLI::App* import_cmd = add_import_command(app, import_args);
  add_config_file(app);
  CLI::App* config = app.add_subcommand("config", "Show the effective configuration (sitegraph.toml, --config, flags)");
  bool dump = false;
  config->add_flag("--dump", dump, "Print every audit setting as TOML: the defaults, overridden by the config file (the default)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (dynamic_cast<const CLI::ConfigError*>(&e) != nullptr && wants_help_or_version(argc, argv)) {
      // A broken config file must not hide the help that explains it: ask again without it.
      app.clear();
      add_config_file(app, true);
      try {
        app.parse(argc, argv);
      } catch (const CLI::ParseError& again) {
        return app.exit(again) == 0 ? kExitClean : kExitUsage;
      }
    }
    return report_parse_error(app, e, argc, argv);
  }
  if (crawl->parsed()) share_crawl_settings(*audit, *crawl);
  if (quiet) spdlog::set_level(spdlog::level::err);
  if (verbose > 0) spdlog::set_level(verbose > 1 ? spdlog::level::trace : spdlog::level::debug);
  try {
    if (audit->parsed()) return run_audit(audit_args);
    if (crawl->parsed()) return run_audit(crawl_args);
    if (robots->parsed()) return run_robots(robots_args);
    if (links->parsed()) return run_links(links_args);
    if (diff->parsed()) return run_diff(diff_args);
    if (export_cmd->parsed()) return run_export(export_args);
    if (import_cmd->parsed()) return run_import(import_args);
    if (config->parsed()) {
      std::cout << "# sitegraph " << sitegraph::kVersion << ": effective settings (sitegraph.toml or --config, then defaults)\n"
                << app.config_to_str(true, false);
      return kExitClean;
    }
  } catch (const sitegraph::Error& e) {
    // The one place an error becomes a message and an exit code (include/sitegraph/error.hpp).
    spdlog::error("{}", e.what());
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());  // a bug or a library error no module wrapped: the run failed
    return kExitRunFailed;
  }
  return kExitUsage;
}
