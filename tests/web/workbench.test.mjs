// The self-assessment workbench in Chromium: a two-location trust entered
// with the keyboard only; every cell and the trust's explanations the CLI's
// `assess` answer for the same document; saved at once and still there after
// a reload, a closed and reopened browser and a killed one; export then import
// the same document; a bad file changes nothing saved; several named
// assessments; print without controls; axe; 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { artefacts, startBrowser, openPage, axeViolations } from './browser.mjs';
import { csvRows, odsFromSheets } from '../wasm/audit-files.mjs';

const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const example = path.resolve('tests/data/assessment-two-hospitals.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-workbench-'));

/** The CLI's answer for a document (JSON output): node id -> node. */
function cliAssess(document) {
  const file = path.join(tmp, `cli-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
  const answer = JSON.parse(execFileSync(cli, ['assess', file], { encoding: 'utf8' }));
  return { ...answer, byId: new Map(answer.nodes.map((n) => [n.id, n])) };
}
const LABELS = { outstanding: 'Outstanding', good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate', not_rated: 'Not rated' };

let server, browser, stop;
before(async () => ({ server, browser, close: stop } = await startBrowser()));
after(async () => {
  await stop?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const url = () => `${server.url}workbench.html`;
const open = (options) => openPage(browser, url(), options);
const active = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.node || document.activeElement?.className);

/** Imports a file: waits until it is open as a new assessment, or its problems are shown. */
async function importFile(page, file) {
  const before = await page.evaluate(() => document.body.dataset.opened);
  await page.evaluate(() => { document.querySelector('#import-problem').hidden = true; });
  await page.setInputFiles('#import-json', file);
  await page.waitForFunction((b) => document.body.dataset.opened !== b || !document.querySelector('#import-problem').hidden, before);
  await settled(page);
}

/** Waits until the core has answered the latest change and the answer is painted (the page says so). */
async function settled(page) {
  await page.waitForSelector('body[data-busy="false"]');
}

async function savedState(page) {
  await page.waitForFunction(() => /^Saved in this browser/.test(document.querySelector('#save-status').textContent));
}

async function exportDocument(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const file = path.join(tmp, `export-${Math.random().toString(36).slice(2)}.json`);
  await download.saveAs(file);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** Each cell's rating words, as the page shows them: node id -> label ('' for an empty entered cell). */
function cellLabels(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.wb-cell[data-node]:not([data-node=""])')]
    .map((c) => [c.dataset.node, c.querySelector('.rating__label')?.textContent ?? ''])));
}

async function tabTo(page, id, { back = false, limit = 80 } = {}) {
  for (let i = 0; i < limit && (await active(page)) !== id; i++) await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  assert.equal(await active(page), id, `Tab reaches ${id}`);
}

test('a two-location trust entered with the keyboard only; undo and redo; the CLI agrees with every cell', async () => {
  const { page, problems, close } = await open();
  // Key presses answered by the page's own copy of the core (it loads after the first render; the
  // worker answers until then, as in the tests that do not wait for it).
  await page.waitForSelector('body[data-core="page"]');
  await tabTo(page, 'trust-name');
  await page.keyboard.type('Keyboard NHS Trust');
  await tabTo(page, 'add-location-name');
  const rows = { 'Hospital North': [['urgent', 'gggrg'], ['surgery', 'ggoog']], 'Hospital South': [['care', 'rrgrg']] };
  for (const [hospital, services] of Object.entries(rows)) {
    await page.locator('#add-location-name').focus(); // where focus returns after the previous location's last cell
    await page.keyboard.type(hospital);
    await page.keyboard.press('Enter');
    assert.ok(await page.evaluate(() => document.activeElement.classList.contains('wb-add-service-choice')), 'focus moves to adding its first service');
    for (const [service, keys] of services) {
      const select = page.locator('.wb-location', { hasText: hospital }).locator('.wb-add-service-choice');
      await select.focus();
      for (let i = 0; i < 12 && (await select.inputValue()) !== service; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await select.inputValue(), service);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.match(await active(page), new RegExp(`/service:${service}/safe$`), 'focus moves to the new row\'s first cell');
      for (const [i, key] of [...keys].entries()) {
        await page.keyboard.press(key);
        if (i < 4) await page.keyboard.press('ArrowRight');
      }
    }
  }
  // Undo, redo and Delete, from the keyboard.
  await page.keyboard.press('Control+z');
  await settled(page);
  const south = 'location:hospital-south/service:care/well_led';
  assert.equal((await cellLabels(page))[south], '', 'Ctrl+Z took back the last rating');
  await page.keyboard.press('Control+y');
  await settled(page);
  assert.equal((await cellLabels(page))[south], 'Good', 'Ctrl+Y put it back');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Delete');
  await settled(page);
  assert.equal((await cellLabels(page))['location:hospital-south/service:care/responsive'], '');
  await page.keyboard.press('r');
  // The trust-wide well-led and use of resources: up to the trust's grid, then its date in the details.
  await tabTo(page, 'trust.safe', { back: true });
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'trust.well_led');
  await page.keyboard.press('g');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(page), 'trust.use_of_resources');
  await page.keyboard.press('g');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'detail-title', 'Enter opens the details');
  await tabTo(page, 'detail-day');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2019');
  await page.keyboard.press('Escape');
  assert.equal(await active(page), 'trust.use_of_resources', 'Escape returns to the cell');
  await settled(page);
  await savedState(page);

  const { text } = await exportDocument(page);
  const document = JSON.parse(text);
  assert.equal(document.trust.name, 'Keyboard NHS Trust');
  assert.deepEqual(document.locations.map((l) => [l.name, l.services.map((s) => s.id)]),
    [['Hospital North', ['urgent', 'surgery']], ['Hospital South', ['care']]]);
  assert.deepEqual(document.locations[1].services[0].key_questions.responsive, { rating: 'requires_improvement' });
  assert.deepEqual(document.use_of_resources, { rating: 'good', date: '2019-06-01' });
  const expected = cliAssess(text);
  const shown = await cellLabels(page);
  for (const [id, label] of Object.entries(shown)) {
    const node = expected.byId.get(id);
    assert.ok(node, `${id} is a node of the CLI's answer`);
    if (label) assert.equal(label, LABELS[node.final], id);
  }
  assert.equal(shown['trust.combined'], LABELS[expected.byId.get('trust.combined').final]);
  assert.match(await page.locator('#announce').innerText(), /Trust quality rating/);
  assert.deepEqual(problems, []);
  await close();
});

