// `cqc-ratings assess [FILE|-] [--format json|text] [--as-at DATE]`: a
// trust's assessment document (contract version 2) evaluated through CQC's
// levels of ratings.
#pragma once

#include <ostream>
#include <string>

namespace cqc::cli {

// The exit status: 0, 1 (the document was rejected; the output says why) or
// 2 (the file cannot be read, or --as-at is not a date).
int run_assess(const std::string& path, const std::string& format, const std::string& as_at, std::ostream& out);

}  // namespace cqc::cli
