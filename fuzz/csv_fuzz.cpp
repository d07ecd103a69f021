// libFuzzer target: CSV inputs as a user may hand them over (edge lists, Screaming Frog
// exports, backlinks): the reader, the import into a graph, backlinks and the analysis of it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sitegraph/analyze.hpp"
#include "sitegraph/inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const sitegraph::CsvTable table = sitegraph::parse_csv(bytes);
  try {
    const sitegraph::CrawlResult crawl = sitegraph::import_edge_list(table);
    sitegraph::AuditOptions options;
    options.suggest_links = 1;
    try {
      options.authority = sitegraph::read_backlinks(table, crawl.graph).authority;
    } catch (const sitegraph::InputError&) {
    }
    (void)sitegraph::audit_site(crawl, options);
  } catch (const sitegraph::InputError&) {
  }
  return 0;
}
