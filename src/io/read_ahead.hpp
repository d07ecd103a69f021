#pragma once
// A gzip file decompressed on a thread of its own, a few blocks ahead of the reader: reading a
// snapshot is half inflating and half parsing, and the two then overlap on two cores.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "io/gzip.hpp"

namespace sitegraph::gzip {

class ReadAhead {
 public:
  static constexpr std::size_t kBlock = 1 << 20;
  static constexpr std::size_t kAhead = 4;  ///< blocks decompressed and not yet taken, at most

  /// `file` must be open, and outlive this.
  explicit ReadAhead(FileReader& file) : file_(file), thread_([this] { pump(); }) {}
  ~ReadAhead() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  /// The next block of the uncompressed stream into `out` (replacing it): >0 its size, 0 at
  /// the end, -1 on corrupt or truncated data or a read error (as FileReader::read).
  std::ptrdiff_t next(std::string& out) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !blocks_.empty() || done_; });
    if (blocks_.empty()) return failed_ ? -1 : 0;
    out.swap(blocks_.front());
    blocks_.pop_front();
    changed_.notify_all();
    return static_cast<std::ptrdiff_t>(out.size());
  }

 private:
  void pump() {
    for (;;) {
      std::string block(kBlock, '\0');
      std::size_t size = 0;
      std::ptrdiff_t n = 0;
      while (size < kBlock && (n = file_.read(block.data() + size, kBlock - size)) > 0) size += static_cast<std::size_t>(n);
      block.resize(size);
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return blocks_.size() < kAhead || stopping_; });
      if (stopping_) return;
      if (size > 0) blocks_.push_back(std::move(block));
      if (n <= 0 && size < kBlock) {
        failed_ = n < 0;
        done_ = true;
        changed_.notify_all();
        return;
      }
      changed_.notify_all();
    }
  }

  FileReader& file_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> blocks_;
  bool done_ = false;
  bool failed_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

}  // namespace sitegraph::gzip
