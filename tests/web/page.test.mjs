// The calculator page in Debian's Chromium (Playwright), served over loopback
// with the strict CSP: what a user does, with the keyboard too, and what
// must never happen (a CSP violation, a request elsewhere, injected script).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { startServer } from '../../web/serve.mjs';
import { badInputRows } from '../bad-inputs.mjs';
import { siteDir, artefacts, startBrowser, openPage as open, axeViolations } from './browser.mjs';

let server, subPathServer, browser, stop;

before(async () => {
  ({ server, browser, close: stop } = await startBrowser());
  subPathServer = await startServer({ dir: siteDir, port: 0, host: '127.0.0.1', base: '/tools/cqc/' });
});

after(async () => {
  await stop?.();
  await subPathServer?.close();
});

const openPage = (query = '', base = server.url) => open(browser, base + query);

const ratingText = (page, card) => page.locator(`#${card}-result .result-card__rating`).innerText();

test('first load shows the example: quality limited by the rule of two, combined good', async () => {
  const { page, problems, close } = await openPage();
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  assert.match(await ratingText(page, 'combined'), /Good/);
  assert.match(await page.locator('#combined-result .rule-of-two').innerText(), /rule of two.*rule of three/s);
  assert.match(await page.locator('#combined-result .principle--decided').innerText(), /Otherwise good/);
  // The strict CSP holds because nothing is inline: no inline script, style element or attribute.
  // (Checked before the screenshot, which injects styles of Playwright's own.)
  assert.equal(await page.locator('script:not([src]), style, [style]').count(), 0);
  await page.screenshot({ path: path.join(artefacts, 'page.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('clicking a rating updates the results and the address', async () => {
  const { page, problems, close } = await openPage();
  await page.getByRole('group', { name: 'Use of resources' }).getByLabel('Requires improvement').check();
  assert.match(await ratingText(page, 'combined'), /Requires improvement/);
  assert.match(await page.locator('#announcement').innerText(), /Combined rating requires improvement/);
  assert.match(page.url(), /use_of_resources=requires_improvement/);
  await page.getByRole('group', { name: 'Use of resources' }).getByLabel('Not rated').check();
  assert.match(await ratingText(page, 'combined'), /No combined rating/);
  assert.match(await page.locator('#combined-result').innerText(), /Use of resources is not rated/);
  assert.deepEqual(problems, []);
  await close();
});

test('a what-if change applies with one click', async () => {
  const { page, problems, close } = await openPage();
  const first = page.locator('#quality-result .what-if__item').first();
  assert.match(await first.innerText(), /If Safe were good, the quality rating would be good/);
  await first.getByRole('button', { name: /Apply/ }).click();
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.ok(await page.getByRole('group', { name: 'Safe' }).getByLabel('Good').isChecked());
  assert.match(page.url(), /safe=good/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-title');
  assert.deepEqual(problems, []);
  await close();
});

test('the address holds the state: reload, back and forward', async () => {
  const { page, problems, close } = await openPage('?safe=outstanding&effective=outstanding&caring=good&responsive=good&well_led=good&use_of_resources=good&uor_assessed_on=2019-06-01');
  assert.match(await ratingText(page, 'combined'), /Outstanding/);
  assert.equal(await page.locator('#uor-year').inputValue(), '2019');
  await page.getByRole('group', { name: 'Caring' }).getByLabel('Inadequate').check();
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await page.getByRole('group', { name: 'Caring' }).getByLabel('Inadequate').isChecked());
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#quality-result .result-card__rating')?.innerText.includes('Outstanding'));
  assert.ok(await page.getByRole('group', { name: 'Caring' }).getByLabel('Good').isChecked());
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#quality-result .result-card__rating')?.innerText.includes('Requires improvement'));
  assert.deepEqual(problems, []);
  await close();
});

test('a broken address lists what was ignored and the rest still works', async () => {
  const { page, problems, close } = await openPage('?safety=good&caring=bogus&safe=inadequate&uor_assessed_on=2019-02-30&%E0%A4%A=x');
  const banner = page.locator('#url-problems');
  assert.ok(await banner.isVisible());
  const text = await banner.innerText();
  assert.match(text, /unknown setting "safety"/);
  assert.match(text, /unknown rating "bogus"/);
  assert.match(text, /2019-02-30/);
  assert.ok(await page.getByRole('group', { name: 'Safe' }).getByLabel('Inadequate').isChecked());
  assert.match(await ratingText(page, 'combined'), /Requires improvement/);
  // The page keeps working: with Safe good only Responsive is requires improvement.
  await page.getByRole('group', { name: 'Safe' }).getByLabel('Good').check();
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.deepEqual(problems, []);
  await close();
});

test('keyboard only: reach a question, change it, apply a what-if, with visible focus', async () => {
  const { page, problems, close } = await openPage();
  await page.keyboard.press('Tab'); // skip link first
  assert.equal(await page.evaluate(() => document.activeElement.className), 'govuk-skip-link');
  // Tab until the Safe radio group has focus, then move with the arrow keys.
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement.name === 'safe')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.name), 'safe');
  // GOV.UK's focus ring is a yellow box-shadow on the radio label's ::before. Compared with a
  // radio that is not focused, so that the check fails when the focus style is missing.
  const ring = (focused) => page.evaluate((f) => {
    const input = f ? document.activeElement : document.querySelector('input[name="caring"]');
    return getComputedStyle(input.nextElementSibling, '::before').boxShadow;
  }, focused);
  assert.match(await ring(true), /rgb\(255, 221, 0\)/, 'the focused radio shows the yellow focus ring');
  assert.doesNotMatch(await ring(false), /rgb\(255, 221, 0\)/, 'a radio without focus shows none');
  assert.match(await ratingText(page, 'quality'), /Requires improvement/, 'the example: Safe and Responsive requires improvement');
  await page.keyboard.press('ArrowUp'); // Safe: requires improvement -> good, so one requires improvement is left
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.doesNotMatch(await ratingText(page, 'quality'), /Requires improvement/);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'good');
  assert.match(page.url(), /safe=good/);
  // Tab on to the first Apply button and press Enter.
  for (let i = 0; i < 80 && !(await page.evaluate(() => document.activeElement.classList.contains('what-if__apply'))); i++) {
    await page.keyboard.press('Tab');
  }
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('what-if__apply')));
  const before = page.url();
  await page.keyboard.press('Enter');
  assert.notEqual(page.url(), before);
  assert.deepEqual(problems, []);
  await close();
});

