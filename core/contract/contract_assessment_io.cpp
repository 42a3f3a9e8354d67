// The assessment document to CQC's Locations and Providers sheets and from published data
// (contract_assessment_io.hpp).
#include "contract_assessment_io.hpp"

#include <algorithm>
#include <unordered_map>

#include "contract.hpp"
#include "contract_assess.hpp"
#include "contract_audit_view.hpp"
#include "contract_ratings_export.hpp"
#include "contract_util.hpp"
#include "hierarchy.hpp"

namespace cqc::contract {
namespace {

constexpr Question kFive[] = {Question::Safe, Question::Effective, Question::Caring, Question::Responsive,
                              Question::WellLed};

struct CategoryName {
  TrustType type;
  std::string_view category;  // as CQC writes it (the Locations sheet's)
};
constexpr CategoryName kCategories[] = {
    {TrustType::AcuteNonSpecialist, "Acute hospital - NHS non-specialist"},
    {TrustType::AcuteSpecialist, "Acute hospital - NHS specialist"},
    {TrustType::MentalHealth, "Mental health - community & hospital based - NHS"},
    {TrustType::Community, "Community health - NHS & Independent"},
    {TrustType::Ambulance, "Ambulance service"},
};

bool contains(std::string_view text, std::string_view part) {
  if (part.size() > text.size()) return false;
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
    if (same_words(text.substr(i, part.size()), part)) return true;
  }
  return false;
}

// ---- to CQC's sheets ------------------------------------------------------------------

SheetCsv sheet_error(const std::string& field, const std::string& message) {
  return {"", dump(errors_to_json({{field, message}}))};
}

}  // namespace

std::string_view trust_type_from_category(std::string_view category) {
  if (contains(category, "non-specialist")) return token(TrustType::AcuteNonSpecialist);
  if (contains(category, "acute") && contains(category, "specialist")) return token(TrustType::AcuteSpecialist);
  if (contains(category, "acute hospital")) return token(TrustType::AcuteNonSpecialist);
  if (contains(category, "mental health")) return token(TrustType::MentalHealth);
  if (contains(category, "community health")) return token(TrustType::Community);
  if (contains(category, "ambulance")) return token(TrustType::Ambulance);
  return "";
}

const SheetCsv& ExportSheets::of(ExportSheet sheet) const {
  return sheet == ExportSheet::Providers ? providers : locations;
}

