// The explorer's whole comparison (every combination under two rule sets,
// JSON in and out, as the page calls it on each edit), against the budget of
// "well under a frame" (16.7 ms at 60 Hz). In Node and in headless Chromium
// on the explorer page itself; the first call includes compiling the wasm.
//   node bench/explorer.mjs [runs]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { CHROMIUM, SITE_DIR, machine, printMachine } from './lib.mjs';

const runs = Number(process.argv[2] ?? 50);
const CASES = {
  'rule of two vs three, 4 096': { variants: ['standard', 'combined_2018'] },
  'rule of two vs three, 15 625 (not rated too)': { variants: ['standard', 'combined_2018'], include_not_rated: true },
  'three vs quality first, 4 096': { variants: ['combined_2018', 'quality_first'] },
};

// Runs in Node, and in the page via page.evaluate (which Playwright sends over
// the DevTools protocol, so the page's CSP, rightly, never sees an eval).
// Self-contained: loads the API itself when none is given (in the page).
async function timeCases({ cases, runs, api }) {
  api ??= await (await import('./explorer-api.mjs')).loadExplorer();
  const out = {};
  for (const [name, request] of Object.entries(cases)) {
    const first = performance.now();
    api.explore(request);
    const firstMs = performance.now() - first;
    // Warm up so V8 has tiered the wasm up before the timed runs.
    for (let i = 0; i < 10; i++) api.explore(request);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      api.explore(request);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out[name] = { firstMs, median: times[Math.floor(runs / 2)], p95: times[Math.floor(runs * 0.95)] };
  }
  return out;
}

function print(title, results) {
  console.log(`| ${title} | first call (ms) | median (ms) | p95 (ms) | share of a 16.7 ms frame (median) |`);
  console.log('|---|--:|--:|--:|--:|');
  for (const [name, r] of Object.entries(results)) {
    console.log(`| ${name} | ${r.firstMs.toFixed(1)} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${Math.round((100 * r.median) / 16.7)} % |`);
  }
  console.log();
}

printMachine(machine());
const { loadExplorer } = await import(pathToFileURL(path.join(SITE_DIR, 'explorer-api.mjs')).href);
const nodeApi = await loadExplorer({ wasmBinary: fs.readFileSync(path.join(SITE_DIR, 'explorer.wasm')) });
print('Node: explore()', await timeCases({ cases: CASES, runs, api: nodeApi }));

const server = await startServer({ dir: SITE_DIR, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}explorer.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const results = await page.evaluate(timeCases, { cases: CASES, runs });
  print(`Chromium ${browser.version()}: explore() in the explorer page (first call: the page's own load already warmed it)`, results);
} finally {
  await browser.close();
  await server.close();
}
