// The assessment document (contract version 2): a trust's ratings from its
// core services up, read into a TrustAssessment, evaluated through CQC's
// levels of ratings (hierarchy.hpp), and written out as every node with its
// explanation. core/contract/schema/assessment-v2.schema.json and
// assessment-result-v2.schema.json pin both shapes (tests/schema.test.mjs).
//
//   in:  {"trust": {"id", "name", "type"}, "as_at", "locations": [L], "services": [S],
//         "well_led": K, "use_of_resources": K, "judgement": {safe ... well_led, quality, combined},
//         "rules": {"quality", "combined"}, "options": {"trust_key_questions_from_services",
//         "joined_exclusion_months"}, "published": {node id: {"rating", "date", "as_published"}}}
//   L:   {"id", "name", "joined_on", "services": [S], "judgement": {safe ... well_led, overall}}
//   S:   {"id", "name", "significantly_small", "rationale", "joined_on",
//         "key_questions": {safe ... well_led: K}, "judgement": J}
//   K:   {"rating", "date", "as_published", "enforcement", "judgement": J, "history": [{"rating", "date"}]}
//   out: {"version": 2, "trust": {"name", "type", "id"}, "as_at", "nodes": [N], "notes": [...]}
//   N:   {"id", "level", "subject", "rating", "label", "final", "inputs": [ids], "date", "limit",
//         "not_awarded", "judgement", "summary", "explanation", "published"}
//   published: null, or {"rating", "label", "date", "as_published", "departs"}: CQC's published
//         rating of the node beside the rules-based one; departs is null when either is not rated.
//
// The live view, assess_ratings() (core/contract/schema/assessment-ratings-v2.schema.json): what a grid
// shows of every node, and in full only the nodes asked for (a cell's details), so an edit to a
// 10 x 12 trust writes some 100 KB instead of 0.5 MB and no sentence it does not show.
//   out: {"version": 2, "view": "ratings", "trust", "as_at", "nodes": [R], "notes", "explained": [N]}
//   R:   {"id", "rating", "final", "limit", "not_awarded", "judgement": null or {"rating",
//         "rationale", "departs"}, "published": null or {"rating", "departs"}}
#include "contract_assess.hpp"

#include <unordered_map>

#include "contract.hpp"
#include "contract_util.hpp"
#include "hierarchy.hpp"
#include "wording.hpp"

namespace cqc::contract {
namespace {

constexpr TrustType kTrustTypes[] = {TrustType::AcuteNonSpecialist, TrustType::AcuteSpecialist, TrustType::MentalHealth,
                                     TrustType::Community, TrustType::Ambulance};
constexpr Enforcement kEnforcements[] = {Enforcement::RequirementNotice, Enforcement::WarningNotice,
                                         Enforcement::ConditionOfRegistration};
const Question kFive[] = {Question::Safe, Question::Effective, Question::Caring, Question::Responsive,
                          Question::WellLed};

// A document's fields are read where they are right without building the
// field's name or an error message (a 10 x 12 trust has thousands of fields,
// and in WebAssembly each string built costs); a field in error is read again
// by the shared readers, which word the error. `base` names the object a
// field is in ("" at the top), `field_of` the field itself.
std::string field_of(const std::string& base, const char* key) { return base.empty() ? key : base + "." + key; }

class Reader {
 public:
  std::vector<FieldError> errors;

  std::optional<CalendarDate> date(const Json& object, const char* key, const std::string& base) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) {
      if (auto d = CalendarDate::parse(it->get_ref<const std::string&>())) return d;
    }
    const std::string field = field_of(base, key);
    errors.push_back({field, "field \"" + field + "\" must be a real date written YYYY-MM-DD; got " + describe_value(*it)});
    return std::nullopt;
  }

