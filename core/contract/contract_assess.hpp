// The assessment document read into the engine's types: shared by the
// contract's assess(), what_matters() and the document's CSV and published
// data faces (contract_assessment_io.cpp). Internal to the contract layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "contract.hpp"
#include "hierarchy.hpp"
#include "wording.hpp"

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

// One entered object ({"rating", "date", "as_published", "enforcement",
// "judgement", "history"}, or null) read as read_document() reads it at
// `field` ("locations[0].services[2].key_questions.safe"), its errors named
// there; nullopt with the error JSON in `error`. For LiveAssessment.
std::optional<KeyQuestionAssessment> read_key_question(std::string_view text, const std::string& field,
                                                       std::string& error);

// A read document evaluated through the levels of ratings: what assess()
// writes out. Refers to the document (its published ids), which must outlive it.
struct Assessed {
  HierarchyModel h;
  std::vector<NodeResult> results;
  // CQC's published ratings by node id; the first of a repeated id wins.
  std::unordered_map<std::string_view, const DatedRating*> published;
  // The hierarchy's notes, then one for published ratings that name no node.
  std::vector<HierarchyNote> notes;
};
Assessed assess_document(const ReadDocument& doc);

// How a node is named inside its sentences ("key question ratings" below a service).
inline Subject node_subject(const ModelNode& node) {
  return {node.subject, node.level == "service" ? "key question ratings" : "ratings"};
}
// Whether CQC's published rating differs from the rules-based one; nullopt
// when either is not rated (or no rating is awarded).
std::optional<bool> published_departs(const DatedRating& published, const NodeResult& result);

// The assessment's answer (contract_assess.cpp documents it) written straight
// to compact JSON text (contract_assess_writer.cpp): what assess() returns.
std::string write_assessment(const ReadDocument& doc, const Assessed& assessed);
// The live view (assess_ratings): every node's ratings only, and the nodes
// named in `explain` in full, as write_assessment() writes them.
std::string write_ratings_view(const ReadDocument& doc, const Assessed& assessed, const std::vector<std::string>& explain);
// LiveAssessment's parts: one node's ratings as write_ratings_view() writes
// them, the notes array, and an answer of the nodes `changed` (their texts in
// `rated`, by node index), every node id in order when `with_ids`, the notes
// (null when `notes` is null: unchanged) and the `explain` nodes.
std::string rated_node_json(const Assessed& assessed, NodeIndex i);
std::string notes_json(const Assessed& assessed);
std::string write_live_view(const ReadDocument& doc, const Assessed& assessed, const std::vector<std::string>& rated,
                            const std::vector<NodeIndex>& changed, bool with_ids, const std::string* notes,
                            const std::vector<std::string>& explain);
// The same answer as a JSON tree: byte for byte write_assessment() once
// dumped. Only the tests' reference (tests/assess_writer_test.cpp).
OrderedJson assessment_to_json(const ReadDocument& doc, const Assessed& assessed);

// For wording and for callers: where an input node sits (a service's key
// question at a location, or a trust-level input), by node id.
struct InputPlace {
  std::string location_id, location_name;  // "" for trust-level inputs and services without locations
  std::string service_id, service_name;    // "" for trust-level inputs
  Question question = Question::Safe;
};
std::vector<std::pair<std::string, InputPlace>> input_places(const TrustAssessment& trust);

}  // namespace cqc::contract::assess_detail
