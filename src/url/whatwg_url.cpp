#include "sitegraph/whatwg_url.hpp"

#include <idn2.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace sitegraph {
namespace {

constexpr int kEof = -1;

// ---------------------------------------------------------------------------------------------
// Code points (Infra §4.6) and UTF-8. The parser works on UTF-8 bytes: every non-ASCII code
// point is percent-encoded byte by byte, which is what UTF-8 percent-encode (§1.3) produces.

bool is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alphanumeric(int c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
bool is_ascii_hex_digit(int c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(int c) {
  if (is_ascii_digit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

struct Utf8Sequence {
  std::size_t length;
  bool valid;
};

/// The UTF-8 sequence at s[i] (RFC 3629 §4). A malformed one is reported as its maximal
/// subpart, which the Encoding Standard's UTF-8 decoder replaces with a single U+FFFD.
Utf8Sequence scan_utf8(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {1, true};
  std::size_t needed = 0;
  if (lead >= 0xC2 && lead <= 0xDF) needed = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) needed = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) needed = 4;
  else return {1, false};
  // The second byte's range also rules out overlongs, surrogates and code points past U+10FFFF.
  const unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  for (std::size_t k = 1; k < needed; ++k) {
    if (i + k >= s.size()) return {k, false};
    const auto byte = static_cast<unsigned char>(s[i + k]);
    if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return {k, false};
  }
  return {needed, true};
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence sequence = scan_utf8(s, i);
    if (!sequence.valid) return false;
    i += sequence.length;
  }
  return true;
}

/// The parser's input is a scalar value string: malformed UTF-8 becomes U+FFFD (Encoding §8.1.1).
std::string replace_malformed_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Sequence sequence = scan_utf8(s, i);
    if (sequence.valid) {
      out.append(s.substr(i, sequence.length));
    } else {
      out += "\xEF\xBF\xBD";
    }
    i += sequence.length;
  }
  return out;
}

std::vector<std::string_view> strictly_split(std::string_view s, char delimiter) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == delimiter) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Percent-encoded bytes (WHATWG URL §1.3).

enum class EncodeSet { kC0Control, kFragment, kQuery, kSpecialQuery, kPath, kUserinfo };

bool in_encode_set(unsigned char c, EncodeSet set) {
  if (c < 0x20 || c > 0x7E) return true;  // the C0 control percent-encode set
  const bool query = c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
  const bool path = query || c == '?' || c == '^' || c == '`' || c == '{' || c == '}';
  switch (set) {
    case EncodeSet::kC0Control: return false;
    case EncodeSet::kFragment: return c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
    case EncodeSet::kQuery: return query;
    case EncodeSet::kSpecialQuery: return query || c == '\'';
    case EncodeSet::kPath: return path;
    case EncodeSet::kUserinfo:
      return path || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' ||
             (c >= '[' && c <= '^') || c == '|';
  }
  return true;
}

void append_percent_encoded(std::string& out, unsigned char c, EncodeSet set) {
  static constexpr char kUpperHex[] = "0123456789ABCDEF";
  if (!in_encode_set(c, set)) {
    out.push_back(static_cast<char>(c));
    return;
  }
  out.push_back('%');
  out.push_back(kUpperHex[c >> 4]);
  out.push_back(kUpperHex[c & 0x0F]);
}

std::string percent_decode(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '%' && i + 2 < input.size() && is_ascii_hex_digit(input[i + 1]) &&
        is_ascii_hex_digit(input[i + 2])) {
      out.push_back(static_cast<char>(hex_value(input[i + 1]) * 16 + hex_value(input[i + 2])));
      i += 2;
    } else {
      out.push_back(input[i]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IPv4 addresses (WHATWG URL §3.5 IPv4 parser, §3.6 IPv4 serializer).

/// Numbers above 2^32 are all equally out of range; saturating keeps the arithmetic in 64 bits.
constexpr std::uint64_t kIpv4Saturated = std::uint64_t{1} << 33;

/// The IPv4 number parser: decimal, 0x-prefixed hexadecimal or 0-prefixed octal.
std::optional<std::uint64_t> parse_ipv4_number(std::string_view input) {
  if (input.empty()) return std::nullopt;
  unsigned radix = 10;
  if (input.size() >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X')) {
    input.remove_prefix(2);
    radix = 16;
  } else if (input.size() >= 2 && input[0] == '0') {
    input.remove_prefix(1);
    radix = 8;
  }
  std::uint64_t value = 0;
  for (const char c : input) {
    const unsigned digit = is_ascii_hex_digit(c) ? static_cast<unsigned>(hex_value(c)) : radix;
    if (digit >= radix) return std::nullopt;
    value = std::min(value * radix + digit, kIpv4Saturated);
  }
  return value;  // "0x" and "0" alone are 0
}

/// The ends in a number checker: whether the host parser must hand `domain` to the IPv4 parser.
bool ends_in_a_number(std::string_view domain) {
  std::vector<std::string_view> parts = strictly_split(domain, '.');
  if (parts.back().empty()) {
    if (parts.size() == 1) return false;
    parts.pop_back();
  }
  const std::string_view last = parts.back();
  if (!last.empty() && std::all_of(last.begin(), last.end(), is_ascii_digit)) return true;
  return parse_ipv4_number(last).has_value();
}

std::optional<std::uint32_t> parse_ipv4(std::string_view input) {
  std::vector<std::string_view> parts = strictly_split(input, '.');
  if (parts.back().empty() && parts.size() > 1) parts.pop_back();
  if (parts.size() > 4) return std::nullopt;
  std::vector<std::uint64_t> numbers;
  for (const std::string_view part : parts) {
    const auto number = parse_ipv4_number(part);
    if (!number) return std::nullopt;
    numbers.push_back(*number);
  }
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
  }
  // The last number fills the bytes the earlier ones left: 256^(5 - count) (§3.5 step 8).
  if (numbers.back() >= (std::uint64_t{1} << (8 * (5 - numbers.size())))) return std::nullopt;
  std::uint64_t ipv4 = numbers.back();
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) ipv4 += numbers[i] << (8 * (3 - i));
  return static_cast<std::uint32_t>(ipv4);
}

