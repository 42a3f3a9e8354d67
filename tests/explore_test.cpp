// explore(): distributions checked against an independent count, a variant
// compared with itself, and the claims made about the built-in variants.
#include <gtest/gtest.h>

#include "explore.hpp"
#include "oracle.hpp"
#include "test_support.hpp"

namespace cqc::test {
namespace {

TrustOptions with_combined(const RuleSet& rules) {
  TrustOptions options;
  options.combined_rules = rules;
  return options;
}

TEST(Explore, CodesRoundTripAndCoverEveryCombination) {
  int fully_rated = 0;
  for (int code = 0; code < kCombinationCodes; ++code) {
    ASSERT_EQ(encode_combination(decode_combination(code)), code);
    const auto r = decode_combination(code).by_question;
    fully_rated += std::find(r.begin(), r.end(), NR) == r.end();
  }
  EXPECT_EQ(fully_rated, 4096);
}

TEST(Explore, DistributionsMatchAnIndependentCount) {
  // Count with the oracle, straight from the spec, over the test's own enumeration.
  std::array<int, 5> quality{}, combined_two{}, combined_three{};
  for_each_trust(rated_values(), [&](const TrustRatings& t) {
    ++quality[static_cast<int>(oracle_rating(quality_of(t), false))];
    ++combined_two[static_cast<int>(oracle_rating(all_of(t), false))];
    ++combined_three[static_cast<int>(oracle_rating(all_of(t), true))];
  });
  const Exploration e = explore({with_combined(standard_rules()), with_combined(combined_2018_rules())}, false);
  EXPECT_EQ(e.total, 4096);
  EXPECT_EQ(e.distributions[0].quality, quality);
  EXPECT_EQ(e.distributions[0].combined, combined_two);
  EXPECT_EQ(e.distributions[1].combined, combined_three);
}

TEST(Explore, RuleOfThreeChangesExactlyTheTrustsWithTwoRequiresImprovement) {
  const Exploration e = explore({with_combined(standard_rules()), with_combined(combined_2018_rules())}, false);
  // Exactly two RI, no inadequate, the other four good or outstanding: C(6,2) * 2^4.
  EXPECT_EQ(e.combined_changed, 15 * 16);
  ASSERT_EQ(e.changes.size(), 1u);
  EXPECT_EQ(e.changes[0].outcome, Outcome::Combined);
  EXPECT_EQ(e.changes[0].from, RI);
  EXPECT_EQ(e.changes[0].to, G);
  for (int code : e.changes[0].codes) {
    EXPECT_EQ(decode_combination(code).combined_counts().of(RI), 2);
  }
  int cells_changed = 0;
  for (const Cell& cell : e.cells) cells_changed += cell.changed;
  EXPECT_EQ(cells_changed, 240);
  EXPECT_EQ(e.cells.size(), 84u);  // multisets of six from four ratings
}

TEST(Explore, AVariantComparedWithItselfChangesNothing) {
  for (const RuleSet* rules : builtin_rule_sets()) {
    for (bool not_rated : {false, true}) {
      const Exploration e = explore({with_combined(*rules), with_combined(*rules)}, not_rated);
      EXPECT_EQ(e.changed, 0) << rules->name;
      EXPECT_TRUE(e.changes.empty());
      EXPECT_EQ(e.total, not_rated ? 15625 : 4096);
    }
  }
}

TEST(Explore, ACapOfOneStepAboveQualityChangesNothing) {
  // Why quality_first caps at zero steps: under CQC's principles the combined
  // rating is never more than one step above the quality rating.
  RuleSet one_step = combined_2018_rules();
  one_step.name = "one_step";
  one_step.max_steps_above_quality = 1;
  const Exploration e = explore({with_combined(combined_2018_rules()), with_combined(one_step)}, true);
  EXPECT_EQ(e.changed, 0);
}

TEST(Explore, QualityFirstOnlyEverLowersACombinedRatingToTheQualityRating) {
  const TrustOptions quality_first = with_combined(quality_first_rules());
  const Exploration e = explore({with_combined(combined_2018_rules()), quality_first}, false);
  EXPECT_GT(e.combined_changed, 0);
  for (const ChangeGroup& group : e.changes) {
    ASSERT_EQ(group.outcome, Outcome::Combined);
    EXPECT_TRUE(better(group.from, group.to));
    for (int code : group.codes) {
      EXPECT_EQ(rate_trust(decode_combination(code), quality_first).combined,
                rate_trust(decode_combination(code), quality_first).quality);
    }
  }
}

TEST(Explore, TheFastPathAgreesWithTheExplainedEvaluation) {
  for (const RuleSet* rules : builtin_rule_sets()) {
    const TrustOptions options = with_combined(*rules);
    for_each_trust(all_values(), [&](const TrustRatings& t) {
      const TrustOutcome fast = rate_trust(t, options);
      const TrustResult full = evaluate_trust(t, options);
      ASSERT_EQ(fast.quality, full.quality.rating);
      ASSERT_EQ(fast.combined, full.combined.awarded() ? full.combined.aggregate.rating : NR) << rules->name;
    });
  }
}

}  // namespace
}  // namespace cqc::test