  std::string text(const Json& object, const char* key, const std::string& base) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return "";
    if (it->is_string() && it->get_ref<const std::string&>().size() <= 200) return it->get_ref<const std::string&>();
    const std::string field = field_of(base, key);
    errors.push_back({field, "field \"" + field + "\" must be a string of at most 200 bytes; got " + describe_value(*it)});
    return "";
  }

  bool flag(const Json& object, const char* key, const std::string& base) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return false;
    if (it->is_boolean()) return it->get<bool>();
    const std::string field = field_of(base, key);
    errors.push_back({field, "field \"" + field + "\" must be true or false; got " + describe_value(*it)});
    return false;
  }

  std::optional<Judgement> judgement(const Json& object, const char* key, const std::string& base) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    return read_judgement(*it, field_of(base, key), errors);
  }

  // expect_object(), deciding the common case (an object of accepted fields) without building its messages.
  bool object_of(const Json& value, const std::string& field, const std::vector<std::string>& allowed) {
    if (value.is_object()) {
      bool known = true;
      for (const auto& item : value.items()) {
        known = known && std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end();
      }
      if (known) return true;
    }
    return expect_object(value, field, allowed, errors);
  }

  DatedRating dated(const Json& value, const std::string& field) {
    static const std::vector<std::string> kFields = {"rating", "date", "as_published"};
    if (!object_of(value, field, kFields)) return {};
    return dated_fields(value, field);
  }

  // The rating, date and as_published of an object already checked.
  DatedRating dated_fields(const Json& value, const std::string& field) {
    DatedRating r;
    r.date = date(value, "date", field);
    r.as_published = text(value, "as_published", field);
    const auto it = value.find("rating");
    std::optional<Rating> rating;
    if (it != value.end() && it->is_string()) rating = parse_rating(it->get_ref<const std::string&>());
    if (!rating) rating = read_rating(value, "rating", field + ".rating", true, errors);
    if (rating) r.rating = *rating;
    return r;
  }

  KeyQuestionAssessment key_question(const Json& value, const std::string& field) {
    static const std::vector<std::string> kFields = {"rating", "date", "as_published", "enforcement", "judgement", "history"};
    KeyQuestionAssessment a;
    if (value.is_null()) return a;
    if (!object_of(value, field, kFields)) return a;
    // The current rating is the key question's own rating, date and as_published.
    if (value.contains("rating")) a.ratings.push_back(dated_fields(value, field));
    if (const auto it = value.find("history"); it != value.end() && !it->is_null()) {
      if (!it->is_array()) {
        errors.push_back({field + ".history", "field \"" + field + ".history\" must be an array of {rating, date}"});
      } else {
        for (std::size_t i = 0; i < it->size(); ++i) a.ratings.push_back(dated((*it)[i], field + ".history[" + std::to_string(i) + "]"));
      }
    }
    const std::string enforcement = text(value, "enforcement", field);
    if (!enforcement.empty()) {
      bool known = false;
      for (Enforcement e : kEnforcements) {
        if (enforcement == token(e)) a.enforcement = e, known = true;
      }
      if (!known) {
        errors.push_back({field + ".enforcement", "field \"" + field + ".enforcement\" has \"" + enforcement +
                                                      "\": give one of requirement_notice, warning_notice, condition_of_registration"});
      }
    }
    a.judgement = judgement(value, "judgement", field);
    return a;
  }

  // {"safe": J, ..., "well_led": J} plus the given overall keys ("overall";
  // "quality" and "combined"), each read into its place.
  std::array<std::optional<Judgement>, kQualityQuestionCount> question_judgements(
      const Json& object, const std::string& field,
      const std::vector<std::pair<const char*, std::optional<Judgement>*>>& overall) {
    std::array<std::optional<Judgement>, kQualityQuestionCount> out;
    const auto it = object.find("judgement");
    if (it == object.end() || it->is_null()) return out;
    std::vector<std::string> keys;
    for (Question q : kFive) keys.emplace_back(token(q));
    for (const auto& [key, place] : overall) keys.emplace_back(key);
    if (!object_of(*it, field, keys)) return out;
    for (int q = 0; q < 5; ++q) out[q] = judgement(*it, token(kFive[q]).data(), field);
    for (const auto& [key, place] : overall) *place = judgement(*it, key, field);
    return out;
  }

  ServiceAssessment service(const Json& value, const std::string& field) {
    static const std::vector<std::string> kFields = {"id",        "name",          "significantly_small", "rationale",
                                                     "joined_on", "key_questions", "judgement"};
    ServiceAssessment s;
    if (!object_of(value, field, kFields)) return s;
    s.id = id(value, field);
    s.name = text(value, "name", field);
    s.significantly_small = flag(value, "significantly_small", field);
    s.significantly_small_rationale = text(value, "rationale", field);
    if (s.significantly_small && s.significantly_small_rationale.empty()) {
      errors.push_back({field + ".rationale", "a service marked significantly small needs a rationale in \"" + field + ".rationale\""});
    }
    s.joined_on = date(value, "joined_on", field);
    s.judgement = judgement(value, "judgement", field);
    const auto kqs = value.find("key_questions");
    if (kqs != value.end()) {
      static const std::vector<std::string> kKeys = {"safe", "effective", "caring", "responsive", "well_led"};
      const std::string kqs_field = field + ".key_questions";
      if (object_of(*kqs, kqs_field, kKeys)) {
        for (int q = 0; q < 5; ++q) {
          const char* key = token(kFive[q]).data();
          if (const auto kq = kqs->find(key); kq != kqs->end()) s.key_questions[q] = key_question(*kq, field_of(kqs_field, key));
        }
      }
    }
    return s;
  }

  std::string id(const Json& value, const std::string& field) {
    const auto it = value.find("id");
    if (it != value.end() && it->is_string() && !it->get_ref<const std::string&>().empty() &&
        it->get_ref<const std::string&>().size() <= 64 && it->get_ref<const std::string&>().find('/') == std::string::npos) {
      return it->get_ref<const std::string&>();
    }
    errors.push_back({field + ".id", "field \"" + field + ".id\" must be 1 to 64 characters without \"/\"; got " +
                                         (it == value.end() ? std::string("nothing") : describe_value(*it))});
    return "?";
  }

  template <typename T, typename F>
  std::vector<T> list(const Json& object, const char* key, const std::string& field, F&& read) {
    std::vector<T> out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return out;
    if (!it->is_array()) {
      errors.push_back({field, "field \"" + field + "\" must be an array"});
      return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) out.push_back(read((*it)[i], field + "[" + std::to_string(i) + "]"));
    return out;
  }
};

