// The explorer's module gives the same answer as `cqc-ratings compare`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { siteDir } from './load.mjs';

const { loadExplorer } = await import(pathToFileURL(path.join(siteDir, 'explorer-api.mjs')).href);
const api = await loadExplorer({ wasmBinary: fs.readFileSync(path.join(siteDir, 'explorer.wasm')) });
const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];

function cliChanged(a, b, extra = []) {
  const csv = execFileSync(cli, ['compare', a, b, '--format', 'csv', ...extra]).toString().trim().split('\n');
  return csv.slice(1).map((line) => line.split(',').slice(0, 6).join(',')).sort();
}

function moduleChanged(a, b, includeNotRated = false) {
  const result = api.explore({ variants: [a, b], include_not_rated: includeNotRated, list: true });
  return result.changes.filter((g) => g.outcome === 'combined')
    .flatMap((g) => g.combinations.map((c) => QUESTIONS.map((q) => c[q]).join(','))).sort();
}

test('rule of two against rule of three: 240 combinations, the same ones as the CLI', () => {
  const fromModule = moduleChanged('standard', 'combined_2018');
  assert.equal(fromModule.length, 240);
  assert.deepEqual(fromModule, cliChanged('standard', 'combined_2018'));
});

test('quality first, with not-rated combinations too, agrees with the CLI', () => {
  assert.deepEqual(moduleChanged('combined_2018', 'quality_first', true),
    cliChanged('combined_2018', 'quality_first', ['--include-not-rated']));
});

test('a rule set compared with itself changes nothing; cells cover every combination', () => {
  const result = api.explore({ variants: ['combined_2018', 'combined_2018'], include_not_rated: true });
  assert.equal(result.changed, 0);
  assert.equal(result.total, 15625);
  assert.equal(result.cells.reduce((n, cell) => n + cell[1], 0), 15625);
});

test('bad rule-set JSON is rejected naming the field', () => {
  const bad = api.explore({ variants: ['standard', { combined: { name: 'x', bands: [{ min_rated: 1, inadequate: 1, requires_improvement: 'two', outstanding: 1 }] } }] });
  assert.equal(bad.errors[0].field, 'variants[1].combined.bands[0].requires_improvement');
  assert.match(bad.error, /must be a whole number; got "two"/);
  assert.match(api.explore({ variants: [] }).error, /one or two rule variants/);
});

test('a rule set as text is read by the core: a built-in name, an object, and every kind of bad JSON', () => {
  assert.equal(api.readRuleSet('"standard"').rule_set.name, 'standard');
  const custom = { ...api.builtinRuleSets()[1], name: 'mine', title: 'Mine' };
  assert.deepEqual(api.readRuleSet(JSON.stringify(custom)).rule_set, custom);
  for (const [text, message] of [
    ['null', /must be a JSON object/],
    ['1e999', /not valid JSON: number overflow/],
    ['{"name":"a","name":"b"}', /duplicate key "name"/],
    [`${JSON.stringify(custom)}\0{{{`, /NUL \(zero\) byte/],
    ['x'.repeat(100_000_000), /the rule set is larger than the limit of 65536 bytes/],
  ]) {
    const read = api.readRuleSet(text);
    assert.equal(read.rule_set, undefined);
    assert.match(read.error, message);
  }
  assert.equal(api.explore({ variants: ['standard', 'combined_2018'] }).combined_changed, 240, 'still answers');
});
