// The calculator page's first result against the same page without its scripts, and what a
// repeat visit downloads. Figures, not a test: nothing here passes or fails on speed.
//
//   node bench/first-result.mjs [--reps 15] [--network loopback|fast3g|slow3g|all|a,b] [--h2]
//        [--cpu 1] [--url 'index.html#safe=...'] [--site build/site] [--candidates all|x,y+z]
//        [--no-repeat] [--repeat-reps 5] [--keep] [--compare other-site-dir]
//
// Every load is a first visit (a fresh browser context, nothing cached) in Debian's Chromium,
// served over loopback by web/serve.mjs (strict CSP, precompressed copies) from a copy of the site
// ($CQC_SITE_DIR or build/site, or --site) in a temporary directory (fs.mkdtemp). In each
// repetition the variants load one after another, starting from a different one each time
// (interleaved), so that a busy moment on a shared machine falls on all of them; the figures are
// medians, and the ratios are what to compare: of the medians, and the median of the ratios of
// the loads of one repetition (paired).
//
//  (a) page:   the calculator opened with a link naming all six ratings, navigation start ->
//              first result rendered: the `cqc:first-result` performance mark when app.mjs sets it,
//              else (said in the output) the first moment `#combined-result .result-card__rating`
//              is in the DOM, seen by a MutationObserver from an init script (CDP injects it, so
//              the page's CSP does not apply). The breakdown below it comes from Resource Timing,
//              wrappers round WebAssembly.* in the same init script, and Element Timing.
//  (b) no-js:  the same HTML and CSS with every <script> and every modulepreload / script or wasm
//              preload removed: navigation start -> first contentful paint. What the page costs
//              before any of our code; a/b is the overhead of the calculator (target <= 1.15).
//  (c) repeat: one visit, then another in the same browser context (shared HTTP cache): requests,
//              full 200 bodies against 304s, bytes on the wire (CDP Network events). Also after a
//              rebuild that rewrote every file with the same bytes (new mtimes), and, as a what-if,
//              with year-long immutable caching of everything but the HTML.
// --compare adds another built site (the same page built another way, e.g. without Closure),
// measured as (a) beside --site's in the same interleaving.
// --candidates adds copies of the site with a change to index.html's <head> or to the module
// chain (what the page's owners could adopt), measured beside (a) in the same interleaving.
// --network throttles every request with CDP Network.emulateNetworkConditions (DevTools' presets:
// "fast3g" = 562.5 ms latency, 1.44 Mbit/s down; "slow3g" = 2 s, 400 kbit/s); --cpu N slows the
// renderer N times (Emulation.setCPUThrottlingRate). web/serve.mjs speaks HTTP/1.1, where Chromium
// opens at most 6 connections to a host, so on a slow link the page's 11 requests after the HTML
// come in waves; --h2 puts an HTTP/2 front (TLS, a throw-away certificate) before it, as most
// static hosts serve.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../web/serve.mjs';
import { CHROMIUM, SITE_DIR, fmt, machine, percentile, printMachine, printTable } from './lib.mjs';

const DEFAULT_URL =
  'index.html#safe=requires_improvement&effective=good&caring=good&responsive=requires_improvement&well_led=good&use_of_resources=good';

// Chrome DevTools' throttling presets (bytes per second; latency added to every request).
const NETWORKS = {
  loopback: null,
  fast3g: { latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  slow3g: { latency: 2000, downloadThroughput: (500e3 / 8) * 0.8, uploadThroughput: (500e3 / 8) * 0.8 },
};

const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '15' },
    url: { type: 'string', default: DEFAULT_URL },
    network: { type: 'string', default: 'loopback' },
    cpu: { type: 'string', default: '1' },
    site: { type: 'string', default: SITE_DIR },
    candidates: { type: 'string' },
    compare: { type: 'string' },
    h2: { type: 'boolean', default: false },
    repeat: { type: 'boolean', default: true },
    'repeat-reps': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});
