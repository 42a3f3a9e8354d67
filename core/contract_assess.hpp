// The assessment document read into the engine's types: shared by the
// contract's assess(), what_matters() and the document's CSV and published
// data faces (contract_assessment_io.cpp). Internal to the contract layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contract.hpp"
#include "hierarchy.hpp"

namespace cqc::contract::assess_detail {

struct ReadDocument {
  TrustAssessment trust;
  HierarchyOptions options;
  std::string trust_id;  // the provider's ID (CQC's, e.g. "RA4"), "" when not given
  // CQC's published ratings by node id, in the document's order.
  std::vector<std::pair<std::string, DatedRating>> published;
};

// Parses (at most kMaxAssessmentBytes) and reads the document; `as_at`, when
// given, overrides the document's. nullopt with the error JSON text in `error`.
std::optional<ReadDocument> read_document(std::string_view text, const std::optional<CalendarDate>& as_at,
                                          std::string& error);

// For wording and for callers: where an input node sits (a service's key
// question at a location, or a trust-level input), by node id.
struct InputPlace {
  std::string location_id, location_name;  // "" for trust-level inputs and services without locations
  std::string service_id, service_name;    // "" for trust-level inputs
  Question question = Question::Safe;
};
std::vector<std::pair<std::string, InputPlace>> input_places(const TrustAssessment& trust);

}  // namespace cqc::contract::assess_detail
