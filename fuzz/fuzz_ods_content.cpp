// Bytes -> the contract's content.xml reader alone (core/contract/contract_ods_content.cpp),
// the first byte choosing a piece size: the input read in those pieces gives
// exactly what it gives in one piece (the same rows, sheets and message: no
// state is lost at a piece boundary); every sheet begun is ended; row numbers
// rise within a sheet; rows and cells stay within the limits; a message is
// one line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contract_ods_content.hpp"
#include "fuzz_check.hpp"
#include "fuzz_ods_rows.hpp"

namespace {

std::string read(std::string_view xml, std::size_t piece, std::string& log) {
  fuzz_ods::CheckedRows recorder;
  cqc::contract::OdsContentReader reader(recorder, fuzz_ods::limits());
  for (std::size_t at = 0; at < xml.size(); at += piece) reader.feed(xml.substr(at, piece));
  const std::string error = reader.finish();
  FUZZ_CHECK(!recorder.open());
  FUZZ_CHECK(error.find('\n') == std::string::npos);
  log = recorder.log();
  return error;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 17;
  const std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string whole_log, pieces_log;
  const std::string whole = read(xml, xml.size() + 1, whole_log);
  const std::string pieces = read(xml, piece, pieces_log);
  FUZZ_CHECK(whole == pieces);
  FUZZ_CHECK(whole_log == pieces_log);
  return 0;
}