if (opt.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const REPS = Number(opt.reps);
const REPEAT_REPS = Number(opt['repeat-reps'] ?? Math.max(1, Math.min(REPS, 5)));
const CPU = Number(opt.cpu);
const networkNames = opt.network === 'all' ? Object.keys(NETWORKS) : opt.network.split(',');
for (const n of networkNames) if (!(n in NETWORKS)) throw new Error(`unknown --network ${n} (${Object.keys(NETWORKS).join(', ')}, all)`);
if (!(REPS >= 1) || !(CPU >= 1)) throw new Error('--reps and --cpu must be numbers >= 1');
if (!fs.existsSync(path.join(opt.site, 'index.html'))) {
  throw new Error(`no site in ${opt.site}: build one (node web/build-site.mjs --out build/site-bench --wasm-dir build/wasm) and pass --site, or set CQC_SITE_DIR`);
}
const pageFile = new URL(opt.url, 'http://x/').pathname.slice(1) || 'index.html'; // the HTML file the URL names

// ---- the copies of the site ------------------------------------------------------------------

/** Precompressed copies as web/build-site.mjs writes them, so an edited file is not sent raw. */
function recompress(file) {
  const original = fs.readFileSync(file);
  const variants = {
    '.gz': zlib.gzipSync(original, { level: 9 }),
    '.br': zlib.brotliCompressSync(original, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
  };
  for (const [ext, packed] of Object.entries(variants)) {
    fs.rmSync(file + ext, { force: true });
    if (packed.length < original.length) fs.writeFileSync(file + ext, packed);
  }
}

function writeSiteFile(dir, name, text) {
  fs.writeFileSync(path.join(dir, name), text);
  recompress(path.join(dir, name));
}

/** The page's HTML without any script: no <script>, no modulepreload, no preload of a script or wasm. */
function stripScripts(html) {
  const out = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>[ \t]*\n?/gi, '')
    .replace(/<link\b[^>]*>[ \t]*\n?/gi, (tag) => {
      const rel = /\brel\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1].toLowerCase() ?? '';
      const as = /\bas\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1].toLowerCase() ?? '';
      const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1] ?? '';
      const scripty = rel === 'modulepreload' || (rel === 'preload' && (/^(script|fetch|worker)$/.test(as) || /\.(m?js|wasm)$/i.test(href)));
      return scripty ? '' : tag;
    });
  if (/<script\b|modulepreload|\.wasm\b/i.test(out)) throw new Error('stripScripts: a script or wasm reference survived');
  return out;
}

// Candidate changes (--candidates): each is a copy of the site with one change, measured as (a).
// They are proposals for index.html and app.mjs, whose owners decide (bench/README.md has the
// figures); a candidate whose anchor is gone from the page (it is being rewritten) is skipped.