std::string serialize_ipv4(std::uint32_t address) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((address >> shift) & 0xFF);
    if (shift != 0) out.push_back('.');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IPv6 addresses (WHATWG URL §3.5 IPv6 parser, §3.6 IPv6 serializer).

using Ipv6Address = std::array<std::uint16_t, 8>;

class Ipv6Parser {
 public:
  explicit Ipv6Parser(std::string_view input) : input_(input) {}
  std::optional<Ipv6Address> parse();

 private:
  int c() const { return pointer_ < input_.size() ? static_cast<unsigned char>(input_[pointer_]) : kEof; }
  int next() const {
    return pointer_ + 1 < input_.size() ? static_cast<unsigned char>(input_[pointer_ + 1]) : kEof;
  }
  bool parse_embedded_ipv4();
  void apply_compression();

  std::string_view input_;
  std::size_t pointer_ = 0;
  Ipv6Address address_{};
  std::size_t piece_index_ = 0;
  std::optional<std::size_t> compress_;
};

std::optional<Ipv6Address> Ipv6Parser::parse() {
  if (c() == ':') {
    if (next() != ':') return std::nullopt;
    pointer_ += 2;
    compress_ = ++piece_index_;
  }
  while (c() != kEof) {
    if (piece_index_ == 8) return std::nullopt;
    if (c() == ':') {
      if (compress_) return std::nullopt;
      ++pointer_;
      compress_ = ++piece_index_;
      continue;
    }
    unsigned value = 0;
    std::size_t length = 0;
    for (; length < 4 && is_ascii_hex_digit(c()); ++length, ++pointer_) {
      value = value * 0x10 + static_cast<unsigned>(hex_value(c()));
    }
    if (c() == '.') {
      if (length == 0 || piece_index_ > 6) return std::nullopt;
      pointer_ -= length;
      if (!parse_embedded_ipv4()) return std::nullopt;
      break;
    }
    if (c() == ':') {
      ++pointer_;
      if (c() == kEof) return std::nullopt;
    } else if (c() != kEof) {
      return std::nullopt;
    }
    address_[piece_index_++] = static_cast<std::uint16_t>(value);
  }
  if (!compress_ && piece_index_ != 8) return std::nullopt;
  apply_compression();
  return address_;
}

/// The dotted-decimal tail of "::ffff:192.0.2.1": exactly four decimal parts, no leading zeros.
bool Ipv6Parser::parse_embedded_ipv4() {
  int numbers_seen = 0;
  while (c() != kEof) {
    int ipv4_piece = -1;
    if (numbers_seen > 0) {
      if (c() != '.' || numbers_seen >= 4) return false;
      ++pointer_;
    }
    if (!is_ascii_digit(c())) return false;
    for (; is_ascii_digit(c()); ++pointer_) {
      if (ipv4_piece == 0) return false;
      ipv4_piece = (ipv4_piece < 0 ? 0 : ipv4_piece * 10) + (c() - '0');
      if (ipv4_piece > 255) return false;
    }
    address_[piece_index_] = static_cast<std::uint16_t>(address_[piece_index_] * 0x100 + ipv4_piece);
    ++numbers_seen;
    if (numbers_seen == 2 || numbers_seen == 4) ++piece_index_;
  }
  return numbers_seen == 4;
}

/// Moves the pieces after "::" to the end of the address (§3.5 IPv6 parser step 7).
void Ipv6Parser::apply_compression() {
  if (!compress_) return;
  std::size_t swaps = piece_index_ - *compress_;
  for (std::size_t index = 7; index != 0 && swaps > 0; --index, --swaps) {
    std::swap(address_[index], address_[*compress_ + swaps - 1]);
  }
}

