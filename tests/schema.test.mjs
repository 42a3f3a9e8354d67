// The assessment contract (version 2) against its JSON Schemas in
// core/contract/schema/, with ajv: the example documents are valid input, and what the
// native CLI's `assess` writes for them (and for bad documents) is valid
// output. Every key of the output is required, so a renamed or dropped key
// fails here even where byte-for-byte tests would compare two wrong outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const load = (path) => JSON.parse(fs.readFileSync(path, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validInput = ajv.compile(load('core/contract/schema/assessment-v2.schema.json'));
const validOutput = ajv.compile(load('core/contract/schema/assessment-result-v2.schema.json'));
const validWhatMatters = ajv.compile(load('core/contract/schema/what-matters-v2.schema.json'));
const validRatingsView = ajv.compile(load('core/contract/schema/assessment-ratings-v2.schema.json'));
const validProviders = ajv.compile(load('core/contract/schema/published-providers.schema.json'));

function assess(text, ...args) {
  try {
    return JSON.parse(execFileSync(cli, ['assess', '-', ...args], { input: text }).toString());
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout.toString()); // a rejected document: the error answer
    throw e;
  }
}

const example = fs.readFileSync('tests/data/assessment-two-hospitals.json', 'utf8');

test('the example document is valid input, and its evaluation is valid output', () => {
  assert.ok(validInput(JSON.parse(example)), JSON.stringify(validInput.errors));
  for (const args of [[], ['--as-at', '2017-01-01']]) {
    const out = assess(example, ...args);
    assert.ok(validOutput(out), JSON.stringify(validOutput.errors?.slice(0, 3)));
    assert.ok(out.nodes.length > 30);
    const levels = new Set(out.nodes.map((n) => n.level));
    assert.deepEqual([...levels].sort(), ['combined', 'location', 'location_key_question', 'quality', 'service',
      'service_key_question', 'trust_key_question', 'use_of_resources']);
    assert.ok(out.nodes.some((n) => n.limit), 'a limit is shown');
    assert.ok(out.notes.some((n) => n.code === 'significantly_small'));
  }
});

test('every trust type gives valid output', () => {
  for (const type of ['acute_specialist', 'mental_health', 'community', 'ambulance']) {
    const doc = { trust: { name: type, type }, services: [{ id: 's', key_questions: { safe: { rating: 'good' } } }],
      well_led: { rating: 'good' } };
    assert.ok(validInput(doc), JSON.stringify(validInput.errors));
    const out = assess(JSON.stringify(doc));
    assert.ok(validOutput(out), `${type}: ${JSON.stringify(validOutput.errors?.slice(0, 3))}`);
    assert.equal(out.nodes.some((n) => n.level === 'combined'), false, `${type} has no combined rating`);
  }
});

test('a rejected document gives the valid error answer', () => {
  const out = assess('{"trust": {"type": "teaching"}, "locations": [{"id": ""}]}');
  assert.ok(out.error);
  assert.ok(validOutput(out), JSON.stringify(validOutput.errors));
});

test('the schema catches a renamed or dropped key, and a wrong value', () => {
  const out = assess(example);
  const renamed = structuredClone(out);
  renamed.nodes[0].final_rating = renamed.nodes[0].final;
  delete renamed.nodes[0].final;
  assert.equal(validOutput(renamed), false);
  const dropped = structuredClone(out);
  delete dropped.notes;
  assert.equal(validOutput(dropped), false);
  const wrong = structuredClone(out);
  wrong.nodes[0].rating = 'excellent';
  assert.equal(validOutput(wrong), false);
  const badInput = JSON.parse(example);
  badInput.locations[0].services[0].key_questions.safety = { rating: 'good' };
  assert.equal(validInput(badInput), false);
});

// ---- the workbench's faces of the assessment: large documents, what matters, published data ----------

const { largeAssessment } = await import('./data/large-assessment.mjs');