test("the trust's ratings and explanations are the CLI's `assess` answer for the same document", async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  const expected = cliAssess(fs.readFileSync(example, 'utf8'));
  const shown = await cellLabels(page);
  let compared = 0;
  for (const node of expected.nodes) {
    if (!(node.id in shown)) continue;
    compared++;
    // An entered cell left empty shows no rating; the core counts it as not rated.
    const label = shown[node.id] === '' && node.level === 'service_key_question' ? 'Not rated' : shown[node.id];
    assert.equal(label, node.not_awarded ? 'Not awarded' : LABELS[node.final], node.id);
  }
  assert.ok(compared >= 40, `${compared} cells compared`);
  // Each of the trust's computed ratings: its explanation, word for word, in the details.
  for (const id of ['trust.safe', 'trust.effective', 'trust.caring', 'trust.responsive', 'trust.quality', 'trust.combined', 'location:A', 'location:A/safe']) {
    const node = expected.byId.get(id);
    await page.locator(`.wb-cell[data-node="${id}"]`).focus();
    await page.keyboard.press('Enter');
    await settled(page); // the core writes a cell's explanation when its details open
    const detail = await page.locator('#detail').innerText();
    assert.ok(detail.includes(node.summary), `${id}: ${node.summary}`);
    for (const p of node.explanation.principles) assert.ok(detail.includes(p.text), `${id}: ${p.text}`);
    const decided = await page.locator('#detail .principle--decided .principle__text').innerText();
    assert.equal(decided, node.explanation.principles.find((p) => p.decided).text);
    assert.match(detail, new RegExp(`Built from ${node.explanation.rated} rated`));
    if (node.judgement) assert.ok(detail.includes(node.judgement.text));
    await page.keyboard.press('Escape');
  }
  // Beside the rules: the judgement (quality) and the enforcement limit (a warning notice) in the cells.
  assert.match(await page.locator('.wb-cell[data-node="trust.quality"]').innerText(), /Good[\s\S]*Judgement\. Rules: Good/);
  assert.match(await page.locator('.wb-cell[data-node="location:B/service:medical/safe"]').innerText(), /Inadequate[\s\S]*Warning notice: was Good/);
  assert.match(await page.locator('#location-list').innerText(), /End of life care is marked significantly small \(Four beds\)/);
  // Computed cells are marked by a sign and words, not colour alone.
  assert.equal(await page.locator('.wb-cell--computed[data-node="trust.quality"] .wb-computed-sign').innerText(), '∑');
  assert.equal(await page.locator('.wb-cell--entered .wb-computed-sign').count(), 0);
  await page.locator('.wb-cell[data-node="trust.quality"]').focus();
  await page.keyboard.press('Enter');
  await page.screenshot({ path: path.join(artefacts, 'workbench.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test("a location's date of joining the trust: a bad date is named at its boxes; cleared, the location counts again (the CLI agrees)", async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  const document = JSON.parse(fs.readFileSync(example, 'utf8'));
  const joined = cliAssess(document);
  delete document.locations.find((l) => l.id === 'B').joined_on;
  const counted = cliAssess(document);
  const trustIds = ['trust.safe', 'trust.effective', 'trust.caring', 'trust.responsive', 'trust.quality'];
  // The test can only fail if leaving Hospital B out changes a trust rating.
  assert.ok(trustIds.some((id) => joined.byId.get(id).final !== counted.byId.get(id).final), "the fixture's B changes a trust rating");
  const labels = async () => Object.fromEntries(Object.entries(await cellLabels(page)).filter(([id]) => trustIds.includes(id)));
  const expect = (answer) => Object.fromEntries(trustIds.map((id) => [id, LABELS[answer.byId.get(id).final]]));
  assert.deepEqual(await labels(), expect(joined));
  assert.match(await page.locator('#location-list').innerText(), /came from a previously separate provider on 2019-09-01/);

  const hospital = page.locator('.wb-location', { hasText: 'Hospital B' });
  await hospital.getByText('its dates, or remove it').click();
  const box = (part) => page.locator(`#joined-B-${part}`);
  assert.deepEqual([await box('day').inputValue(), await box('month').inputValue(), await box('year').inputValue()], ['1', '9', '2019']);
  await box('day').fill('1st');
  await hospital.getByRole('button', { name: 'Use this date' }).click();
  assert.match(await page.locator('#joined-B-error').innerText(), /The date it joined must be a real date/);
  assert.ok(await page.locator('#joined-B-error').isVisible(), 'the message is shown, not only written');
  await settled(page);
  assert.deepEqual(await labels(), expect(joined), 'a bad date changes nothing');

  for (const part of ['day', 'month', 'year']) await box(part).fill('');
  await hospital.getByRole('button', { name: 'Use this date' }).click();
  await settled(page);
  assert.equal(await page.locator('#joined-B-error').isHidden(), true);
  assert.deepEqual(await labels(), expect(counted));
  assert.doesNotMatch(await page.locator('#location-list').innerText(), /came from a previously separate provider/);
  const saved = JSON.parse((await exportDocument(page)).text);
  assert.equal(saved.locations.find((l) => l.id === 'B').joined_on, undefined);
  assert.equal(saved.locations.find((l) => l.id === 'A').joined_on, undefined);
  assert.deepEqual(problems, []);
  await close();
});

test('a judgement with its rationale, from the details; the level above counts the final rating', async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  const cell = page.locator('.wb-cell[data-node="location:A/safe"]');
  await cell.click();
  await page.locator('#detail-judgement-rating').selectOption('good');
  await settled(page);
  assert.match(await page.locator('#detail-judgement-rationale-error').innerText(), /Enter why the final rating departs from, or confirms, the rules/);
  await page.locator('#detail-judgement-rationale').fill('Staffing fixed since the visit');
  await settled(page);
  assert.equal(await page.locator('#detail-judgement-rationale-error').isHidden(), true);
  assert.match(await cell.innerText(), /Good[\s\S]*Judgement\. Rules: Requires improvement/);
  const { text } = await exportDocument(page);
  assert.deepEqual(JSON.parse(text).locations[0].judgement, { safe: { rating: 'good', rationale: 'Staffing fixed since the visit' } });
  const expected = cliAssess(text);
  assert.equal((await cellLabels(page))['trust.safe'], LABELS[expected.byId.get('trust.safe').final]);
  assert.deepEqual(problems, []);
  await close();
});

test('export then import gives the same document; a bad file changes nothing saved', async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  await savedState(page);
  const first = await exportDocument(page);
  assert.deepEqual(JSON.parse(first.text), JSON.parse(fs.readFileSync(example, 'utf8')), 'the example, as imported');
  await importFile(page, first.file);
  const second = await exportDocument(page);
  assert.equal(second.text, first.text, 'byte for byte');
  const names = await page.locator('#assessment-choice option').allInnerTexts();
  assert.equal(names.length, 2, 'each import a new assessment');

  // Bad files: the core's problems in words, nothing saved changes, the open assessment stays open.
  const bad = path.join(tmp, 'bad.json');
  const document = JSON.parse(first.text);
  document.locations[0].services[1].key_questions.safe.rating = 'great';
  document.locations[0].services[0].key_questions.effective.date = '2020-02-30';
  fs.writeFileSync(bad, JSON.stringify(document));
  await importFile(page, bad);
  assert.equal(await page.locator('#import-problem').isVisible(), true);
  const message = await page.locator('#import-problem').innerText();
  assert.match(message, /bad\.json is not an assessment the workbench can open: there are 2 problems/);
  assert.match(message, /The rating of Safe in service 2 at location 1 has unknown rating "great"/);
  assert.match(message, /The date of Effective in service 1 at location 1 must be a real date/);
  assert.match(message, /Nothing you had saved has changed/);
  const notJson = path.join(tmp, 'notes.json');
  fs.writeFileSync(notJson, '{"trust": {"name": "cut off');
  await importFile(page, notJson);
  assert.match(await page.locator('#import-problem').innerText(), /The file is not valid JSON/);
  assert.deepEqual(await page.locator('#assessment-choice option').allInnerTexts(), names);
  assert.equal((await exportDocument(page)).text, first.text);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await page.locator('#assessment-choice option').allInnerTexts(), names);
  assert.equal((await exportDocument(page)).text, first.text);
  assert.deepEqual(problems, []);
  await close();
});