/// The first longest run of two or more zero pieces, which serializes as "::" (RFC 5952 §4.2).
std::optional<std::size_t> compressed_piece_index(const Ipv6Address& address) {
  std::optional<std::size_t> longest_index;
  std::size_t longest_size = 1;
  for (std::size_t i = 0; i < address.size();) {
    if (address[i] != 0) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < address.size() && address[end] == 0) ++end;
    if (end - i > longest_size) {
      longest_index = i;
      longest_size = end - i;
    }
    i = end;
  }
  return longest_index;
}

std::string serialize_ipv6(const Ipv6Address& address) {
  static constexpr char kLowerHex[] = "0123456789abcdef";
  const std::optional<std::size_t> compress = compressed_piece_index(address);
  std::string out;
  bool ignore_zero = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (ignore_zero && address[i] == 0) continue;
    ignore_zero = false;
    if (compress == i) {
      out += i == 0 ? "::" : ":";
      ignore_zero = true;
      continue;
    }
    std::string piece;
    for (unsigned value = address[i]; piece.empty() || value != 0; value >>= 4) {
      piece.insert(piece.begin(), kLowerHex[value & 0xF]);
    }
    out += piece;
    if (i != 7) out.push_back(':');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Domains (WHATWG URL §3.2 forbidden code points, §3.3 IDNA).

bool is_forbidden_host_code_point(char c) {
  static constexpr std::string_view kForbidden{"\0\t\n\r #/:<>?@[\\]^|", 17};
  return kForbidden.find(c) != std::string_view::npos;
}

bool is_forbidden_domain_code_point(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return is_forbidden_host_code_point(c) || byte <= 0x1F || c == '%' || byte == 0x7F;
}

// UTS #46 ToASCII as the URL Standard asks: nontransitional, CheckHyphens and VerifyDnsLength off.
constexpr int kIdn2Flags = IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT;

struct Idn2Deleter {
  void operator()(char* s) const { idn2_free(s); }
};

std::optional<std::string> run_idn2(const std::string& domain, int flags, int& rc) {
  char* raw = nullptr;
  rc = idn2_to_ascii_8z(domain.c_str(), &raw, flags);
  const std::unique_ptr<char, Idn2Deleter> output(raw);
  if (rc != IDN2_OK || !output) return std::nullopt;
  return std::string(output.get());
}

// --- Fallbacks for where libidn2 (IDNA2008 + TR46) is stricter than UTS #46 as the URL
// Standard runs it: DNS length limits (VerifyDnsLength is false) and code points IDNA2008
// disallows but UTS #46 keeps valid (the "NV8" symbols: "☕.example" is "xn--53h.example").

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> code_points;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = scan_utf8(s, i).length;  // s is valid UTF-8 here
    const auto lead = static_cast<unsigned char>(s[i]);
    char32_t cp = length == 1 ? lead : lead & (0xFFu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    code_points.push_back(cp);
    i += length;
  }
  return code_points;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  const int length = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  static constexpr unsigned char kLead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  out.push_back(static_cast<char>(kLead[length] | (cp >> (6 * (length - 1)))));
  for (int k = length - 2; k >= 0; --k) out.push_back(static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3F)));
}

/// Labels split on the full stops UTS #46 maps to '.' (U+002E, U+3002, U+FF0E, U+FF61).
std::vector<std::string> split_domain_labels(std::string_view domain) {
  std::vector<std::string> labels(1);
  for (const char32_t cp : decode_utf8(domain)) {
    if (cp == U'.' || cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61) {
      labels.emplace_back();
    } else {
      append_utf8(labels.back(), cp);
    }
  }
  return labels;
}

/// Pictographic blocks whose assigned code points UTS #46 keeps valid, unmapped and NFC-stable
/// (Miscellaneous Symbols, Dingbats, Miscellaneous Symbols and Arrows, the emoji blocks).
bool is_pictographic_symbol(char32_t cp) {
  return (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x1F300 && cp <= 0x1FAFF);
}

