// The JS-side cases (cases.mjs) in Node: the WebAssembly core through the
// public API, and the plain JS reference, compared with the native figures.
//   node bench/wasm.mjs        (needs build/site; native figures optional)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeCases, timingFor } from './cases.mjs';
import { measure } from './timing.mjs';
import { ROOT, SITE_DIR, machine, printJsTable, printMachine, readNative } from './lib.mjs';

// wasmBinary: Node's fetch cannot read file: URLs (as tests/wasm/load.mjs).
const { loadRatings } = await import(pathToFileURL(path.join(SITE_DIR, 'ratings-api.mjs')).href);
const api = await loadRatings({ wasmBinary: fs.readFileSync(path.join(SITE_DIR, 'ratings.wasm')) });

console.log('== WebAssembly and JS reference in Node ==');
printMachine(machine({ wasm: `${path.relative(ROOT, SITE_DIR)}/ratings.wasm, ${fs.statSync(path.join(SITE_DIR, 'ratings.wasm')).size} B` }));

const results = {};
for (const [name, c] of Object.entries(makeCases(api))) {
  results[name] = { ...measure(c.run, timingFor(c.items)), items: c.items, native: c.native, js: c.js };
}
printJsTable(results, readNative());
