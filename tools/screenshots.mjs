#!/usr/bin/env node
// The README's screenshots, taken again from the built site in Debian's
// Chromium: the calculator, the explainer, the explorer, the audit page
// (with the shared fixture, CQC's real API records, opened in it) and the
// workbench (with the two-hospital example document imported) at 375 x 740
// and 1280 x 800, and the calculator's print view as an A4 page.
//
//   node tools/screenshots.mjs [--site build/site] [--out web/screenshots]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';

const { values: args } = parseArgs({
  options: { site: { type: 'string', default: 'build/site' }, out: { type: 'string', default: 'web/screenshots' } },
});
fs.mkdirSync(args.out, { recursive: true });

// The audit page's file: ../shared/data beside the clone, or $CQC_SHARED_DATA.
const FIXTURE = path.resolve(process.env.CQC_SHARED_DATA ?? '../shared/data', 'cqc-api-hospitals-2021', 'locations.json');
async function openFixture(tab) {
  await tab.setInputFiles('#files', FIXTURE);
  await tab.getByRole('button', { name: 'Audit the files' }).click();
  await tab.waitForSelector('#audit-results:not([hidden]) #departures > li');
}

// The workbench: the two-hospital example document imported, the details of Hospital A's safe rating open.
const WORKBENCH_EXAMPLE = path.resolve('tests/data/assessment-two-hospitals.json');
async function openWorkbenchExample(tab) {
  await tab.setInputFiles('#import-json', WORKBENCH_EXAMPLE);
  await tab.waitForSelector('body[data-busy="false"] .wb-location');
  await tab.locator('.wb-cell[data-node="location:A/safe"]').click();
  await tab.waitForSelector('#detail:not([hidden]) .principle--decided');
}

const EXAMPLE = '#safe=requires_improvement&effective=good&caring=good&responsive=requires_improvement&well_led=good&use_of_resources=good';
// [file stem, page, how far down to scroll to (a selector, or none), ready selector, what to do first]
const SHOTS = [
  ['calculator', `index.html${EXAMPLE}`, null, 'body[data-ready="true"]'],
  ['calculator-why', `index.html${EXAMPLE}`, '#why', 'body[data-ready="true"]'],
  ['explainer', 'explainer.html', '#examples', 'main'],
  ['explorer', 'explorer.html', null, 'body[data-ready="true"]'],
  ['audit', 'audit.html', '#audit-results-title', 'body[data-ready="true"]', openFixture],
  ['workbench', 'workbench.html', '#trust-grid-slot', 'body[data-ready="true"]', openWorkbenchExample],
];
const SIZES = [[375, 740], [1280, 800]];

const server = await startServer({ dir: path.resolve(args.site), port: 0, host: '127.0.0.1', base: '/' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium' });
try {
  for (const [stem, page, scrollTo, ready, prepare] of SHOTS) {
    for (const [width, height] of SIZES) {
      const context = await browser.newContext({ viewport: { width, height } });
      const tab = await context.newPage();
      await tab.goto(server.url + page);
      await tab.waitForSelector(ready);
      await prepare?.(tab);
      if (scrollTo && (await tab.locator(scrollTo).count())) await tab.locator(scrollTo).evaluate((el) => el.scrollIntoView());
      const file = path.join(args.out, `${stem}-${width}.png`);
      await tab.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
  }
  // Print: the browser's default, without background graphics.
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const tab = await context.newPage();
  await tab.goto(`${server.url}index.html${EXAMPLE}`);
  await tab.waitForSelector('body[data-ready="true"]');
  await tab.emulateMedia({ media: 'print' });
  const file = path.join(args.out, 'calculator-print.png');
  await tab.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
