// The WebAssembly module through its public API: byte-for-byte the native
// CLI's answers, errors as data, and still working after bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSiteApi, siteDir } from './load.mjs';

const api = await loadSiteApi();
const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
const RATED = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
const ALL = [...RATED, 'not_rated'];

function* combinations(values) {
  const total = values.length ** 6;
  for (let code = 0; code < total; code++) {
    const request = {};
    let rest = code;
    for (const q of QUESTIONS) {
      request[q] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    yield request;
  }
}

function nativeBatch(lines) {
  const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
  let out;
  try {
    out = execFileSync(cli, ['batch'], { input: lines.join('\n') + '\n', maxBuffer: 1 << 30 });
  } catch (e) {
    out = e.stdout; // exit 1 when a line failed; the lines are still there
  }
  return out.toString('utf8').split('\n').slice(0, -1);
}

function assertSameAsNative(requestTexts) {
  const native = nativeBatch(requestTexts);
  assert.equal(native.length, requestTexts.length);
  requestTexts.forEach((text, i) => {
    const wasm = api.evaluateText(text);
    if (wasm !== native[i]) assert.equal(wasm, native[i], `differs for ${text}`);
  });
}

test('all 4 096 fully rated inputs give byte-for-byte the native CLI output', () => {
  const texts = [...combinations(RATED)].map((r) => JSON.stringify(r));
  assert.equal(texts.length, 4096);
  assertSameAsNative(texts);
});

test('a sample of inputs with not-rated values, dates and judgements match the native CLI', () => {
  const texts = [];
  let i = 0;
  for (const r of combinations(ALL)) {
    if (i++ % 7 !== 0) continue;
    if (i % 3 === 0) r.uor_assessed_on = i % 2 ? '2017-11-01' : '2019-06-30';
    if (i % 5 === 0) r.judgement = { combined: { rating: 'good', rationale: `Judgement ${i} – “quoted”` } };
    texts.push(JSON.stringify(r));
  }
  assert.ok(texts.length > 2000);
  assertSameAsNative(texts);
});

test('bad inputs come back as errors naming the field, and the module keeps working', () => {
  const good = { safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'good', use_of_resources: 'good' };
  const bad = [
    ['{"safe":', ''],
    [JSON.stringify({ ...good, safety: 'good' }), 'safety'],
    [JSON.stringify({ ...good, safe: 3 }), 'safe'],
    [JSON.stringify({ ...good, caring: 'excellent' }), 'caring'],
    ['x'.repeat(70000), ''],
    ['['.repeat(5000), ''],
    ['', ''],
    ['null', ''],
  ];
  for (const [text, field] of bad) {
    const result = api.evaluate(text);
    assert.ok(result.error, `expected an error for ${text.slice(0, 40)}`);
    assert.equal(result.errors[0].field, field);
    assert.equal(api.evaluate(good).combined.rating, 'good', 'still works after bad input');
  }
  // Values JSON cannot carry are errors too, not exceptions.
  assert.match(api.evaluate({ ...good, safe: 10n }).error, /cannot be written as JSON/);
  assert.match(api.evaluate(undefined).error, /must be a JSON object/);
  assert.equal(api.evaluate(good).quality.rating, 'good');
});

test('the worked example reads as the README says', () => {
  const result = api.evaluate({ safe: 'Requires improvement', effective: 'good', caring: 'good',
    responsive: 'requires-improvement', well_led: 'GOOD', use_of_resources: 'good' });
  assert.equal(result.quality.rating, 'requires_improvement');
  assert.equal(result.combined.rating, 'good');
  assert.equal(result.combined.rule_of_two.rating, 'requires_improvement');
  assert.match(result.combined.rule_of_two.text, /rule of two.*rule of three/);
});

test('URL state: usable values kept, the rest listed', () => {
  const { values, ignored } = api.readParams('?safe=good&safety=good&caring=nope&uor_assessed_on=2019-06-01');
  assert.deepEqual(values, { safe: 'good', uor_assessed_on: '2019-06-01' });
  assert.deepEqual(ignored.map((i) => i.param), ['safety', 'caring']);
});

test('vocabulary and default rules come from the core', () => {
  assert.deepEqual(api.vocabulary().questions.map((q) => q.token), QUESTIONS);
  assert.equal(api.defaultRules().combined.bands[1].requires_improvement, 3);
});

test('text after a NUL byte is an error, byte for byte the native CLI\'s', () => {
  const good = JSON.stringify({ safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'good', use_of_resources: 'good' });
  const text = `${good}\0 GARBAGE {{{`;
  assert.ok(api.evaluate(text).error.includes(`contains a NUL (zero) byte at line 1, column ${good.length + 1};`));
  const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
  let native;
  try {
    native = execFileSync(cli, ['evaluate'], { input: text });
  } catch (e) {
    native = e.stdout;
  }
  assert.equal(`${api.evaluateText(text)}\n`, native.toString('utf8'));
});

// A module of its own, so its memory can be watched (the shared one hides it).
test('a huge string is refused before it is copied: memory does not grow, and the module keeps answering', async () => {
  const { RatingsApi } = await import(pathToFileURL(path.join(siteDir, 'ratings-api.mjs')).href);
  const { default: createRatingsModule } = await import(pathToFileURL(path.join(siteDir, 'ratings.mjs')).href);
  const module = await createRatingsModule({ wasmBinary: fs.readFileSync(path.join(siteDir, 'ratings.wasm')) });
  const own = new RatingsApi(module);
  const good = { safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'good', use_of_resources: 'good' };
  assert.equal(own.evaluate(good).combined.rating, 'good');
  const before = module.HEAP8.length;
  const huge = 'x'.repeat(100_000_000);
  const expected = 'the input is larger than the limit of 65536 bytes (64 KiB)';
  assert.equal(own.evaluate(huge).error, expected);
  assert.equal(own.evaluate({ ...good, safe: huge }).error, expected);
  // 3 bytes a character in UTF-8: under the limit in characters, over it in bytes.
  assert.equal(own.evaluate('€'.repeat(30000)).error, expected);
  assert.ok(own.readParams(`?safe=${huge}`).ignored[0].message.includes('the address query is larger than the limit'));
  assert.equal(module.HEAP8.length, before, `wasm memory grew from ${before} to ${module.HEAP8.length} bytes`);
  assert.equal(own.evaluateText(good), api.evaluateText(good), 'still answers exactly as before');
});

test('readParams never throws: anything URLSearchParams cannot read is reported', () => {
  const result = api.readParams(Symbol('x'));
  assert.deepEqual(result.values, {});
  assert.match(result.ignored[0].message, /^the address query cannot be read: /);
  assert.deepEqual(api.readParams(new URLSearchParams('safe=good')).values, { safe: 'good' });
  assert.deepEqual(api.readParams({ safe: 'inadequate' }).values, { safe: 'inadequate' });
});
