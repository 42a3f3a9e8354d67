#!/usr/bin/env node
// The audit page (audit.html) on a synthetic export of 300 000 rows in headless Chromium: time from
// pressing "Audit the files" to the summary shown, how long the page's main thread was ever busy,
// and memory. Figures, not a test: nothing here fails on speed.
//
//   node bench/audit-page.mjs [--rows 300000] [--reps 3] [--kinds csv,ods] [--site build/site]
//
// The export is written once by make-ratings-export.mjs (audit-data.mjs: build/bench/audit-data/)
// as CSV (Locations.csv and Providers.csv, chosen together) and as one .ods. The site ($CQC_SITE_DIR,
// build/site, or --site) is copied to a temporary folder and served by web/serve.mjs over loopback
// with its strict CSP. Each run is a fresh Debian Chromium (/usr/lib/chromium/chromium, never a
// downloaded one): open audit.html, wait for body[data-ready], set the files on the file input
// (Playwright hands the browser the paths; nothing is copied), press the button. An init script
// (CDP injects it, so the CSP does not apply) records, with the page's own clock:
//   - time:     the form's submit event -> #audit-results no longer hidden (the summary shown);
//   - blocking: the longest main-thread task from PerformanceObserver 'longtask' (tasks of 50 ms and
//               more) and the longest gap between animation frames while the audit ran;
//   - progress: how many times the progress text changed.
// Memory: the resident set of the renderer process with the page loaded (VmRSS in /proc, before the
// button is pressed) and its peak (VmHWM) at the end: the renderer process holds the page and
// its worker (their JS heaps, the worker's WebAssembly memory, the file's pieces, Chromium's own);
// beside it, the worker's and the page's JS heaps at the end (CDP Runtime.getHeapUsage on each
// target; a heap's figure leaves out ArrayBuffers, the WebAssembly memory among them, so the
// renderer's peak is the figure to hold against a memory budget).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { auditData, megabytes } from './audit-data.mjs';
import { CHROMIUM, SITE_DIR, fmt, machine, printMachine, printTable } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '300000' },
    reps: { type: 'string', default: '3' },
    kinds: { type: 'string', default: 'csv,ods' },
    site: { type: 'string', default: SITE_DIR },
  },
});
const reps = Number(args.reps);
const kinds = args.kinds.split(',');
if (!fs.existsSync(path.join(args.site, 'audit.html'))) {
  console.error(`${args.site}/audit.html is missing: build the site first (cmake --preset wasm && cmake --build --preset wasm)`);
  process.exit(1);
}
const data = auditData(Number(args.rows));

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-audit-page-'));
fs.cpSync(args.site, site, { recursive: true });
const server = await startServer({ dir: site, port: 0 });

// In the page before its own scripts.
const INIT = `(() => {
  const a = window.__audit = { longtasks: [], maxFrameGap: 0, frames: 0, submit: null, shown: null, failed: null,
                               progressUpdates: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) a.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = 0;
  const frame = () => {
    const now = performance.now();
    a.maxFrameGap = Math.max(a.maxFrameGap, now - last);
    a.frames++;
    last = now;
    if (a.shown === null && a.failed === null) requestAnimationFrame(frame);
  };
  document.addEventListener('submit', () => {
    a.submit = performance.now();
    last = a.submit;
    requestAnimationFrame(frame);
  }, true);
  document.addEventListener('DOMContentLoaded', () => {
    const results = document.getElementById('audit-results');
    const error = document.getElementById('audit-error');
    new MutationObserver(() => {
      if (a.submit === null) return;
      if (!results.hidden && a.shown === null) a.shown = performance.now();
      if (!error.hidden && a.failed === null) a.failed = error.textContent.replace(/\\s+/g, ' ').trim();
    }).observe(document.body, { attributes: true, attributeFilter: ['hidden'], subtree: true });
    new MutationObserver(() => { a.progressUpdates++; })
      .observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true });
  });
})();`;

/** VmHWM and VmRSS (MB) of a process, from /proc. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
  } catch {
    return { peak: 0, now: 0 };
  }
}

/** The dedicated worker's JS heap (MB), through the browser's CDP session (Runtime.getHeapUsage).
 *  Playwright gives no CDP session for a worker, so attach to its target the old way and talk
 *  through Target messages. */
