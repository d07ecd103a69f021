// sitegraph's entry point: the only place (with the rest of src/cli/) that knows about
// CLI11 and exit codes.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "cli/audit_command.hpp"
#include "cli/config_file.hpp"
#include "cli/diff_command.hpp"
#include "cli/export_command.hpp"
#include "cli/import_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/links_command.hpp"
#include "cli/robots_command.hpp"
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

// True when the command line asks for --help or --version.
bool wants_help_or_version(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help" || arg == "-V" || arg == "--version") return true;
  }
  return false;
}

// For a flag given to a command that does not have it while another command does
// ("sitegraph crawl SITE --fail-on broken-link"), what to say; empty otherwise.
std::string flag_of_another_command(const CLI::App& app, int argc, char** argv) {
  const std::vector<CLI::App*> typed = app.get_subcommands();
  if (typed.size() != 1) return {};
  const CLI::App& command = *typed.front();
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--") break;
    if (flag.rfind("--", 0) != 0) continue;
    flag = flag.substr(0, flag.find('='));
    if (command.get_option_no_throw(flag) != nullptr || app.get_option_no_throw(flag) != nullptr) continue;
    std::vector<std::string> owners;
    for (const CLI::App* other : app.get_subcommands({})) {
      if (other != &command && other->get_option_no_throw(flag) != nullptr) owners.push_back(other->get_name());
    }
    if (owners.empty()) continue;
    std::string names;
    for (std::size_t k = 0; k < owners.size(); ++k) names += (k == 0 ? "" : k + 1 == owners.size() ? " and " : ", ") + owners[k];
    return "'sitegraph " + command.get_name() + "' has no option " + flag + "; it is an option of sitegraph " + names +
           (command.get_name() == "crawl" ? " (crawl saves the site as a snapshot; 'sitegraph audit SNAPSHOT " + flag + " ...' judges it)" : "") +
           "; 'sitegraph " + command.get_name() + " --help' lists its options";
  }
  return {};
}

// Whether the command line gives `option` (any of its names: "--max-pages N", "--max-pages=N",
// "-c N", "-cN"), or `flag` when the option is not known.
bool given_on_command_line(const CLI::Option* option, const std::string& flag, int argc, char** argv) {
  std::vector<std::string> longs{flag};
  std::vector<std::string> shorts;
  if (option != nullptr) {
    for (const std::string& l : option->get_lnames()) longs.push_back("--" + l);
    for (const std::string& c : option->get_snames()) shorts.push_back("-" + c);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    for (const std::string& l : longs) {
      if (arg == l || arg.rfind(l + "=", 0) == 0) return true;
    }
    for (const std::string& c : shorts) {
      if (arg.rfind(c, 0) == 0 && !arg.starts_with("--")) return true;
    }
  }
  return false;
}

// The config file the parse read: --config FILE, or ./sitegraph.toml.
std::string config_file_read(const CLI::App& app) {
  const CLI::Option* option = app.get_config_ptr();
  return option && option->count() > 0 ? option->as<std::string>() : "sitegraph.toml";
}

// Where the config file sets the flag `name` whose value was refused, when the value came from
// there (the command line does not give the flag); line 0 otherwise. The command's own section
// first: [crawl] and [audit] may both set a key.
sitegraph::cli::ConfigKey config_key_of_value(const CLI::App& app, const std::string& file, const std::string& name, int argc,
                                              char** argv) {
  const std::vector<CLI::App*> typed = app.get_subcommands();
  const CLI::Option* option = typed.size() == 1 ? typed.front()->get_option_no_throw("--" + name) : nullptr;
  if (given_on_command_line(option, "--" + name, argc, argv)) return {};
  sitegraph::cli::ConfigKey where;
  if (typed.size() == 1) where = sitegraph::cli::find_config_key(file, typed.front()->get_name() + "." + name);
  if (where.line == 0) where = sitegraph::cli::find_config_key(file, name);
  return where;
}


