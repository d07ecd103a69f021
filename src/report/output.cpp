#include "sitegraph/output.hpp"

namespace sitegraph {

bool replace_atomically(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  if (ec || status.type() == std::filesystem::file_type::not_found) return true;
  return status.type() == std::filesystem::file_type::regular;
}

}  // namespace sitegraph
