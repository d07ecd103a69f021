#include "cli/report_outputs.hpp"

#include "sitegraph/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
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

bool is_directory_format(const std::string& format) {
  const ReportFormat* f = find_report_format(format);
  return f && f->directory;
}

// The file a format gets inside an output directory; a directory format's own folder.
std::string default_name(const std::string& format) {
  const ReportFormat* f = find_report_format(format);
  return f && !f->directory ? std::string(f->files.front().name) : format;
}

bool to_stdout(const std::string& path) { return path.empty() || path == "-"; }

}  // namespace

std::string format_names() {
  std::string names;
  for (const ReportFormat& f : report_formats()) names += (names.empty() ? "" : ", ") + std::string(f.name);
  return names;
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
    // "-f json,html -o a.json" meant a file, not a folder named a.json to hold both.
    if (!fs::is_directory(outputs[0], ec) && outputs[0].back() != '/' && fs::path(outputs[0]).has_extension()) {
      throw std::invalid_argument("-o " + outputs[0] + " looks like a file, but " + std::to_string(formats.size()) +
                                  " formats need a folder (-o DIR/) or one -o per format, in the order of -f");
    }
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
    if (const ReportFormat* f = find_report_format(o.format); f && f->directory && to_stdout(o.path)) {
      std::string names;
      for (const ReportFile& file : f->files) names += (names.empty() ? "" : ", ") + std::string(file.name);
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
  // A file is written beside its target and renamed (atomic_file.hpp): the folder must take a
  // new file. Only trying tells (root passes every access() check, procfs takes no files), so
  // a probe file is made and removed; a device or FIFO given as the path is written through.
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) return "";
  const fs::path folder = parent.empty() ? fs::path(".") : parent;
  const fs::path probe = folder / (".sitegraph-probe-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return "the folder " + folder.string() + " cannot be written (" + std::strerror(errno) + ")";
  ::close(fd);
  fs::remove(probe, ec);
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

void write_planned_output(const PlannedOutput& output, const ReportContext& report, const ReportExtras& extras) {
  const ReportFormat* format = find_report_format(output.format);
  if (!format) throw UsageError("unknown format '" + output.format + "' (use " + format_names() + ")");
  if (output.make_directory) {
    const fs::path dir = output_directory(output);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw RunError("cannot create the directory " + dir.string() + ": " + ec.message());
  }
  if (format->directory) {
    for (const ReportFile& file : format->files) {
      const std::string path = (fs::path(output.path) / file.name).string();
      if (!write_stream(path, [&](std::ostream& out) { file.write(out, report, extras); })) throw RunError("cannot write " + path);
    }
    return;
  }
  if (!write_stream(output.path, [&](std::ostream& out) { format->files.front().write(out, report, extras); })) {
    throw RunError("cannot write the " + output.format + " report to " + output.path);
  }
}

}  // namespace sitegraph::cli
