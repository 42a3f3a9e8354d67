// The same cases as wasm.mjs (cases.mjs), run inside the calculator page in
// headless Chromium: build/site served over loopback with its strict CSP,
// the API imported by the page itself ('./ratings-api.mjs'), timed in-page
// with performance.now() so no Playwright round trip is counted.
//   node bench/browser.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { makeCases } from './cases.mjs';
import { CHROMIUM, SITE_DIR, machine, printJsTable, printMachine, readNative } from './lib.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const server = await startServer({ dir: SITE_DIR, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const page = await browser.newPage();
  // The bench modules are not part of the site: answer /bench/*.mjs from
  // bench/ (same origin, so the page's CSP allows them; build/site untouched).
  await page.route('**/bench/*.mjs', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: fs.readFileSync(path.join(benchDir, path.basename(new URL(route.request().url()).pathname))),
    }),
  );
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.evaluate(async () => {
    // The page's own module instance: loadRatings() is loaded once per page.
    const { loadRatings } = await import('./ratings-api.mjs');
    window.__bench = {
      api: await loadRatings(),
      cases: await import('./bench/cases.mjs'),
      timing: await import('./bench/timing.mjs'),
    };
  });

  console.log('== WebAssembly and JS reference in headless Chromium ==');
  printMachine(machine({ chromium: `${browser.version()} (${CHROMIUM})`, page: server.url }));

  const results = {};
  for (const [name, c] of Object.entries(makeCases(null))) {
    // One page.evaluate per case; the function runs in the page.
    const r = await page.evaluate((n) => {
      const { api, cases, timing } = window.__bench;
      const c = cases.makeCases(api)[n];
      return timing.measure(c.run, cases.timingFor(c.items));
    }, name);
    results[name] = { ...r, items: c.items, native: c.native, js: c.js };
  }
  printJsTable(results, readNative());
} finally {
  await browser.close();
  await server.close();
}
