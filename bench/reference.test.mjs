// node --test bench/reference.test.mjs
// The JS reference (reference.mjs) must give the core's answers, or the
// WASM/JS ratio compares different work. Checked against the WebAssembly
// core through the public API on every input: the 4 096 fully rated ones and
// the 15 625 that include not_rated.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRequests, ALL_VALUES } from './cases.mjs';
import { rate } from './reference.mjs';
import { SITE_DIR } from './lib.mjs';

let api;
before(async () => {
  const { loadRatings } = await import(pathToFileURL(path.join(SITE_DIR, 'ratings-api.mjs')).href);
  api = await loadRatings({ wasmBinary: fs.readFileSync(path.join(SITE_DIR, 'ratings.wasm')) });
});

// Collects every disagreement (up to 5 shown) rather than stopping at one.
function disagreements(requests) {
  const bad = [];
  for (const request of requests) {
    const core = api.evaluate(request);
    assert.ok(!core.error, `core rejected ${JSON.stringify(request)}: ${core.error}`);
    const expected = { quality: core.quality.rating, combined: core.combined.rating }; // null when none
    const actual = rate(request);
    if (actual.quality !== expected.quality || actual.combined !== expected.combined) {
      bad.push({ request, expected, actual });
    }
  }
  return bad;
}

test('agrees with the core on all 4 096 fully rated inputs', () => {
  const requests = allRequests();
  assert.equal(requests.length, 4096);
  assert.deepEqual(disagreements(requests).slice(0, 5), []);
});

test('agrees with the core on all 15 625 inputs with not_rated', () => {
  const requests = allRequests(ALL_VALUES);
  assert.equal(requests.length, 15625);
  assert.deepEqual(disagreements(requests).slice(0, 5), []);
  // The inputs do reach both "no combined rating" cases.
  assert.equal(rate({ safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'good', use_of_resources: 'not_rated' }).combined, null);
  assert.equal(rate({ safe: 'not_rated', effective: 'not_rated', caring: 'not_rated', responsive: 'not_rated', well_led: 'not_rated', use_of_resources: 'good' }).combined, null);
});