/** Inserts `tag` into the page's <head> before its first modulepreload or script (else before </head>). */
function addToHead(dir, tag) {
  const file = path.join(dir, pageFile);
  const html = fs.readFileSync(file, 'utf8');
  const at = html.search(/<link\b[^>]*\brel=["']?modulepreload|<script\b|<\/head>/i);
  if (at < 0) throw new Error('no <head> to add to');
  writeSiteFile(dir, pageFile, `${html.slice(0, at)}${tag}\n  ${html.slice(at)}`);
}

function editFile(dir, name, from, to) {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  if (!text.includes(from)) throw new Error(`${name} no longer contains ${JSON.stringify(from)}`);
  writeSiteFile(dir, name, text.replace(from, to));
}

/** Moves the page's module script to just after its stylesheets (before the preloads). */
function appFirst(dir) {
  const file = path.join(dir, pageFile);
  const html = fs.readFileSync(file, 'utf8');
  const tag = /[ \t]*<script type="module" src="app\.mjs"><\/script>\s*\n/.exec(html)?.[0];
  if (!tag) throw new Error('no <script type="module" src="app.mjs"> in the page');
  const rest = html.replace(tag, '');
  const at = rest.search(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)\b/i);
  if (at < 0) throw new Error('no preload to move the script before');
  writeSiteFile(dir, pageFile, `${rest.slice(0, at)}${tag.trim()}\n  ${rest.slice(at)}`);
}

const CANDIDATES = {
  // Start the core (fetch, compile, instantiate, embind set-up) from an async module script, which
  // need not wait for the stylesheets as app.mjs (a deferred module) must; loadRatings() keeps its
  // promise, so app.mjs's own call gets the same load. (Measured: Chromium runs it after app.mjs
  // anyway when the modules arrive after the stylesheets, as they do here.)
  'core-early': (dir) => {
    writeSiteFile(
      dir,
      'core-early.mjs',
      "// Start loading the ratings core at once (see index.html).\nimport { loadRatings } from './ratings-api.mjs';\n\nloadRatings().catch(() => {}); // app.mjs reports a failure\n",
    );
    addToHead(dir, '<script type="module" async src="core-early.mjs"></script>');
  },
  // app.mjs itself run as soon as its modules are in and the HTML is parsed, without waiting for
  // the stylesheets as a deferred module must: an async module (app-async.mjs) waits for the
  // parser if need be, then imports app.mjs (modulepreloaded). No change to app.mjs.
  'app-async': (dir) => {
    writeSiteFile(
      dir,
      'app-async.mjs',
      '// Run the calculator once the HTML is parsed, without waiting for the stylesheets (see index.html).\n' +
        "if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));\n" +
        "await import('./app.mjs');\n",
    );
    const file = path.join(dir, pageFile);
    const html = fs.readFileSync(file, 'utf8');
    const tag = '<script type="module" src="app.mjs"></script>';
    if (!html.includes(tag)) throw new Error(`no ${tag} in the page`);
    writeSiteFile(dir, pageFile, html.replace(tag, '<link rel="modulepreload" href="app.mjs">\n  <script type="module" async src="app-async.mjs"></script>'));
  },
  // The print-only details (renderPrintDetails: its first toLocaleDateString starts up Intl, 15-25 ms
  // in a new renderer) written when the page is printed, not on the way to the first result.
  'print-lazy': (dir) => {
    const call = 'renderPrintDetails(state.ratings, vocabulary, new URL(shared, location.href).href);';
    editFile(dir, 'app.mjs', call, `printDetails = () => ${call}`);
    editFile(dir, 'app.mjs', 'async function start() {', "let printDetails = () => {};\nwindow.addEventListener('beforeprint', () => printDetails());\n\nasync function start() {");
  },
  // GOV.UK's character count (imported after the first result) started only once the result has
  // been painted: its set-up (Intl again, ~15 ms) otherwise runs before that frame.
  'extras-later': (dir) => {
    const at = /import\((['"])\.\/govuk\/[\w.-]+\.m?js\1\)/.exec(fs.readFileSync(path.join(dir, 'app.mjs'), 'utf8'))?.[0];
    if (!at) throw new Error('app.mjs no longer imports a govuk/ module');
    editFile(dir, 'app.mjs', at, `new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))).then(() => ${at})`);
  },
  // The core's load started as app.mjs's first statement, before the page's own set-up (its
  // module evaluation, DOMContentLoaded, the first frame) rather than after it.
  'core-first': (dir) => {
    const call = "const { loadRatings } = await import('./ratings-api.mjs');\n  const api = await loadRatings();";
    editFile(dir, 'app.mjs', call, 'const api = await coreLoading;');
    editFile(dir, 'app.mjs', "const $ = (id) =>", "const coreLoading = import('./ratings-api.mjs').then(({ loadRatings }) => loadRatings());\ncoreLoading.catch(() => {});\nconst $ = (id) =>");
  },
  // The module script before the preloads: over HTTP/1.1 (6 connections) it is then fetched in the
  // first wave rather than last.
  'app-first': appFirst,
  // ---- from Chromium traces of the load (devtools.timeline, v8.wasm; 2026-11-24, branch
  // first-result-probe). The renderer's main thread, in order: the stylesheets' responses (parse
  // 1-9 ms); at once the page's first frame (UpdateLayoutTree 6-17 ms, Layout 13-55 ms, paint
  // 1-4 ms), which runs before the main thread even reads the modules' responses (they reach the
  // network ~24 ms after the stylesheets, during that frame); the modules' responses (5-9 tasks,
  // 1-7 ms each); app.mjs (PendingScriptFinished: evaluation 1-3 ms, DOMContentLoaded, a forced
  // style and layout 3-9 ms); another frame (4-5 ms, the page's FCP); the task that resolves
  // import('./ratings-api.mjs') (1-4 ms); the task that hands the preloaded wasm's Response to
  // fetch() (AddClient), in which instantiateStreaming compiles (2-4 ms, lazily), embind's set-up,
  // the vocabulary, the link, the first evaluate (its code compiled lazily), render and the mark
  // run as microtasks (25-34 ms); then the results' frame (style 3-7, layout 6-21 ms). So the
  // core waits for two frames and two tasks after app.mjs, not for the network.
  // The page's first frame waits for app.mjs: `blocking="render"` on the module script.
  // Measured (2 runs, 15 each; noisy machine): a/b paired 1.61 and 1.41 with static-core, against
  // the page's 1.35: app.mjs then runs before the first frame, but that frame (the whole page's
  // layout) comes right after it and before the core's tasks, as before; the page paints later.
  // With wasm-inline (wasm-inline+render-block: everything up to the mark in app.mjs's task, before
  // any frame): paired 1.18 and 1.43 against wasm-inline's 1.13 and 1.20; the first paint is the
  // result's (FCP = result painted, 372/376 ms against wasm-inline's result painted 308/300), but
  // app.mjs's task then also holds DOMContentLoaded's forced style and layout of the whole page
  // (10 + 41 ms in a trace) and the first frame's paint is larger. Cost: nothing shows until every
  // module has arrived (a stalled module keeps the page blank). Not worth it.
  'render-block': (dir) => {
    const tag = '<script type="module" src="app.mjs"></script>';
    const file = path.join(dir, pageFile);
    const html = fs.readFileSync(file, 'utf8');
    if (!html.includes(tag)) throw new Error(`no ${tag} in the page`);
    writeSiteFile(dir, pageFile, html.replace(tag, '<script type="module" src="app.mjs" blocking="render"></script>'));
  },
  // The core imported statically by app.mjs and its load started in app.mjs's first statement:
  // no dynamic import() (resolved in a task of its own, after which a frame can come first).
  // Measured: a/b paired 1.33, 1.40, 1.35 against the page's 1.35, 1.44, 1.28 (mark 268/274/302
  // against 300/299/324 ms): instantiateStreaming is called 10-25 ms after app.mjs runs rather
  // than 30-50, but the fetch()'s task still waits for the frame. Cost: a failure to load
  // ratings-api.mjs or ratings.mjs stops app.mjs itself (no "could not start" message).
  'static-core': (dir) => {
    const call = "const { loadRatings } = await import('./ratings-api.mjs');\n  const api = await loadRatings();";
    editFile(dir, 'app.mjs', call, 'const api = await coreLoading;');
    editFile(dir, 'app.mjs', "const $ = (id) =>", "const coreLoading = loadRatings();\ncoreLoading.catch(() => {});\nconst $ = (id) =>");
    editFile(dir, 'app.mjs', "import {\n  JUDGEMENT_TARGETS,", "import { loadRatings } from './ratings-api.mjs';\nimport {\n  JUDGEMENT_TARGETS,");
  },
  // The core started without any task between app.mjs's evaluation and the first result: the wasm
  // comes as a module in app.mjs's own import graph (ratings-wasm.mjs, its bytes in base64, loaded
  // and modulepreloaded like the other modules; no ratings.wasm request), compiled and instantiated
  // synchronously (new WebAssembly.Module / Instance through Emscripten's `instantiateWasm`), and
  // ratings-api.mjs imported statically (static-core). Instantiation, embind's set-up, the
  // vocabulary, the link and the first evaluation then all run in microtasks of app.mjs's own task,
  // so no frame and no fetch() task comes between (the trace: today a frame, the import() task and
  // the fetch()'s task of the preloaded wasm come between app.mjs and instantiateStreaming).
  // Measured (loopback, load average 4-8 from other jobs; 15, 20 and 25 repetitions): a/b paired
  // 1.13, 1.20, 1.13 against the page's 1.44, 1.28, 1.45 in the same runs; mark 243 / 248 / 204 ms
  // against 299 / 324 / 223; app.mjs running -> first evaluate 8-12 ms (page: 40-70), -> mark
  // 17-21 ms (page: 51-82). app.mjs itself runs 0-13 ms later (a larger module graph to compile).
  // What is left is the page's first frame (its whole layout) before app.mjs, as in (b). Traced: decoding the string 1-10 ms
  // (Uint8Array.fromBase64 0.1-0.2 ms, but base64 is 61.7 KB with brotli), sync compile 1-4 ms.
  // Cost: +1.2 KB on the wire; the build writes ratings-wasm.mjs; a failed load of any of these
  // modules stops app.mjs (no "could not start" message unless another script watches for it); a
  // compile error inside instantiateWasm is only logged by Emscripten's glue (the factory's promise
  // never settles), so a real version must catch it and reject.
  'wasm-inline': (dir) => {
    CANDIDATES['static-core'](dir);
    // One character per byte (U+0000-U+00FF, UTF-8 in the file): 47.6 KB with brotli against the
    // wasm's own 46.4 KB (base64 would be 61.7 KB).
    const wasm = fs.readFileSync(path.join(dir, 'ratings.wasm'));
    const escapes = { 0x5c: '\\\\', 0x27: "\\'", 0x0a: '\\n', 0x0d: '\\r' };
    let text = '';
    for (const byte of wasm) text += escapes[byte] ?? String.fromCharCode(byte);
    writeSiteFile(
      dir,
      'ratings-wasm.mjs',
      '// ratings.wasm, one character per byte, for a synchronous compile in the module graph\n' +
        '// (bench/first-result.mjs: wasm-inline).\n' +
        `const text = '${text}';\n` +
        'const bytes = new Uint8Array(text.length);\n' +
        'for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n' +
        'export default bytes;\n',
    );
    editFile(dir, 'app.mjs', "import { loadRatings } from './ratings-api.mjs';", "import { loadRatings } from './ratings-api.mjs';\nimport wasmBytes from './ratings-wasm.mjs';");
    editFile(
      dir,
      'app.mjs',
      'const coreLoading = loadRatings();',
      'const coreLoading = loadRatings({\n  instantiateWasm(imports, done) {\n    done(new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), imports));\n    return {};\n  },\n});',
    );
    const file = path.join(dir, pageFile);
    const html = fs.readFileSync(file, 'utf8');
    const preload = /<link rel="preload" href="ratings\.wasm"[^>]*>/.exec(html)?.[0];
    if (!preload) throw new Error('no preload of ratings.wasm in the page');
    writeSiteFile(dir, pageFile, html.replace(preload, '<link rel="modulepreload" href="ratings-wasm.mjs">'));
  },
  // A control: no modulepreload and no wasm preload (what they buy).
  'no-preloads': (dir) => {
    const file = path.join(dir, pageFile);
    const html = fs.readFileSync(file, 'utf8');
    writeSiteFile(dir, pageFile, html.replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)\b[^>]*>[ \t]*\n?\s*/gi, ''));
  },
};

// What --candidates all adds to the single changes above.
const COMBINED = ['print-lazy+extras-later', 'core-early+print-lazy+extras-later'];

/** A copy of the site per variant, under one temporary root served at /<variant>/. */
function makeSites(tmp) {
  const base = path.join(tmp, 'site');
  fs.cpSync(opt.site, base, { recursive: true, preserveTimestamps: true }); // .br/.gz stay newer than their originals
  const html = fs.readFileSync(path.join(base, pageFile), 'utf8');
  const stripped = pageFile.replace(/\.html?$/, '') + '.nojs.html';
  writeSiteFile(base, stripped, stripScripts(html));
  const variants = [
    { name: 'a: page', dir: 'site', url: opt.url, kind: 'result' },
    { name: 'b: no-js', dir: 'site', url: stripped, kind: 'fcp' },
  ];
  if (opt.compare) {
    if (!fs.existsSync(path.join(opt.compare, pageFile))) throw new Error(`--compare: no ${pageFile} in ${opt.compare}`);
    fs.cpSync(opt.compare, path.join(tmp, 'compare'), { recursive: true, preserveTimestamps: true });
    variants.push({ name: `a= ${path.basename(path.resolve(opt.compare))}`, dir: 'compare', url: opt.url, kind: 'result' });
  }
  if (opt.candidates) {
    const names = opt.candidates === 'all' ? [...Object.keys(CANDIDATES), ...COMBINED] : opt.candidates.split(',');
    for (const name of names) {
      const parts = name.split('+'); // "x+y": x, then y
      const unknown = parts.filter((part) => !CANDIDATES[part]);
      if (unknown.length) throw new Error(`unknown candidate ${unknown} (${Object.keys(CANDIDATES).join(', ')}; join with +)`);
      const apply = (dir) => parts.forEach((part) => CANDIDATES[part](dir));
      const dir = path.join(tmp, name);
      fs.cpSync(base, dir, { recursive: true, preserveTimestamps: true });
      try {
        apply(dir);
      } catch (err) {
        console.log(`candidate ${name} skipped: ${err.message}`);
        continue;
      }
      variants.push({ name: `a+ ${name}`, dir: name, url: opt.url, kind: 'result' });
    }
  }
  return variants;
}

// ---- in the page -----------------------------------------------------------------------------

// Installed before any page script (addInitScript: CDP injects it, so the CSP does not apply).
// Records, in performance.now() ms (0 = navigation start): each WebAssembly.* call and when it
// settled, when app.mjs had run its first statement (body.js-enabled), the core's first evaluation
// (ratings-api.mjs writes the request with JSON.stringify and reads the answer, which starts
// {"ratings", with JSON.parse), the first result in the DOM or the page's own mark; marks the
// result's text for Element Timing (when it is painted); FCP.
function probe() {
  const rec = { wasm: [], at: {} };
  window.__probe = rec;
  const now = () => performance.now();
  const once = (key, t = now()) => {
    if (rec.at[key] === undefined) rec.at[key] = t;
  };
  for (const name of ['compileStreaming', 'instantiateStreaming', 'compile', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      const call = { name, called: now() };
      rec.wasm.push(call);
      const promise = original.apply(this, args);
      promise.then(() => (call.settled = now()), () => (call.failed = now()));
      return promise;
    };
  }
  // Node hears of the result and of FCP through the console (page.evaluate during the load would
  // have Playwright compile its helper script in the page, 10-30 ms of the main thread).
  const { parse, stringify } = JSON;
  JSON.stringify = function (value, ...rest) {
    if (value && typeof value === 'object' && 'use_of_resources' in value) once('evaluateCalled');
    return stringify.call(this, value, ...rest);
  };
  JSON.parse = function (text, ...rest) {
    if (typeof text === 'string' && text.startsWith('{"ratings"')) once('evaluateAnswered');
    return parse.call(this, text, ...rest);
  };
  let signalled = false;
  const resolveResult = () => {
    if (!signalled) console.debug('cqc-probe:result');
    signalled = true;
  };
  new PerformanceObserver((list) => {
    if (list.getEntriesByName('cqc:first-result').length) resolveResult();
  }).observe({ type: 'mark', buffered: true });
  const check = () => {
    if (document.body?.classList.contains('js-enabled')) once('appRan');
    const rating = document.querySelector('#combined-result .result-card__rating');
    if (rating) {
      once('resultInDom');
      for (const el of [rating, ...rating.querySelectorAll('*')]) el.setAttribute('elementtiming', 'cqc-first-result');
      observer.disconnect();
      resolveResult();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') console.debug('cqc-probe:fcp');
  }).observe({ type: 'paint', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === 'cqc-first-result') once('resultPainted', e.renderTime || e.loadTime);
    }).observe({ type: 'element', buffered: true });
  } catch {} // no Element Timing: the row says n/a
}

