// Compact JSON text written straight into a string, value by value, with the
// bytes nlohmann's dump() (as contract::dump calls it: no indent, UTF-8 kept,
// invalid UTF-8 replaced by U+FFFD) would give for the same tree. For outputs
// too large to build as a tree first (the assessment, contract_assess_writer.cpp).
// Internal to the contract layer.
#pragma once

#include <string>
#include <string_view>

namespace cqc::contract {

// Appends `text` as a JSON string, quoted and escaped byte for byte as
// dump(OrderedJson(text)) writes it.
void append_json_string(std::string& out, std::string_view text);

class JsonWriter {
 public:
  std::string out;

  // Keys are the contract's own ASCII names: written as they are.
  JsonWriter& key(std::string_view name) {
    separate();
    out += '"';
    out += name;
    out += "\":";
    first_ = true;
    return *this;
  }
  JsonWriter& begin(char bracket) {  // '{' or '['
    separate();
    out += bracket;
    first_ = true;
    return *this;
  }
  JsonWriter& end(char bracket) {  // '}' or ']'
    out += bracket;
    first_ = false;
    return *this;
  }
  JsonWriter& string(std::string_view text) {
    separate();
    append_json_string(out, text);
    return *this;
  }
  // The string, or null when it is empty.
  JsonWriter& string_or_null(std::string_view text) { return text.empty() ? null() : string(text); }
  JsonWriter& number(long long n) {
    separate();
    out += std::to_string(n);
    return *this;
  }
  JsonWriter& boolean(bool b) {
    separate();
    out += b ? "true" : "false";
    return *this;
  }
  JsonWriter& null() {
    separate();
    out += "null";
    return *this;
  }

 private:
  // A comma before every value but the first in its object or array (a key
  // and its value count as one).
  void separate() {
    if (!first_) out += ',';
    first_ = false;
  }
  bool first_ = true;
};

}  // namespace cqc::contract
