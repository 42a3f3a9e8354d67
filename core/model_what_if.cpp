// "What would change it" for any node of a model, from the bottom (declared
// in model.hpp). Each candidate change is rated by recomputing only the nodes
// that depend on the changed inputs, ratings alone without explanations, and
// only pairs whose effects meet are tried, so a trust of 10 locations x 12
// services (602 inputs, 180 000 pairs) stays fast (bench/hierarchy_bench.cpp).
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

class FastRater {
 public:
  FastRater(const RatingModel& model, const std::vector<NodeValue>& values, const RuleSetsByRole& rules)
      : model_(model), values_(values), rules_(rules), rating_(model.size()), used_(model.size()),
        dependents_(model.size()) {
    for (NodeIndex i = 0; i < model.size(); ++i) {
      const ModelNode& node = model.node(i);
      auto depends_on = [&](NodeIndex below) { dependents_[below].push_back(i); };
      for (NodeIndex input : node.inputs) depends_on(input);
      for (const GateCondition& c : node.gate) depends_on(c.node);
      if (node.capped_by) depends_on(*node.capped_by);
    }
    for (NodeIndex i = 0; i < model.size(); ++i) rate(i);
  }

  Rating rating(NodeIndex i) const { return rating_[i]; }
  Rating input_rating(NodeIndex i) const { return value(i).rating; }

