// The page's state in a URL query. The page decodes the query (the
// browser's URLSearchParams) and passes the [name, value] pairs here, so the
// same validation as the JSON contract decides what is kept; whatever is not
// kept is listed with the reason, and the page keeps working with the rest.
#include <algorithm>

#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {
namespace {

struct Param {
  std::string name, value;
};

// Where each judgement parameter goes in the request's "judgement" object.
struct JudgementParam {
  const char* name;
  const char* target;  // "quality" or "combined"
  const char* member;  // "rating" or "rationale"
};
constexpr JudgementParam kJudgementParams[] = {
    {"quality_judgement", "quality", "rating"},
    {"quality_rationale", "quality", "rationale"},
    {"combined_judgement", "combined", "rating"},
    {"combined_rationale", "combined", "rationale"},
};

std::vector<std::string> accepted_params() {
  std::vector<std::string> names;
  for (Question q : kQuestions) names.emplace_back(token(q));
  names.emplace_back("uor_assessed_on");
  for (const auto& p : kJudgementParams) names.emplace_back(p.name);
  names.emplace_back("rules");
  return names;
}

// Parameters that sites, mail and social networks add to every link they
// pass on. They say nothing about the ratings, so they are dropped without a
// word: warning about them would tell every visitor from a newsletter that
// "part of the link was ignored". Exact names, then prefixes.
constexpr std::string_view kTrackingParams[] = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "igshid", "li_fat_id", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "_hsenc", "_hsmi", "ref_src"};
constexpr std::string_view kTrackingPrefixes[] = {"utm_", "pk_", "mtm_"};

bool is_tracking_param(std::string_view name) {
  for (std::string_view exact : kTrackingParams) {
    if (name == exact) return true;
  }
  for (std::string_view prefix : kTrackingPrefixes) {
    if (name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// What a rule set decides, without its name and title.
OrderedJson rules_only(const RuleSet& rules) {
  OrderedJson json = to_json(rules);
  json.erase("name");
  json.erase("title");
  return json;
}

// A rule variant in a link: JSON text of a rules config, as in a request's
// "rules" ({"quality": ..., "combined": ...}, each a rule set or a built-in
// name). Only the parts that decide differently from CQC's published rules
// are kept, normalised to full rule sets, so the page can say plainly which
// result is not CQC's and name the variant; an empty object means the link's
// rules are CQC's own.
std::optional<OrderedJson> read_rules_param(const std::string& value, std::string& problem) {
  const ParsedJson parsed = parse_json(value, "rules setting");
  if (parsed.error) {
    problem = parsed.error->message;
    return std::nullopt;
  }
  TrustOptions options;
  std::vector<FieldError> errors;
  if (!apply_rules_config(parsed.value, "rules", options, errors)) {
    problem = errors.empty() ? "it is not a rules setting" : errors.front().message;
    return std::nullopt;
  }
  const TrustOptions cqc;
  OrderedJson differing = OrderedJson::object();
  if (rules_only(options.quality_rules) != rules_only(cqc.quality_rules)) {
    differing["quality"] = to_json(options.quality_rules);
  }
  if (rules_only(options.combined_rules) != rules_only(cqc.combined_rules)) {
    differing["combined"] = to_json(options.combined_rules);
  }
  return differing;
}

}  // namespace

OrderedJson read_params(std::string_view pairs_json) {
  OrderedJson values = OrderedJson::object();
  OrderedJson ignored = OrderedJson::array();
  auto ignore = [&](const std::string& name, const std::string& message) {
    ignored.push_back({{"param", name}, {"message", message}});
  };

  ParsedJson parsed = parse_json(pairs_json, "address query");
  std::vector<Param> params;
  if (parsed.error) {
    ignore("", parsed.error->message);
  } else if (!parsed.value.is_array()) {
    ignore("", "the address query must be given as an array of [name, value] pairs");
  } else {
    for (const Json& pair : parsed.value) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
        ignore("", "each address query item must be a [name, value] pair of strings");
        continue;
      }
      params.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
    }
  }

  std::vector<std::string> seen;
  OrderedJson judgement = OrderedJson::object();
  for (const Param& p : params) {
    const std::string quoted = describe_value(Json(p.value));
    const std::string shown = describe_value(Json(p.name));
    if (std::find(seen.begin(), seen.end(), p.name) != seen.end()) {
      ignore(p.name, shown + " appears more than once; the first is used");
      continue;
    }
    seen.push_back(p.name);
    if (is_tracking_param(p.name)) continue;
    if (p.name == "rules") {
      std::string problem;
      if (auto rules = read_rules_param(p.value, problem)) {
        if (!rules->empty()) values["rules"] = std::move(*rules);
      } else {
        ignore(p.name, shown + " is not a rule variant this calculator can use: " + problem);
      }
      continue;
    }
    if (const auto q = parse_question(p.name)) {
      if (const auto rating = parse_rating(p.value)) {
        values[p.name] = std::string(token(*rating));
      } else {
        ignore(p.name, shown + " has unknown rating " + quoted + ": give one of " + rating_tokens(true));
      }
      continue;
    }
    if (p.name == "uor_assessed_on") {
      if (p.value.empty()) continue;  // an empty date means no date
      if (CalendarDate::parse(p.value)) {
        values[p.name] = p.value;
      } else {
        ignore(p.name, shown + " must be a real date written YYYY-MM-DD; got " + quoted);
      }
      continue;
    }
    const JudgementParam* jp = nullptr;
    for (const auto& candidate : kJudgementParams) {
      if (p.name == candidate.name) jp = &candidate;
    }
    if (!jp) {
      ignore(p.name, "unknown setting " + shown + ": the accepted ones are " + join(accepted_params(), ", "));
      continue;
    }
    if (std::string(jp->member) == "rating") {
      const auto rating = parse_rating(p.value);
      if (rating && is_rated(*rating)) {
        judgement[jp->target]["rating"] = std::string(token(*rating));
      } else {
        ignore(p.name, shown + " has " + quoted + ": give one of " + rating_tokens(false));
      }
    } else if (p.value.size() > kMaxRationaleChars * 4) {
      ignore(p.name, shown + " is longer than " + std::to_string(kMaxRationaleChars) + " characters");
    } else {
      judgement[jp->target]["rationale"] = p.value;
    }
  }
  if (!judgement.empty()) values["judgement"] = judgement;
  return {{"values", values}, {"ignored", ignored}};
}

}  // namespace cqc::contract
