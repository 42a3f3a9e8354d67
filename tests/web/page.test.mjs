// The calculator page in Debian's Chromium (Playwright), served over loopback
// with the strict CSP: what each kind of user does, with the keyboard too,
// and what must never happen (a CSP violation, a request elsewhere, injected
// script, typed text leaving the browser).
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

const PHONE = { width: 375, height: 740 };
const LAPTOP = { width: 1280, height: 800 };
const openPage = (link = '', options = {}, base = server.url) => open(browser, base + link, options);

const ratingText = (page, card) => page.locator(`#${card}-result .result-card__rating`).innerText();
const summaryText = (page) => page.locator('#results-overview').innerText();
const question = (page, name) => page.getByRole('group', { name, exact: true });
const EXAMPLE = '#safe=requires_improvement&effective=good&caring=good&responsive=requires_improvement&well_led=good&use_of_resources=good';
const ALL_GOOD = '#safe=good&effective=good&caring=good&responsive=good&well_led=good&use_of_resources=good';

test('a first visit starts empty: nothing chosen, the results say what is missing, the example is labelled', async () => {
  const { page, problems, close } = await openPage();
  assert.equal(await page.locator('#ratings-form input[type="radio"]:checked').count(), 0);
  assert.match(await page.locator('#results-status').innerText(), /Not chosen yet: Safe, Effective, Caring, Responsive, Well-led and Use of resources/);
  assert.match(await summaryText(page), /Not yet/);
  assert.ok(await page.locator('#why').isHidden());
  // The strict CSP holds because nothing is inline (checked before a screenshot injects styles).
  assert.equal(await page.locator('script:not([src]), style, [style]').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('link', { name: 'Fill in an example' }).click();
  await page.waitForFunction(() => document.querySelector('#quality-result .result-card__rating'));
  assert.ok(await page.locator('#example-note').isVisible());
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  assert.match(await ratingText(page, 'combined'), /Good/);
  assert.match(await page.locator('#combined-result .rule-of-two').innerText(), /rule of two.*rule of three/s);
  await page.screenshot({ path: path.join(artefacts, 'page.png'), fullPage: true });
  await page.getByRole('button', { name: 'Start again' }).click();
  assert.equal(await page.locator('#ratings-form input[type="radio"]:checked').count(), 0);
  assert.equal(new URL(page.url()).hash, '');
  assert.match(await page.locator('#results-status').innerText(), /Not chosen yet/);
  assert.deepEqual(problems, []);
  await close();
});

for (const [name, viewport] of [['a 375 px phone', PHONE], ['a 1280 × 800 laptop', LAPTOP]]) {
  test(`on ${name}, the three results are in view after each of the six choices`, async () => {
    const { page, problems, close } = await openPage('', { viewport });
    const choices = [['Safe', 'Good'], ['Effective', 'Outstanding'], ['Caring', 'Outstanding'], ['Responsive', 'Good'], ['Well-led', 'Good'], ['Use of resources', 'Requires improvement']];
    for (const [name, rating] of choices) {
      const radio = question(page, name).getByLabel(rating, { exact: true });
      await radio.scrollIntoViewIfNeeded(); // as a person scrolls to the question
      await radio.check();
      const box = await page.locator('#results-summary').boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= viewport.height,
        `after choosing ${name}, the results (y ${box.y}, height ${box.height}) are inside the ${viewport.height} px viewport`);
      const radioBox = await radio.locator('xpath=..').boundingBox();
      assert.ok(radioBox.y + radioBox.height <= box.y || radioBox.y >= box.y + box.height || viewport.width > 1000,
        `the results do not cover the choice just made (${name})`);
    }
    // All six chosen: the summary in view shows the three results.
    const summary = await summaryText(page);
    assert.match(summary, /Quality rating\s*★?\s*Outstanding/);
    assert.match(summary, /Combined rating\s*●?\s*Good/);
    await page.screenshot({ path: path.join(artefacts, `page-${viewport.width}.png`) });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await close();
  });
}

