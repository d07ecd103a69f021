// libFuzzer: the WARC reader on arbitrary bytes (read as a plain .warc; gzip framing is zlib's),
// then the archive replayed through the crawl from its first page: WarcError or a finished
// crawl, never a crash, a hang or an allocation the file's numbers asked for.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "sitegraph/crawl.hpp"
#include "sitegraph/warc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("warc-fuzz-" + std::to_string(getpid()) + ".warc")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto archive = std::make_shared<sitegraph::WarcArchive>();
  try {
    archive->read(path);
  } catch (const sitegraph::WarcError&) {
    return 0;
  }
  if (archive->stats().first_url.empty()) return 0;
  sitegraph::FetchOptions fetch;
  fetch.max_in_flight = 4;
  const std::unique_ptr<sitegraph::Fetcher> fetcher = sitegraph::make_warc_fetcher(archive, fetch);
  sitegraph::CrawlOptions options;
  options.start_url = archive->stats().first_url;
  options.parse_threads = 1;
  options.max_pages = 200;
  (void)sitegraph::crawl_site(*fetcher, options);
  return 0;
}
