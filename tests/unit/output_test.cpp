// Writing output files (src/report/output.cpp): which paths are replaced through a rename.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sitegraph/output.hpp"

namespace fs = std::filesystem;
using namespace sitegraph;

namespace {
fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("sitegraph-output-test-" + std::to_string(getpid()) + "-" + name);
}
}  // namespace

TEST_CASE("outputs replace only plain files atomically: devices, FIFOs and symlinks are written in place", "[output][security]") {
  CHECK_FALSE(replace_atomically("/dev/null"));  // renaming over it as root would destroy the device
  const fs::path file = temp_file("plain.txt");
  CHECK(replace_atomically(file));  // does not exist yet
  std::ofstream(file) << "x";
  CHECK(replace_atomically(file));
  const fs::path link = temp_file("link.txt");
  fs::create_symlink(file, link);
  CHECK_FALSE(replace_atomically(link));
  const fs::path fifo = temp_file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(replace_atomically(fifo));
  for (const fs::path& p : {file, link, fifo}) fs::remove(p);
}
