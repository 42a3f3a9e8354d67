// CQC's "Latest ratings" spreadsheet read straight from its .ods file by the
// CLI, streamed: the file's I/O (pread) and zlib's inflate (the CRC-32 checked)
// are all that is here. The zip's records are read by the contract
// (contract_zip.hpp: where content.xml is, and every message about the
// container), and content.xml, inflated a block at a time and never held
// whole, by the contract's reader (contract_ods_content.hpp: sheets, rows,
// cells, and which sheets go to the AuditSession), the same code the browser
// runs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contract_audit_session.hpp"
#include "contract_ods_content.hpp"

namespace cqc::cli {

using contract::OdsLimits;
using contract::OdsRowHandler;
using contract::OdsSheets;

// Reads the .ods file at `path` into `session`: for each sheet that holds the
// export, begin_file("<path>, sheet <name>"), add_row per non-empty row,
// end_file(). Returns "" when the file was read, else one plain-English
// message saying why it could not be read at all (not a zip, cut short, no
// content.xml, damaged compressed data, XML that is not well formed with its
// line and column, zip64 or encryption). Problems inside a sheet (a bad
// rating, a sheet without a header) are the session's to report.
std::string read_ods(const std::string& path, contract::AuditSession& session, OdsSheets* sheets = nullptr);
// The same for the bytes of an .ods file already in memory; `name` is used
// in sheet names and messages.
std::string read_ods_bytes(std::string_view bytes, const std::string& name, contract::AuditSession& session,
                           OdsSheets* sheets = nullptr, const OdsLimits& limits = {});

// Below the session: every sheet and every non-empty row as it is in the
// file, without looking for a header (tests and fuzzing use it).
std::string read_ods_rows(const std::string& path, OdsRowHandler& handler, const OdsLimits& limits = {});
std::string read_ods_rows_bytes(std::string_view bytes, OdsRowHandler& handler, const OdsLimits& limits = {});

}  // namespace cqc::cli
