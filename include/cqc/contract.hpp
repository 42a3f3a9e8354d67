// The JSON contract: the one place that turns JSON text into the core's types
// and results back into JSON. Shared by the CLI and the WASM binding, so both
// give byte-for-byte the same answers. Never throws: every bad input becomes
// a FieldError naming the field and the accepted values.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "explore.hpp"
#include "rule_set.hpp"
#include "trust.hpp"

namespace cqc::contract {

// One JSON type for input and output (ordered, so output keys keep the
// documented order): a second basic_json instantiation costs ~15 KB of wasm.
using Json = nlohmann::ordered_json;
using OrderedJson = nlohmann::ordered_json;

inline constexpr std::size_t kMaxInputBytes = 64 * 1024;
// The assessment document's own limit: a workbench trust of 10 locations x 12
// services x 5 key questions, dated, is about 41 KB, 190 KB with a 200-character
// rationale on every rating and 1.3 MB with the longest (2 000) on every one;
// 4 MiB leaves room for judgements at every level and non-ASCII text.
inline constexpr std::size_t kMaxAssessmentBytes = 4 * 1024 * 1024;
inline constexpr int kMaxDepth = 16;
inline constexpr std::size_t kMaxRationaleChars = 2000;
inline constexpr std::size_t kMaxErrorsShown = 20;  // further problems are counted, not listed

struct FieldError {
  std::string field;  // "safe", "judgement.quality.rationale", "" for the whole input
  std::string message;
};

// JSON text parsed strictly: size and depth limits, no duplicate keys.
struct ParsedJson {
  Json value;
  std::optional<FieldError> error;
};
// Text over `limit` bytes is refused with "the <what> is larger than the limit
// of N bytes (64 KiB)" (the unit that divides the limit: KiB or MiB).
ParsedJson parse_json(std::string_view text, std::string_view what = "input", std::size_t limit = kMaxInputBytes);

struct Request {
  TrustRatings ratings;
  TrustOptions options;
};
struct ParsedRequest {
  std::optional<Request> request;
  std::vector<FieldError> errors;  // empty when request is set
};
// Reads an evaluation request. `defaults` supplies the rule sets used when
// the request names none (the CLI's --rules).
ParsedRequest parse_request(std::string_view text, const TrustOptions& defaults = {});

// The whole contract in one call: request text in, result or error JSON out.
// `ok`, when given, is set to false when the answer is an error.
std::string evaluate(std::string_view text, const TrustOptions& defaults = {}, bool* ok = nullptr);

OrderedJson to_json(const TrustResult& result, const TrustOptions& options);
// The same result as compact JSON text, written directly (byte for byte
// dump(to_json(...)), several times cheaper): what evaluate() answers.
std::string write_result(const TrustResult& result, const TrustOptions& options);
// The questions and ratings with their labels, in CQC's order, so a page can
// build its form from the core instead of repeating the names.
OrderedJson vocabulary_to_json();
OrderedJson errors_to_json(const std::vector<FieldError>& errors);
// Compact, with invalid UTF-8 replaced rather than aborting.
std::string dump(const OrderedJson& value);

// Rule sets as JSON, for researchers' variants. `field` prefixes error paths.
OrderedJson to_json(const RuleSet& rules);
std::optional<RuleSet> rule_set_from_json(const Json& value, const std::string& field,
                                          std::vector<FieldError>& errors);
// A rule set given as a built-in name ("standard") or as a rule set object.
std::optional<RuleSet> rule_set_or_name(const Json& value, const std::string& field,
                                        std::vector<FieldError>& errors);
// {"quality": <rule set or name>, "combined": <rule set or name>}, both
// optional: the format of the CLI's --rules file and of a request's "rules".
bool apply_rules_config(const Json& value, const std::string& field, TrustOptions& options,
                        std::vector<FieldError>& errors);
OrderedJson rules_config_to_json(const TrustOptions& options);
// A rule set written by a researcher, as JSON text (a rule set object or a
// built-in name): {"rule_set": <the rule set, normalised>} or the error JSON,
// with fields relative to the rule set ("bands[0].inadequate").
std::string read_rule_set(std::string_view text);

// The page's URL state: [[name, value], ...] pairs (already percent-decoded)
// in, {"values": {the valid request fields}, "ignored": [{"param", "message"}]}
// out. Never fails: what cannot be used is listed in "ignored".
OrderedJson read_params(std::string_view pairs_json);

// The explorer: every combination under one or two rule variants
// (contract_explore.cpp documents the JSON).
struct ExploreRequest {
  std::vector<TrustOptions> variants;  // one or two
  bool include_not_rated = false;
  bool list = false;  // list every combination whose rating changes
};
std::optional<ExploreRequest> parse_explore_request(std::string_view text, std::vector<FieldError>& errors);
OrderedJson to_json(const Exploration& exploration, const ExploreRequest& request);
std::string explore(std::string_view text);
// The assessment document (version 2, contract_assess.cpp): a trust's
// ratings from its core services up, in; every node of CQC's levels of
// ratings with its explanation, out (or the error JSON). `as_at`, when
// given, overrides the document's. `ok`, when given, says which.
// At most kMaxAssessmentBytes of text. A document with a "published" block
// (node id -> {rating, date, as_published}: CQC's published ratings, as
// assessment_from_published writes them) has each node's published rating
// echoed beside the rules-based one ("published", with "departs").
std::string assess(std::string_view text, const std::optional<CalendarDate>& as_at = std::nullopt, bool* ok = nullptr);

// The same evaluation as the workbench's grids show it (contract_assess.cpp
// documents the view): every node's ratings, limit, judgement and published
// rating, without its sentences; the nodes named in `explain` (ids; those that
// name no node are left out) in full, as assess() writes them.
std::string assess_ratings(std::string_view text, const std::optional<CalendarDate>& as_at = std::nullopt,
                           const std::vector<std::string>& explain = {}, bool* ok = nullptr);

// "What matters most" (contract_what_matters.cpp): for each target node (by
// default the trust's quality and combined ratings, where the trust type has
// them), the smallest sets of lowest-level changes (one, else two) that would
// move it up or down, each change with its location, service and key question
// (ids and words), at most kWhatMattersShown per direction with the rest
// counted. {"version": 2, "as_at", "targets": [...]} or the error JSON.
inline constexpr std::size_t kWhatMattersShown = 20;
inline constexpr std::size_t kWhatMattersTargets = 8;  // node ids one call may name
std::string what_matters(std::string_view text, const std::optional<CalendarDate>& as_at = std::nullopt,
                         const std::vector<std::string>& targets = {}, bool* ok = nullptr);

// One variant as JSON text (a rules config, or a built-in name for the
// combined rule set), as the explorer's links carry it:
// {"rules": {"quality": name or rule set, "combined": ...}} (a part given by
// name or left out is a name; an object is normalised) or the error JSON,
// with fields relative to the variant ("combined.bands[0]").
std::string read_rules_variant(std::string_view text);

}  // namespace cqc::contract
