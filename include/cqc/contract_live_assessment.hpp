// The workbench's live assessment (contract version 2): a trust's document
// read once, then changed one entered rating at a time, each change answered
// with only the nodes whose ratings it changed. A key press in a grid of 10
// locations x 12 services then costs the evaluation, not the reading and
// writing of the whole document (bench/workbench.mjs). Every answer is the
// live view of assess_ratings() (contract.hpp), cut to what changed:
//   {"version": 2, "view": "ratings", "trust", "as_at",
//    "ids": every node id in order, or null when they are the last answer's,
//    "changed": [R] (every node after a load with other ids, else those whose
//                    ratings differ from the last answer's),
//    "notes": the notes, or null when they are the last answer's,
//    "explained": [N] (the nodes asked for, in full)}
// or the error JSON, after which set_entry() needs a load() first.
// core/contract/schema/assessment-live-v2.schema.json pins the shape.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hierarchy.hpp"

namespace cqc::contract {

class LiveAssessment {
 public:
  LiveAssessment();
  ~LiveAssessment();
  LiveAssessment(const LiveAssessment&) = delete;
  LiveAssessment& operator=(const LiveAssessment&) = delete;

  // The whole document (as assess() reads it; `as_at` overrides its own).
  std::string load(std::string_view document, const std::optional<CalendarDate>& as_at,
                   const std::vector<std::string>& explain);
  // The entered object of input node `node_id` (a service's key question,
  // "trust.well_led" or "trust.use_of_resources") replaced by `entry` (JSON
  // text: {"rating", "date", "as_published", "enforcement", "judgement",
  // "history"}, or null for nothing entered), as if the document held it.
  // The error JSON when the entry is wrong (its fields named as the document
  // names them), when no document is loaded or `node_id` names no input.
  std::string set_entry(std::string_view node_id, std::string_view entry, const std::vector<std::string>& explain);
  // Whether a document is loaded without errors (set_entry can be used).
  bool loaded() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cqc::contract
