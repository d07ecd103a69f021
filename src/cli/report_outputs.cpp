#include "cli/report_outputs.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace fs = std::filesystem;

namespace sitegraph::cli {
namespace {

using Writer = void (*)(std::ostream&, const ReportContext&);
struct DirectoryFile {
  const char* name;
  Writer write;
};

// Formats written as several files in a directory of their own (-o DIR).
const std::vector<DirectoryFile>* directory_files(const std::string& format) {
  static const std::vector<DirectoryFile> kCsv = {
      {"pages.csv", write_pages_csv}, {"links.csv", write_links_csv}, {"findings.csv", write_findings_csv}};
  static const std::vector<DirectoryFile> kWebgraph = {{"graph.arcs", write_webgraph_arcs},
                                                       {"graph.nodes", write_webgraph_nodes}};
  static const std::vector<DirectoryFile> kGraphframes = {{"vertices.csv", write_graphframes_vertices},
                                                          {"edges.csv", write_graphframes_edges}};
  if (format == "csv") return &kCsv;
  if (format == "webgraph") return &kWebgraph;
  if (format == "graphframes") return &kGraphframes;
  return nullptr;
}

bool is_directory_format(const std::string& format) { return directory_files(format) != nullptr; }

// The file a format gets inside an output directory.
std::string default_name(const std::string& format) {
  if (format == "text") return "report.txt";
  if (format == "json") return "report.json";
  if (format == "junit") return "report.junit.xml";
  if (format == "markdown") return "report.md";
  if (format == "github") return "github-annotations.txt";
  if (format == "sarif") return "report.sarif";
  if (format == "html") return "report.html";
  if (format == "dot") return "graph.dot";
  if (format == "graphml") return "graph.graphml";
  if (format == "gexf") return "graph.gexf";
  if (format == "edges") return "edges.csv";
  return format;  // csv, webgraph, graphframes: a directory of their own files
}

bool to_stdout(const std::string& path) { return path.empty() || path == "-"; }

// Writes `format` straight to `out`: a graph export of a big site is never held in memory whole.
void render(std::ostream& out, const std::string& format, const ReportContext& report, const ReportExtras& extras,
            bool color) {
  if (format == "json") {
    // Streamed; invalid UTF-8 from the web (a Latin-1 URL in robots.txt) is replaced, never fatal.
    if (extras.since_previous) {
      const nlohmann::json since = diff_json(*extras.since_previous);
      write_json_report(out, report, &since);
    } else {
      write_json_report(out, report);
    }
  } else if (format == "sarif") {
    out << sarif_report(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (format == "text") {
    write_text_report(out, report, color);
    if (extras.since_previous) {
      out << "Since the previous run (--history)\n";
      write_diff_text(out, *extras.since_previous, report.max_findings);
    }
  } else if (format == "markdown") {
    write_markdown_report(out, report);
    if (extras.since_previous) write_diff_markdown(out, *extras.since_previous, report.max_findings);
  } else if (format == "junit") {
    write_junit_report(out, report);
  } else if (format == "github") {
    write_github_annotations(out, report);
  } else if (format == "html") {
    write_html_report(out, report);
  } else if (format == "dot") {
    write_dot(out, report);
  } else if (format == "graphml") {
    write_graphml(out, report);
  } else if (format == "gexf") {
    write_gexf(out, report);
  } else if (format == "edges") {
    write_edges_csv(out, report);
  } else {
    throw std::invalid_argument("unknown format " + format);
  }
}

}  // namespace

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text", "json", "csv", "junit", "markdown", "github", "sarif",
                                                   "html", "dot", "graphml", "gexf", "edges", "webgraph", "graphframes"};
  return formats;
}

std::vector<PlannedOutput> plan_outputs(std::vector<std::string> formats, const std::vector<std::string>& outputs) {
  if (formats.empty()) formats.push_back("text");
  for (std::size_t i = 0; i < formats.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (formats[i] == formats[j]) throw std::invalid_argument("--format " + formats[i] + " is given twice");
    }
  }
  std::vector<PlannedOutput> plan;
  // One format and -o naming a directory (existing, or written with a trailing slash): its
  // default file name there, as with several formats.
  std::error_code ec;
  const bool one_dir = formats.size() == 1 && outputs.size() == 1 && !is_directory_format(formats[0]) && !to_stdout(outputs[0]) &&
                       (outputs[0].back() == '/' || fs::is_directory(outputs[0], ec));
  if (one_dir) {
    plan.push_back({formats[0], (fs::path(outputs[0]) / default_name(formats[0])).string(), true});
  } else if (outputs.size() == formats.size()) {
    for (std::size_t i = 0; i < formats.size(); ++i) plan.push_back({formats[i], outputs[i], is_directory_format(formats[i])});
  } else if (outputs.size() == 1 && formats.size() > 1) {
    if (to_stdout(outputs[0])) throw std::invalid_argument("several formats cannot all go to stdout; give -o DIR");
    for (const std::string& f : formats) plan.push_back({f, (fs::path(outputs[0]) / default_name(f)).string(), true});
  } else if (outputs.empty()) {
    if (formats.size() > 1) {
      throw std::invalid_argument("several formats need -o DIR (a file per format there) or one -o per format");
    }
    plan.push_back({formats[0], ""});
  } else {
    throw std::invalid_argument(std::to_string(formats.size()) + " formats and " + std::to_string(outputs.size()) +
                                " outputs: give one -o per format, or one -o DIR");
  }
  std::size_t on_stdout = 0;
  for (const PlannedOutput& o : plan) {
    if (const auto* files = directory_files(o.format); files && to_stdout(o.path)) {
      std::string names;
      for (const DirectoryFile& file : *files) names += (names.empty() ? "" : ", ") + std::string(file.name);
      throw std::invalid_argument("--format " + o.format + " writes " + names + ": give -o DIR");
    }
    on_stdout += to_stdout(o.path) ? 1u : 0u;
  }
  if (on_stdout > 1) throw std::invalid_argument("only one format can go to stdout");
  return plan;
}

