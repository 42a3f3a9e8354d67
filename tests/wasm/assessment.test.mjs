// The assessment module (assessment.mjs) from Node: byte for byte what the
// native CLI's `assess` prints, valid against the JSON Schema, and its real
// outputs type-checked against assessment-api.d.mts with TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { siteDir } from './load.mjs';
import { csvRows, odsFromSheets } from './audit-files.mjs';

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const { loadAssessment } = await import(pathToFileURL(path.join(siteDir, 'assessment-api.mjs')).href);
const api = await loadAssessment({ wasmBinary: fs.readFileSync(path.join(siteDir, 'assessment.wasm')) });
const example = fs.readFileSync('tests/data/assessment-two-hospitals.json', 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = (name) => ajv.compile(JSON.parse(fs.readFileSync(`core/contract/schema/${name}.schema.json`, 'utf8')));
const validOutput = schema('assessment-result-v2');
const validWhatMatters = schema('what-matters-v2');
const validProviders = schema('published-providers');
const validRatingsView = schema('assessment-ratings-v2');
const validLive = schema('assessment-live-v2');
const { largeAssessment } = await import('../data/large-assessment.mjs');
const apiFixture = path.join(process.env.CQC_SHARED_DATA ?? '../shared/data', 'cqc-api-hospitals-2021/locations.json');

function native(text, ...args) {
  try {
    return execFileSync(cli, ['assess', '-', ...args], { input: text }).toString().trimEnd();
  } catch (e) {
    return e.stdout.toString().trimEnd(); // a rejected document: the error answer, exit 1
  }
}

test('the module gives the CLI its bytes, as at any date, for good and bad documents', () => {
  for (const [text, asAt] of [[example, ''], [example, '2017-01-01'], ['{"trust": {"type": "teaching"}}', ''], ['[', '']]) {
    const args = asAt ? ['--as-at', asAt] : [];
    assert.equal(JSON.stringify(api.assess(text, asAt)), native(text, ...args), `${text.slice(0, 30)} ${asAt}`);
  }
  assert.deepEqual(api.assess(JSON.parse(example)), api.assess(example), 'an object or its JSON text');
});

test('outputs are valid against the schema; bad input comes back as data', () => {
  assert.ok(validOutput(api.assess(example)), JSON.stringify(validOutput.errors?.slice(0, 3)));
  const badDate = api.assess(example, '2017-02-30');
  assert.equal(badDate.errors[0].field, 'as_at');
  assert.ok(validOutput(badDate));
  assert.match(api.assess('x'.repeat(5_000_000)).error, /larger than the limit of 4194304 bytes \(4 MiB\)/);
  assert.equal(api.inputLimit, 4 * 1024 * 1024);
  assert.match(api.assess({ big: 10n }).error, /cannot be written as JSON/);
  assert.ok(validOutput(api.assess(example)), 'still answering after errors');
});

test('a workbench trust (10 x 12) is assessed, and what matters most, as the CLI gives them', () => {
  const text = JSON.stringify(largeAssessment({ rationales: 200 }));
  assert.ok(text.length > 65536, 'over the six-rating limit');
  assert.equal(JSON.stringify(api.assess(text)), native(text));
  for (const doc of [largeAssessment(), largeAssessment({ allGood: true })]) {
    const out = api.whatMatters(doc);
    assert.ok(validWhatMatters(out), JSON.stringify(validWhatMatters.errors?.slice(0, 3)));
    assert.equal(JSON.stringify(out), native(JSON.stringify(doc), '--what-matters'));
  }
  const targets = api.whatMatters(example, { targets: ['location:A', 'trust.quality'] }).targets.map((t) => t.node);
  assert.deepEqual(targets, ['location:A', 'trust.quality']);
  assert.equal(api.whatMatters(example, { targets: ['trust.safety'] }).errors[0].field, 'targets[0]');
  assert.equal(api.whatMatters(example, { targets: 'trust.quality' }).errors[0].field, 'targets');
});

test("published data in: Yeovil District Hospital (RA4) from CQC's API records, then out as CSV and back", async () => {
  const imported = await api.importPublished([{ name: 'locations.json', data: fs.readFileSync(apiFixture) }]);
  try {
    const { document, close, ...found } = imported;
    assert.ok(validProviders(found), JSON.stringify(validProviders.errors?.slice(0, 3)));
    assert.ok(found.providers.some((p) => p.provider_id === 'RA4'));
    const doc = imported.document('RA4');
    assert.equal(JSON.stringify(doc), execFileSync(cli, ['assess', '--from', apiFixture, '--provider', 'RA4']).toString().trimEnd());
    const out = api.assess(doc);
    assert.ok(validOutput(out));
    const location = out.nodes.find((n) => n.id === 'location:RA430');
    assert.deepEqual([location.rating, location.published.rating, location.published.departs], ['good', 'good', false]);
    assert.equal(imported.document('XX').errors[0].field, 'provider_id');
    // Out as CQC's Locations and Providers sheets (the CLI's bytes) and back: the same services and trust ratings.
    const { csv } = api.toExportSheet(doc);
    const providers = api.toExportSheet(doc, 'providers').csv;
    assert.equal(csv.trimEnd(), native(JSON.stringify(doc), '--to-csv'));
    assert.equal(providers.trimEnd(), native(JSON.stringify(doc), '--to-csv', '--sheet', 'providers'));
    const again = await api.importPublished([{ name: 'Locations.csv', data: csv }, { name: 'Providers.csv', data: providers }]);
    const back = again.document('RA4');
    again.close();
    assert.deepEqual(back.locations[0].services.map((s) => [s.name, s.key_questions]),
      doc.locations[0].services.map((s) => [s.name, s.key_questions]));
    // (Services are named by CQC's service name in the sheets: the levels above them are compared.)
    const final = (d) => Object.fromEntries(api.assess(d).nodes.filter((n) => !n.id.includes('service:')).map((n) => [n.id, n.final]));
    assert.deepEqual(final(back), final(doc));
    assert.equal(api.toExportSheet(doc, 'trust').errors[0].field, 'sheet');
    // The same two sheets in one .ods (as CQC publishes them), read by the audit's .ods reader: the same document.
    const ods = odsFromSheets({ Locations: csvRows(csv), Providers: csvRows(providers) });
    const fromOds = await api.importPublished([{ name: 'latest.ods', data: ods }]);
    assert.deepEqual(fromOds.document('RA4'), back);
    fromOds.close();
    const cut = await api.importPublished([{ name: 'cut.ods', data: ods.subarray(0, Math.floor(ods.length * 0.6)) }]);
    assert.match(cut.error, /^cut\.ods could not be opened as a spreadsheet: /);
  } finally {
    imported.close();
  }
  assert.equal(imported.document('RA4').errors[0].message, 'this import was closed');
  // A bad file: its problem named by line and column, nothing else changed.
  const bad = await api.importPublished([{ name: 'Locations.csv', data: 'Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date\n1-100,Royal,Overall,Overall,Fabulous,\n' }]);
  assert.match(bad.problems.shown[0].message, /Locations.csv line 2, column 5 \(Latest Rating\): "Fabulous"/);
  bad.close();
  assert.match(api.toExportSheet('{"trust": {"type": "mental_health"}}').error, /Providers sheet/);
  assert.match(api.toExportSheet('{"trust": {"type": "mental_health"}}', 'providers').error, /provider ID/);
});

// ---- the live assessment: one entered rating at a time, always what the whole document gives ----------

/** Every entered input of a document by node id: where its object sits (holder[key]). */
function enteredPlaces(doc) {
  const places = new Map();
  for (const location of doc.locations ?? []) {
    for (const service of location.services ?? []) {
      for (const q of ['safe', 'effective', 'caring', 'responsive', 'well_led']) {
        places.set(`location:${location.id}/service:${service.id}/${q}`, { holder: (service.key_questions ??= {}), key: q });
      }
    }
  }
  places.set('trust.well_led', { holder: doc, key: 'well_led' });
  places.set('trust.use_of_resources', { holder: doc, key: 'use_of_resources' });
  return places;
}

test('the live assessment answers each change with what changed: always what the whole document gives', () => {
  let state = 7;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const tokens = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'not_rated'];
  const doc = largeAssessment({ locations: 4, perLocation: 6 });
  doc.locations[1].services[2].judgement = { rating: 'good', rationale: 'Seen' };
  doc.published = { 'location:L1/service:urgent/safe': { rating: 'good' }, 'location:L1': { rating: 'requires_improvement' } };
  const places = enteredPlaces(doc);
  const ids = [...places.keys()];
  const live = api.liveAssessment();
  let shown = new Map(); // the page's picture: node id -> rated node, from the answers alone
  let order = [];
  let notes = null;
  const take = (answer) => {
    notes = answer.notes ?? notes;
    if (answer.ids) {
      order = answer.ids;
      shown = new Map(order.map((id) => [id, shown.get(id)]));
    }
    for (const node of answer.changed) shown.set(node.id, node);
  };
  take(live.load(doc));
  assert.equal(shown.size, api.assessRatings(doc).nodes.length);
  let partial = 0, errors = 0, reloads = 0, notesKept = 0, notesSent = 0;
  for (let step = 0; step < 300; step++) {
    const id = pick(ids);
    const roll = next();
    let entry = null;
    if (roll < 0.85) {
      entry = { rating: pick(tokens), date: `20${15 + Math.floor(next() * 8)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` };
      if (next() < 0.2) entry.enforcement = pick(['requirement_notice', 'warning_notice', 'condition_of_registration']);
      if (next() < 0.15) entry.judgement = { rating: pick(tokens.slice(0, 4)), rationale: 'A reason' };
      if (next() < 0.1) entry.history = [{ rating: pick(tokens), date: '2014-05-01' }];
    } else if (roll < 0.95) {
      entry = next() < 0.5 ? { rating: 'great' } : { rating: 'good', date: '2020-13-01' }; // wrong: the core says where
    }
    const { holder, key } = places.get(id);
    if (entry) holder[key] = entry;
    else delete holder[key];
    const explain = [id, 'trust.quality'];
    // As the workbench's worker does: the one entry when the live document is loaded, else the whole text.
    let answer;
    if (live.loaded) {
      answer = live.setEntry(id, entry, { explain });
      partial++;
    } else {
      answer = live.load(doc, { explain });
      reloads++;
    }
    const whole = api.assessRatings(doc, { explain });
    if (whole.error) {
      assert.deepEqual(answer, whole, `step ${step}: the same errors, named as in the document`);
      assert.equal(live.loaded, false);
      errors++;
      delete holder[key]; // put right, as the user would: the next change is answered by a load
      continue;
    }
    take(answer);
    if (answer.notes === null) notesKept++;
    else notesSent++;
    assert.ok(validLive(answer), JSON.stringify(validLive.errors?.slice(0, 3)));
    assert.ok(validRatingsView(whole), JSON.stringify(validRatingsView.errors?.slice(0, 3)));
    assert.ok(answer.changed.length < whole.nodes.length || answer.ids, `step ${step}: only what changed`);
    assert.deepEqual(order, whole.nodes.map((n) => n.id), `step ${step}: the nodes, in order`);
    assert.deepEqual([...shown.values()], whole.nodes, `step ${step}: every node as the whole document gives it`);
    assert.deepEqual(answer.explained, whole.explained, `step ${step}: the details asked for`);
    assert.deepEqual(notes, whole.notes, `step ${step}: the notes, sent when they change`);
  }
  assert.ok(partial > 200 && errors > 10 && reloads >= errors - 1, `${partial} changes, ${errors} errors, ${reloads} reloads`);
  assert.ok(notesKept > 20 && notesSent > 20, `notes kept ${notesKept} times, sent ${notesSent}`);
  live.close();
});

