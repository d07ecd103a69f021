// libFuzzer: robots.txt parsing and matching (RFC 9309). The first line of the input is the
// path to check, the rest the robots.txt body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sitegraph/robots.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string_view path = nl == std::string_view::npos ? input : input.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  const sitegraph::RobotsPolicy policy = sitegraph::RobotsPolicy::parse(body, "sitegraph/1.0");
  const sitegraph::RobotsVerdict verdict = policy.check(path);
  if (verdict.rule && verdict.rule->allow != verdict.allowed) __builtin_trap();
  return 0;
}
