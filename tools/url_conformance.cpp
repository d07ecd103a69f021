// url_conformance: runs sitegraph's WHATWG URL parser against the web-platform-tests URL data
// (urltestdata.json) and reports how many of the http(s) cases it gets right.
//
//   url_conformance [path/to/urltestdata.json]
//
// Default path: ../shared/conformance/urltestdata.json, relative to the project root (run it
// from there). A case is kept when its base is an http(s) URL or its input is one (after the
// clean-up the parser applies: C0 controls and spaces trimmed, tabs and newlines removed). The
// base is parsed first (a case whose base fails is skipped); then `failure: true` means the
// input must fail, anything else that the serialized result equals `href`. When the file has a
// sibling urltestdata_http_subset.json (the intended set), that file is reported as well.
// Exit status: 0 when every kept case passes, 1 when some fail, 2 when a file cannot be read.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitegraph/whatwg_url.hpp"

namespace {

constexpr std::string_view kDefaultPath = "../shared/conformance/urltestdata.json";
constexpr std::string_view kSubsetName = "urltestdata_http_subset.json";
constexpr std::size_t kMaxFailureLines = 100;

using nlohmann::json;

struct Failure {
  std::string input;
  std::string base;
  std::string expected;
  std::string got;
};

struct Tally {
  std::size_t total = 0;
  std::size_t passed = 0;
  std::size_t skipped_base = 0;
  std::vector<Failure> failures;
};

/// The input as the basic URL parser sees it (WHATWG URL §4.4 steps 1-3), lowercased.
std::string cleaned_lowercase(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  std::string out;
  for (const char c : s) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_http_url_string(std::string_view s) {
  const std::string cleaned = cleaned_lowercase(s);
  return cleaned.starts_with("http:") || cleaned.starts_with("https:");
}

bool is_http_case(const json& test) {
  if (!test.is_object() || !test.contains("input")) return false;
  const json& base = test.value("base", json());
  if (base.is_string() && is_http_url_string(base.get<std::string>())) return true;
  return is_http_url_string(test["input"].get<std::string>());
}

/// A printable, quoted rendering of a string (controls and non-ASCII escaped as in JSON).
std::string quoted(const std::string& s) {
  return json(s).dump(-1, ' ', true, json::error_handler_t::replace);
}

void check_case(const json& test, Tally& tally) {
  const std::string input = test["input"].get<std::string>();
  const json& base_json = test.value("base", json());
  std::optional<sitegraph::WhatwgUrl> base;
  if (base_json.is_string()) {
    base = sitegraph::parse_whatwg_url(base_json.get<std::string>(), nullptr);
    if (!base) {
      ++tally.skipped_base;
      return;
    }
  }
  ++tally.total;
  const auto result = sitegraph::parse_whatwg_url(input, base ? &*base : nullptr);
  const bool expect_failure = test.value("failure", false);
  const std::string expected = expect_failure ? "<failure>" : test.value("href", std::string());
  const std::string got = result ? result->href() : "<failure>";
  if (got == expected) {
    ++tally.passed;
    return;
  }
  const std::string base_text = base_json.is_string() ? quoted(base_json.get<std::string>()) : "null";
  tally.failures.push_back({quoted(input), base_text, quoted(expected), quoted(got)});
}

std::optional<json> read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "url_conformance: cannot open " << path << "\n";
    return std::nullopt;
  }
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    std::cerr << "url_conformance: " << path << " is not valid JSON: " << e.what() << "\n";
    return std::nullopt;
  }
}

void print_report(const std::filesystem::path& path, const Tally& tally) {
  std::cout << path.string() << ": " << tally.passed << "/" << tally.total << " http(s) cases pass";
  if (tally.skipped_base > 0) std::cout << " (" << tally.skipped_base << " skipped: base failed to parse)";
  std::cout << "\n";
  std::size_t lines = 0;
  for (const Failure& f : tally.failures) {
    if (lines == kMaxFailureLines) {
      std::cout << "  ... " << tally.failures.size() - lines << " more failures not shown\n";
      break;
    }
    std::cout << "  FAIL input=" << f.input << " base=" << f.base << " expected=" << f.expected
              << " got=" << f.got << "\n";
    ++lines;
  }
}

/// Reports on one file; returns 0 when all kept cases pass, 1 when some fail, 2 when unreadable.
int run_file(const std::filesystem::path& path) {
  const std::optional<json> tests = read_json(path);
  if (!tests || !tests->is_array()) {
    if (tests) std::cerr << "url_conformance: " << path << " is not a JSON array\n";
    return 2;
  }
  Tally tally;
  for (const json& test : *tests) {
    if (is_http_case(test)) check_case(test, tally);
  }
  print_report(path, tally);
  return tally.failures.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::cerr << "usage: url_conformance [path/to/urltestdata.json]\n";
    return 2;
  }
  const std::filesystem::path path{argc == 2 ? std::string_view(argv[1]) : kDefaultPath};
  int status = run_file(path);
  const std::filesystem::path subset = path.parent_path() / kSubsetName;
  std::error_code ec;
  if (std::filesystem::exists(subset, ec) && !std::filesystem::equivalent(subset, path, ec)) {
    std::cout << "\n";
    status = std::max(status, run_file(subset));
  }
  return status;
}
