// `cqc-ratings assess [FILE|-] [--format json|text] [--as-at DATE]`: a
// trust's assessment document (contract version 2) evaluated through CQC's
// levels of ratings; with --what-matters, the lowest-level changes that would
// move the trust's quality and combined ratings (or --target nodes); with
// --to-csv, the assessment as CQC's Locations sheet (--sheet providers: its
// Providers sheet, the trust's own ratings); with --view ratings, the
// workbench's live view (every node's ratings, --explain nodes in full). `--from FILE...`: the
// document made from CQC's published data (API records, export sheets as CSV
// or .ods) for --provider ID (without it, the providers found), printed, or
// evaluated with --evaluate (or --what-matters, --to-csv).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cqc::cli {

struct AssessArgs {
  std::string path, format = "json", as_at;
  bool what_matters = false, to_csv = false, evaluate = false;
  std::string sheet = "locations";    // with --to-csv: "locations" or "providers"
  std::string view = "full";          // "ratings": the workbench's live view (JSON)
  std::vector<std::string> explain;   // with view "ratings": nodes written in full
  std::vector<std::string> targets;  // what-matters targets; none: the trust's quality and combined
  std::vector<std::string> from;     // published data files
  std::string provider;
};

// The exit status: 0, 1 (the document was rejected, or a problem reading
// published data; the output says why) or 2 (a file cannot be read, or
// --as-at is not a date).
int run_assess(const AssessArgs& args, std::ostream& out);

}  // namespace cqc::cli
