// The assessment binding: a trust's assessment document (contract version 2)
// evaluated through CQC's levels of ratings. A module of its own, so neither
// the calculator nor the explorer downloads the hierarchy (web/size-budget.json).
#include <emscripten/bind.h>

#include "contract.hpp"

namespace {

// `as_at` "" for the document's own; a bad date is the contract's error answer.
std::string assess(const std::string& document, const std::string& as_at) {
  if (as_at.empty()) return cqc::contract::assess(document);
  const auto date = cqc::CalendarDate::parse(as_at);
  if (!date) {
    return cqc::contract::dump(cqc::contract::errors_to_json(
        {{"as_at", "the \"as at\" date must be a real date written YYYY-MM-DD; got \"" + as_at.substr(0, 40) + "\""}}));
  }
  return cqc::contract::assess(document, date);
}

double input_limit() { return static_cast<double>(cqc::contract::kMaxInputBytes); }

}  // namespace

EMSCRIPTEN_BINDINGS(cqc_assessment) {
  emscripten::function("assess", &assess);
  emscripten::function("inputLimit", &input_limit);
}
