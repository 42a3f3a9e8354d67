// CQC's published ratings as plain structs: what its public API's location
// records and its monthly "Latest ratings" export both hold, read by
// contract_cqc_api.hpp and contract_ratings_export.hpp and audited by
// contract_audit.hpp. Part of the contract layer; the rules engine never sees
// these (the audit hands it counts).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rating.hpp"
#include "trust.hpp"

namespace cqc::contract {

// One rating as CQC published it.
struct PublishedRating {
  // Outstanding, Good, Requires improvement, Inadequate; NotRated for every
  // published word that is not a rating ("Inspected but not rated",
  // "Insufficient evidence to rate", "No published rating", "Not rated",
  // "No action").
  Rating rating = Rating::NotRated;
  std::string as_published;  // CQC's words, so the kinds of "not rated" stay distinguishable
  // Its reportDate (API) or Publication Date (export); a rating the API gives
  // without one (a service's key questions, a historic report's ratings) has
  // the date of the service or report it belongs to.
  std::optional<CalendarDate> date;
  // The export's "Inherited Rating (Y/N)": carried over from a previous
  // registration of the same service. Always false from the API.
  bool inherited = false;
};

// The five quality key questions, indexed by Question (Safe .. WellLed). A key
// question the data does not list stays nullopt: absent, which is not the
// same as published as not rated.
struct PublishedKeyQuestions {
  std::array<std::optional<PublishedRating>, kQualityQuestionCount> by_question;

  const std::optional<PublishedRating>& of(Question q) const { return by_question[static_cast<int>(q)]; }
  std::optional<PublishedRating>& of(Question q) { return by_question[static_cast<int>(q)]; }
};

// One core service of a location (or, for a trust without a location level,
// of the provider).
struct PublishedService {
  std::string id;    // the API's inspection-area id ("urgent"); from the export, CQC's service name
  std::string name;  // the service's name ("Urgent and emergency services"); "" when the data does not give it
  // The areas that replaced this one (the API's supersededBy: "maternity" by
  // "npimaternity"); a grid that holds a successor no longer counts it.
  std::vector<std::string> superseded_by;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
};

// An earlier location report (the API's historicRatings[]): the location's
// ratings at that report and only the services re-rated at it.
struct PublishedReport {
  std::optional<CalendarDate> date;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
  std::vector<PublishedService> services;
};

struct PublishedLocation {
  // Where the location is in its input, for messages: from the API, the
  // record's 0-based position and, for JSON Lines, its 1-based line; from the
  // export, 0 and the line of its first row.
  std::size_t index = 0;
  std::size_t line = 0;
  std::string location_id, provider_id, name, type;
  std::string inspection_category;  // the primary inspection category's name, else the first's, else ""
  std::string provider_name;        // the export's Provider Name; "" from the API
  std::string region;               // the export's Region; "" from the API
  // The current ratings.
  std::optional<CalendarDate> report_date;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
  std::vector<PublishedService> services;  // in the data's order
  // historicRatings, newest first as the API lists them; read only on
  // request, and never in the export (it holds the latest ratings only).
  std::vector<PublishedReport> history;
};

// A provider's own ratings (the export's Providers sheet): for an NHS trust,
// its key questions and overall (quality), its use of resources and combined
// ratings, and, for a trust without a location level (mental health,
// community, ambulance), its core services (Report Type "CoreService").
struct PublishedProvider {
  std::size_t line = 0;  // the line of its first row
  std::string provider_id, name, type;
  std::string inspection_category;
  std::string region;
  std::optional<PublishedRating> overall;
  PublishedKeyQuestions key_questions;
  std::optional<PublishedRating> use_of_resources;
  std::optional<PublishedRating> combined;
  std::vector<PublishedService> services;
};

// A problem with the input: where it is and what is wrong, as data and as one
// sentence. From the API, fields are paths inside the record
// ("currentRatings.serviceRatings[2].keyQuestionRatings[0].rating"); from the
// export, the column's name as CQC writes it ("Latest Rating").
struct ReadProblem {
  std::optional<std::size_t> index;  // the API record's 0-based position; nullopt for the whole input or the export
  std::size_t line = 0;              // 1-based line (JSON Lines, export rows); 0 otherwise
  std::string location_id;           // when the record or row has one
  std::string field;                 // "" for the whole record or input
  std::string message;               // names all of the above
  std::string source;                // the file's name, when the reader was given one
  std::size_t column = 0;            // export: the 1-based column; 0 otherwise
};

// Everything read from one or more files: locations and providers merged by
// their IDs, so a Locations sheet and a Providers sheet (or API records and
// a Providers sheet) read into one set describe one trust together.
struct PublishedData {
  std::vector<PublishedLocation> locations;  // in the order first seen
  std::vector<PublishedProvider> providers;
  std::vector<ReadProblem> problems;
  std::size_t rows_read = 0;  // export rows (header and banner rows not counted)

  // The location or provider with this ID, added (with only its ID) when new.
  PublishedLocation& location(const std::string& id);
  PublishedProvider& provider(const std::string& id);
  // Adds a location read whole (an API record): merged into one already seen
  // with its ID, if any (its fields win where it has them).
  void add(PublishedLocation location);

 private:
  std::unordered_map<std::string, std::size_t> location_index_;
  std::unordered_map<std::string, std::size_t> provider_index_;
};

// The rating words CQC writes (in its API and export alike), matched without
// regard to case; nullopt for a word that is not one of them.
std::optional<PublishedRating> published_rating_from_word(std::string_view word);
// "Outstanding, Good, Requires improvement, …": every word accepted, for messages.
std::string published_rating_words();

}  // namespace cqc::contract
