// The rules of one node that both evaluate() (model.cpp) and the what-ifs'
// rating-only pass (model_what_if.cpp) apply, written once. Internal to the core.
#pragma once

#include <vector>

#include "model.hpp"

namespace cqc::model_detail {

// The first gate condition that fails, or null when the node is awarded.
// Gates look at the rules-based rating of the node they name (`rating_of`),
// as CQC's combined rating looks at the quality rating the rules give.
template <typename RatingOf>
const GateCondition* failed_condition(const ModelNode& node, const std::vector<NodeValue>& values, RatingOf rating_of) {
  for (const GateCondition& condition : node.gate) {
    const auto at = static_cast<std::size_t>(condition.node);
    if (condition.kind == GateCondition::Kind::Rated) {
      if (!is_rated(rating_of(condition.node))) return &condition;
    } else if (at < values.size() && values[at].date && *values[at].date < condition.from) {
      return &condition;
    }
  }
  return nullptr;
}

// A rating under the node's limit, if any (smaller Rating values are better;
// not rated stays not rated).
inline Rating limited(Rating rating, const NodeValue& value) {
  return value.limit && is_rated(rating) && better(rating, value.limit->at_best) ? value.limit->at_best : rating;
}

}  // namespace cqc::model_detail
