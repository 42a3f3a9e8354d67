// The rating-only pass over a model (rate(), declared in model.hpp) and "what
// would change it" for any node, from the bottom. Each candidate change is
// rated by recomputing only the nodes that depend on the changed inputs,
// ratings alone without explanations, and only pairs whose effects meet are
// tried, so a trust of 10 locations x 12 services (602 inputs, 180 000 pairs)
// stays fast (bench/hierarchy_bench.cpp).
#include <algorithm>
#include <climits>

#include "model.hpp"
#include "model_rules.hpp"
#include "what_if_candidates.hpp"

namespace cqc {
namespace {

using what_if_detail::Candidate;
using what_if_detail::candidates;
using what_if_detail::Direction;
using what_if_detail::moves;

// Below this many inputs below the target, every pair is tried without first finding which meet.
constexpr NodeIndex kEveryPairUpTo = 8;

// One or two inputs changed, held in place (no allocation per candidate).
struct Changes {
  std::pair<NodeIndex, Rating> at[2];
  int count;
};

// Every node's rating by the rules alone, and the same with some inputs changed.
class FastRater {
 public:
  FastRater(const RatingModel& model, const std::vector<NodeValue>& values, const RuleSetsByRole& rules)
      : model_(model), values_(values), rules_of_(model.size()), rating_(model.size()), used_(model.size()) {
    // Each aggregate's rule set found once: rate() runs thousands of times in a search.
    for (NodeIndex i = 0; i < model.size(); ++i) {
      if (model.node(i).kind == ModelNode::Kind::Aggregate) rules_of_[i] = &rules.of(model.node(i).rules);
    }
    for (NodeIndex i = 0; i < model.size(); ++i) rate(i);
    base_rating_ = rating_;
    base_used_ = used_;
  }

  const std::vector<Rating>& ratings() const { return base_rating_; }
  Rating rating(NodeIndex i) const { return base_rating_[i]; }
  Rating input_rating(NodeIndex i) const { return value(i).rating; }

  // `target`'s rating with the given inputs changed (`affected`: the nodes that depend on them, in
  // model order); the base state is restored after. `changed`, when given, receives the nodes
  // whose rating (or the rating they pass upward) changed.
  Rating with(const Changes& changes, const std::vector<NodeIndex>& affected, NodeIndex target,
              std::vector<NodeIndex>* changed = nullptr) {
    overrides_ = &changes;
    for (NodeIndex i : affected) rate(i);
    overrides_ = nullptr;
    const Rating result = rating_[target];  // the target's own rules-based rating, not a judgement
    for (NodeIndex i : affected) {
      if (changed && (rating_[i] != base_rating_[i] || used_[i] != base_used_[i])) changed->push_back(i);
      rating_[i] = base_rating_[i];
      used_[i] = base_used_[i];
    }
    return result;
  }

 private:
  const NodeValue& value(NodeIndex i) const {
    static const NodeValue none;
    return static_cast<std::size_t>(i) < values_.size() ? values_[i] : none;
  }

  void rate(NodeIndex i) {
    const ModelNode& node = model_.node(i);
    const NodeValue& v = value(i);
    Rating r = Rating::NotRated;
    if (node.kind == ModelNode::Kind::Input) {
      r = v.rating;
      if (overrides_) {
        for (int c = 0; c < overrides_->count; ++c) {
          if (overrides_->at[c].first == i) r = overrides_->at[c].second;
        }
      }
    } else if (!model_detail::failed_condition(node, values_, [&](NodeIndex n) { return rating_[n]; })) {
      RatingCounts counts;
      for (NodeIndex input : node.inputs) counts.add(used_[input]);
      const RuleSet& rules = *rules_of_[i];
      r = aggregate_rating(counts, rules);
      if (node.capped_by) r = cap_by_quality(r, rating_[*node.capped_by], rules);
    }
    r = model_detail::limited(r, v);
    rating_[i] = r;
    used_[i] = v.judgement ? v.judgement->rating : r;
  }

