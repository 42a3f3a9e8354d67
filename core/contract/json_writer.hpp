// Compact JSON text written straight into a buffer, value by value, with the
// bytes nlohmann's dump() (as contract::dump calls it: no indent, UTF-8 kept,
// invalid UTF-8 replaced by U+FFFD) would give for the same tree. For outputs
// too large to build as a tree first (the assessment, contract_assess_writer.cpp).
// Bytes go through a raw pointer into a buffer grown ahead of them: in the
// -Oz WebAssembly build std::string's own appends are calls, not inlined.
// Internal to the contract layer.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

namespace cqc::contract {

// The length of the valid UTF-8 sequence starting at text[i] (a lead byte of
// 0x80 or more), or 0 when it is not one: overlong forms, surrogates and code
// points above U+10FFFF are not valid, as in nlohmann's decoder.
std::size_t utf8_length(std::string_view text, std::size_t i);

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t expected_bytes = 4096) { grow(expected_bytes); }

  // Keys are the contract's own ASCII names: written as they are.
  JsonWriter& key(std::string_view name) {
    room(name.size() + 4);
    separate();
    *at_++ = '"';
    put(name);
    *at_++ = '"';
    *at_++ = ':';
    first_ = true;
    return *this;
  }
  JsonWriter& begin(char bracket) {  // '{' or '['
    room(2);
    separate();
    *at_++ = bracket;
    first_ = true;
    return *this;
  }
  JsonWriter& end(char bracket) {  // '}' or ']'
    room(1);
    *at_++ = bracket;
    first_ = false;
    return *this;
  }
  // Quoted and escaped byte for byte as dump(OrderedJson(text)) writes it.
  JsonWriter& string(std::string_view text);
  // The string, or null when it is empty.
  JsonWriter& string_or_null(std::string_view text) { return text.empty() ? null() : string(text); }
  JsonWriter& number(long long n) { return raw(std::to_string(n)); }
  JsonWriter& boolean(bool b) { return raw(b ? "true" : "false"); }
  JsonWriter& null() { return raw("null"); }
  // A value another JsonWriter wrote, as it is (the caller vouches for it).
  JsonWriter& written(std::string_view json) { return raw(json); }

  // The text written; the writer is left empty.
  std::string take() {
    buffer_.resize(static_cast<std::size_t>(at_ - buffer_.data()));
    std::string out = std::move(buffer_);
    buffer_.clear();
    at_ = end_ = nullptr;
    return out;
  }

 private:
  JsonWriter& raw(std::string_view text) {
    room(text.size() + 1);
    separate();
    put(text);
    return *this;
  }
  // A comma before every value but the first in its object or array (a key
  // and its value count as one).
  void separate() {
    if (!first_) *at_++ = ',';
    first_ = false;
  }
  void put(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  // Makes room for n more bytes.
  void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) grow(n);
  }
  void grow(std::size_t n);

  std::string buffer_;  // written up to at_, sized to end_
  char* at_ = nullptr;
  char* end_ = nullptr;
  bool first_ = true;
};

}  // namespace cqc::contract
