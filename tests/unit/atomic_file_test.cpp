// Writing whole files (src/io/atomic_file.cpp): which paths are replaced through a rename, and how.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/atomic_file.hpp"

namespace fs = std::filesystem;
using namespace sitegraph;

namespace {
fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("sitegraph-atomic-file-test-" + std::to_string(getpid()) + "-" + name);
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

TEST_CASE("an atomic file is written beside its target and renamed over it, and a symlink is written through", "[output]") {
  const fs::path target = temp_file("atomic.txt");
  std::ofstream(target) << "old";
  AtomicFile file(target);
  CHECK(file.path() == fs::path(target.string() + ".tmp"));
  std::ofstream(file.path()) << "new";
  const auto text_of = [](const fs::path& p) { return (std::stringstream() << std::ifstream(p).rdbuf()).str(); };
  CHECK(text_of(target) == "old");  // untouched until the rename
  std::error_code ec;
  REQUIRE(file.commit(ec));
  CHECK_FALSE(fs::exists(target.string() + ".tmp"));
  CHECK(text_of(target) == "new");

  const fs::path link = temp_file("atomic-link.txt");
  fs::create_symlink(target, link);
  AtomicFile through(link);
  CHECK(through.in_place());
  CHECK(through.path() == link);
  AtomicFile part(link, ".part", AtomicFile::Special::kReplace);  // the WARC writer's way
  CHECK_FALSE(part.in_place());
  CHECK(part.path() == fs::path(link.string() + ".part"));

  AtomicFile failed(temp_file("atomic-failed.txt"));
  std::ofstream(failed.path()) << "half";
  failed.discard();
  CHECK_FALSE(fs::exists(failed.path()));
  for (const fs::path& p : {target, link}) fs::remove(p);
}
