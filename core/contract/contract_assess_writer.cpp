// The assessment's answer written straight to JSON text, key by key in the
// order contract_assess.cpp documents, without building a JSON tree first:
// for a trust of 10 locations x 12 services (some 800 nodes) the tree and its
// dump were most of an assessment's cost. The bytes are those of
// dump(assessment_to_json(...)); tests/assess_writer_test.cpp compares the two
// on the example documents and on hundreds of generated trusts with hostile text.
#include "contract_assess.hpp"
#include "json_writer.hpp"

#include <algorithm>

namespace cqc::contract::assess_detail {
namespace {

void date_or_null(JsonWriter& w, const std::optional<CalendarDate>& date) {
  if (date) w.string(date->iso());
  else w.null();
}

void published(JsonWriter& w, const DatedRating& p, const NodeResult& result) {
  w.begin('{').key("rating").string(token(p.rating)).key("label").string(label(p.rating)).key("date");
  date_or_null(w, p.date);
  w.key("as_published").string_or_null(p.as_published).key("departs");
  if (const std::optional<bool> departs = published_departs(p, result)) w.boolean(*departs);
  else w.null();
  w.end('}');
}

// An enforcement limit (with the rating before it) and why no rating is awarded: both views write them.
void limit_and_award(JsonWriter& w, const NodeResult& result) {
  w.key("limit");
  if (result.before_limit) {
    w.begin('{').key("reason").string(result.limit_reason).key("before").string(token(*result.before_limit)).end('}');
  } else {
    w.null();
  }
  w.key("not_awarded");
  if (result.awarded) w.null();
  else w.string(result.not_awarded_reason);
}

void explanation(JsonWriter& w, const Aggregate& aggregate, const RuleSet& rules, Subject subject) {
  const Explanation& e = aggregate.explanation;
  w.begin('{').key("rule_set").string(rules.name).key("rated").number(e.counts.rated());
  w.key("decided_by").string(token(e.decided_by)).key("principles").begin('[');
  for (const PrincipleCheck& check : e.checks) {
    w.begin('{').key("principle").string(token(check.principle)).key("applies").boolean(check.applies);
    w.key("decided").boolean(check.decided).key("count").number(check.count).key("threshold").number(check.threshold);
    w.key("text").string(describe(check, e, subject)).end('}');
  }
  w.end(']').end('}');
}

void node(JsonWriter& w, const Assessed& a, NodeIndex i) {
  const ModelNode& node = a.h.model.node(i);
  const NodeResult& result = a.results[i];
  const NodeValue& value = a.h.values[i];
  const Subject subject = node_subject(node);
  w.begin('{').key("id").string(node.id).key("level").string(node.level).key("subject").string(node.subject);
  w.key("rating").string(token(result.rating)).key("label").string(label(result.rating));
  w.key("final").string(token(result.used_upward)).key("inputs").begin('[');
  for (NodeIndex input : node.inputs) w.string(a.h.model.node(input).id);
  w.end(']').key("date");
  date_or_null(w, value.date);
  limit_and_award(w, result);
  w.key("judgement");
  if (const std::optional<Judgement>& j = value.judgement) {
    w.begin('{').key("rating").string(token(j->rating)).key("rationale").string(j->rationale);
    w.key("departs").boolean(j->rating != result.rating).key("text").string(describe(*j, result.rating, subject)).end('}');
  } else {
    w.null();
  }
  if (result.aggregate) {
    w.key("summary").string(summarise(*result.aggregate, subject)).key("explanation");
    explanation(w, *result.aggregate, a.h.rules.of(node.rules), subject);
  } else {
    w.key("summary").null().key("explanation").null();
  }
  w.key("published");
  const auto p = a.published.find(node.id);
  if (p == a.published.end()) w.null();
  else published(w, *p->second, result);
  w.end('}');
}

// A node's ratings only, as the workbench's grids show them (write_ratings_view).
void ratings_of(JsonWriter& w, const Assessed& a, NodeIndex i) {
  const NodeResult& result = a.results[i];
  w.begin('{').key("id").string(a.h.model.node(i).id).key("rating").string(token(result.rating));
  w.key("final").string(token(result.used_upward));
  limit_and_award(w, result);
  w.key("judgement");
  if (const std::optional<Judgement>& j = a.h.values[i].judgement) {
    w.begin('{').key("rating").string(token(j->rating)).key("rationale").string(j->rationale);
    w.key("departs").boolean(j->rating != result.rating).end('}');
  } else {
    w.null();
  }
  w.key("published");
  const auto p = a.published.find(a.h.model.node(i).id);
  if (p == a.published.end()) {
    w.null();
  } else {
    w.begin('{').key("rating").string(token(p->second->rating)).key("departs");
    if (const std::optional<bool> departs = published_departs(*p->second, result)) w.boolean(*departs);
    else w.null();
    w.end('}');
  }
  w.end('}');
}

void head(JsonWriter& w, const ReadDocument& doc) {
  w.key("trust").begin('{').key("name").string(doc.trust.name);
  w.key("type").string(token(doc.trust.type)).key("id").string_or_null(doc.trust_id).end('}').key("as_at");
  date_or_null(w, doc.options.as_at);
}

void notes(JsonWriter& w, const Assessed& a) {
  w.key("notes").begin('[');
  for (const HierarchyNote& n : a.notes) {
    w.begin('{').key("node").string(n.node).key("code").string(n.code).key("text").string(n.text).end('}');
  }
  w.end(']');
}

// The nodes named in `explain`, in full, in the model's order.
void explained(JsonWriter& w, const Assessed& a, const std::vector<std::string>& explain) {
  w.key("explained").begin('[');
  for (NodeIndex i = 0; i < a.h.model.size() && !explain.empty(); ++i) {
    const std::string& id = a.h.model.node(i).id;
    if (std::find(explain.begin(), explain.end(), id) != explain.end()) node(w, a, i);
  }
  w.end(']');
}

}  // namespace

std::string rated_node_json(const Assessed& a, NodeIndex i) {
  JsonWriter w(256);
  ratings_of(w, a, i);
  return w.take();
}

std::string notes_json(const Assessed& a) {
  JsonWriter w(256 + 192 * a.notes.size());
  w.begin('{');
  notes(w, a);
  w.end('}');
  std::string out = w.take();  // {"notes":[...]}: the array alone
  return out.substr(9, out.size() - 10);
}

std::string write_live_view(const ReadDocument& doc, const Assessed& a, const std::vector<std::string>& rated,
                            const std::vector<NodeIndex>& changed, bool with_ids, const std::string* notes,
                            const std::vector<std::string>& explain) {
  JsonWriter w(1024 + 160 * changed.size() + (with_ids ? 64 * static_cast<std::size_t>(a.h.model.size()) : 0) +
               2048 * explain.size());
  w.begin('{').key("version").number(2).key("view").string("ratings");
  head(w, doc);
  w.key("ids");
  if (with_ids) {
    w.begin('[');
    for (NodeIndex i = 0; i < a.h.model.size(); ++i) w.string(a.h.model.node(i).id);
    w.end(']');
  } else {
    w.null();
  }
  w.key("changed").begin('[');
  for (NodeIndex i : changed) w.written(rated[static_cast<std::size_t>(i)]);
  w.end(']').key("notes");
  if (notes) w.written(*notes);
  else w.null();
  explained(w, a, explain);
  w.end('}');
  return w.take();
}

std::string write_ratings_view(const ReadDocument& doc, const Assessed& a, const std::vector<std::string>& explain) {
  // About 150 bytes a node, and the few explained in full.
  JsonWriter w(1024 + 160 * static_cast<std::size_t>(a.h.model.size()) + 2048 * explain.size());
  w.begin('{').key("version").number(2).key("view").string("ratings");
  head(w, doc);
  w.key("nodes").begin('[');
  for (NodeIndex i = 0; i < a.h.model.size(); ++i) ratings_of(w, a, i);
  w.end(']');
  notes(w, a);
  explained(w, a, explain);
  w.end('}');
  return w.take();
}

std::string write_assessment(const ReadDocument& doc, const Assessed& a) {
  // About 1.2 KB a node: one buffer for most trusts.
  JsonWriter w(1024 + 1280 * static_cast<std::size_t>(a.h.model.size()));
  w.begin('{').key("version").number(2);
  head(w, doc);
  w.key("nodes").begin('[');
  for (NodeIndex i = 0; i < a.h.model.size(); ++i) node(w, a, i);
  w.end(']');
  notes(w, a);
  w.end('}');
  return w.take();
}

}  // namespace cqc::contract::assess_detail
