#include "explore.hpp"

#include <algorithm>

#include "model.hpp"

namespace cqc {

TrustRatings decode_combination(int code) {
  TrustRatings ratings;
  for (std::size_t q = 0; q < kQuestionCount; ++q) {
    ratings.by_question[q] = static_cast<Rating>(code % 5);
    code /= 5;
  }
  return ratings;
}

int encode_combination(const TrustRatings& ratings) {
  int code = 0;
  for (std::size_t q = kQuestionCount; q-- > 0;) code = code * 5 + static_cast<int>(ratings.by_question[q]);
  return code;
}

namespace {

// Dense keys instead of map lookups: this loop runs on every edit in the page.
int cell_key(const RatingCounts& counts) {
  int key = 0;
  for (int n : counts.by_rating) key = key * 7 + n;  // each count is 0..6
  return key;
}
int group_key(Outcome outcome, Rating from, Rating to) {
  return (static_cast<int>(outcome) * 5 + static_cast<int>(from)) * 5 + static_cast<int>(to);
}

// With the rule sets fixed, a trust's outcome depends only on how many of
// its five quality ratings have each value and on its UoR rating: 6^4 * 5
// keys, so most of the 2 x 15 625 evaluations become a lookup.
class OutcomeMemo {
 public:
  explicit OutcomeMemo(const TrustOptions& options) : rate_(options), slots_(6 * 6 * 6 * 6 * 5) {}

  TrustOutcome operator()(const TrustRatings& ratings) {
    const RatingCounts q = ratings.quality_counts();
    const int key = (((q.of(Rating::Outstanding) * 6 + q.of(Rating::Good)) * 6 +
                      q.of(Rating::RequiresImprovement)) * 6 + q.of(Rating::Inadequate)) * 5 +
                    static_cast<int>(ratings.of(Question::UseOfResources));
    Slot& slot = slots_[key];
    if (!slot.known) slot = {rate_(ratings), true};
    return slot.outcome;
  }

 private:
  struct Slot {
    TrustOutcome outcome;
    bool known = false;
  };
  TrustRater rate_;
  std::vector<Slot> slots_;
};

}  // namespace

Exploration explore(const std::vector<TrustOptions>& variants, bool include_not_rated) {
  Exploration result;
  result.include_not_rated = include_not_rated;
  result.distributions.resize(variants.size());
  const bool comparing = variants.size() == 2;

  std::vector<std::vector<int>> groups(2 * 5 * 5);
  std::vector<OutcomeMemo> memos(variants.begin(), variants.end());
  std::vector<int> cell_index(7 * 7 * 7 * 7 * 7, -1);

  for (int code = 0; code < kCombinationCodes; ++code) {
    const TrustRatings ratings = decode_combination(code);
    const RatingCounts counts = ratings.combined_counts();
    if (!include_not_rated && counts.of(Rating::NotRated) > 0) continue;
    ++result.total;
    std::array<TrustOutcome, 2> outcomes{};
    for (std::size_t v = 0; v < variants.size(); ++v) {
      outcomes[v] = memos[v](ratings);
      ++result.distributions[v].quality[static_cast<int>(outcomes[v].quality)];
      ++result.distributions[v].combined[static_cast<int>(outcomes[v].combined)];
    }
    int& index = cell_index[cell_key(counts)];
    if (index < 0) {
      index = static_cast<int>(result.cells.size());
      result.cells.emplace_back();
      result.cells.back().counts = counts;
      result.cells.back().first_code = code;
    }
    Cell& cell = result.cells[index];
    ++cell.combinations;
    const std::array<Rating, 2> combined = {outcomes[0].combined,
                                            comparing ? outcomes[1].combined : outcomes[0].combined};
    auto slot = std::find_if(cell.combined.begin(), cell.combined.end(),
                             [&](const auto& entry) { return entry.first == combined; });
    if (slot == cell.combined.end()) cell.combined.push_back({combined, 1});
    else ++slot->second;

    if (!comparing) continue;
    const bool quality_moved = outcomes[0].quality != outcomes[1].quality;
    const bool combined_moved = outcomes[0].combined != outcomes[1].combined;
    if (quality_moved) groups[group_key(Outcome::Quality, outcomes[0].quality, outcomes[1].quality)].push_back(code);
    if (combined_moved) {
      groups[group_key(Outcome::Combined, outcomes[0].combined, outcomes[1].combined)].push_back(code);
      ++cell.changed;
      ++result.combined_changed;
    }
    result.changed += quality_moved || combined_moved;
  }

  for (int key = 0; key < static_cast<int>(groups.size()); ++key) {
    if (groups[key].empty()) continue;
    result.changes.push_back({static_cast<Outcome>(key / 25), static_cast<Rating>(key / 5 % 5),
                              static_cast<Rating>(key % 5), std::move(groups[key])});
  }
  // Cells in a stable, meaningful order: by the counts, best ratings first.
  std::sort(result.cells.begin(), result.cells.end(), [](const Cell& a, const Cell& b) {
    return a.counts.by_rating > b.counts.by_rating;
  });
  return result;
}

}  // namespace cqc
