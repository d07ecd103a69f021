// CSV tables as other tools write them: comma, tab or semicolon separated, RFC 4180 quoting,
// UTF-8 or UTF-16 (Ahrefs exports UTF-16 LE with a BOM and tabs).

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sitegraph/inputs.hpp"
#include "text/utf8.hpp"

namespace sitegraph {
namespace {

// UTF-16 (after its BOM) to UTF-8; an unpaired surrogate becomes U+FFFD.
std::string from_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size() / 2);
  const auto unit = [&](std::size_t i) {
    const auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    return static_cast<std::uint32_t>(lo | (hi << 8));
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  return out;
}

// The delimiter of the header line: the most frequent of tab, comma and semicolon outside quotes.
char sniff_delimiter(std::string_view text) {
  std::size_t tabs = 0, commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    tabs += c == '\t';
    commas += c == ',';
    semicolons += c == ';';
  }
  if (tabs >= commas && tabs >= semicolons && tabs > 0) return '\t';
  return semicolons > commas ? ';' : ',';
}

std::string normal_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '_' || c == '-' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

int CsvTable::column(std::initializer_list<std::string_view> names) const {
  for (const std::string_view name : names) {
    const std::string wanted = normal_name(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (normal_name(header[i]) == wanted) return static_cast<int>(i);
    }
  }
  return -1;
}

CsvTable parse_csv(std::string_view bytes) {
  std::string converted;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    converted = from_utf16(bytes.substr(2), true);
    bytes = converted;
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
    converted = from_utf16(bytes.substr(2), false);
    bytes = converted;
  } else if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  }
  // A binary file (an image or an archive given by mistake) would make rows of garbage.
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    throw InputError("not a text file (a NUL byte at offset " + std::to_string(nul) + ")");
  }
  const char delimiter = sniff_delimiter(bytes);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;  // where the open quoted field started
  const auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  const auto end_record = [&] {
    end_field();
    const bool blank = record.size() == 1 && record[0].empty();
    if (!blank) records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    line += c == '\n' || (c == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'));
    if (quoted) {
      if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    // RFC 4180 quoting lets a field span lines, so one stray quote would swallow the rest of
    // the file into one cell.
    throw InputError("line " + std::to_string(quote_line) + ": a quoted field is never closed (a '\"' without its pair)");
  }
  if (field_started || !field.empty() || !record.empty()) end_record();
  CsvTable table;
  if (records.empty()) return table;
  // Old Screaming Frog exports put a title line ("All Inlinks") above the header.
  std::size_t first = records.size() > 1 && records[0].size() == 1 && records[1].size() > 1 ? 1 : 0;
  table.header = std::move(records[first]);
  for (std::string& h : table.header) {
    while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back()))) h.pop_back();
    h.erase(0, std::min(h.size(), h.find_first_not_of(" \t")));
  }
  table.rows.assign(std::make_move_iterator(records.begin() + static_cast<std::ptrdiff_t>(first) + 1),
                    std::make_move_iterator(records.end()));
  return table;
}

std::string input_file_problem(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return "no such file";
  if (std::filesystem::is_directory(status)) return "a folder, not a file";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  return {};
}

std::string read_input_file(const std::string& path) {
  if (const std::string problem = input_file_problem(path); !problem.empty()) throw InputError("cannot read " + path + ": " + problem);
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) throw InputError("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

CsvTable read_csv_file(const std::string& path) {
  const std::string bytes = read_input_file(path);
  CsvTable table;
  try {
    table = parse_csv(bytes);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  if (table.header.empty()) throw InputError(path + " is empty");
  return table;
}

}  // namespace sitegraph
