// Type-checks web/src/ratings-api.d.ts against the way the page uses the API.
// Lines marked @ts-expect-error must fail to compile, so the types can fail.
import { loadRatings, type Request, type Result, type ErrorResult } from '../../web/src/ratings-api.mjs';

const api = await loadRatings();
const request: Request = {
  safe: 'good', effective: 'good', caring: 'requires_improvement', responsive: 'good',
  well_led: 'good', use_of_resources: 'outstanding', uor_assessed_on: '2019-01-01',
  judgement: { combined: { rating: 'good', rationale: 'Recorded by the board.' } },
  rules: { combined: 'standard' },
};
const answer: Result | ErrorResult = api.evaluate(request);
if ('error' in answer) {
  const field: string = answer.errors[0].field;
  void field;
} else {
  const combined = answer.combined;
  if (combined.rating !== null) {
    const differs: boolean = combined.rule_of_two.differs;
    const firstChange = combined.what_if.up[0]?.changes[0]?.question;
    void differs; void firstChange;
  } else {
    const reason: string = combined.reason;
    void reason;
  }
  // @ts-expect-error: ratings are tokens, not numbers
  const wrong: number = answer.quality.rating;
  void wrong;
}
// @ts-expect-error: all six ratings are required
const missing: Request = { safe: 'good' };
void missing;
const params = api.readParams(new URLSearchParams('safe=good'));
const ignored: string[] = params.ignored.map((i) => i.message);
void ignored;
