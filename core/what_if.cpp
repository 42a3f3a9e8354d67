// "What would change it": the smallest changes to a trust's ratings that move
// an aggregate up or down. Declared in trust.hpp.
#include <climits>

#include "trust.hpp"
#include "what_if_candidates.hpp"

namespace cqc {
namespace {

using what_if_detail::Candidate;
using what_if_detail::candidates;
using what_if_detail::Direction;
using what_if_detail::moves;

std::vector<WhatIf> smallest_changes(const TrustRatings& ratings,
                                     const std::vector<Question>& questions,
                                     const std::function<Rating(const TrustRatings&)>& rate,
                                     Direction direction) {
  const Rating current = rate(ratings);
  std::vector<WhatIf> found;
  if (!is_rated(current)) return found;

  auto changed = [](TrustRatings t, Question q, Rating to) {
    t.set(q, to);
    return t;
  };
  auto moves_with = [&](const TrustRatings& t, Rating& result) {
    result = rate(t);
    return is_rated(result) && moves(result, current, direction);
  };

  // One change: for each question, the nearest value that moves the result.
  for (Question q : questions) {
    for (const Candidate& c : candidates(ratings.of(q), direction)) {
      Rating result;
      if (moves_with(changed(ratings, q, c.to), result)) {
        found.push_back({{{q, ratings.of(q), c.to}}, result});
        break;
      }
    }
  }
  if (!found.empty()) return found;

  // Else two changes: for each pair of questions, the cheapest pair of values.
  for (std::size_t i = 0; i < questions.size(); ++i) {
    for (std::size_t j = i + 1; j < questions.size(); ++j) {
      const Question qi = questions[i], qj = questions[j];
      int best_steps = INT_MAX;
      WhatIf best{};
      for (const Candidate& ci : candidates(ratings.of(qi), direction)) {
        const TrustRatings once = changed(ratings, qi, ci.to);
        for (const Candidate& cj : candidates(ratings.of(qj), direction)) {
          Rating result;
          if (ci.steps + cj.steps >= best_steps) continue;
          if (moves_with(changed(once, qj, cj.to), result)) {
            best_steps = ci.steps + cj.steps;
            best = {{{qi, ratings.of(qi), ci.to}, {qj, ratings.of(qj), cj.to}}, result};
          }
        }
      }
      if (best_steps != INT_MAX) found.push_back(best);
    }
  }
  return found;
}

}  // namespace

WhatIfs what_would_change(const TrustRatings& ratings, const std::vector<Question>& questions,
                          const std::function<Rating(const TrustRatings&)>& rate) {
  return {smallest_changes(ratings, questions, rate, Direction::Up),
          smallest_changes(ratings, questions, rate, Direction::Down)};
}

}  // namespace cqc
