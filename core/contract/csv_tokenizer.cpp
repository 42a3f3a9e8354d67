// An RFC 4180 CSV tokenizer, pushed bytes in pieces (csv_tokenizer.hpp).
#include "csv_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace cqc::contract {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr std::size_t kBomSize = 3;

// The bytes that end a run of plain text in an unquoted field.
constexpr std::array<bool, 256> special_bytes() {
  std::array<bool, 256> table{};
  table[static_cast<unsigned char>(',')] = true;
  table[static_cast<unsigned char>('"')] = true;
  table[static_cast<unsigned char>('\r')] = true;
  table[static_cast<unsigned char>('\n')] = true;
  return table;
}
constexpr std::array<bool, 256> kSpecial = special_bytes();

}  // namespace

CsvTokenizer::CsvTokenizer(CsvHandler& handler, std::size_t max_record_bytes)
    : handler_(handler), max_record_bytes_(max_record_bytes) {}

void CsvTokenizer::feed(std::string_view bytes) {
  if (finished_) return;
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  // A byte order mark may itself arrive in pieces: hold its bytes until it is
  // whole (dropped) or turns out not to be one (read as text).
  while (!bom_done_ && p < end) {
    if (*p == kBom[bom_matched_]) {
      ++p;
      if (++bom_matched_ == kBomSize) bom_done_ = true;
    } else {
      bom_done_ = true;
      if (bom_matched_ > 0) feed(std::string_view(kBom, bom_matched_));
    }
  }

  while (p < end) {
    switch (state_) {
      case State::FieldStart: {
        const char c = *p;
        if (after_cr_) {
          after_cr_ = false;
          if (c == '\n') {
            ++p;
            continue;
          }
        }
        if (!record_started_) {
          if (const char* next = whole_record(p, end)) {
            p = next;
            continue;
          }
          begin_record();
        }
        if (c == '"') {
          quote_line_ = line_;
          state_ = State::Quoted;
          ++p;
        } else if (c == ',' || c == '\n' || c == '\r') {
          ++p;
          end_field_at(c);
        } else {
          state_ = State::Unquoted;
        }
        break;
      }
      case State::Unquoted: {
        const char* run = p;
        while (p < end && !kSpecial[static_cast<unsigned char>(*p)]) ++p;
        append(run, static_cast<std::size_t>(p - run));
        if (p == end) break;
        const char c = *p++;
        if (c == '"') {
          fault(CsvFault::QuoteInUnquotedField, line_);
        } else {
          end_field_at(c);
        }
        break;
      }
      case State::Quoted: {
        const void* found = std::memchr(p, '"', static_cast<std::size_t>(end - p));
        const char* quote = found == nullptr ? end : static_cast<const char*>(found);
        line_ += static_cast<std::size_t>(std::count(p, quote, '\n'));
        append(p, static_cast<std::size_t>(quote - p));
        p = quote;
        if (p < end) {
          ++p;
          state_ = State::QuoteInQuoted;
        }
        break;
      }
      case State::QuoteInQuoted: {
        const char c = *p;
        if (c == '"') {  // "" inside quotes: one quote
          append(p, 1);
          ++p;
          state_ = State::Quoted;
        } else if (c == ',' || c == '\n' || c == '\r') {
          ++p;
          end_field_at(c);
        } else {
          fault(CsvFault::TextAfterQuote, line_);
        }
        break;
      }
      case State::Skip: {  // the rest of a malformed record's line
        const char* stop = p;
        while (stop < end && *stop != '\n' && *stop != '\r') ++stop;
        if (stop == end) {
          p = end;
          break;
        }
        after_cr_ = *stop == '\r';
        p = stop + 1;
        ++line_;
        state_ = State::FieldStart;
        record_started_ = false;
        break;
      }
    }
  }
}