test('no sideways scroll at 320 px', async () => {
  const { page, problems, close } = await openPage(EXAMPLE, { viewport: { width: 320, height: 640 } });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320),
    `scroll width ${await page.evaluate(() => document.documentElement.scrollWidth)}`);
  assert.deepEqual(problems, []);
  await close();
});

test('clicking a rating updates the results and the fragment of the address, never the query', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  await question(page, 'Use of resources').getByLabel('Requires improvement').check();
  assert.match(await ratingText(page, 'combined'), /Requires improvement/);
  assert.match(await page.locator('#announcement').innerText(), /Combined rating requires improvement/);
  const url = new URL(page.url());
  assert.match(url.hash, /use_of_resources=requires_improvement/);
  assert.equal(url.search, '');
  await question(page, 'Use of resources').getByLabel('Not rated').check();
  assert.match(await ratingText(page, 'combined'), /No combined rating/);
  assert.match(await page.locator('#combined-result').innerText(), /Use of resources is not rated/);
  assert.deepEqual(problems, []);
  await close();
});

test('a link gives exactly the ratings it names: the other five are not chosen yet', async () => {
  const { page, problems, close } = await openPage('#use_of_resources=inadequate');
  assert.ok(await question(page, 'Use of resources').getByLabel('Inadequate').isChecked());
  assert.equal(await page.locator('#ratings-form input[type="radio"]:checked').count(), 1);
  assert.match(await page.locator('#results-status').innerText(), /Not chosen yet: Safe, Effective, Caring, Responsive and Well-led\./);
  assert.ok(await page.locator('#why').isHidden(), 'no result from a hidden default');
  assert.ok(await page.locator('#url-problems').isHidden());
  assert.deepEqual(problems, []);
  await close();
});

test('a bad value in a link is flagged at its question and not replaced', async () => {
  const { page, problems, close } = await openPage('?safe=great&effective=good'); // the query form the issue names; moved into the fragment
  assert.equal(await question(page, 'Safe').locator('input:checked').count(), 0, 'Safe is left unchosen');
  assert.ok(await page.locator('#group-safe').evaluate((g) => g.classList.contains('govuk-form-group--error')));
  assert.match(await page.locator('#safe-error').innerText(), /Error:\s*The link did not give a rating for Safe. Choose a rating for Safe/);
  assert.match(await page.locator('#url-problems').innerText(), /Choose a rating for Safe/);
  assert.ok(await question(page, 'Effective').getByLabel('Good').isChecked());
  assert.deepEqual(await axeViolations(page), []);
  await question(page, 'Safe').getByLabel('Good').check();
  assert.ok(await page.locator('#safe-error').isHidden(), 'choosing a rating clears the flag');
  assert.deepEqual(problems, []);
  await close();
});

test('tracking parameters are dropped without a warning; an old query link moves into the fragment', async () => {
  const { page, problems, close } = await openPage(`?utm_source=newsletter&fbclid=abc&${ALL_GOOD.slice(1)}`);
  assert.ok(await page.locator('#url-problems').isHidden());
  assert.match(await ratingText(page, 'combined'), /Good/);
  const url = new URL(page.url());
  assert.equal(url.search, '', 'the query is gone from the address');
  assert.match(url.hash, /safe=good/);
  assert.doesNotMatch(url.hash, /utm_source|fbclid/);
  assert.deepEqual(problems, []);
  await close();
});

