#pragma once
// Writing output files without ever leaving a truncated one over a good one.

#include <filesystem>

namespace sitegraph {

/// True when `path` may be replaced through a temporary file and a rename: it does not exist
/// yet, or it is a plain regular file. A device (/dev/null), FIFO, socket or symlink is
/// written in place instead: a rename would replace the device node or the link itself
/// (as root, `-o /dev/null` would turn /dev/null into a regular file).
bool replace_atomically(const std::filesystem::path& path);

}  // namespace sitegraph
