// The crawl journal (--resume): JSON lines, one gzip member per checkpoint, appended and
// synced; read back member by member so that only whole checkpoints count.

#include "io/json_error.hpp"
#include "sitegraph/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>

#include "io/gzip.hpp"
#include "snapshot/page_record.hpp"
#include "sitegraph/version.hpp"
#include "text/utf8.hpp"

namespace fs = std::filesystem;

namespace sitegraph {
namespace {

constexpr const char* kFormat = "sitegraph-journal";

std::string errno_text() { return std::strerror(errno); }

// A JSON string of `text`: quotes, backslashes and control characters escaped, malformed
// UTF-8 replaced (as the snapshot writer does), so every line parses back.
void append_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const Utf8Sequence sequence = scan_utf8(text, i);
      if (sequence.valid) {
        out.append(text.substr(i, sequence.length));
      } else {
        out += kReplacementCharacter;
      }
      i += sequence.length;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

void append_number(std::string& out, std::uint64_t value) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

void append_field(std::string& out, const char* key, std::string_view text) {
  if (text.empty()) return;
  out += ",\"";
  out += key;
  out += "\":";
  append_string(out, text);
}

void append_field(std::string& out, const char* key, std::uint64_t value) {
  if (value == 0) return;
  out += ",\"";
  out += key;
  out += "\":";
  append_number(out, value);
}

// Hands the page record codec's facts to the line being written, in the codec's order.
struct LineFacts {
  std::string& out;
  void text(const char* key, std::string_view value) { append_field(out, key, value); }
  // The journal's numbers are unsigned: a negative status (never an HTTP one) is left out.
  void integer(const char* key, std::int64_t value) {
    if (value > 0) append_field(out, key, static_cast<std::uint64_t>(value));
  }
  void real(const char* key, float value) {
    out += ",\"";
    out += key;
    out += "\":";
    out += nlohmann::json(value).dump();
  }
};

// One page as one line; fields at their defaults are left out. The fetch facts and a link's
// kind, rel, placement and line are the codec's (shared with the snapshot); the depth, the
// redirect hops and the link and invalid-href lists are the journal's own.
void append_page(std::string& out, const JournalPage& p) {
  out += "{\"u\":";
  append_string(out, p.url);
  LineFacts facts{out};
  record::encode_page_facts(p.page, p.text, facts);
  append_field(out, "d", static_cast<std::uint64_t>(p.depth < 0 ? 0 : p.depth));
  append_field(out, "rh", p.redirect_hops);
  append_field(out, "x", p.links_dropped);
  append_field(out, "k", p.checked_only ? 1u : 0u);
  if (!p.links.empty()) {
    out += ",\"l\":[";
    for (std::size_t i = 0; i < p.links.size(); ++i) {
      const JournalLink& l = p.links[i];
      out += i ? ",[" : "[";
      append_string(out, l.target);
      out += ',';
      record::append_link_fields(out, l.kind, l.rel, l.placement, l.code, l.line);
      out += ',';
      append_string(out, l.anchor);
      out += ']';
    }
    out += ']';
  }
  if (!p.invalid.empty()) {
    out += ",\"v\":[";
    for (std::size_t i = 0; i < p.invalid.size(); ++i) {
      out += i ? ",[" : "[";
      append_string(out, p.invalid[i].href);
      out += ',';
      append_number(out, p.invalid[i].line);
      out += p.invalid[i].too_long ? ",1]" : ",0]";
    }
    out += ']';
  }
  out += "}\n";
}

JournalPage page_from(const nlohmann::json& j) {
  JournalPage p;
  p.url = j.at("u").get<std::string>();
  try {
    record::decode_page_facts(j, p.page, p.text);
  } catch (const record::RecordError& e) {
    throw JournalError(std::string("journal: ") + e.what(), ErrorKind::kRun);
  }
  p.depth = j.value("d", 0);
  p.redirect_hops = j.value("rh", std::uint8_t{0});
  p.links_dropped = j.value("x", 0u);
  p.checked_only = j.value("k", 0) != 0;
  if (const auto links = j.find("l"); links != j.end()) {
    for (const nlohmann::json& l : *links) {
      const auto fields = record::link_fields(l.at(1).get<std::uint64_t>(), l.at(2).get<std::uint64_t>(),
                                              l.at(3).get<std::uint64_t>(), l.at(4).get<std::uint32_t>());
      if (!fields) throw JournalError("journal: bad link kind, rel or placement");
      JournalLink link;
      link.target = l.at(0).get<std::string>();
      link.kind = fields->kind;
      link.rel = fields->rel;
      link.placement = fields->placement;
      link.code = fields->code;
      link.line = fields->line;
      link.anchor = l.at(5).get<std::string>();
      p.links.push_back(std::move(link));
    }
  }
  if (const auto invalid = j.find("v"); invalid != j.end()) {
    for (const nlohmann::json& v : *invalid) {
      p.invalid.push_back({v.at(0).get<std::string>(), v.at(1).get<std::uint32_t>(), v.at(2).get<int>() != 0});
    }
  }
  return p;
}

// Compresses `text` as one gzip member and appends it to `fd`, synced to disk. Written in
// chunks as deflate produces them: a member cut short by a crash is torn, and not read back.
void write_member(int fd, const std::string& text) {
  try {
    gzip::deflate_member(text, 1, [fd](std::string_view chunk) {
      for (std::size_t done = 0; done < chunk.size();) {
        const ssize_t n = ::write(fd, chunk.data() + done, chunk.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw JournalError("journal: write failed: " + errno_text(), ErrorKind::kRun);
        done += static_cast<std::size_t>(n);
      }
    });
  } catch (const gzip::Error& e) {
    throw JournalError(std::string("journal: ") + e.what(), ErrorKind::kRun);
  }
  if (::fdatasync(fd) != 0) throw JournalError("journal: sync failed: " + errno_text(), ErrorKind::kRun);
}

}  // namespace

CrawlJournal::CrawlJournal(const fs::path& dir, std::string start_url, std::chrono::milliseconds every)
    : path_(dir / "crawl.journal"), start_url_(std::move(start_url)), every_(every) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw JournalError("--resume " + dir.string() + ": " + ec.message());
  check_start_url();
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw JournalError("--resume: cannot open " + path_.string() + ": " + errno_text());
  // Two runs on one journal (overlapping cron jobs) would interleave their checkpoints.
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw JournalError("--resume: " + path_.string() + " is in use by another sitegraph crawl");
  }
}

