#include "cli/import_command.hpp"

#include "cli/audit_command.hpp"
#include "cli/report_outputs.hpp"

namespace sitegraph::cli {

CLI::App* add_import_command(CLI::App& app, ImportArgs& args) {
  CLI::App* cmd = app.add_subcommand("import", "Audit WARC archives (wget --warc-file, Heritrix, StormCrawler, Common Crawl)");
  cmd->footer(
      "Examples:\n"
      "  wget --recursive --level inf --warc-file site https://www.example.com/ && sitegraph import site.warc.gz\n"
      "  sitegraph import crawl-00000.warc.gz crawl-00001.warc.gz --start https://www.example.com/ -f json -o report.json\n\n"
      "The archives' HTTP responses (response, resource and revisit records; gzip per record or plain)\n"
      "are replayed through the same crawl as a live site: from the start URL (default: the first HTML\n"
      "page archived), robots.txt and sitemaps when archived, links followed, redirects recorded. A URL\n"
      "the archives lack is 'not-fetched' ('not in the archive'). 'sitegraph audit FILE.warc.gz' takes\n"
      "one archive with every audit flag. Exit codes as for audit.");
  cmd->add_option("files", args.files, "WARC files (.warc or .warc.gz)")->required();
  cmd->add_option("-f,--format", args.formats, "Report formats (as for audit)")->delimiter(',');
  cmd->add_option("-o,--output", args.outputs, "Report files, or one directory (as for audit)");
  cmd->add_option("--start", args.start, "The start URL (default: the first HTML page archived)");
  cmd->add_option("--save-snapshot", args.save_snapshot, "Also save the graph as a snapshot");
  cmd->add_option("--fail-on", args.fail_on, "Exit 1 on these findings (as for audit)")->delimiter(',');
  return cmd;
}

int run_import(const ImportArgs& args) {
  AuditArgs audit;
  audit.target = args.files.front();
  audit.warc_files.assign(args.files.begin() + 1, args.files.end());
  audit.formats = args.formats;
  audit.outputs = args.outputs;
  audit.start = args.start;
  audit.save_snapshot = args.save_snapshot;
  audit.fail_on = args.fail_on;
  audit.concurrency = 64;  // records are read from disk: keep the parse workers fed
  return run_audit(audit);
}

}  // namespace sitegraph::cli
