// The assessment module in Node on a workbench trust of 10 locations x 12
// services (tests/data/large-assessment.mjs: dated, and with a 200-character
// rationale on every rating): per call, median and p95, for one or more builds
// of the module side by side (e.g. before and after a change), calls
// interleaved round by round so a busy machine slows every build alike.
//
//   node bench/assessment-wasm.mjs [--calls 200] [LABEL=DIR ...]
//
// DIR holds assessment.mjs and assessment.wasm (a build dir of the `assessment`
// target, or a site); the default is the site (CQC_SITE_DIR, build/site).
// Each build is loaded through web/src/assessment-api.mjs (copied beside its
// module into a temporary folder). Two figures a build:
//   module.assess  the binding alone: embind's copies and the core (text in, text out)
//   api.assess     the whole answer through the API: the same and JSON.parse of the answer
//   api.liveAssessment().setEntry  what the workbench's worker calls at a key press (builds that
//                  have it): one entered rating changed in the loaded document, only what changed out
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { largeAssessment } from '../tests/data/large-assessment.mjs';
import { ROOT, SITE_DIR, fmt, machine, percentile, printMachine, printTable } from './lib.mjs';

const args = process.argv.slice(2);
let calls = 200;
const builds = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--calls') calls = Number(args[(i += 1)]);
  else {
    const at = args[i].indexOf('=');
    builds.push(at > 0 ? [args[i].slice(0, at), args[i].slice(at + 1)] : [args[i], args[i]]);
  }
}
if (builds.length === 0) builds.push(['site', SITE_DIR]);

async function load(dir) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-assessment-'));
  for (const file of ['assessment.mjs', 'assessment.wasm']) fs.copyFileSync(path.resolve(ROOT, dir, file), path.join(copy, file));
  for (const file of ['assessment-api.mjs', 'bounded-text.mjs']) fs.copyFileSync(path.join(ROOT, 'web/src', file), path.join(copy, file));
  const wasmBinary = fs.readFileSync(path.join(copy, 'assessment.wasm'));
  const { default: createAssessmentModule } = await import(pathToFileURL(path.join(copy, 'assessment.mjs')).href);
  const { loadAssessment } = await import(pathToFileURL(path.join(copy, 'assessment-api.mjs')).href);
  const module = await createAssessmentModule({ wasmBinary });
  const api = await loadAssessment({ wasmBinary });
  fs.rmSync(copy, { recursive: true });
  return { module, api, bytes: wasmBinary.length };
}

const documents = {
  '10x12 dated': JSON.stringify(largeAssessment()),
  '10x12 rationale 200': JSON.stringify(largeAssessment({ rationales: 200 })),
};
const loaded = [];
for (const [label, dir] of builds) loaded.push({ label, dir, ...(await load(dir)) });

// Every build gives the same answer, or the figures compare different work.
for (const [name, text] of Object.entries(documents)) {
  const answers = loaded.map((b) => b.module.assess(text, ''));
  if (answers.some((a) => a !== answers[0])) throw new Error(`the builds answer ${name} differently`);
  if (!answers[0].startsWith('{"version":2')) throw new Error(`${name}: ${answers[0].slice(0, 200)}`);
}

// The workbench's live path, in builds that have it: a key press in a grid, as the worker makes it
// (one entered rating changed in a loaded LiveAssessment, good and requires improvement in turn).
const lives = new Map(); // build -> document text -> its loaded LiveAssessment
let turn = false;
function setEntry(b, text) {
  const byDocument = lives.get(b) ?? lives.set(b, new Map()).get(b);
  let live = byDocument.get(text);
  if (!live) {
    live = b.api.liveAssessment();
    live.load(text);
    byDocument.set(text, live);
  }
  turn = !turn;
  return live.setEntry('location:L3/service:surgery/safe', { rating: turn ? 'good' : 'requires_improvement' }).changed.length;
}
const faces = {
  'module.assess': (b, text) => b.module.assess(text, '').length,
  'api.assess': (b, text) => b.api.assess(text).nodes.length,
  ...(loaded.every((b) => typeof b.module.LiveAssessment === 'function') ? { 'api.liveAssessment().setEntry': setEntry } : {}),
};
const rows = [];
for (const [docName, text] of Object.entries(documents)) {
  for (const [faceName, face] of Object.entries(faces)) {
    const times = loaded.map(() => []);
    for (let round = 0; round < 20 + calls; round += 1) {
      loaded.forEach((b, i) => {
        const t0 = performance.now();
        face(b, text);
        if (round >= 20) times[i].push(performance.now() - t0); // the first 20: warm-up
      });
    }
    loaded.forEach((b, i) => {
      rows.push([`${faceName} / ${docName} / ${b.label}`, fmt(percentile(times[i], 50)), fmt(percentile(times[i], 95)),
        fmt(Math.min(...times[i])), fmt(Math.max(...times[i]))]);
    });
  }
}

printMachine(machine({ calls: `${calls} a case a build, after 20 to warm up`,
  builds: loaded.map((b) => `${b.label}: ${b.dir} (${b.bytes} bytes of wasm)`).join('; '),
  documents: Object.entries(documents).map(([n, t]) => `${n}: ${t.length} bytes in, ` +
    `${loaded[0].module.assess(t, '').length} out`).join('; ') }));
printTable(['case / document / build', 'median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)'], rows);