ExportSheets assessment_to_export_sheets(std::string_view document, const std::optional<CalendarDate>& as_at) {
  std::string error;
  const std::optional<assess_detail::ReadDocument> doc = assess_detail::read_document(document, as_at, error);
  if (!doc) return {{"", error}, {"", error}};
  const TrustAssessment& trust = doc->trust;
  const HierarchyModel h = build_hierarchy(trust, doc->options);
  const std::vector<NodeResult> results = evaluate(h.model, h.values, h.rules);
  std::unordered_map<std::string_view, NodeIndex> by_id;
  for (NodeIndex i = 0; i < h.model.size(); ++i) by_id.emplace(h.model.node(i).id, i);
  // Each node's date: an input's own; an aggregate's, the latest below it.
  std::vector<std::optional<CalendarDate>> dates(static_cast<std::size_t>(h.model.size()));
  for (NodeIndex i = 0; i < h.model.size(); ++i) {
    dates[i] = h.values[i].date;
    for (NodeIndex input : h.model.node(i).inputs) {
      if (dates[input] && (!dates[i] || *dates[i] < *dates[input])) dates[i] = dates[input];
    }
  }
  // The published form of a node, if it has one to publish: `input` is the key question assessed for an
  // input node (nullptr for an aggregate).
  auto published = [&](NodeIndex i, const KeyQuestionAssessment* input) -> std::optional<PublishedRating> {
    const NodeResult& r = results[i];
    const NodeValue& v = h.values[i];
    PublishedRating out;
    out.rating = r.used_upward;
    out.date = dates[i];
    if (input) {
      const auto given = std::find_if(input->ratings.begin(), input->ratings.end(), [&](const DatedRating& d) {
        const bool same_date = d.date ? v.date && d.date->iso() == v.date->iso() : !v.date;
        return same_date && d.rating == v.rating;
      });
      if (given == input->ratings.end()) return std::nullopt;  // none given (as at the date)
      if (!is_rated(out.rating)) out.as_published = given->as_published;
    } else if (!is_rated(out.rating) && !v.judgement) {
      return std::nullopt;  // nothing rated below
    }
    return out;
  };
  auto node = [&](const std::string& id) { return by_id.at(id); };
  auto service_of = [&](const std::string& location, const ServiceAssessment& s) {
    PublishedService service;
    service.id = s.id;
    service.name = s.name.empty() ? s.id : s.name;
    service.overall = published(node(node_id::service(location, s.id)), nullptr);
    for (int q = 0; q < 5; ++q) {
      service.key_questions.of(kFive[q]) =
          published(node(node_id::service_key_question(location, s.id, kFive[q])), &s.key_questions[q]);
    }
    return service;
  };
  std::string_view category;
  for (const CategoryName& c : kCategories) {
    if (c.type == trust.type) category = c.category;
  }
  constexpr std::string_view kNhsType = "NHS Healthcare Organisation";

  ExportSheets out;
  if (has_locations(trust.type)) {
    std::vector<PublishedLocation> locations;
    for (const LocationAssessment& l : trust.locations) {
      PublishedLocation location;
      location.location_id = l.id;
      location.provider_id = doc->trust_id;
      location.provider_name = trust.name;
      location.name = l.name.empty() ? l.id : l.name;
      location.type = kNhsType;
      location.inspection_category = category;
      const NodeIndex at = node(node_id::location(l.id));
      location.overall = published(at, nullptr);
      const auto& questions = h.model.node(at).inputs;  // with one location, well-led is the trust's
      for (int q = 0; q < 5; ++q) {
        const bool input = h.model.node(questions[q]).kind == ModelNode::Kind::Input;
        location.key_questions.of(kFive[q]) = published(questions[q], input ? &trust.well_led : nullptr);
      }
      for (const ServiceAssessment& s : l.services) location.services.push_back(service_of(l.id, s));
      locations.push_back(std::move(location));
    }
    out.locations.csv = write_locations_sheet(locations);
  } else {
    out.locations = sheet_error("trust.type", "a " + std::string(token(trust.type)) +
                                                  " trust has no locations: CQC publishes its core services' ratings "
                                                  "for the provider, in the Providers sheet");
  }

  if (doc->trust_id.empty()) {
    out.providers = sheet_error("trust.id", "the Providers sheet names the trust by its CQC provider ID (for example "
                                            "RA4): give the trust's ID to write it");
    return out;
  }
  PublishedProvider provider;
  provider.provider_id = doc->trust_id;
  provider.name = trust.name;
  provider.type = kNhsType;
  provider.inspection_category = category;
  for (int q = 0; q < 5; ++q) {
    const bool input = kFive[q] == Question::WellLed;  // the trust-wide assessment
    provider.key_questions.of(kFive[q]) =
        published(node(node_id::trust_key_question(kFive[q])), input ? &trust.well_led : nullptr);
  }
  provider.overall = published(node(node_id::kTrustQuality), nullptr);
  // Use of resources and the combined rating, for the trust types that have them.
  if (const auto uor = by_id.find(node_id::kUseOfResources); uor != by_id.end()) {
    provider.use_of_resources = published(uor->second, &trust.use_of_resources);
  }
  if (const auto combined = by_id.find(node_id::kTrustCombined); combined != by_id.end()) {
    provider.combined = published(combined->second, nullptr);
  }
  for (const ServiceAssessment& s : trust.services) provider.services.push_back(service_of("", s));
  out.providers.csv = write_providers_sheet({provider});
  return out;
}

// ---- from published data -------------------------------------------------------------

