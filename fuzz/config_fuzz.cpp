// libFuzzer: the config loader on arbitrary bytes as sitegraph.toml: CLI11's TOML reading into
// the audit flags, then every check run_audit makes before crawling, then `config --dump`.
// A bad file must end in CLI::ParseError (exit 2) or a usage message, never anything else.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/audit_flags.hpp"
#include "cli/audit_plan.hpp"
#include "cli/config_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("config-fuzz-" + std::to_string(getpid()) + ".toml")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  CLI::App app{"fuzz"};
  sitegraph::cli::AuditArgs args;
  sitegraph::cli::add_audit_command(app, args);
  sitegraph::cli::add_config_file(app);
  try {
    app.parse("--config " + path + " audit https://fuzz.test/", false);
  } catch (const CLI::ParseError&) {
    return 0;
  }
  (void)sitegraph::cli::audit_args_error(args);
  (void)app.config_to_str(true, false);
  return 0;
}
