// The values one rating could change to, nearest first, for the model's
// "what would change it" (model_what_if.cpp). Internal to the core.
#pragma once

#include "rating.hpp"

namespace cqc::what_if_detail {

enum class Direction { Up, Down };

struct Candidate {
  Rating to;
  int steps;  // how far the change goes; smaller changes are preferred
};

// At most four values to go to, held in place: no allocation in the what-ifs' inner loops.
struct Candidates {
  Candidate items[4];
  int count = 0;
  void add(Rating to, int steps) { items[count++] = {to, steps}; }
  const Candidate* begin() const { return items; }
  const Candidate* end() const { return items + count; }
};

// A not-rated rating can be rated anything; rating it good (up) or requires
// improvement (down) is the smallest such change.
inline Candidates candidates(Rating from, Direction direction) {
  Candidates out;
  if (!is_rated(from)) {
    const Rating up[] = {Rating::Good, Rating::Outstanding, Rating::RequiresImprovement, Rating::Inadequate};
    const Rating down[] = {Rating::RequiresImprovement, Rating::Inadequate, Rating::Good, Rating::Outstanding};
    int steps = 1;
    for (Rating to : direction == Direction::Up ? up : down) out.add(to, steps++);
    return out;
  }
  const int at = static_cast<int>(from);
  if (direction == Direction::Up) {
    for (int to = at - 1; to >= 0; --to) out.add(static_cast<Rating>(to), at - to);
  } else {
    for (int to = at + 1; to <= static_cast<int>(Rating::Inadequate); ++to) out.add(static_cast<Rating>(to), to - at);
  }
  return out;
}

inline bool moves(Rating result, Rating current, Direction direction) {
  return direction == Direction::Up ? better(result, current) : better(current, result);
}

}  // namespace cqc::what_if_detail
