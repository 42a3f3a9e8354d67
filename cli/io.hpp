// The CLI's input and output, bounded and checked: an input is read only as
// far as the contract's size limit needs (so /dev/zero ends), a failed read
// is reported as what it is, and a failed write stops the command.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace cqc::cli {

// Bytes from a file descriptor (stdin, an opened file) or from memory (the
// fuzz harness), read in blocks. A failed read ends the bytes and keeps its
// reason in error().
class ByteSource {
 public:
  explicit ByteSource(int fd) : fd_(fd) {}
  static ByteSource from_text(std::string text);

  // The next byte (0-255), or -1 at the end of the input or after an error.
  int get() {
    if (next_ < buffer_.size() || fill()) return static_cast<unsigned char>(buffer_[next_++]);
    return -1;
  }
  // Empty, or why reading failed ("Is a directory", "Input/output error").
  const std::string& error() const { return error_; }

 private:
  bool fill();

  int fd_;
  std::string buffer_;
  std::size_t next_ = 0;
  std::string error_;
};

// Opens a file for reading; on failure returns -1 and sets `error` to why.
int open_for_reading(const std::string& path, std::string& error);

// Reads the whole input, keeping at most limit + 1 bytes and reading no
// further: a longer (or endless) input comes back as limit + 1 bytes, which
// the contract rejects as over the limit.
std::string read_limited(ByteSource& in, std::size_t limit);

// JSON Lines, one line at a time, without "\n" or a trailing "\r".
class LineReader {
 public:
  enum class Status { Line, TooLong, End };

  LineReader(ByteSource& in, std::size_t limit) : in_(in), limit_(limit) {}

  // Line: `line` holds the next line. TooLong: the line is longer than the
  // limit; `line` holds its first limit + 1 bytes and nothing more is read
  // (the rest of it could be endless). End: no more lines.
  Status next(std::string& line);
  std::size_t line_number() const { return line_number_; }

 private:
  ByteSource& in_;
  std::size_t limit_;
  std::size_t line_number_ = 0;
  bool stopped_ = false;
};

// True when everything written to `out` so far has reached its destination
// (it flushes); otherwise prints why on stderr, once, and returns false.
bool output_ok(std::ostream& out);

}  // namespace cqc::cli
