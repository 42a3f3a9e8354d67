// Reading CQC public API location records, and checking their published
// ratings against the principles (contract_cqc_api.hpp).
#include "contract_cqc_api.hpp"

#include <algorithm>
#include <map>

#include "contract.hpp"
#include "contract_util.hpp"

namespace cqc::contract {
namespace {

constexpr std::string_view kKeyQuestionWords[kQualityQuestionCount] = {"Safe", "Effective", "Caring",
                                                                      "Responsive", "Well-led"};

std::string list_key_questions() {
  std::string out;
  for (std::string_view w : kKeyQuestionWords) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string path(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}
std::string at(const std::string& parent, std::size_t i) { return parent + "[" + std::to_string(i) + "]"; }

// An inspection area's name and the areas that replaced it (supersededBy).
struct Area {
  std::string name;
  std::vector<std::string> superseded_by;
};

// Reads one record, reporting each problem with where it is.
class RecordReader {
 public:
  RecordReader(std::size_t index, std::size_t line, const CqcApiReadOptions& options,
               std::vector<ReadProblem>& problems)
      : index_(index), line_(line), options_(options), problems_(problems) {}

  std::optional<PublishedLocation> read(const Json& record) {
    if (!record.is_object()) {
      problem("", "must be a location object; got " + describe_value(record) + ", so it was skipped");
      return std::nullopt;
    }
    PublishedLocation location;
    location.index = index_;
    location.line = line_;
    const auto id = record.find("locationId");
    if (id == record.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
      const bool missing = id == record.end() || id->is_null();
      const std::string what = missing ? "is missing" : "must be a non-empty string; got " + describe_value(*id);
      problem("locationId", what + ": every location record needs one, so the record was skipped");
      return std::nullopt;
    }
    location.location_id = id->get_ref<const std::string&>();
    location_id_ = location.location_id;
    location.provider_id = text(record, "", "providerId");
    location.name = text(record, "", "name");
    location.type = text(record, "", "type");
    location.inspection_category = primary_category(record);
    const std::map<std::string, Area> areas = area_names(record);

    if (const Json* current = member(record, "", "currentRatings", Json::value_t::object)) {
      const std::string base = "currentRatings";
      location.report_date = date(*current, base);
      if (const Json* overall = member(*current, base, "overall", Json::value_t::object)) {
        const std::string at_overall = path(base, "overall");
        location.overall = rating(*overall, at_overall, location.report_date);
        const std::optional<CalendarDate> overall_date =
            location.overall && location.overall->date ? location.overall->date : location.report_date;
        location.key_questions = key_questions(*overall, at_overall, overall_date);
      }
      location.services = services(*current, base, location.report_date, areas);
    }
    if (options_.history) {
      if (const Json* history = member(record, "", "historicRatings", Json::value_t::array)) {
        for (std::size_t i = 0; i < history->size(); ++i) {
          const Json& report = (*history)[i];
          const std::string base = at("historicRatings", i);
          if (!report.is_object()) {
            problem(base, "must be a report object; got " + describe_value(report));
            continue;
          }
          PublishedReport read;
          read.date = date(report, base);
          if (const Json* overall = member(report, base, "overall", Json::value_t::object)) {
            read.overall = rating(*overall, path(base, "overall"), read.date);
            read.key_questions = key_questions(*overall, path(base, "overall"), read.date);
          }
          read.services = services(report, base, read.date, areas);
          location.history.push_back(std::move(read));
        }
      }
    }
    return location;
  }

 private:
  void problem(const std::string& field, const std::string& what) {
    std::string where = line_ > 0 ? "line " + std::to_string(line_) : "record " + std::to_string(index_);
    if (!location_id_.empty()) where += " (locationId \"" + location_id_ + "\")";
    const std::string subject = field.empty() ? "the record" : "field \"" + field + "\"";
    problems_.push_back({index_, line_, location_id_, field, where + ": " + subject + " " + what, "", 0});
  }

  // The member `key` of `object` when it has the expected type; absent and
  // null are both "not given" (the API writes null for an empty value), any
  // other type is a problem.
  const Json* member(const Json& object, const std::string& base, const char* key, Json::value_t type) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    if (found->type() != type) {
      const char* expected = type == Json::value_t::string  ? "a string"
                             : type == Json::value_t::array ? "an array"
                                                            : "an object";
      problem(path(base, key), std::string("must be ") + expected + "; got " + describe_value(*found));
      return nullptr;
    }
    return &*found;
  }

  std::string text(const Json& object, const std::string& base, const char* key) {
    const Json* value = member(object, base, key, Json::value_t::string);
    return value == nullptr ? std::string() : value->get_ref<const std::string&>();
  }

  std::optional<CalendarDate> date(const Json& object, const std::string& base) {
    const Json* value = member(object, base, "reportDate", Json::value_t::string);
    if (value == nullptr) return std::nullopt;
    const std::optional<CalendarDate> parsed = CalendarDate::parse(value->get_ref<const std::string&>());
    if (!parsed) {
      problem(path(base, "reportDate"),
              "must be a real date written YYYY-MM-DD; got " + describe_value(*value) + ", so it was left out");
    }
    return parsed;
  }

  // object's "rating" (absent when it has none) and "reportDate" (else `inherited`).
  std::optional<PublishedRating> rating(const Json& object, const std::string& base,
                                        const std::optional<CalendarDate>& inherited) {
    const Json* value = member(object, base, "rating", Json::value_t::string);
    if (value == nullptr) return std::nullopt;
    const std::string& word = value->get_ref<const std::string&>();
    if (std::optional<PublishedRating> published = published_rating_from_word(word)) {
      published->date = date(object, base);
      if (!published->date) published->date = inherited;
      return published;
    }
    problem(path(base, "rating"), "has a word that is not one of CQC's: " + describe_value(*value) +
                                      " (the API's words are " + published_rating_words() + "), so it was left out");
    return std::nullopt;
  }

  PublishedKeyQuestions key_questions(const Json& object, const std::string& base,
                                      const std::optional<CalendarDate>& inherited) {
    PublishedKeyQuestions out;
    const Json* list = member(object, base, "keyQuestionRatings", Json::value_t::array);
    if (list == nullptr) return out;
    const std::string list_path = path(base, "keyQuestionRatings");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& item = (*list)[i];
      const std::string item_path = at(list_path, i);
      if (!item.is_object()) {
        problem(item_path, "must be a key question object; got " + describe_value(item));
        continue;
      }
      const auto name_it = item.find("name");
      if (name_it == item.end() || name_it->is_null()) {
        problem(path(item_path, "name"), "is missing, so the key question was skipped");
        continue;
      }
      const Json* name = member(item, item_path, "name", Json::value_t::string);
      if (name == nullptr) continue;
      std::optional<std::size_t> question;
      for (std::size_t q = 0; q < kQualityQuestionCount; ++q) {
        if (same_words(name->get_ref<const std::string&>(), kKeyQuestionWords[q])) question = q;
      }
      if (!question) {
        problem(path(item_path, "name"), "is not a key question: " + describe_value(*name) +
                                             " (the API's names are " + list_key_questions() + ")");
        continue;
      }
      if (out.by_question[*question]) {
        problem(path(item_path, "name"), "repeats " + std::string(kKeyQuestionWords[*question]) +
                                             ", already given above: the first is kept");
        continue;
      }
      out.by_question[*question] = rating(item, item_path, inherited);
    }
    return out;
  }