std::optional<TrustAssessment> read_assessment(const Json& input, assess_detail::ReadDocument& doc,
                                               std::vector<FieldError>& errors) {
  HierarchyOptions& options = doc.options;
  Reader r;
  if (!expect_object(input, "", {"trust", "as_at", "locations", "services", "well_led", "use_of_resources", "judgement",
                                 "rules", "options", "published"},
                     r.errors) && !input.is_object()) {
    errors = r.errors;
    return std::nullopt;
  }
  TrustAssessment t;
  if (const auto it = input.find("trust"); it != input.end() && r.errors.empty()) {
    if (expect_object(*it, "trust", {"id", "name", "type"}, r.errors)) {
      doc.trust_id = r.text(*it, "id", "trust");
      t.name = r.text(*it, "name", "trust");
      const std::string type = r.text(*it, "type", "trust");
      bool known = type.empty();
      for (TrustType candidate : kTrustTypes) {
        if (type == token(candidate)) t.type = candidate, known = true;
      }
      if (!known) {
        r.errors.push_back({"trust.type", "field \"trust.type\" has \"" + type + "\": give one of acute_non_specialist, "
                                          "acute_specialist, mental_health, community, ambulance"});
      }
    }
  }
  options.as_at = r.date(input, "as_at", "");
  t.locations = r.list<LocationAssessment>(input, "locations", "locations", [&](const Json& v, const std::string& f) {
    LocationAssessment l;
    static const std::vector<std::string> kFields = {"id", "name", "joined_on", "services", "judgement"};
    if (!r.object_of(v, f, kFields)) return l;
    l.id = r.id(v, f);
    l.name = r.text(v, "name", f);
    l.joined_on = r.date(v, "joined_on", f);
    l.services = r.list<ServiceAssessment>(v, "services", f + ".services",
                                           [&](const Json& s, const std::string& sf) { return r.service(s, sf); });
    l.key_question_judgements = r.question_judgements(v, f + ".judgement", {{"overall", &l.judgement}});
    return l;
  });
  t.services = r.list<ServiceAssessment>(input, "services", "services",
                                         [&](const Json& s, const std::string& f) { return r.service(s, f); });
  if (input.contains("well_led")) t.well_led = r.key_question(input.at("well_led"), "well_led");
  if (input.contains("use_of_resources")) t.use_of_resources = r.key_question(input.at("use_of_resources"), "use_of_resources");
  t.key_question_judgements =
      r.question_judgements(input, "judgement", {{"quality", &t.quality_judgement}, {"combined", &t.combined_judgement}});
  if (const auto it = input.find("rules"); it != input.end() && !it->is_null()) {
    TrustOptions rules;
    if (apply_rules_config(*it, "rules", rules, r.errors)) {
      options.quality_rules = rules.quality_rules;
      options.combined_rules = rules.combined_rules;
    }
  }
  if (const auto it = input.find("options"); it != input.end() && !it->is_null()) {
    if (expect_object(*it, "options", {"trust_key_questions_from_services", "joined_exclusion_months"}, r.errors)) {
      options.trust_key_questions_from_services =
          r.flag(*it, "trust_key_questions_from_services", "options");
      if (const auto m = it->find("joined_exclusion_months"); m != it->end()) {
        if (m->is_number_integer() && m->get<int>() >= 0 && m->get<int>() <= 120) {
          options.joined_exclusion_months = m->get<int>();
        } else {
          r.errors.push_back({"options.joined_exclusion_months",
                              "field \"options.joined_exclusion_months\" must be a whole number from 0 to 120; got " +
                                  describe_value(*m)});
        }
      }
    }
  }
  // CQC's published ratings, by node id: shown beside the rules-based ones, never used by the rules.
  if (const auto it = input.find("published"); it != input.end() && !it->is_null()) {
    if (!it->is_object()) {
      r.errors.push_back({"published", "field \"published\" must be an object: node id -> {rating, date, as_published}"});
    } else {
      for (const auto& [id, value] : it->items()) {
        const std::string field = "published." + id.substr(0, 80);
        if (id.empty() || id.size() > 200) {
          r.errors.push_back({field, "a key of \"published\" must be a node id of 1 to 200 characters"});
          continue;
        }
        doc.published.emplace_back(id, r.dated(value, field));
      }
    }
  }
  // Ids name nodes, so two services of one location (or two locations) may not share one.
  auto unique = [&](const std::vector<std::string>& ids, const std::string& field) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (ids[i] == ids[j]) r.errors.push_back({field, "the id \"" + ids[i] + "\" appears twice in \"" + field + "\""});
      }
    }
  };
  std::vector<std::string> location_ids;
  for (const auto& l : t.locations) {
    location_ids.push_back(l.id);
    std::vector<std::string> ids;
    for (const auto& s : l.services) ids.push_back(s.id);
    unique(ids, "locations." + l.id + ".services");
  }
  unique(location_ids, "locations");
  errors = std::move(r.errors);
  if (!errors.empty()) return std::nullopt;
  return t;
}

