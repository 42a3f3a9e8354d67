// A RuleSet is the aggregation principles held as data, so a researcher can
// write a variant without touching code. The built-in sets restate
// ../shared/spec/ratings-principles.md sections 2 and 3.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cqc {

// The thresholds ("X" in CQC's table) for one band of N, the number of rated
// underlying ratings. A band covers N from min_rated up to the next band's
// min_rated - 1; the last band is open-ended.
struct Band {
  int min_rated = 1;
  int inadequate = 1;            // at least this many inadequate -> inadequate
  int requires_improvement = 1;  // at least this many RI -> limited to RI
  int outstanding = 1;           // at least this many outstanding, rest good -> outstanding

  bool operator==(const Band& other) const {
    return min_rated == other.min_rated && inadequate == other.inadequate &&
           requires_improvement == other.requires_improvement &&
           outstanding == other.outstanding;
  }
};

struct RuleSet {
  std::string name;         // machine name, e.g. "standard"
  std::string title;        // one line for people
  std::vector<Band> bands;  // ascending min_rated, the first starting at 1
  // Principle 2: one inadequate rating (fewer than the inadequate threshold)
  // limits the aggregate to requires improvement.
  bool single_inadequate_limits = true;
  // Principle 4's second half: outstanding needs every other rating good.
  bool outstanding_needs_rest_good = true;
  // For a combined rating only: at most this many steps above the quality
  // rating ("quality first", a variant some consultation respondents argued
  // for). Empty: no such limit, as in CQC's published rules.
  std::optional<int> max_steps_above_quality;

  // The band that applies to n rated ratings (n >= 1).
  const Band& band_for(int rated) const;

  bool operator==(const RuleSet& other) const {
    return name == other.name && title == other.title && bands == other.bands &&
           single_inadequate_limits == other.single_inadequate_limits &&
           outstanding_needs_rest_good == other.outstanding_needs_rest_good &&
           max_steps_above_quality == other.max_steps_above_quality;
  }
};

// Limits that keep a researcher's rule set meaningful (and evaluation cheap).
inline constexpr int kMaxBands = 16;
inline constexpr int kMaxThreshold = 1000;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxTitleLength = 200;
inline constexpr int kMaxStepsAboveQuality = 3;  // a cap of 4 steps could never apply

// A problem with a rule set: the field (a JSON-pointer-like path relative to
// the rule set, such as "bands[1].outstanding") and what is wrong with it.
struct RuleSetProblem {
  std::string field;
  std::string message;
};

// Every problem with the rule set, empty when it can be used.
std::vector<RuleSetProblem> validate(const RuleSet& rules);

// CQC's standard principles (quality rating, and every level below it).
const RuleSet& standard_rules();
// The 2018 combined-rating principles: the standard ones with the
// requires-improvement limiter needing three, not two, in the 4-8 band.
const RuleSet& combined_2018_rules();
// The built-in rule sets, for listing and lookup by name.
// "Quality first": the 2018 rules, and the combined rating never better than
// the quality rating (a variant for comparison, not CQC's rule; consultation
// respondents argued quality is what matters most to the public).
const RuleSet& quality_first_rules();
const std::vector<const RuleSet*>& builtin_rule_sets();
const RuleSet* find_builtin(const std::string& name);

}  // namespace cqc
