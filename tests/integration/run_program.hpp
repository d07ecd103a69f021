#pragma once
// Running the built `sitegraph` program from integration tests: exit code, stdout, stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace sitegraph::testing {

namespace fs = std::filesystem;

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A directory of this test process's own, removed when the process exits.
inline fs::path temp_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("sitegraph-cli-test-" + std::to_string(getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("sitegraph-cli-test-" + std::to_string(getpid())), ec);
    });
    return d;
  }();
  return dir;
}

// Runs the program with `args` (shell words, already quoted where needed), in `cwd` when given.
inline Run run_sitegraph_in(const fs::path& cwd, const std::string& args) {
  const fs::path out = temp_dir() / "stdout";
  const fs::path err = temp_dir() / "stderr";
  const std::string cd = cwd.empty() ? std::string() : "cd '" + cwd.string() + "' && ";
  const std::string command =
      cd + "'" + SITEGRAPH_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(command.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline Run run_sitegraph(const std::string& args) { return run_sitegraph_in({}, args); }

}  // namespace sitegraph::testing
