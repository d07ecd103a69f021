#pragma once
// sitegraph.toml: every flag can come from a TOML file ([audit] holds the audit flags:
// max-pages = 500, fail-on = ["broken-link", "orphan-page"]); the command line wins.

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sitegraph::cli {

/// Adds --config FILE (default ./sitegraph.toml when it exists) to `app`; a key that names no
/// flag is an error, not silence (CLI11 ignores unknown items by default). With
/// `help_or_version` (the command line asks for --help or --version) no file is read.
inline void add_config_file(CLI::App& app, bool help_or_version = false) {
  if (help_or_version) {
    app.set_config("--config", "", "Read flags from this TOML file (default ./sitegraph.toml when it exists); the command line wins");
    app.allow_config_extras(CLI::config_extras_mode::ignore);
    return;
  }
  app.allow_config_extras(CLI::config_extras_mode::error);
  app.set_config("--config", "sitegraph.toml",
                 "Read flags from this TOML file (default ./sitegraph.toml when it exists); the command line wins");
}

/// Where a config file sets a key, so that an error can name the line.
struct ConfigKey {
  std::size_t line = 0;  ///< 1-based; 0 when the file does not set it (or cannot be read)
  std::string dotted;    ///< the key with its section: "audit.max-pages"
};

/// The first line of `file` that sets `key`: a dotted key ("audit.bogus") in its section
/// (`[audit]` then `bogus = ...`, or `audit.bogus = ...` at the top); a bare one ("max-pages")
/// in any section.
ConfigKey find_config_key(const std::string& file, std::string_view key);

}  // namespace sitegraph::cli
