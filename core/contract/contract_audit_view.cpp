// Views of one finished audit, as JSON text (contract_audit_view.hpp).
#include "contract_audit_view.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {

namespace {

std::string text_of(const OrderedJson& value) { return dump(value); }

OrderedJson rating_json(const std::optional<PublishedRating>& rating) {
  if (!rating) return nullptr;
  OrderedJson out = OrderedJson::object();
  out["rating"] = std::string(token(rating->rating));
  out["words"] = rating->as_published;
  out["date"] = rating->date ? OrderedJson(rating->date->iso()) : OrderedJson(nullptr);
  out["inherited"] = rating->inherited;
  return out;
}

OrderedJson key_questions_json(const PublishedKeyQuestions& questions) {
  OrderedJson out = OrderedJson::object();
  for (std::size_t q = 0; q < kQualityQuestionCount; ++q) {
    if (questions.by_question[q]) out[std::string(token(static_cast<Question>(q)))] = rating_json(questions.by_question[q]);
  }
  return out;
}

OrderedJson services_json(const std::vector<PublishedService>& services) {
  OrderedJson out = OrderedJson::array();
  for (const PublishedService& service : services) {
    OrderedJson item = OrderedJson::object();
    item["id"] = service.id;
    item["name"] = service.name;
    item["overall"] = rating_json(service.overall);
    item["key_questions"] = key_questions_json(service.key_questions);
    out.push_back(std::move(item));
  }
  return out;
}

// The rows as a JSON array of audit_row_json texts.
std::string rows_text(const Agreement& agreement, const std::vector<const AuditRow*>& rows) {
  std::string out;
  bool first = true;
  for (const AuditRow* row : rows) {
    out += first ? "" : ",";
    first = false;
    out += audit_row_json(*row, agreement);
  }
  return "[" + out + "]";
}

struct TrustEntry {
  std::string name, region;
  int locations = 0;
  int departures = 0;
  bool own_ratings = false;  // in a Providers sheet
};

}  // namespace

OrderedJson read_problems_json(const PublishedData& data, std::size_t shown_at_most) {
  OrderedJson problems = OrderedJson::object();
  problems["total"] = data.problems.size();
  OrderedJson shown = OrderedJson::array();
  for (std::size_t i = 0; i < data.problems.size() && i < shown_at_most; ++i) {
    const ReadProblem& problem = data.problems[i];
    OrderedJson item = OrderedJson::object();
    item["source"] = problem.source;
    item["line"] = problem.line;
    item["column"] = problem.column;
    item["record"] = problem.index ? OrderedJson(*problem.index) : OrderedJson(nullptr);
    item["location_id"] = problem.location_id;
    item["field"] = problem.field;
    item["message"] = problem.message;
    shown.push_back(std::move(item));
  }
  problems["shown"] = std::move(shown);
  return problems;
}