std::uint64_t adapt_punycode_bias(std::uint64_t delta, std::uint64_t points, bool first_time) {
  constexpr std::uint64_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint64_t k = 0;
  for (; delta > ((kBase - kTmin) * kTmax) / 2; k += kBase) delta /= kBase - kTmin;
  return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

void append_punycode_number(std::string& out, std::uint64_t q, std::uint64_t bias) {
  constexpr std::uint64_t kBase = 36, kTmin = 1, kTmax = 26;
  const auto digit = [](std::uint64_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
  for (std::uint64_t k = kBase;; k += kBase) {
    const std::uint64_t t = k <= bias ? kTmin : (k >= bias + kTmax ? kTmax : k - bias);
    if (q < t) break;
    out.push_back(digit(t + (q - t) % (kBase - t)));
    q = (q - t) / (kBase - t);
  }
  out.push_back(digit(q));
}

/// Punycode encoding of one label (RFC 3492 §6.3).
std::string punycode_encode(const std::vector<char32_t>& input) {
  std::string out;
  for (const char32_t cp : input) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
  }
  const std::uint64_t basic = out.size();
  if (basic > 0) out.push_back('-');
  std::uint64_t n = 0x80, delta = 0, bias = 72, handled = basic;
  while (handled < input.size()) {
    std::uint64_t m = UINT32_MAX;
    for (const char32_t cp : input) {
      if (cp >= n && cp < m) m = cp;
    }
    delta += (m - n) * (handled + 1);
    n = m;
    for (const char32_t cp : input) {
      if (cp < n) ++delta;
      if (cp != n) continue;
      append_punycode_number(out, delta, bias);
      bias = adapt_punycode_bias(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

/// A label of ASCII and pictographic symbols only, which IDNA2008 rejects and UTS #46 accepts.
std::optional<std::string> symbol_label_to_ascii(std::string_view label) {
  std::vector<char32_t> code_points = decode_utf8(label);
  for (char32_t& cp : code_points) {
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= 0x80 && !is_pictographic_symbol(cp)) return std::nullopt;
  }
  return "xn--" + punycode_encode(code_points);
}

std::optional<std::string> label_to_ascii(const std::string& label, int flags) {
  if (is_ascii(label)) return ascii_lowercase(label);
  int rc = IDN2_OK;
  if (auto converted = run_idn2(label, flags, rc)) return converted;
  if (rc == IDN2_DISALLOWED) return symbol_label_to_ascii(label);
  return std::nullopt;
}

std::optional<std::string> idna_label_by_label(std::string_view domain, int flags) {
  std::string out;
  const std::vector<std::string> labels = split_domain_labels(domain);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto ascii = label_to_ascii(labels[i], flags);
    if (!ascii) return std::nullopt;
    if (i > 0) out.push_back('.');
    out += *ascii;
  }
  return out;
}

/// Unicode ToASCII (UTS #46 §4.2) of a domain with at least one non-ASCII code point.
std::optional<std::string> idna_to_ascii(const std::string& domain) {
  // A NUL would end the C string early; it is a forbidden domain code point anyway.
  if (domain.find('\0') != std::string::npos) return std::nullopt;
  int rc = IDN2_OK;
  if (auto result = run_idn2(domain, kIdn2Flags, rc)) return result;
  int flags = kIdn2Flags;
  if (rc == IDN2_INVALID_FLAGS) {
    // A libidn2 built without UTS #46 support: plain IDNA2008 is the closest it offers.
    flags = IDN2_NFC_INPUT;
    if (auto result = run_idn2(domain, flags, rc)) return result;
  }
  if (rc == IDN2_TOO_BIG_DOMAIN || rc == IDN2_TOO_BIG_LABEL || rc == IDN2_DISALLOWED) {
    return idna_label_by_label(domain, flags);
  }
  return std::nullopt;
}

/// The domain parser (§3.3, "domain to ASCII" with beStrict false). ASCII domains are only
/// lowercased, even when a label is invalid Punycode: web compatibility (§3.3 step 5).
std::optional<std::string> domain_to_ascii(const std::string& domain) {
  std::optional<std::string> result;
  if (is_ascii(domain)) {
    result = ascii_lowercase(domain);
  } else {
    result = idna_to_ascii(domain);
  }
  if (!result || result->empty()) return std::nullopt;
  if (std::any_of(result->begin(), result->end(), is_forbidden_domain_code_point)) return std::nullopt;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The host parser (WHATWG URL §3.5); it returns the serialized host (§3.6).

std::optional<std::string> parse_opaque_host(std::string_view input) {
  if (std::any_of(input.begin(), input.end(), is_forbidden_host_code_point)) return std::nullopt;
  std::string out;
  for (const char c : input) {
    append_percent_encoded(out, static_cast<unsigned char>(c), EncodeSet::kC0Control);
  }
  return out;
}

std::optional<std::string> parse_host(std::string_view input, bool is_opaque) {
  if (!input.empty() && input.front() == '[') {
    if (input.size() < 2 || input.back() != ']') return std::nullopt;
    const auto address = Ipv6Parser(input.substr(1, input.size() - 2)).parse();
    if (!address) return std::nullopt;
    // append() rather than operator+: g++ 12 raises a false -Wrestrict on the latter.
    std::string bracketed(1, '[');
    bracketed.append(serialize_ipv6(*address)).push_back(']');
    return bracketed;
  }
  if (is_opaque) return parse_opaque_host(input);
  // UTF-8 decode without BOM or fail: U+FFFD would make domain to ASCII fail anyway (§3.5 step 5).
  const std::string domain = percent_decode(input);
  if (!is_valid_utf8(domain)) return std::nullopt;
  const auto ascii_domain = domain_to_ascii(domain);
  if (!ascii_domain) return std::nullopt;
  if (ends_in_a_number(*ascii_domain)) {
    const auto ipv4 = parse_ipv4(*ascii_domain);
    if (!ipv4) return std::nullopt;
    return serialize_ipv4(*ipv4);
  }
  return ascii_domain;
}

// ---------------------------------------------------------------------------------------------
// Schemes, paths and dot segments (WHATWG URL §4.1, §4.2).

struct SpecialScheme {
  std::string_view name;
  std::optional<int> default_port;
};

constexpr std::array<SpecialScheme, 6> kSpecialSchemes{{
    {"ftp", 21}, {"file", std::nullopt}, {"http", 80}, {"https", 443}, {"ws", 80}, {"wss", 443}}};

const SpecialScheme* find_special_scheme(std::string_view scheme) {
  for (const SpecialScheme& special : kSpecialSchemes) {
    if (special.name == scheme) return &special;
  }
  return nullptr;
}

std::optional<int> default_port(std::string_view scheme) {
  const SpecialScheme* special = find_special_scheme(scheme);
  return special ? special->default_port : std::nullopt;
}

bool is_single_dot_segment(std::string_view s) { return s == "." || equals_ignoring_ascii_case(s, "%2e"); }

bool is_double_dot_segment(std::string_view s) {
  return s == ".." || equals_ignoring_ascii_case(s, ".%2e") || equals_ignoring_ascii_case(s, "%2e.") ||
         equals_ignoring_ascii_case(s, "%2e%2e");
}

bool is_windows_drive_letter(std::string_view s) {
  return s.size() == 2 && is_ascii_alpha(s[0]) && (s[1] == ':' || s[1] == '|');
}

bool is_normalized_windows_drive_letter(std::string_view s) {
  return is_windows_drive_letter(s) && s[1] == ':';
}

bool starts_with_windows_drive_letter(std::string_view s) {
  if (s.size() < 2 || !is_windows_drive_letter(s.substr(0, 2))) return false;
  return s.size() == 2 || s[2] == '/' || s[2] == '\\' || s[2] == '?' || s[2] == '#';
}

/// A list path back from its serialization "/a/b/" -> {"a", "b", ""}.
std::vector<std::string> split_list_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty()) return segments;
  for (const std::string_view segment : strictly_split(path.substr(1), '/')) segments.emplace_back(segment);
  return segments;
}

std::string serialize_list_path(const std::vector<std::string>& segments) {
  std::string out;
  for (const std::string& segment : segments) {
    out.push_back('/');
    out += segment;
  }
  return out;
}

/// Strips leading and trailing C0 controls and spaces, then every ASCII tab and newline
/// (§4.4 basic URL parser steps 1-3).
std::string clean_input(std::string_view input) {
  const auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!input.empty() && is_c0_or_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_c0_or_space(input.back())) input.remove_suffix(1);
  std::string out;
  out.reserve(input.size());
  for (const char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return replace_malformed_utf8(out);
}

// ---------------------------------------------------------------------------------------------
// The basic URL parser's state machine (WHATWG URL §4.4), without state override.

class BasicUrlParser {
 public:
  BasicUrlParser(std::string input, const WhatwgUrl* base);
  std::optional<WhatwgUrl> parse();

 private:
  enum class State {
    kSchemeStart, kScheme, kNoScheme, kSpecialRelativeOrAuthority, kPathOrAuthority, kRelative,
    kRelativeSlash, kSpecialAuthoritySlashes, kSpecialAuthorityIgnoreSlashes, kAuthority, kHost,
    kPort, kFile, kFileSlash, kFileHost, kPathStart, kPath, kOpaquePath, kQuery, kFragment,
  };

  bool run_state(int c);
  // Scheme and relative-reference states.
  void scheme_start_state(int c);
  void scheme_state(int c);
  bool no_scheme_state(int c);
  void special_relative_or_authority_state(int c);
  void path_or_authority_state(int c);
  void relative_state(int c);
  void relative_slash_state(int c);
  void special_authority_slashes_state(int c);
  void special_authority_ignore_slashes_state(int c);
  // Authority states.
  bool authority_state(int c);
  void append_userinfo();
  bool host_state(int c);
  bool port_state(int c);
  // file: states.
  void file_state(int c);
  void file_slash_state(int c);
  bool file_host_state(int c);
  // Path, query and fragment states.
  void path_start_state(int c);
  void path_state(int c);
  void end_path_segment(int c);
  void opaque_path_state(int c);
  void query_state(int c);
  void fragment_state(int c);

  int code_point_at(std::ptrdiff_t index) const;
  bool remaining_starts_with(char c) const { return code_point_at(pointer_ + 1) == c; }
  std::string_view rest_from_pointer() const;
  bool is_special() const { return special_; }
  bool ends_authority(int c) const;
  void set_scheme(std::string scheme);
  void copy_base_authority();
  void start_query();
  void start_fragment();
  void shorten_path();

  std::string input_;
  const WhatwgUrl* base_;
  std::vector<std::string> base_path_;
  WhatwgUrl url_;
  std::vector<std::string> path_;
  bool special_ = false;
  State state_ = State::kSchemeStart;
  std::string buffer_;
  std::ptrdiff_t pointer_ = 0;
  bool at_sign_seen_ = false;
  bool inside_brackets_ = false;
  bool password_token_seen_ = false;
};

BasicUrlParser::BasicUrlParser(std::string input, const WhatwgUrl* base)
    : input_(std::move(input)), base_(base) {
  if (base_ && !base_->has_opaque_path) base_path_ = split_list_path(base_->path);
}

std::optional<WhatwgUrl> BasicUrlParser::parse() {
  const auto size = static_cast<std::ptrdiff_t>(input_.size());
  for (;;) {
    if (!run_state(code_point_at(pointer_))) return std::nullopt;
    if (pointer_ >= size) break;
    ++pointer_;
  }
  if (!url_.has_opaque_path) url_.path = serialize_list_path(path_);
  return std::move(url_);
}

int BasicUrlParser::code_point_at(std::ptrdiff_t index) const {
  if (index < 0 || index >= static_cast<std::ptrdiff_t>(input_.size())) return kEof;
  return static_cast<unsigned char>(input_[static_cast<std::size_t>(index)]);
}

std::string_view BasicUrlParser::rest_from_pointer() const {
  return std::string_view(input_).substr(static_cast<std::size_t>(pointer_));
}

/// EOF, '/', '?', '#', and '\' for special URLs end the authority, host and port (§4.4).
bool BasicUrlParser::ends_authority(int c) const {
  return c == kEof || c == '/' || c == '?' || c == '#' || (is_special() && c == '\\');
}

void BasicUrlParser::set_scheme(std::string scheme) {
  url_.scheme = std::move(scheme);
  special_ = find_special_scheme(url_.scheme) != nullptr;
}

void BasicUrlParser::copy_base_authority() {
  url_.username = base_->username;
  url_.password = base_->password;
  url_.host = base_->host;
  url_.has_host = base_->has_host;
  url_.port = base_->port;
}

void BasicUrlParser::start_query() {
  url_.query.clear();
  url_.has_query = true;
  state_ = State::kQuery;
}

void BasicUrlParser::start_fragment() {
  url_.fragment.clear();
  url_.has_fragment = true;
  state_ = State::kFragment;
}

/// Shorten a URL's path (§4.2): drop the last segment, except a file: URL's drive letter.
void BasicUrlParser::shorten_path() {
  if (url_.scheme == "file" && path_.size() == 1 && is_normalized_windows_drive_letter(path_[0])) return;
  if (!path_.empty()) path_.pop_back();
}

bool BasicUrlParser::run_state(int c) {
  switch (state_) {
    case State::kSchemeStart: scheme_start_state(c); return true;
    case State::kScheme: scheme_state(c); return true;
    case State::kNoScheme: return no_scheme_state(c);
    case State::kSpecialRelativeOrAuthority: special_relative_or_authority_state(c); return true;
    case State::kPathOrAuthority: path_or_authority_state(c); return true;
    case State::kRelative: relative_state(c); return true;
    case State::kRelativeSlash: relative_slash_state(c); return true;
    case State::kSpecialAuthoritySlashes: special_authority_slashes_state(c); return true;
    case State::kSpecialAuthorityIgnoreSlashes: special_authority_ignore_slashes_state(c); return true;
    case State::kAuthority: return authority_state(c);
    case State::kHost: return host_state(c);
    case State::kPort: return port_state(c);
    case State::kFile: file_state(c); return true;
    case State::kFileSlash: file_slash_state(c); return true;
    case State::kFileHost: return file_host_state(c);
    case State::kPathStart: path_start_state(c); return true;
    case State::kPath: path_state(c); return true;
    case State::kOpaquePath: opaque_path_state(c); return true;
    case State::kQuery: query_state(c); return true;
    case State::kFragment: fragment_state(c); return true;
  }
  return false;
}

// --- Scheme and relative-reference states ----------------------------------------------------

void BasicUrlParser::scheme_start_state(int c) {
  if (is_ascii_alpha(c)) {
    buffer_.push_back(ascii_lower(static_cast<char>(c)));
    state_ = State::kScheme;
  } else {
    state_ = State::kNoScheme;
    --pointer_;
  }
}

void BasicUrlParser::scheme_state(int c) {
  if (is_ascii_alphanumeric(c) || c == '+' || c == '-' || c == '.') {
    buffer_.push_back(ascii_lower(static_cast<char>(c)));
    return;
  }
  if (c != ':') {
    // Not a scheme after all: start over as a relative reference.
    buffer_.clear();
    state_ = State::kNoScheme;
    pointer_ = -1;
    return;
  }
  set_scheme(std::move(buffer_));
  buffer_.clear();
  if (url_.scheme == "file") {
    state_ = State::kFile;
  } else if (is_special() && base_ && base_->scheme == url_.scheme) {
    state_ = State::kSpecialRelativeOrAuthority;
  } else if (is_special()) {
    state_ = State::kSpecialAuthoritySlashes;
  } else if (remaining_starts_with('/')) {
    state_ = State::kPathOrAuthority;
    ++pointer_;
  } else {
    url_.has_opaque_path = true;
    url_.path.clear();
    state_ = State::kOpaquePath;
  }
}

bool BasicUrlParser::no_scheme_state(int c) {
  if (!base_ || (base_->has_opaque_path && c != '#')) return false;  // missing-scheme-non-relative-URL
  if (base_->has_opaque_path) {
    set_scheme(base_->scheme);
    url_.path = base_->path;
    url_.has_opaque_path = true;
    url_.query = base_->query;
    url_.has_query = base_->has_query;
    start_fragment();
    return true;
  }
  state_ = base_->scheme == "file" ? State::kFile : State::kRelative;
  --pointer_;
  return true;
}

void BasicUrlParser::special_relative_or_authority_state(int c) {
  if (c == '/' && remaining_starts_with('/')) {
    state_ = State::kSpecialAuthorityIgnoreSlashes;
    ++pointer_;
  } else {
    state_ = State::kRelative;
    --pointer_;
  }
}

void BasicUrlParser::path_or_authority_state(int c) {
  if (c == '/') {
    state_ = State::kAuthority;
  } else {
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::relative_state(int c) {
  set_scheme(base_->scheme);
  if (c == '/' || (is_special() && c == '\\')) {
    state_ = State::kRelativeSlash;
    return;
  }
  copy_base_authority();
  path_ = base_path_;
  url_.query = base_->query;
  url_.has_query = base_->has_query;
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    url_.query.clear();
    url_.has_query = false;
    shorten_path();
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::relative_slash_state(int c) {
  if (is_special() && (c == '/' || c == '\\')) {
    state_ = State::kSpecialAuthorityIgnoreSlashes;
  } else if (c == '/') {
    state_ = State::kAuthority;
  } else {
    copy_base_authority();
    state_ = State::kPath;
    --pointer_;
  }
}

void BasicUrlParser::special_authority_slashes_state(int c) {
  state_ = State::kSpecialAuthorityIgnoreSlashes;
  if (c == '/' && remaining_starts_with('/')) {
    ++pointer_;
  } else {
    --pointer_;  // special-scheme-missing-following-solidus: "http:example.com" still has a host
  }
}

void BasicUrlParser::special_authority_ignore_slashes_state(int c) {
  if (c != '/' && c != '\\') {
    state_ = State::kAuthority;
    --pointer_;
  }
}

// --- Authority states ------------------------------------------------------------------------

bool BasicUrlParser::authority_state(int c) {
  if (c == '@') {
    // Everything before the last '@' is userinfo; earlier '@'s become "%40" (invalid-credentials).
    if (at_sign_seen_) buffer_.insert(0, "%40");
    at_sign_seen_ = true;
    append_userinfo();
    buffer_.clear();
  } else if (ends_authority(c)) {
    if (at_sign_seen_ && buffer_.empty()) return false;  // host-missing: "http://user@/"
    pointer_ -= static_cast<std::ptrdiff_t>(buffer_.size()) + 1;
    buffer_.clear();
    state_ = State::kHost;
  } else {
    buffer_.push_back(static_cast<char>(c));
  }
  return true;
}

void BasicUrlParser::append_userinfo() {
  for (const char c : buffer_) {
    if (c == ':' && !password_token_seen_) {
      password_token_seen_ = true;
      continue;
    }
    std::string& target = password_token_seen_ ? url_.password : url_.username;
    append_percent_encoded(target, static_cast<unsigned char>(c), EncodeSet::kUserinfo);
  }
}

bool BasicUrlParser::host_state(int c) {
  const bool port_follows = c == ':' && !inside_brackets_;
  if (port_follows || ends_authority(c)) {
    if (!port_follows) --pointer_;
    // host-missing: special URLs need a host, and nobody may have a port without one.
    if (buffer_.empty() && (port_follows || is_special())) return false;
    const auto host = parse_host(buffer_, !is_special());
    if (!host) return false;
    url_.host = *host;
    url_.has_host = true;
    buffer_.clear();
    state_ = port_follows ? State::kPort : State::kPathStart;
    return true;
  }
  if (c == '[') inside_brackets_ = true;
  if (c == ']') inside_brackets_ = false;
  buffer_.push_back(static_cast<char>(c));
  return true;
}

bool BasicUrlParser::port_state(int c) {
  if (is_ascii_digit(c)) {
    buffer_.push_back(static_cast<char>(c));
    return true;
  }
  if (!ends_authority(c)) return false;  // port-invalid
  if (!buffer_.empty()) {
    long port = 0;
    for (const char digit : buffer_) port = std::min(port * 10 + (digit - '0'), 65536L);
    if (port > 65535) return false;  // port-out-of-range
    url_.port = static_cast<int>(port);
    if (url_.port == default_port(url_.scheme)) url_.port.reset();
    buffer_.clear();
  }
  state_ = State::kPathStart;
  --pointer_;
  return true;
}

// --- file: states ----------------------------------------------------------------------------

void BasicUrlParser::file_state(int c) {
  set_scheme("file");
  url_.host.clear();
  url_.has_host = true;
  if (c == '/' || c == '\\') {
    state_ = State::kFileSlash;
    return;
  }
  state_ = State::kPath;
  if (!base_ || base_->scheme != "file") {
    --pointer_;
    return;
  }
  url_.host = base_->host;
  path_ = base_path_;
  url_.query = base_->query;
  url_.has_query = base_->has_query;
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    url_.query.clear();
    url_.has_query = false;
    // Windows drive letter quirk: "C:" replaces the base path rather than joining it.
    if (starts_with_windows_drive_letter(rest_from_pointer())) {
      path_.clear();
    } else {
      shorten_path();
    }
    --pointer_;
  }
}

void BasicUrlParser::file_slash_state(int c) {
  if (c == '/' || c == '\\') {
    state_ = State::kFileHost;
    return;
  }
  if (base_ && base_->scheme == "file") {
    url_.host = base_->host;
    // Windows drive letter quirk: keep the base's drive for "/path".
    if (!starts_with_windows_drive_letter(rest_from_pointer()) && !base_path_.empty() &&
        is_normalized_windows_drive_letter(base_path_[0])) {
      path_.push_back(base_path_[0]);
    }
  }
  state_ = State::kPath;
  --pointer_;
}

bool BasicUrlParser::file_host_state(int c) {
  if (c != kEof && c != '/' && c != '\\' && c != '?' && c != '#') {
    buffer_.push_back(static_cast<char>(c));
    return true;
  }
  --pointer_;
  if (is_windows_drive_letter(buffer_)) {
    state_ = State::kPath;  // "file://C:/x": the drive is the first path segment, buffer kept
    return true;
  }
  if (!buffer_.empty()) {
    auto host = parse_host(buffer_, false);
    if (!host) return false;
    url_.host = *host == "localhost" ? std::string() : *host;
    buffer_.clear();
  } else {
    url_.host.clear();
  }
  url_.has_host = true;
  state_ = State::kPathStart;
  return true;
}

// --- Path, query and fragment states ---------------------------------------------------------

void BasicUrlParser::path_start_state(int c) {
  if (is_special()) {
    state_ = State::kPath;
    if (c != '/' && c != '\\') --pointer_;
  } else if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    state_ = State::kPath;
    if (c != '/') --pointer_;
  }
}

void BasicUrlParser::path_state(int c) {
  if (c == kEof || c == '/' || (is_special() && c == '\\') || c == '?' || c == '#') {
    end_path_segment(c);
    if (c == '?') start_query();
    if (c == '#') start_fragment();
  } else {
    append_percent_encoded(buffer_, static_cast<unsigned char>(c), EncodeSet::kPath);
  }
}

/// Appends the buffered segment, resolving "." and ".." (and %2e forms) as it goes (§4.4 path state).
void BasicUrlParser::end_path_segment(int c) {
  const bool slash = c == '/' || (is_special() && c == '\\');
  if (is_double_dot_segment(buffer_)) {
    shorten_path();
    if (!slash) path_.emplace_back();  // "/usr/.." is "/", not an empty path
  } else if (is_single_dot_segment(buffer_)) {
    if (!slash) path_.emplace_back();
  } else {
    if (url_.scheme == "file" && path_.empty() && is_windows_drive_letter(buffer_)) buffer_[1] = ':';
    path_.push_back(buffer_);
  }
  buffer_.clear();
}

void BasicUrlParser::opaque_path_state(int c) {
  if (c == '?') {
    start_query();
  } else if (c == '#') {
    start_fragment();
  } else if (c == ' ') {
    // A space right before '?' or '#' is encoded, so that it survives a reparse.
    const int next = code_point_at(pointer_ + 1);
    url_.path += (next == '?' || next == '#') ? "%20" : " ";
  } else if (c != kEof) {
    append_percent_encoded(url_.path, static_cast<unsigned char>(c), EncodeSet::kC0Control);
  }
}

void BasicUrlParser::query_state(int c) {
  if (c == '#') {
    start_fragment();
  } else if (c != kEof) {
    // UTF-8 is the only encoding here, so encoding byte by byte equals encoding the buffer.
    const EncodeSet set = is_special() ? EncodeSet::kSpecialQuery : EncodeSet::kQuery;
    append_percent_encoded(url_.query, static_cast<unsigned char>(c), set);
  }
}

void BasicUrlParser::fragment_state(int c) {
  if (c != kEof) append_percent_encoded(url_.fragment, static_cast<unsigned char>(c), EncodeSet::kFragment);
}

}  // namespace

std::string WhatwgUrl::href() const {
  std::string out = scheme + ":";
  if (has_host) {
    out += "//";
    if (!username.empty() || !password.empty()) {
      out += username;
      if (!password.empty()) out.append(":").append(password);
      out.push_back('@');
    }
    out += host;
    if (port) out.append(":").append(std::to_string(*port));
  } else if (!has_opaque_path && path.size() > 1 && path[0] == '/' && path[1] == '/') {
    out += "/.";  // keeps "web+demo:/.//not-a-host/" from reparsing with a host (§4.5 step 3)
  }
  out += path;
  if (has_query) out += "?" + query;
  if (has_fragment) out += "#" + fragment;
  return out;
}

bool WhatwgUrl::is_special() const { return find_special_scheme(scheme) != nullptr; }

std::optional<WhatwgUrl> parse_whatwg_url(std::string_view input, const WhatwgUrl* base) {
  if (base && base->scheme.empty()) base = nullptr;
  return BasicUrlParser(clean_input(input), base).parse();
}

}  // namespace sitegraph
