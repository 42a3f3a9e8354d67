// CQC's public API location records (GET /locations/{id}), read into the
// plain structs of published_ratings.hpp (the audit is contract_audit.hpp).
//
// Part of the contract layer: the rules engine never sees JSON. Reading never
// throws: a malformed record is reported (which record, which field, why) and
// the rest of the input is still read.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "published_ratings.hpp"

namespace cqc::contract {

// A data file is far larger than a request (the request limit is 64 KiB).
inline constexpr std::size_t kMaxDataFileBytes = 64 * 1024 * 1024;
// The API's records nest 11 levels deep (historicRatings[].serviceRatings[].keyQuestionRatings[]).
inline constexpr int kMaxDataDepth = 32;

enum class CqcApiFormat { None, Object, Array, JsonLines };

struct ReadLocations {
  CqcApiFormat format = CqcApiFormat::None;  // None when nothing could be read
  std::vector<PublishedLocation> locations;
  std::vector<ReadProblem> problems;
};

struct CqcApiReadOptions {
  bool history = false;  // also read historicRatings
};

// Reads one location object, a JSON array of them, or JSON Lines (one object
// per line). A record without a locationId, a line that is not JSON, or an
// element that is not an object is reported and skipped; a bad value inside a
// record (an unknown rating word or key question, a date that is not
// YYYY-MM-DD, a field of the wrong type) is reported and left out, and the
// rest of the record is kept. At most kMaxDataFileBytes.
ReadLocations read_cqc_api_locations(std::string_view text, const CqcApiReadOptions& options = {});

}  // namespace cqc::contract
