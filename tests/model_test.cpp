// The rating model as data: its evaluation rule by rule, and the proof that
// the trust calculator written as a model gives evaluate_trust()'s results.
#include <gtest/gtest.h>

#include "model.hpp"

namespace cqc::test {
namespace {

// Everything an explanation says, compared field by field.
void expect_same(const Aggregate& model, const Aggregate& trust, const std::string& where) {
  EXPECT_EQ(model.rating, trust.rating) << where;
  EXPECT_EQ(model.explanation.decided_by, trust.explanation.decided_by) << where;
  EXPECT_EQ(model.explanation.counts.by_rating, trust.explanation.counts.by_rating) << where;
  ASSERT_EQ(model.explanation.checks.size(), trust.explanation.checks.size()) << where;
  for (std::size_t i = 0; i < model.explanation.checks.size(); ++i) {
    const PrincipleCheck& a = model.explanation.checks[i];
    const PrincipleCheck& b = trust.explanation.checks[i];
    EXPECT_TRUE(a.principle == b.principle && a.enabled == b.enabled && a.applies == b.applies &&
                a.decided == b.decided && a.count == b.count && a.threshold == b.threshold &&
                a.blocking == b.blocking && a.quality == b.quality)
        << where << ", check " << i;
  }
}

TEST(TrustModel, GivesEvaluateTrustsResultsOnEveryInputUnderEveryBuiltInRuleSetAndDate) {
  const RatingModel& model = trust_model();
  const NodeIndex quality = *model.find("trust.quality");
  const NodeIndex combined = *model.find("trust.combined");
  const std::optional<CalendarDate> dates[] = {std::nullopt, CalendarDate{2017, 6, 1}, kCombinedRatingsStart};
  int compared = 0;
  for (const RuleSet* combined_rules : builtin_rule_sets()) {
    for (const auto& date : dates) {
      TrustOptions options;
      options.combined_rules = *combined_rules;
      options.uor_assessed_on = date;
      for (int code = 0; code < 15625; ++code) {
        TrustRatings ratings;
        for (int q = 0, rest = code; q < kQuestionCount; ++q, rest /= 5) {
          ratings.set(static_cast<Question>(q), static_cast<Rating>(rest % 5));
        }
        const TrustResult trust = evaluate_trust(ratings, options);
        const auto results = evaluate(model, trust_values(ratings, options), trust_rule_sets(options));
        const std::string where = combined_rules->name + " input " + std::to_string(code);
        ASSERT_TRUE(results[quality].aggregate.has_value()) << where;
        expect_same(*results[quality].aggregate, trust.quality, where + " quality");
        EXPECT_EQ(results[combined].awarded, trust.combined.awarded()) << where;
        EXPECT_EQ(results[combined].not_awarded_reason, token(trust.combined.no_rating_reason)) << where;
        if (trust.combined.awarded()) expect_same(*results[combined].aggregate, trust.combined.aggregate, where + " combined");
        if (::testing::Test::HasFailure()) return;  // one clear failure, not 140 000
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 15625 * 3 * static_cast<int>(builtin_rule_sets().size()));
}

TEST(RatingModel, AJudgementIsWhatTheLevelAboveUsesAndIsShownBesideTheRules) {
  RatingModel model;
  const NodeIndex a = model.add({"a", "a", ModelNode::Kind::Input, {}, "", {}, {}, "input"});
  const NodeIndex b = model.add({"b", "b", ModelNode::Kind::Input, {}, "", {}, {}, "input"});
  const NodeIndex c = model.add({"c", "c", ModelNode::Kind::Input, {}, "", {}, {}, "input"});
  const NodeIndex service = model.add({"service", "the service", ModelNode::Kind::Aggregate, {a, b}, "standard", {}, {}, "service"});
  const NodeIndex top = model.add({"top", "the top", ModelNode::Kind::Aggregate, {service, c}, "standard", {}, {}, "service"});
  std::vector<NodeValue> values(5);
  values[a].rating = Rating::RequiresImprovement;
  values[b].rating = Rating::RequiresImprovement;
  values[c].rating = Rating::Good;
  auto results = evaluate(model, values, {});
  EXPECT_EQ(results[service].rating, Rating::RequiresImprovement);  // two of two
  EXPECT_EQ(results[top].rating, Rating::RequiresImprovement);      // with N of 2, one is enough
  values[service].judgement = Judgement{Rating::Good, "Seen on inspection"};
  results = evaluate(model, values, {});
  EXPECT_EQ(results[service].rating, Rating::RequiresImprovement) << "the rules-based rating stays";
  EXPECT_EQ(results[service].used_upward, Rating::Good);
  EXPECT_EQ(results[top].rating, Rating::Good) << "the level above uses the final rating";
  EXPECT_EQ(results[top].aggregate->explanation.counts.of(Rating::Good), 2);
}

TEST(RatingModel, AGateSaysWhichConditionFailedFirst) {
  RatingModel model;
  const NodeIndex a = model.add({"a", "a", ModelNode::Kind::Input, {}, "", {}, {}, "input"});
  const NodeIndex gated = model.add({"g", "g", ModelNode::Kind::Aggregate, {a}, "standard",
                                     {{GateCondition::Kind::DatedOnOrAfter, a, {2018, 3, 5}, "too_early"},
                                      {GateCondition::Kind::Rated, a, {}, "not_rated"}},
                                     {}, "gated"});
  std::vector<NodeValue> values(2);
  EXPECT_EQ(evaluate(model, values, {})[gated].not_awarded_reason, "not_rated");
  values[a] = {Rating::Good, CalendarDate{2018, 3, 4}, std::nullopt};
  EXPECT_EQ(evaluate(model, values, {})[gated].not_awarded_reason, "too_early");
  values[a].date = CalendarDate{2018, 3, 5};
  const auto results = evaluate(model, values, {});
  EXPECT_TRUE(results[gated].awarded);
  EXPECT_EQ(results[gated].rating, Rating::Good);
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

// Node-level what-ifs in the six questions' terms, to compare with evaluate_trust's.
std::vector<std::string> described(const std::vector<ModelWhatIf>& whatifs) {
  std::vector<std::string> out;
  for (const ModelWhatIf& w : whatifs) {
    std::string s;
    for (const ModelChange& c : w.changes) s += trust_model().node(c.node).id + ":" + std::string(token(c.to)) + " ";
    out.push_back(s + "-> " + std::string(token(w.result)));
  }
  return out;
}
std::vector<std::string> described(const std::vector<WhatIf>& whatifs) {
  std::vector<std::string> out;
  for (const WhatIf& w : whatifs) {
    std::string s;
    for (const Change& c : w.changes) s += std::string(token(c.question)) + ":" + std::string(token(c.to)) + " ";
    out.push_back(s + "-> " + std::string(token(w.result)));
  }
  return out;
}

TEST(TrustModel, WhatWouldChangeFromTheBottomGivesTheCalculatorsWhatIfsOnEveryInput) {
  const RatingModel& model = trust_model();
  const NodeIndex quality = *model.find("trust.quality");
  const NodeIndex combined = *model.find("trust.combined");
  for (const RuleSet* combined_rules : {&combined_2018_rules(), &builtin_rule_sets().back()[0]}) {
    TrustOptions options;
    options.combined_rules = *combined_rules;
    for (int code = 0; code < 15625; code += 1) {
      TrustRatings ratings;
      for (int q = 0, rest = code; q < kQuestionCount; ++q, rest /= 5) ratings.set(static_cast<Question>(q), static_cast<Rating>(rest % 5));
      const TrustResult trust = evaluate_trust(ratings, options);
      const auto values = trust_values(ratings, options);
      const auto rules = trust_rule_sets(options);
      const ModelWhatIfs q = what_would_change(model, values, rules, quality);
      ASSERT_EQ(described(q.up), described(trust.quality_what_if.up)) << code;
      ASSERT_EQ(described(q.down), described(trust.quality_what_if.down)) << code;
      const ModelWhatIfs c = what_would_change(model, values, rules, combined);
      ASSERT_EQ(described(c.up), described(trust.combined.what_if.up)) << code;
      ASSERT_EQ(described(c.down), described(trust.combined.what_if.down)) << code;
    }
  }
}

}  // namespace
}  // namespace cqc::test
