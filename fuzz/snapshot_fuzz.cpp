// libFuzzer: the snapshot reader on arbitrary (gzip'd) bytes: it must refuse bad input with
// SnapshotError, never crash or allocate without bound.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "io/gzip.hpp"
#include "sitegraph/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = (std::filesystem::temp_directory_path() / ("snapshot-fuzz-" + std::to_string(getpid()))).string();
  {
    sitegraph::gzip::FileWriter out(path, 1);
    (void)out.write(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)out.close();
  }
  try {
    (void)sitegraph::read_snapshot(path);
  } catch (const sitegraph::SnapshotError&) {
  }
  return 0;
}
