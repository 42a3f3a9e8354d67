// "What matters most" (declared in contract.hpp): for the trust's quality and
// combined ratings (or any node named), the smallest sets of lowest-level
// changes, one else two, that would move it up or down, from the engine's
// what_would_change(), each change placed (location, service, key question,
// ids and words) and the whole bounded, so a trust of 400 ratings answers in
// a few kilobytes.
//
//   out: {"version": 2, "as_at", "targets": [T]}
//   T:   {"node", "subject", "rating", "label", "up": D, "down": D}  (rating: the rules-based one)
//   D:   {"size": 1 | 2 | null, "total", "shown": [W], "more"}       (smallest first: fewest rating steps)
//   W:   {"changes": [C], "rating", "label", "text"}
//   C:   {"node", "location", "location_name", "service", "service_name", "key_question",
//         "key_question_label", "from", "from_label", "to", "to_label"}   (trust-level inputs: location and service null)
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>

#include "contract.hpp"
#include "contract_assess.hpp"
#include "contract_util.hpp"
#include "hierarchy.hpp"

namespace cqc::contract {
namespace {

using assess_detail::InputPlace;
using Places = std::unordered_map<std::string, InputPlace>;

OrderedJson or_null(const std::string& text) { return text.empty() ? OrderedJson(nullptr) : OrderedJson(text); }

// "Safe in Maternity at Hospital 1", "the trust's well-led rating".
std::string where(const ModelNode& node, const InputPlace* place) {
  if (!place || place->location_name.empty()) return node.subject;
  return node.subject + " at " + place->location_name;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

int steps(const ModelWhatIf& w) {
  int n = 0;
  for (const ModelChange& c : w.changes) n += std::abs(static_cast<int>(c.to) - static_cast<int>(c.from));
  return n;
}

OrderedJson direction_json(const RatingModel& model, const Places& places, const ModelNode& target,
                           std::vector<ModelWhatIf> found) {
  // Smallest first (fewest rating steps), then in the model's order: stable.
  std::stable_sort(found.begin(), found.end(), [](const ModelWhatIf& a, const ModelWhatIf& b) { return steps(a) < steps(b); });
  OrderedJson shown = OrderedJson::array();
  for (std::size_t k = 0; k < found.size() && k < kWhatMattersShown; ++k) {
    const ModelWhatIf& w = found[k];
    OrderedJson changes = OrderedJson::array();
    std::string text = "If ";
    for (std::size_t c = 0; c < w.changes.size(); ++c) {
      const ModelChange& change = w.changes[c];
      const ModelNode& node = model.node(change.node);
      const auto it = places.find(node.id);
      const InputPlace* place = it == places.end() ? nullptr : &it->second;
      changes.push_back({{"node", node.id},
                         {"location", or_null(place ? place->location_id : "")},
                         {"location_name", or_null(place ? place->location_name : "")},
                         {"service", or_null(place ? place->service_id : "")},
                         {"service_name", or_null(place ? place->service_name : "")},
                         {"key_question", place ? std::string(token(place->question)) : node.id},
                         {"key_question_label", place ? std::string(label(place->question)) : node.subject},
                         {"from", std::string(token(change.from))},
                         {"from_label", std::string(label(change.from))},
                         {"to", std::string(token(change.to))},
                         {"to_label", std::string(label(change.to))}});
      if (c > 0) text += " and ";
      text += where(node, place) + " were " + lower(label(change.to));
    }
    text += ", " + target.subject + " would be " + lower(label(w.result)) + ".";
    shown.push_back({{"changes", changes},
                     {"rating", std::string(token(w.result))},
                     {"label", std::string(label(w.result))},
                     {"text", text}});
  }
  return {{"size", found.empty() ? OrderedJson(nullptr) : OrderedJson(found.front().changes.size())},
          {"total", found.size()},
          {"shown", shown},
          {"more", found.size() > kWhatMattersShown ? found.size() - kWhatMattersShown : 0}};
}

}  // namespace

std::string what_matters(std::string_view text, const std::optional<CalendarDate>& as_at,
                         const std::vector<std::string>& targets, bool* ok) {
  if (ok) *ok = false;
  std::string error;
  const std::optional<assess_detail::ReadDocument> doc = assess_detail::read_document(text, as_at, error);
  if (!doc) return error;
  const HierarchyModel h = build_hierarchy(doc->trust, doc->options);
  std::vector<NodeIndex> nodes;
  std::vector<FieldError> errors;
  if (targets.size() > kWhatMattersTargets) {
    errors.push_back({"targets", "give at most " + std::to_string(kWhatMattersTargets) + " target nodes; got " +
                                     std::to_string(targets.size())});
  }
  for (std::size_t i = 0; i < targets.size() && i < kWhatMattersTargets; ++i) {
    if (const auto found = h.model.find(targets[i])) {
      if (h.model.node(*found).kind == ModelNode::Kind::Aggregate) {
        nodes.push_back(*found);
        continue;
      }
    }
    errors.push_back({"targets[" + std::to_string(i) + "]",
                      "\"" + targets[i].substr(0, 80) + "\" is not a rating this assessment computes; give a node id "
                      "from its output, such as trust.quality or trust.combined"});
  }
  if (!errors.empty()) return dump(errors_to_json(errors));
  if (targets.empty()) {
    for (const char* id : {node_id::kTrustQuality, node_id::kTrustCombined}) {
      if (const auto found = h.model.find(id)) nodes.push_back(*found);
    }
  }
  Places places;
  for (auto& [id, place] : assess_detail::input_places(doc->trust)) places.emplace(id, std::move(place));
  const std::vector<NodeResult> results = evaluate(h.model, h.values, h.rules);
  OrderedJson out = OrderedJson::array();
  for (const NodeIndex i : nodes) {
    const ModelNode& node = h.model.node(i);
    const ModelWhatIfs whatifs = what_would_change(h.model, h.values, h.rules, i);
    out.push_back({{"node", node.id},
                   {"subject", node.subject},
                   {"rating", results[i].awarded ? OrderedJson(std::string(token(results[i].rating))) : OrderedJson(nullptr)},
                   {"label", results[i].awarded ? OrderedJson(std::string(label(results[i].rating))) : OrderedJson(nullptr)},
                   {"up", direction_json(h.model, places, node, whatifs.up)},
                   {"down", direction_json(h.model, places, node, whatifs.down)}});
  }
  if (ok) *ok = true;
  return dump(OrderedJson{{"version", 2},
                          {"as_at", doc->options.as_at ? OrderedJson(doc->options.as_at->iso()) : OrderedJson(nullptr)},
                          {"targets", out}});
}

}  // namespace cqc::contract