namespace {

struct ProviderView {
  const PublishedProvider* own = nullptr;             // its own ratings (the Providers sheet), if read
  std::vector<const PublishedLocation*> locations;     // its locations with service ratings
  std::vector<const PublishedLocation*> all_locations;
  std::string name, category;
};

bool has_any(const PublishedService& s) {
  if (s.overall) return true;
  for (const auto& q : s.key_questions.by_question) if (q) return true;
  return false;
}

std::vector<const PublishedService*> current_services(const std::vector<PublishedService>& services) {
  std::vector<const PublishedService*> out;
  for (const PublishedService& s : services) {
    if (!has_any(s)) continue;
    // A retired inspection area whose successor is in the grid no longer counts (the audit's rule).
    const bool superseded = std::any_of(s.superseded_by.begin(), s.superseded_by.end(), [&](const std::string& next) {
      return std::any_of(services.begin(), services.end(), [&](const PublishedService& t) { return t.id == next && has_any(t); });
    });
    if (!superseded) out.push_back(&s);
  }
  return out;
}

ProviderView view_of(const PublishedData& data, std::string_view provider_id) {
  ProviderView v;
  for (const PublishedProvider& p : data.providers) {
    if (p.provider_id == provider_id) v.own = &p;
  }
  for (const PublishedLocation& l : data.locations) {
    if (l.provider_id != provider_id) continue;
    v.all_locations.push_back(&l);
    if (!current_services(l.services).empty()) v.locations.push_back(&l);
  }
  if (v.own) v.name = v.own->name, v.category = v.own->inspection_category;
  for (const PublishedLocation* l : v.all_locations) {
    if (v.name.empty()) v.name = l->provider_name;
    // A trust's type is its hospitals': an acute category wins over a community site's.
    if (v.category.empty() || (!trust_type_from_category(l->inspection_category).empty() &&
                               trust_type_from_category(v.category).empty())) {
      v.category = l->inspection_category;
    }
  }
  for (const PublishedLocation* l : v.locations) {
    if (contains(l->inspection_category, "acute") && !contains(v.category, "acute") && !v.own) v.category = l->inspection_category;
  }
  return v;
}

std::string trust_type_of(const ProviderView& v) {
  const std::string_view type = trust_type_from_category(v.category);
  return type.empty() ? std::string(token(TrustType::AcuteNonSpecialist)) : std::string(type);
}

// A service's id in the document: CQC's id or name when it is one (1-64 characters, no "/"), else a
// shortened form; unique within its location.
std::string service_id(const PublishedService& s, std::vector<std::string>& taken) {
  std::string id = s.id.empty() ? s.name : s.id;
  std::replace(id.begin(), id.end(), '/', '-');
  if (id.empty()) id = "service";
  if (id.size() > 60) id.resize(60);
  std::string unique = id;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) unique = id + "-" + std::to_string(n);
  taken.push_back(unique);
  return unique;
}

std::string cut(const std::string& text, std::size_t at_most) { return text.size() <= at_most ? text : text.substr(0, at_most); }

OrderedJson dated_json(const PublishedRating& r) {
  OrderedJson out = {{"rating", std::string(token(r.rating))}};
  if (r.date) out["date"] = r.date->iso();
  // CQC's words when they are not simply the rating's label ("Inspected but not rated").
  if (!r.as_published.empty() && !same_words(r.as_published, label(r.rating))) out["as_published"] = cut(r.as_published, 200);
  return out;
}

class DocumentWriter {
 public:
  OrderedJson published = OrderedJson::object();

  void keep(const std::string& node, const std::optional<PublishedRating>& r) {
    if (r) published[node] = dated_json(*r);
  }

  OrderedJson service(const std::string& location, const PublishedService& s, std::vector<std::string>& taken) {
    const std::string id = service_id(s, taken);
    OrderedJson kqs = OrderedJson::object();
    for (Question q : kFive) {
      if (const auto& r = s.key_questions.of(q)) {
        kqs[std::string(token(q))] = dated_json(*r);
        keep(node_id::service_key_question(location, id, q), r);
      }
    }
    keep(node_id::service(location, id), s.overall);
    return {{"id", id}, {"name", cut(s.name.empty() ? s.id : s.name, 200)}, {"key_questions", kqs}};
  }
};

}  // namespace

std::string published_providers_json(const PublishedData& data) {
  std::vector<std::string> ids;
  for (const PublishedProvider& p : data.providers) ids.push_back(p.provider_id);
  for (const PublishedLocation& l : data.locations) {
    if (std::find(ids.begin(), ids.end(), l.provider_id) == ids.end()) ids.push_back(l.provider_id);
  }
  OrderedJson providers = OrderedJson::array();
  for (const std::string& id : ids) {
    if (id.empty()) continue;
    const ProviderView v = view_of(data, id);
    std::size_t services = 0;
    for (const PublishedLocation* l : v.locations) services += current_services(l->services).size();
    if (v.own) services += current_services(v.own->services).size();
    const bool own = v.own && (v.own->overall || v.own->use_of_resources || v.own->combined ||
                               std::any_of(v.own->key_questions.by_question.begin(),
                                           v.own->key_questions.by_question.end(), [](const auto& q) { return q.has_value(); }));
    if (services == 0 && !own) continue;
    const std::string_view from_category = trust_type_from_category(v.category);
    providers.push_back({{"provider_id", id},
                         {"name", v.name},
                         {"trust_type", trust_type_of(v)},
                         {"trust_type_from", from_category.empty() ? OrderedJson(nullptr) : OrderedJson(v.category)},
                         {"locations", v.locations.size()},
                         {"services", services},
                         {"own_ratings", own}});
  }
  return dump(OrderedJson{{"providers", providers},
                          {"locations", data.locations.size()},
                          {"rows_read", data.rows_read},
                          {"problems", read_problems_json(data, kAuditProblemsShown)}});
}

