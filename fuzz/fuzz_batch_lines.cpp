// Bytes -> stdin of `cqc-ratings batch`: cqc::cli::LineReader with a small
// limit, each line through evaluate(). One line per '\n'-separated record
// (and one for a last record without '\n'), each without a trailing "\r",
// until a record over the limit: that one comes back TooLong, cut to
// limit + 1 bytes, and nothing after it is read. Exactly one output line per
// line read.
#include <cstddef>
#include <cstdint>
#include <string>

#include "contract.hpp"
#include "fuzz_check.hpp"
#include "io.hpp"

namespace {
constexpr std::size_t kLimit = 256;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  cqc::cli::ByteSource source = cqc::cli::ByteSource::from_text(input);
  cqc::cli::LineReader reader(source, kLimit);

  std::size_t lines = 0, at = 0;  // at: where the current record starts in input
  std::string line;
  bool stopped = false;
  for (auto status = reader.next(line); status != cqc::cli::LineReader::Status::End; status = reader.next(line)) {
    FUZZ_CHECK(!stopped);  // nothing is read after a line over the limit
    ++lines;
    FUZZ_CHECK(reader.line_number() == lines);
    FUZZ_CHECK(at < input.size());
    std::size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    std::string record = input.substr(at, end - at);
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.size() <= kLimit) {
      FUZZ_CHECK(status == cqc::cli::LineReader::Status::Line);
      FUZZ_CHECK(line == record);
    } else {
      FUZZ_CHECK(status == cqc::cli::LineReader::Status::TooLong);
      FUZZ_CHECK(line == record.substr(0, kLimit + 1));
      stopped = true;
    }
    at = end + 1;

    bool ok = false;
    const std::string out = cqc::contract::evaluate(line, {}, &ok);
    FUZZ_CHECK(!out.empty() && out.front() == '{' && out.find('\n') == std::string::npos);
    FUZZ_CHECK(ok == (out.compare(0, 9, "{\"error\":") != 0));
  }
  if (!stopped) {
    std::size_t records = 0;
    for (char c : input) records += c == '\n';
    if (!input.empty() && input.back() != '\n') ++records;
    FUZZ_CHECK(lines == records);
  }
  return 0;
}