test('several named assessments: new, rename, switch, delete with confirmation', async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  const before = await page.evaluate(() => document.body.dataset.opened);
  await page.locator('#new-assessment').click();
  await page.waitForFunction((b) => document.body.dataset.opened !== b, before); // shown and listed
  await settled(page);
  assert.equal(await page.locator('#assessment-choice option').count(), 2);
  await page.locator('#rename-assessment').click();
  await page.locator('#rename-name').fill('');
  await page.locator('#rename-form button[type=submit]').click();
  assert.match(await page.locator('#rename-error').innerText(), /Enter a name for the assessment/);
  await page.locator('#rename-name').fill('Draft for the board');
  await page.locator('#rename-form button[type=submit]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#assessment-choice option')].some((o) => o.textContent === 'Draft for the board'));
  await page.locator('#assessment-choice').selectOption({ label: 'Example NHS Trust' });
  await page.waitForFunction(() => document.querySelector('#trust-title').textContent === 'Example NHS Trust');
  await page.locator('#delete-assessment').click();
  assert.match(await page.locator('#delete-confirm').innerText(), /Delete "Example NHS Trust"\?[\s\S]*cannot be undone/);
  await page.locator('#delete-no').click();
  assert.equal(await page.locator('#assessment-choice option').count(), 2, '"No" keeps it');
  await page.locator('#delete-assessment').click();
  await page.locator('#delete-yes').click();
  await page.waitForFunction(() => document.querySelectorAll('#assessment-choice option').length === 1);
  assert.equal(await page.locator('#assessment-choice option').innerText(), 'Draft for the board');
  assert.deepEqual(problems, []);
  await close();
});

