// aggregate(): each principle, each band of N, and the explanation's content.
#include <gtest/gtest.h>

#include "aggregate.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

std::vector<Rating> ratings(int o, int g, int ri, int i, int nr = 0) {
  std::vector<Rating> out;
  out.insert(out.end(), o, O);
  out.insert(out.end(), g, G);
  out.insert(out.end(), ri, RI);
  out.insert(out.end(), i, I);
  out.insert(out.end(), nr, NR);
  return out;
}

int expected_x(int n) { return n <= 3 ? 1 : (n <= 8 ? 2 : 3); }

TEST(Aggregate, NothingRatedGivesNotRatedAndSaysSo) {
  const Aggregate a = aggregate(ratings(0, 0, 0, 0, 3), standard_rules());
  EXPECT_EQ(a.rating, NR);
  EXPECT_EQ(a.explanation.decided_by, Principle::NothingRated);
  ASSERT_EQ(a.explanation.checks.size(), 1u);
  EXPECT_TRUE(a.explanation.checks[0].decided);
}

// For every N from 1 to 12 and a large N, each principle switches on exactly
// at the band's threshold X, and not one rating below it.
class EachBand : public ::testing::TestWithParam<int> {};

TEST_P(EachBand, InadequateAtXButNotBelow) {
  const int n = GetParam(), x = expected_x(n);
  EXPECT_EQ(aggregate(ratings(0, n - x, 0, x), standard_rules()).rating, I);
  const Aggregate below = aggregate(ratings(0, n - x + 1, 0, x - 1), standard_rules());
  if (x - 1 >= 1) {
    EXPECT_EQ(below.rating, RI) << "one or more inadequate, below X, limits to RI";
    EXPECT_EQ(below.explanation.decided_by, Principle::InadequateLimiter);
  } else {
    EXPECT_EQ(below.rating, G);
  }
}

TEST_P(EachBand, RequiresImprovementLimiterAtX) {
  const int n = GetParam(), x = expected_x(n);
  const Aggregate at = aggregate(ratings(0, n - x, x, 0), standard_rules());
  EXPECT_EQ(at.rating, RI);
  EXPECT_EQ(at.explanation.decided_by, Principle::RequiresImprovementLimiter);
  EXPECT_EQ(at.explanation.check(Principle::RequiresImprovementLimiter)->threshold, x);
  if (x > 1) EXPECT_EQ(aggregate(ratings(0, n - x + 1, x - 1, 0), standard_rules()).rating, G);
}

TEST_P(EachBand, OutstandingNeedsXAndTheRestGood) {
  const int n = GetParam(), x = expected_x(n);
  EXPECT_EQ(aggregate(ratings(x, n - x, 0, 0), standard_rules()).rating, O);
  if (x > 1) EXPECT_EQ(aggregate(ratings(x - 1, n - x + 1, 0, 0), standard_rules()).rating, G);
  if (n > x) {
    const Aggregate blocked = aggregate(ratings(x, n - x - 1, 1, 0), standard_rules());
    EXPECT_NE(blocked.rating, O) << "one rating that is not good blocks outstanding";
    EXPECT_EQ(blocked.explanation.check(Principle::Outstanding)->blocking, 1);
  }
}

TEST_P(EachBand, CombinedRulesNeedThreeRequiresImprovementFrom4To8) {
  const int n = GetParam();
  const int limit = (n >= 4 && n <= 8) ? 3 : expected_x(n);
  if (n < limit) GTEST_SKIP() << "too few ratings to reach the limit";
  EXPECT_EQ(aggregate(ratings(0, n - limit, limit, 0), combined_2018_rules()).rating, RI);
  if (limit > 1) {
    EXPECT_EQ(aggregate(ratings(0, n - limit + 1, limit - 1, 0), combined_2018_rules()).rating, G);
  }
}

INSTANTIATE_TEST_SUITE_P(NFrom1To12And64, EachBand,
                         ::testing::Values(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 64));