/** After the first result (or FCP): everything the tables need, read in the page. */
function collect() {
  const nav = performance.getEntriesByType('navigation')[0];
  const mark = performance.getEntriesByName('cqc:first-result', 'mark')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const resources = performance.getEntriesByType('resource').map((e) => ({
    name: new URL(e.name).pathname.split('/').pop(),
    type: e.initiatorType,
    start: e.startTime,
    end: e.responseEnd,
    transfer: e.transferSize,
  }));
  const p = window.__probe;
  return {
    mark: mark?.startTime,
    fcp: fcp?.startTime,
    protocol: nav.nextHopProtocol,
    responseEnd: nav.responseEnd,
    dcl: nav.domContentLoadedEventStart,
    at: p.at,
    wasm: p.wasm,
    resources,
  };
}

// ---- the browser side --------------------------------------------------------------------------

async function newPage(context, network) {
  const page = await context.newPage();
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (NETWORKS[network]) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORKS[network] });
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  return { page, cdp };
}

/** One visit to `url` on a new page of `context`; resolves with the page's figures. */
async function visit(context, network, url, kind, { settle = false } = {}) {
  const { page, cdp } = await newPage(context, network);
  const timeout = network === 'loopback' ? 30_000 : 120_000;
  const requests = countRequests(cdp);
  const signal = kind === 'fcp' ? 'cqc-probe:fcp' : 'cqc-probe:result';
  const signalled = new Promise((resolve, reject) => {
    page.on('console', (m) => m.text() === signal && resolve());
    setTimeout(() => reject(new Error(`no ${signal} within ${timeout} ms from ${url}`)), timeout).unref();
  });
  await page.goto(url, { waitUntil: 'commit', timeout });
  await signalled;
  // Then the load event and a frame, so that the result's paint (Element Timing) is there to read.
  await page.waitForLoadState('load', { timeout });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  if (settle) await page.waitForLoadState('networkidle', { timeout }); // what loads after the result too
  const figures = await page.evaluate(collect);
  figures.requests = requests.done();
  await page.close();
  return figures;
}

