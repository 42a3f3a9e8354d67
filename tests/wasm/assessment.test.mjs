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

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const { loadAssessment } = await import(pathToFileURL(path.join(siteDir, 'assessment-api.mjs')).href);
const api = await loadAssessment({ wasmBinary: fs.readFileSync(path.join(siteDir, 'assessment.wasm')) });
const example = fs.readFileSync('tests/data/assessment-two-hospitals.json', 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = (name) => ajv.compile(JSON.parse(fs.readFileSync(`core/contract/schema/${name}.schema.json`, 'utf8')));
const validOutput = schema('assessment-result-v2');
const validWhatMatters = schema('what-matters-v2');
const validProviders = schema('published-providers');
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

test("published data in: Yeovil District Hospital (RA4) from CQC's API records, then out as CSV and back", () => {
  const imported = api.importPublished([{ name: 'locations.json', data: fs.readFileSync(apiFixture) }]);
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
    // Out as CQC's Locations sheet and back: the same services.
    const { csv } = api.toLocationsSheet(doc);
    const again = api.importPublished([{ name: 'Locations.csv', data: csv }]);
    const back = again.document('RA4');
    again.close();
    assert.deepEqual(back.locations[0].services.map((s) => [s.name, s.key_questions]),
      doc.locations[0].services.map((s) => [s.name, s.key_questions]));
  } finally {
    imported.close();
  }
  assert.equal(imported.document('RA4').errors[0].message, 'this import was closed');
  // A bad file: its problem named by line and column, nothing else changed.
  const bad = api.importPublished([{ name: 'Locations.csv', data: 'Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date\n1-100,Royal,Overall,Overall,Fabulous,\n' }]);
  assert.match(bad.problems.shown[0].message, /Locations.csv line 2, column 5 \(Latest Rating\): "Fabulous"/);
  bad.close();
  assert.match(api.toLocationsSheet('{"trust": {"type": "mental_health"}}').error, /Providers sheet/);
});

test("assessment-api.d.mts describes the module's real outputs (TypeScript over them)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-assessment-types-'));
  try {
    const output = JSON.stringify(api.assess(example));
    const error = JSON.stringify(api.assess('{"trust": {"type": "teaching"}}'));
    const whatMatters = JSON.stringify(api.whatMatters(largeAssessment({ allGood: true })));
    const imported = api.importPublished([{ name: 'locations.json', data: fs.readFileSync(apiFixture) }]);
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
