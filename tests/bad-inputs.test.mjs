// Runs every row of the bad-input catalogue (tests/bad-inputs.md) against its
// surface; the page rows run in tests/web/page.test.mjs, the csv rows in
// tests/ratings_export_test.cpp and the ods rows in tests/ods_reader_test.cpp (the readers is C++ with no wasm face of its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { badInputRows } from './bad-inputs.mjs';
import { pathToFileURL } from 'node:url';
import { loadSiteApi, siteDir } from './wasm/load.mjs';

const api = await loadSiteApi();
const { loadExplorer } = await import(pathToFileURL(path.join(siteDir, 'explorer-api.mjs')).href);
const explorer = await loadExplorer({ wasmBinary: fs.readFileSync(path.join(siteDir, 'explorer.wasm')) });
const { loadAssessment } = await import(pathToFileURL(path.join(siteDir, 'assessment-api.mjs')).href);
const assessment = await loadAssessment({ wasmBinary: fs.readFileSync(path.join(siteDir, 'assessment.wasm')) });
const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-inputs-'));

function runCli(args, stdin = '') {
  const run = spawnSync(cli, args, { input: stdin, encoding: 'utf8' });
  return { status: run.status, text: `${run.stdout}${run.stderr}` };
}

// Each surface turns a row's input into the text the user would see.
const surfaces = {
  json: (input) => api.evaluate(input).error ?? 'OK',
  // Test code only: the catalogue writes these inputs as JavaScript expressions.
  'wasm-api': (input) => api.evaluate(new Function(`return ${input};`)()).error ?? 'OK',
  url: (input) => api.readParams(input).ignored.map((i) => i.message).join('\n') || 'OK',
  cli: (input) => {
    const [args, stdin] = input.split(' <<< ');
    const good = '{"safe":"good","effective":"good","caring":"good","responsive":"good","well_led":"good","use_of_resources":"good"}';
    const line = { LONG_LINE: 'x'.repeat(70000), NUL_LINE: `${good}\0 GARBAGE {{{`, HUGE_LINE: 'x'.repeat(5 << 20) }[stdin] ?? stdin;
    const run = runCli(args.split(' '), line === undefined ? '' : `${line}\n`);
    assert.notEqual(run.status, 0, 'a bad input gives a failing exit status');
    // JSON output lines are read as a user's JSON parser would; other text as it is.
    return run.text.split('\n').map((l) => {
      try { return JSON.parse(l).error ?? l; } catch { return l; }
    }).join('\n');
  },
  'rules-file': (input) => {
    const file = path.join(scratch, 'rules.json');
    fs.writeFileSync(file, input);
    const run = runCli(['--rules', file, 'rules']);
    assert.equal(run.status, 2, 'a bad rules file is a usage error');
    return run.text;
  },
  // Test code only: the catalogue writes these inputs as JavaScript expressions.
  assessment: (input) => assessment.assess(new Function(`return ${input};`)()).error ?? 'OK',
  'rule-set': (input) => {
    const read = explorer.readRuleSet(input);
    return read.error ?? (read.rule_set ? 'OK' : 'no rule set and no error');
  },
};

const rows = badInputRows().filter((row) => row.surface !== 'page' && row.surface !== 'csv' && row.surface !== 'ods');
test('the catalogue has rows for every surface', () => {
  const seen = new Set(badInputRows().map((r) => r.surface));
  assert.deepEqual([...seen].sort(), ['assessment', 'cli', 'csv', 'json', 'ods', 'page', 'rule-set', 'rules-file', 'url', 'wasm-api']);
});

for (const row of rows) {
  test(`${row.surface}: ${row.kind}`, () => {
    const seen = surfaces[row.surface](row.input);
    if (row.expect === 'OK') assert.equal(seen, 'OK');
    else assert.ok(seen.includes(row.expect), `expected "${row.expect}" in:\n${seen}`);
  });
}
