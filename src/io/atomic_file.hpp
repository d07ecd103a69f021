#pragma once
// Writing a file without ever leaving a truncated one under its name: written beside the
// target under a temporary name, then renamed over it (rename(2) replaces the target in one
// step). Used by every writer of a whole file: snapshots, reports, the WARC archive. Nothing is
// fsync'ed: a crash can lose the new file, never half-replace the old one. (The crawl journal
// is appended to in place and syncs itself: see src/crawl/journal.cpp.)

#include <filesystem>
#include <string_view>
#include <system_error>

namespace sitegraph {

/// True when `path` may be replaced through a temporary file and a rename: it does not exist
/// yet, or it is a plain regular file. A device (/dev/null), FIFO, socket or symlink is
/// written in place instead: a rename would replace the device node or the link itself
/// (as root, `-o /dev/null` would turn /dev/null into a regular file).
bool replace_atomically(const std::filesystem::path& path);

/// Where to write a file and how it gets its name. Open path() with any writer, write all of
/// it, close it, then commit(). Nothing is removed behind the caller's back: a failed write
/// leaves the temporary file until discard() (the WARC writer keeps its .part on purpose).
class AtomicFile {
 public:
  enum class Special {
    kWriteThrough,  ///< a target replace_atomically() refuses is written in place, not renamed over
    kReplace,       ///< always the temporary file and the rename, whatever the target is
  };

  /// `suffix` is appended to the target's name for the temporary file (".tmp"; the WARC
  /// writer's ".part"). Looks at the target now (replace_atomically), not at commit().
  explicit AtomicFile(std::filesystem::path target, std::string_view suffix = ".tmp",
                      Special special = Special::kWriteThrough);

  /// The file to write: the temporary file, or the target itself when written in place.
  [[nodiscard]] const std::filesystem::path& path() const { return in_place_ ? target_ : temp_; }
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  [[nodiscard]] bool in_place() const { return in_place_; }

  /// Renames the written file over the target (nothing to do in place). False, with `ec`
  /// set, when the rename failed; the temporary file is then still there.
  bool commit(std::error_code& ec);
  /// Removes the temporary file, ignoring errors (nothing to do in place).
  void discard() noexcept;

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool in_place_ = false;
};

}  // namespace sitegraph
