// The rules explorer in Chromium: the researcher's question answered on
// load, a threshold edited and the count updated, the answer exported, a cell
// opened in the calculator, accessible and within the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artefacts, startBrowser, openPage, axeViolations } from './browser.mjs';

let server, browser, stop;
before(async () => ({ server, browser, close: stop } = await startBrowser()));
after(async () => stop?.());

const explorer = () => openPage(browser, `${server.url}explorer.html`);

test('on load it answers: 240 combinations differ between the rule of two and the rule of three', async () => {
  const { page, problems, close } = await explorer();
  assert.match(await page.locator('#answer').innerText(), /240 of the 4,096 fully rated combinations/);
  assert.match(await page.locator('#change-groups').innerText(), /Requires improvement\s*→\s*●?\s*Good\s*: 240 combinations/);
  assert.equal(await page.locator('.grid-cell--changed').count(), 5, 'five count groups hold the 240');
  assert.match(await page.locator('#timing').innerText(), /Computed in your browser in [\d.]+ ms/);
  await page.screenshot({ path: path.join(artefacts, 'explorer.png'), fullPage: true });
  assert.equal(await page.locator('script:not([src]), style').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('editing a threshold of B updates the changed count', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit rule set B').click();
  // Band 2 (4 to 8 rated): requires improvement limits at 3 -> 2, the rule of two again.
  await page.getByLabel('Band 2: requires improvement').fill('2');
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes(' 0 of the 4,096'));
  assert.equal(await page.locator('#variant-b').inputValue(), 'custom');
  await page.getByLabel('Band 2: requires improvement').fill('4');
  await page.waitForFunction(() => /Under B \(custom\), [1-9][\d,]* of the 4,096/.test(document.querySelector('#answer').textContent));
  assert.deepEqual(problems, []);
  await close();
});

test('bad rule-set JSON is rejected naming the field, and the last good result stays', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit rule set B').click();
  const before = await page.locator('#answer').innerText();
  await page.locator('#rule-set-json').fill('{"name": "x", "bands": [{"min_rated": 1, "inadequate": 0, "requires_improvement": 1, "outstanding": 1}]}');
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  assert.match(await page.locator('#rule-set-json-error').innerText(), /bands\[0\]\.inadequate" must be a whole number from 1 to 1000/);
  await page.locator('#rule-set-json').fill('{"name": ');
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  assert.match(await page.locator('#rule-set-json-error').innerText(), /not valid JSON/);
  assert.equal(await page.locator('#answer').innerText(), before);
  assert.deepEqual(problems, []);
  await close();
});

test('a rule-set title with HTML in it is shown as text, never run; a name with it is refused', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit rule set B').click();
  const payload = '<img src=x onerror="window.__xss=1">';
  const rules = JSON.parse(await page.locator('#rule-set-json').inputValue());
  await page.locator('#rule-set-json').fill(JSON.stringify({ ...rules, name: payload }));
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  assert.match(await page.locator('#rule-set-json-error').innerText(), /field "name" must be 1 to 64 characters, each a letter/);
  await page.locator('#rule-set-json').fill(JSON.stringify({ ...rules, name: 'mine', title: payload }));
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('(mine)'));
  assert.equal(JSON.parse(await page.locator('#rule-set-json').inputValue()).title, payload, 'the title is kept as text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('main img').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('"Use this JSON" with valid JSON that is not a rule set gives the core\'s message, never an exception', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit rule set B').click();
  const before = await page.locator('#answer').innerText();
  for (const [text, message] of [
    ['null', /the rule set must be a JSON object/],
    ['1e999', /not valid JSON: number overflow/],
    ['{"name": "a", "name": "b"}', /duplicate key "name"/],
    ['[]', /the rule set must be a JSON object/],
  ]) {
    await page.locator('#rule-set-json').fill(text);
    await page.getByRole('button', { name: 'Use this JSON' }).click();
    assert.match(await page.locator('#rule-set-json-error').innerText(), message, text);
    assert.equal(await page.locator('#rule-set-json').inputValue(), text, 'what was typed stays');
    assert.equal(await page.locator('#answer').innerText(), before, 'the last good result stays');
  }
  // A built-in name is a rule set too.
  await page.locator('#rule-set-json').fill('"standard"');
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes(' 0 of the 4,096'));
  assert.equal(await page.locator('#rule-set-json-error').isHidden(), true);
  assert.deepEqual(problems, []);
  await close();
});

test('the answer exports as CSV: the 240 combinations', async () => {
  const { page, problems, close } = await explorer();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const file = path.join(artefacts, 'changed-combinations.csv');
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'safe,effective,caring,responsive,well_led,use_of_resources,outcome,a,b');
  assert.equal(lines.length, 241);
  assert.ok(lines.slice(1).every((l) => l.endsWith(',combined,requires_improvement,good')));
  assert.deepEqual(problems, []);
  await close();
});

test('a grid cell opens that combination in the calculator', async () => {
  const { page, problems, close } = await explorer();
  await page.locator('.grid-cell--changed a').first().click();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(page.url(), /safe=/);
  assert.match(await page.locator('#combined-result .result-card__rating').innerText(), /Good/);
  assert.match(await page.locator('#quality-result .result-card__rating').innerText(), /Requires improvement/);
  assert.deepEqual(problems, []);
  await close();
});

test('axe-core finds no accessibility violations on the explorer', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit rule set B').click();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});