test("the workbench's live view (assess --view ratings) is valid, explained nodes too, and a renamed key fails", () => {
  const doc = largeAssessment({ rationales: 20 });
  const ids = ['trust.quality', 'location:L1/service:urgent/safe'];
  const out = JSON.parse(cqcRatings(['assess', '-', '--view', 'ratings', ...ids.flatMap((id) => ['--explain', id])],
    JSON.stringify(doc)).text);
  assert.ok(validRatingsView(out), JSON.stringify(validRatingsView.errors?.slice(0, 3)));
  assert.equal(out.nodes.length, assess(JSON.stringify(doc)).nodes.length);
  assert.deepEqual(out.explained.map((n) => n.id).sort(), [...ids].sort());
  const renamed = structuredClone(out);
  renamed.nodes[3].final_rating = renamed.nodes[3].final;
  delete renamed.nodes[3].final;
  assert.equal(validRatingsView(renamed), false);
  const explainedWrong = structuredClone(out);
  delete explainedWrong.explained[0].summary;
  assert.equal(validRatingsView(explainedWrong), false, 'explained nodes are checked as full nodes');
  const bad = JSON.parse(cqcRatings(['assess', '-', '--view', 'ratings'], '{"trust": {"type": "teaching"}}').text);
  assert.ok(bad.error && validRatingsView(bad), JSON.stringify(validRatingsView.errors));
});

function cqcRatings(args, input) {
  try {
    return { status: 0, text: execFileSync(cli, args, { input, maxBuffer: 64 << 20 }).toString() };
  } catch (e) {
    if (e.status === 1) return { status: 1, text: e.stdout.toString() };
    throw e;
  }
}

test('a workbench trust (10 locations x 12 services, a rationale on every rating) is valid both ways', () => {
  const doc = largeAssessment({ rationales: 200 });
  assert.ok(validInput(doc), JSON.stringify(validInput.errors?.slice(0, 3)));
  const out = assess(JSON.stringify(doc));
  assert.ok(validOutput(out), JSON.stringify(validOutput.errors?.slice(0, 3)));
  assert.equal(out.nodes.filter((n) => n.level === 'service_key_question').length, 600);
});

test('what matters most is valid output, for each kind of trust, and a renamed key fails', () => {
  for (const doc of [largeAssessment(), largeAssessment({ allGood: true }), JSON.parse(example)]) {
    const out = JSON.parse(cqcRatings(['assess', '-', '--what-matters'], JSON.stringify(doc)).text);
    assert.ok(validWhatMatters(out), JSON.stringify(validWhatMatters.errors?.slice(0, 3)));
    assert.deepEqual(out.targets.map((t) => t.node), ['trust.quality', 'trust.combined']);
  }
  const out = JSON.parse(cqcRatings(['assess', '-', '--what-matters'], JSON.stringify(largeAssessment({ allGood: true }))).text);
  assert.ok(out.targets.some((t) => t.down.shown.length > 0));
  const renamed = structuredClone(out);
  const change = renamed.targets.find((t) => t.down.shown.length).down.shown[0].changes[0];
  change.question = change.key_question;
  delete change.key_question;
  assert.equal(validWhatMatters(renamed), false);
  const bad = JSON.parse(cqcRatings(['assess', '-', '--what-matters', '--target', 'trust.safety'], example).text);
  assert.ok(validWhatMatters(bad) && bad.errors[0].field === 'targets[0]');
});