/** Requests seen by CDP on one page: status, whether served from a cache, bytes on the wire. */
function countRequests(cdp) {
  const byId = new Map();
  const get = (id) => byId.get(id) ?? byId.set(id, { bytes: 0 }).get(id);
  cdp.on('Network.requestWillBeSent', (e) => (get(e.requestId).url = e.request.url));
  cdp.on('Network.requestServedFromCache', (e) => (get(e.requestId).memory = true));
  cdp.on('Network.responseReceived', (e) => {
    const r = get(e.requestId);
    r.status ??= e.response.status; // a revalidated response shows the cached 200 here...
    r.diskCache = e.response.fromDiskCache;
  });
  // ...and its status on the wire (304) here; this comes only for requests that reached the server.
  cdp.on('Network.responseReceivedExtraInfo', (e) => (get(e.requestId).status = e.statusCode));
  cdp.on('Network.loadingFinished', (e) => (get(e.requestId).bytes = e.encodedDataLength));
  return { done: () => [...byId.values()].filter((r) => r.url && !r.url.startsWith('data:')) };
}

const median = (xs) => percentile(xs.filter(Number.isFinite), 50);
const finite = (xs) => xs.filter(Number.isFinite);

// ---- (a), (b) and the candidates: interleaved first visits -------------------------------------