/** Chromium with a profile of its own, as a person's browser keeps one between runs. */
async function persistent(dir) {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url());
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page };
}

/** The browser processes using `dir` as their profile: killed as a crash would, with no chance to save. */
function killBrowser(dir) {
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`--user-data-dir=${dir}`);
    } catch {
      return false;
    }
  });
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch { /* already gone */ }
  }
  return pids.length;
}

test('autosave: every change is there after a reload, a closed and reopened browser, and a killed one', async () => {
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  let { context, page } = await persistent(profile);
  await importFile(page, example);
  const cell = page.locator('.wb-cell[data-node="location:A/service:urgent/caring"]');
  await cell.focus();
  await page.keyboard.press('o');
  await settled(page);
  await savedState(page);
  const caring = () => page.locator('.wb-cell[data-node="location:A/service:urgent/caring"] .rating__label').innerText();
  assert.equal(await caring(), 'Outstanding');

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await settled(page);
  assert.equal(await caring(), 'Outstanding', 'after a reload');

  await context.close();
  ({ context, page } = await persistent(profile));
  await settled(page);
  assert.equal(await caring(), 'Outstanding', 'after closing and reopening the browser');
  assert.equal(await page.locator('#trust-title').innerText(), 'Example NHS Trust');

  await page.locator('.wb-cell[data-node="location:A/service:urgent/caring"]').focus();
  await page.keyboard.press('i');
  await settled(page);
  await savedState(page);
  assert.ok(killBrowser(profile) > 0, 'the browser was running');
  await context.close().catch(() => {});
  ({ context, page } = await persistent(profile));
  await settled(page);
  assert.equal(await caring(), 'Inadequate', 'after the browser was killed');
  await context.close();
});

