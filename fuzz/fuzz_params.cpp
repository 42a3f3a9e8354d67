// Bytes -> cqc::contract::read_params(), the page's address query: it never
// fails, always answers {"values", "ignored"}, and what it keeps is valid.
// The bytes are read twice: as the JSON pairs text itself, and as a query
// "name=value&name=value" turned into [[name, value], ...], so the fuzzer
// reaches the per-parameter checks without having to write JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "fuzz_check.hpp"

namespace {

using cqc::contract::Json;
using cqc::contract::OrderedJson;

void check(const OrderedJson& out) {
  FUZZ_CHECK(out.is_object() && out.size() == 2);
  FUZZ_CHECK(out.contains("values") && out["values"].is_object());
  FUZZ_CHECK(out.contains("ignored") && out["ignored"].is_array());
  for (const auto& item : out["ignored"]) {
    FUZZ_CHECK(item.is_object() && item["param"].is_string() && item["message"].is_string());
    FUZZ_CHECK(!item["message"].get<std::string>().empty());
  }
  // What is kept passes the contract's own validation: with all six ratings
  // (and without the judgement, which may still lack its rationale) it is a
  // request that evaluates.
  OrderedJson request = out["values"];
  request.erase("judgement");
  bool complete = true;
  for (cqc::Question q : cqc::kQuestions) complete = complete && request.contains(std::string(cqc::token(q)));
  if (complete) {
    bool ok = false;
    cqc::contract::evaluate(cqc::contract::dump(request), {}, &ok);
    FUZZ_CHECK(ok);
  }
  // The answer is always something the page can serialise.
  FUZZ_CHECK(!cqc::contract::dump(out).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(cqc::contract::read_params(text));

  // The same bytes as a query string.
  Json pairs = Json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(start, end - start);
    const std::size_t eq = item.find('=');
    pairs.push_back({std::string(item.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : std::string(item.substr(eq + 1))});
    start = end + 1;
  }
  check(cqc::contract::read_params(cqc::contract::dump(pairs)));
  return 0;
}
