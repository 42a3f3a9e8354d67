#include "contract_util.hpp"

#include <algorithm>

namespace cqc::contract {

bool same_words(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}
namespace {

// Cuts text to at most max bytes without splitting a UTF-8 sequence.
std::string shortened(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

}  // namespace

std::string describe_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + shortened(value.dump(), 40);
    case Json::value_t::string:
      return "\"" + shortened(value.get<std::string>(), 60) + "\"";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string rating_tokens(bool include_not_rated) {
  std::vector<std::string> tokens;
  for (Rating r : kAllRatings) {
    if (include_not_rated || is_rated(r)) tokens.emplace_back(token(r));
  }
  return join(tokens, ", ");
}

bool expect_object(const Json& value, const std::string& field,
                   const std::vector<std::string>& allowed, std::vector<FieldError>& errors) {
  const std::string name = field.empty() ? "the input" : "field \"" + field + "\"";
  if (!value.is_object()) {
    errors.push_back({field, name + " must be a JSON object with the fields " + join(allowed, ", ") +
                                 "; got " + describe_value(value)});
    return false;
  }
  bool ok = true;
  for (const auto& item : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    const std::string path = field.empty() ? item.key() : field + "." + item.key();
    errors.push_back({path, "unknown field \"" + shortened(path, 60) + "\": the accepted fields" +
                                (field.empty() ? "" : " of \"" + field + "\"") + " are " +
                                join(allowed, ", ")});
    ok = false;
  }
  return ok;
}

}  // namespace cqc::contract