test('print: the trust and every grid with marks, the judgements with rationales, the date; no controls', async () => {
  const { page, problems, close } = await open({ viewport: { width: 794, height: 1123 } });
  await importFile(page, example);
  await page.locator('.wb-cell[data-node="trust.quality"]').click(); // details open: they must not print
  await page.emulateMedia({ media: 'print' });
  const visibleControls = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button, .govuk-button, details')]
    .filter((e) => e.checkVisibility()).map((e) => e.id || e.className));
  assert.deepEqual(visibleControls, []);
  for (const selector of ['#trust-title', '.wb-grid--trust', '.wb-location >> nth=1', '#print-judgements', '#print-source']) {
    assert.equal(await page.locator(selector).isVisible(), true, selector);
  }
  const judgements = await page.locator('#print-judgements').innerText();
  assert.match(judgements, /Responsive in Surgery at Hospital A: final\s*●?\s*Good\s*, by the principles\s*▲?\s*Requires improvement\s*Rationale: Waits fell after the inspection/);
  assert.match(judgements, /The quality rating: final[\s\S]*Rationale: Seen on inspection/);
  assert.match(await page.locator('#print-source').innerText(), /Worked out on \d+ \w+ \d{4}/);
  // Printers drop backgrounds: every mark keeps a black ring.
  const border = await page.locator('.wb-cell .rating__mark').first().evaluate((e) => getComputedStyle(e).borderTopStyle);
  assert.equal(border, 'solid');
  await page.screenshot({ path: path.join(artefacts, 'workbench-print.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('at 320 px nothing scrolls sideways (the grids scroll in their own boxes); axe finds nothing', async () => {
  const { page, problems, close } = await open({ viewport: { width: 320, height: 640 } });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  assert.equal(await sideways(), false, 'empty');
  await importFile(page, example);
  assert.equal(await sideways(), false, 'with the example');
  await page.locator('.wb-cell[data-node="location:A/service:surgery/safe"]').click();
  await settled(page); // its explanation written in too
  assert.equal(await page.locator('#detail').isVisible(), true);
  assert.equal(await sideways(), false, 'with the details open');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

const sharedData = path.resolve(process.env.CQC_SHARED_DATA ?? '../shared/data', 'cqc-api-hospitals-2021', 'locations.json');

/** Opens CQC's data in the page and picks a provider: a new "what if" assessment. */
async function openCqc(page, files, provider) {
  await page.setInputFiles('#open-cqc', files);
  await page.waitForFunction(() => !document.querySelector('#published').hidden || !document.querySelector('#import-problem').hidden);
  assert.equal(await page.locator('#import-problem').isHidden(), true, 'the data was read');
  const before = await page.evaluate(() => document.body.dataset.opened);
  await page.locator('#published-provider').selectOption(provider);
  await page.locator('#published-open').click();
  await page.waitForFunction((b) => document.body.dataset.opened !== b, before);
  await settled(page);
}

test("Yeovil District Hospital (RA4) from CQC's API records: its published ratings beside the rules-based ones", async () => {
  const { page, problems, close } = await open();
  await openCqc(page, sharedData, 'RA4');
  const expected = JSON.parse(execFileSync(cli, ['assess', '--from', sharedData, '--provider', 'RA4', '--evaluate'], { encoding: 'utf8' }));
  assert.match(await page.locator('#assessment-choice').inputValue().then(() => page.locator('#assessment-choice option:checked').innerText()), /What if: .*RA4/);
  assert.match(await page.locator('#location-list').innerText(), /Yeovil District Hospital/);
  // Each computed cell shows the published rating beside its own (an entered one only where they differ).
  const withPublished = expected.nodes.filter((n) => n.published && n.inputs.length > 0);
  assert.ok(withPublished.length >= 10, `${withPublished.length} published aggregates`);
  for (const node of withPublished) {
    const cell = page.locator(`.wb-cell[data-node="${node.id}"]`);
    if (!(await cell.count())) continue;
    assert.match(await cell.innerText(), new RegExp(`Worked out:\\s*\\S\\s*${LABELS[node.final]}\\s*(Judgement.*\\s*)?CQC published: ${node.published.label}$`), node.id);
    assert.equal(await cell.locator('.wb-departs').count(), node.published.departs ? 1 : 0, node.id);
  }
  const location = expected.nodes.find((n) => n.level === 'location');
  await page.locator(`.wb-cell[data-node="${location.id}"]`).click();
  await settled(page); // the core writes a cell's explanation when its details open
  assert.match(await page.locator('#detail').innerText(), new RegExp(`Published by CQC\\s*●?\\s*${location.published.label}`));
  // A "what if": change a service's rating; the published rating stays beside the new rules-based one.
  const safe = expected.nodes.find((n) => n.id.endsWith('/safe') && n.level === 'location_key_question');
  await page.locator(`.wb-cell[data-node="${safe.inputs[0]}"]`).focus();
  await page.keyboard.press('i');
  await settled(page);
  assert.match(await page.locator(`.wb-cell[data-node="${safe.id}"]`).innerText(), new RegExp(`CQC published: ${safe.published.label}`));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test("departures from the principles are flagged (RH8: Wonford's and Mardon's, as the CLI finds them)", async () => {
  const { page, problems, close } = await open();
  await openCqc(page, sharedData, 'RH8');
  const expected = JSON.parse(execFileSync(cli, ['assess', '--from', sharedData, '--provider', 'RH8', '--evaluate'], { encoding: 'utf8' }));
  const departs = expected.nodes.filter((n) => n.published?.departs).map((n) => n.id).sort();
  assert.ok(departs.length >= 4);
  const flagged = await page.evaluate(() => [...document.querySelectorAll('.wb-departs')].map((t) => t.closest('.wb-cell').dataset.node).sort());
  assert.deepEqual(flagged, departs);
  assert.deepEqual(problems, []);
  await close();
});

/** Each grid cell's first rating words, keyed so a file read back matches: a service by the name its row shows. */
function gridLabels(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.wb-cell[data-node]:not([data-node=""])')].map((c) => {
    const service = c.closest('tr')?.querySelector('.wb-grid__service')?.textContent;
    const key = service ? c.dataset.node.replace(/service:[^/]+/, `service:${service}`) : c.dataset.node;
    return [key, c.querySelector('.rating__label')?.textContent || 'Not rated'];
  })));
}

/**
 * The example without what CQC's sheets cannot carry (a service left out as significantly small, a location left out
 * for 24 months after it joined): read back, such a rating would count again.
 */
function exampleForSheets() {
  const document = JSON.parse(fs.readFileSync(example, 'utf8'));
  for (const location of document.locations) {
    delete location.joined_on;
    for (const service of location.services) delete service.significantly_small, delete service.rationale;
  }
  const file = path.join(tmp, 'example-for-sheets.json');
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}

/** Clicks an export button: the one file it downloads, saved in the temporary folder. */
async function exportSheet(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test("CSV in CQC's layout: both sheets the CLI's bytes, and opened again together they give the same ratings", async () => {
  const { page, problems, close } = await open();
  let downloads = 0;
  page.on('download', () => downloads++);
  await importFile(page, exampleForSheets());
  await page.locator('#trust-id').fill('RX1');
  await settled(page);
  const locations = await exportSheet(page, 'export-locations-csv');
  const providers = await exportSheet(page, 'export-providers-csv');
  assert.equal(downloads, 2, 'one download a click');
  assert.match(path.basename(locations), /-locations\.csv$/);
  assert.match(path.basename(providers), /-providers\.csv$/);
  const { text } = await exportDocument(page);
  const jsonFile = path.join(tmp, 'example-rx1.json');
  fs.writeFileSync(jsonFile, text);
  assert.equal(fs.readFileSync(locations, 'utf8'), execFileSync(cli, ['assess', '--to-csv', jsonFile], { encoding: 'utf8' }));
  assert.equal(fs.readFileSync(providers, 'utf8'), execFileSync(cli, ['assess', '--to-csv', '--sheet', 'providers', jsonFile], { encoding: 'utf8' }));
  const before = await gridLabels(page);
  const judged = cliAssess(text).byId.get('trust.quality');
  await openCqc(page, [locations, providers], 'RX1');
  const after = await gridLabels(page);
  // Every cell as before; the quality rating's final rating by judgement comes back as CQC's published one.
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
  for (const [key, label] of Object.entries(after)) if (key !== 'trust.quality') assert.equal(label, before[key], key);
  assert.match(await page.locator('.wb-cell[data-node="trust.quality"]').innerText(), new RegExp(`CQC published: ${LABELS[judged.final]}(\\n|$)`));
  assert.match(await page.locator('.wb-cell[data-node="trust.combined"]').innerText(), new RegExp(`CQC published: ${before['trust.combined']}(\\n|$)`));
  const reopened = JSON.parse((await exportDocument(page)).text);
  const original = JSON.parse(text);
  assert.deepEqual([reopened.well_led, reopened.use_of_resources], [original.well_led, original.use_of_resources]);
  assert.ok(Object.keys(after).length >= 30);
  // Without the trust's ID the Providers sheet cannot name it: said in words, nothing downloaded.
  await page.locator('#trust-id').fill('');
  await settled(page);
  await page.locator('#export-providers-csv').click();
  await page.waitForSelector('#import-problem:not([hidden])');
  assert.match(await page.locator('#import-problem').innerText(), /Enter the trust's CQC provider ID/);
  assert.equal(downloads, 4, 'two JSON exports and the two sheets');
  assert.deepEqual(problems, []);
  await close();
});

test("CQC's .ods (both sheets in one file, as CQC publishes them) opens as the CSV sheets do; a damaged one is named", async () => {
  const { page, problems, close } = await open();
  await importFile(page, exampleForSheets());
  await page.locator('#trust-id').fill('RX1');
  await settled(page);
  const before = await gridLabels(page);
  const document = JSON.parse(fs.readFileSync(exampleForSheets(), 'utf8'));
  document.trust.id = 'RX1';
  const jsonFile = path.join(tmp, 'example-for-ods.json');
  fs.writeFileSync(jsonFile, JSON.stringify(document));
  const rows = (...flag) => csvRows(execFileSync(cli, ['assess', '--to-csv', ...flag, jsonFile], { encoding: 'utf8' }));
  const ods = odsFromSheets({ 'Read me': [['Made in a test.']], Locations: rows(), Providers: rows('--sheet', 'providers') });
  const odsFile = path.join(tmp, 'latest-ratings.ods');
  fs.writeFileSync(odsFile, ods);
  await openCqc(page, odsFile, 'RX1');
  const after = await gridLabels(page);
  for (const [key, label] of Object.entries(after)) if (key !== 'trust.quality') assert.equal(label, before[key], key);
  assert.equal(after['trust.use_of_resources'], before['trust.use_of_resources']);
  const cut = path.join(tmp, 'cut-short.ods');
  fs.writeFileSync(cut, ods.subarray(0, Math.floor(ods.length * 0.6)));
  await page.setInputFiles('#open-cqc', cut);
  await page.waitForSelector('#import-problem:not([hidden])');
  assert.match(await page.locator('#import-problem').innerText(), /cut-short\.ods could not be opened as a spreadsheet: the \.ods file is cut short/i);
  assert.deepEqual(problems, []);
  await close();
});

test("a mental health trust: only the Providers sheet, which opens again as the same trust", async () => {
  const { page, problems, close } = await open();
  const document = {
    trust: { id: 'RMH', name: 'Example Mental Health NHS Trust', type: 'mental_health' },
    services: ['Acute wards for adults of working age', 'Community-based mental health services'].map((name, i) => ({
      id: `s${i}`, name,
      key_questions: Object.fromEntries(['safe', 'effective', 'caring', 'responsive', 'well_led']
        .map((q, j) => [q, { rating: i + j === 1 ? 'requires_improvement' : 'good', date: '2021-03-04' }])),
    })),
    well_led: { rating: 'outstanding', date: '2021-05-06' },
  };
  const file = path.join(tmp, 'mental-health.json');
  fs.writeFileSync(file, JSON.stringify(document));
  await importFile(page, file);
  assert.equal(await page.locator('#export-locations-csv').isHidden(), true, 'no Locations sheet offered');
  const providers = await exportSheet(page, 'export-providers-csv');
  assert.equal(fs.readFileSync(providers, 'utf8'), execFileSync(cli, ['assess', '--to-csv', '--sheet', 'providers', file], { encoding: 'utf8' }));
  const before = await gridLabels(page);
  await openCqc(page, providers, 'RMH');
  assert.deepEqual(await gridLabels(page), before);
  assert.match(await page.locator('.wb-cell[data-node="trust.quality"]').innerText(), new RegExp(`CQC published: ${before['trust.quality']}$`));
  assert.deepEqual(problems, []);
  await close();
});

test('what matters most: each change applied with one action, and undone', async () => {
  const { page, problems, close } = await open();
  await importFile(page, example);
  await page.locator('#what-matters summary').click();
  await page.waitForSelector('#what-matters-body .what-if__apply');
  const document = JSON.parse(fs.readFileSync(example, 'utf8'));
  const expected = JSON.parse(execFileSync(cli, ['assess', '--what-matters', example], { encoding: 'utf8' }));
  const quality = expected.targets.find((t) => t.node === 'trust.quality');
  const shown = await page.locator('#what-matters-body').innerText();
  for (const set of quality.down.shown) assert.ok(shown.includes(set.text), set.text);
  const first = quality.down.shown[0];
  await page.locator('.what-if__apply', { hasText: first.text }).first().click();
  await settled(page);
  // The example's quality rating has a final rating by judgement (good): the rules' rating is the one that moves.
  assert.match(await page.locator('.wb-cell[data-node="trust.quality"]').innerText(), new RegExp(`Rules: ${first.label}`), first.text);
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('wb-what-matters__title')), 'focus stays in the list');
  await page.locator('#undo').click();
  await settled(page);
  assert.match(await page.locator('.wb-cell[data-node="trust.quality"]').innerText(), new RegExp(`Rules: ${LABELS[cliAssess(document).byId.get('trust.quality').rating]}`));
  assert.deepEqual(problems, []);
  await close();
});

test('the calculator page does not load the workbench, but links to it', async () => {
  const requests = [];
  const { page, problems, close } = await openPage(browser, `${server.url}index.html`, {
    prepare: (p) => p.on('request', (r) => requests.push(new URL(r.url()).pathname)),
  });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requests.filter((u) => /workbench|assessment/.test(u)), []);
  assert.equal(await page.locator('a[href="workbench.html"]').count(), 1);
  assert.deepEqual(problems, []);
  await close();
});
