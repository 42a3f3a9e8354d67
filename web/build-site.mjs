#!/usr/bin/env node
// Assemble the deployable static site (no bundler, no network):
//
//   node web/build-site.mjs --out build/site --wasm-dir <dir with ratings.mjs + ratings.wasm>
//                           [--allow-missing-wasm]
//
// Output layout (everything relative, so the site works from any sub-path):
//   <out>/...                           every file under web/src/ (the page itself)
//   <out>/ratings.mjs, ratings.wasm     the Emscripten ES module + wasm from --wasm-dir
//   <out>/ratings-wasm.mjs              ratings.wasm as a JavaScript module, for the calculator page
//   <out>/app.mjs, *-page.mjs           each page's script bundled with its imports (esbuild)
//   <out>/govuk/govuk-frontend.min.css  govuk-frontend's CSS, rewritten (see processGovukCss)
//   <out>/govuk/assets/...              only the images that rewritten CSS still references
//   <out>/**/<file>.gz, <file>.br       precompressed copies of the text and wasm files, for hosts
//                                       (and web/serve.mjs) that send them to clients accepting them
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { PurgeCSS } from 'purgecss';
import { fillPlaceholders } from './form-html.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const srcDir = path.join(here, 'src');
const WASM_FILES = ['ratings.mjs', 'ratings.wasm', 'explorer.mjs', 'explorer.wasm', 'assessment.mjs', 'assessment.wasm',
  'audit.mjs', 'audit.wasm'];

function fail(msg) {
  console.error(`build-site: error: ${msg}`);
  process.exit(1);
}

/** All files under dir, as paths relative to dir (sorted, so output order is stable). */
function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
  }
  return out.sort();
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

// `/*# sourceMappingURL=... */` (CSS) or `//# sourceMappingURL=...` (JS): we don't ship the
// .map files, and a dangling reference makes browser devtools log 404s.
const stripSourceMap = (text) =>
  text.replace(/\n?\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '\n').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');

/**
 * Make govuk-frontend's CSS safe to host anywhere and not on gov.uk:
 *  - drop every @font-face rule: the GDS Transport font is licensed for gov.uk only, so we ship
 *    no font files and the existing `font-family: "GDS Transport", arial, sans-serif` falls back
 *    to arial. The font's copyright comment goes too, since the font is no longer referenced.
 *  - rewrite root-absolute `url(/assets/...)` to `url(assets/...)`. CSS resolves url() relative to
 *    the stylesheet, so this works from https://host/ and https://host/any/sub/path/ alike.
 * Returns the CSS and the asset paths (relative to the CSS file) it still references.
 */
