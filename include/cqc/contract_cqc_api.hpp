// CQC's public API location records (GET /locations/{id}), read into plain
// structs, and their published ratings checked against the principles.
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

#include "aggregate.hpp"
#include "rating.hpp"
#include "rule_set.hpp"
#include "trust.hpp"

namespace cqc::contract {

// A data file is far larger than a request (the request limit is 64 KiB).
inline constexpr std::size_t kMaxDataFileBytes = 64 * 1024 * 1024;
// The API's records nest 11 levels deep (historicRatings[].serviceRatings[].keyQuestionRatings[]).
inline constexpr int kMaxDataDepth = 32;

// One rating as the API published it.
struct PublishedRating {
  // Outstanding, Good, Requires improvement, Inadequate; NotRated for every
  // published word that is not a rating ("Inspected but not rated",
  // "Insufficient evidence to rate", "No published rating", "Not rated",
  // "No action").
  Rating rating = Rating::NotRated;
  std::string as_published;  // the API's words, so the kinds of "not rated" stay distinguishable
  // Its reportDate; a rating the API gives without one (a service's key
  // questions, a historic report's ratings) has the date of the service or
  // report it belongs to.
  std::optional<CalendarDate> date;
};

// The five quality key questions, indexed by Question (Safe .. WellLed). A key
// question the record does not list stays nullopt: absent, which is not the
// same as published as not rated.
struct PublishedKeyQuestions {
  std::array<std::optional<PublishedRating>, kQualityQuestionCount> by_question;

  const std::optional<PublishedRating>& of(Question q) const { return by_question[static_cast<int>(q)]; }
};

// One core service (inspection area) of a location.
struct PublishedService {
  std::string id;    // the inspection-area id, e.g. "urgent", "npimaternity"
  std::string name;  // its inspectionAreaName, "" when the record does not list the area
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
};

// An earlier location report (historicRatings[]): the location's ratings at
// that report and only the services re-rated at it.
struct PublishedReport {
  std::optional<CalendarDate> date;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
  std::vector<PublishedService> services;
};

struct PublishedLocation {
  // Where the record is in the input: its 0-based position (array element or
  // JSON Lines record) and, for JSON Lines, its 1-based line (0 otherwise).
  std::size_t index = 0;
  std::size_t line = 0;
  std::string location_id, provider_id, name, type;
  std::string inspection_category;  // the primary inspection category's name, else the first's, else ""
  // The current ratings (currentRatings).
  std::optional<CalendarDate> report_date;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
  std::vector<PublishedService> services;  // in the record's order
  // historicRatings, newest first as the API lists them; read only on request.
  std::vector<PublishedReport> history;
};

// A problem with the input: where it is and what is wrong, as data and as one
// sentence. Fields are paths inside the record, as the API names them:
// "currentRatings.serviceRatings[2].keyQuestionRatings[0].rating".
struct ReadProblem {
  std::optional<std::size_t> index;  // the record's 0-based position; nullopt for the whole input
  std::size_t line = 0;              // JSON Lines: the record's 1-based line; 0 otherwise
  std::string location_id;           // when the record has one
  std::string field;                 // "" for the whole record or input
  std::string message;               // names all of the above
};

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

// ---- Agreement: do the published ratings follow the principles? ----------------

// The published aggregates that can be recomputed from a location record
// (spec section 6): a service's overall from its key questions (level 2), a
// location's key question from that question across its services (level 3),
// the location's overall from its five key questions (level 4).
enum class AuditLevel { Service, LocationKeyQuestion, Location };
inline constexpr std::size_t kAuditLevelCount = 3;
// "service", "location_key_question", "location".
std::string_view token(AuditLevel level);

enum class AuditOutcome {
  Follows,            // the rules give the published rating
  Departs,            // they give another: professional judgement, or a mistake
  PublishedNotRated,  // skipped: the published rating is absent or not rated
  NothingRated,       // skipped: none of the inputs is rated
};
// "follows", "departs", "published_not_rated", "nothing_rated".
std::string_view token(AuditOutcome outcome);

struct AuditRow {
  AuditLevel level = AuditLevel::Service;
  std::string provider_id, location_id, location_name;
  std::string service, service_name;     // Service level only: the inspection-area id and name
  std::optional<Question> key_question;  // LocationKeyQuestion only
  std::optional<PublishedRating> published;
  Aggregate rules;  // the rules-based rating with its counts, band and deciding principle
  AuditOutcome outcome = AuditOutcome::NothingRated;

  int n() const { return rules.explanation.counts.rated(); }
};

struct AgreementTally {
  int follows = 0;
  int departs = 0;
};

struct LevelAgreement {
  std::vector<AgreementTally> by_band;  // one per band of the rule set, in its order
  int published_not_rated = 0;          // skipped (counted first when both apply)
  int nothing_rated = 0;                // skipped
};

struct Agreement {
  std::vector<Band> bands;  // the rule set's bands, for labelling by_band
  std::array<LevelAgreement, kAuditLevelCount> by_level;  // indexed by AuditLevel
  // Every aggregate looked at, skipped ones included, in the input's order:
  // per location, its services, then its key questions, then its overall.
  std::vector<AuditRow> rows;
  // Locations without service ratings: their key questions have no inputs in
  // the data, so no LocationKeyQuestion rows are made for them.
  int locations_without_services = 0;

  const LevelAgreement& of(AuditLevel level) const { return by_level[static_cast<int>(level)]; }
  std::vector<const AuditRow*> departures() const;
};

// Recomputes every published aggregate of the locations' current ratings
// with `rules` (each input weighing the same; not-rated inputs left out of N)
// and compares it with the published rating.
Agreement check_agreement(const std::vector<PublishedLocation>& locations,
                          const RuleSet& rules = standard_rules());

// "1-3", "4-8", "9+": the range of N a band of `bands` covers.
std::string band_label(const std::vector<Band>& bands, std::size_t index);

}  // namespace cqc::contract
