// The audit of CQC's published ratings against the principles
// (contract_audit.hpp).
#include "contract_audit.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "json_writer.hpp"
#include "trust.hpp"

namespace cqc::contract {

std::string_view token(AuditLevel level) {
  switch (level) {
    case AuditLevel::Service: return "service";
    case AuditLevel::LocationKeyQuestion: return "location_key_question";
    case AuditLevel::Location: return "location";
    case AuditLevel::TrustKeyQuestion: return "trust_key_question";
    case AuditLevel::Trust: return "trust";
    case AuditLevel::Combined: return "combined";
  }
  return "";
}

std::string_view token(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::Follows: return "follows";
    case AuditOutcome::Departs: return "departs";
    case AuditOutcome::PublishedNotRated: return "published_not_rated";
    case AuditOutcome::NothingRated: return "nothing_rated";
  }
  return "";
}

std::string band_label(const std::vector<Band>& bands, std::size_t index) {
  if (index >= bands.size()) return "";
  const std::string from = std::to_string(bands[index].min_rated);
  if (index + 1 == bands.size()) return from + "+";
  const int to = bands[index + 1].min_rated - 1;
  return to == bands[index].min_rated ? from : from + "-" + std::to_string(to);
}

std::vector<const AuditRow*> Agreement::departures() const {
  std::vector<const AuditRow*> out;
  for (const AuditRow& row : rows) {
    if (row.outcome == AuditOutcome::Departs) out.push_back(&row);
  }
  return out;
}

namespace {

// The index of the band of `bands` that applies to n rated ratings (n >= 1).
std::size_t band_index(const std::vector<Band>& bands, int n) {
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].min_rated <= n) chosen = i;
  }
  return chosen;
}

void add_input(RatingCounts& counts, const std::optional<PublishedRating>& rating) {
  if (rating) counts.add(rating->rating);  // absent: not an input at all
}

// The date a service was rated: its overall's, else `fallback` (its report's).
std::optional<CalendarDate> service_date(const PublishedService& service, const std::optional<CalendarDate>& fallback) {
  return service.overall && service.overall->date ? service.overall->date : fallback;
}

class Auditor {
 public:
  Auditor(const PublishedData& data, const AuditOptions& options, Agreement& agreement)
      : data_(data), options_(options), agreement_(agreement) {
    for (std::size_t level = 0; level < kAuditLevelCount; ++level) {
      const RuleSet& rules = level == static_cast<std::size_t>(AuditLevel::Combined) ? options.combined_rules
                                                                                      : options.quality_rules;
      agreement.by_level[level].bands = rules.bands;
      agreement.by_level[level].by_band.resize(rules.bands.size());
    }
    for (const PublishedProvider& provider : data.providers) providers_.emplace(provider.provider_id, &provider);
  }

  void run() {
    for (const PublishedLocation& location : data_.locations) audit_location(location);
    if (data_.providers.empty()) return;
    std::unordered_map<std::string, std::vector<const PublishedLocation*>> locations_of;
    for (const PublishedLocation& location : data_.locations) {
      if (providers_.count(location.provider_id) != 0) locations_of[location.provider_id].push_back(&location);
    }
    static const std::vector<const PublishedLocation*> kNone;
    for (const PublishedProvider& provider : data_.providers) {
      const auto found = locations_of.find(provider.provider_id);
      audit_provider(provider, found == locations_of.end() ? kNone : found->second);
    }
  }

 private:
  // Sets the rules-based rating, the outcome and the row's date (the
  // published rating's, else the one the row already has), tallies it and
  // keeps it.
  void record(AuditRow row, const RatingCounts& counts, const RuleSet& rules) {
    row.rules = aggregate(counts, rules);
    finish(std::move(row));
  }
  void finish(AuditRow row) {
    if (row.published && row.published->date) row.rating_date = row.published->date;
    LevelAgreement& level = agreement_.by_level[static_cast<int>(row.level)];
    if (!row.published || !is_rated(row.published->rating)) {
      row.outcome = AuditOutcome::PublishedNotRated;
      ++level.published_not_rated;
    } else if (row.n() == 0) {
      row.outcome = AuditOutcome::NothingRated;
      ++level.nothing_rated;
    } else {
      const bool follows = row.rules.rating == row.published->rating;
      row.outcome = follows ? AuditOutcome::Follows : AuditOutcome::Departs;
      AgreementTally& tally = level.by_band[band_index(level.bands, row.n())];
      ++(follows ? tally.follows : tally.departs);
    }
    agreement_.rows.push_back(std::move(row));
  }

