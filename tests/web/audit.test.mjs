// The audit page in Chromium: CQC's real records (the shared fixture) opened
// in the page and audited in a worker, the figures the native CLI gives (or,
// without its audit command, the module's in Node), the departures the data
// shows, each opening its trust's grids; an .ods written from the fixture
// gives the same; bad files give a plain message and the page goes on; the
// file is never sent anywhere; accessible, keyboard-only, 320 px, print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { artefacts, startBrowser, openPage, axeViolations } from './browser.mjs';
import { fixturePath, auditBytes, allRows, fixtureTrusts, locationsCells, csvText, odsFromSheets } from '../wasm/audit-files.mjs';

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-audit-page-'));
const file = (name, bytes) => {
  const at = path.join(tmp, name);
  fs.writeFileSync(at, bytes);
  return at;
};

// The figures to find on the page: the CLI's JSON Lines counted by level and band, else the module's rows in Node.
function expectedRows() {
  try {
    const lines = execFileSync(cli, ['audit', fixturePath, '--format', 'jsonl'], { stdio: ['ignore', 'pipe', 'ignore'] });
    return { from: 'the native CLI', rows: lines.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
  } catch {
    return null;
  }
}
const { session, summary: nodeSummary } = await auditBytes([['locations.json', fs.readFileSync(fixturePath)]]);
const expected = expectedRows() ?? { from: 'the module in Node (this CLI has no audit command)', rows: allRows(session) };
session.delete();
const count = (level, band, follows) => expected.rows.filter((r) => r.level === level && r.band === band && r.follows === follows).length;

const trusts = await fixtureTrusts();
const cells = locationsCells(trusts);
const csvFile = file('Locations.csv', csvText(cells));
const odsBytes = odsFromSheets({ 'Read me': [['Made in a test.']], Locations: cells });
const odsFile = file('latest-ratings.ods', odsBytes);
const truncatedOds = file('cut-short.ods', odsBytes.subarray(0, Math.floor(odsBytes.length * 0.6)));
const garbage = file('notes.txt', 'Shopping list\neggs; milk\n\u0000\u0001binary?\n');
const wrongColumns = file('wrong.csv', 'Name,Rating,When\nTorbay Hospital,Good,2020-01-01\n');
const huge = path.join(tmp, 'huge.csv');
fs.closeSync(fs.openSync(huge, 'w'));
fs.truncateSync(huge, 2 * 2 ** 30); // 2 GB, sparse: nothing is written, nothing should be read

let server, browser, stop;
before(async () => ({ server, browser, close: stop } = await startBrowser()));
after(async () => {
  await stop?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const auditPage = (options) => openPage(browser, `${server.url}audit.html`, options);

async function audit(page, ...files) {
  await page.setInputFiles('#files', files);
  await page.getByRole('button', { name: 'Audit the files' }).click();
  await page.waitForFunction(() => !document.querySelector('#audit-results').hidden || !document.querySelector('#audit-error').hidden,
    null, { timeout: 30000 });
}

test(`the fixture audited in the page: the figures of ${expected.from}, the departures, no request carries the file`, async () => {
  const requests = [];
  const { page, problems, close } = await auditPage({
    prepare: (p) => p.context().on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() })),
  });
  requests.length = 0; // what the page needed to open is not in question; what happens from here on is
  await audit(page, fixturePath);
  assert.equal(await page.locator('#audit-error').isHidden(), true, await page.locator('#audit-error').innerText());
  const follows = expected.rows.filter((r) => r.follows === true).length;
  const departs = expected.rows.filter((r) => r.follows === false).length;
  assert.match(await page.locator('#headline').innerText(),
    new RegExp(`^${follows} of ${follows + departs} published ratings follow CQC's principles; ${departs} depart`));
  // The table, cell by cell: "x of y" follow, per level and band.
  const table = await page.locator('#summary-table').evaluate((t) => [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())));
  const names = { 'Service overall': 'service', 'Location key question': 'location_key_question', 'Location overall': 'location' };
  assert.deepEqual(table.map((r) => r[0]), Object.keys(names), 'the levels the fixture has');
  for (const row of table) {
    ['1-3', '4-8', '9+'].forEach((band, i) => {
      const f = count(names[row[0]], band, true), d = count(names[row[0]], band, false);
      assert.equal(row[i + 1], f + d === 0 ? '–none' : `${f} of ${f + d}`, `${row[0]} ${band}`);
    });
  }
  assert.match(await page.locator('#chart').innerText(), /Location key question[\s\S]*N 9\+\s*7 follow, 1 departs/);
  // The departures, named as the data names them.
  const departures = await page.locator('#departures').innerText();
  assert.equal(await page.locator('#departures > li').count(), departs);
  assert.match(departures, /Royal Devon & Exeter Hospital \(Wonford\): Safe[\s\S]*Location RH801[\s\S]*Published\s*▲?\s*Requires improvement[\s\S]*By the principles\s*●?\s*Good/);
  assert.match(departures, /Torbay Hospital: Responsive[\s\S]*Location RA901/);
  assert.match(departures, /Built from\s*9 rated ratings \(band 9\+\): 7 good, 2 requires improvement/);
  assert.match(departures, /Deciding principle\s*Otherwise good/);
  // Nothing carries the file: every request since it was chosen is a GET of the site's own files, without a body.
  const text = fs.readFileSync(fixturePath, 'utf8');
  for (const r of requests) {
    assert.ok(['GET', 'HEAD'].includes(r.method) && !r.body, `${r.method} ${r.url}`);
    assert.ok(r.url.startsWith(server.url), r.url);
    for (const marker of ['RH801', 'Wonford', 'locations.json', text.slice(0, 40)]) assert.ok(!decodeURIComponent(r.url).includes(marker), r.url);
  }
  assert.ok(requests.some((r) => r.url.endsWith('audit-worker.mjs')), 'the worker was loaded from the site');
  
  await page.screenshot({ path: path.join(artefacts, 'audit.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test('each departure opens its trust: every location as a grid, published beside the rules, the departure flagged', async () => {
  const { page, problems, close } = await auditPage();
  await audit(page, fixturePath);
  const card = page.locator('#departures > li', { hasText: 'Royal Devon & Exeter Hospital (Wonford): Safe' });
  await card.getByRole('link', { name: /See the trust's ratings/ }).click();
  await page.waitForFunction(() => !document.querySelector('#trust').hidden);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'trust-title');
  assert.match(await page.locator('#trust-title').innerText(), /\(RH8\)/);
  const grid = page.getByRole('table', { name: 'Royal Devon & Exeter Hospital (Wonford): ratings by service and key question' });
  const headers = await grid.locator('thead th').allInnerTexts();
  assert.deepEqual(headers, ['Service', 'Safe', 'Effective', 'Caring', 'Responsive', 'Well-led', 'Overall']);
  const total = await grid.locator('tr.audit-grid__total').innerText();
  assert.match(total, /^The location \(from its services\)\s*▲?\s*Requires improvement\s*Rules: Good\s*Departs/);
  assert.ok(await grid.locator('tbody tr').count() >= 9, 'a row per service and the location');
  assert.equal(await page.locator('#trust .audit-grid__flag').count(), nodeSummary.trusts.find((t) => t.provider_id === 'RH8').departures);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test('an .ods written from the fixture gives what the same sheet as CSV gives; filters by trust and region', async () => {
  const { page, problems, close } = await auditPage();
  await audit(page, csvFile);
  const fromCsv = { headline: await page.locator('#headline').innerText(), departures: await page.locator('#departures').innerText(),
    table: await page.locator('#summary-table').innerText() };
  assert.match(fromCsv.headline, /depart/);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await audit(page, odsFile);
  assert.equal(await page.locator('#audit-error').isHidden(), true, await page.locator('#audit-error').innerText());
  assert.equal(await page.locator('#headline').innerText(), fromCsv.headline);
  assert.equal(await page.locator('#departures').innerText(), fromCsv.departures);
  assert.equal(await page.locator('#summary-table').innerText(), fromCsv.table);
  // The .ods is read by the audit module the worker already has (and the worker's own ods-file.mjs, loaded
  // with it for any file): nothing more is downloaded for it.
  assert.deepEqual(requests.filter((u) => !/\/(audit-worker\.mjs|ods-file\.mjs|audit\.mjs|audit\.wasm)$/.test(u)), []);
  // The filters, built from the data: the test's regions and trust names.
  assert.deepEqual(await page.locator('#filter-region option').allInnerTexts(), ['All regions', 'London', 'North East', 'South West']);
  await page.locator('#filter-region').selectOption('London');
  await page.waitForFunction(() => /No published rating with these filters departs/.test(document.querySelector('#departures-count').textContent));
  await page.locator('#filter-region').selectOption('South West');
  await page.locator('#filter-trust').selectOption('RA9');
  await page.waitForFunction(() => /^1 departure with these filters/.test(document.querySelector('#departures-count').textContent));
  assert.match(await page.locator('#departures').innerText(), /Torbay Hospital: Responsive[\s\S]*Test trust RA9 \(RA9\), South West/);
  assert.deepEqual(problems, []);
  await close();
});

test('bad files: a plain message each, and the page goes on working', async () => {
  const { page, problems, close } = await auditPage();
  await audit(page, truncatedOds);
  assert.equal(await page.locator('#audit-error').isVisible(), true);
  assert.match(await page.locator('#audit-error').innerText(),
    /cut-short\.ods could not be opened as a spreadsheet: the \.ods file is cut short: the end of the zip \(its central directory\) is missing; was the download interrupted\?/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'audit-error', 'focus moves to the message');

  await audit(page, garbage);
  assert.equal(await page.locator('#audit-error').isHidden(), true);
  assert.match(await page.locator('#headline').innerText(), /None of the published ratings in these files could be checked/);
  assert.match(await page.locator('#problems').innerText(), /There is 1 problem in the files[\s\S]*notes\.txt/);

  await audit(page, wrongColumns);
  assert.match(await page.locator('#problems').innerText(), /wrong\.csv[\s\S]*Service \/ Population Group/);

  const started = Date.now();
  await audit(page, huge);
  assert.match(await page.locator('#audit-error-text').innerText(),
    /^huge\.csv is 2 GB\. The largest file this page can read is 1 GB \(1,073,741,824 bytes\)/);
  assert.ok(Date.now() - started < 10000, 'refused by its size, not read');

  // Still working: the fixture after all that.
  await audit(page, fixturePath);
  assert.equal(await page.locator('#audit-error').isHidden(), true);
  assert.match(await page.locator('#headline').innerText(), /follow CQC's principles/);
  assert.deepEqual(problems, []);
  await close();
});

test('no file chosen: a GOV.UK error at the field', async () => {
  const { page, problems, close } = await auditPage();
  await page.getByRole('button', { name: 'Audit the files' }).click();
  assert.match(await page.locator('#files-error').innerText(), /Select one or more CQC data files/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'files');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test('keyboard only: audit, move through the filters, open a departure', async () => {
  const { page, problems, close } = await auditPage();
  await page.setInputFiles('#files', fixturePath); // a file chooser is the browser's own dialog
  await page.locator('#files').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'audit-button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#audit-results').hidden);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'audit-results-title', 'focus moves to the findings');
  // Tab on to the trust filter and choose a trust with the arrow keys.
  for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement.id)) !== 'filter-trust'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-trust');
  const before = await page.locator('#departures-count').innerText();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((b) => document.querySelector('#departures-count').textContent !== b, before);
  await page.keyboard.press('Home');
  await page.waitForFunction((b) => document.querySelector('#departures-count').textContent === b, before);
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement.classList.contains('audit-open-trust'))); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#trust').hidden && document.activeElement.id === 'trust-title');
  assert.deepEqual(problems, []);
  await close();
});

test('at 320 px nothing scrolls sideways, findings and trust grids included', async () => {
  const { page, problems, close } = await auditPage({ viewport: { width: 320, height: 640 } });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(await sideways(), false);
  await audit(page, fixturePath);
  assert.equal(await sideways(), false);
  await page.locator('.audit-open-trust').first().click();
  await page.waitForFunction(() => !document.querySelector('#trust').hidden);
  assert.equal(await sideways(), false);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test('print shows the findings without the controls', async () => {
  const { page, problems, close } = await auditPage();
  await audit(page, fixturePath);
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['#audit-form', '#filters', '.audit-open-trust >> nth=0', '.govuk-back-link']) {
    assert.equal(await page.locator(selector).isVisible(), false, selector);
  }
  for (const selector of ['#headline', '#summary-table', '#chart', '#departures']) {
    assert.equal(await page.locator(selector).isVisible(), true, selector);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('the worker runs under the strict CSP: same-origin module workers only', async () => {
  const { page, problems, close } = await auditPage();
  const response = await page.request.get(`${server.url}audit-worker.mjs`);
  assert.match(response.headers()['content-security-policy'], /worker-src 'self'/);
  assert.equal(response.headers()['content-type'], 'text/javascript');
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    try {
      const w = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
      w.onmessage = () => resolve('started');
      w.onerror = () => resolve('refused');
    } catch (e) {
      resolve('refused');
    }
    setTimeout(() => resolve('no answer'), 5000);
  }));
  assert.equal(blocked, 'refused', 'a worker from a blob: is refused');
  await audit(page, fixturePath);
  assert.equal(await page.locator('#audit-error').isHidden(), true);
  assert.deepEqual(problems.filter((p) => !/blob:/.test(p)), []);
  await close();
});

test('the calculator page does not load any of the audit', async () => {
  const requests = [];
  const { page, problems, close } = await openPage(browser, `${server.url}index.html`, {
    prepare: (p) => p.on('request', (r) => requests.push(new URL(r.url()).pathname)),
  });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requests.filter((u) => /audit|vendor\//.test(u)), []);
  assert.equal(await page.locator('a[href="audit.html"]').count() > 0, true, 'but links to it');
  assert.deepEqual(problems, []);
  await close();
});
