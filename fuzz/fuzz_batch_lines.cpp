// Bytes -> stdin of `cqc-ratings batch`: cqc::cli::LineReader with a small
// limit, each line through evaluate(). One line per '\n'-separated record (and
// one for a last record without '\n'), each the record's first limit + 1 bytes
// without a trailing "\r", and exactly one output line per input line.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "contract.hpp"
#include "fuzz_check.hpp"
#include "line_reader.hpp"

namespace {
constexpr std::size_t kLimit = 256;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  cqc::cli::LineReader reader(in, kLimit);

  std::size_t lines = 0, at = 0;  // at: where the current record starts in input
  std::string line;
  while (reader.next(line)) {
    ++lines;
    FUZZ_CHECK(line.size() <= kLimit + 1);
    FUZZ_CHECK(at < input.size());
    std::size_t end = input.find('\n', at);
    if (end == std::string::npos) end = input.size();
    std::string expected = input.substr(at, std::min(end - at, kLimit + 1));
    if (!expected.empty() && expected.back() == '\r') expected.pop_back();
    FUZZ_CHECK(line == expected);
    at = end + 1;

    bool ok = false;
    const std::string out = cqc::contract::evaluate(line, {}, &ok);
    FUZZ_CHECK(!out.empty() && out.front() == '{' && out.find('\n') == std::string::npos);
  }
  std::size_t records = 0;
  for (char c : input) records += c == '\n';
  if (!input.empty() && input.back() != '\n') ++records;
  FUZZ_CHECK(lines == records);
  return 0;
}