  // Level 2: a service's overall from its key questions.
  void audit_service(const AuditRow& base, const PublishedService& service) {
    AuditRow row = base;
    row.level = AuditLevel::Service;
    row.service = service.id;
    row.service_name = service.name;
    row.published = service.overall;
    RatingCounts counts;
    for (const auto& rating : service.key_questions.by_question) add_input(counts, rating);
    record(std::move(row), counts, options_.quality_rules);
  }

  // Levels 3 and 4 for one grid of services: each key question across the
  // services, then the overall from the five published key questions.
  void audit_grid(const AuditRow& base, const std::vector<const PublishedService*>& grid,
                  const PublishedKeyQuestions& key_questions, const std::optional<PublishedRating>& overall) {
    if (!grid.empty()) {
      for (std::size_t q = 0; q < kQualityQuestionCount; ++q) {
        AuditRow row = base;
        row.level = AuditLevel::LocationKeyQuestion;
        row.key_question = static_cast<Question>(q);
        row.published = key_questions.by_question[q];
        RatingCounts counts;
        for (const PublishedService* service : grid) add_input(counts, service->key_questions.by_question[q]);
        record(std::move(row), counts, options_.quality_rules);
      }
    }
    AuditRow row = base;
    row.level = AuditLevel::Location;
    row.published = overall;
    RatingCounts counts;
    for (const auto& rating : key_questions.by_question) add_input(counts, rating);
    record(std::move(row), counts, options_.quality_rules);
  }

  void audit_location(const PublishedLocation& location) {
    AuditRow base;
    base.provider_id = location.provider_id;
    base.location_id = location.location_id;
    base.location_name = location.name;
    base.provider_name = location.provider_name;
    if (base.provider_name.empty()) {
      const auto provider = providers_.find(location.provider_id);
      if (provider != providers_.end()) base.provider_name = provider->second->name;
    }
    base.region = location.region;
    base.rating_date = location.report_date;

    for (const PublishedService& service : location.services) audit_service(base, service);
    std::vector<const PublishedService*> grid;
    grid.reserve(location.services.size());
    for (const PublishedService& service : location.services) grid.push_back(&service);
    if (grid.empty()) ++agreement_.locations_without_services;
    audit_grid(base, grid, location.key_questions, location.overall);

    if (options_.history) {
      for (std::size_t i = 0; i < location.history.size(); ++i) audit_report(base, location, i);
    }
  }

