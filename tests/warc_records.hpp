#pragma once
// WARC records (ISO 28500) written by hand for the WARC reader's unit tests and the CLI tests.

#include <cstdio>
#include <string>

namespace sitegraph::testing {

inline std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                               const std::string& more_fields = "") {
  std::string record = "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:x>\r\n";
  if (!uri.empty()) record += "WARC-Target-URI: " + uri + "\r\n";
  record += more_fields;
  record += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  record += block;
  record += "\r\n\r\n";
  return record;
}

/// "HTTP/1.1 200 OK" and headers (CRLF-separated), then the body.
inline std::string http_block(const std::string& head, const std::string& body) { return head + "\r\n\r\n" + body; }

/// A 200 text/html response record.
inline std::string html_response(const std::string& url, const std::string& html) {
  return warc_record("response", url, http_block("HTTP/1.1 200 OK\r\nContent-Type: text/html", html));
}

}  // namespace sitegraph::testing
