// "What would change it": the smallest changes to a trust's ratings that move
// an aggregate up or down. Declared in trust.hpp.
#include <climits>

#include "trust.hpp"

namespace cqc {
namespace {

enum class Direction { Up, Down };

struct Candidate {
  Rating to;
  int steps;  // how far the change goes; smaller changes are preferred
};

// The values a question could change to in one direction, nearest first.
// A not-rated question can be rated anything; rating it good (up) or
// requires improvement (down) is the smallest such change.
std::vector<Candidate> candidates(Rating from, Direction direction) {
  std::vector<Candidate> out;
  if (!is_rated(from)) {
    const Rating up[] = {Rating::Good, Rating::Outstanding, Rating::RequiresImprovement,
                         Rating::Inadequate};
    const Rating down[] = {Rating::RequiresImprovement, Rating::Inadequate, Rating::Good,
                           Rating::Outstanding};
    int steps = 1;
    for (Rating to : direction == Direction::Up ? up : down) out.push_back({to, steps++});
    return out;
  }
  const int at = static_cast<int>(from);
  if (direction == Direction::Up) {
    for (int to = at - 1; to >= 0; --to) out.push_back({static_cast<Rating>(to), at - to});
  } else {
    for (int to = at + 1; to <= static_cast<int>(Rating::Inadequate); ++to) {
      out.push_back({static_cast<Rating>(to), to - at});
    }
  }
  return out;
}

bool moves(Rating result, Rating current, Direction direction) {
  return direction == Direction::Up ? better(result, current) : better(current, result);
}

std::vector<WhatIf> smallest_changes(const TrustRatings& ratings,
                                     const std::vector<Question>& questions, const RuleSet& rules,
                                     Direction direction) {
  RatingCounts base;
  for (Question q : questions) base.add(ratings.of(q));
  const Rating current = aggregate_rating(base, rules);
  std::vector<WhatIf> found;
  if (!is_rated(current)) return found;

  auto changed = [&](RatingCounts counts, Question q, Rating to) {
    counts.add(ratings.of(q), -1);
    counts.add(to, 1);
    return counts;
  };

  // One change: for each question, the nearest value that moves the result.
  for (Question q : questions) {
    for (const Candidate& c : candidates(ratings.of(q), direction)) {
      const Rating result = aggregate_rating(changed(base, q, c.to), rules);
      if (moves(result, current, direction)) {
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
        const RatingCounts once = changed(base, qi, ci.to);
        for (const Candidate& cj : candidates(ratings.of(qj), direction)) {
          if (ci.steps + cj.steps >= best_steps) continue;
          const Rating result = aggregate_rating(changed(once, qj, cj.to), rules);
          if (moves(result, current, direction)) {
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
                          const RuleSet& rules) {
  return {smallest_changes(ratings, questions, rules, Direction::Up),
          smallest_changes(ratings, questions, rules, Direction::Down)};
}

}  // namespace cqc
