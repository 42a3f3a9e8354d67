// Strict JSON parsing for every input surface: a size limit, a depth limit and
// no duplicate keys, with a message that says where the text went wrong.
// Works without C++ exceptions (the WASM build has them off).
#include <algorithm>

#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {
namespace {

// Builds the DOM through nlohmann's own SAX DOM builder, adding the checks
// it does not make. Every container pushes a key list so the stack stays in
// step with nesting; arrays simply never add keys.
class StrictSax {
 public:
  StrictSax(Json& root, int max_depth) : dom_(root, /*allow_exceptions=*/false), max_depth_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const std::string& s) { return dom_.number_float(v, s); }
  bool string(std::string& v) { return dom_.string(v); }
  bool binary(Json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return enter() && dom_.start_object(n); }
  bool end_object() { return leave() && dom_.end_object(); }
  bool start_array(std::size_t n) { return enter() && dom_.start_array(n); }
  bool end_array() { return leave() && dom_.end_array(); }
  bool key(std::string& k) {
    auto& keys = keys_.back();
    if (std::find(keys.begin(), keys.end(), k) != keys.end()) {
      message_ = "duplicate key \"" + k + "\": each field may appear only once";
      return false;
    }
    keys.push_back(k);
    return dom_.key(k);
  }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    // nlohmann's text is "[json.exception.parse_error.101] parse error at
    // line 1, column 5: ..."; keep the part after the tag.
    std::string text = ex.what();
    const auto tag_end = text.find("] ");
    message_ = tag_end == std::string::npos ? text : text.substr(tag_end + 2);
    return false;
  }

  const std::string& message() const { return message_; }

 private:
  bool enter() {
    if (static_cast<int>(keys_.size()) >= max_depth_) {
      message_ = "nested more than " + std::to_string(max_depth_) + " levels deep";
      return false;
    }
    keys_.emplace_back();
    return true;
  }
  bool leave() {
    keys_.pop_back();
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  int max_depth_;
  std::vector<std::vector<std::string>> keys_;
  std::string message_;
};

}  // namespace

ParsedJson parse_json(std::string_view text, std::string_view what, std::size_t limit) {
  // Stated without the exact size: readers stop at limit + 1 bytes, so an
  // endless input is rejected too, and the CLI and the WebAssembly API (which
  // copies at most that much) give the same message.
  if (text.size() > limit) {
    ParsedJson parsed;
    const bool mebibytes = limit % (std::size_t{1} << 20) == 0;
    const std::string unit = std::to_string(limit >> (mebibytes ? 20 : 10)) + (mebibytes ? " MiB" : " KiB");
    parsed.error = FieldError{"", "the " + std::string(what) + " is larger than the limit of " +
                                      std::to_string(limit) + " bytes (" + unit + ")"};
    return parsed;
  }
  return parse_json_unlimited(text, what, kMaxDepth);
}

ParsedJson parse_json_unlimited(std::string_view text, std::string_view what, int max_depth) {
  ParsedJson parsed;
  const std::string name(what);
  // nlohmann's lexer takes a NUL byte for the end of the input and would
  // silently ignore whatever follows it; JSON text never contains one.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const std::string_view before = text.substr(0, nul);
    const std::size_t line_start = before.rfind('\n');
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t column = nul - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    parsed.error = FieldError{"", "the " + name + " is not valid JSON: it contains a NUL (zero) byte at line " +
                                      std::to_string(line) + ", column " + std::to_string(column) +
                                      "; JSON text cannot contain one"};
    return parsed;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    parsed.error = FieldError{"", "the " + name + " is empty: give a JSON object"};
    return parsed;
  }
  StrictSax sax(parsed.value, max_depth);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &sax, Json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/false);
  if (!ok) {
    parsed.value = Json();
    parsed.error = FieldError{"", "the " + name + " is not valid JSON: " + sax.message()};
  }
  return parsed;
}

}  // namespace cqc::contract