  // An earlier report (history[i], newest first), without counting anything
  // twice:
  // - its service rows are the services the report itself lists (the API
  //   lists only those re-rated at it). A current service dated on the
  //   report's day is rated again at no report row: it already has its
  //   current row, and the same published rating is one aggregate.
  // - its location key questions and overall are audited against the grid
  //   as it stood at the report: each service (by id) once, with its latest
  //   rating published on or before the report's date. The report's own
  //   services come first; then, for the rest, the latest dated on or before
  //   it among the reports listed after it (older) and the current ratings
  //   (a service not re-rated since keeps its rating: the current grid holds
  //   it with its older date); on a tie of dates the nearest older report
  //   wins, and a report wins over the current ratings. A report listed
  //   before it (newer) is never used, even on the same date.
  // - a report without a date has only its own services as its grid.
  // - a retired area (maternity, superseded by npimaternity) leaves the grid
  //   once a successor is in it: CQC re-rated the service under its new area.
  void audit_report(const AuditRow& location_base, const PublishedLocation& location, std::size_t i) {
    const PublishedReport& report = location.history[i];
    AuditRow base = location_base;
    base.current = false;
    base.rating_date = report.date;
    for (const PublishedService& service : report.services) audit_service(base, service);

    // Each service id once: the report's own, else the latest dated on or before it.
    struct Entry {
      const PublishedService* service;
      std::optional<CalendarDate> date;
      bool own;
    };
    std::vector<Entry> entries;
    std::unordered_map<std::string_view, std::size_t> by_id;
    auto consider = [&](const PublishedService& service, const std::optional<CalendarDate>& date, bool own) {
      const auto [found, added] = by_id.try_emplace(service.id, entries.size());
      if (added) {
        entries.push_back({&service, date, own});
      } else if (Entry& kept = entries[found->second]; !kept.own && kept.date && date && *kept.date < *date) {
        kept = {&service, date, false};
      }
    };
    for (const PublishedService& service : report.services) consider(service, report.date, true);
    if (report.date) {
      const CalendarDate& at = *report.date;
      auto on_or_before = [&](const std::optional<CalendarDate>& date) { return date && !(at < *date); };
      for (std::size_t j = i + 1; j < location.history.size(); ++j) {
        const PublishedReport& older = location.history[j];
        for (const PublishedService& service : older.services) {
          const std::optional<CalendarDate> date = service_date(service, older.date);
          if (on_or_before(date)) consider(service, date, false);
        }
      }
      for (const PublishedService& service : location.services) {
        const std::optional<CalendarDate> date = service_date(service, location.report_date);
        if (on_or_before(date)) consider(service, date, false);
      }
    }
    std::vector<const PublishedService*> grid;
    grid.reserve(entries.size());
    for (const Entry& entry : entries) {
      const auto& successors = entry.service->superseded_by;
      const bool replaced = std::any_of(successors.begin(), successors.end(),
                                        [&](const std::string& id) { return by_id.count(id) > 0; });
      if (!replaced) grid.push_back(entry.service);
    }
    audit_grid(base, grid, report.key_questions, report.overall);
  }

  // Levels 5 and 6 and the combined rating, from the provider's own ratings
  // (the export's Providers sheet) and its locations' published ratings.
  void audit_provider(const PublishedProvider& provider, const std::vector<const PublishedLocation*>& locations) {
    AuditRow base;
    base.provider_id = provider.provider_id;
    base.provider_name = provider.name;
    base.region = provider.region;

    // Core services of the provider's own (a trust without a location level).
    for (const PublishedService& service : provider.services) audit_service(base, service);

    // Safe .. responsive from the locations' ratings of that question, each
    // location weighing the same, and the provider's own core services'
    // ratings as further underlying ratings (spec 6.1: a trust with no
    // location level has only these; a "combined trust" has both). Well-led
    // is the trust-wide assessment: an input, never audited.
    for (Question q : {Question::Safe, Question::Effective, Question::Caring, Question::Responsive}) {
      AuditRow row = base;
      row.level = AuditLevel::TrustKeyQuestion;
      row.key_question = q;
      row.published = provider.key_questions.of(q);
      RatingCounts counts;
      for (const PublishedLocation* location : locations) add_input(counts, location->key_questions.of(q));
      for (const PublishedService& service : provider.services) add_input(counts, service.key_questions.of(q));
      record(std::move(row), counts, options_.quality_rules);
    }

    // The trust's overall (quality) from its five published key questions.
    RatingCounts quality;
    for (const auto& rating : provider.key_questions.by_question) add_input(quality, rating);
    AuditRow trust = base;
    trust.level = AuditLevel::Trust;
    trust.published = provider.overall;
    record(std::move(trust), quality, options_.quality_rules);

    // The combined rating: the five and use of resources, under the combined
    // rules (and their quality-first cap, if any, measured from the
    // published quality rating: the rating used upward is the published one).
    if (provider.use_of_resources && provider.combined) {
      RatingCounts counts = quality;
      add_input(counts, provider.use_of_resources);
      AuditRow row = base;
      row.level = AuditLevel::Combined;
      row.published = provider.combined;
      row.rules = aggregate(counts, options_.combined_rules);
      if (provider.overall) apply_quality_cap(row.rules, provider.overall->rating, options_.combined_rules);
      finish(std::move(row));
    }
  }

