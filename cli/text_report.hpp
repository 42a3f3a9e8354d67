// The human-readable form of a result (`--format text`): the ratings and the
// explanation as sentences, built from the core's own wording.
#pragma once

#include <string>

#include "trust.hpp"

namespace cqc::cli {

std::string text_report(const TrustResult& result, const TrustOptions& options);

}  // namespace cqc::cli
