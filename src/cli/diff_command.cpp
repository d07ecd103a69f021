#include "cli/diff_command.hpp"

#include <sstream>

#include "cli/common.hpp"
#include "sitegraph/error.hpp"
#include "cli/exit_codes.hpp"
#include "cli/report_outputs.hpp"
#include "sitegraph/diff.hpp"
#include "sitegraph/inputs.hpp"
#include "sitegraph/snapshot.hpp"

namespace sitegraph::cli {
namespace {

// A JSON report as it is; a snapshot audited with the default options.
RunView load_run(const std::string& path) {
  if (const std::string problem = input_file_problem(path); !problem.empty()) throw UsageError(path + ": " + problem);
  if (is_snapshot(path)) {
    AuditOptions options;
    const CrawlResult crawl = read_snapshot(path);
    return view_of_audit(crawl, audit_site(crawl, options));
  }
  try {
    return view_of_report(read_json_report(path));
  } catch (const InputError& e) {
    throw UsageError(path + ": " + e.what() + " (give a JSON report or a snapshot)");
  }
}

}  // namespace

CLI::App* add_diff_command(CLI::App& app, DiffArgs& args) {
  CLI::App* cmd = app.add_subcommand("diff", "Compare two runs: new and fixed findings, pages added and removed, largest changes");
  cmd->footer(
      "Examples:\n"
      "  sitegraph diff last-week.json today.json\n"
      "  sitegraph diff history/crawl-20261101T020000.000Z.jsonl.gz today.json --format markdown\n\n"
      "Each run is a JSON report (--format json) or a snapshot (--save-snapshot, --history), audited\n"
      "with the default options. Findings match by (rule, url, target); pages by URL.\n"
      "Exit codes: 0 done, 2 usage error or a file that is not a report, 3 a file that cannot be read.");
  cmd->add_option("before", args.before, "The earlier run: JSON report or snapshot")->required();
  cmd->add_option("after", args.after, "The later run: JSON report or snapshot")->required();
  cmd->add_option("-f,--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args.output, "Write to FILE instead of stdout");
  cmd->add_option("--top", args.top, "Rows in each 'largest changes' list")->capture_default_str();
  cmd->add_option("--max-rows", args.max_rows, "Findings and pages listed per section before '... and N more'")
      ->capture_default_str();
  return cmd;
}

int run_diff(const DiffArgs& args) {
  RunView before;
  RunView after;
  before = load_run(args.before);
  after = load_run(args.after);
  RunDiff diff = diff_runs(before, after, args.top);
  diff.before_source = args.before;
  diff.after_source = args.after;
  std::ostringstream out;
  if (args.format == "json") {
    out << diff_json(diff).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (args.format == "markdown") {
    write_diff_markdown(out, diff, args.max_rows);
  } else {
    write_diff_text(out, diff, args.max_rows);
  }
  if (!write_output(args.output, out.str())) throw RunError("cannot write " + args.output);
  return kExitClean;
}

}  // namespace sitegraph::cli
