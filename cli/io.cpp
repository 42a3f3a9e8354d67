#include "io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace cqc::cli {

ByteSource ByteSource::from_text(std::string text) {
  ByteSource source(-1);
  source.buffer_ = std::move(text);
  return source;
}

bool ByteSource::fill() {
  if (fd_ < 0 || !error_.empty()) return false;
  buffer_.resize(64 * 1024);
  next_ = 0;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n > 0) {
      buffer_.resize(static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error_ = std::strerror(errno);
    buffer_.clear();
    return false;
  }
}

int open_for_reading(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) error = std::strerror(errno);
  return fd;
}

std::string read_limited(ByteSource& in, std::size_t limit) {
  std::string text;
  for (int c; text.size() <= limit && (c = in.get()) >= 0;) text.push_back(static_cast<char>(c));
  return text;
}

LineReader::Status LineReader::next(std::string& line) {
  line.clear();
  if (stopped_) return Status::End;
  int c = in_.get();
  if (c < 0) return Status::End;
  ++line_number_;
  for (; c >= 0 && c != '\n'; c = in_.get()) {
    line.push_back(static_cast<char>(c));
    if (line.size() > limit_ + 1) break;  // over the limit even without a trailing "\r"
  }
  if (line.size() <= limit_ + 1 && !line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() <= limit_) return Status::Line;
  line.resize(limit_ + 1);  // enough for the contract to reject it as over the limit
  stopped_ = true;          // its end may never come (/dev/zero), so read no further
  return Status::TooLong;
}

bool output_ok(std::ostream& out) {
  static bool reported = false;
  if (out.flush()) return true;
  // The stream failed in the write that just happened, so errno still says why.
  const int error = errno;
  if (!reported) {
    std::cerr << "cqc-ratings: cannot write the output: " << (error ? std::strerror(error) : "write failed")
              << "\n";
    reported = true;
  }
  return false;
}

}  // namespace cqc::cli