  const RatingModel& model_;
  const std::vector<NodeValue>& values_;
  std::vector<const RuleSet*> rules_of_;  // by node; null for inputs
  std::vector<Rating> rating_, used_;
  std::vector<Rating> base_rating_, base_used_;  // with no change
  const Changes* overrides_ = nullptr;
};

// Which nodes each node's rating feeds (as an input, a gate or a cap).
std::vector<std::vector<NodeIndex>> dependents_of(const RatingModel& model) {
  std::vector<std::vector<NodeIndex>> dependents(model.size());
  for (NodeIndex i = 0; i < model.size(); ++i) {
    const ModelNode& node = model.node(i);
    auto depends_on = [&](NodeIndex below) { dependents[below].push_back(i); };
    for (NodeIndex input : node.inputs) depends_on(input);
    for (const GateCondition& c : node.gate) depends_on(c.node);
    if (node.capped_by) depends_on(*node.capped_by);
  }
  return dependents;
}

// Every node up to `last` that depends on `from`, itself included, in model
// order (a node's inputs come before it, so none is below `from`).
std::vector<NodeIndex> affected(const std::vector<std::vector<NodeIndex>>& dependents, NodeIndex from,
                                NodeIndex last) {
  std::vector<char> seen(dependents.size(), 0);
  std::vector<NodeIndex> stack{from}, out;
  while (!stack.empty()) {
    const NodeIndex i = stack.back();
    stack.pop_back();
    if (seen[i]) continue;
    seen[i] = 1;
    for (NodeIndex d : dependents[i]) stack.push_back(d);
  }
  for (NodeIndex i = from; i <= last; ++i) {
    if (seen[i]) out.push_back(i);
  }
  return out;
}

// The what-if the changes make, with each input's rating before.
ModelWhatIf what_if(const FastRater& rater, const Changes& changes, Rating result) {
  ModelWhatIf out{{}, result};
  for (int c = 0; c < changes.count; ++c) {
    const auto& [node, to] = changes.at[c];
    out.changes.push_back({node, rater.input_rating(node), to});
  }
  return out;
}

std::vector<ModelWhatIf> smallest_changes(FastRater& rater, const std::vector<std::vector<NodeIndex>>& dependents,
                                          const std::vector<NodeIndex>& inputs,
                                          const std::vector<std::vector<NodeIndex>>& affected, NodeIndex target,
                                          Direction direction) {
  const Rating current = rater.rating(target);
  std::vector<ModelWhatIf> found;
  if (!is_rated(current)) return found;
  Rating result;
  auto moves_with = [&](const Changes& changes, const std::vector<NodeIndex>& nodes) {
    result = rater.with(changes, nodes, target);
    return is_rated(result) && moves(result, current, direction);
  };

  const NodeIndex n = static_cast<NodeIndex>(inputs.size());
  for (NodeIndex k = 0; k < n; ++k) {
    for (const Candidate& c : candidates(rater.input_rating(inputs[k]), direction)) {
      const Changes one{{{inputs[k], c.to}}, 1};
      if (moves_with(one, affected[k])) {
        found.push_back(what_if(rater, one, result));
        break;
      }
    }
  }
  if (!found.empty()) return found;

  // Only pairs whose effects meet can move the target when no single change does: if no node has
  // one dependency changed by each change alone, every node sees at most one of them, so the pair
  // rates every node as one change alone does, and no single change moved the target. So each
  // input's reach (the nodes any of its candidates changes, itself included) is found first, and
  // only the pairs that both reach some node's dependencies are tried (a trust of 10 locations x
  // 12 services: a few thousand of the 180 000 pairs), in the same order as all pairs would be.
  std::vector<NodeIndex> partner(inputs.size(), -1);  // partner[b] == a: a's and b's reaches meet
  // With few inputs (the six-rating calculator: 15 pairs) finding the reaches costs more than
  // trying every pair, and trying every pair gives the same answers.
  const bool every_pair = n <= kEveryPairUpTo;
  std::vector<NodeIndex> changed;
  std::vector<char> in_reach(static_cast<std::size_t>(target) + 1, 0);
  std::vector<std::vector<NodeIndex>> meets(in_reach.size());  // node -> the inputs whose reach feeds it
  std::vector<std::vector<NodeIndex>> feeds(inputs.size());    // input -> the nodes its reach feeds
  std::vector<NodeIndex> stamp(in_reach.size(), -1);
  for (NodeIndex k = 0; k < n && !every_pair; ++k) {
    changed.assign(1, inputs[k]);
    for (const Candidate& c : candidates(rater.input_rating(inputs[k]), direction)) {
      rater.with({{{inputs[k], c.to}}, 1}, affected[k], target, &changed);
    }
    for (NodeIndex e : changed) in_reach[e] = 1;
    for (NodeIndex e : affected[k]) {  // the reach in model order, each node once
      if (!in_reach[e]) continue;
      in_reach[e] = 0;
      for (NodeIndex d : dependents[e]) {
        if (d > target || stamp[d] == k) continue;
        stamp[d] = k;
        meets[d].push_back(k);
        feeds[k].push_back(d);
      }
    }
  }
  std::vector<NodeIndex> both;
  for (NodeIndex a = 0; a < n; ++a) {
    for (NodeIndex d : feeds[a]) {
      for (NodeIndex b : meets[d]) {
        if (b > a) partner[b] = a;
      }
    }
    for (NodeIndex b = a + 1; b < n; ++b) {
      if (!every_pair && partner[b] != a) continue;
      both.clear();
      std::set_union(affected[a].begin(), affected[a].end(), affected[b].begin(), affected[b].end(),
                     std::back_inserter(both));
      int best_steps = INT_MAX;
      Changes best{};
      Rating best_result = Rating::NotRated;
      for (const Candidate& ci : candidates(rater.input_rating(inputs[a]), direction)) {
        for (const Candidate& cj : candidates(rater.input_rating(inputs[b]), direction)) {
          if (ci.steps + cj.steps >= best_steps) continue;
          const Changes two{{{inputs[a], ci.to}, {inputs[b], cj.to}}, 2};
          if (moves_with(two, both)) {
            best_steps = ci.steps + cj.steps;
            best = two;
            best_result = result;
          }
        }
      }
      if (best_steps != INT_MAX) found.push_back(what_if(rater, best, best_result));
    }
  }
  return found;
}

}  // namespace

std::vector<Rating> rate(const RatingModel& model, const std::vector<NodeValue>& values, const RuleSetsByRole& rules) {
  return FastRater(model, values, rules).ratings();
}

ModelWhatIfs what_would_change(const RatingModel& model, const std::vector<NodeValue>& values,
                               const RuleSetsByRole& rules, NodeIndex target) {
  FastRater rater(model, values, rules);
  const std::vector<std::vector<NodeIndex>> dependents = dependents_of(model);
  // The inputs below the target: those whose change can reach it.
  std::vector<NodeIndex> inputs;
  std::vector<std::vector<NodeIndex>> below;
  for (NodeIndex i = 0; i < model.size(); ++i) {
    if (model.node(i).kind != ModelNode::Kind::Input) continue;
    std::vector<NodeIndex> reach = affected(dependents, i, target);  // nothing above the target
    if (reach.empty() || reach.back() != target) continue;
    inputs.push_back(i);
    below.push_back(std::move(reach));
  }
  return {smallest_changes(rater, dependents, inputs, below, target, Direction::Up),
          smallest_changes(rater, dependents, inputs, below, target, Direction::Down)};
}

}  // namespace cqc