test("Yeovil District Hospital (RA4) from CQC's API records: its published ratings beside the rules-based ones", () => {
  const providers = JSON.parse(cqcRatings(['assess', '--from', apiFixture]).text);
  assert.ok(validProviders(providers), JSON.stringify(validProviders.errors?.slice(0, 3)));
  const ra4 = providers.providers.find((p) => p.provider_id === 'RA4');
  assert.equal(ra4.trust_type, 'acute_non_specialist');
  assert.equal(ra4.trust_type_from, 'Acute hospital - NHS non-specialist');
  const doc = JSON.parse(cqcRatings(['assess', '--from', apiFixture, '--provider', 'RA4']).text);
  assert.ok(validInput(doc), JSON.stringify(validInput.errors?.slice(0, 3)));
  assert.deepEqual(doc.locations.map((l) => l.id), ['RA430']);
  const out = JSON.parse(cqcRatings(['assess', '--from', apiFixture, '--provider', 'RA4', '--evaluate']).text);
  assert.ok(validOutput(out), JSON.stringify(validOutput.errors?.slice(0, 3)));
  assert.deepEqual(out, assess(JSON.stringify(doc)), '--evaluate assesses the document it would print');
  const location = out.nodes.find((n) => n.id === 'location:RA430');
  assert.equal(location.published.rating, 'good');
  assert.equal(location.published.departs, false);
  assert.equal(out.nodes.find((n) => n.id === 'location:RA430/safe').published.rating, 'requires_improvement');
  const compared = out.nodes.filter((n) => n.published && n.published.departs !== null);
  assert.ok(compared.length >= 8 * 5 + 8 + 5, `${compared.length} published ratings compared`);
  // A departure is flagged: the published overall set apart from the rules.
  const edited = structuredClone(doc);
  edited.published['location:RA430'].rating = 'outstanding';
  assert.equal(assess(JSON.stringify(edited)).nodes.find((n) => n.id === 'location:RA430').published.departs, true);
});