// The fast way for the common case: a record that lies whole in this piece,
// its cells plain or quoted without a "" inside, handed over as views of the
// piece with nothing copied. Anything else (the piece ends first, a "", a
// fault, a record over the limit) returns nullptr having changed nothing, and
// the record is read byte by byte instead, which gives the same cells.
const char* CsvTokenizer::whole_record(const char* p, const char* end) {
  const char* const start = p;
  std::size_t line_breaks = 0;  // inside quoted cells
  cells_.clear();
  for (;;) {
    if (p == end) return nullptr;
    if (*p == '"') {
      const void* found = std::memchr(p + 1, '"', static_cast<std::size_t>(end - p - 1));
      if (found == nullptr) return nullptr;
      const char* quote = static_cast<const char*>(found);
      if (quote + 1 == end || !kSpecial[static_cast<unsigned char>(quote[1])] || quote[1] == '"') return nullptr;
      line_breaks += static_cast<std::size_t>(std::count(p + 1, quote, '\n'));
      cells_.emplace_back(p + 1, static_cast<std::size_t>(quote - p - 1));
      p = quote + 1;
    } else {
      const char* stop = p;
      while (stop < end && !kSpecial[static_cast<unsigned char>(*stop)]) ++stop;
      if (stop == end || *stop == '"') return nullptr;
      cells_.emplace_back(p, static_cast<std::size_t>(stop - p));
      p = stop;
    }
    // Its text and commas never exceed its bytes, so what passes here passes the byte by byte limit.
    if (static_cast<std::size_t>(p - start) > max_record_bytes_) return nullptr;
    const char separator = *p++;
    if (separator == ',') continue;
    record_line_ = line_;
    line_ += line_breaks + 1;
    after_cr_ = separator == '\r';
    handler_.on_record(record_line_, cells_);
    return p;
  }
}

void CsvTokenizer::finish() {
  if (finished_) return;
  if (!bom_done_) {  // the input was only the start of a BOM: it is text
    bom_done_ = true;
    if (bom_matched_ > 0) feed(std::string_view(kBom, bom_matched_));
  }
  switch (state_) {
    case State::FieldStart:
      if (record_started_) {  // the record ends with a comma
        end_field();
        end_record();
      }
      break;
    case State::Unquoted:
    case State::QuoteInQuoted:
      end_field();
      end_record();
      break;
    case State::Quoted:
      fault(CsvFault::UnterminatedQuote, quote_line_);
      break;
    case State::Skip:
      break;
  }
  finished_ = true;
}

void CsvTokenizer::begin_record() {
  record_started_ = true;
  record_line_ = line_;
  field_ = 0;
  dropping_ = false;
  text_.clear();
  ends_.clear();
}

void CsvTokenizer::append(const char* text, std::size_t size) {
  if (dropping_) return;
  if (text_.size() + ends_.size() + size > max_record_bytes_) {
    handler_.on_fault(CsvFault::RecordTooLong, record_line_, column());
    dropping_ = true;
    return;
  }
  text_.append(text, size);
}

void CsvTokenizer::end_field() {
  ++field_;
  if (dropping_) return;
  ends_.push_back(text_.size());
  if (text_.size() + ends_.size() > max_record_bytes_) {  // a record of nothing but commas
    handler_.on_fault(CsvFault::RecordTooLong, record_line_, column());
    dropping_ = true;
  }
}

void CsvTokenizer::end_field_at(char separator) {
  end_field();
  if (separator == ',') {
    state_ = State::FieldStart;
    return;
  }
  end_record();
  after_cr_ = separator == '\r';
}

void CsvTokenizer::end_record() {
  // Every record ends at a line end, the fault's or its own, or at finish().
  ++line_;
  state_ = State::FieldStart;
  record_started_ = false;
  if (dropping_) return;
  cells_.clear();
  std::size_t start = 0;
  for (const std::size_t stop : ends_) {
    cells_.emplace_back(text_.data() + start, stop - start);
    start = stop;
  }
  handler_.on_record(record_line_, cells_);
}

void CsvTokenizer::fault(CsvFault kind, std::size_t line) {
  // A record already reported as too long is not reported again for a later
  // fault in it, but an unclosed quote is always said (it explains the length).
  if (!dropping_ || kind == CsvFault::UnterminatedQuote) handler_.on_fault(kind, line, column());
  dropping_ = true;
  state_ = State::Skip;
}

}  // namespace cqc::contract