async function firstVisits(browser, base, variants, network) {
  const runs = new Map(variants.map((v) => [v.name, []]));
  for (let rep = 0; rep < REPS; rep++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(rep + k) % variants.length]; // each repetition starts from the next variant
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        runs.get(v.name).push(await visit(context, network, new URL(v.url, `${base}${v.dir}/`).href, v.kind));
      } finally {
        await context.close();
      }
    }
    process.stderr.write(`\r${network}: repetition ${rep + 1}/${REPS}`);
  }
  process.stderr.write('\n');
  return runs;
}

/** The figure each variant is judged by: first result (mark, else DOM) for pages, FCP for no-js. */
function headline(v, r) {
  return v.kind === 'fcp' ? r.fcp : (r.mark ?? r.at.resultInDom);
}

function printFirstVisits(variants, runs, network) {
  const b = variants.find((v) => v.kind === 'fcp');
  const bTimes = runs.get(b.name).map((r) => headline(b, r));
  const rows = variants.map((v) => {
    const xs = runs.get(v.name).map((r) => headline(v, r));
    // Paired: a_i / b_i within the same repetition, so a slow moment cancels out.
    const paired = v === b ? [] : xs.map((x, i) => x / bTimes[i]);
    // The result's first paint (Element Timing), a paint time like b's FCP: the stricter comparison.
    const painted = v === b ? [] : runs.get(v.name).map((r) => r.at.resultPainted);
    return [
      v.name,
      v.kind === 'fcp' ? 'first contentful paint' : 'first result rendered',
      xs.length,
      fmt(median(xs)),
      fmt(Math.min(...xs)),
      fmt(Math.max(...xs)),
      v === b ? '1.00' : fmt(median(xs) / median(bTimes)),
      v === b ? '' : fmt(median(paired)),
      v === b ? '' : fmt(median(painted)),
      v === b ? '' : fmt(median(painted.map((x, i) => x / bTimes[i]))),
    ];
  });
  const protocols = [...new Set([...runs.values()].flat().map((r) => r.protocol))].join(', ');
  console.log(`### First visit, ${network}${CPU > 1 ? `, CPU ÷${CPU}` : ''}, ${protocols}: ms from navigation start (medians of ${REPS})\n`);
  printTable(['variant', 'measured to', 'n', 'median', 'min', 'max', '÷ b (medians)', '÷ b (paired)', 'result painted', 'painted ÷ b (paired)'], rows);
  console.log('÷ b (paired): the median of a_i / b_i, each pair from the same repetition. result painted: the');
  console.log('result\'s text first painted (Element Timing), a paint time like b\'s first contentful paint.\n');

  const a = variants[0];
  const aRuns = runs.get(a.name);
  const marks = aRuns.filter((r) => r.mark !== undefined).length;
  console.log(
    marks === aRuns.length
      ? 'first result = the page\'s `cqc:first-result` performance mark.'
      : marks === 0
        ? 'first result = `#combined-result .result-card__rating` first in the DOM (MutationObserver; the page sets no `cqc:first-result` mark yet).'
        : `first result = the \`cqc:first-result\` mark in ${marks} of ${aRuns.length} loads, the DOM observer in the rest.`,
  );
  const ratio = median(aRuns.map((r) => headline(a, r))) / median(bTimes);
  console.log(`a/b = ${fmt(ratio)} (target ≤ 1.15: ${ratio <= 1.15 ? 'met' : 'not met'})\n`);
  printBreakdown(variants.filter((v) => v.kind === 'result'), runs);
}

