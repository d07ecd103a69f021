#include "io/atomic_file.hpp"

#include <string>
#include <utility>

namespace sitegraph {

bool replace_atomically(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  if (ec || status.type() == std::filesystem::file_type::not_found) return true;
  return status.type() == std::filesystem::file_type::regular;
}

AtomicFile::AtomicFile(std::filesystem::path target, std::string_view suffix, Special special)
    : target_(std::move(target)),
      temp_(target_.string() + std::string(suffix)),
      in_place_(special == Special::kWriteThrough && !replace_atomically(target_)) {}

bool AtomicFile::commit(std::error_code& ec) {
  ec.clear();
  if (in_place_) return true;
  std::filesystem::rename(temp_, target_, ec);
  return !ec;
}

void AtomicFile::discard() noexcept {
  if (in_place_) return;
  std::error_code ignored;
  std::filesystem::remove(temp_, ignored);
}

}  // namespace sitegraph
