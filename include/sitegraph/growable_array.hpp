#pragma once
// A vector of trivially copyable items that grows with realloc. Past glibc's mmap threshold a
// realloc is an mremap: the kernel moves the page mappings instead of copying, so growing the
// link list of a million-page crawl (700 MB) never holds the old and the new copy at once, as
// std::vector's allocate-copy-free does (1.4 GB for a moment).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace sitegraph {

template <typename T>
class GrowableArray {
  static_assert(std::is_trivially_copyable_v<T>, "items are moved by realloc");

 public:
  GrowableArray() = default;
  ~GrowableArray() { std::free(data_); }
  GrowableArray(const GrowableArray&) = delete;
  GrowableArray& operator=(const GrowableArray&) = delete;
  GrowableArray(GrowableArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)), capacity_(std::exchange(other.capacity_, 0)) {}
  GrowableArray& operator=(GrowableArray&& other) noexcept {
    if (this != &other) {
      std::free(data_);
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }

  void push_back(const T& item) {
    const T copy = item;  // `item` may live in this array, which reserve() may move
    if (size_ == capacity_) reserve(capacity_ < 16 ? 16 : capacity_ + capacity_ / 2);
    data_[size_++] = copy;
  }
  void reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    if (capacity > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
    void* grown = std::realloc(data_, capacity * sizeof(T));
    if (!grown) throw std::bad_alloc();
    data_ = static_cast<T*>(grown);
    capacity_ = capacity;
  }
  void clear() { size_ = 0; }
  /// Keeps the first `size` items (no more than there are).
  void truncate(std::size_t size) { size_ = size < size_ ? size : size_; }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  const T& back() const { return data_[size_ - 1]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* data() const { return data_; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace sitegraph