/** Medians of each step of (a) and the candidates, ms from navigation start. */
function printBreakdown(pageVariants, runs) {
  const files = new Set();
  for (const v of pageVariants) for (const r of runs.get(v.name)) for (const e of r.resources) if (/\.(m?js|wasm|css)$/.test(e.name)) files.add(e.name);
  const order = (n) => (n.endsWith('.css') ? 0 : n.endsWith('.wasm') ? 2 : 1);
  const rows = [];
  const row = (label, pick) => rows.push([label, ...pageVariants.map((v) => fmt(median(runs.get(v.name).map(pick))))]);
  row('HTML responseEnd', (r) => r.responseEnd);
  for (const f of [...files].sort((x, y) => order(x) - order(y) || x.localeCompare(y))) {
    row(`${f}: request start`, (r) => r.resources.find((e) => e.name === f)?.start);
    row(`${f}: loaded (responseEnd)`, (r) => r.resources.find((e) => e.name === f)?.end);
  }
  row('first contentful paint', (r) => r.fcp);
  row('app.mjs ran (body.js-enabled)', (r) => r.at.appRan);
  row('DOMContentLoaded start', (r) => r.dcl);
  for (const name of ['compileStreaming', 'instantiateStreaming', 'instantiate']) {
    if (!pageVariants.some((v) => runs.get(v.name).some((r) => r.wasm.some((w) => w.name === name)))) continue;
    row(`WebAssembly.${name} called`, (r) => r.wasm.find((w) => w.name === name)?.called);
    row(`WebAssembly.${name} settled`, (r) => r.wasm.find((w) => w.name === name)?.settled);
  }
  row("core's first evaluate called (request to JSON)", (r) => r.at.evaluateCalled);
  row("core's first evaluate answered (answer parsed)", (r) => r.at.evaluateAnswered);
  row('first result in the DOM', (r) => r.at.resultInDom);
  row('cqc:first-result mark', (r) => r.mark);
  row('first result painted (Element Timing)', (r) => r.at.resultPainted);
  console.log('Breakdown (medians, ms from navigation start; each row its own median, so rows need not add up):\n');
  printTable(['step', ...pageVariants.map((v) => v.name)], rows);
  const wasmRequests = pageVariants.map((v) => `${v.name}: ${median(runs.get(v.name).map((r) => r.requests.filter((q) => q.url.endsWith('.wasm')).length))}`);
  console.log(`requests for the wasm per load (1 = the preload was reused): ${wasmRequests.join('; ')}\n`);
}

// ---- (c) repeat visits -------------------------------------------------------------------------

/** Rewrites every file with its own bytes: what a rebuild with nothing changed does to mtimes. */
function touchAll(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    fs.writeFileSync(file, fs.readFileSync(file));
  }
  // Precompressed copies must stay at least as new as their originals (serve.mjs skips stale ones).
  const later = new Date(Date.now() + 1000);
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(br|gz)$/.test(e.name)) fs.utimesSync(path.join(e.parentPath ?? e.path, e.name), later, later);
  }
}