  const PublishedData& data_;
  const AuditOptions& options_;
  Agreement& agreement_;
  std::unordered_map<std::string, const PublishedProvider*> providers_;
};

}  // namespace

Agreement audit(const PublishedData& data, const AuditOptions& options) {
  Agreement agreement;
  Auditor(data, options, agreement).run();
  return agreement;
}

Agreement check_agreement(const std::vector<PublishedLocation>& locations, const RuleSet& rules) {
  PublishedData data;
  for (const PublishedLocation& location : locations) data.add(location);
  AuditOptions options;
  options.quality_rules = rules;
  return audit(data, options);
}

// ---- writers ---------------------------------------------------------------------

namespace {

// `text` with every byte that is not well-formed UTF-8 replaced by U+FFFD,
// each character passed to `put` as a piece of text.
template <typename Put>
void each_utf8_piece(std::string_view text, Put&& put) {
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_length(text, i);
    if (length > 0) {
      i += length;
      continue;
    }
    put(text.substr(start, i - start));
    put(std::string_view("\xEF\xBF\xBD"));
    start = ++i;
  }
  put(text.substr(start));
}

constexpr std::string_view kCountKeys[] = {"outstanding", "good", "requires_improvement", "inadequate", "not_rated"};

// The label of the band the row's rules used, "" when nothing was rated.
std::string row_band(const AuditRow& row, const Agreement& agreement) {
  if (row.n() == 0) return "";
  const std::vector<Band>& bands = agreement.of(row.level).bands;
  return band_label(bands, band_index(bands, row.n()));
}

bool skipped(const AuditRow& row) {
  return row.outcome == AuditOutcome::PublishedNotRated || row.outcome == AuditOutcome::NothingRated;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
// break, with quotes doubled; bytes that are not UTF-8 become U+FFFD.
void csv_field(std::string& out, std::string_view text, bool first = false) {
  if (!first) out += ',';
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  each_utf8_piece(text, [&](std::string_view piece) {
    for (char c : piece) {
      if (c == '"') out += '"';
      out += c;
    }
  });
  if (quote) out += '"';
}

}  // namespace

std::string audit_row_json(const AuditRow& row, const Agreement& agreement) {
  JsonWriter w(512);
  w.begin('{');
  w.key("level").string(token(row.level));
  w.key("provider_id").string_or_null(row.provider_id);
  w.key("provider_name").string_or_null(row.provider_name);
  w.key("location_id").string_or_null(row.location_id);
  w.key("location_name").string_or_null(row.location_name);
  w.key("region").string_or_null(row.region);
  w.key("service").string_or_null(row.service);
  w.key("service_name").string_or_null(row.service_name);
  w.key("key_question").string_or_null(row.key_question ? token(*row.key_question) : std::string_view());
  w.key("rating_date").string_or_null(row.rating_date ? row.rating_date->iso() : std::string());
  w.key("current").boolean(row.current);
  w.key("n").number(row.n());
  w.key("band").string_or_null(row_band(row, agreement));
  w.key("counts").begin('{');
  for (std::size_t r = 0; r < kAllRatings.size(); ++r) {
    w.key(kCountKeys[r]).number(row.rules.explanation.counts.of(kAllRatings[r]));
  }
  w.end('}');
  if (row.published) {
    w.key("published").string(token(row.published->rating));
    w.key("published_words").string_or_null(row.published->as_published);
  } else {
    w.key("published").null();
    w.key("published_words").null();
  }
  w.key("rules").string(token(row.rules.rating));
  w.key("principle").string(token(row.rules.explanation.decided_by));
  if (skipped(row)) w.key("follows").null();
  else w.key("follows").boolean(row.outcome == AuditOutcome::Follows);
  w.key("outcome").string(token(row.outcome));
  w.end('}');
  return w.take();
}

