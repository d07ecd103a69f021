// libFuzzer: the HTML extract stage (charset sniffing and conversion, gumbo parse, link walk,
// URL resolution) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crawl/parse_pool.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string html(reinterpret_cast<const char*>(data), size);
  const sitegraph::ParsedPage page = sitegraph::parse_page({0, "https://fuzz.test/a/b.html", std::move(html), "", "googlebot"});
  if (page.resolved.size() != page.extracted.links.size()) __builtin_trap();
  return 0;
}
