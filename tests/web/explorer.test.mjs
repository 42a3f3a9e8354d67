// The rules explorer in Chromium: the researcher's question answered on
// load, a threshold edited and the count updated, the answer exported, a cell
// opened in the calculator, the whole state in one link (the URL fragment),
// accessible at every width and within the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artefacts, siteDir, startBrowser, openPage, axeViolations } from './browser.mjs';

// The page's link module and the explorer API, in Node, from the same built site.
const { loadExplorer } = await import(pathToFileURL(path.join(siteDir, 'explorer-api.mjs')).href);
const link = await import(pathToFileURL(path.join(siteDir, 'explorer-link.mjs')).href);
const api = await loadExplorer({ wasmBinary: fs.readFileSync(path.join(siteDir, 'explorer.wasm')) });

test('a variant in a link is read by the core: names, defaults, objects, and every kind of bad text', () => {
  assert.deepEqual(api.readVariant('"quality_first"').rules, { quality: 'standard', combined: 'quality_first' });
  assert.deepEqual(api.readVariant('{}').rules, { quality: 'standard', combined: 'combined_2018' }, "the core's defaults");
  const mine = { ...api.builtinRuleSets()[1], name: 'mine', title: 'Mine' };
  const { title, ...untitled } = mine;
  assert.deepEqual(api.readVariant(JSON.stringify({ quality: untitled, combined: null })).rules,
    { quality: { ...mine, title: '' }, combined: 'combined_2018' }, 'normalised by the core');
  for (const [text, message] of [
    ['', /the variant is empty/],
    ['{"quality":', /the variant is not valid JSON: parse error at line 1, column 12/],
    ['{"quality": "standard", "quality": "standard"}', /duplicate key "quality"/],
    ['{"quality": {"bands": [{"min_rated": 1e999}]}}', /number overflow/],
    ['"standard"\0', /NUL \(zero\) byte/],
    ['x'.repeat(100_000), /larger than the limit/],
    ['"standard", "standard"', /not valid JSON/],
    ['[]', /the variant must be a rules config \{"quality": \.\.\., "combined": \.\.\.\} or the name of a built-in rule set; got an array/],
    ['"nope"', /field "combined" names unknown rule set "nope"/],
    ['{"x": 1}', /unknown field "x": the accepted fields are quality, combined/],
    [JSON.stringify({ combined: { ...mine, bands: [] } }), /field "combined\.bands" must list 1 to \d+ bands/],
    [JSON.stringify({ quality: { ...mine, name: 'a b' } }), /field "quality\.name" must be 1 to 64 characters/],
  ]) {
    const read = api.readVariant(text);
    assert.equal(read.rules, undefined, text);
    assert.match(read.error, message, text.slice(0, 80));
  }
});

test('reading a link never throws, whatever the fragment', () => {
  const pieces = ['a=', 'b=', '&', '=', '%', '%7B', '%22', '"', '{', '}', ':', ',', 'quality', 'combined', 'standard',
    'edit=', 'include_not_rated=', '1', '#', '+', '\0', '\u{1F600}', '%FF', 'b.quality', 'null', '[', ']'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const { state, ignored } = link.stateFromLink(api, text);
    assert.equal(state.variants.length, 2, text);
    assert.ok(Array.isArray(ignored), text);
    // What was read writes back as a link that reads the same, with nothing ignored.
    const again = link.stateFromLink(api, link.linkFromState(state));
    assert.deepEqual(again.ignored, [], text);
    assert.deepEqual(again.state, state, text);
  }
});

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
  await page.getByText('Edit a rule set of A or B').click();
  // Band 2 (4 to 8 rated): requires improvement limits at 3 -> 2, the rule of two again.
  await page.getByLabel('Band 2: requires improvement').fill('2');
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes(' 0 of the 4,096'));
  assert.equal(await page.locator('#variant-b-combined').inputValue(), 'custom');
  await page.getByLabel('Band 2: requires improvement').fill('4');
  await page.waitForFunction(() => /Under B \(quality rating: standard, combined rating: custom\), [1-9][\d,]* of the 4,096/
    .test(document.querySelector('#answer').textContent));
  assert.deepEqual(problems, []);
  await close();
});