TEST(Aggregate, NotRatedIsLeftOutOfTheCount) {
  // Two RI among 4 rated (2 not rated) hits the rule of two; among 3 rated,
  // X is 1, so even one RI limits.
  const Aggregate a = aggregate(ratings(0, 2, 2, 0, 2), standard_rules());
  EXPECT_EQ(a.explanation.counts.rated(), 4);
  EXPECT_EQ(a.rating, RI);
  EXPECT_EQ(aggregate(ratings(0, 2, 1, 0, 3), standard_rules()).rating, RI);
}

TEST(Aggregate, ExplanationListsEveryPrincipleInOrderAndMarksOneDecider) {
  const Aggregate a = aggregate(ratings(0, 3, 2, 1), standard_rules());
  const std::vector<Principle> order = {Principle::Inadequate, Principle::InadequateLimiter,
                                        Principle::RequiresImprovementLimiter,
                                        Principle::Outstanding, Principle::Good};
  ASSERT_EQ(a.explanation.checks.size(), order.size());
  int decided = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(a.explanation.checks[i].principle, order[i]);
    decided += a.explanation.checks[i].decided;
  }
  EXPECT_EQ(decided, 1);
  EXPECT_EQ(a.explanation.decided_by, Principle::InadequateLimiter);
  // The RI limiter also holds (2 of 6), but the earlier limiter decided.
  const PrincipleCheck* ri = a.explanation.check(Principle::RequiresImprovementLimiter);
  EXPECT_TRUE(ri->applies);
  EXPECT_FALSE(ri->decided);
  EXPECT_EQ(ri->count, 2);
}

TEST(Aggregate, SwitchingOffTheInadequateLimiterIsHonoured) {
  RuleSet rules = standard_rules();
  rules.single_inadequate_limits = false;
  const Aggregate a = aggregate(ratings(0, 5, 0, 1), rules);
  EXPECT_EQ(a.rating, G);
  EXPECT_FALSE(a.explanation.check(Principle::InadequateLimiter)->enabled);
}

TEST(Aggregate, OutstandingWithoutTheRestGoodWhenTheRuleSetSaysSo) {
  RuleSet rules = standard_rules();
  rules.outstanding_needs_rest_good = false;
  rules.bands[1].requires_improvement = 3;
  EXPECT_EQ(aggregate(ratings(5, 0, 1, 0), rules).rating, O);
  EXPECT_EQ(aggregate(ratings(5, 0, 1, 0), standard_rules()).rating, G);
}

TEST(Aggregate, RatingOnlyPathAgreesWithExplainedPath) {
  for (int o = 0; o <= 4; ++o)
    for (int g = 0; g <= 4; ++g)
      for (int ri = 0; ri <= 4; ++ri)
        for (int i = 0; i <= 4; ++i) {
          RatingCounts counts;
          counts.add(O, o);
          counts.add(G, g);
          counts.add(RI, ri);
          counts.add(I, i);
          for (const RuleSet* rules : builtin_rule_sets()) {
            EXPECT_EQ(aggregate_rating(counts, *rules), aggregate(counts, *rules).rating);
          }
        }
}

}  // namespace
}  // namespace cqc::test

namespace cqc::test {
namespace {

TEST(Aggregate, GoodAppliesOnlyWhenNothingAboveDoes) {
  const Aggregate limited = aggregate(std::vector<Rating>{G, G, G, G, G, I}, standard_rules());
  EXPECT_FALSE(limited.explanation.check(Principle::Good)->applies);
  const Aggregate good = aggregate(std::vector<Rating>{G, G, G, G, G, RI}, standard_rules());
  EXPECT_TRUE(good.explanation.check(Principle::Good)->applies);
  EXPECT_TRUE(good.explanation.check(Principle::Good)->decided);
}

}  // namespace
}  // namespace cqc::test