  // Every node that depends on `from`, itself included, in model order.
  std::vector<NodeIndex> affected(NodeIndex from) const {
    std::vector<char> seen(model_.size(), 0);
    std::vector<NodeIndex> stack{from}, out;
    while (!stack.empty()) {
      const NodeIndex i = stack.back();
      stack.pop_back();
      if (seen[i]) continue;
      seen[i] = 1;
      out.push_back(i);
      for (NodeIndex d : dependents_[i]) stack.push_back(d);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  const std::vector<NodeIndex>& dependents(NodeIndex i) const { return dependents_[i]; }

  // `target`'s rating with the given inputs changed; the base state is restored after. `changed`,
  // when given, receives the nodes whose rating (or the rating they pass upward) changed.
  Rating with(const std::vector<std::pair<NodeIndex, Rating>>& changes, const std::vector<NodeIndex>& affected,
              NodeIndex target, std::vector<NodeIndex>* changed = nullptr) {
    saved_.clear();
    for (NodeIndex i : affected) saved_.push_back({rating_[i], used_[i]});
    overrides_ = &changes;
    for (NodeIndex i : affected) rate(i);
    const Rating result = rating_[target];  // the target's own rules-based rating, not a judgement
    if (changed) {
      for (std::size_t k = 0; k < affected.size(); ++k) {
        const NodeIndex i = affected[k];
        if (rating_[i] != saved_[k].first || used_[i] != saved_[k].second) changed->push_back(i);
      }
    }
    overrides_ = nullptr;
    for (std::size_t k = 0; k < affected.size(); ++k) {
      rating_[affected[k]] = saved_[k].first;
      used_[affected[k]] = saved_[k].second;
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
        for (const auto& [at, to] : *overrides_) if (at == i) r = to;
      }
    } else if (!model_detail::failed_condition(node, values_, [&](NodeIndex n) { return rating_[n]; })) {
      RatingCounts counts;
      for (NodeIndex input : node.inputs) counts.add(used_[input]);
      const RuleSet& rules = rules_.of(node.rules);
      r = aggregate_rating(counts, rules);
      if (node.capped_by) r = cap_by_quality(r, rating_[*node.capped_by], rules);
    }
    r = model_detail::limited(r, v);
    rating_[i] = r;
    used_[i] = v.judgement ? v.judgement->rating : r;
  }

  const RatingModel& model_;
  const std::vector<NodeValue>& values_;
  const RuleSetsByRole& rules_;
  std::vector<Rating> rating_, used_;
  std::vector<std::vector<NodeIndex>> dependents_;
  const std::vector<std::pair<NodeIndex, Rating>>* overrides_ = nullptr;
  std::vector<std::pair<Rating, Rating>> saved_;
};

std::vector<ModelWhatIf> smallest_changes(FastRater& rater, const std::vector<NodeIndex>& inputs,
                                          const std::vector<std::vector<NodeIndex>>& affected, NodeIndex target,
                                          Direction direction) {
  const Rating current = rater.rating(target);
  std::vector<ModelWhatIf> found;
  if (!is_rated(current)) return found;
  auto moves_with = [&](const std::vector<std::pair<NodeIndex, Rating>>& changes,
                        const std::vector<NodeIndex>& nodes, Rating& result) {
    result = rater.with(changes, nodes, target);
    return is_rated(result) && moves(result, current, direction);
  };

  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const NodeIndex i = inputs[k];
    for (const Candidate& c : candidates(rater.input_rating(i), direction)) {
      Rating result;
      if (moves_with({{i, c.to}}, affected[k], result)) {
        found.push_back({{{i, rater.input_rating(i), c.to}}, result});
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
  std::vector<std::vector<NodeIndex>> reach(inputs.size());
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    for (const Candidate& c : candidates(rater.input_rating(inputs[k]), direction)) {
      rater.with({{inputs[k], c.to}}, affected[k], target, &reach[k]);
    }
    reach[k].push_back(inputs[k]);
    std::sort(reach[k].begin(), reach[k].end());
    reach[k].erase(std::unique(reach[k].begin(), reach[k].end()), reach[k].end());
  }
  std::vector<std::vector<std::size_t>> meets(static_cast<std::size_t>(target) + 1);  // node -> inputs reaching it
  std::vector<NodeIndex> stamp(meets.size(), -1);
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    for (NodeIndex e : reach[k]) {
      for (NodeIndex n : rater.dependents(e)) {
        if (n > target || stamp[n] == static_cast<NodeIndex>(k)) continue;
        stamp[n] = static_cast<NodeIndex>(k);
        meets[n].push_back(k);
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (const auto& at : meets) {
    for (std::size_t x = 0; x < at.size(); ++x) {
      for (std::size_t y = x + 1; y < at.size(); ++y) pairs.emplace_back(at[x], at[y]);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  std::vector<NodeIndex> both;
  for (const auto& [a, b] : pairs) {
    both.clear();
    std::set_union(affected[a].begin(), affected[a].end(), affected[b].begin(), affected[b].end(),
                   std::back_inserter(both));
    const NodeIndex i = inputs[a], j = inputs[b];
    int best_steps = INT_MAX;
    ModelWhatIf best{};
    for (const Candidate& ci : candidates(rater.input_rating(i), direction)) {
      for (const Candidate& cj : candidates(rater.input_rating(j), direction)) {
        if (ci.steps + cj.steps >= best_steps) continue;
        Rating result;
        if (moves_with({{i, ci.to}, {j, cj.to}}, both, result)) {
          best_steps = ci.steps + cj.steps;
          best = {{{i, rater.input_rating(i), ci.to}, {j, rater.input_rating(j), cj.to}}, result};
        }
      }
    }
    if (best_steps != INT_MAX) found.push_back(best);
  }
  return found;
}

}  // namespace

ModelWhatIfs what_would_change(const RatingModel& model, const std::vector<NodeValue>& values,
                               const RuleSetsByRole& rules, NodeIndex target) {
  FastRater rater(model, values, rules);
  // The inputs below the target: those whose change can reach it.
  std::vector<NodeIndex> inputs;
  std::vector<std::vector<NodeIndex>> affected;
  for (NodeIndex i = 0; i < model.size(); ++i) {
    if (model.node(i).kind != ModelNode::Kind::Input) continue;
    std::vector<NodeIndex> reach = rater.affected(i);
    if (!std::binary_search(reach.begin(), reach.end(), target)) continue;
    reach.erase(std::upper_bound(reach.begin(), reach.end(), target), reach.end());  // nothing above the target
    inputs.push_back(i);
    affected.push_back(std::move(reach));
  }
  return {smallest_changes(rater, inputs, affected, target, Direction::Up),
          smallest_changes(rater, inputs, affected, target, Direction::Down)};
}

}  // namespace cqc
