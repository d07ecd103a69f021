// Reading WARC files (ISO 28500): records are a version line, named fields, a blank line and
// a block of Content-Length bytes. The gzip file reader (src/io/gzip.hpp) goes through the
// one-gzip-member-per-record layout of .warc.gz files as through one stream, and through plain
// .warc files too.

#include <cerrno>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <cstring>

#include "fetch/content_type.hpp"
#include "io/gzip.hpp"
#include "sitegraph/url.hpp"
#include "sitegraph/warc.hpp"
#include "text/trim.hpp"

namespace sitegraph {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  return out;
}

// "Name: value" lines up to the first empty one, names lowercased; repeated names joined
// with ", " (Link, X-Robots-Tag). Returns where the lines ended (after the blank line), or
// npos when there is no blank line.
std::size_t read_fields(std::string_view text, std::size_t pos, std::unordered_map<std::string, std::string>& fields) {
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) return std::string_view::npos;
    const std::string_view line = trim_blanks(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) return pos;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string& value = fields[lower(trim_blanks(line.substr(0, colon)))];
    const std::string_view v = trim_blanks(line.substr(colon + 1));
    value = value.empty() ? std::string(v) : value + ", " + std::string(v);
  }
  return std::string_view::npos;
}

// Transfer-Encoding: chunked undone; what is there when the chunks are cut short.
std::string dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) break;
    const std::size_t size = std::strtoull(std::string(body.substr(pos, eol - pos)).c_str(), nullptr, 16);
    pos = eol + 1;
    if (size == 0) break;
    out.append(body.substr(pos, std::min(size, body.size() - pos)));
    pos += size;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

// Content-Length: digits only (no sign, no hex, no trailing text), and no overflow.
std::optional<std::uint64_t> parse_length(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

constexpr std::uint64_t kMaxInflated = 64ull << 20;  // a bomb in an archive stops here
// A record's named fields: real ones are a few hundred bytes. Past this the file is not WARC.
constexpr std::size_t kMaxRecordHeader = 1u << 20;
// A larger block (a video, a disk image) is read through and skipped, never held in memory:
// Content-Length comes from the file and is not trusted.
constexpr std::uint64_t kMaxRecordBlock = 256ull << 20;

}  // namespace

// Sequential reader of one file, records handed to the archive.
class WarcReader {
 public:
  WarcReader(WarcArchive& archive, const std::filesystem::path& file)
      : archive_(archive), file_(file), in_(file, 1u << 17) {
    if (!in_) throw WarcError("cannot read " + file.string() + ": " + std::strerror(errno));
  }
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  void run() {
    std::string line;
    bool first = true;
    while (next_line(line)) {
      if (trim_blanks(line).empty()) continue;  // the CRLF CRLF after a block
      if (line.rfind("WARC/", 0) != 0) {
        if (first) throw WarcError(file_.string() + " is not a WARC file (no WARC/ version line)");
        throw WarcError(file_.string() + ": a record does not start with a WARC/ version line: " + line.substr(0, 60));
      }
      first = false;
      std::string header;
      while (next_line(line) && !trim_blanks(line).empty()) {
        header += line + "\n";
        if (header.size() > kMaxRecordHeader) throw WarcError(file_.string() + ": a record header over 1 MiB");
      }
      std::unordered_map<std::string, std::string> fields;
      header += "\n";
      read_fields(header, 0, fields);
      const auto length = fields.find("content-length");
      if (length == fields.end()) throw WarcError(file_.string() + ": a record without Content-Length");
      const std::optional<std::uint64_t> size = parse_length(length->second);
      if (!size) throw WarcError(file_.string() + ": a record's Content-Length is not a number: " + length->second.substr(0, 40));
      ++archive_.stats_.records;
      if (*size > kMaxRecordBlock) {
        if (!skip_exact(*size)) throw WarcError(file_.string() + ": cut short inside a record");
        ++archive_.stats_.skipped;
        continue;
      }
      std::string block(static_cast<std::size_t>(*size), '\0');
      if (!read_exact(block)) throw WarcError(file_.string() + ": cut short inside a record");
      record(fields, block);
    }
  }

