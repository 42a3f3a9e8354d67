// Writing a TrustResult as the contract's output JSON.
#include "contract.hpp"
#include "wording.hpp"

namespace cqc::contract {
namespace {

OrderedJson rating_json(Rating rating) { return std::string(token(rating)); }

OrderedJson counts_json(const RatingCounts& counts) {
  OrderedJson out = OrderedJson::object();
  for (Rating r : kAllRatings) out[std::string(token(r))] = counts.of(r);
  return out;
}

OrderedJson explanation_json(const Aggregate& aggregate, const RuleSet& rules, Subject subject) {
  const Explanation& e = aggregate.explanation;
  OrderedJson principles = OrderedJson::array();
  for (const PrincipleCheck& check : e.checks) {
    principles.push_back({{"principle", std::string(token(check.principle))},
                          {"label", std::string(label(check.principle))},
                          {"enabled", check.enabled},
                          {"applies", check.applies},
                          {"decided", check.decided},
                          {"count", check.count},
                          {"threshold", check.threshold},
                          {"text", describe(check, e, subject)}});
  }
  return {{"rule_set", rules.name},
          {"rated", e.counts.rated()},
          {"counts", counts_json(e.counts)},
          {"thresholds",
           {{"inadequate", e.band.inadequate},
            {"requires_improvement", e.band.requires_improvement},
            {"outstanding", e.band.outstanding}}},
          {"decided_by", std::string(token(e.decided_by))},
          {"principles", principles}};
}

OrderedJson what_if_list(const std::vector<WhatIf>& list, Subject subject) {
  OrderedJson out = OrderedJson::array();
  for (const WhatIf& w : list) {
    OrderedJson changes = OrderedJson::array();
    for (const Change& c : w.changes) {
      changes.push_back({{"question", std::string(token(c.question()))},
                         {"from", rating_json(c.from)},
                         {"to", rating_json(c.to)}});
    }
    out.push_back({{"changes", changes}, {"rating", rating_json(w.result)}, {"text", describe(w, subject)}});
  }
  return out;
}

OrderedJson what_if_json(const WhatIfs& what_if, Subject subject) {
  return {{"up", what_if_list(what_if.up, subject)}, {"down", what_if_list(what_if.down, subject)}};
}

OrderedJson judgement_json(const std::optional<Judgement>& judgement, Rating rules_based,
                           Subject subject) {
  if (!judgement) return nullptr;
  return {{"rating", rating_json(judgement->rating)},
          {"label", std::string(label(judgement->rating))},
          {"rationale", judgement->rationale},
          {"departs", judgement->rating != rules_based},
          {"text", describe(*judgement, rules_based, subject)}};
}

// The fields every aggregate result shares, rating first.
OrderedJson aggregate_json(const Aggregate& aggregate, const RuleSet& rules, const WhatIfs& what_if,
                           const std::optional<Judgement>& judgement, Subject subject) {
  return {{"rating", rating_json(aggregate.rating)},
          {"label", std::string(label(aggregate.rating))},
          {"summary", summarise(aggregate, subject)},
          {"explanation", explanation_json(aggregate, rules, subject)},
          {"what_if", what_if_json(what_if, subject)},
          {"judgement", judgement_json(judgement, aggregate.rating, subject)}};
}

}  // namespace

OrderedJson vocabulary_to_json() {
  OrderedJson questions = OrderedJson::array(), ratings = OrderedJson::array();
  for (Question q : kQuestions) {
    questions.push_back({{"token", std::string(token(q))},
                         {"label", std::string(label(q))},
                         {"quality", q != Question::UseOfResources}});
  }
  for (Rating r : kAllRatings) {
    ratings.push_back({{"token", std::string(token(r))}, {"label", std::string(label(r))}});
  }
  // The limits a form shows before the core rejects anything (a character count).
  return {{"questions", questions},
          {"ratings", ratings},
          {"limits", {{"rationale_chars", kMaxRationaleChars}}}};
}

OrderedJson to_json(const TrustResult& result, const TrustOptions& options) {
  OrderedJson ratings = OrderedJson::object();
  for (Question q : kQuestions) ratings[std::string(token(q))] = rating_json(result.ratings.of(q));

  const Rating uor = result.ratings.of(Question::UseOfResources);
  const bool shadow = result.combined.no_rating_reason == NoCombinedReason::ShadowAssessment;
  OrderedJson use_of_resources = {
      {"rating", rating_json(uor)},
      {"label", std::string(label(uor))},
      {"assessed_on", options.uor_assessed_on ? OrderedJson(options.uor_assessed_on->iso()) : nullptr},
      {"shadow", shadow}};

  OrderedJson warnings = OrderedJson::array();
  const CombinedResult& c = result.combined;
  OrderedJson combined;
  if (c.awarded()) {
    combined = aggregate_json(c.aggregate, options.combined_rules, c.what_if,
                              options.combined_judgement, kCombinedSubject);
    combined["reason"] = nullptr;
    combined["reason_code"] = nullptr;
    combined["rule_of_two"] = {{"rule_set", options.quality_rules.name},
                               {"rating", rating_json(c.under_quality_rules.rating)},
                               {"differs", c.under_quality_rules.rating != c.aggregate.rating},
                               {"text", describe_rule_of_two(c, options)}};
  } else {
    combined = {{"rating", nullptr},
                {"label", "No combined rating"},
                {"summary", describe_no_combined(c.no_rating_reason, options.uor_assessed_on)},
                {"explanation", nullptr},
                {"what_if", nullptr},
                {"judgement", nullptr},
                {"reason", describe_no_combined(c.no_rating_reason, options.uor_assessed_on)},
                {"reason_code", std::string(token(c.no_rating_reason))},
                {"rule_of_two", nullptr}};
    if (options.combined_judgement) {
      warnings.push_back("judgement.combined was not applied: no combined rating is awarded");
    }
  }
  return {{"ratings", ratings},
          {"quality", aggregate_json(result.quality, options.quality_rules, result.quality_what_if,
                                     options.quality_judgement, kQualitySubject)},
          {"use_of_resources", use_of_resources},
          {"combined", combined},
          {"rules", {{"quality", options.quality_rules.name}, {"combined", options.combined_rules.name}}},
          {"warnings", warnings}};
}

}  // namespace cqc::contract