test('nothing typed leaves the browser: the rationale is in no request, through typing, reload and a shared link', async () => {
  const secret = 'Board minutes 14 March: the interim chief nurse';
  const recorded = [];
  // Every request's URL, headers and body; a request whose page closed before its headers could be
  // read gives the headers it was sent with (never an unhandled rejection after the test).
  const record = (page) => page.on('request', (request) => {
    const text = (headers) => `${request.url()}\n${JSON.stringify(headers)}\n${request.postData() ?? ''}`;
    recorded.push(request.allHeaders().then(text, () => text(request.headers())));
  });
  const { page, problems, close } = await openPage(ALL_GOOD, { prepare: record });
  await page.getByText('Record a final rating by professional judgement').click();
  await page.getByLabel('Final quality rating', { exact: true }).selectOption('outstanding');
  await page.locator('#judgement-quality-rationale').fill(secret);
  assert.match(await page.locator('#quality-result .judgement__rationale').innerText(), /interim chief nurse/);
  assert.doesNotMatch(decodeURIComponent(page.url()), /interim/, 'not in the address');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#judgement-quality-rationale').inputValue(), secret, 'kept across a reload');
  const shared = await page.locator('#share-link').getAttribute('href');
  assert.doesNotMatch(decodeURIComponent(shared), /interim/, 'the share link leaves it out unless asked');
  await page.getByLabel('Put the rationale in the link too').check();
  const withRationale = await page.locator('#share-link').getAttribute('href');
  assert.match(new URLSearchParams(withRationale.slice(1)).get('quality_rationale'), /interim chief nurse/);
  // The person chose to share it: the link carries it in the fragment, which no request includes.
  const other = await open(browser, new URL(withRationale, page.url()).href, { prepare: record });
  assert.match(await other.page.locator('#quality-result .judgement__rationale').innerText(), /interim chief nurse/);
  await other.close();
  const requests = await Promise.all(recorded);
  assert.ok(requests.length > 10, `requests were recorded (${requests.length})`);
  // The core's bytes come with the page's modules (ratings-wasm.mjs); the .wasm file is never fetched.
  const urls = requests.map((r) => new URL(r.split('\n')[0]).pathname);
  assert.ok(urls.some((u) => u.endsWith('/ratings-wasm.mjs')), 'the wasm arrives as a module');
  assert.deepEqual(urls.filter((u) => u.endsWith('.wasm')), []);
  const leaks = requests.filter((r) => /interim|chief(\+|%20| )nurse/i.test(r));
  assert.deepEqual(leaks, []);
  assert.deepEqual(problems, []);
  await close();
});

test('a what-if applies with one click, focus stays in its list, and the change is announced', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  const first = page.locator('#quality-result .what-if__item').first();
  assert.match(await first.innerText(), /If Safe were good, the quality rating would be good/);
  await first.getByRole('button', { name: /Apply/ }).click();
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.ok(await question(page, 'Safe').getByLabel('Good').isChecked());
  assert.match(page.url(), /safe=good/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'quality-result-up');
  assert.match(await page.locator('#announcement').innerText(), /Safe changed to good\. Quality rating good/);
  assert.deepEqual(problems, []);
  await close();
});

test('long what-if lists show the first three and tuck the rest away', async () => {
  const { page, problems, close } = await openPage(ALL_GOOD);
  const list = page.locator('#combined-result .what-if').first();
  assert.equal(await list.locator('> .what-if__list .what-if__item').count(), 3);
  assert.match(await list.locator('.what-if__more summary').innerText(), /Show \d+ more ways/);
  assert.ok(await list.locator('.what-if__more .what-if__item').first().isHidden());
  assert.deepEqual(problems, []);
  await close();
});

test('the address holds the state: reload, back and forward', async () => {
  const { page, problems, close } = await openPage('#safe=outstanding&effective=outstanding&caring=good&responsive=good&well_led=good&use_of_resources=good&uor_assessed_on=2019-06-01');
  assert.match(await ratingText(page, 'combined'), /Outstanding/);
  assert.equal(await page.locator('#uor-year').inputValue(), '2019');
  await question(page, 'Caring').getByLabel('Inadequate').check();
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await question(page, 'Caring').getByLabel('Inadequate').isChecked());
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#quality-result .result-card__rating')?.innerText.includes('Outstanding'));
  assert.ok(await question(page, 'Caring').getByLabel('Good').isChecked());
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#quality-result .result-card__rating')?.innerText.includes('Requires improvement'));
  assert.deepEqual(problems, []);
  await close();
});

