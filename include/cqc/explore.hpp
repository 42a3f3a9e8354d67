// Every combination of the six trust-level ratings under one or two rule
// variants at once: the distributions of outcomes, which combinations a
// change of rules moves and how, grouped so a researcher can see the whole.
#pragma once

#include <array>
#include <vector>

#include "trust.hpp"

namespace cqc {

// A combination's code: its six ratings as base-5 digits, Safe the least
// significant, each digit the Rating's value. 4 096 of the 15 625 codes are
// fully rated.
inline constexpr int kCombinationCodes = 15625;
TrustRatings decode_combination(int code);
int encode_combination(const TrustRatings& ratings);

// How many combinations get each outcome. Indexed by Rating; for the
// combined rating, NotRated counts the combinations with no combined rating.
struct Distribution {
  std::array<int, 5> quality{};
  std::array<int, 5> combined{};
};

enum class Outcome { Quality, Combined };

// The combinations whose rating moves from `from` (first variant) to `to`
// (second variant), for one outcome.
struct ChangeGroup {
  Outcome outcome;
  Rating from, to;
  std::vector<int> codes;
};

// A multiset of six ratings (order never matters for the combined rating
// under CQC's principles), with how its combinations fare.
struct Cell {
  RatingCounts counts;
  int combinations = 0;  // orderings of these six ratings
  int changed = 0;       // of which the combined rating differs between variants
  int first_code = 0;    // one of them, to open in the calculator
  // Combined rating under each variant -> how many of the cell's combinations.
  std::vector<std::pair<std::array<Rating, 2>, int>> combined;
};

struct Exploration {
  bool include_not_rated = false;
  int total = 0;                          // 4 096, or 15 625 with not rated
  std::vector<Distribution> distributions; // one per variant
  std::vector<ChangeGroup> changes;       // only with two variants
  int changed = 0;                        // combinations with any outcome changed
  int combined_changed = 0;               // ... with the combined rating changed
  std::vector<Cell> cells;
};

// variants: one or two sets of rule sets (only their rules are used).
Exploration explore(const std::vector<TrustOptions>& variants, bool include_not_rated);

}  // namespace cqc
