// Bytes -> cqc::contract::explore(), the explorer page's one call: the
// answer is always JSON with either an error or a total, and a successful
// exploration accounts for every combination.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string answer = cqc::contract::explore(text);
  const cqc::contract::Json out = cqc::contract::Json::parse(answer, nullptr, false);
  FUZZ_CHECK(out.is_object());
  FUZZ_CHECK(out.contains("error") != out.contains("total"));
  if (out.contains("error")) {
    FUZZ_CHECK(out["errors"].is_array() && !out["errors"].empty());
    return 0;
  }
  const int total = out["total"].get<int>();
  FUZZ_CHECK(total == 4096 || total == 15625);
  int in_cells = 0;
  for (const auto& cell : out["cells"]) in_cells += cell[1].get<int>();
  FUZZ_CHECK(in_cells == total);
  for (const auto& variant : out["variants"]) {
    int counted = 0;
    for (const auto& item : variant["distribution"]["combined"].items()) counted += item.value().get<int>();
    FUZZ_CHECK(counted == total);
  }
  return 0;
}
