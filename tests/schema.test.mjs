// The assessment contract (version 2) against its JSON Schemas in
// core/schema/, with ajv: the example documents are valid input, and what the
// native CLI's `assess` writes for them (and for bad documents) is valid
// output. Every key of the output is required, so a renamed or dropped key
// fails here even where byte-for-byte tests would compare two wrong outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const load = (path) => JSON.parse(fs.readFileSync(path, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validInput = ajv.compile(load('core/schema/assessment-v2.schema.json'));
const validOutput = ajv.compile(load('core/schema/assessment-result-v2.schema.json'));

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
