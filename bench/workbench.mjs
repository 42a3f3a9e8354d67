#!/usr/bin/env node
// The workbench (workbench.html) in headless Chromium with a synthetic trust of 10 locations x 12
// services (bench/workbench-data.mjs): every key question rated and dated. Figures, not a test.
//
//   node bench/workbench.mjs [--locations 10] [--services 12] [--edits 120] [--site build/site]
//
// The site is served by web/serve.mjs over loopback with its strict CSP, in Debian's Chromium. The
// trust is imported as a JSON file (read by the core, saved in IndexedDB), then the page is reloaded:
//   first render: the page module starting (mark wb:module-start) -> every grid painted from the
//                 core's first answer (mark wb:first-render), and from navigation start;
//   an edit:      a key press on a service's key question (g or r in turn, cells spread over the
//                 trust) -> the core's answer painted: keydown (its event timestamp) -> the frame
//                 after the page's wb:painted event has been painted (a rAF, then a message posted
//                 from it, which runs once that frame is done: style, layout and paint included).
//                 Split into the key press handled on the page (to the end of its keydown handler), the
//                 core's time in the worker (assess, as the worker timed it) and the page's own from the
//                 answer's arrival (mark wb:answer) to the frame painted; the rest is the worker's
//                 diff of the answer against the last one and the messages between the threads.
//                 The edit's work is key press -> painted less the wait, once the answer is in the
//                 page, for the next frame to begin (a rAF callback's time): what must fit in a frame.
//                 And in which frame after its key press each edit was painted (rAF timestamps).
//   the floor:    a blank page's key press -> painted, timed the same way in the same run.
// An init script (injected by CDP, so the CSP does not apply) records the times with the page's clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { syntheticTrust } from './workbench-data.mjs';
import { CHROMIUM, SITE_DIR, fmt, machine, printMachine, printTable } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    locations: { type: 'string', default: '10' },
    services: { type: 'string', default: '12' },
    edits: { type: 'string', default: '120' },
    site: { type: 'string', default: SITE_DIR },
  },
});
const locations = Number(args.locations);
const services = Number(args.services);
const edits = Number(args.edits);
if (!fs.existsSync(path.join(args.site, 'workbench.html'))) {
  console.error(`${args.site}/workbench.html is missing: build the site first`);
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-workbench-bench-'));
const file = path.join(tmp, 'trust.json');
const document = syntheticTrust({ locations, services });
fs.writeFileSync(file, JSON.stringify(document));

const INIT = `(() => {
  const b = window.__bench = { edits: [] };
  let current = null;
  let pressed = null;
  document.addEventListener('keydown', (e) => {
    if (!e.target.classList?.contains('wb-cell')) return;
    const edit = current = pressed = { key: e.timeStamp };
    requestAnimationFrame((frame) => { edit.firstFrame = frame; }); // the first frame after the key press
  }, true);
  // After the page's own handler (which, when the core answers on the page's thread, has painted the answer too).
  window.addEventListener('keydown', () => { if (pressed) pressed.handled = performance.now(); pressed = null; });
  document.addEventListener('wb:painted', () => {
    if (!current || document.body.dataset.busy === 'true') return;
    const edit = current;
    current = null;
    const answer = performance.getEntriesByName('wb:answer').at(-1);
    edit.answer = answer?.startTime;
    edit.coreMs = answer?.detail?.coreMs;
    edit.dom = performance.now();
    requestAnimationFrame((frame) => {
      edit.frame = performance.now(); // the frame begins: the time since edit.dom was spent waiting for it
      edit.paintedFrame = frame;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { edit.painted = performance.now(); b.edits.push(edit); };
      channel.port2.postMessage(0);
    });
  });
})();`;

/**
 * The measure's floor, in the same run: a page whose key press handler only changes a word, timed the same
 * way (event timestamp -> the frame after it painted). Headless Chromium paints on a 60 Hz clock, so even
 * this waits up to a frame: the edit's work is the figure to hold to one frame, this one shows the wait.
 */
async function blankPageFloor(browser, count) {
  const page = await browser.newPage();
  await page.setContent(`<p id="word" tabindex="0">word</p>`);
  await page.evaluate(() => {
    window.times = [];
    const word = document.querySelector('#word');
    word.addEventListener('keydown', (e) => {
      const key = e.timeStamp;
      word.textContent = String(Math.random());
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.times.push(performance.now() - key);
        channel.port2.postMessage(0);
      });
    });
  });
  await page.focus('#word');
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('g');
    await page.waitForFunction((n) => window.times.length === n, i + 1);
  }
  const times = await page.evaluate(() => window.times);
  await page.close();
  return times;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const server = await startServer({ dir: path.resolve(args.site), port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  await page.goto(`${server.url}workbench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#import-json', file);
  await page.waitForFunction(() => document.querySelectorAll('.wb-location').length > 1 && document.body.dataset.busy === 'false');

  // First render, on reloads of the saved trust.
  const first = [];
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    first.push(await page.evaluate(() => {
      const start = performance.getEntriesByName('wb:module-start')[0].startTime;
      const done = performance.getEntriesByName('wb:first-render')[0].startTime;
      return { afterModule: done - start, afterNavigation: done, cells: document.querySelectorAll('.wb-cell').length };
    }));
  }

  // Edits, spread over the trust, once the page's own copy of the core answers them (it loads after
  // the first render; a page built before it had none: then the worker answers).
  await page.waitForFunction(() => document.body.dataset.core === 'page' && document.body.dataset.busy === 'false', null, { timeout: 10000 })
    .catch(() => console.log('(the page has no core of its own: the worker answers every edit)'));
  const answeredBy = await page.evaluate(() => (document.body.dataset.core === 'page' ? "the page's thread" : 'the worker'));
  const targets = await page.evaluate(() => [...document.querySelectorAll('.wb-cell--entered[data-node*="/service:"]')].map((c) => c.dataset.node));
  for (let i = 0; i < edits; i++) {
    const node = targets[(i * 37) % targets.length];
    const cell = page.locator(`.wb-cell[data-node="${node}"]`);
    await cell.focus();
    const now = await cell.locator('.rating__label').innerText();
    await page.keyboard.press(now === 'Good' ? 'r' : 'g'); // always a change
    await page.waitForFunction((n) => window.__bench.edits.length === n, i + 1);
  }
  const runs = await page.evaluate(() => window.__bench.edits);
  const total = runs.map((r) => r.painted - r.key);
  const core = runs.map((r) => r.coreMs);
  const handler = runs.map((r) => r.handled - r.key);
  const pageShare = runs.map((r) => r.painted - r.answer);
  const domShare = runs.map((r) => r.dom - r.answer);
  const frameWait = runs.map((r) => r.frame - r.dom);
  const work = runs.map((r) => r.painted - r.key - (r.frame - r.dom));
  const floor = await blankPageFloor(browser, edits);

  console.log(`== The workbench in headless Chromium: a trust of ${locations} x ${services} ==`);
  printMachine(machine({ chromium: `${browser.version()} (${CHROMIUM})`, cells: first[0].cells, edits }));
  const inFirstFrame = runs.filter((r) => r.paintedFrame === r.firstFrame).length;
  console.log(`edits painted in the first frame after their key press: ${inFirstFrame} of ${runs.length} ` +
    `(${fmt((100 * inFirstFrame) / runs.length)} %); in the second: ${runs.filter((r) => r.paintedFrame > r.firstFrame && r.paintedFrame - r.firstFrame < 25).length}\n`);
  printTable(['Measure', 'median ms', 'p95 ms', 'max ms'], [
    ['first render after the module starts', fmt(percentile(first.map((f) => f.afterModule), 50)), fmt(percentile(first.map((f) => f.afterModule), 95)), fmt(Math.max(...first.map((f) => f.afterModule)))],
    ['first render after navigation start', fmt(percentile(first.map((f) => f.afterNavigation), 50)), fmt(percentile(first.map((f) => f.afterNavigation), 95)), fmt(Math.max(...first.map((f) => f.afterNavigation)))],
    ['edit: key press -> painted', fmt(percentile(total, 50)), fmt(percentile(total, 95)), fmt(Math.max(...total))],
    [answeredBy === 'the worker' ? '  of which the key press handled (the change, undo, save, the document posted)' : '  of which the key press handled (the change, undo, the core, the changed cells)', fmt(percentile(handler, 50)), fmt(percentile(handler, 95)), fmt(Math.max(...handler))],
    [`  of which the core (on ${answeredBy})`, fmt(percentile(core, 50)), fmt(percentile(core, 95)), fmt(Math.max(...core))],
    ['  of which the page: answer -> painted', fmt(percentile(pageShare, 50)), fmt(percentile(pageShare, 95)), fmt(Math.max(...pageShare))],
    ['    of which repainting the changed cells (DOM)', fmt(percentile(domShare, 50)), fmt(percentile(domShare, 95)), fmt(Math.max(...domShare))],
    ['    of which waiting for the next frame to begin', fmt(percentile(frameWait, 50)), fmt(percentile(frameWait, 95)), fmt(Math.max(...frameWait))],
    ["edit's work: key press -> painted, less that wait (one frame: <= 16 ms)", fmt(percentile(work, 50)), fmt(percentile(work, 95)), fmt(Math.max(...work))],
    ['floor: a blank page, key press -> text changed and painted', fmt(percentile(floor, 50)), fmt(percentile(floor, 95)), fmt(Math.max(...floor))],
  ]);
  await context.close();
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