// The tree of the answer, kept as the reference write_assessment()
// (contract_assess_writer.cpp) is compared with, byte for byte, in the tests.
OrderedJson published_json(const DatedRating& p, const NodeResult& result) {
  OrderedJson out = {{"rating", std::string(token(p.rating))}, {"label", std::string(label(p.rating))}};
  out["date"] = p.date ? OrderedJson(p.date->iso()) : OrderedJson(nullptr);
  out["as_published"] = p.as_published.empty() ? OrderedJson(nullptr) : OrderedJson(p.as_published);
  const std::optional<bool> departs = assess_detail::published_departs(p, result);
  out["departs"] = departs ? OrderedJson(*departs) : OrderedJson(nullptr);
  return out;
}

OrderedJson node_json(const assess_detail::Assessed& a, NodeIndex i) {
  const HierarchyModel& h = a.h;
  const std::vector<NodeResult>& results = a.results;
  const auto& published = a.published;
  const ModelNode& node = h.model.node(i);
  const NodeResult& result = results[i];
  const NodeValue& value = h.values[i];
  const Subject subject = assess_detail::node_subject(node);
  OrderedJson inputs = OrderedJson::array();
  for (NodeIndex input : node.inputs) inputs.push_back(h.model.node(input).id);
  OrderedJson out = {{"id", node.id},
                     {"level", node.level},
                     {"subject", node.subject},
                     {"rating", std::string(token(result.rating))},
                     {"label", std::string(label(result.rating))},
                     {"final", std::string(token(result.used_upward))},
                     {"inputs", inputs}};
  out["date"] = value.date ? OrderedJson(value.date->iso()) : OrderedJson(nullptr);
  out["limit"] = result.before_limit ? OrderedJson{{"reason", result.limit_reason},
                                                   {"before", std::string(token(*result.before_limit))}}
                                     : OrderedJson(nullptr);
  out["not_awarded"] = result.awarded ? OrderedJson(nullptr) : OrderedJson(result.not_awarded_reason);
  out["judgement"] = value.judgement ? OrderedJson{{"rating", std::string(token(value.judgement->rating))},
                                                   {"rationale", value.judgement->rationale},
                                                   {"departs", value.judgement->rating != result.rating},
                                                   {"text", describe(*value.judgement, result.rating, subject)}}
                                     : OrderedJson(nullptr);
  if (result.aggregate) {
    out["summary"] = summarise(*result.aggregate, subject);
    OrderedJson principles = OrderedJson::array();
    for (const PrincipleCheck& check : result.aggregate->explanation.checks) {
      principles.push_back({{"principle", std::string(token(check.principle))},
                            {"applies", check.applies},
                            {"decided", check.decided},
                            {"count", check.count},
                            {"threshold", check.threshold},
                            {"text", describe(check, result.aggregate->explanation, subject)}});
    }
    out["explanation"] = {{"rule_set", h.rules.of(node.rules).name},
                          {"rated", result.aggregate->explanation.counts.rated()},
                          {"decided_by", std::string(token(result.aggregate->explanation.decided_by))},
                          {"principles", principles}};
  } else {
    out["summary"] = nullptr;
    out["explanation"] = nullptr;
  }
  const auto p = published.find(node.id);
  out["published"] = p == published.end() ? OrderedJson(nullptr) : published_json(*p->second, result);
  return out;
}

}  // namespace

