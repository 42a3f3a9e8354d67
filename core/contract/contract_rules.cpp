// Rule sets to and from JSON, so researchers can write variants.
#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {

OrderedJson to_json(const RuleSet& rules) {
  OrderedJson bands = OrderedJson::array();
  for (const Band& band : rules.bands) {
    bands.push_back({{"min_rated", band.min_rated},
                     {"inadequate", band.inadequate},
                     {"requires_improvement", band.requires_improvement},
                     {"outstanding", band.outstanding}});
  }
  return {{"name", rules.name},
          {"title", rules.title},
          {"bands", bands},
          {"single_inadequate_limits", rules.single_inadequate_limits},
          {"outstanding_needs_rest_good", rules.outstanding_needs_rest_good},
          {"max_steps_above_quality",
           rules.max_steps_above_quality ? OrderedJson(*rules.max_steps_above_quality) : OrderedJson(nullptr)}};
}

namespace {

const std::vector<std::string>& rule_set_fields() {
  static const std::vector<std::string> fields = {
      "name", "title", "bands", "single_inadequate_limits", "outstanding_needs_rest_good",
      "max_steps_above_quality"};
  return fields;
}
const std::vector<std::string>& band_fields() {
  static const std::vector<std::string> fields = {"min_rated", "inadequate",
                                                  "requires_improvement", "outstanding"};
  return fields;
}

bool read_int(const Json& object, const std::string& key, const std::string& field, int& out,
              std::vector<FieldError>& errors) {
  const auto it = object.find(key);
  if (it == object.end()) {
    errors.push_back({field, "missing field \"" + field + "\": give a whole number"});
    return false;
  }
  // Range is checked by validate(); here only the type, and that it fits an int.
  if (!it->is_number_integer() || *it < -1000000 || *it > 1000000) {
    errors.push_back({field, "field \"" + field + "\" must be a whole number; got " +
                                 describe_value(*it)});
    return false;
  }
  out = it->get<int>();
  return true;
}

void read_bool(const Json& object, const std::string& key, const std::string& field, bool& out,
               std::vector<FieldError>& errors) {
  const auto it = object.find(key);
  if (it == object.end()) return;  // optional, keeps the default
  if (!it->is_boolean()) {
    errors.push_back({field, "field \"" + field + "\" must be true or false; got " + describe_value(*it)});
    return;
  }
  out = it->get<bool>();
}

}  // namespace

std::optional<RuleSet> rule_set_from_json(const Json& value, const std::string& field,
                                          std::vector<FieldError>& errors) {
  const std::size_t before = errors.size();
  if (!expect_object(value, field, rule_set_fields(), errors)) return std::nullopt;
  RuleSet rules;
  rules.bands.clear();
  const std::string at = field.empty() ? "" : field + ".";
  const auto name = value.find("name");
  if (name == value.end() || !name->is_string()) {
    errors.push_back({at + "name", "field \"" + at + "name\" must be a string naming the rule set"});
  } else {
    rules.name = name->get<std::string>();
  }
  const auto title = value.find("title");
  if (title != value.end()) {
    if (!title->is_string()) {
      errors.push_back({at + "title", "field \"" + at + "title\" must be a string"});
    } else {
      rules.title = title->get<std::string>();
    }
  }
  const auto bands = value.find("bands");
  if (bands == value.end() || !bands->is_array()) {
    errors.push_back({at + "bands", "field \"" + at + "bands\" must be an array of bands, each {" +
                                        join(band_fields(), ", ") + "}"});
  } else {
    for (std::size_t i = 0; i < bands->size(); ++i) {
      const std::string band_at = at + "bands[" + std::to_string(i) + "]";
      const Json& item = (*bands)[i];
      if (!expect_object(item, band_at, band_fields(), errors)) continue;
      Band band;
      bool ok = read_int(item, "min_rated", band_at + ".min_rated", band.min_rated, errors);
      ok = read_int(item, "inadequate", band_at + ".inadequate", band.inadequate, errors) && ok;
      ok = read_int(item, "requires_improvement", band_at + ".requires_improvement",
                    band.requires_improvement, errors) && ok;
      ok = read_int(item, "outstanding", band_at + ".outstanding", band.outstanding, errors) && ok;
      if (ok) rules.bands.push_back(band);
    }
  }
  read_bool(value, "single_inadequate_limits", at + "single_inadequate_limits",
            rules.single_inadequate_limits, errors);
  read_bool(value, "outstanding_needs_rest_good", at + "outstanding_needs_rest_good",
            rules.outstanding_needs_rest_good, errors);
  if (const auto cap = value.find("max_steps_above_quality"); cap != value.end() && !cap->is_null()) {
    int steps = 0;
    if (read_int(value, "max_steps_above_quality", at + "max_steps_above_quality", steps, errors)) {
      rules.max_steps_above_quality = steps;  // validate() checks the range: null is the only "no limit"
    }
  }
  if (errors.size() != before) return std::nullopt;
  for (const RuleSetProblem& problem : validate(rules)) {
    errors.push_back({at + problem.field, "field \"" + at + problem.field + "\" " + problem.message});
  }
  if (errors.size() != before) return std::nullopt;
  return rules;
}

std::optional<RuleSet> rule_set_or_name(const Json& value, const std::string& field,
                                        std::vector<FieldError>& errors) {
  if (value.is_string()) {
    if (const RuleSet* builtin = find_builtin(value.get<std::string>())) return *builtin;
    std::vector<std::string> names;
    for (const RuleSet* rules : builtin_rule_sets()) names.push_back(rules->name);
    const std::string subject = field.empty() ? "the rule set" : "field \"" + field + "\"";
    errors.push_back({field, subject + " names unknown rule set " + describe_value(value) +
                                 ": give one of " + join(names, ", ") + ", or a rule set object"});
    return std::nullopt;
  }
  return rule_set_from_json(value, field, errors);
}

bool apply_rules_config(const Json& value, const std::string& field, TrustOptions& options,
                        std::vector<FieldError>& errors) {
  const std::size_t before = errors.size();
  if (!expect_object(value, field, {"quality", "combined"}, errors)) return false;
  const std::string at = field.empty() ? "" : field + ".";
  if (const auto it = value.find("quality"); it != value.end() && !it->is_null()) {
    if (auto rules = rule_set_or_name(*it, at + "quality", errors)) options.quality_rules = *rules;
  }
  if (const auto it = value.find("combined"); it != value.end() && !it->is_null()) {
    if (auto rules = rule_set_or_name(*it, at + "combined", errors)) options.combined_rules = *rules;
  }
  return errors.size() == before;
}

OrderedJson rules_config_to_json(const TrustOptions& options) {
  return {{"quality", to_json(options.quality_rules)}, {"combined", to_json(options.combined_rules)}};
}

std::string read_rule_set(std::string_view text) {
  const ParsedJson parsed = parse_json(text, "rule set");
  std::vector<FieldError> errors;
  if (parsed.error) errors.push_back(*parsed.error);
  std::optional<RuleSet> rules;
  if (!parsed.error && !parsed.value.is_object() && !parsed.value.is_string()) {
    errors.push_back({"", "the rule set must be a JSON object {" + join(rule_set_fields(), ", ") +
                              "} or the name of a built-in rule set; got " + describe_value(parsed.value)});
  } else if (!parsed.error) {
    rules = rule_set_or_name(parsed.value, "", errors);
  }
  if (!rules) return dump(errors_to_json(errors));
  return dump(OrderedJson{{"rule_set", to_json(*rules)}});
}

}  // namespace cqc::contract
