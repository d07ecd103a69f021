#pragma once
// The one error model of a run. What fails for one URL (a status code, a timeout, a page
// blocked by robots.txt) is data on the page (FetchOutcome), never an exception. What fails
// the run as a whole is an Error: its kind says whose move it is, and src/cli/ turns the kind
// into the documented exit code in one place (cli/exit_codes.hpp, main.cpp). Every message
// names the file (and line, where the input has lines) or the flag, and says what to do.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace sitegraph {

enum class ErrorKind : std::uint8_t {
  kUsage,  ///< the command, its config or an input file it names is wrong: fix it and run again
  kRun,    ///< the run itself failed: the start URL unreachable, a file not writable, a disk error
};

/// Base of every exception sitegraph throws on purpose. Library exceptions (CLI11,
/// nlohmann::json, std::filesystem) are caught where sitegraph calls the library and rethrown
/// as an Error with a message a user can act on.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

/// A flag, a config value or an input file that cannot be used (exit 2).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorKind::kUsage, message) {}
};

/// The run failed after its inputs were accepted (exit 3).
class RunError : public Error {
 public:
  explicit RunError(const std::string& message) : Error(ErrorKind::kRun, message) {}
};

}  // namespace sitegraph
