#include <algorithm>
// Reading an evaluation request: the six ratings plus optional options.
#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {
namespace {

const std::vector<std::string>& request_fields() {
  static const std::vector<std::string> fields = {
      "safe",  "effective",       "caring",    "responsive", "well_led", "use_of_resources",
      "uor_assessed_on", "judgement", "rules"};
  return fields;
}

}  // namespace

std::optional<Rating> read_rating(const Json& object, const std::string& key,
                                  const std::string& field, bool allow_not_rated,
                                  std::vector<FieldError>& errors) {
  const std::string accepted = "give one of " + rating_tokens(allow_not_rated) +
                               " (labels such as \"Requires improvement\" are accepted too)";
  const auto it = object.find(key);
  if (it == object.end()) {
    errors.push_back({field, "missing field \"" + field + "\": " + accepted});
    return std::nullopt;
  }
  if (!it->is_string()) {
    errors.push_back({field, "field \"" + field + "\" must be a string; got " + describe_value(*it) +
                                 ": " + accepted});
    return std::nullopt;
  }
  const std::optional<Rating> rating = parse_rating(it->get<std::string>());
  if (!rating || (!allow_not_rated && !is_rated(*rating))) {
    errors.push_back({field, "field \"" + field + "\" has " +
                                 (rating ? "\"not_rated\", which is not a final rating"
                                         : "unknown rating " + describe_value(*it)) +
                                 ": " + accepted});
    return std::nullopt;
  }
  return rating;
}

namespace {

// Counts Unicode characters (not bytes) in valid UTF-8.
std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::optional<Judgement> read_judgement(const Json& value, const std::string& field,
                                        std::vector<FieldError>& errors) {
  if (!expect_object(value, field, {"rating", "rationale"}, errors)) return std::nullopt;
  const std::size_t before = errors.size();
  Judgement judgement;
  if (auto rating = read_rating(value, "rating", field + ".rating", false, errors)) {
    judgement.rating = *rating;
  }
  const std::string rationale_field = field + ".rationale";
  const auto it = value.find("rationale");
  const std::string need = "professional judgement needs a written rationale of 1 to " +
                           std::to_string(kMaxRationaleChars) + " characters";
  if (it == value.end() || !it->is_string()) {
    errors.push_back({rationale_field, (it == value.end() ? "missing field \"" + rationale_field + "\""
                                                          : "field \"" + rationale_field +
                                                                "\" must be a string; got " +
                                                                describe_value(*it)) +
                                           ": " + need});
  } else {
    judgement.rationale = it->get<std::string>();
    const bool blank = judgement.rationale.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank || characters(judgement.rationale) > kMaxRationaleChars) {
      errors.push_back({rationale_field, "field \"" + rationale_field + "\" is " +
                                             (blank ? std::string("empty")
                                                    : std::to_string(characters(judgement.rationale)) +
                                                          " characters long") +
                                             ": " + need});
    }
  }
  if (errors.size() != before) return std::nullopt;
  return judgement;
}

namespace {

void read_options(const Json& input, TrustOptions& options, std::vector<FieldError>& errors) {
  if (const auto it = input.find("uor_assessed_on"); it != input.end() && !it->is_null()) {
    std::optional<CalendarDate> date;
    if (it->is_string()) date = CalendarDate::parse(it->get<std::string>());
    if (date) {
      options.uor_assessed_on = date;
    } else {
      errors.push_back({"uor_assessed_on", "field \"uor_assessed_on\" must be a real date written "
                                           "YYYY-MM-DD, such as \"2018-03-05\"; got " +
                                               describe_value(*it)});
    }
  }
  if (const auto it = input.find("judgement"); it != input.end() && !it->is_null()) {
    if (expect_object(*it, "judgement", {"quality", "combined"}, errors)) {
      if (const auto q = it->find("quality"); q != it->end() && !q->is_null()) {
        options.quality_judgement = read_judgement(*q, "judgement.quality", errors);
      }
      if (const auto c = it->find("combined"); c != it->end() && !c->is_null()) {
        options.combined_judgement = read_judgement(*c, "judgement.combined", errors);
      }
    }
  }
  if (const auto it = input.find("rules"); it != input.end() && !it->is_null()) {
    apply_rules_config(*it, "rules", options, errors);
  }
}

}  // namespace

ParsedRequest parse_request(std::string_view text, const TrustOptions& defaults) {
  ParsedRequest parsed;
  ParsedJson json = parse_json(text);
  if (json.error) {
    parsed.errors.push_back(*json.error);
    return parsed;
  }
  const Json& input = json.value;
  if (!expect_object(input, "", request_fields(), parsed.errors) && !input.is_object()) {
    return parsed;
  }
  Request request{TrustRatings{}, defaults};
  for (Question q : kQuestions) {
    const std::string key(token(q));
    if (auto rating = read_rating(input, key, key, true, parsed.errors)) request.ratings.set(q, *rating);
  }
  read_options(input, request.options, parsed.errors);
  if (parsed.errors.empty()) parsed.request = std::move(request);
  return parsed;
}

std::string evaluate(std::string_view text, const TrustOptions& defaults, bool* ok) {
  const ParsedRequest parsed = parse_request(text, defaults);
  if (ok) *ok = parsed.request.has_value();
  if (!parsed.request) return dump(errors_to_json(parsed.errors));
  const TrustResult result = evaluate_trust(parsed.request->ratings, parsed.request->options);
  return write_result(result, parsed.request->options);
}

OrderedJson errors_to_json(const std::vector<FieldError>& errors) {
  // A small input can hold many problems (64 KiB of unknown keys); list the
  // first ones and count the rest, so the answer stays small.
  const std::size_t shown = std::min(errors.size(), kMaxErrorsShown);
  std::string message;
  OrderedJson list = OrderedJson::array();
  for (std::size_t i = 0; i < shown; ++i) {
    const FieldError& e = errors[i];
    if (!message.empty()) message += "; ";
    message += e.message;
    list.push_back({{"field", e.field}, {"message", e.message}});
  }
  if (errors.size() > shown) {
    message += "; and " + std::to_string(errors.size() - shown) + " more problems";
  }
  return {{"error", message}, {"errors", list}};
}

std::string dump(const OrderedJson& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cqc::contract