test('the live assessment refuses what it cannot take, in words', () => {
  const live = api.liveAssessment();
  assert.match(live.setEntry('trust.well_led', { rating: 'good' }).errors[0].message, /no document is loaded/);
  live.load(example);
  assert.match(live.setEntry('location:A', { rating: 'good' }).errors[0].message, /"location:A" is not an entered rating/);
  assert.equal(live.loaded, true, 'a wrong node id changes nothing');
  const bad = live.setEntry('trust.use_of_resources', { rating: 'good', date: '2019-02-30' });
  assert.equal(bad.errors[0].field, 'use_of_resources.date');
  assert.ok(validLive(bad));
  const fresh = api.liveAssessment();
  const renamed = fresh.load(example);
  fresh.close();
  assert.ok(validLive(renamed) && renamed.ids.length === renamed.changed.length, 'a fresh load answers every node');
  renamed.changed[0].final_rating = renamed.changed[0].final;
  delete renamed.changed[0].final;
  assert.equal(validLive(renamed), false, 'a renamed key fails');
  assert.equal(live.loaded, false);
  live.close();
});

test("assessment-api.d.mts describes the module's real outputs (TypeScript over them)", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-assessment-types-'));
  try {
    const output = JSON.stringify(api.assess(example));
    const error = JSON.stringify(api.assess('{"trust": {"type": "teaching"}}'));
    const whatMatters = JSON.stringify(api.whatMatters(largeAssessment({ allGood: true })));
    const imported = await api.importPublished([{ name: 'locations.json', data: fs.readFileSync(apiFixture) }]);
    const { document: pick, close, ...found } = imported;
    const published = JSON.stringify(pick('RA4'));
    const publishedOutput = JSON.stringify(api.assess(pick('RA4')));
    close();
    const types = path.resolve('web/src/assessment-api.d.mts');
    fs.writeFileSync(path.join(work, 'check.mts'), `
      import type { Assessment, AssessmentError, AssessmentDocument, WhatMatters, PublishedImport } from ${JSON.stringify(types)};
      const output: Assessment = ${output};
      const error: AssessmentError = ${error};
      const document: AssessmentDocument = ${example};
      const whatMatters: WhatMatters = ${whatMatters};
      const found: Omit<PublishedImport, 'document' | 'close'> = ${JSON.stringify(found)};
      const published: AssessmentDocument = ${published};
      const publishedOutput: Assessment = ${publishedOutput};
      void whatMatters; void found; void published; void publishedOutput;
      // @ts-expect-error: a level the types do not know must fail
      const wrong: Assessment['nodes'][number]['level'] = 'hospital';
      void output; void error; void document; void wrong;`);
    fs.writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true,
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true,
      lib: ['ES2022', 'DOM'] }, files: ['check.mts'] }));
    execFileSync('node', [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: work, stdio: 'pipe' });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