std::string audit_view_summary_json(const PublishedData& data, const Agreement& agreement) {
  std::map<std::string, TrustEntry> trusts;
  std::set<std::string> regions;
  for (const PublishedProvider& provider : data.providers) {
    if (provider.provider_id.empty()) continue;
    TrustEntry& trust = trusts[provider.provider_id];
    trust.name = provider.name;
    trust.region = provider.region;
    trust.own_ratings = true;
    if (!provider.region.empty()) regions.insert(provider.region);
  }
  for (const PublishedLocation& location : data.locations) {
    if (!location.region.empty()) regions.insert(location.region);
    if (location.provider_id.empty()) continue;
    TrustEntry& trust = trusts[location.provider_id];
    ++trust.locations;
    if (trust.name.empty()) trust.name = location.provider_name;
    if (trust.region.empty()) trust.region = location.region;
  }
  int departures = 0;
  for (const AuditRow& row : agreement.rows) {
    if (row.outcome != AuditOutcome::Departs) continue;
    ++departures;
    if (!row.provider_id.empty()) ++trusts[row.provider_id].departures;
  }

  OrderedJson out = OrderedJson::object();
  out["rows"] = agreement.rows.size();
  out["departures"] = departures;
  out["locations"] = data.locations.size();
  out["providers"] = data.providers.size();
  out["rows_read"] = data.rows_read;

  out["problems"] = read_problems_json(data, kAuditProblemsShown);

  // Only the providers a page would filter the departures by: those with a
  // departure, and trusts (their own ratings read). The real export names
  // tens of thousands of providers of one care home or surgery each.
  std::vector<std::pair<std::string, const TrustEntry*>> sorted;
  for (const auto& [id, trust] : trusts) {
    if (trust.departures > 0 || trust.own_ratings) sorted.emplace_back(id, &trust);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    const std::string& x = a.second->name.empty() ? a.first : a.second->name;
    const std::string& y = b.second->name.empty() ? b.first : b.second->name;
    return x < y;
  });
  OrderedJson trust_list = OrderedJson::array();
  for (const auto& [id, trust] : sorted) {
    OrderedJson item = OrderedJson::object();
    item["provider_id"] = id;
    item["name"] = trust->name;
    item["region"] = trust->region;
    item["locations"] = trust->locations;
    item["departures"] = trust->departures;
    item["own_ratings"] = trust->own_ratings;
    trust_list.push_back(std::move(item));
  }
  out["trusts"] = std::move(trust_list);
  out["providers_in_data"] = trusts.size();
  out["regions"] = OrderedJson(std::vector<std::string>(regions.begin(), regions.end()));
  // The words for the tokens in the rows, so a page names them as the core does.
  OrderedJson vocabulary = vocabulary_to_json();
  OrderedJson principles = OrderedJson::array();
  for (Principle p : {Principle::NothingRated, Principle::Inadequate, Principle::InadequateLimiter,
                      Principle::RequiresImprovementLimiter, Principle::Outstanding, Principle::Good,
                      Principle::QualityCap}) {
    principles.push_back({{"token", std::string(token(p))}, {"label", std::string(label(p))}});
  }
  vocabulary["principles"] = std::move(principles);
  vocabulary.erase("limits");
  out["vocabulary"] = std::move(vocabulary);
  // The agreement first, as the shared writer gives it (the CLI's summary).
  return "{\"agreement\":" + audit_summary_json(agreement) + "," + text_of(out).substr(1);
}

std::string audit_view_rows_json(const Agreement& agreement, std::string_view filter_json) {
  const ParsedJson parsed = parse_json(filter_json, "the filter");
  std::vector<FieldError> errors;
  if (parsed.error) errors.push_back(*parsed.error);
  const Json& filter = parsed.value;
  if (errors.empty()) expect_object(filter, "", {"outcome", "level", "provider_id", "region", "offset", "limit"}, errors);

  std::optional<AuditOutcome> outcome;
  std::optional<AuditLevel> level;
  std::string provider_id, region;
  std::size_t offset = 0, limit = 50;
  const auto text_field = [&](const char* key, std::string& into) {
    if (!filter.contains(key) || filter[key].is_null()) return;
    if (filter[key].is_string()) {
      into = filter[key].get<std::string>();
    } else {
      errors.push_back({key, std::string("field \"") + key + "\" must be a string; got " + describe_value(filter[key])});
    }
  };
  const auto count_field = [&](const char* key, std::size_t& into, std::size_t most) {
    if (!filter.contains(key) || filter[key].is_null()) return;
    const Json& value = filter[key];
    if (value.is_number_unsigned() && value.get<std::uint64_t>() <= most) {
      into = static_cast<std::size_t>(value.get<std::uint64_t>());
    } else {
      errors.push_back({key, std::string("field \"") + key + "\" must be a whole number from 0 to " +
                                 std::to_string(most) + "; got " + describe_value(value)});
    }
  };
  if (errors.empty()) {
    std::string outcome_token, level_token;
    text_field("outcome", outcome_token);
    text_field("level", level_token);
    text_field("provider_id", provider_id);
    text_field("region", region);
    count_field("offset", offset, std::size_t{1} << 40);
    count_field("limit", limit, kAuditRowsPerQuery);
    if (!outcome_token.empty()) {
      for (AuditOutcome o : {AuditOutcome::Follows, AuditOutcome::Departs, AuditOutcome::PublishedNotRated,
                             AuditOutcome::NothingRated}) {
        if (token(o) == outcome_token) outcome = o;
      }
      if (!outcome) {
        errors.push_back({"outcome", "field \"outcome\" must be one of follows, departs, published_not_rated, "
                                     "nothing_rated; got " + describe_value(filter["outcome"])});
      }
    }
    if (!level_token.empty()) {
      for (std::size_t i = 0; i < kAuditLevelCount; ++i) {
        if (token(static_cast<AuditLevel>(i)) == level_token) level = static_cast<AuditLevel>(i);
      }
      if (!level) {
        errors.push_back({"level", "field \"level\" must be one of service, location_key_question, location, "
                                   "trust_key_question, trust, combined; got " + describe_value(filter["level"])});
      }
    }
  }
  if (!errors.empty()) return text_of(errors_to_json(errors));

  std::size_t total = 0;
  std::vector<const AuditRow*> page;
  for (const AuditRow& row : agreement.rows) {
    if ((outcome && row.outcome != *outcome) || (level && row.level != *level) ||
        (!provider_id.empty() && row.provider_id != provider_id) || (!region.empty() && row.region != region)) {
      continue;
    }
    if (total >= offset && page.size() < limit) page.push_back(&row);
    ++total;
  }
  return "{\"total\":" + std::to_string(total) + ",\"offset\":" + std::to_string(offset) +
         ",\"rows\":" + rows_text(agreement, page) + "}";
}