// A config error, as every usage error: the file, its line when known, what is wrong.
int config_error(const std::string& file, std::size_t line, const std::string& message) {
  if (line > 0) {
    spdlog::error("config file {} line {}: {}", file, line, message);
  } else {
    spdlog::error("config file {}: {}", file, message);
  }
  return sitegraph::cli::kExitUsage;
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
  } catch (const CLI::ConfigError& e) {
    if (wants_help_or_version(argc, argv)) {
      // A broken config file must not hide the help that explains it: ask again without it.
      app.clear();
      add_config_file(app, true);
      try {
        app.parse(argc, argv);
      } catch (const CLI::ParseError& again) {
        return app.exit(again) == 0 ? kExitClean : kExitUsage;
      }
    }
    // CLI11's words ("INI was not able to parse audit.bogus") name neither the file, the line
    // nor the fix.
    const std::string file = config_file_read(app);
    std::string message = e.what();
    const std::string unknown = "INI was not able to parse ";
    if (message.rfind(unknown, 0) == 0) {
      const std::string key = message.substr(unknown.size());
      message = "'" + key + "' is not a setting ('sitegraph config --dump' lists every one)";
      return config_error(file, find_config_key(file, key).line, message);
    }
    return config_error(file, 0, message);
  } catch (const CLI::ConversionError& e) {
    // "Could not convert: --max-pages = abc": from the config file when the command line does
    // not give the flag; then the file and its line are where the fix is.
    const std::string what = e.what();
    const std::string prefix = "Could not convert: --";
    const std::size_t equals = what.find(" = ");
    if (what.rfind(prefix, 0) == 0 && equals != std::string::npos) {
      const std::string name = what.substr(prefix.size(), equals - prefix.size());
      const std::string file = config_file_read(app);
      if (const ConfigKey where = config_key_of_value(app, file, name, argc, argv); where.line > 0) {
        return config_error(file, where.line, "'" + where.dotted + "' = " + what.substr(equals + 3) + " is not a value --" + name +
                                                  " takes ('sitegraph audit --help' says what it takes)");
      }
    }
    spdlog::error("{} ('sitegraph --help', 'sitegraph audit --help' list the options)", what);
    return kExitUsage;
  } catch (const CLI::ValidationError& e) {
    // "--concurrency: Value lots not in range 1 to 1024", likewise.
    const std::string what = e.what();
    const std::size_t colon = what.find(": ");
    if (what.rfind("--", 0) == 0 && colon != std::string::npos) {
      const std::string name = what.substr(2, colon - 2);
      const std::string file = config_file_read(app);
      if (const ConfigKey where = config_key_of_value(app, file, name, argc, argv); where.line > 0) {
        return config_error(file, where.line, "'" + where.dotted + "': " + what.substr(colon + 2) +
                                                  " ('sitegraph audit --help' says what --" + name + " takes)");
      }
    }
    spdlog::error("{} ('sitegraph --help', 'sitegraph audit --help' list the options)", what);
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    // "sitegraph bogus": CLI11 says only that a subcommand is required.
    if (const std::string first = argc > 1 ? argv[1] : ""; !first.empty() && first[0] != '-' && app.get_subcommands().empty() &&
                                                           dynamic_cast<const CLI::RequiredError*>(&e)) {
      std::string names;
      for (const CLI::App* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
      spdlog::error("'{}' is not a command; the commands are {} ('sitegraph --help' says what each does)", first, names);
      return kExitUsage;
    }
    if (e.get_exit_code() == 0) return app.exit(e) == 0 ? kExitClean : kExitUsage;  // --help, --version
    // "crawl --fail-on x": CLI11 says "The following arguments were not expected: x --fail-on".
    // Name the flag, and the command that has it.
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      if (const std::string misplaced = flag_of_another_command(app, argc, argv); !misplaced.empty()) {
        spdlog::error("{}", misplaced);
        return kExitUsage;
      }
    }
    // One error model: the usual prefix, as every other usage error has.
    spdlog::error("{} ('sitegraph --help', 'sitegraph audit --help' list the options)", e.what());
    return kExitUsage;
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
