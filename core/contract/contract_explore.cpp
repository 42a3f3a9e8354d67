// The explorer's JSON: every combination under one or two rule variants.
//   in:  {"variants": [V, V?], "include_not_rated": false, "list": false}
//        V = {"quality": R, "combined": R} (either optional) or a built-in name
//        for the combined rule set; R = a built-in name or a rule set object.
//   out: distributions, the groups of changes, the cells by counts of each
//        rating and, with "list", every combination whose rating changes.
//        Each cell is [counts, combinations, changed, example, combined]:
//        counts [O, G, RI, I, not rated]; example, one of its combinations as
//        six rating tokens in question order; combined [[A, B, how many]].
#include "contract.hpp"
#include "contract_util.hpp"
#include "explore.hpp"

namespace cqc::contract {
namespace {

OrderedJson outcome_token(Rating r) { return is_rated(r) ? OrderedJson(std::string(token(r))) : OrderedJson(nullptr); }

OrderedJson distribution_json(const std::array<int, 5>& counts, const char* none_name) {
  OrderedJson out = OrderedJson::object();
  for (Rating r : kRatedValues) out[std::string(token(r))] = counts[static_cast<int>(r)];
  out[none_name] = counts[static_cast<int>(Rating::NotRated)];
  return out;
}

OrderedJson ratings_json(const TrustRatings& ratings) {
  OrderedJson out = OrderedJson::object();
  for (Question q : kQuestions) out[std::string(token(q))] = std::string(token(ratings.of(q)));
  return out;
}

// A variant: a rules config, or a built-in name for the combined rule set.
void read_variant(const Json& value, const std::string& field, TrustOptions& options,
                  std::vector<FieldError>& errors) {
  if (!value.is_string()) {
    apply_rules_config(value, field, options, errors);
  } else if (auto rules = rule_set_or_name(value, field, errors)) {
    options.combined_rules = *rules;
  }
}

}  // namespace

std::string read_rules_variant(std::string_view text) {
  const ParsedJson parsed = parse_json(text, "variant");
  std::vector<FieldError> errors;
  TrustOptions options;
  if (parsed.error) {
    errors.push_back(*parsed.error);
  } else if (!parsed.value.is_object() && !parsed.value.is_string()) {
    errors.push_back({"", "the variant must be a rules config {\"quality\": ..., \"combined\": ...} or the name of "
                          "a built-in rule set; got " + describe_value(parsed.value)});
  } else {
    // A name alone names the combined rule set, and is reported as that.
    read_variant(parsed.value, parsed.value.is_string() ? "combined" : "", options, errors);
  }
  if (!errors.empty()) return dump(errors_to_json(errors));
  // A part given by name, or left out, stays a name; a rule set object comes back normalised.
  OrderedJson rules = OrderedJson::object();
  const std::pair<const char*, const RuleSet*> parts[] = {{"quality", &options.quality_rules},
                                                           {"combined", &options.combined_rules}};
  for (const auto& [part, rule_set] : parts) {
    const Json* given = nullptr;
    if (parsed.value.is_object()) {
      if (const auto it = parsed.value.find(part); it != parsed.value.end()) given = &*it;
    }
    const bool object = given && given->is_object();
    rules[part] = object ? to_json(*rule_set) : OrderedJson(rule_set->name);
  }
  return dump(OrderedJson{{"rules", rules}});
}

std::optional<ExploreRequest> parse_explore_request(std::string_view text, std::vector<FieldError>& errors) {
  ParsedJson parsed = parse_json(text);
  if (parsed.error) {
    errors.push_back(*parsed.error);
    return std::nullopt;
  }
  const Json& input = parsed.value;
  if (!expect_object(input, "", {"variants", "include_not_rated", "list"}, errors)) return std::nullopt;
  ExploreRequest request;
  const auto variants = input.find("variants");
  if (variants == input.end() || !variants->is_array() || variants->empty() || variants->size() > 2) {
    errors.push_back({"variants", "field \"variants\" must be an array of one or two rule variants, each "
                                  "{\"quality\": rule set or name, \"combined\": rule set or name} or a "
                                  "built-in name for the combined rating"});
    return std::nullopt;
  }
  for (std::size_t i = 0; i < variants->size(); ++i) {
    TrustOptions options;
    read_variant((*variants)[i], "variants[" + std::to_string(i) + "]", options, errors);
    request.variants.push_back(options);
  }
  for (const char* flag : {"include_not_rated", "list"}) {
    const auto it = input.find(flag);
    if (it == input.end() || it->is_null()) continue;
    if (!it->is_boolean()) {
      errors.push_back({flag, std::string("field \"") + flag + "\" must be true or false; got " + describe_value(*it)});
    } else {
      (std::string(flag) == "list" ? request.list : request.include_not_rated) = it->get<bool>();
    }
  }
  if (!errors.empty()) return std::nullopt;
  return request;
}

OrderedJson to_json(const Exploration& exploration, const ExploreRequest& request) {
  OrderedJson variants = OrderedJson::array();
  for (std::size_t v = 0; v < request.variants.size(); ++v) {
    const Distribution& d = exploration.distributions[v];
    variants.push_back({{"rules", {{"quality", request.variants[v].quality_rules.name},
                                   {"combined", request.variants[v].combined_rules.name}}},
                        {"distribution", {{"quality", distribution_json(d.quality, "not_rated")},
                                          {"combined", distribution_json(d.combined, "none")}}}});
  }
  OrderedJson changes = OrderedJson::array();
  for (const ChangeGroup& group : exploration.changes) {
    OrderedJson entry = {{"outcome", group.outcome == Outcome::Quality ? "quality" : "combined"},
                         {"from", outcome_token(group.from)},
                         {"to", outcome_token(group.to)},
                         {"count", group.codes.size()}};
    if (request.list) {
      OrderedJson list = OrderedJson::array();
      for (int code : group.codes) list.push_back(ratings_json(decode_combination(code)));
      entry["combinations"] = list;
    }
    changes.push_back(entry);
  }
  // Cells are compact arrays (the page reads them on every edit):
  // counts in rating order [outstanding, good, requires_improvement,
  // inadequate, not_rated]; example in question order; combined [[a, b, n]].
  OrderedJson cells = OrderedJson::array();
  for (const Cell& cell : exploration.cells) {
    OrderedJson counts = OrderedJson::array();
    for (Rating r : kAllRatings) counts.push_back(cell.counts.of(r));
    OrderedJson example = OrderedJson::array();
    const TrustRatings ratings = decode_combination(cell.first_code);
    for (Question q : kQuestions) example.push_back(std::string(token(ratings.of(q))));
    OrderedJson combined = OrderedJson::array();
    for (const auto& [pair, n] : cell.combined) {
      combined.push_back(OrderedJson::array({outcome_token(pair[0]), outcome_token(pair[1]), n}));
    }
    cells.push_back(OrderedJson::array({counts, cell.combinations, cell.changed, example, combined}));
  }
  return {{"total", exploration.total},
          {"include_not_rated", exploration.include_not_rated},
          {"variants", variants},
          {"changed", exploration.changed},
          {"combined_changed", exploration.combined_changed},
          {"changes", changes},
          {"cells", cells}};
}

std::string explore(std::string_view text) {
  std::vector<FieldError> errors;
  const std::optional<ExploreRequest> request = parse_explore_request(text, errors);
  if (!request) return dump(errors_to_json(errors));
  return dump(to_json(cqc::explore(request->variants, request->include_not_rated), *request));
}

}  // namespace cqc::contract