std::string audit_view_trust_json(const PublishedData& data, const Agreement& agreement, std::string_view provider_id) {
  const PublishedProvider* provider = nullptr;
  for (const PublishedProvider& p : data.providers) {
    if (p.provider_id == provider_id) provider = &p;
  }
  std::vector<const PublishedLocation*> locations;
  for (const PublishedLocation& location : data.locations) {
    if (location.provider_id == provider_id) locations.push_back(&location);
  }
  if (provider_id.empty() || (!provider && locations.empty())) {
    return text_of(errors_to_json({{"provider_id", "no trust or provider with the ID \"" +
                                                       std::string(provider_id.substr(0, 40)) + "\" is in the files read"}}));
  }

  OrderedJson out = OrderedJson::object();
  out["provider_id"] = std::string(provider_id);
  std::string name = provider ? provider->name : "";
  std::string region = provider ? provider->region : "";
  for (const PublishedLocation* location : locations) {
    if (name.empty()) name = location->provider_name;
    if (region.empty()) region = location->region;
  }
  out["name"] = name;
  out["region"] = region;
  if (provider) {
    OrderedJson own = OrderedJson::object();
    own["type"] = provider->type;
    own["overall"] = rating_json(provider->overall);
    own["key_questions"] = key_questions_json(provider->key_questions);
    own["use_of_resources"] = rating_json(provider->use_of_resources);
    own["combined"] = rating_json(provider->combined);
    own["services"] = services_json(provider->services);
    out["provider"] = std::move(own);
  } else {
    out["provider"] = nullptr;
  }
  OrderedJson list = OrderedJson::array();
  for (const PublishedLocation* location : locations) {
    OrderedJson item = OrderedJson::object();
    item["location_id"] = location->location_id;
    item["name"] = location->name;
    item["type"] = location->type;
    item["region"] = location->region;
    item["report_date"] = location->report_date ? OrderedJson(location->report_date->iso()) : OrderedJson(nullptr);
    item["overall"] = rating_json(location->overall);
    item["key_questions"] = key_questions_json(location->key_questions);
    item["services"] = services_json(location->services);
    list.push_back(std::move(item));
  }
  out["locations"] = std::move(list);

  std::vector<const AuditRow*> rows;
  for (const AuditRow& row : agreement.rows) {
    if (row.provider_id == provider_id) rows.push_back(&row);
  }
  std::string text = text_of(out);
  text.pop_back();  // the closing brace: the rows are written as text already
  return text + ",\"rows\":" + rows_text(agreement, rows) + "}";
}

}  // namespace cqc::contract
