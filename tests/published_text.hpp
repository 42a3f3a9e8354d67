// PublishedData written out as plain text, everything it holds, so two reads
// can be compared whole (tests/ratings_export_test.cpp, and
// fuzz/fuzz_ratings_export.cpp, which checks that pieces read like the whole).
#pragma once

#include <optional>
#include <string>

#include "published_ratings.hpp"

namespace cqc::test {

inline std::string rating_text(const std::optional<contract::PublishedRating>& rating) {
  if (!rating) return "-";
  std::string out = std::string(token(rating->rating)) + " \"" + rating->as_published + "\"";
  if (rating->date) out += " " + rating->date->iso();
  if (rating->inherited) out += " inherited";
  return out;
}

inline std::string key_questions_text(const contract::PublishedKeyQuestions& key_questions) {
  std::string out;
  for (const auto& rating : key_questions.by_question) out += " | " + rating_text(rating);
  return out;
}

inline std::string services_text(const std::vector<contract::PublishedService>& services) {
  std::string out;
  for (const contract::PublishedService& service : services) {
    out += "  service " + service.id + " (" + service.name + "): " + rating_text(service.overall) +
           key_questions_text(service.key_questions) + "\n";
  }
  return out;
}

inline std::string published_text(const contract::PublishedData& data) {
  std::string out = "rows " + std::to_string(data.rows_read) + "\n";
  for (const contract::PublishedLocation& l : data.locations) {
    out += "location " + l.location_id + " line " + std::to_string(l.line) + " [" + l.name + "|" + l.type + "|" +
           l.inspection_category + "|" + l.region + "|" + l.provider_id + "|" + l.provider_name + "]: " +
           rating_text(l.overall) + key_questions_text(l.key_questions) + "\n" + services_text(l.services);
  }
  for (const contract::PublishedProvider& p : data.providers) {
    out += "provider " + p.provider_id + " line " + std::to_string(p.line) + " [" + p.name + "|" + p.type + "|" +
           p.inspection_category + "|" + p.region + "]: " + rating_text(p.overall) +
           key_questions_text(p.key_questions) + " | uor " + rating_text(p.use_of_resources) + " | combined " +
           rating_text(p.combined) + "\n" + services_text(p.services);
  }
  for (const contract::ReadProblem& problem : data.problems) {
    out += "problem " + problem.source + ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column) +
           " [" + problem.field + "|" + problem.location_id + "] " + problem.message + "\n";
  }
  return out;
}

}  // namespace cqc::test
