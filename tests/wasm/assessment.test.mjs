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
const validOutput = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
  .compile(JSON.parse(fs.readFileSync('core/schema/assessment-result-v2.schema.json', 'utf8')));

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
  assert.match(api.assess('x'.repeat(100_000)).error, /larger than the limit/);
  assert.match(api.assess({ big: 10n }).error, /cannot be written as JSON/);
  assert.ok(validOutput(api.assess(example)), 'still answering after errors');
});

test("assessment-api.d.mts describes the module's real outputs (TypeScript over them)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-assessment-types-'));
  try {
    const output = JSON.stringify(api.assess(example));
    const error = JSON.stringify(api.assess('{"trust": {"type": "teaching"}}'));
    const types = path.resolve('web/src/assessment-api.d.mts');
    fs.writeFileSync(path.join(work, 'check.mts'), `
      import type { Assessment, AssessmentError, AssessmentDocument } from ${JSON.stringify(types)};
      const output: Assessment = ${output};
      const error: AssessmentError = ${error};
      const document: AssessmentDocument = ${example};
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