  std::vector<PublishedService> services(const Json& object, const std::string& base,
                                         const std::optional<CalendarDate>& inherited,
                                         const std::map<std::string, Area>& areas) {
    std::vector<PublishedService> out;
    const Json* list = member(object, base, "serviceRatings", Json::value_t::array);
    if (list == nullptr) return out;
    const std::string list_path = path(base, "serviceRatings");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& item = (*list)[i];
      const std::string item_path = at(list_path, i);
      if (!item.is_object()) {
        problem(item_path, "must be a service object; got " + describe_value(item) + ", so it was skipped");
        continue;
      }
      PublishedService service;
      service.id = text(item, item_path, "name");
      if (service.id.empty()) {
        problem(path(item_path, "name"), "(the inspection-area id) is missing, so the service was skipped");
        continue;
      }
      if (const auto found = areas.find(service.id); found != areas.end()) {
        service.name = found->second.name;
        service.superseded_by = found->second.superseded_by;
      }
      service.overall = rating(item, item_path, inherited);
      const std::optional<CalendarDate> service_date =
          service.overall && service.overall->date ? service.overall->date : inherited;
      service.key_questions = key_questions(item, item_path, service_date);
      out.push_back(std::move(service));
    }
    return out;
  }

  std::string primary_category(const Json& record) {
    const Json* list = member(record, "", "inspectionCategories", Json::value_t::array);
    if (list == nullptr) return "";
    std::string first;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& item = (*list)[i];
      if (!item.is_object()) {
        problem(at("inspectionCategories", i), "must be an object; got " + describe_value(item));
        continue;
      }
      const std::string name = text(item, at("inspectionCategories", i), "name");
      const auto primary = item.find("primary");
      const bool is_primary = primary != item.end() && ((primary->is_string() && *primary == "true") ||
                                                        (primary->is_boolean() && primary->get<bool>()));
      if (is_primary) return name;
      if (first.empty()) first = name;
    }
    return first;
  }

  std::map<std::string, Area> area_names(const Json& record) {
    std::map<std::string, Area> names;
    const Json* list = member(record, "", "inspectionAreas", Json::value_t::array);
    if (list == nullptr) return names;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& item = (*list)[i];
      if (!item.is_object()) {
        problem(at("inspectionAreas", i), "must be an object; got " + describe_value(item));
        continue;
      }
      const std::string id = text(item, at("inspectionAreas", i), "inspectionAreaId");
      Area area;
      area.name = text(item, at("inspectionAreas", i), "inspectionAreaName");
      const std::string list_path = path(at("inspectionAreas", i), "supersededBy");
      if (const Json* by = member(item, at("inspectionAreas", i), "supersededBy", Json::value_t::array)) {
        for (std::size_t j = 0; j < by->size(); ++j) {
          if ((*by)[j].is_string()) {
            area.superseded_by.push_back((*by)[j].get<std::string>());
          } else {
            problem(at(list_path, j), "must be an inspection-area id (a string); got " + describe_value((*by)[j]));
          }
        }
      }
      if (!id.empty()) names.emplace(id, std::move(area));
    }
    return names;
  }

  std::size_t index_, line_;
  const CqcApiReadOptions& options_;
  std::vector<ReadProblem>& problems_;
  std::string location_id_;
};

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The input's lines, with their 1-based numbers, blank ones left out.
std::vector<std::pair<std::size_t, std::string_view>> lines_of(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string_view>> lines;
  std::size_t number = 0, start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    ++number;
    const std::string_view line = trimmed(text.substr(start, end - start));
    if (!line.empty()) lines.emplace_back(number, line);
    start = end + 1;
  }
  return lines;
}

