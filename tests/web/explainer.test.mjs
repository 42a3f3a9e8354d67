// The explainer page ("How a trust's CQC ratings combine") in Chromium: a static page with no
// script at all, accessible, within the strict CSP, readable without sideways scrolling on a
// 320 px phone, and every worked example's "Try it" link opening the calculator on the ratings
// that the explainer's own table says it gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artefacts, startBrowser, openPage, axeViolations } from './browser.mjs';

let server, browser, stop;
before(async () => ({ server, browser, close: stop } = await startBrowser()));
after(async () => stop?.());

const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
const LABELS = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

// browser.mjs's openPage waits for the calculator's body[data-ready]; the explainer has no script
// to set it, so it is opened here with the same recording of what must never happen.
async function openExplainer({ width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(server.url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) problems.push(`request to another origin: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  await page.goto(`${server.url}explainer.html`, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

// The page's own words for the examples: each row's six ratings, the results it promises (as
// data attributes and as the text a reader sees) and its "Try it" link.
const readExamples = (page) => page.locator('table.examples tbody tr').evaluateAll((rows) => rows.map((row) => {
  const cell = (selector) => {
    const td = row.querySelector(selector);
    return td && { rating: td.dataset.rating, text: td.innerText.trim() };
  };
  const link = row.querySelector('a[href]');
  return {
    number: row.querySelector('th').innerText.trim(),
    ratings: Object.fromEntries([...row.querySelectorAll('[data-question]')].map((td) => [td.dataset.question, { rating: td.dataset.rating, text: td.innerText.trim() }])),
    quality: cell('td[data-result="quality"]'),
    combined: cell('td[data-result="combined"]'),
    href: link?.getAttribute('href'),
    linkName: link?.innerText.trim(),
  };
}));

test('the explainer: no axe violations, no console errors, no other origins, nothing inline, no script', async () => {
  const { page, problems, close } = await openExplainer();
  assert.equal(await page.locator('h1').innerText(), "How a trust's CQC ratings combine");
  // The CSP forbids inline code and styles; this page needs no script of any kind.
  assert.equal(await page.locator('script, style, [style]').count(), 0);
  const source = await (await fetch(`${server.url}explainer.html`)).text();
  assert.doesNotMatch(source, /<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
  // The two stylesheets, and nothing from the calculator's module chain.
  const sheets = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
  assert.deepEqual(sheets, ['govuk/govuk-frontend.min.css', 'explainer.css']);
  assert.equal(await page.locator('link[rel="modulepreload"], link[rel="preload"]').count(), 0);
  // It links back to the calculator and on to the explorer, and every link on this site resolves.
  assert.ok(await page.locator('main a[href="./"]').count() >= 1, 'a link back to the calculator');
  assert.ok(await page.locator('main a[href="explorer.html"]').count() >= 1, 'a link to the rules explorer');
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
  for (const href of new Set(hrefs)) {
    const url = new URL(href);
    if (url.origin !== new URL(server.url).origin) continue;
    if (url.pathname.endsWith('explainer.html') && url.hash) {
      assert.equal(await page.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count(), 1, `anchor ${url.hash}`);
    } else {
      assert.equal((await fetch(url.origin + url.pathname)).status, 200, href);
    }
  }
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await close();
});

test('the worked examples: eight rows, each link giving the six ratings its row shows', async () => {
  const { page, problems, close } = await openExplainer();
  const examples = await readExamples(page);
  assert.equal(examples.length, 8, 'every worked example of the specification, section 9');
  for (const ex of examples) {
    assert.deepEqual(Object.keys(ex.ratings), QUESTIONS, `example ${ex.number}: all six questions, in order`);
    assert.match(ex.linkName, /^Try it/);
    assert.match(ex.href, /^\.\/#/, `example ${ex.number}: the state is in the fragment`);
    const params = new URLSearchParams(ex.href.slice(3));
    assert.deepEqual([...params.keys()], QUESTIONS, `example ${ex.number}: the link gives all six, nothing else`);
    for (const q of QUESTIONS) {
      assert.equal(params.get(q), ex.ratings[q].rating, `example ${ex.number}: ${q} in the link`);
    }
    for (const shown of [...Object.values(ex.ratings), ex.quality, ex.combined]) {
      assert.equal(shown.text, LABELS[shown.rating], `example ${ex.number}: the text shown matches its data`);
    }
  }
  assert.deepEqual(problems, []);
  await close();
});

test('no sideways scroll at 320, 375 and 1280 px wide, and no axe violations at each', async () => {
  for (const width of [320, 375, 1280]) {
    const { page, problems, close } = await openExplainer({ width, height: 800 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `at ${width} px the page is ${scrollWidth} px wide`);
    // Nothing shown sticks out of the viewport either (an overflow could clip it and hide it from
    // scrollWidth). Visually hidden text, clipped on purpose for screen readers, does not count.
    const wide = await page.evaluate((w) => [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5)
      .filter((el) => {
        for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).clipPath !== 'none') return false;
        return true;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 5), width);
    assert.deepEqual(wide, [], `at ${width} px`);
    // The worked examples are cards on a phone and a table on a desktop: accessible either way.
    assert.deepEqual(await axeViolations(page), [], `axe at ${width} px`);
    assert.deepEqual(problems, []);
    await close();
  }
});

// Waits for the calculator being rewritten to read the fragment: it fails until then, because
// the old calculator ignores the fragment and shows its own first example.
test("each worked example's \"Try it\" link opens the calculator showing the ratings the table gives", async (t) => {
  const { page: explainer, close: closeExplainer } = await openExplainer();
  const examples = await readExamples(explainer);
  await closeExplainer();
  assert.equal(examples.length, 8);
  const labelsIn = (text) => Object.values(LABELS).filter((label) => text.includes(label));
  for (const ex of examples) {
    await t.test(`example ${ex.number}: ${QUESTIONS.map((q) => ex.ratings[q].rating).join(', ')}`, async () => {
      const { page, problems, close } = await openExplainer();
      await page.locator('table.examples tbody tr').nth(Number(ex.number) - 1).getByRole('link', { name: /^Try it/ }).click();
      await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
      assert.equal(new URL(page.url()).pathname, new URL(server.url).pathname, 'the link opens the calculator');
      const shown = async (card) => labelsIn(await page.locator(`#${card}-result .result-card__rating`).innerText());
      assert.deepEqual(await shown('quality'), [LABELS[ex.quality.rating]], 'quality rating');
      assert.deepEqual(await shown('uor'), [LABELS[ex.ratings.use_of_resources.rating]], 'use of resources rating');
      assert.deepEqual(await shown('combined'), [LABELS[ex.combined.rating]], 'combined rating');
      assert.deepEqual(problems, []);
      await close();
    });
  }
});

test('screenshots at 375x740 and 1280x800', async () => {
  for (const [width, height] of [[375, 740], [1280, 800]]) {
    const { page, problems, close } = await openExplainer({ width, height });
    // Checked again here: Playwright's screenshot injects style elements of its own.
    assert.equal(await page.locator('script, style, [style]').count(), 0);
    await page.screenshot({ path: path.join(artefacts, `explainer-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  }
});
