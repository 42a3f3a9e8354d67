// Shared by the browser tests: the built site served over loopback with the
// strict CSP, Debian's Chromium, and pages that record what must never happen.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from '../../web/serve.mjs';

export const siteDir = path.resolve(process.env.CQC_SITE_DIR ?? 'build/site');
export const artefacts = path.resolve('build/artefacts');
export const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function startBrowser() {
  fs.mkdirSync(artefacts, { recursive: true });
  const server = await startServer({ dir: siteDir, port: 0, host: '127.0.0.1', base: '/' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium' });
  return { server, browser, close: async () => { await browser.close(); await server.close(); } };
}

// A fresh page that records CSP violations, errors and requests to other origins.
// Options: viewport, javaScriptEnabled, ready (wait for the page to say it is
// ready; default true), prepare (called with the page before it is opened),
// waitUntil (Playwright's; 'commit' for a page whose scripts are held back, which
// holds back its load event too).
export async function openPage(browser, url, options = {}) {
  const { viewport = { width: 1280, height: 900 }, javaScriptEnabled = true, ready = true, prepare, waitUntil } = options;
  const context = await browser.newContext({ viewport, javaScriptEnabled, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.origin !== origin) problems.push(`request to another origin: ${r.url()}`);
  });
  await prepare?.(page);
  await page.goto(url, { waitUntil });
  if (ready) await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
  return { page, problems, close: () => context.close() };
}

export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document));
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