test('bad rule-set JSON is rejected naming the field, and the last good result stays', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit a rule set of A or B').click();
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
  await page.getByText('Edit a rule set of A or B').click();
  const payload = '<img src=x onerror="window.__xss=1">';
  const rules = JSON.parse(await page.locator('#rule-set-json').inputValue());
  await page.locator('#rule-set-json').fill(JSON.stringify({ ...rules, name: payload }));
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  assert.match(await page.locator('#rule-set-json-error').innerText(), /field "name" must be 1 to 64 characters, each a letter/);
  await page.locator('#rule-set-json').fill(JSON.stringify({ ...rules, name: 'mine', title: payload }));
  await page.getByRole('button', { name: 'Use this JSON' }).click();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('combined rating: mine (your own))'));
  assert.equal(JSON.parse(await page.locator('#rule-set-json').inputValue()).title, payload, 'the title is kept as text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('main img').count(), 0);
  assert.deepEqual(problems, []);
  await close();
});

test('"Use this JSON" with valid JSON that is not a rule set gives the core\'s message, never an exception', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit a rule set of A or B').click();
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

// What a link to the calculator says: the six ratings and the rules config.
function calculatorParams(href) {
  assert.match(href, /^\.\/#/, `${href} opens the calculator with its state in the fragment`);
  const params = new URLSearchParams(href.slice(3));
  const ratings = QUESTIONS.map((q) => params.get(q));
  assert.ok(ratings.every((r) => TOKENS.includes(r)), `six ratings in ${href}`);
  assert.deepEqual([...params.keys()], [...QUESTIONS, 'rules']);
  return { ratings, rules: JSON.parse(params.get('rules')) };
}
const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
const TOKENS = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
const answer = (page) => page.locator('#answer').innerText();
const fragment = (page) => page.evaluate(() => location.hash);
// B's quality rule set edited into the rule of three (band 2: requires improvement limits at 3).
async function ruleOfThreeForQuality(page) {
  if (!(await page.locator('#editor-details').evaluate((d) => d.open))) await page.getByText('Edit a rule set of A or B').click();
  await page.locator('#edit-b-quality').check();
  await page.waitForFunction(() => document.querySelector('#editing-title').textContent.includes('B: quality rating rules'));
  await page.getByLabel('Band 2: requires improvement').fill('3');
  await page.waitForFunction(() => /quality rating: custom.*and 320 a different quality rating/.test(document.querySelector('#answer').textContent));
  return JSON.parse(await page.locator('#rule-set-json').inputValue());
}

test('a grid cell opens that combination in the calculator, under variant B, saying so', async () => {
  const { page, problems, close } = await explorer();
  assert.match(await page.locator('.grid-key').innerText(), /under variant B's\s+rules/);
  const link = page.locator('.grid-cell--changed a').first();
  const { ratings, rules } = calculatorParams(await link.getAttribute('href'));
  assert.deepEqual(rules, { quality: 'standard', combined: 'combined_2018' });
  assert.equal(ratings.filter((r) => r === 'requires_improvement').length, 2, 'a changed cell: two RI');
  assert.equal(await link.locator('[aria-hidden="true"]').innerText(), 'RI→G');
  await link.click();
  await page.waitForSelector('body[data-ready="true"]');
  // The calculator shows that combination: B here is CQC's own rules.
  await page.waitForFunction(() => document.querySelector('#combined-result .result-card__rating'));
  assert.match(await page.locator('#combined-result .result-card__rating').innerText(), /Good/);
  assert.match(await page.locator('#quality-result .result-card__rating').innerText(), /Requires improvement/);
  assert.deepEqual(problems, []);
  await close();
});

test('the whole state round-trips through the link: reload, a fresh browser, back', async () => {
  const { page, problems, close } = await explorer();
  assert.equal(await fragment(page), '', 'nothing is written until something changes');
  const edited = await ruleOfThreeForQuality(page);
  await page.locator('#include-not-rated').check();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('of the 15,625'));
  const shown = { answer: await answer(page), grid: await page.locator('#grid').innerHTML() };
  const hash = await fragment(page);
  const params = new URLSearchParams(hash.slice(1));
  assert.deepEqual(JSON.parse(params.get('b')), { quality: edited, combined: 'combined_2018' });
  assert.deepEqual(JSON.parse(params.get('a')), { quality: 'standard', combined: 'standard' });
  assert.equal(params.get('include_not_rated'), '1');
  assert.equal(params.get('edit'), 'b.quality');

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await answer(page), shown.answer);
  assert.equal(await page.locator('#variant-b-quality').inputValue(), 'custom');
  assert.equal(await page.locator('#include-not-rated').isChecked(), true);
  assert.equal(await page.locator('#edit-b-quality').isChecked(), true);
  assert.equal(await page.getByLabel('Band 2: requires improvement').inputValue(), '3');
  assert.deepEqual(JSON.parse(await page.locator('#rule-set-json').inputValue()), edited);

  const fresh = await openPage(browser, page.url());
  assert.equal(await answer(fresh.page), shown.answer);
  assert.equal(await fresh.page.locator('#grid').innerHTML(), shown.grid, 'the same grid, links included');
  assert.deepEqual(fresh.problems, []);
  await fresh.close();

  // A choice is a history entry: back undoes it, forward redoes it.
  await page.locator('#variant-a-combined').selectOption('quality_first');
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('combined rating: quality_first)'));
  await page.goBack();
  await page.waitForFunction((text) => document.querySelector('#answer').textContent === text, shown.answer);
  assert.equal(await page.locator('#variant-a-combined').inputValue(), 'standard');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('combined rating: quality_first)'));
  assert.deepEqual(problems, []);
  await close();
});