std::string assessment_from_published(const PublishedData& data, std::string_view provider_id, bool* ok) {
  if (ok) *ok = false;
  const ProviderView v = view_of(data, provider_id);
  if (!v.own && v.all_locations.empty()) {
    return dump(errors_to_json({{"provider_id", "no provider \"" + std::string(provider_id.substr(0, 80)) +
                                                    "\" in the data read: give one of the provider IDs it lists"}}));
  }
  const std::string type = trust_type_of(v);
  TrustType trust_type = TrustType::AcuteNonSpecialist;
  for (const CategoryName& c : kCategories) {
    if (token(c.type) == type) trust_type = c.type;
  }
  DocumentWriter w;
  OrderedJson doc = {{"trust", {{"id", cut(std::string(provider_id), 200)}, {"name", cut(v.name, 200)}, {"type", type}}}};
  std::optional<PublishedRating> well_led = v.own ? v.own->key_questions.of(Question::WellLed) : std::nullopt;
  if (has_locations(trust_type)) {
    const bool single = v.locations.size() == 1;
    OrderedJson locations = OrderedJson::array();
    for (const PublishedLocation* l : v.locations) {
      std::vector<std::string> taken;
      OrderedJson services = OrderedJson::array();
      for (const PublishedService* s : current_services(l->services)) services.push_back(w.service(l->location_id, *s, taken));
      w.keep(node_id::location(l->location_id), l->overall);
      for (Question q : kFive) {
        // With one location its well-led is the trust-wide well-led: the provider's when read, else the location's.
        if (q == Question::WellLed && single) {
          if (!well_led) well_led = l->key_questions.of(q);
          continue;
        }
        w.keep(node_id::location_key_question(l->location_id, q), l->key_questions.of(q));
      }
      locations.push_back({{"id", cut(l->location_id, 64)}, {"name", cut(l->name, 200)}, {"services", services}});
    }
    doc["locations"] = locations;
  } else {
    std::vector<std::string> taken;
    OrderedJson services = OrderedJson::array();
    if (v.own) {
      for (const PublishedService* s : current_services(v.own->services)) services.push_back(w.service("", *s, taken));
    }
    doc["services"] = services;
  }
  if (well_led) doc["well_led"] = dated_json(*well_led);
  if (v.own) {
    for (Question q : kFive) {
      if (q != Question::WellLed) w.keep(node_id::trust_key_question(q), v.own->key_questions.of(q));
    }
    w.keep(node_id::kTrustQuality, v.own->overall);
    if (v.own->use_of_resources) doc["use_of_resources"] = dated_json(*v.own->use_of_resources);
    w.keep(node_id::kUseOfResources, v.own->use_of_resources);
    w.keep(node_id::kTrustCombined, v.own->combined);
  }
  w.keep(node_id::trust_key_question(Question::WellLed), well_led);
  doc["published"] = std::move(w.published);
  if (ok) *ok = true;
  return dump(doc);
}

// ---- the import --------------------------------------------------------------------------

void PublishedImport::begin_file(std::string name) { session_.begin_file(std::move(name)); }
void PublishedImport::feed(std::string_view bytes) { session_.feed(bytes); }
void PublishedImport::add_row(std::size_t line, const std::vector<std::string_view>& cells) { session_.add_row(line, cells); }
void PublishedImport::end_file() { session_.end_file(); }
std::string PublishedImport::finish() {
  session_.end_file();
  return published_providers_json(session_.data());
}
std::string PublishedImport::document(std::string_view provider_id, bool* ok) {
  session_.end_file();
  return assessment_from_published(session_.data(), provider_id, ok);
}

}  // namespace cqc::contract
