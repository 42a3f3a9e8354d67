// Bytes -> cqc::contract::evaluate(): whatever the request, the answer is JSON
// with either "error" or a result, and every rating in it is a known token.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "fuzz_check.hpp"

namespace {

using cqc::contract::Json;

bool is_token(const Json& value, bool allow_null) {
  if (allow_null && value.is_null()) return true;
  if (!value.is_string()) return false;
  for (cqc::Rating r : cqc::kAllRatings) {
    if (value.get<std::string>() == cqc::token(r)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bool ok = false;
  const std::string out = cqc::contract::evaluate(text, {}, &ok);

  // One line of strict JSON (no duplicate keys). An error answer can be
  // longer than the parser's 64 KiB input limit (a message per unknown key),
  // so a long answer is parsed with nlohmann's plain parser instead.
  FUZZ_CHECK(out.find('\n') == std::string::npos);
  Json json;
  if (out.size() <= cqc::contract::kMaxInputBytes) {
    cqc::contract::ParsedJson parsed = cqc::contract::parse_json(out, "output");
    FUZZ_CHECK(!parsed.error);
    json = std::move(parsed.value);
  } else {
    json = Json::parse(out, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!json.is_discarded());
  }
  FUZZ_CHECK(json.is_object());

  // Either an error or a result, never both, and `ok` says which.
  const bool error = json.contains("error"), result = json.contains("combined");
  FUZZ_CHECK(error != result);
  FUZZ_CHECK(ok == result);
  if (error) {
    FUZZ_CHECK(json["error"].is_string() && !json["error"].get<std::string>().empty());
    FUZZ_CHECK(json["errors"].is_array() && !json["errors"].empty());
    return 0;
  }
  if (json.contains("quality")) FUZZ_CHECK(is_token(json["quality"]["rating"], false));
  FUZZ_CHECK(is_token(json["combined"]["rating"], /*allow_null=*/true));
  FUZZ_CHECK(json["ratings"].is_object() && json["ratings"].size() == cqc::kQuestionCount);
  for (const auto& item : json["ratings"].items()) FUZZ_CHECK(is_token(item.value(), false));
  return 0;
}
