// aggregate(): CQC's aggregation principles applied to any number of
// underlying ratings, returning the rating and the explanation behind it.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "rating.hpp"
#include "rule_set.hpp"

namespace cqc {

// How many of the underlying ratings have each value. The principles only
// ever look at counts, which is why the order of the ratings never matters.
struct RatingCounts {
  std::array<int, 5> by_rating{};  // indexed by Rating

  int of(Rating rating) const { return by_rating[static_cast<int>(rating)]; }
  int rated() const { return total() - of(Rating::NotRated); }
  int total() const { return by_rating[0] + by_rating[1] + by_rating[2] + by_rating[3] + by_rating[4]; }
  void add(Rating rating, int n = 1) { by_rating[static_cast<int>(rating)] += n; }

  static RatingCounts of_ratings(const std::vector<Rating>& ratings);
};

// The principles, in the order they are applied (spec section 2).
enum class Principle {
  NothingRated,                // N = 0: nothing to aggregate
  Inadequate,                  // 1. at least X inadequate
  InadequateLimiter,           // 2. any inadequate limits to RI
  RequiresImprovementLimiter,  // 3. at least X RI limits to RI
  Outstanding,                 // 4. at least X outstanding, rest good
  Good,                        // 5. otherwise good
  QualityCap,                  // a variant's cap: at most N steps above the quality rating
};

// "inadequate", "inadequate_limiter", ... (stable machine names).
std::string_view token(Principle principle);
// "Inadequate", "Limiter: an inadequate rating", ... (headings for people).
std::string_view label(Principle principle);

// One principle checked against the counts.
struct PrincipleCheck {
  Principle principle;
  bool enabled = true;   // false when the rule set switches it off
  bool applies = false;  // its condition holds, whether or not it decided
  bool decided = false;  // the first that applies decides the rating
  int count = 0;         // the ratings it counts (e.g. how many are inadequate)
  int threshold = 0;     // how many it needs (0 when it has no threshold)
  // Outstanding only: rated ratings that are neither outstanding nor good,
  // which stop principle 4 applying when the rule set needs the rest good.
  int blocking = 0;
  // QualityCap only: the quality rating the cap is measured from.
  Rating quality = Rating::NotRated;
};

struct Explanation {
  RatingCounts counts;
  Band band;                          // the thresholds used for this N
  std::vector<PrincipleCheck> checks; // every principle, in order
  Principle decided_by = Principle::NothingRated;
  bool outstanding_needs_rest_good = true;  // copied from the rule set, for wording

  const PrincipleCheck* check(Principle principle) const;
};

struct Aggregate {
  Rating rating = Rating::NotRated;
  Explanation explanation;
};

Aggregate aggregate(const RatingCounts& counts, const RuleSet& rules);
Aggregate aggregate(const std::vector<Rating>& ratings, const RuleSet& rules);

// The rating alone, without building an explanation (for bulk enumeration).
Rating aggregate_rating(const RatingCounts& counts, const RuleSet& rules);

}  // namespace cqc