async function workerMemory(cdp) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker');
  if (!worker) return null;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const usage = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000);
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message);
      if (event.sessionId !== sessionId || message.id !== 1) return;
      clearTimeout(timer);
      resolve(message.result ?? null);
    });
    cdp.send('Target.sendMessageToTarget', {
      sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
  });
  return usage ? usage.usedSize / 2 ** 20 : null;
}

async function once(kind) {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage();
    await page.addInitScript(INIT);
    await page.goto(`${server.url}audit.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#files', data[kind]);
    const browserCdp = await browser.newBrowserCDPSession();
    const renderers = async () => (await browserCdp.send('SystemInfo.getProcessInfo')).processInfo
      .filter((p) => p.type === 'renderer').map((p) => memoryOf(p.id)).sort((x, y) => y.peak - x.peak);
    const before = (await renderers())[0] ?? { peak: 0, now: 0 };
    await page.click('#audit-button');
    await page.waitForFunction(() => window.__audit.shown !== null || window.__audit.failed !== null, null,
      { timeout: 300_000, polling: 250 });
    const a = await page.evaluate(() => window.__audit);
    if (a.failed) throw new Error(`the page said: ${a.failed}`);

    // Memory: the renderer processes' peaks (the page's is the largest), then each JS heap.
    const renderer = (await renderers())[0] ?? { peak: 0, now: 0 };
    const pageCdp = await page.context().newCDPSession(page);
    const pageHeap = (await pageCdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
    const workerHeap = await workerMemory(browserCdp);
    const during = a.longtasks.filter(([start]) => start >= a.submit);
    return {
      seconds: (a.shown - a.submit) / 1000,
      longestTask: Math.max(0, ...during.map(([, d]) => d)),
      longTasks: during.length,
      taskList: during.map(([start, d]) => [start - a.submit, d]),
      maxFrameGap: a.maxFrameGap,
      progressUpdates: a.progressUpdates,
      rendererBefore: before.now,
      rendererPeak: renderer.peak,
      pageHeap,
      workerHeap,
      version: browser.version(),
    };
  } finally {
    await browser.close();
  }
}

const runs = Object.fromEntries(kinds.map((k) => [k, []]));
let version = '';
for (let i = 0; i < reps; i++) {
  for (const kind of i % 2 ? [...kinds].reverse() : kinds) {
    const r = await once(kind);
    version = r.version;
    runs[kind].push(r);
    console.error(`${kind} #${i + 1}: ${r.seconds.toFixed(2)} s; tasks >= 50 ms (start after submit, ms: duration) ` +
      `${r.taskList.map(([t, d]) => `${t.toFixed(0)}: ${d.toFixed(0)}`).join(', ') || 'none'}; renderer peak ` +
      `${r.rendererPeak.toFixed(0)} MB`);
  }
}
await server.close();
fs.rmSync(site, { recursive: true, force: true });

printMachine(machine({ chromium: `${version} (${CHROMIUM})`, site: args.site, reps }));
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
printTable(
  ['input', 'file MB', 'submit → summary s (median)', 'rows/s', 'longest task ms (max)', 'tasks ≥ 50 ms',
    'longest frame gap ms (max)', 'progress updates', 'renderer RSS before MB', 'renderer peak RSS MB (max)', 'worker JS heap MB', 'page JS heap MB'],
  kinds.map((kind) => {
    const rs = runs[kind];
    const seconds = median(rs.map((r) => r.seconds));
    return [
      `${fmt(data.rows)} rows, ${kind === 'csv' ? 'CSV (2 files)' : '.ods'}`, fmt(megabytes(data[kind])), seconds.toFixed(2),
      fmt(data.rows / seconds), fmt(max(rs.map((r) => r.longestTask))), String(max(rs.map((r) => r.longTasks))),
      fmt(max(rs.map((r) => r.maxFrameGap))), String(median(rs.map((r) => r.progressUpdates))),
      fmt(median(rs.map((r) => r.rendererBefore))), fmt(max(rs.map((r) => r.rendererPeak))),
      fmt(median(rs.map((r) => r.workerHeap))), fmt(median(rs.map((r) => r.pageHeap))),
    ];
  }),
);