test('a link with parts the page cannot use lists each with its reason, and the rest applies', async () => {
  const link = new URLSearchParams([
    ['a', '{"quality": "standard", "quality": "combined_2018"}'], // duplicate key: only the core's reader sees it
    ['b', '{"quality": "combined_2018", "combined": "quality_first"}'],
    ['include_not_rated', 'maybe'],
    ['colour', 'red'],
    ['edit', 'b.quality'],
  ]);
  const { page, problems, close } = await openPage(browser, `${server.url}explorer.html#${link}`);
  assert.equal(await page.locator('#link-problems').isVisible(), true);
  assert.match(await page.locator('#link-problems-title').innerText(), /Part of the link was ignored/);
  const items = await page.locator('#link-problems-list li').allInnerTexts();
  assert.equal(items.length, 3, items.join('\n'));
  assert.match(items[0], /^Variant A \("a"\): the variant is not valid JSON: duplicate key "quality"/);
  assert.match(items[1], /"include_not_rated" must be 1 or 0; got "maybe"/);
  assert.match(items[2], /"colour" is not a setting of the explorer/);
  // The rest applied: B as the link said, A as the default, the editor on B's quality rules.
  assert.equal(await page.locator('#variant-b-quality').inputValue(), 'combined_2018');
  assert.equal(await page.locator('#variant-b-combined').inputValue(), 'quality_first');
  assert.equal(await page.locator('#variant-a-quality').inputValue(), 'standard');
  assert.equal(await page.locator('#edit-b-quality').isChecked(), true);
  assert.match(await answer(page), /Under B \(quality rating: combined_2018, combined rating: quality_first\)/);
  assert.deepEqual(await axeViolations(page), [], 'axe, with the banner shown');

  // A hand-edited address: a rule set the core refuses, named by its field.
  await page.evaluate(() => { location.hash = 'b=' + encodeURIComponent('{"combined": {"name": "x", "bands": []}}'); });
  await page.waitForFunction(() => document.querySelector('#link-problems-list').textContent.includes('combined.bands'));
  assert.match(await page.locator('#link-problems-list').innerText(), /Variant B \("b"\): field "combined\.bands" must list 1 to \d+ bands/);
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('240 of the 4,096'));
  // The skip link's #main-content is a place on the page, not a link to read.
  await page.getByText('Skip to main content').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#main-content');
  assert.match(await page.locator('#link-problems-list').innerText(), /combined\.bands/, 'the banner is left as it was');
  assert.match(await answer(page), /240 of the 4,096/);
  // A clean link hides the banner again.
  await page.evaluate(() => { location.hash = 'b=%22quality_first%22'; });
  await page.waitForFunction(() => document.querySelector('#link-problems').hidden);
  assert.deepEqual(problems, []);
  await close();
});