function processGovukCss(css) {
  css = css.replace(/\/\*![^*]*exclusive use on gov\.uk[^*]*\*\//g, '');
  // @font-face blocks contain declarations only (never nested braces), so [^}]* is exact.
  css = css.replace(/@font-face\s*\{[^}]*\}/g, '');
  const refs = new Set();
  css = css.replace(/url\(\s*(["']?)([^"')]*)\1\s*\)/g, (m, q, u) => {
    if (u.startsWith('/assets/')) u = u.slice(1);
    else if (u.startsWith('/')) fail(`unexpected root-absolute url in govuk CSS: ${m}`);
    if (!/^(data:|https?:|#)/.test(u)) refs.add(u);
    return `url(${q}${u}${q})`;
  });
  css = stripSourceMap(css);
  // Guard against a future govuk-frontend changing its output in a way the regexes above miss.
  if (/@font-face/i.test(css)) fail('an @font-face rule survived the rewrite');
  if (/url\(\s*["']?\//.test(css)) fail('a root-absolute url( survived the rewrite');
  return { css, refs: [...refs].sort() };
}

// ---- arguments ---------------------------------------------------------------------------
const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    'wasm-dir': { type: 'string' },
    'allow-missing-wasm': { type: 'boolean', default: false },
  },
});
if (!args.out) fail('usage: node web/build-site.mjs --out <dir> --wasm-dir <dir> [--allow-missing-wasm]');
if (!args['wasm-dir'] && !args['allow-missing-wasm']) fail('--wasm-dir <dir> is required');
const out = path.resolve(args.out);

// We delete --out recursively, so refuse anything that could hold sources: the repo or one of its
// parents, or any folder inside the repo other than the git-ignored build/.
const isInside = (child, parent) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};
const buildDir = path.join(repoRoot, 'build'); // also holds the CMake trees, so never build/ itself
if (isInside(repoRoot, out) || (isInside(out, repoRoot) && !(isInside(out, buildDir) && out !== buildDir))) {
  fail(`refusing to empty ${out}: it is the repository, a parent of it, or a repo folder not under build/`);
}
if (!fs.existsSync(srcDir)) fail(`${srcDir} does not exist`);

// ---- locate inputs before touching the output, so a failed build leaves the old site alone ---
const missingWasm = WASM_FILES.filter((f) => !args['wasm-dir'] || !fs.existsSync(path.join(args['wasm-dir'], f)));
if (missingWasm.length) {
  const msg = `missing ${missingWasm.join(', ')} in --wasm-dir ${args['wasm-dir'] ?? '(not given)'} (build the wasm target first)`;
  if (!args['allow-missing-wasm']) fail(msg);
  console.warn(`build-site: warning: ${msg}; continuing because of --allow-missing-wasm`);
}
const govukPkg = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
const govukDist = path.join(path.dirname(govukPkg), 'dist', 'govuk');
const { version: govukVersion } = JSON.parse(fs.readFileSync(govukPkg, 'utf8'));

// TypeScript declarations (ratings-api.d.mts) describe the API for developers; browsers never load them.
const srcFiles = listFiles(srcDir).filter((f) => !/\.d\.m?ts$/.test(f));
for (const f of srcFiles) {
  if (WASM_FILES.includes(f) || f === 'ratings-wasm.mjs' || ['govuk'].includes(f.split(path.sep)[0])) {
    fail(`web/src/${f} would collide with a generated file; rename it`);
  }
}

// ---- write ----------------------------------------------------------------------------------
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

for (const f of srcFiles) copy(path.join(srcDir, f), path.join(out, f));

for (const f of WASM_FILES) {
  if (!missingWasm.includes(f)) copy(path.join(args['wasm-dir'], f), path.join(out, f));
}

// The calculator's wasm again as a JavaScript module (ratings-wasm.mjs), which the page imports
// with the rest of its module graph: its bytes are then at hand when app.mjs runs, and the core is
// compiled and instantiated in the same task, with no fetch() answer to wait for behind the page's
// next frame (bench/README.md: first result). One character per byte (a Latin-1 string in UTF-8):
// with brotli 1.2 KB more than the wasm itself, where base64 would be 15 KB more.
function wasmAsModule(bytes) {
  const escapes = { 0x5c: '\\\\', 0x27: "\\'", 0x0a: '\\n', 0x0d: '\\r' };
  let text = '';
  for (const byte of bytes) text += escapes[byte] ?? String.fromCharCode(byte);
  return '// ratings.wasm, one character per byte: written by web/build-site.mjs, imported by app.mjs.\n' +
    `const text = '${text}';\n` +
    'const bytes = new Uint8Array(text.length);\n' +
    'for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n' +
    'export default bytes;\n';
}
if (!missingWasm.includes('ratings.wasm')) {
  fs.writeFileSync(path.join(out, 'ratings-wasm.mjs'), wasmAsModule(fs.readFileSync(path.join(out, 'ratings.wasm'))));
}

// Each page's script with the modules it imports as one minified file (esbuild), written over its
// source: one request and one module for the browser to fetch and evaluate instead of up to
// fifteen. For the calculator this took its first result from 154 to 137 ms against the page's
// own paint at 136 (bench/README.md: first result). What stays a file of its own: the wasm's
// bytes (ratings-wasm.mjs), what a page loads later (GOV.UK's character count, the workbench's own
// copy of the assessment module), the workers (started by URL) and every source module, which
// other scripts still import. A page whose module glue is missing (--allow-missing-wasm) is left
// unbundled.
const PAGE_SCRIPTS = [
  { entry: 'app.mjs', glue: ['ratings.mjs'], external: ['./ratings-wasm.mjs', './govuk/*'] },
  { entry: 'explorer-page.mjs', glue: ['explorer.mjs'], external: [] },
  { entry: 'audit-page.mjs', glue: [], external: [] },
  { entry: 'workbench-page.mjs', glue: [], external: ['./assessment-api.mjs'] },
];
for (const { entry, glue, external } of PAGE_SCRIPTS) {
  if (glue.some((f) => missingWasm.includes(f))) continue;
  const file = path.join(out, entry);
  await esbuild.build({
    entryPoints: [file], outfile: file, allowOverwrite: true, bundle: true, format: 'esm', minify: true,
    external, logLevel: 'error',
  }).catch((e) => fail(`bundling ${entry}: ${e.message}`));
}

// Pages with <!-- build:... --> placeholders get the form controls written in from the core's
// vocabulary (web/form-html.mjs), so the form works before and without the module.
const withPlaceholders = srcFiles.filter((f) => f.endsWith('.html') &&
  fs.readFileSync(path.join(out, f), 'utf8').includes('<!-- build:'));
if (withPlaceholders.length) {
  if (missingWasm.includes('ratings.wasm')) fail(`${withPlaceholders.join(', ')} need the ratings module to build their form (the calculator's questions come from its vocabulary); build the wasm target first`);
  const { loadRatings } = await import(pathToFileURL(path.join(out, 'ratings-api.mjs')).href);
  const api = await loadRatings({ wasmBinary: fs.readFileSync(path.join(out, 'ratings.wasm')) });
  const vocabulary = api.vocabulary();
  for (const f of withPlaceholders) {
    const file = path.join(out, f);
    try {
      fs.writeFileSync(file, fillPlaceholders(fs.readFileSync(file, 'utf8'), vocabulary));
    } catch (e) {
      fail(`web/src/${f}: ${e.message}`);
    }
  }
}

// The page's own markup and scripts: what GOV.UK Frontend's CSS and JS are pruned against.
const pageSources = srcFiles.filter((f) => /\.(html?|m?js)$/.test(f));
const pageText = pageSources.map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
// GOV.UK Frontend's JavaScript, when a page imports it, adds classes of its own (the character
// count's status line, its error state): those rules are kept by name (safelist below).
// A page may import GOV.UK Frontend whole (govuk/govuk-frontend.min.js) or one component's
// self-contained bundle (govuk/character-count.mjs: 6.7 KB gzip instead of the whole 11.4 KB).
const GOVUK_COMPONENTS = { 'character-count.mjs': 'components/character-count/character-count.bundle.mjs' };
const govukScripts = {};
if (pageText.includes('govuk-frontend.min.js')) govukScripts['govuk-frontend.min.js'] = 'govuk-frontend.min.js';
for (const [name, from] of Object.entries(GOVUK_COMPONENTS)) if (pageText.includes(`govuk/${name}`)) govukScripts[name] = from;
const govukJs = Object.keys(govukScripts).length > 0;

// Ship only the GOV.UK rules the page can use (PurgeCSS keeps a rule when its class names
// appear anywhere in the page's HTML or scripts, classes built in JS included). The extractor
// keeps "!" so override classes like govuk-!-margin-top-3 survive. Images that only unused
// rules referenced (the GOV.UK crest of the branded header) are then not copied at all.
const cssIn = fs.readFileSync(path.join(govukDist, 'govuk-frontend.min.css'), 'utf8');
const [purged] = await new PurgeCSS().purge({
  content: [{ raw: pageText, extension: 'html' }],
  safelist: govukJs ? { standard: [/^govuk-character-count/, /^govuk-textarea--error$/, /^govuk-visually-hidden$/] } : [],
  css: [{ raw: cssIn }],
  defaultExtractor: (text) => text.match(/[\w!-]+/g) ?? [],
  keyframes: true,
});
const { css, refs } = processGovukCss(purged.css);
fs.mkdirSync(path.join(out, 'govuk'), { recursive: true });
fs.writeFileSync(path.join(out, 'govuk', 'govuk-frontend.min.css'), css);
const size = (s) => Buffer.byteLength(s, 'utf8');
console.log(`govuk-frontend ${govukVersion}: CSS ${size(cssIn)} -> ${size(css)} bytes (rules the page uses; no @font-face, no source map)`);

for (const ref of refs) {
  const from = path.join(govukDist, ref);
  if (!isInside(from, govukDist) || !fs.existsSync(from)) {
    console.warn(`build-site: warning: CSS references ${ref}, not found in govuk-frontend; skipped`);
    continue;
  }
  copy(from, path.join(out, 'govuk', ref));
  console.log(`  copied govuk/${ref}`);
}

for (const [name, from] of Object.entries(govukScripts)) {
  fs.writeFileSync(path.join(out, 'govuk', name), stripSourceMap(fs.readFileSync(path.join(govukDist, from), 'utf8')));
  console.log(`  copied govuk/${name} (referenced by web/src)`);
}

// Precompress once at build time, at the highest levels (too slow to do per request): gzip -9 and
// brotli quality 11. Only formats that compress (not png/woff2); a copy that comes out no smaller
// than its original is not written, so the server falls back to the original.
const COMPRESSIBLE = /\.(html?|m?js|css|svg|wasm|json|txt)$/i;
const all = listFiles(out);
let copies = 0;
for (const f of all.filter((name) => COMPRESSIBLE.test(name))) {
  const file = path.join(out, f);
  const original = fs.readFileSync(file);
  const text = !f.endsWith('.wasm');
  const variants = {
    '.gz': zlib.gzipSync(original, { level: 9 }), // node writes no mtime in the header: reproducible
    '.br': zlib.brotliCompressSync(original, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
  };
  for (const [ext, packed] of Object.entries(variants)) {
    if (packed.length >= original.length) continue;
    fs.writeFileSync(file + ext, packed);
    copies++;
  }
}
const bytes = all.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
console.log(`Built ${args.out}: ${all.length} files, ${bytes} bytes (and ${copies} precompressed .gz/.br copies)`);
