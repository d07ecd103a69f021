#include "cli/usage_errors.hpp"

#include <spdlog/spdlog.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cli/config_file.hpp"
#include "cli/exit_codes.hpp"

namespace sitegraph::cli {
namespace {

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
ConfigKey config_key_of_value(const CLI::App& app, const std::string& file, const std::string& name, int argc,
                                              char** argv) {
  const std::vector<CLI::App*> typed = app.get_subcommands();
  const CLI::Option* option = typed.size() == 1 ? typed.front()->get_option_no_throw("--" + name) : nullptr;
  if (given_on_command_line(option, "--" + name, argc, argv)) return {};
  ConfigKey where;
  if (typed.size() == 1) where = find_config_key(file, typed.front()->get_name() + "." + name);
  if (where.line == 0) where = find_config_key(file, name);
  return where;
}


// A config error, as every usage error: the file, its line when known, what is wrong.
int config_error(const std::string& file, std::size_t line, const std::string& message) {
  if (line > 0) {
    spdlog::error("config file {} line {}: {}", file, line, message);
  } else {
    spdlog::error("config file {}: {}", file, message);
  }
  return kExitUsage;
}

// "Could not convert: --max-pages = abc" (a value not of the flag's type) and "--concurrency:
// Value lots not in range 1 to 1024" (a value a validator refused): when the value came from
// the config file, the file, its line and the key, where the fix is; empty otherwise.
int config_value_error(const CLI::App& app, const std::string& what, int argc, char** argv) {
  const std::string convert = "Could not convert: --";
  const std::size_t equals = what.find(" = ");
  const std::size_t colon = what.find(": ");
  const bool converted = what.rfind(convert, 0) == 0 && equals != std::string::npos;
  const bool validated = !converted && what.rfind("--", 0) == 0 && colon != std::string::npos;
  if (!converted && !validated) return -1;
  const std::string name = converted ? what.substr(convert.size(), equals - convert.size()) : what.substr(2, colon - 2);
  const std::string file = config_file_read(app);
  const ConfigKey where = config_key_of_value(app, file, name, argc, argv);
  if (where.line == 0) return -1;
  if (converted) {
    return config_error(file, where.line, "'" + where.dotted + "' = " + what.substr(equals + 3) + " is not a value --" + name +
                                              " takes ('sitegraph audit --help' says what it takes)");
  }
  return config_error(file, where.line, "'" + where.dotted + "': " + what.substr(colon + 2) + " ('sitegraph audit --help' says what --" +
                                            name + " takes)");
}

}  // namespace

// True when the command line asks for --help or --version.
bool wants_help_or_version(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help" || arg == "-V" || arg == "--version") return true;
  }
  return false;
}

int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ConfigError*>(&e) != nullptr) {
    // CLI11's words ("INI was not able to parse audit.bogus") name neither the file, the line
    // nor the fix.
    const std::string file = config_file_read(app);
    const std::string unknown = "INI was not able to parse ";
    if (what.rfind(unknown, 0) == 0) {
      const std::string key = what.substr(unknown.size());
      return config_error(file, find_config_key(file, key).line,
                          "'" + key + "' is not a setting ('sitegraph config --dump' lists every one)");
    }
    return config_error(file, 0, what);
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr || dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
    if (const int code = config_value_error(app, what, argc, argv); code >= 0) return code;
  }
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
  spdlog::error("{} ('sitegraph --help', 'sitegraph audit --help' list the options)", what);
  return kExitUsage;
}

}  // namespace sitegraph::cli
