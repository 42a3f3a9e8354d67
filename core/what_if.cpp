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
