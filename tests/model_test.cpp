// The rating model as data: its evaluation rule by rule, and the trust
// calculator's nodes where evaluate_trust() reads them. That the calculator
// answers through the model exactly as its own engine did before is proven in
// six_rating_view_test.cpp.
#include <gtest/gtest.h>

#include "model.hpp"

namespace cqc::test {
namespace {

TEST(TrustModel, HoldsTheSixQuestionsAtTheirIndexesThenQualityAndCombined) {
  // evaluate_trust() reads the model's nodes back by these places (trust.cpp).
  const RatingModel& model = trust_model();
  ASSERT_EQ(model.size(), kTrustCombinedNode + 1);
  for (Question q : kQuestions) EXPECT_EQ(model.find(token(q)), static_cast<NodeIndex>(q)) << token(q);
  EXPECT_EQ(model.find("trust.quality"), kTrustQualityNode);
  EXPECT_EQ(model.find("trust.combined"), kTrustCombinedNode);
  EXPECT_EQ(model.node(kTrustCombinedNode).capped_by, kTrustQualityNode);
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