std::string audit_csv_header() {
  return "level,provider_id,provider_name,location_id,location_name,region,service,service_name,key_question,"
         "rating_date,current,n,band,count_outstanding,count_good,count_requires_improvement,count_inadequate,"
         "count_not_rated,published,published_words,rules,principle,follows,outcome\r\n";
}

std::string audit_row_csv(const AuditRow& row, const Agreement& agreement) {
  std::string out;
  out.reserve(256);
  csv_field(out, token(row.level), true);
  for (const std::string* text : {&row.provider_id, &row.provider_name, &row.location_id, &row.location_name,
                                  &row.region, &row.service, &row.service_name}) {
    csv_field(out, *text);
  }
  csv_field(out, row.key_question ? token(*row.key_question) : std::string_view());
  csv_field(out, row.rating_date ? row.rating_date->iso() : std::string());
  csv_field(out, row.current ? "true" : "false");
  csv_field(out, std::to_string(row.n()));
  csv_field(out, row_band(row, agreement));
  for (Rating r : kAllRatings) csv_field(out, std::to_string(row.rules.explanation.counts.of(r)));
  csv_field(out, row.published ? token(row.published->rating) : std::string_view());
  csv_field(out, row.published ? std::string_view(row.published->as_published) : std::string_view());
  csv_field(out, token(row.rules.rating));
  csv_field(out, token(row.rules.explanation.decided_by));
  csv_field(out, skipped(row) ? "" : row.outcome == AuditOutcome::Follows ? "true" : "false");
  csv_field(out, token(row.outcome));
  out += "\r\n";
  return out;
}

std::string audit_summary_json(const Agreement& agreement) {
  struct Totals {
    long long follows = 0, departs = 0, published_not_rated = 0, nothing_rated = 0;
    void add(const Totals& other) {
      follows += other.follows;
      departs += other.departs;
      published_not_rated += other.published_not_rated;
      nothing_rated += other.nothing_rated;
    }
    void write(JsonWriter& w) const {
      w.key("aggregates").number(follows + departs + published_not_rated + nothing_rated);
      w.key("follows").number(follows);
      w.key("departs").number(departs);
      w.key("published_not_rated").number(published_not_rated);
      w.key("nothing_rated").number(nothing_rated);
    }
  };
  const auto tally_of = [](const LevelAgreement& level, std::size_t b) {
    return b < level.by_band.size() ? level.by_band[b] : AgreementTally{};
  };
  // The totals come first in the text, so they are counted before anything is written.
  std::array<Totals, kAuditLevelCount> by_level;
  Totals all;
  for (std::size_t l = 0; l < kAuditLevelCount; ++l) {
    const LevelAgreement& level = agreement.by_level[l];
    by_level[l].published_not_rated = level.published_not_rated;
    by_level[l].nothing_rated = level.nothing_rated;
    for (std::size_t b = 0; b < level.bands.size(); ++b) {
      by_level[l].follows += tally_of(level, b).follows;
      by_level[l].departs += tally_of(level, b).departs;
    }
    all.add(by_level[l]);
  }
  JsonWriter w;
  w.begin('{');
  all.write(w);
  w.key("locations_without_services").number(agreement.locations_without_services);
  w.key("levels").begin('[');
  for (std::size_t l = 0; l < kAuditLevelCount; ++l) {
    const LevelAgreement& level = agreement.by_level[l];
    w.begin('{');
    w.key("level").string(token(static_cast<AuditLevel>(l)));
    by_level[l].write(w);
    w.key("bands").begin('[');
    for (std::size_t b = 0; b < level.bands.size(); ++b) {
      w.begin('{');
      w.key("band").string(band_label(level.bands, b));
      w.key("min_rated").number(level.bands[b].min_rated);
      w.key("follows").number(tally_of(level, b).follows);
      w.key("departs").number(tally_of(level, b).departs);
      w.end('}');
    }
    w.end(']');
    w.end('}');
  }
  w.end(']');
  w.end('}');
  return w.take();
}

}  // namespace cqc::contract