 private:
  void record(std::unordered_map<std::string, std::string>& fields, const std::string& block) {
    const std::string type = lower(fields["warc-type"]);
    std::string uri = std::string(trim_blanks(fields["warc-target-uri"]));
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);  // WARC/1.0's <uri>
    const auto url = normalize_url(uri);
    if (!url || (type != "response" && type != "revisit" && type != "resource")) {
      ++archive_.stats_.skipped;
      return;
    }
    WarcResponse response;
    std::string body;
    if (type == "resource") {  // the content itself, no HTTP around it
      response.status = 200;
      response.content_type = fields["content-type"];
      body = block;
    } else if (!parse_http(block, response, body) && type != "revisit") {  // a revisit may hold no HTTP at all
      ++archive_.stats_.skipped;
      return;
    }
    if (type == "revisit") {
      // identical-payload-digest: the body is an earlier record's with the same digest.
      const auto it = archive_.by_digest_.find(fields["warc-payload-digest"]);
      if (it == archive_.by_digest_.end()) {
        ++archive_.stats_.skipped;
        return;
      }
      const WarcResponse& earlier = it->second;
      if (response.status == 0 || response.status == 304) response.status = earlier.status;
      if (response.content_type.empty()) response.content_type = earlier.content_type;
      response.body_offset = earlier.body_offset;
      response.body_size = earlier.body_size;
      ++archive_.stats_.revisits;
      archive_.responses_[*url] = response;
      return;
    }
    ++archive_.stats_.responses;
    response.truncated_length = lower(trim_blanks(fields["warc-truncated"])) == "length";
    response.body_offset = archive_.spill(body);
    response.body_size = body.size();
    if (archive_.stats_.first_url.empty() && response.status / 100 == 2 && url->find("/robots.txt") == std::string::npos &&
        is_html_type(media_type(response.content_type))) {
      archive_.stats_.first_url = *url;
    }
    const std::string digest = fields["warc-payload-digest"];
    if (!digest.empty()) archive_.by_digest_[digest] = response;
    archive_.responses_[*url] = std::move(response);
  }

  // An HTTP response block: status line, headers, body (de-chunked, decompressed).
  static bool parse_http(const std::string& block, WarcResponse& response, std::string& body) {
    if (block.rfind("HTTP/", 0) != 0) return false;
    const std::size_t space = block.find(' ');
    if (space == std::string::npos) return false;
    response.status = std::atoi(block.c_str() + space + 1);
    std::unordered_map<std::string, std::string> headers;
    const std::size_t first_line_end = block.find('\n');
    if (first_line_end == std::string::npos) return false;
    std::size_t body_start = read_fields(block, first_line_end + 1, headers);
    if (body_start == std::string::npos) body_start = block.size();  // headers only (a revisit)
    response.content_type = headers["content-type"];
    response.location = headers["location"];
    response.link_header = headers["link"];
    response.x_robots_tag = headers["x-robots-tag"];
    response.etag = headers["etag"];
    response.last_modified = headers["last-modified"];
    std::string_view raw = std::string_view(block).substr(body_start);
    std::string unchunked;
    if (lower(headers["transfer-encoding"]).find("chunked") != std::string::npos) {
      unchunked = dechunk(raw);
      raw = unchunked;
    }
    const std::string encoding = lower(headers["content-encoding"]);
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      if (!gzip::inflate_http_body(raw, body, kMaxInflated)) body.clear();
    } else {
      body.assign(raw);
    }
    return response.status > 0;
  }

  bool fill() {
    if (pos_ < buffer_.size()) return true;
    buffer_.resize(1 << 17);
    const std::ptrdiff_t n = in_.read(buffer_.data(), buffer_.size());
    if (n <= 0) {
      buffer_.clear();
      pos_ = 0;
      return false;
    }
    buffer_.resize(static_cast<std::size_t>(n));
    pos_ = 0;
    return true;
  }

  bool next_line(std::string& line) {
    line.clear();
    while (fill()) {
      const char* start = buffer_.data() + pos_;
      const void* nl = std::memchr(start, '\n', buffer_.size() - pos_);
      if (nl) {
        const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
        line.append(start, n);
        pos_ += n + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      line.append(start, buffer_.size() - pos_);
      pos_ = buffer_.size();
      if (line.size() > (1u << 20)) return true;  // a "line" of a megabyte: let the caller reject it
    }
    return !line.empty();
  }

  bool skip_exact(std::uint64_t n) {
    while (n > 0 && fill()) {
      const std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(n, buffer_.size() - pos_));
      pos_ += step;
      n -= step;
    }
    return n == 0;
  }

  bool read_exact(std::string& out) {
    std::size_t got = 0;
    while (got < out.size() && fill()) {
      const std::size_t n = std::min(out.size() - got, buffer_.size() - pos_);
      std::memcpy(out.data() + got, buffer_.data() + pos_, n);
      got += n;
      pos_ += n;
    }
    return got == out.size();
  }

  WarcArchive& archive_;
  std::filesystem::path file_;
  gzip::FileReader in_;
  std::string buffer_;
  std::size_t pos_ = 0;
};

WarcArchive::WarcArchive() : spill_(std::tmpfile()) {
  if (!spill_) throw WarcError("cannot create a temporary file for the archive's bodies", ErrorKind::kRun);
}

WarcArchive::~WarcArchive() {
  if (spill_) std::fclose(spill_);
}

void WarcArchive::read(const std::filesystem::path& file) { WarcReader(*this, file).run(); }

const WarcResponse* WarcArchive::find(const std::string& normalized_url) const {
  const auto it = responses_.find(normalized_url);
  return it == responses_.end() ? nullptr : &it->second;
}

std::uint64_t WarcArchive::spill(const std::string& body) {
  const std::uint64_t at = spill_size_;
  if (!body.empty() && std::fwrite(body.data(), 1, body.size(), spill_) != body.size()) {
    throw WarcError("cannot write the archive's bodies to a temporary file", ErrorKind::kRun);
  }
  spill_size_ += body.size();
  return at;
}

std::string WarcArchive::body(const WarcResponse& response, std::uint64_t max_bytes) const {
  std::string out(static_cast<std::size_t>(std::min(response.body_size, max_bytes)), '\0');
  if (out.empty()) return out;
  std::fflush(spill_);
  const int fd = fileno(spill_);
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(response.body_offset + got));
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return out;
}

bool is_warc(const std::filesystem::path& file) {
  return gzip::read_head(file, 8).starts_with("WARC/");
}

}  // namespace sitegraph
