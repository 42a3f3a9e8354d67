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
  return names;
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
