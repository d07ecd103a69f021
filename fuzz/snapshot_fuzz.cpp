// libFuzzer: the snapshot reader on arbitrary (gzip'd) bytes: it must refuse bad input with
// SnapshotError, never crash or allocate without bound.
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "sitegraph/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = (std::filesystem::temp_directory_path() / ("snapshot-fuzz-" + std::to_string(getpid()))).string();
  gzFile out = gzopen(path.c_str(), "wb1");
  gzwrite(out, data, static_cast<unsigned>(size));
  gzclose(out);
  try {
    (void)sitegraph::read_snapshot(path);
  } catch (const sitegraph::SnapshotError&) {
  }
  return 0;
}
