// Small helpers shared by the contract's readers (internal to the contract).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contract.hpp"

namespace cqc::contract {

// parse_json without its 64 KiB limit, for data files far larger than a
// request (contract_cqc_api.cpp): the caller checks the size first. The same
// strictness otherwise (no NUL byte, no duplicate key), with its own depth limit.
ParsedJson parse_json_unlimited(std::string_view text, std::string_view what, int max_depth);

// Equal but for the case of ASCII letters: how CQC's words are matched
// ("Requires Improvement", "WELL-LED").
bool same_words(std::string_view a, std::string_view b);

// "a number (3)", "the string \"x\"", "an array", ... for error messages.
// Quoted text is cut short so a huge value cannot flood the message.
std::string describe_value(const Json& value);

std::string join(const std::vector<std::string>& items, const std::string& separator);

// "outstanding, good, requires_improvement, inadequate[, not_rated]".
std::string rating_tokens(bool include_not_rated);

// Checks that value is an object whose keys are all in `allowed`; reports a
// wrong type or each unknown key (with the accepted ones) as errors.
bool expect_object(const Json& value, const std::string& field,
                   const std::vector<std::string>& allowed, std::vector<FieldError>& errors);

// object[key] as a rating (a token or a label; "not_rated" only when
// allowed), or an error naming `field` with the accepted values.
std::optional<Rating> read_rating(const Json& object, const std::string& key, const std::string& field,
                                  bool allow_not_rated, std::vector<FieldError>& errors);

// A final rating by professional judgement: {"rating", "rationale"} (1 to
// kMaxRationaleChars characters); errors name `field`.
std::optional<Judgement> read_judgement(const Json& value, const std::string& field, std::vector<FieldError>& errors);

}  // namespace cqc::contract
