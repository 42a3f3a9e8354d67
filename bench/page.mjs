// Page latency in headless Chromium over loopback (build/site, strict CSP):
//  1. loads: navigation start -> first result rendered (body[data-ready]),
//     each load in a fresh browser context (no cache: a first visit);
//  2. clicks: a rating radio clicked from inside the page -> #results
//     re-rendered (MutationObserver), so Playwright's latency is excluded;
//  3. the same clicks through Playwright (page.click), round trip from Node.
//   node bench/page.mjs [loads=20] [clicks=120]
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { QUESTIONS, ALL_VALUES } from './cases.mjs';
import { CHROMIUM, SITE_DIR, fmt, machine, percentile, printMachine, printTable } from './lib.mjs';

const LOADS = Number(process.argv[2] ?? 20);
const CLICKS = Number(process.argv[3] ?? 120);
const ms = (x) => fmt(x);
const summary = (name, xs) => [name, xs.length, ms(percentile(xs, 50)), ms(percentile(xs, 95)), ms(Math.min(...xs)), ms(Math.max(...xs))];

// Injected by CDP before any page script (so the page's CSP does not apply):
// timestamps when data-ready appears, i.e. right after the first render.
function watchReady() {
  new MutationObserver((records, observer) => {
    if (document.body?.dataset.ready !== 'true') return;
    window.__readyAt = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

// In the page: arm() starts watching #results; `armed` resolves with the
// time the re-render is seen, and the time once style and layout are done
// (forced by reading offsetHeight: no waiting for the next frame/vsync).
function installClickHarness() {
  window.__click = {
    arm() {
      this.armed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const rendered = performance.now();
          void document.body.offsetHeight;
          observer.disconnect();
          resolve({ rendered, laidOut: performance.now() });
        });
        observer.observe(document.getElementById('results'), { childList: true, subtree: true, characterData: true });
      });
    },
    // The next radio to click: questions in turn, each to a different value.
    next(k, questions, values) {
      const q = questions[k % questions.length];
      const checked = document.querySelector(`input[name="${q}"]:checked`)?.value;
      const v = values[(values.indexOf(checked) + 1 + Math.floor(k / questions.length)) % values.length];
      return v === checked ? values[(values.indexOf(v) + 1) % values.length] : v;
    },
    async inPage(k, questions, values) {
      const q = questions[k % questions.length];
      const input = document.querySelector(`input[name="${q}"][value="${this.next(k, questions, values)}"]`);
      this.arm();
      const t0 = performance.now();
      input.click(); // input + change events, handled synchronously by the page
      const { rendered, laidOut } = await this.armed;
      // Let a frame pass so the next click starts from a settled page.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { dom: rendered - t0, layout: laidOut - t0 };
    },
  };
}

const server = await startServer({ dir: SITE_DIR, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  console.log('== Page latency in headless Chromium (loopback) ==');
  printMachine(machine({ chromium: `${browser.version()} (${CHROMIUM})`, page: server.url }));

  // 1. loads
  const ready = [], dcl = [], wasm = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(watchReady);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 30000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/ratings.wasm'));
      return {
        ready: window.__readyAt - nav.startTime,
        dcl: nav.domContentLoadedEventEnd - nav.startTime,
        wasm: w ? w.responseEnd - nav.startTime : NaN,
      };
    });
    ready.push(t.ready);
    dcl.push(t.dcl);
    wasm.push(t.wasm);
    await context.close();
  }

  // 2. and 3. clicks, on one page
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(installClickHarness);
  const dom = [], layout = [];
  for (let k = 0; k < CLICKS; k++) {
    const t = await page.evaluate(([k, q, v]) => window.__click.inPage(k, q, v), [k, QUESTIONS, ALL_VALUES]);
    dom.push(t.dom);
    layout.push(t.layout);
  }
  const roundTrip = [];
  for (let k = 0; k < CLICKS; k++) {
    const id = await page.evaluate(([k, q, v]) => `${q[k % q.length]}-${window.__click.next(k, q, v)}`, [k, QUESTIONS, ALL_VALUES]);
    await page.evaluate(() => window.__click.arm());
    const t0 = performance.now();
    await page.click(`label[for="${id}"]`); // what a Playwright test does
    await page.evaluate(() => window.__click.armed); // and knows it re-rendered
    roundTrip.push(performance.now() - t0);
  }
  await context.close();

  printTable(['measure (ms)', 'n', 'median', 'p95', 'min', 'max'], [
    summary('load: navigation start → first result rendered', ready),
    summary('load: navigation start → DOMContentLoaded end', dcl),
    summary('load: navigation start → ratings.wasm received', wasm),
    summary('click (in page) → #results re-rendered', dom),
    summary('click (in page) → re-rendered + style/layout', layout),
    summary('Playwright page.click → render confirmed (from Node)', roundTrip),
  ]);
  console.log(`(first load of ${LOADS}: ${ms(ready[0])} ms to first result; p95 is nearest-rank)\n`);
} finally {
  await browser.close();
  await server.close();
}