test('"Try this variant in the calculator" links carry the variant\'s rules, edited ones included', async () => {
  const { page, problems, close } = await explorer();
  const edited = await ruleOfThreeForQuality(page);
  const a = calculatorParams(await page.locator('#try-a').getAttribute('href'));
  const b = calculatorParams(await page.locator('#try-b').getAttribute('href'));
  assert.deepEqual(a.rules, { quality: 'standard', combined: 'standard' });
  assert.deepEqual(b.rules, { quality: edited, combined: 'combined_2018' });
  assert.deepEqual(a.ratings, b.ratings, 'both at the same combination');
  // A combination the two variants rate differently: two requires improvement, no inadequate.
  assert.equal(b.ratings.filter((r) => r === 'requires_improvement').length, 2);
  assert.equal(b.ratings.filter((r) => r === 'inadequate').length, 0);
  const cell = calculatorParams(await page.locator('.grid-link').first().getAttribute('href'));
  assert.deepEqual(cell.rules, b.rules, 'the grid opens the calculator under B');
  assert.match(await page.locator('#try-b').innerText(), /Try variant B in the calculator/);
  await page.locator('#try-b').click();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(new URL(page.url()).pathname, '/', 'the calculator');
  // ... which reads the variant and says plainly that it is not CQC's rules.
  await page.waitForSelector('#variant-banner:not([hidden])');
  assert.deepEqual(JSON.parse(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('rules')), b.rules);
  assert.match(await page.locator('#quality-result .result-card__rating').innerText(), /Good/, 'the rule of three for quality');
  assert.deepEqual(problems, []);
  await close();
});

test('the key explains what "RI→G" in a cell means, in visible text', async () => {
  const { page, problems, close } = await explorer();
  const key = page.locator('.grid-key');
  assert.equal(await key.isVisible(), true);
  assert.match(await key.innerText(), /RI→G\s+The combined rating under A, then under B: here requires improvement\s+under A and good under B/);
  assert.match(await key.innerText(), /O, G, RI, I, –\s+Outstanding, good, requires improvement, inadequate, no combined rating/);
  // The key comes right before the grid (and its title).
  assert.equal(await page.locator('.grid-key + #grid-title-table + #grid').count(), 1);
  assert.deepEqual(problems, []);
  await close();
});

test('no sideways scroll from 320 px up, with the editor and the banner open', async () => {
  // A long unbroken reason in the banner wraps too.
  const link = new URLSearchParams([['colour', 'red'], ['b', `"${'z'.repeat(64)}"`]]);
  const { page, problems, close } = await openPage(browser, `${server.url}explorer.html#${link}`);
  assert.match(await page.locator('#link-problems-list').innerText(), /unknown rule set "z{40,}/);
  await page.getByText('Edit a rule set of A or B').click();
  for (const width of [320, 375, 640, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `at ${width} px the page is ${scrollWidth} px wide`);
  }
  await page.setViewportSize({ width: 320, height: 800 });
  assert.deepEqual(await axeViolations(page), [], 'axe at 320 px');
  assert.deepEqual(problems, []);
  await close();
});

// The focus indicator of a control: its own outline, shadow and background,
// those of its ::before/::after and of its labels (GOV.UK draws a radio's or
// checkbox's focus on its label's ::before; the file import is a label).
function focusStyle(element) {
  const props = ['outline-style', 'outline-width', 'outline-color', 'box-shadow', 'background-color', 'border-color'];
  const parts = [element, ...(element.labels ?? [])];
  const styles = [];
  for (const node of parts) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(node, pseudo);
      styles.push(props.map((p) => `${p}: ${style.getPropertyValue(p)}`).join('; '));
    }
  }
  return styles.join(' | ');
}