test('links to places in the page move focus and keep the ratings', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  const before = page.url();
  await page.locator('#results-overview a').first().click(); // "Why" for the quality rating
  assert.equal(await page.evaluate(() => document.activeElement.id), 'quality-result');
  assert.equal(page.url(), before);
  assert.ok(await question(page, 'Safe').getByLabel('Requires improvement').isChecked());
  assert.deepEqual(problems, []);
  await close();
});

test('keyboard only: reach a question, change it, apply a what-if, with visible focus', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  await page.keyboard.press('Tab'); // skip link first
  assert.equal(await page.evaluate(() => document.activeElement.className), 'govuk-skip-link');
  for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement.name === 'safe')); i++) {
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
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  await page.keyboard.press('ArrowLeft'); // Safe: requires improvement -> good, one requires improvement left
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.doesNotMatch(await ratingText(page, 'quality'), /Requires improvement/);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'good');
  assert.match(page.url(), /safe=good/);
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

test('errors: shown when the person leaves the field, in GOV.UK words, with what was typed kept across reload', async () => {
  const { page, problems, close } = await openPage(ALL_GOOD);
  await page.locator('#uor-day').fill('31');
  assert.ok(await page.locator('#uor-date-error').isHidden(), 'no error while typing');
  await page.locator('#uor-month').focus(); // still within the date
  assert.ok(await page.locator('#uor-date-error').isHidden());
  await question(page, 'Safe').getByLabel('Good').focus(); // leaves the date
  assert.match(await page.locator('#uor-date-error').innerText(), /^Error:\s*The date use of resources was assessed must include a month and year$/);
  assert.deepEqual(await page.locator('.govuk-input--error').evaluateAll((els) => els.map((e) => e.id)), ['uor-month', 'uor-year']);
  assert.match(await ratingText(page, 'combined'), /Good/, 'the results of the rest still show');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#uor-day').inputValue(), '31', 'a half-typed date survives a reload');
  await page.locator('#uor-month').fill('6');
  await page.locator('#uor-year').fill('2019');
  // "Check the answers": the error summary, its link to the box, the box highlighted.
  await page.getByRole('button', { name: 'Check the answers' }).click();
  const summary = page.locator('#error-summary');
  assert.ok(await summary.isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  assert.match(await summary.innerText(), /There is a problem\s*The date use of resources was assessed must be a real date/);
  assert.deepEqual(await axeViolations(page), []);
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'uor-day');
  await page.locator('#uor-day').fill('30');
  assert.ok(await summary.isHidden(), 'the summary goes once the problem is fixed');
  assert.match(page.url(), /uor_assessed_on=2019-06-30/);
  assert.deepEqual(problems, []);
  await close();
});

test('a final rating: the rationale is asked for once the person moves on, counted, never cut', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  await page.getByText('Record a final rating by professional judgement').click();
  await page.getByLabel('Final combined rating', { exact: true }).selectOption('outstanding');
  assert.ok(await page.locator('#judgement-combined-rationale-error').isHidden(), 'not an error the moment a rating is chosen');
  await page.locator('#judgement-combined-rationale').focus();
  await page.locator('#check-answers').focus();
  assert.match(await page.locator('#judgement-combined-rationale-error').innerText(), /Enter why the final combined rating departs from, or confirms, the rules/);
  assert.match(await page.locator('#judgement-combined-rationale-info').innerText(), /2,000 characters/);
  const long = 'x'.repeat(2100);
  await page.locator('#judgement-combined-rationale').fill(long);
  assert.equal((await page.locator('#judgement-combined-rationale').inputValue()).length, 2100, 'nothing is cut');
  assert.match(await page.locator('#judgement-combined-rationale-group .govuk-character-count__status').innerText(), /100 characters too many/);
  await page.locator('#judgement-combined-rationale').fill('Exceptional leadership seen on inspection.');
  assert.ok(await page.locator('#judgement-combined-rationale-error').isHidden());
  const note = await page.locator('#combined-result .judgement').innerText();
  assert.match(note, /Final rating by professional judgement:\s*★?\s*Outstanding/);
  assert.match(note, /the rules give good/);
  assert.match(await ratingText(page, 'combined'), /Good/, 'the rules-based rating stays');
  assert.deepEqual(problems, []);
  await close();
});