// A line's JSON error, with its line number in place of nlohmann's "line 1".
std::string line_error(std::size_t number, const std::string& message) {
  std::string out = message;
  const std::string line_one = "at line 1, column ";
  if (const std::size_t found = out.find(line_one); found != std::string::npos) {
    out.replace(found, line_one.size(), "at column ");
  }
  return "line " + std::to_string(number) + ": " + out;
}

void whole_input_problem(ReadLocations& read, std::string message) {
  read.problems.push_back({std::nullopt, 0, "", "", std::move(message), "", 0});
}

}  // namespace

ReadLocations read_cqc_api_locations(std::string_view text, const CqcApiReadOptions& options) {
  ReadLocations read;
  if (text.size() > kMaxDataFileBytes) {
    whole_input_problem(read, "the input is larger than the limit of " + std::to_string(kMaxDataFileBytes) +
                                  " bytes (64 MiB): split it into smaller files");
    return read;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
  const std::string_view body = trimmed(text);
  if (body.empty()) {
    whole_input_problem(read, "the input is empty: give a CQC API location object, an array of them, "
                              "or JSON Lines (one object per line)");
    return read;
  }

  ParsedJson whole = parse_json_unlimited(text, "input", kMaxDataDepth);
  if (whole.error && body.front() == '{') {
    // Not one JSON document but it starts like an object: JSON Lines, if any
    // line is a JSON object by itself (a broken single object has none).
    const auto lines = lines_of(text);
    const bool json_lines =
        lines.size() > 1 && std::any_of(lines.begin(), lines.end(), [](const auto& line) {
          const ParsedJson parsed = parse_json_unlimited(line.second, "line", kMaxDataDepth);
          return !parsed.error && parsed.value.is_object();
        });
    if (json_lines) {
      read.format = CqcApiFormat::JsonLines;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& [number, line] = lines[i];
        ParsedJson parsed = parse_json_unlimited(line, "line", kMaxDataDepth);
        if (parsed.error) {
          read.problems.push_back({i, number, "", "", line_error(number, parsed.error->message) +
                                                          ", so the line was skipped", "", 0});
          continue;
        }
        RecordReader reader(i, number, options, read.problems);
        if (auto location = reader.read(parsed.value)) read.locations.push_back(std::move(*location));
      }
      return read;
    }
  }
  if (whole.error) {
    whole_input_problem(read, whole.error->message);
    return read;
  }
  if (whole.value.is_array()) {
    read.format = CqcApiFormat::Array;
    for (std::size_t i = 0; i < whole.value.size(); ++i) {
      RecordReader reader(i, 0, options, read.problems);
      if (auto location = reader.read(whole.value[i])) read.locations.push_back(std::move(*location));
    }
  } else if (whole.value.is_object()) {
    read.format = CqcApiFormat::Object;
    RecordReader reader(0, 0, options, read.problems);
    if (auto location = reader.read(whole.value)) read.locations.push_back(std::move(*location));
  } else {
    whole_input_problem(read, "the input must be a CQC API location object, an array of them, or JSON Lines; got " +
                                  describe_value(whole.value));
  }
  return read;
}

}  // namespace cqc::contract