test('professional judgement needs a rationale and is shown beside the rules-based rating', async () => {
  const { page, problems, close } = await openPage();
  await page.getByText('Record a final rating by professional judgement').click();
  await page.getByLabel('Final combined rating').selectOption('outstanding');
  assert.match(await page.locator('#judgement-combined-rationale-error').innerText(), /rationale/);
  assert.match(await ratingText(page, 'combined'), /Good/, 'results still shown');
  await page.getByLabel(/Rationale/).last().fill('Exceptional leadership seen on inspection.');
  assert.ok(await page.locator('#judgement-combined-rationale-error').isHidden());
  const note = await page.locator('#combined-result .judgement').innerText();
  assert.match(note, /Final rating by professional judgement:\s*★?\s*Outstanding/);
  assert.match(note, /the rules give good/);
  assert.match(await ratingText(page, 'combined'), /Good/, 'the rules-based rating stays');
  assert.deepEqual(problems, []);
  await close();
});

test('text from users and addresses is shown as text, never run', async () => {
  const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload=window.__xss=3>'];
  for (const payload of payloads) {
    const query = `?quality_judgement=good&quality_rationale=${encodeURIComponent(payload)}&${encodeURIComponent(payload)}=1&safe=${encodeURIComponent(payload)}`;
    const { page, problems, close } = await openPage(query);
    const rationale = await page.locator('#quality-result .judgement__rationale').innerText();
    assert.ok(rationale.includes(payload), 'the payload is displayed literally');
    assert.ok((await page.locator('#url-problems').innerText()).includes(payload.slice(0, 20)));
    // Every text field on the page: both rationales and the three date fields.
    await page.locator('#judgement-details').evaluate((details) => { details.open = true; });
    for (const field of await page.locator('main input[type="text"], main textarea').all()) {
      await field.fill(`${payload} typed`);
    }
    await page.getByLabel('Final combined rating').selectOption('good');
    assert.ok((await page.locator('#combined-result .judgement__rationale').innerText()).includes(payload));
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#main-content img, #main-content svg:not(.rating svg), #main-content script').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('works from a sub-path', async () => {
  const { page, problems, close } = await openPage('?safe=good', subPathServer.url);
  assert.match(subPathServer.url, /\/tools\/cqc\/$/);
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.deepEqual(problems, []);
  await close();
});

test('axe-core finds no accessibility violations', async () => {
  const { page, problems, close } = await openPage('?quality_judgement=good&quality_rationale=x&caring=bogus');
  await page.getByText('Record a final rating by professional judgement').click();
  const summary = await axeViolations(page);
  assert.deepEqual(summary, []);
  assert.deepEqual(problems, []);
  await close();
});

// The page rows of the bad-input catalogue (tests/bad-inputs.md): each one a test.
for (const row of badInputRows().filter((r) => r.surface === 'page')) {
  test(`bad input on the page: ${row.kind}`, async () => {
    const { page, problems, close } = await openPage();
    await page.locator('#judgement-details').evaluate((details) => { details.open = true; });
    for (const assignment of row.input.split('; ')) {
      const [id, value] = assignment.split('=');
      const field = page.locator(`#${id}`);
      if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
      else await field.fill(value);
    }
    const errors = await page.locator('.govuk-error-message:visible').allInnerTexts();
    assert.ok(errors.some((e) => e.includes(row.expect)), `expected "${row.expect}" in ${JSON.stringify(errors)}`);
    assert.match(await ratingText(page, 'combined'), /Good/, 'the results still show');
    assert.deepEqual(problems, []);
    await close();
  });
}

test("in Chromium, the page's own module gives the native CLI's output for all 4 096 fully rated inputs", async () => {
  const ratings = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
  const questions = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
  const requests = [];
  for (let code = 0; code < 4096; code++) {
    requests.push(JSON.stringify(Object.fromEntries(questions.map((q, i) => [q, ratings[(code >> (2 * i)) & 3]]))));
  }
  const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
  const native = execFileSync(cli, ['batch'], { input: `${requests.join('\n')}\n`, maxBuffer: 1 << 30 }).toString();
  const nativeHash = crypto.createHash('sha256').update(native).digest('hex');
  const { page, problems, close } = await openPage();
  const pageHash = await page.evaluate(async (texts) => {
    const { loadRatings } = await import('./ratings-api.mjs');
    const api = await loadRatings();
    const out = texts.map((t) => `${api.evaluateText(t)}\n`).join('');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(out));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, requests);
  assert.equal(pageHash, nativeHash);
  assert.deepEqual(problems, []);
  await close();
});
