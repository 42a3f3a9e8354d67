// An independent statement of the spec's rules (ratings-principles.md
// sections 2 and 3), written straight from the text without the core's
// RuleSet or bands, so tests compare two separate readings of the spec.
#pragma once

#include <vector>

#include "rating.hpp"

namespace cqc::test {

inline Rating oracle_rating(const std::vector<Rating>& ratings, bool combined_rule) {
  int outstanding = 0, good = 0, ri = 0, inadequate = 0;
  for (Rating r : ratings) {
    outstanding += r == Rating::Outstanding;
    good += r == Rating::Good;
    ri += r == Rating::RequiresImprovement;
    inadequate += r == Rating::Inadequate;
  }
  const int n = outstanding + good + ri + inadequate;
  if (n == 0) return Rating::NotRated;
  const int x = n <= 3 ? 1 : (n <= 8 ? 2 : 3);
  // 2018: "at least three (rather than two)" for the combined rating.
  const int ri_limit = (combined_rule && n >= 4 && n <= 8) ? 3 : x;
  if (inadequate >= x) return Rating::Inadequate;
  if (inadequate >= 1) return Rating::RequiresImprovement;
  if (ri >= ri_limit) return Rating::RequiresImprovement;
  if (outstanding >= x && outstanding + good == n) return Rating::Outstanding;
  return Rating::Good;
}

}  // namespace cqc::test
