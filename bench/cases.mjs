// The JavaScript-side cases, defined once and run both in Node (wasm.mjs)
// and inside the page in Chromium (browser.mjs).
import { rate } from './reference.mjs';

export const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
export const RATED = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
export const ALL_VALUES = [...RATED, 'not_rated'];

// The page's example, also native_bench.cpp's "example" trust.
export const EXAMPLE = {
  safe: 'requires_improvement', effective: 'good', caring: 'good',
  responsive: 'requires_improvement', well_led: 'good', use_of_resources: 'good',
};

/** Every combination of `values` for the six questions (4 096 or 15 625). */
export function allRequests(values = RATED) {
  let requests = [{}];
  for (const q of QUESTIONS) {
    requests = requests.flatMap((r) => values.map((v) => ({ ...r, [q]: v })));
  }
  return requests;
}

const RANK = { outstanding: 1, good: 2, requires_improvement: 3, inadequate: 4, not_rated: 5 };

/**
 * name -> { run: () => number, items, native }. `native` is the native case
 * it is compared with (from build/bench/native.json); `js` the JS reference
 * case for the WASM/JS ratio.
 */
export function makeCases(api) {
  const all = allRequests();
  const exampleText = JSON.stringify(EXAMPLE);
  return {
    // Public API, object in and object out: JSON.stringify, wasm, JSON.parse.
    'api.evaluate/example': {
      run: () => RANK[api.evaluate(EXAMPLE).combined.rating],
      items: 1, native: 'contract/example', js: 'reference/example',
    },
    // Text in, text out: the wasm contract plus embind's string copies only.
    'api.evaluateText/example': {
      run: () => api.evaluateText(exampleText).length,
      items: 1, native: 'contract/example', js: 'reference/example',
    },
    'api.evaluate/all_4096': {
      run: () => {
        let s = 0;
        for (const r of all) s += RANK[api.evaluate(r).quality.rating];
        return s;
      },
      items: all.length, native: 'contract/all_4096', js: 'reference/all_4096',
    },
    // The plain JS reference: the two ratings only, no explanation or JSON.
    'reference/example': {
      run: () => RANK[rate(EXAMPLE).combined],
      items: 1, native: 'aggregate_rating/example',
    },
    'reference/all_4096': {
      run: () => {
        let s = 0;
        for (const r of all) s += RANK[rate(r).combined];
        return s;
      },
      items: all.length, native: 'aggregate_rating/all_4096',
    },
  };
}

// Heavy cases (one call ~ a second) get fewer, shorter samples.
export function timingFor(items) {
  return items > 1 ? { warmupMs: 1000, sampleMs: 1000, samples: 5 } : { warmupMs: 500, sampleMs: 300, samples: 7 };
}
