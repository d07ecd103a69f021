#pragma once
// Buffered output to a std::ostream for the big report writers (the HTML report, the graph
// exports): text gathers in a string and goes to the stream in one write per chunk, since a
// stream call per field would cost more than the formatting at a million pages. The bytes
// that reach the stream are the same whatever the chunk size.

#include <array>
#include <charconv>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace sitegraph {

class ChunkedWriter {
 public:
  /// Writes to `out` once `chunk_bytes` have gathered (at settle() or an append).
  ChunkedWriter(std::ostream& out, std::size_t chunk_bytes) : out_(out), chunk_(chunk_bytes) {
    text_.reserve(chunk_bytes + chunk_bytes / 16);
  }
  ChunkedWriter(const ChunkedWriter&) = delete;
  ChunkedWriter& operator=(const ChunkedWriter&) = delete;
  /// Does not flush: call flush() at the end (a destructor could not report a failed write).
  ~ChunkedWriter() = default;

  ChunkedWriter& append(std::string_view s) {
    text_.append(s);
    return settle();
  }
  ChunkedWriter& operator<<(std::string_view s) { return append(s); }
  /// An integer or a floating-point number as std::to_chars writes it (shortest round trip).
  template <typename Number>
  ChunkedWriter& number(Number value) {
    std::array<char, 64> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    return append(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
  }
  /// The buffer itself, for escapers that append in place; call settle() after.
  std::string& text() { return text_; }
  /// Writes the buffer out once it holds a chunk.
  ChunkedWriter& settle() {
    if (text_.size() >= chunk_) flush();
    return *this;
  }
  /// Writes out whatever is buffered.
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  std::ostream& out_;
  std::size_t chunk_;
  std::string text_;
};

}  // namespace sitegraph
