// The evaluation result written straight to JSON text, key by key in the
// order to_json (contract_result.cpp) documents, without building a JSON
// tree first: building the tree was most of an evaluation's cost. The bytes
// are identical to dump(to_json(...)); tests/contract_test.cpp compares the
// two on every one of the 15 625 inputs.
#include "contract.hpp"
#include "wording.hpp"

namespace cqc::contract {
namespace {

class Writer {
 public:
  std::string out;

  Writer& key(std::string_view k) {
    comma();
    out += '"';
    out += k;  // keys are our own ASCII names
    out += "\":";
    fresh_ = true;
    return *this;
  }
  Writer& open(char c) {
    comma();
    out += c;
    fresh_ = true;
    return *this;
  }
  Writer& close(char c) {
    out += c;
    fresh_ = false;
    return *this;
  }
  Writer& string(std::string_view s) {
    comma();
    // The common case (our own wording) needs no escaping; anything else is
    // escaped by nlohmann itself, so the bytes cannot differ.
    bool plain = true;
    for (unsigned char c : s) plain = plain && c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    if (plain) {
      out += '"';
      out += s;
      out += '"';
    } else {
      out += dump(OrderedJson(std::string(s)));
    }
    fresh_ = false;
    return *this;
  }
  Writer& number(long long n) {
    comma();
    out += std::to_string(n);
    fresh_ = false;
    return *this;
  }
  Writer& boolean(bool b) {
    comma();
    out += b ? "true" : "false";
    fresh_ = false;
    return *this;
  }
  Writer& null() {
    comma();
    out += "null";
    fresh_ = false;
    return *this;
  }

 private:
  // A value right after a key or an opening bracket takes no comma.
  void comma() {
    if (!fresh_ && !out.empty()) out += ',';
    fresh_ = false;
  }
  bool fresh_ = true;
};

void rating(Writer& w, Rating r) { w.string(token(r)); }

void explanation(Writer& w, const Aggregate& aggregate, const RuleSet& rules, Subject subject) {
  const Explanation& e = aggregate.explanation;
  w.open('{').key("rule_set").string(rules.name).key("rated").number(e.counts.rated()).key("counts").open('{');
  for (Rating r : kAllRatings) w.key(token(r)).number(e.counts.of(r));
  w.close('}').key("thresholds").open('{');
  w.key("inadequate").number(e.band.inadequate).key("requires_improvement").number(e.band.requires_improvement);
  w.key("outstanding").number(e.band.outstanding).close('}');
  w.key("decided_by").string(token(e.decided_by)).key("principles").open('[');
  for (const PrincipleCheck& check : e.checks) {
    w.open('{').key("principle").string(token(check.principle)).key("label").string(label(check.principle));
    w.key("enabled").boolean(check.enabled).key("applies").boolean(check.applies).key("decided").boolean(check.decided);
    w.key("count").number(check.count).key("threshold").number(check.threshold);
    w.key("text").string(describe(check, e, subject)).close('}');
  }
  w.close(']').close('}');
}

void what_if_list(Writer& w, const std::vector<WhatIf>& list, Subject subject) {
  w.open('[');
  for (const WhatIf& what_if : list) {
    w.open('{').key("changes").open('[');
    for (const Change& c : what_if.changes) {
      w.open('{').key("question").string(token(c.question())).key("from");
      rating(w, c.from);
      w.key("to");
      rating(w, c.to);
      w.close('}');
    }
    w.close(']').key("rating");
    rating(w, what_if.result);
    w.key("text").string(describe(what_if, subject)).close('}');
  }
  w.close(']');
}

void judgement(Writer& w, const std::optional<Judgement>& j, Rating rules_based, Subject subject) {
  if (!j) {
    w.null();
    return;
  }
  w.open('{').key("rating");
  rating(w, j->rating);
  w.key("label").string(label(j->rating)).key("rationale").string(j->rationale);
  w.key("departs").boolean(j->rating != rules_based).key("text").string(describe(*j, rules_based, subject)).close('}');
}

// The fields every aggregate result shares, rating first; the object is left open.
void aggregate_fields(Writer& w, const Aggregate& aggregate, const RuleSet& rules, const WhatIfs& what_if,
                      const std::optional<Judgement>& j, Subject subject) {
  w.open('{').key("rating");
  rating(w, aggregate.rating);
  w.key("label").string(label(aggregate.rating)).key("summary").string(summarise(aggregate, subject));
  w.key("explanation");
  explanation(w, aggregate, rules, subject);
  w.key("what_if").open('{').key("up");
  what_if_list(w, what_if.up, subject);
  w.key("down");
  what_if_list(w, what_if.down, subject);
  w.close('}').key("judgement");
  judgement(w, j, aggregate.rating, subject);
}

}  // namespace

std::string write_result(const TrustResult& result, const TrustOptions& options) {
  Writer w;
  w.out.reserve(8192);
  w.open('{').key("ratings").open('{');
  for (Question q : kQuestions) {
    w.key(token(q));
    rating(w, result.ratings.of(q));
  }
  w.close('}').key("quality");
  aggregate_fields(w, result.quality, options.quality_rules, result.quality_what_if, options.quality_judgement,
                   kQualitySubject);
  w.close('}');

  const Rating uor = result.ratings.of(Question::UseOfResources);
  w.key("use_of_resources").open('{').key("rating");
  rating(w, uor);
  w.key("label").string(label(uor)).key("assessed_on");
  if (options.uor_assessed_on) w.string(options.uor_assessed_on->iso());
  else w.null();
  w.key("shadow").boolean(result.combined.no_rating_reason == NoCombinedReason::ShadowAssessment).close('}');

  const CombinedResult& c = result.combined;
  w.key("combined");
  bool unapplied_judgement = false;
  if (c.awarded()) {
    aggregate_fields(w, c.aggregate, options.combined_rules, c.what_if, options.combined_judgement, kCombinedSubject);
    w.key("reason").null().key("reason_code").null().key("rule_of_two").open('{');
    w.key("rule_set").string(options.quality_rules.name).key("rating");
    rating(w, c.under_quality_rules.rating);
    w.key("differs").boolean(c.under_quality_rules.rating != c.aggregate.rating);
    w.key("text").string(describe_rule_of_two(c, options)).close('}').close('}');
  } else {
    const std::string reason = describe_no_combined(c.no_rating_reason, options.uor_assessed_on);
    w.open('{').key("rating").null().key("label").string("No combined rating").key("summary").string(reason);
    w.key("explanation").null().key("what_if").null().key("judgement").null().key("reason").string(reason);
    w.key("reason_code").string(token(c.no_rating_reason)).key("rule_of_two").null().close('}');
    unapplied_judgement = options.combined_judgement.has_value();
  }
  w.key("rules").open('{').key("quality").string(options.quality_rules.name);
  w.key("combined").string(options.combined_rules.name).close('}');
  w.key("warnings").open('[');
  if (unapplied_judgement) w.string("judgement.combined was not applied: no combined rating is awarded");
  w.close(']').close('}');
  return std::move(w.out);
}

}  // namespace cqc::contract