test('the assessment as CSV in the Locations layout reads back (through --from) to the same services', () => {
  const doc = largeAssessment({ locations: 2, perLocation: 4 });
  doc.trust.id = 'RX9';
  const csv = cqcRatings(['assess', '-', '--to-csv'], JSON.stringify(doc));
  assert.equal(csv.status, 0);
  assert.match(csv.text, /^Location ID,Location ODS Code,Location Name,/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assess-csv-'));
  try {
    const file = path.join(dir, 'Locations.csv');
    fs.writeFileSync(file, csv.text);
    const back = JSON.parse(cqcRatings(['assess', '--from', file, '--provider', 'RX9']).text);
    assert.ok(validInput(back));
    const services = (d) => d.locations.map((l) => l.services.map((s) => [s.name, s.key_questions]));
    assert.deepEqual(services(back), services(doc));
    // With the Providers sheet beside it (--sheet providers), the trust's own ratings come back too.
    const providers = cqcRatings(['assess', '-', '--to-csv', '--sheet', 'providers'], JSON.stringify(doc));
    assert.equal(providers.status, 0);
    assert.match(providers.text, /^Provider ID,Provider Name,Provider Type,/);
    const providersFile = path.join(dir, 'Providers.csv');
    fs.writeFileSync(providersFile, providers.text);
    const both = JSON.parse(cqcRatings(['assess', '--from', file, providersFile, '--provider', 'RX9', '--evaluate']).text);
    const before = assess(JSON.stringify(doc));
    for (const id of ['trust.well_led', 'trust.use_of_resources', 'trust.quality', 'trust.combined']) {
      const was = before.nodes.find((n) => n.id === id);
      const published = both.nodes.find((n) => n.id === id).published;
      assert.equal(published.rating, was.final, id);
      assert.equal(published.date, was.date ?? published.date, id);
    }
    assert.throws(() => execFileSync(cli, ['assess', '-', '--sheet', 'providers'], { input: '{}', stdio: 'pipe' }),
      (e) => e.status === 2 && /--sheet is for --to-csv/.test(e.stderr), '--sheet alone is a usage error');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the audit of CQC's published ratings (cqc-ratings audit) ------------------------

const validAuditRow = ajv.compile(load('core/contract/schema/audit-row.schema.json'));
const validAuditSummary = ajv.compile(load('core/contract/schema/audit-summary.schema.json'));
// CQC's API records (the shared fixture, beside the clone as CI lays it out)
// and a Providers sheet written here by hand in the export's layout (made-up
// ratings, not CQC's) for the trust levels, which the API records lack.
const apiFixture = '../shared/data/cqc-api-hospitals-2021/locations.json';
const providersSheet = [
  'Provider ID,Provider Name,Service / Population Group,Domain,Latest Rating,Publication Date,Report Type',
  ...[['Safe', 'Requires improvement'], ['Effective', 'Good'], ['Caring', 'Outstanding'], ['Responsive', 'Good'],
    ['Well-led', 'Outstanding'], ['Overall', 'Good'], ['Use of resources', 'Requires improvement'],
    ['Combined quality and use of resources', 'Good']]
    .map(([domain, rating]) => `RH8,"Example NHS Trust, made up",Overall,${domain},${rating},2019-04-30,Provider`),
  'RMH,Example Mental Health Trust,Community mental health services,Safe,Requires improvement,2020-01-10,CoreService',
  'RMH,Example Mental Health Trust,Community mental health services,Overall,Good,2020-01-10,CoreService',
  'RMH,Example Mental Health Trust,Overall,Safe,Good,2020-01-10,Provider',
  'RMH,Example Mental Health Trust,Overall,Overall,Inspected but not rated,2020-01-10,Provider',
].join('\r\n') + '\r\n';

function audit(...args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-schema-'));
  try {
    const providers = path.join(dir, 'providers.csv');
    fs.writeFileSync(providers, providersSheet);
    return execFileSync(cli, ['audit', apiFixture, providers, ...args], { maxBuffer: 64 << 20 }).toString();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('every row of a real audit is valid, at every level, current and earlier reports', () => {
  const rows = audit('--format', 'jsonl', '--history').trimEnd().split('\n').map((line) => JSON.parse(line));
  for (const row of rows) assert.ok(validAuditRow(row), `${JSON.stringify(validAuditRow.errors?.slice(0, 3))}\n${JSON.stringify(row)}`);
  const levels = new Set(rows.map((r) => r.level));
  assert.deepEqual([...levels].sort(), ['combined', 'location', 'location_key_question', 'service', 'trust',
    'trust_key_question']);
  assert.ok(rows.some((r) => r.current === false), 'earlier reports are there');
  assert.ok(rows.some((r) => r.outcome === 'departs') && rows.some((r) => r.follows === null));
});

test('the summary of a real audit is valid, and agrees with the rows', () => {
  const summary = JSON.parse(audit('--format', 'summary'));
  assert.ok(validAuditSummary(summary), JSON.stringify(validAuditSummary.errors?.slice(0, 3)));
  const rows = audit('--format', 'jsonl').trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.equal(summary.aggregates, rows.length);
  assert.equal(summary.departs, rows.filter((r) => r.outcome === 'departs').length);
  const serviceLevel = summary.levels.find((l) => l.level === 'service');
  assert.deepEqual(serviceLevel.bands.map((b) => b.band), ['1-3', '4-8', '9+']);
});

test('the audit schemas catch a renamed or dropped key, and a wrong value', () => {
  const row = JSON.parse(audit('--format', 'jsonl').split('\n')[0]);
  assert.ok(validAuditRow(row));
  const renamed = structuredClone(row);
  renamed.rules_rating = renamed.rules;
  delete renamed.rules;
  assert.equal(validAuditRow(renamed), false);
  const wrong = structuredClone(row);
  wrong.published = 'excellent';
  assert.equal(validAuditRow(wrong), false);
  const wellLed = { ...row, level: 'trust_key_question', key_question: 'well_led' };
  assert.equal(validAuditRow(wellLed), false, 'well-led is never a trust aggregate');
  const summary = JSON.parse(audit('--format', 'summary'));
  const dropped = structuredClone(summary);
  delete dropped.levels[2].bands;
  assert.equal(validAuditSummary(dropped), false);
});
