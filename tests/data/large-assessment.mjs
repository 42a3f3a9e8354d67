// A workbench-sized assessment document (issue 12): by default 10 locations x
// 12 services x 5 key questions, each rating dated and, with `rationales`, a
// judgement with a rationale of that many characters on every key question.
// Deterministic (a small seeded generator), so sizes and timings repeat.
// Used by tests/schema.test.mjs, tests/wasm/assessment.test.mjs and the
// figures in README.md (node tests/data/large-assessment.mjs prints them).
const services = ['urgent', 'medical', 'surgery', 'critical', 'maternity', 'children', 'eol', 'outpatients',
  'diagnostics', 'gynaecology', 'neonatal', 'community'];
const names = ['Urgent and emergency care', "Medical care (including older people's care)", 'Surgery', 'Critical care',
  'Maternity', 'Services for children and young people', 'End of life care', 'Outpatients', 'Diagnostic imaging',
  'Gynaecology', 'Neonatal services', 'Community health services for adults'];
const questions = ['safe', 'effective', 'caring', 'responsive', 'well_led'];
const words = ['outstanding', 'good', 'good', 'good', 'good', 'requires_improvement', 'requires_improvement', 'inadequate'];

export function largeAssessment({ locations = 10, perLocation = 12, rationales = 0, seed = 1, allGood = false } = {}) {
  let state = seed >>> 0 || 1;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const date = () => `20${17 + Math.floor(next() * 4)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
  const text = (n) => ('Seen on inspection: staffing, training and the actions taken since. ').repeat(Math.ceil(n / 68)).slice(0, n);
  const doc = { trust: { name: 'Large Example NHS Trust', type: 'acute_non_specialist' }, locations: [] };
  for (let l = 0; l < locations; l += 1) {
    const location = { id: `L${l + 1}`, name: `Hospital ${l + 1}`, services: [] };
    for (let s = 0; s < perLocation; s += 1) {
      const key_questions = {};
      for (const q of questions) {
        const rating = allGood ? 'good' : pick(words);
        key_questions[q] = { rating, date: date() };
        if (rationales > 0) key_questions[q].judgement = { rating, rationale: text(rationales) };
      }
      location.services.push({ id: services[s % services.length] + (s >= services.length ? s : ''),
        name: names[s % names.length], key_questions });
    }
    doc.locations.push(location);
  }
  doc.well_led = { rating: 'good', date: '2020-03-01' };
  doc.use_of_resources = { rating: 'good', date: '2019-06-01' };
  return doc;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const rationales of [0, 200, 2000]) {
    const bytes = Buffer.byteLength(JSON.stringify(largeAssessment({ rationales })));
    console.log(`10 x 12 x 5, dated${rationales ? `, a ${rationales}-character rationale on every rating` : ''}: ${bytes} bytes`);
  }
}
