#!/usr/bin/env node
// Prints the raw and gzip sizes of the shipped site and fails when any is
// over the budget in web/size-budget.json. Usage: node web/size-budget.mjs [site dir]
// gzip level 9, as a static host would pre-compress; sizes in bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? process.env.CQC_SITE_DIR ?? path.join(here, '..', 'build', 'site'));
const budget = JSON.parse(fs.readFileSync(path.join(here, 'size-budget.json'), 'utf8'));

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function measure(files) {
  let raw = 0, gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(site, f));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`size-budget: no site at ${site}; build it first (cmake --build --preset wasm)`);
  process.exit(2);
}
// The .gz/.br copies that build-site.mjs writes beside a file are other encodings of it, sent
// instead of it, never as well: count each file once, by its original (gzip -9 as before).
const listed = filesUnder(site);
const all = listed.filter((f) => !(/\.(gz|br)$/.test(f) && listed.includes(f.slice(0, -3))));
// What the calculator page downloads: index.html and everything it names
// (stylesheets, scripts, the wasm, the favicon), followed through the
// modules' static and dynamic imports and the stylesheets' url()s. Other
// pages it links to (the explainer, the explorer) are not downloads.
function downloadsOf(start) {
  const found = new Set();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop();
    if (found.has(file) || !all.includes(file)) continue;
    found.add(file);
    if (file.endsWith('-wasm.mjs')) continue; // a wasm's bytes as a module (ratings-wasm.mjs): no references
    const text = fs.readFileSync(path.join(site, file), 'utf8');
    const refs = [
      ...text.matchAll(/(?:href|src)="([^"#:?]+)"/g), // HTML
      ...text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g), // module imports
      ...text.matchAll(/url\(\s*["']?([^"')#:?]+)["']?\s*\)/g), // CSS
      ...text.matchAll(/['"]([\w-]+\.wasm)['"]/g), // the Emscripten glue's wasm
    ].map((m) => path.normalize(path.join(path.dirname(file), m[1])));
    queue.push(...refs.filter((ref) => !ref.endsWith('.html') && /\.(m?js|css|wasm|svg|png|woff2?)$/.test(ref)));
  }
  // A page that imports a wasm's bytes as a module (ratings-wasm.mjs) hands them to the glue, which
  // then never fetches the .wasm file it names.
  return [...found].filter((f) => !(f.endsWith('.wasm') && found.has(f.replace(/\.wasm$/, '-wasm.mjs')))).sort();
}
const calculatorPage = downloadsOf('index.html');
// The audit page: what it downloads on opening, then (only once a file is chosen) its worker with
// the audit module (which reads .ods files too: nothing more is downloaded for one).
const auditPage = downloadsOf('audit.html');
const auditWorker = ['audit-worker.mjs', 'ods-file.mjs', 'audit.mjs', 'audit.wasm'];
// The workbench: what it downloads on opening, then its worker with the assessment module.
const workbenchPage = downloadsOf('workbench.html');
const workbenchWorker = ['workbench-worker.mjs', 'workbench-live.mjs', 'assessment-api.mjs', 'bounded-text.mjs', 'ods-file.mjs', 'assessment.mjs', 'assessment.wasm'];
const misplaced = [...calculatorPage.filter((f) => /^(audit|workbench|core-services|assessment)/.test(f)),
  ...auditPage.filter((f) => auditWorker.includes(f))];
if (misplaced.length) {
  console.error(`size-budget: ${misplaced.join(', ')} would be downloaded by a page that must not need it (the calculator never; the audit page only once a file is chosen)`);
  process.exit(1);
}
const rows = [
  ['ratings.wasm', measure(['ratings.wasm'])],
  ['ratings.mjs (glue)', measure(['ratings.mjs'])],
  ['calculator module + glue', measure(['ratings.wasm', 'ratings.mjs'])],
  ['explorer module + glue', measure(['explorer.wasm', 'explorer.mjs'])],
  ['assessment module + glue', measure(['assessment.wasm', 'assessment.mjs'])],
  [`calculator page (${calculatorPage.length} files)`, measure(calculatorPage)],
  ['audit module + glue', measure(['audit.wasm', 'audit.mjs'])],
  [`audit page, before a file is chosen (${auditPage.length} files)`, measure(auditPage)],
  ['audit worker + module (a file chosen)', measure(auditWorker)],
  [`workbench page, with its own core after the first render (${workbenchPage.length} files)`, measure(workbenchPage)],
  ['workbench worker + assessment module', measure(workbenchWorker)],
  [`whole site (${all.length} files)`, measure(all)],
];
const limits = [budget.wasm_gzip, budget.glue_gzip, budget.module_gzip, budget.explorer_module_gzip, budget.assessment_module_gzip,
  budget.calculator_page_gzip, budget.audit_module_gzip, budget.audit_page_gzip, budget.audit_worker_gzip,
  budget.workbench_page_gzip, budget.workbench_worker_gzip, budget.site_gzip];

let over = false;
console.log(`Sizes of ${path.relative(process.cwd(), site) || site} (bytes; gzip -9)`);
console.log('| file | raw | gzip | gzip budget | status |\n|---|---:|---:|---:|---|');
rows.forEach(([name, { raw, gzip }], i) => {
  const ok = gzip <= limits[i];
  over ||= !ok;
  console.log(`| ${name} | ${raw.toLocaleString('en-GB')} | ${gzip.toLocaleString('en-GB')} | ${limits[i].toLocaleString('en-GB')} | ${ok ? 'ok' : 'OVER BUDGET'} |`);
});
if (over) {
  console.error('size-budget: over budget. Shrink the change, or raise web/size-budget.json with a reason in the commit.');
  process.exit(1);
}
