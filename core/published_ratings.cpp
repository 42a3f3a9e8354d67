// CQC's published ratings (published_ratings.hpp): the rating words both of
// its data sources write, and the merging of locations and providers by ID.
#include "published_ratings.hpp"

#include <utility>

#include "contract_util.hpp"

namespace cqc::contract {
namespace {

// The rating words as CQC writes them. Every word that is not a rating is
// "not rated": left out of every count, its words kept in as_published.
struct RatingWord {
  std::string_view word;
  Rating rating;
};
constexpr RatingWord kRatingWords[] = {
    {"Outstanding", Rating::Outstanding},
    {"Good", Rating::Good},
    {"Requires improvement", Rating::RequiresImprovement},
    {"Inadequate", Rating::Inadequate},
    {"Inspected but not rated", Rating::NotRated},
    {"Insufficient evidence to rate", Rating::NotRated},
    {"No published rating", Rating::NotRated},
    {"Not rated", Rating::NotRated},
    // A dental practice's inspection outcome, not a rating (seen in the
    // shared fixture, at Castle Circus Health Centre).
    {"No action", Rating::NotRated},
};

}  // namespace

std::optional<PublishedRating> published_rating_from_word(std::string_view word) {
  for (const RatingWord& known : kRatingWords) {
    if (!same_words(word, known.word)) continue;
    PublishedRating published;
    published.rating = known.rating;
    published.as_published = std::string(word);
    return published;
  }
  return std::nullopt;
}

std::string published_rating_words() {
  std::string out;
  for (const RatingWord& w : kRatingWords) {
    if (!out.empty()) out += ", ";
    out += w.word;
  }
  return out;
}

PublishedLocation& PublishedData::location(const std::string& id) {
  const auto [found, added] = location_index_.try_emplace(id, locations.size());
  if (added) {
    locations.emplace_back();
    locations.back().location_id = id;
  }
  return locations[found->second];
}

PublishedProvider& PublishedData::provider(const std::string& id) {
  const auto [found, added] = provider_index_.try_emplace(id, providers.size());
  if (added) {
    providers.emplace_back();
    providers.back().provider_id = id;
  }
  return providers[found->second];
}

void PublishedData::add(PublishedLocation location) {
  const auto [found, added] = location_index_.try_emplace(location.location_id, locations.size());
  if (added) {
    locations.push_back(std::move(location));
    return;
  }
  // Seen before (another file): the newcomer's fields win where it has them.
  PublishedLocation& kept = locations[found->second];
  auto take = [](std::string& into, std::string& from) {
    if (!from.empty()) into = std::move(from);
  };
  take(kept.provider_id, location.provider_id);
  take(kept.name, location.name);
  take(kept.type, location.type);
  take(kept.inspection_category, location.inspection_category);
  take(kept.provider_name, location.provider_name);
  take(kept.region, location.region);
  if (location.report_date) kept.report_date = location.report_date;
  if (location.overall) kept.overall = std::move(location.overall);
  for (std::size_t q = 0; q < kQualityQuestionCount; ++q) {
    if (location.key_questions.by_question[q]) kept.key_questions.by_question[q] = location.key_questions.by_question[q];
  }
  if (!location.services.empty()) kept.services = std::move(location.services);
  if (!location.history.empty()) kept.history = std::move(location.history);
}

}  // namespace cqc::contract