test('the file import shows GOV.UK\'s focus when it has focus', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit a rule set of A or B').click();
  const label = page.locator('label[for="import-json"]');
  const style = () => label.evaluate((l) => {
    const s = getComputedStyle(l);
    return { background: s.backgroundColor, shadow: s.boxShadow, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` };
  });
  const unfocused = await style();
  await page.locator('#export-json').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-json', 'the keyboard reaches the file import');
  const focused = await style();
  assert.notDeepEqual(focused, unfocused);
  assert.equal(focused.background, 'rgb(255, 221, 0)');
  assert.match(focused.shadow, /rgb\(11, 12, 12\)/);
  assert.doesNotMatch(unfocused.background, /255, 221, 0/);
  assert.deepEqual(problems, []);
  await close();
});

test('an imported rule set file goes to the rule set being edited, here A\'s quality rules', async () => {
  const { page, problems, close } = await explorer();
  await page.getByText('Edit a rule set of A or B').click();
  await page.locator('#edit-a-quality').check();
  await page.waitForFunction(() => document.querySelector('#editing-title').textContent.includes('A: quality rating rules'));
  assert.match(await page.locator('label[for="rule-set-json"]').innerText(), /^A: quality rating rules as JSON/);
  const rules = JSON.parse(await page.locator('#rule-set-json').inputValue());
  rules.bands[1].requires_improvement = 3;
  await page.locator('#import-json').setInputFiles({ name: 'mine.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...rules, name: 'mine', title: 'Rule of three for quality' })) });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('A (quality rating: mine (your own),'));
  assert.equal(await page.locator('#variant-a-quality').inputValue(), 'custom');
  assert.match(await page.locator('#variant-a-quality option:checked').innerText(), /Your own: mine: Rule of three for quality/);
  assert.equal(JSON.parse(new URLSearchParams((await fragment(page)).slice(1)).get('a')).quality.name, 'mine');
  // Named like a built-in but not one: still said to be the user's own.
  await page.locator('#import-json').setInputFiles({ name: 'standard.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...rules, name: 'standard' })) });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('A (quality rating: standard (your own),'));
  // Exactly a built-in: it is that built-in.
  await page.locator('#import-json').setInputFiles({ name: 'standard.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(api.builtinRuleSets()[0])) });
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('A (quality rating: standard, combined'));
  assert.equal(await page.locator('#variant-a-quality').inputValue(), 'standard');
  assert.deepEqual(problems, []);
  await close();
});

test('every control shows a visible focus (GOV.UK yellow) when the keyboard reaches it', async () => {
  const { page, problems, close } = await explorer();
  await page.locator('#editor-details').evaluate((details) => { details.open = true; }); // the editor's controls too
  await page.evaluate(`window.focusStyle = ${focusStyle}`);
  const seen = [];
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate((count) => {
      const element = document.activeElement;
      if (!element || element === document.body || element.dataset.tabStop) return null; // round the page once
      element.dataset.tabStop = String(count);
      const focused = window.focusStyle(element);
      element.blur();
      const unfocused = window.focusStyle(element);
      element.focus();
      const text = element.getAttribute('aria-label') ?? (element.labels?.[0] ?? element).textContent;
      return { name: `${element.tagName.toLowerCase()}#${element.id} "${text.trim().replace(/\s+/g, ' ').slice(0, 40)}"`, focused, unfocused };
    }, i);
    if (!step) break;
    seen.push(step);
  }
  assert.ok(seen.length > 100, `${seen.length} tab stops (the grid alone has 84)`);
  for (const { name, focused, unfocused } of seen) {
    assert.notEqual(focused, unfocused, `${name}: focus changes nothing`);
    assert.match(focused, /rgb\(255, 221, 0\)/, `${name}: no GOV.UK focus colour`);
  }
  for (const id of ['import-json', 'variant-a-quality', 'variant-b-combined', 'edit-b-combined', 'try-b', 'rule-set-json']) {
    assert.ok(seen.some((s) => s.name.includes(`#${id} `)), `${id} is a tab stop`);
  }
  assert.deepEqual(problems, []);
  await close();
});

test('axe-core finds no accessibility violations on the explorer, in each state', async () => {
  const { page, problems, close } = await explorer();
  assert.deepEqual(await axeViolations(page), [], 'on load');
  await page.getByText('Edit a rule set of A or B').click();
  assert.deepEqual(await axeViolations(page), [], 'the editor open');
  await ruleOfThreeForQuality(page);
  await page.locator('#include-not-rated').check();
  await page.waitForFunction(() => document.querySelector('#answer').textContent.includes('of the 15,625'));
  assert.deepEqual(await axeViolations(page), [], 'a quality rule set edited, not rated included');
  await page.getByLabel('Band 2: requires improvement').fill('0');
  await page.waitForSelector('#rule-set-json-error:not([hidden])');
  assert.deepEqual(await axeViolations(page), [], 'an edit the core refuses');
  assert.deepEqual(problems, []);
  await close();
});

test('screenshots at 375 x 740 and 1280 x 800', async () => {
  const { page, problems, close } = await explorer();
  await ruleOfThreeForQuality(page);
  for (const [width, height] of [[375, 740], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(artefacts, `explorer-${width}.png`), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await close();
});
