// The rating model as data: named nodes between aggregate() and everything
// above it. An input node holds a rating (with its date); an aggregate node
// rates its inputs by a rule set, with an optional gate (when it is awarded
// at all: the combined rating's "use of resources rated and assessed on or
// after 5 March 2018") and an optional cap (the quality-first variant's "at
// most N steps above the quality rating"). evaluate() rates every node, in
// order, with today's explanations. A final rating by professional judgement
// may be recorded at any node: it is shown beside the rules-based rating and
// is the rating the level above uses, as in CQC's published ratings.
//
// The six-rating trust calculator is the first instance (trust_model()):
// evaluate_trust() and rate_trust() answer through it, and
// tests/six_rating_view_test.cpp proves the answers are byte for byte those of
// the calculator's own engine before, on every one of the 15 625 inputs. CQC's
// levels of ratings are built on the same nodes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aggregate.hpp"
#include "rating.hpp"
#include "rule_set.hpp"
#include "trust.hpp"

namespace cqc {

// One condition of a gate; the first that fails says why nothing is awarded.
struct GateCondition {
  enum class Kind { Rated, DatedOnOrAfter };
  Kind kind = Kind::Rated;
  NodeIndex node = 0;           // whose rating (Rated) or date (DatedOnOrAfter) is checked
  CalendarDate from{};          // DatedOnOrAfter: a date before this fails; no date passes
  std::string reason;           // stable token for the failure: "use_of_resources_not_rated"
};

struct ModelNode {
  enum class Kind { Input, Aggregate };
  std::string id;                     // stable, unique: "trust.quality"
  std::string subject;                // for wording: "the quality rating"
  Kind kind = Kind::Input;
  std::vector<NodeIndex> inputs;      // Aggregate: nodes earlier in the model
  std::string rules;                  // Aggregate: the rule set's role, e.g. "quality"
  std::vector<GateCondition> gate;    // Aggregate: all must hold for a rating to be awarded
  std::optional<NodeIndex> capped_by; // Aggregate: the rule set's quality-first cap is measured from this node
  std::string level;                  // for readers: "service", "location", "trust_key_question", ...
};

class RatingModel {
 public:
  // Adds a node whose inputs are already in the model; returns its index.
  NodeIndex add(ModelNode node);
  std::optional<NodeIndex> find(std::string_view id) const;
  const std::vector<ModelNode>& nodes() const { return nodes_; }
  const ModelNode& node(NodeIndex i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes_.size()); }

 private:
  std::vector<ModelNode> nodes_;
};

// The rule set for each role a model names ("quality", "combined", ...).
struct RuleSetsByRole {
  std::vector<std::pair<std::string, RuleSet>> sets;
  // The role's rule set; the standard principles when the role is not listed.
  const RuleSet& of(std::string_view role) const;
};

// A limit on how good a node's rating may be (enforcement: a requirement
// notice limits a key question to requires improvement at best; a warning
// notice or a condition of registration makes it inadequate).
struct RatingLimit {
  Rating at_best = Rating::RequiresImprovement;
  std::string reason;  // stable token, e.g. "requirement_notice"
};

// What is known of one node before evaluation: an input's rating and date,
// a limit, and at any node a final rating by professional judgement.
struct NodeValue {
  Rating rating = Rating::NotRated;
  std::optional<CalendarDate> date;
  std::optional<Judgement> judgement;
  std::optional<RatingLimit> limit;
};

struct NodeResult {
  Rating rating = Rating::NotRated;     // by the rules (an input: as given)
  Rating used_upward = Rating::NotRated; // the final rating when judged, else `rating`
  bool awarded = true;                  // false when a gate condition failed
  std::string not_awarded_reason;       // that condition's reason token
  std::optional<Aggregate> aggregate;   // an awarded aggregate: the explanation
  std::optional<Rating> before_limit;   // set when a limit lowered the rating
  std::string limit_reason;
};

// Rates every node in order. `values` is indexed like the model's nodes (a
// shorter vector leaves the rest not rated, without judgement).
std::vector<NodeResult> evaluate(const RatingModel& model, const std::vector<NodeValue>& values,
                                 const RuleSetsByRole& rules);

// Every node's rules-based rating alone, without explanations (a judgement is
// still what the level above uses): the fast path for enumerating.
std::vector<Rating> rate(const RatingModel& model, const std::vector<NodeValue>& values, const RuleSetsByRole& rules);

// "What would change it", from the bottom: the smallest sets of changes to
// the input nodes below `target` (one, else two) that move it up or down,
// e.g. "if Safe in Maternity at Derriford were good, the combined rating
// would be good". Limits and judgements stay as they are.
// (The same types as the six-rating view's, trust.hpp: its what-ifs are these.)
using ModelChange = Change;
using ModelWhatIf = WhatIf;
using ModelWhatIfs = WhatIfs;
ModelWhatIfs what_would_change(const RatingModel& model, const std::vector<NodeValue>& values,
                               const RuleSetsByRole& rules, NodeIndex target);

// The six-rating trust calculator as a model: six inputs named by their
// question tokens ("safe", ..., "use_of_resources"), then "trust.quality"
// (the five quality ratings, role "quality") and "trust.combined" (all six,
// role "combined", capped by the quality rating, gated as CQC's combined
// rating is). Each question's input is at its Question's index.
const RatingModel& trust_model();
inline constexpr NodeIndex kTrustQualityNode = static_cast<NodeIndex>(kQuestionCount);
inline constexpr NodeIndex kTrustCombinedNode = kTrustQualityNode + 1;
RuleSetsByRole trust_rule_sets(const TrustOptions& options);
std::vector<NodeValue> trust_values(const TrustRatings& ratings, const TrustOptions& options);

// rate_trust() for many inputs under one set of options (the explorer, `cqc-ratings table`): the
// model's values and rule sets are made once, and each call sets the six ratings and rates.
class TrustRater {
 public:
  explicit TrustRater(const TrustOptions& options)
      : rules_(trust_rule_sets(options)), values_(trust_values({}, options)) {}
  TrustOutcome operator()(const TrustRatings& ratings);

 private:
  RuleSetsByRole rules_;
  std::vector<NodeValue> values_;
};

}  // namespace cqc
