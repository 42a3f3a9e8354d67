// The workbench's live assessment (include/cqc/contract_live_assessment.hpp):
// the document read once and kept; an entered rating changed in place, the
// levels evaluated again (a fraction of a millisecond natively for 10 x 12),
// and only the nodes whose written ratings differ from the last answer's
// written out. tests/live_assessment_test.cpp holds every answer to assess_ratings()
// of the whole document with the same change made.
#include "contract_live_assessment.hpp"

#include <unordered_map>

#include "contract.hpp"
#include "contract_assess.hpp"
#include "contract_util.hpp"

namespace cqc::contract {

// Where an input node's entered object sits in the document.
struct InputSlot {
  KeyQuestionAssessment* entry;
  std::string field;  // as the document names it: "locations[0].services[2].key_questions.safe"
};

struct LiveAssessment::State {
  std::optional<assess_detail::ReadDocument> doc;  // nullopt: nothing loaded, or the last load failed
  std::unordered_map<std::string, InputSlot> inputs;
  std::vector<std::string> ids;    // the last answer's nodes, in order
  std::vector<std::string> rated;  // ... and each one's ratings as written
  std::string notes;               // ... and its notes as written ("" before the first)

  void index_inputs() {
    inputs.clear();
    TrustAssessment& t = doc->trust;
    auto service = [&](const std::string& location, ServiceAssessment& s, const std::string& base) {
      for (int q = 0; q < static_cast<int>(kQualityQuestionCount); ++q) {
        const Question question = static_cast<Question>(q);
        inputs[node_id::service_key_question(location, s.id, question)] = {
            &s.key_questions[static_cast<std::size_t>(q)], base + ".key_questions." + std::string(token(question))};
      }
    };
    for (std::size_t l = 0; l < t.locations.size(); ++l) {
      for (std::size_t s = 0; s < t.locations[l].services.size(); ++s) {
        service(t.locations[l].id, t.locations[l].services[s],
                "locations[" + std::to_string(l) + "].services[" + std::to_string(s) + "]");
      }
    }
    for (std::size_t s = 0; s < t.services.size(); ++s) service("", t.services[s], "services[" + std::to_string(s) + "]");
    inputs[node_id::trust_key_question(Question::WellLed)] = {&t.well_led, "well_led"};
    inputs[node_id::kUseOfResources] = {&t.use_of_resources, "use_of_resources"};
  }

  // Evaluates the document as it now is and answers with what changed since the last answer.
  std::string answer(const std::vector<std::string>& explain) {
    const assess_detail::Assessed a = assess_detail::assess_document(*doc);
    const auto size = static_cast<std::size_t>(a.h.model.size());
    bool same_ids = ids.size() == size;
    for (std::size_t i = 0; same_ids && i < size; ++i) same_ids = ids[i] == a.h.model.node(static_cast<NodeIndex>(i)).id;
    std::vector<std::string> now(size);
    std::vector<NodeIndex> changed;
    for (std::size_t i = 0; i < size; ++i) {
      now[i] = assess_detail::rated_node_json(a, static_cast<NodeIndex>(i));
      if (!same_ids || now[i] != rated[i]) changed.push_back(static_cast<NodeIndex>(i));
    }
    if (!same_ids) {
      ids.resize(size);
      for (std::size_t i = 0; i < size; ++i) ids[i] = a.h.model.node(static_cast<NodeIndex>(i)).id;
    }
    rated = std::move(now);
    // A 10 x 12 trust's notes (ratings carried forward) are some 20 KB: sent when they change.
    std::string now_notes = assess_detail::notes_json(a);
    const bool same_notes = same_ids && now_notes == notes;
    notes = std::move(now_notes);
    return assess_detail::write_live_view(*doc, a, rated, changed, !same_ids, same_notes ? nullptr : &notes, explain);
  }

  std::string refuse(const std::string& field, const std::string& message) {
    return dump(errors_to_json({{field, message}}));
  }
};

LiveAssessment::LiveAssessment() : state_(std::make_unique<State>()) {}
LiveAssessment::~LiveAssessment() = default;

bool LiveAssessment::loaded() const { return state_->doc.has_value(); }

std::string LiveAssessment::load(std::string_view document, const std::optional<CalendarDate>& as_at,
                                 const std::vector<std::string>& explain) {
  std::string error;
  state_->doc = assess_detail::read_document(document, as_at, error);
  if (!state_->doc) return error;
  state_->index_inputs();
  return state_->answer(explain);
}

std::string LiveAssessment::set_entry(std::string_view node_id, std::string_view entry,
                                      const std::vector<std::string>& explain) {
  State& s = *state_;
  if (!s.doc) return s.refuse("", "no document is loaded: load the whole document first");
  const auto slot = s.inputs.find(std::string(node_id));
  if (slot == s.inputs.end()) {
    return s.refuse("node", "\"" + std::string(node_id.substr(0, 200)) + "\" is not an entered rating of this document");
  }
  std::string error;
  std::optional<KeyQuestionAssessment> read = assess_detail::read_key_question(entry, slot->second.field, error);
  if (!read) {
    s.doc.reset();  // the document with this entry has errors: answered by a load from now on
    return error;
  }
  *slot->second.entry = std::move(*read);
  return s.answer(explain);
}

}  // namespace cqc::contract
