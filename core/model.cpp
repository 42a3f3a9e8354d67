#include "model.hpp"

#include "model_rules.hpp"

namespace cqc {

NodeIndex RatingModel::add(ModelNode node) {
  nodes_.push_back(std::move(node));
  return size() - 1;
}

std::optional<NodeIndex> RatingModel::find(std::string_view id) const {
  for (NodeIndex i = 0; i < size(); ++i) {
    if (node(i).id == id) return i;
  }
  return std::nullopt;
}

const RuleSet& RuleSetsByRole::of(std::string_view role) const {
  for (const auto& [name, rules] : sets) {
    if (name == role) return rules;
  }
  return standard_rules();
}

std::vector<NodeResult> evaluate(const RatingModel& model, const std::vector<NodeValue>& values,
                                 const RuleSetsByRole& rules) {
  std::vector<NodeResult> results(static_cast<std::size_t>(model.size()));
  const NodeValue none;
  for (NodeIndex i = 0; i < model.size(); ++i) {
    const ModelNode& node = model.node(i);
    const auto at = static_cast<std::size_t>(i);
    const NodeValue& value = at < values.size() ? values[at] : none;
    NodeResult& result = results[at];
    if (node.kind == ModelNode::Kind::Input) {
      result.rating = value.rating;
    } else if (const GateCondition* failed = model_detail::failed_condition(
                   node, values, [&](NodeIndex n) { return results[static_cast<std::size_t>(n)].rating; })) {
      result.awarded = false;
      result.not_awarded_reason = failed->reason;
    } else {
      RatingCounts counts;
      for (NodeIndex input : node.inputs) counts.add(results[static_cast<std::size_t>(input)].used_upward);
      const RuleSet& rule_set = rules.of(node.rules);
      Aggregate aggregate = cqc::aggregate(counts, rule_set);
      if (node.capped_by) {
        apply_quality_cap(aggregate, results[static_cast<std::size_t>(*node.capped_by)].rating, rule_set);
      }
      result.rating = aggregate.rating;
      result.aggregate = std::move(aggregate);
    }
    if (const Rating limited = model_detail::limited(result.rating, value); limited != result.rating) {
      result.before_limit = result.rating;
      result.limit_reason = value.limit->reason;
      result.rating = limited;
    }
    result.used_upward = value.judgement ? value.judgement->rating : result.rating;
  }
  return results;
}

const RatingModel& trust_model() {
  static const RatingModel model = [] {
    RatingModel m;
    std::vector<NodeIndex> quality_inputs, all_inputs;
    for (Question q : kQuestions) {
      const NodeIndex i =
          m.add({std::string(token(q)), std::string(label(q)), ModelNode::Kind::Input, {}, "", {}, {}, "trust_key_question"});
      all_inputs.push_back(i);
      if (q != Question::UseOfResources) quality_inputs.push_back(i);
    }
    const NodeIndex uor = all_inputs.back();
    const NodeIndex quality = m.add({"trust.quality", "the quality rating", ModelNode::Kind::Aggregate,
                                     quality_inputs, "quality", {}, {}, "quality"});
    // CQC's combined rating: use of resources rated, assessed from 5 March 2018 (before, a
    // "shadow" rating), and a quality rating to combine with (spec section 5).
    std::vector<GateCondition> gate = {
        {GateCondition::Kind::Rated, uor, {}, std::string(token(NoCombinedReason::UseOfResourcesNotRated))},
        {GateCondition::Kind::DatedOnOrAfter, uor, kCombinedRatingsStart,
         std::string(token(NoCombinedReason::ShadowAssessment))},
        {GateCondition::Kind::Rated, quality, {}, std::string(token(NoCombinedReason::QualityNotRated))},
    };
    m.add({"trust.combined", "the combined rating", ModelNode::Kind::Aggregate, all_inputs, "combined",
           std::move(gate), quality, "combined"});
    return m;
  }();
  return model;
}

RuleSetsByRole trust_rule_sets(const TrustOptions& options) {
  return {{{"quality", options.quality_rules}, {"combined", options.combined_rules}}};
}

std::vector<NodeValue> trust_values(const TrustRatings& ratings, const TrustOptions& options) {
  std::vector<NodeValue> values(kTrustCombinedNode + 1);
  for (std::size_t q = 0; q < kQuestionCount; ++q) values[q].rating = ratings.by_question[q];
  values[static_cast<std::size_t>(Question::UseOfResources)].date = options.uor_assessed_on;
  values[kTrustQualityNode].judgement = options.quality_judgement;
  values[kTrustCombinedNode].judgement = options.combined_judgement;
  return values;
}

TrustOutcome TrustRater::operator()(const TrustRatings& ratings) {
  for (std::size_t q = 0; q < kQuestionCount; ++q) values_[q].rating = ratings.by_question[q];
  const std::vector<Rating> rated = rate(trust_model(), values_, rules_);
  return {rated[kTrustQualityNode], rated[kTrustCombinedNode]};
}

}  // namespace cqc
