// JSON strings as nlohmann's dump() escapes them (with UTF-8 kept as it is):
// '"' and '\\' and the control characters escaped (\b \t \n \f \r by name, the
// rest as \u00xx in lower case), everything else, DEL and valid UTF-8
// included, copied. A string that is not valid UTF-8 (rare: the parser refuses
// it, so only our own cutting could make one) is handed to nlohmann itself,
// whose replacement of each bad sequence by U+FFFD is then exactly its own.
#include "json_writer.hpp"

#include <algorithm>

#include "contract.hpp"

namespace cqc::contract {

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size() || byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  room(3 + 6 * text.size());  // a comma, the quotes, and at most 6 bytes a byte ("\u001f")
  separate();
  char* const start = at_;
  *at_++ = '"';
  std::size_t plain = 0;  // text[plain, i) is still to be copied as it is
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text, i);
      if (n == 0) {
        const std::string escaped = dump(OrderedJson(std::string(text)));
        at_ = start;
        room(escaped.size());
        put(escaped);
        return *this;
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    put(text.substr(plain, i - plain));
    *at_++ = '\\';
    switch (c) {
      case '"': *at_++ = '"'; break;
      case '\\': *at_++ = '\\'; break;
      case '\b': *at_++ = 'b'; break;
      case '\t': *at_++ = 't'; break;
      case '\n': *at_++ = 'n'; break;
      case '\f': *at_++ = 'f'; break;
      case '\r': *at_++ = 'r'; break;
      default:
        put("u00");
        *at_++ = kHex[c >> 4];
        *at_++ = kHex[c & 0xF];
    }
    plain = ++i;
  }
  put(text.substr(plain));
  *at_++ = '"';
  return *this;
}

void JsonWriter::grow(std::size_t n) {
  const std::size_t used = at_ ? static_cast<std::size_t>(at_ - buffer_.data()) : 0;
  buffer_.resize(std::max(2 * buffer_.size(), used + n));
  at_ = buffer_.data() + used;
  end_ = buffer_.data() + buffer_.size();
}

}  // namespace cqc::contract