std::string unwritable_reason(const std::string& path) {
  if (to_stdout(path)) return "";
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "it is a folder";
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return fs::exists(parent, ec) ? parent.string() + " is not a folder" : "the folder " + parent.string() + " does not exist";
  }
  return "";
}

namespace {

// The directory a make_directory output writes into: its own for the directory formats, the
// file's folder for -o DIR/.
fs::path output_directory(const PlannedOutput& output) {
  return is_directory_format(output.format) ? fs::path(output.path) : fs::path(output.path).parent_path();
}

}  // namespace

std::string uncreatable_reason(const PlannedOutput& output) {
  if (!output.make_directory) return "";
  std::error_code ec;
  for (fs::path at = output_directory(output); !at.empty(); at = at.parent_path()) {
    if (fs::exists(at, ec)) return fs::is_directory(at, ec) ? "" : at.string() + " is a file, not a folder";
    if (at == at.parent_path()) break;
  }
  return "";
}

bool use_color(const std::string& mode, const std::string& path) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;  // https://no-color.org: set and not empty
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return to_stdout(path) && isatty(STDOUT_FILENO);
}

bool write_stream(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (to_stdout(path)) {
    write(std::cout);
    return static_cast<bool>(std::cout.flush());
  }
  AtomicFile file(path);  // a device, FIFO or symlink is written through, not renamed over
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
    if (out) write(out);
    if (!out.flush()) {
      file.discard();
      return false;
    }
  }
  std::error_code ec;
  if (!file.commit(ec)) file.discard();
  return !ec;
}

bool write_output(const std::string& path, const std::string& text) {
  return write_stream(path, [&](std::ostream& out) { out << text; });
}

bool write_planned_output(const PlannedOutput& output, const ReportContext& report, const ReportExtras& extras,
                          const std::string& color_mode) {
  if (output.make_directory) {
    const fs::path dir = output_directory(output);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      std::cerr << "sitegraph: error: cannot create the directory " << dir.string() << ": " << ec.message() << "\n";
      return false;
    }
  }
  if (const auto* files = directory_files(output.format)) {
    const fs::path dir(output.path);
    for (const DirectoryFile& file : *files) {
      const Writer writer = file.write;
      if (!write_stream((dir / file.name).string(), [&](std::ostream& out) { writer(out, report); })) {
        std::cerr << "sitegraph: error: cannot write " << (dir / file.name).string() << "\n";
        return false;
      }
    }
    return true;
  }
  const bool color = output.format == "text" && use_color(color_mode, output.path);
  if (!write_stream(output.path, [&](std::ostream& out) { render(out, output.format, report, extras, color); })) {
    std::cerr << "sitegraph: error: cannot write the " << output.format << " report to " << output.path << "\n";
    return false;
  }
  return true;
}

}  // namespace sitegraph::cli