// A journal of another crawl is refused before anything is fetched. Only the header line is
// read here; a header that does not read at all is a torn first checkpoint, left to resume().
void CrawlJournal::check_start_url() const {
  std::string line = gzip::read_head(path_, 16383);
  if (line.empty()) return;
  line.resize(std::min(line.size(), line.find('\n')));
  const nlohmann::json header = nlohmann::json::parse(line, nullptr, false);
  if (!header.is_object() || header.value("format", "") != kFormat) return;
  if (const std::string url = header.value("start_url", ""); url != start_url_) {
    throw JournalError("--resume " + path_.parent_path().string() + " holds a crawl of " + url + ", not of " + start_url_ +
                       " (give another directory, or delete it to start over)");
  }
}

CrawlJournal::~CrawlJournal() {
  std::string ignored;
  try {
    finish(ignored);
  } catch (const std::exception&) {
    // Only a failure to start the writer thread lands here; the journal keeps what it has.
  }
  if (fd_ >= 0) ::close(fd_);
}

std::size_t CrawlJournal::resume(const std::function<void(JournalPage&&)>& on_page) {
  std::ifstream in(path_, std::ios::binary);
  std::optional<gzip::MemberInflater> inflater;
  try {
    inflater.emplace();
  } catch (const gzip::Error& e) {
    throw JournalError(std::string("journal: ") + e.what(), ErrorKind::kRun);
  }
  std::array<char, 1 << 16> input{};
  std::string member;             // one checkpoint's lines, used once the member is whole
  std::uint64_t consumed = 0;     // bytes of the file inflated so far
  std::uint64_t good_end = 0;     // where the last whole member ends
  std::size_t members = 0;
  std::size_t pages = 0;
  bool header_seen = false;
  bool torn = false;
  auto use_member = [&] {
    std::size_t from = 0;
    for (std::size_t nl = member.find('\n'); nl != std::string::npos; nl = member.find('\n', from)) {
      const std::string_view line(member.data() + from, nl - from);
      from = nl + 1;
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(line);
      } catch (const nlohmann::json::exception& e) {
        throw JournalError(path_.string() + ": not a sitegraph journal (" + json_error_text(e) + ")");
      }
      if (!header_seen) {
        if (!j.is_object() || j.value("format", "") != kFormat) throw JournalError(path_.string() + ": not a sitegraph crawl journal");
        header_seen = true;
        if (j.value("version", 0) > kJournalVersion) {
          throw JournalError(path_.string() + ": journal version " + std::to_string(j.value("version", 0)) +
                             " is newer than this sitegraph reads (" + std::to_string(kJournalVersion) + ")");
        }
        if (const std::string url = j.value("start_url", ""); url != start_url_) {
          throw JournalError("--resume " + path_.parent_path().string() + " holds a crawl of " + url + ", not of " + start_url_ +
                             " (give another directory, or delete it to start over)");
        }
        continue;
      }
      try {
        on_page(page_from(j));
      } catch (const nlohmann::json::exception& e) {
        throw JournalError(path_.string() + ": a bad page record (" + json_error_text(e) + ")");
      }
      ++pages;
    }
    member.clear();
  };
  while (!torn) {
    in.read(input.data(), static_cast<std::streamsize>(input.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    std::string_view rest(input.data(), got);
    while (!rest.empty()) {
      const std::size_t before = rest.size();
      const auto result = inflater->inflate(rest, member);
      consumed += before - rest.size();
      if (result == gzip::MemberInflater::Result::kMemberEnd) {
        use_member();
        ++members;
        good_end = consumed;
      } else if (result == gzip::MemberInflater::Result::kCorrupt) {
        torn = true;  // garbage after the last whole checkpoint
        break;
      }
    }
  }
  const std::uint64_t size = fs::file_size(path_);
  // A crash can tear the first checkpoint (the header, a few hundred bytes), not kilobytes of
  // data that never inflate: that is some other file.
  if (members == 0 && size > 4096) throw JournalError(path_.string() + ": not a sitegraph crawl journal");
  if (good_end < size) {
    if (size > 0) spdlog::warn("{}: the last checkpoint was cut short; its pages will be crawled again", path_.string());
    if (::ftruncate(fd_, static_cast<off_t>(good_end)) != 0) throw JournalError("journal: cannot truncate: " + errno_text(), ErrorKind::kRun);
  }
  if (members == 0) {
    std::string header = "{\"format\":\"sitegraph-journal\",\"version\":" + std::to_string(kJournalVersion) + ",\"tool\":";
    append_string(header, std::string("sitegraph ") + kVersion);
    header += ",\"start_url\":";
    append_string(header, start_url_);
    header += "}\n";
    write_member(fd_, header);
  }
  return pages;
}

void CrawlJournal::add(const JournalPage& page) {
  append_page(buffer_, page);
  // A big crawl reaches the size first: checkpoints stay small, and so does the buffer.
  constexpr std::size_t kMaxBuffer = 32u << 20;
  if (buffer_.size() >= kMaxBuffer || std::chrono::steady_clock::now() - last_ >= every_) checkpoint();
}

void CrawlJournal::wait_for_writer() {
  if (!writer_.valid()) return;
  try {
    writer_.get();
  } catch (const std::exception& e) {
    if (error_.empty()) spdlog::error("--resume: {}; pages after the last good checkpoint would be crawled again", e.what());
    error_ = e.what();
  }
}

void CrawlJournal::checkpoint() {
  last_ = std::chrono::steady_clock::now();
  if (buffer_.empty()) return;
  wait_for_writer();  // one checkpoint at a time, in order
  if (!error_.empty()) {
    buffer_.clear();  // after a failed write, nothing more: the journal ends at its last good checkpoint
    return;
  }
  writer_ = std::async(std::launch::async, [fd = fd_, text = std::move(buffer_)] {
    const off_t start = ::lseek(fd, 0, SEEK_END);
    try {
      write_member(fd, text);
    } catch (...) {
      if (start >= 0 && ::ftruncate(fd, start) != 0) {
        // Left torn: the next run cuts it off the same way.
      }
      throw;
    }
  });
  buffer_.clear();
}

bool CrawlJournal::finish(std::string& error) {
  checkpoint();
  wait_for_writer();
  error = error_;
  return error_.empty();
}

void CrawlJournal::remove() {
  std::string ignored;
  finish(ignored);
  std::error_code ec;
  fs::remove(path_, ec);
}

}  // namespace sitegraph
