// libFuzzer: sitemap parsing (XML with entity declarations refused, text, gzip).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sitegraph/sitemap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sitegraph::SitemapLimits limits;
  limits.max_urls = 1000;
  limits.max_bytes = 1u << 20;
  const auto parsed = sitegraph::parse_sitemap(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (parsed.urls.size() > limits.max_urls) __builtin_trap();
  return 0;
}