test('a variant link opens the calculator under that variant, says it is not CQC\'s rule, and shows CQC\'s result beside it', async () => {
  const rules = encodeURIComponent(JSON.stringify({ quality: 'combined_2018' })); // the rule of three for quality too
  const { page, problems, close } = await openPage(`${EXAMPLE}&rules=${rules}`);
  const banner = page.locator('#variant-banner');
  assert.ok(await banner.isVisible());
  assert.match(await banner.innerText(), /not CQC's rules/);
  assert.match(await banner.innerText(), /Quality rating: .*combined_2018/);
  assert.match(await ratingText(page, 'quality'), /Good/, 'two requires improvement do not limit under the rule of three');
  assert.match(await page.locator('#quality-result .standard-note').innerText(), /Under CQC's rules:\s*▲?\s*Requires improvement/);
  assert.match(await summaryText(page), /CQC's rules: Requires improvement/);
  assert.match(page.url(), /rules=/, 'the variant stays in the address');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#variant-drop').click();
  await page.waitForFunction(() => document.getElementById('variant-banner').hidden);
  assert.match(await ratingText(page, 'quality'), /Requires improvement/);
  assert.deepEqual(problems, []);
  await close();
});

test('print: a summary without form controls, and the rating marks visible without background graphics', async () => {
  const { page, problems, close } = await openPage(EXAMPLE);
  await page.emulateMedia({ media: 'print' });
  // Written just after the first result (its date formatting is kept off that path).
  await page.waitForFunction(() => document.getElementById('print-ratings').children.length === 6);
  const visibleControls = await page.locator('input, select, textarea, button').evaluateAll((els) =>
    els.filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden').length);
  assert.equal(visibleControls, 0);
  assert.match(await page.locator('#print-ratings').innerText(), /Safe\s*▲?\s*Requires improvement[\s\S]*Use of resources\s*●?\s*Good/);
  assert.match(await page.locator('#print-source').innerText(), /Link: http.*#safe=requires_improvement/);
  // Printers drop backgrounds: the mark must show by its own colour and border.
  const mark = await page.locator('#quality-result .rating__mark').evaluate((m) => {
    const s = getComputedStyle(m);
    return { color: s.color, border: s.borderTopWidth, borderColor: s.borderTopColor };
  });
  assert.equal(mark.color, 'rgb(11, 12, 12)');
  assert.notEqual(mark.border, '0px');
  await page.pdf({ path: path.join(artefacts, 'page-print.pdf'), format: 'A4' });
  await page.screenshot({ path: path.join(artefacts, 'page-print.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('before the module arrives the form is usable, and a choice made then is kept', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const hold = (page) => page.route('**/ratings-wasm.mjs', async (route) => { await held; await route.continue(); });
  // The held module holds back the page's load event too (it is part of the page's scripts).
  const { page, problems, close } = await openPage(EXAMPLE, { prepare: hold, ready: false, waitUntil: 'commit' });
  await page.waitForSelector('input[name="safe"]');
  assert.match(await page.locator('#results-status').innerText(), /appear here when the calculator has loaded/);
  await question(page, 'Caring').getByLabel('Inadequate').check();
  release();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await question(page, 'Caring').getByLabel('Inadequate').isChecked(), 'the early choice wins');
  assert.ok(await question(page, 'Safe').getByLabel('Requires improvement').isChecked(), 'the link fills the rest');
  assert.match(await ratingText(page, 'quality'), /Inadequate|Requires improvement/);
  assert.deepEqual(problems, []);
  await close();
});

test('without JavaScript the six questions are there and a message says what is needed', async () => {
  const { page, close } = await openPage('', { javaScriptEnabled: false, ready: false });
  assert.equal(await page.locator('input[type="radio"]').count(), 30);
  assert.match(await page.locator('main').innerText(), /needs JavaScript to work out the results/);
  await close();
});

test('a failed load is explained in plain words, with a retry that keeps the choices', async () => {
  let fail = true;
  const breakWasm = (page) => page.route('**/ratings-wasm.mjs', (route) => (fail ? route.abort() : route.continue()));
  const { page, close } = await openPage(EXAMPLE, { prepare: breakWasm, ready: false });
  await page.waitForSelector('#load-problem:not([hidden])');
  const text = await page.locator('#load-problem').innerText();
  assert.match(text, /Part of the calculator did not arrive/);
  assert.doesNotMatch(text, /Failed to fetch|TypeError|abort/i);
  await question(page, 'Well-led').getByLabel('Outstanding').check();
  fail = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok(await question(page, 'Well-led').getByLabel('Outstanding').isChecked());
  assert.ok(await question(page, 'Safe').getByLabel('Requires improvement').isChecked());
  await close();
});

test('a core that will not compile is explained in plain words too, not left loading for ever', async () => {
  const corrupt = (page) => page.route('**/ratings-wasm.mjs', (route) => route.fulfill({
    contentType: 'text/javascript', body: 'export default new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]);\n',
  }));
  const { page, close } = await openPage(EXAMPLE, { prepare: corrupt, ready: false });
  await page.waitForSelector('#load-problem:not([hidden])');
  assert.match(await page.locator('#load-problem').innerText(), /Part of the calculator did not arrive/);
  assert.match(await page.locator('#results-status').innerText(), /cannot be worked out until the calculator has loaded/);
  await close();
});

test('text from users and links is shown as text, never run', async () => {
  const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload=window.__xss=3>'];
  for (const payload of payloads) {
    const link = `${ALL_GOOD}&quality_judgement=good&quality_rationale=${encodeURIComponent(payload)}&${encodeURIComponent(payload)}=1`;
    const { page, problems, close } = await openPage(link);
    const rationale = await page.locator('#quality-result .judgement__rationale').innerText();
    assert.ok(rationale.includes(payload), 'the payload is displayed literally');
    assert.ok((await page.locator('#url-problems').innerText()).includes(payload.slice(0, 20)));
    await page.locator('#judgement-details').evaluate((details) => { details.open = true; });
    for (const field of await page.locator('main input[type="text"], main textarea').all()) {
      await field.fill(`${payload} typed`);
    }
    await page.getByLabel('Final combined rating', { exact: true }).selectOption('good');
    assert.ok((await page.locator('#combined-result .judgement__rationale').innerText()).includes(payload));
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#main-content img, #main-content svg, #main-content script').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('works from a sub-path', async () => {
  const { page, problems, close } = await openPage(ALL_GOOD, {}, subPathServer.url);
  assert.match(subPathServer.url, /\/tools\/cqc\/$/);
  assert.match(await ratingText(page, 'quality'), /Good/);
  assert.deepEqual(problems, []);
  await close();
});

// The page rows of the bad-input catalogue (tests/bad-inputs.md): each one a test.
for (const row of badInputRows().filter((r) => r.surface === 'page')) {
  test(`bad input on the page: ${row.kind}`, async () => {
    const { page, problems, close } = await openPage(ALL_GOOD);
    await page.locator('#judgement-details').evaluate((details) => { details.open = true; });
    for (const assignment of row.input.split('; ')) {
      const [id, raw] = assignment.split('=');
      const value = raw.replace(/\$\{'x'\.repeat\((\d+)\)\}/, (m, n) => 'x'.repeat(Number(n)));
      const field = page.locator(`#${id}`);
      await field.focus();
      if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
      else await field.fill(value);
      await field.blur();
    }
    await page.locator('#check-answers').focus(); // leaves the last field, as a person moving on
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
