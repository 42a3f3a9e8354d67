// Bytes -> the CLI's .ods reader (cli/ods_reader.cpp: zlib over the contract's readers), from
// memory with small limits and the checksum not checked (so that a mutated
// content.xml stored uncompressed is still parsed): every sheet begun is
// ended, one at a time; row numbers rise within a sheet and stay within the
// limit; a row has 1 to max_columns cells, each at most max_cell_bytes, the
// last not empty (empty cells at a row's end are dropped); and the same bytes
// read into an AuditSession give the same message and audit without a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"
#include "fuzz_check.hpp"
#include "fuzz_ods_rows.hpp"
#include "ods_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz_ods::CheckedRows checker;
  const std::string error = cqc::cli::read_ods_rows_bytes(bytes, checker, fuzz_ods::limits());
  FUZZ_CHECK(!checker.open());
  FUZZ_CHECK(error.find('\n') == std::string::npos);

  cqc::contract::AuditSession session;
  cqc::cli::OdsSheets sheets;
  const std::string message = cqc::cli::read_ods_bytes(bytes, "fuzz.ods", session, &sheets, fuzz_ods::limits());
  if (!error.empty()) FUZZ_CHECK(message == error);
  if (message.empty()) FUZZ_CHECK(!sheets.read.empty());
  FUZZ_CHECK(sheets.read.size() + sheets.skipped.size() <= checker.sheets());
  session.finish();
  return 0;
}
