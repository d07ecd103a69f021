#pragma once
// The WHATWG URL host parser. Internal to src/url.

#include <optional>
#include <string>
#include <string_view>

namespace sitegraph::whatwg {

/// Parses a host (WHATWG URL §3.5) and returns its serialization (§3.6): a lowercase ASCII
/// domain (IDNA applied), "1.2.3.4", "[v6::address]", or an opaque host when `is_opaque`
/// (non-special schemes). nullopt where the standard returns failure.
std::optional<std::string> parse_host(std::string_view input, bool is_opaque);

}  // namespace sitegraph::whatwg