namespace assess_detail {

std::optional<ReadDocument> read_document(std::string_view text, const std::optional<CalendarDate>& as_at,
                                          std::string& error) {
  const ParsedJson parsed = parse_json(text, "assessment", kMaxAssessmentBytes);
  if (parsed.error) {
    error = dump(errors_to_json({*parsed.error}));
    return std::nullopt;
  }
  ReadDocument doc;
  std::vector<FieldError> errors;
  std::optional<TrustAssessment> trust = read_assessment(parsed.value, doc, errors);
  if (!trust) {
    error = dump(errors_to_json(errors));
    return std::nullopt;
  }
  doc.trust = std::move(*trust);
  if (as_at) doc.options.as_at = as_at;
  return doc;
}

std::optional<KeyQuestionAssessment> read_key_question(std::string_view text, const std::string& field,
                                                       std::string& error) {
  const ParsedJson parsed = parse_json(text, field, kMaxAssessmentBytes);
  if (parsed.error) {
    error = dump(errors_to_json({*parsed.error}));
    return std::nullopt;
  }
  Reader r;
  KeyQuestionAssessment kq = r.key_question(parsed.value, field);
  if (r.errors.empty()) return kq;
  error = dump(errors_to_json(r.errors));
  return std::nullopt;
}

std::vector<std::pair<std::string, InputPlace>> input_places(const TrustAssessment& trust) {
  std::vector<std::pair<std::string, InputPlace>> out;
  auto service = [&](const std::string& location_id, const std::string& location_name, const ServiceAssessment& s) {
    for (Question q : kFive) {
      out.push_back({node_id::service_key_question(location_id, s.id, q),
                     {location_id, location_name, s.id, s.name.empty() ? s.id : s.name, q}});
    }
  };
  for (const LocationAssessment& l : trust.locations) {
    for (const ServiceAssessment& s : l.services) service(l.id, l.name.empty() ? l.id : l.name, s);
  }
  for (const ServiceAssessment& s : trust.services) service("", "", s);
  out.push_back({node_id::trust_key_question(Question::WellLed), {"", "", "", "", Question::WellLed}});
  out.push_back({node_id::kUseOfResources, {"", "", "", "", Question::UseOfResources}});
  return out;
}

std::optional<bool> published_departs(const DatedRating& published, const NodeResult& result) {
  if (!is_rated(published.rating) || !result.awarded || !is_rated(result.rating)) return std::nullopt;
  return published.rating != result.rating;
}

Assessed assess_document(const ReadDocument& doc) {
  Assessed a{build_hierarchy(doc.trust, doc.options), {}, {}, {}};
  a.results = evaluate(a.h.model, a.h.values, a.h.rules);
  for (const auto& [id, rating] : doc.published) a.published.emplace(id, &rating);  // the first of a repeated id wins
  std::size_t shown = 0;
  for (const ModelNode& node : a.h.model.nodes()) shown += a.published.count(node.id);
  a.notes = a.h.notes;
  if (shown < a.published.size()) {
    a.notes.push_back({"", "published_without_node",
                       std::to_string(a.published.size() - shown) + " of the published ratings name nodes that are "
                       "not in this assessment (a service or location taken out), so they are not shown."});
  }
  return a;
}

OrderedJson assessment_to_json(const ReadDocument& doc, const Assessed& a) {
  OrderedJson nodes = OrderedJson::array();
  for (NodeIndex i = 0; i < a.h.model.size(); ++i) nodes.push_back(node_json(a, i));
  OrderedJson notes = OrderedJson::array();
  for (const HierarchyNote& n : a.notes) notes.push_back({{"node", n.node}, {"code", n.code}, {"text", n.text}});
  const TrustAssessment& trust = doc.trust;
  return {{"version", 2},
          {"trust", {{"name", trust.name}, {"type", std::string(token(trust.type))},
                     {"id", doc.trust_id.empty() ? OrderedJson(nullptr) : OrderedJson(doc.trust_id)}}},
          {"as_at", doc.options.as_at ? OrderedJson(doc.options.as_at->iso()) : OrderedJson(nullptr)},
          {"nodes", nodes},
          {"notes", notes}};
}

}  // namespace assess_detail

namespace {

// The document read and evaluated, then written by `write`; or the error JSON. `ok` says which.
template <typename Write>
std::string evaluated(std::string_view text, const std::optional<CalendarDate>& as_at, bool* ok, Write&& write) {
  std::string error;
  const std::optional<assess_detail::ReadDocument> doc = assess_detail::read_document(text, as_at, error);
  if (ok) *ok = doc.has_value();
  return doc ? write(*doc, assess_detail::assess_document(*doc)) : error;
}

}  // namespace

std::string assess(std::string_view text, const std::optional<CalendarDate>& as_at, bool* ok) {
  return evaluated(text, as_at, ok, assess_detail::write_assessment);
}

std::string assess_ratings(std::string_view text, const std::optional<CalendarDate>& as_at,
                           const std::vector<std::string>& explain, bool* ok) {
  return evaluated(text, as_at, ok, [&](const auto& doc, const auto& assessed) {
    return assess_detail::write_ratings_view(doc, assessed, explain);
  });
}

}  // namespace cqc::contract
