// Bounded reading of stdin, so a huge input cannot exhaust memory: text past
// the limit is kept only as far as needed for the contract to reject it.
#pragma once

#include <istream>
#include <string>

namespace cqc::cli {

// Reads the whole stream, keeping at most limit + 1 bytes (one more than the
// limit, so an oversized input is still recognised as oversized).
inline std::string read_limited(std::istream& in, std::size_t limit) {
  std::string text;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    if (text.size() <= limit) text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > limit + 1) text.resize(limit + 1);
  return text;
}

// Yields one line at a time (without "\n" or a trailing "\r"); a line longer
// than the limit is cut to limit + 1 bytes and the rest of it skipped.
class LineReader {
 public:
  LineReader(std::istream& in, std::size_t limit) : in_(in), limit_(limit) {}

  bool next(std::string& line) {
    line.clear();
    std::streambuf* buf = in_.rdbuf();
    int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    while (c != std::char_traits<char>::eof() && c != '\n') {
      if (line.size() <= limit_) line.push_back(static_cast<char>(c));
      c = buf->sbumpc();
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  std::istream& in_;
  std::size_t limit_;
};

}  // namespace cqc::cli
