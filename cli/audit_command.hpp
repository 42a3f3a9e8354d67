// `cqc-ratings audit FILE... [--format text|jsonl|csv|summary] [--history]`: CQC's
// published ratings (API location records, sheets of the Latest ratings
// export as CSV, or the export's .ods) read through one AuditSession, every
// published aggregate recomputed from the level below and set beside the
// published rating.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "contract_audit_session.hpp"
#include "trust.hpp"

namespace cqc::cli {

// One data file (- for standard input) into the session as `audit` reads it
// (an .ods through the .ods reader, at most 1 GiB); each problem reading it is
// written to stderr. False when there was one.
bool read_data_file(const std::string& path, contract::AuditSession& session);

// Writes the audit to `out` (jsonl and csv: a row per published aggregate
// looked at; text: the summary by level and band, then each departure;
// summary: the same figures as one JSON object);
// problems go to stderr, one per line. The exit status: 0; 1 when any
// problem was reported (the output is still written); 2 for a usage error
// (no file). A failed write stops the output; the caller checks `out`.
int run_audit(const std::vector<std::string>& paths, const std::string& format, bool history,
              const TrustOptions& rules, std::ostream& out);

}  // namespace cqc::cli