/** A second server on the same files whose non-HTML answers say "cache for a year, immutable". */
async function immutableServer(dir) {
  const srv = await startServer({ dir, port: 0 });
  srv.server.prependListener('request', (req, res) => {
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!/\.html?$|\/$/.test(req.url.split(/[?#]/)[0])) {
        this.setHeader('Cache-Control', 'max-age=31536000, immutable');
        if (args[1] && typeof args[1] === 'object') args[1] = { ...args[1], 'Cache-Control': 'max-age=31536000, immutable' };
      }
      return writeHead.apply(this, args);
    };
  });
  return srv;
}

function summariseRequests(requests) {
  const full = requests.filter((r) => r.status === 200 && !r.memory && !r.diskCache);
  return {
    requests: requests.filter((r) => !r.memory && !r.diskCache).length, // those that reached the server
    full: full.length,
    notModified: requests.filter((r) => r.status === 304).length,
    cached: requests.filter((r) => r.memory || r.diskCache).length,
    bytes: requests.reduce((n, r) => n + (r.memory || r.diskCache ? 0 : r.bytes), 0),
    fullNames: full.map((r) => new URL(r.url).pathname.split('/').pop()),
  };
}

async function repeatVisits(browser, base, immutableBase, tmp, network) {
  const url = new URL(opt.url, `${base}site/`).href;
  const scenarios = [
    { name: 'first visit', second: false },
    { name: 'repeat visit (no-cache: revalidate)', second: true },
    { name: 'repeat visit after an identical rebuild', second: true, between: () => touchAll(path.join(tmp, 'site')) },
    { name: 'what-if: repeat, non-HTML immutable for a year', second: true, url: new URL(opt.url, `${immutableBase}site/`).href },
  ];
  const results = new Map(scenarios.map((s) => [s.name, []]));
  for (let rep = 0; rep < REPEAT_REPS; rep++) {
    for (const s of scenarios) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const target = s.url ?? url;
        const first = await visit(context, network, target, 'result', { settle: true });
        if (!s.second) {
          results.get(s.name).push(first);
          continue;
        }
        s.between?.();
        results.get(s.name).push(await visit(context, network, target, 'result', { settle: true }));
      } finally {
        await context.close();
      }
    }
    process.stderr.write(`\r${network}: repeat visits ${rep + 1}/${REPEAT_REPS}`);
  }
  process.stderr.write('\n');
  console.log(`### Repeat visits, ${network}: the second load in the same browser context (${REPEAT_REPS} each)\n`);
  const rows = scenarios.map((s) => {
    const rs = results.get(s.name);
    const sums = rs.map((r) => summariseRequests(r.requests));
    const last = sums.at(-1);
    return [
      s.name,
      median(sums.map((x) => x.requests)), // counts: nearest-rank medians are whole numbers
      median(sums.map((x) => x.full)),
      median(sums.map((x) => x.notModified)),
      median(sums.map((x) => x.cached)),
      Math.round(median(sums.map((x) => x.bytes))).toLocaleString('en-GB'),
      fmt(median(rs.map((r) => r.mark ?? r.at.resultInDom))),
      last.full && s.second ? last.fullNames.join(' ') : '',
    ];
  });
  printTable(['visit', 'requests', '200 (full body)', '304', 'from cache, no request', 'bytes on the wire', 'first result (ms)', 'sent in full'], rows);
  console.log('bytes on the wire: CDP encodedDataLength (headers and body) of every request that reached the server.\n');
}

// ---- HTTP/2 (--h2) ---------------------------------------------------------------------------

/**
 * An HTTP/2 front for a web/serve.mjs server: TLS with a throw-away self-signed certificate (Chromium
 * speaks HTTP/2 only over TLS), each stream passed on to the server over keep-alive HTTP/1.1 and
 * its answer passed back unchanged. Chromium is told to trust the certificate by its key
 * (--ignore-certificate-errors-spki-list), so it caches as for any valid certificate.
 */
async function h2Front(target, tmp) {
  const key = path.join(tmp, 'h2-key.pem');
  const cert = path.join(tmp, 'h2-cert.pem');
  if (!fs.existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(target.url);
  const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);
  const server = http2.createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => {});
    const forward = { host: headers[':authority'] };
    for (const [k, v] of Object.entries(headers)) if (!k.startsWith(':')) forward[k] = v;
    const req = http.request({ hostname, port, method: headers[':method'], path: headers[':path'], headers: forward, agent }, (res) => {
      const back = { ':status': res.statusCode };
      for (const [k, v] of Object.entries(res.headers)) if (!hopByHop.has(k)) back[k] = v;
      if (stream.destroyed) return res.resume();
      stream.respond(back);
      res.pipe(stream);
    });
    req.on('error', () => stream.destroy());
    req.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const der = new crypto.X509Certificate(fs.readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  return {
    url: `https://127.0.0.1:${server.address().port}/`,
    spki: crypto.createHash('sha256').update(der).digest('base64'),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      agent.destroy();
    }),
  };
}

/** The base URL to load a web/serve.mjs server's pages from: itself, or an HTTP/2 front for it. */
async function front(srv, tmp, closers) {
  if (!opt.h2) return srv.url;
  const f = await h2Front(srv, tmp);
  closers.push(f.close);
  spki = f.spki;
  return f.url;
}
let spki; // of the HTTP/2 front's certificate (one for all fronts)

// ---- main --------------------------------------------------------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-first-result-'));
const closers = [];
let browser;
try {
  const variants = makeSites(tmp);
  const server = await startServer({ dir: tmp, port: 0 });
  closers.push(server.close);
  const immutable = await immutableServer(tmp);
  closers.push(immutable.close);
  const base = await front(server, tmp, closers);
  const immutableBase = await front(immutable, tmp, closers);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: spki ? [`--ignore-certificate-errors-spki-list=${spki}`] : [] });
  console.log('== First result and repeat visits (headless Chromium, web/serve.mjs over loopback) ==');
  printMachine(machine({
    chromium: `${browser.version()} (${CHROMIUM})`,
    protocol: opt.h2 ? 'HTTP/2 over TLS (a front passing requests to web/serve.mjs)' : 'HTTP/1.1 (web/serve.mjs; at most 6 connections per host)',
    site: `${path.resolve(opt.site)} (copied to ${tmp})`,
    url: opt.url,
  }));
  for (const network of networkNames) {
    const runs = await firstVisits(browser, base, variants, network);
    printFirstVisits(variants, runs, network);
    if (opt.repeat) await repeatVisits(browser, base, immutableBase, tmp, network);
  }
} finally {
  await browser?.close();
  for (const close of closers.reverse()) await close();
  if (opt.keep) console.log(`(kept ${tmp})`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
