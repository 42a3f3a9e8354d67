// The package's entry in Node: the browser entry fetches ratings.wasm beside
// it, which Node's fetch cannot do for a file: URL, so the bytes are read
// here and handed to the module. Same API, same types (ratings-api.d.mts).
import fs from 'node:fs';
import { loadRatings as loadWith } from './ratings-api.mjs';

export * from './ratings-api.mjs';

/** Loads the module once; `options` go to the Emscripten factory. */
export function loadRatings(options = {}) {
  return loadWith({ wasmBinary: fs.readFileSync(new URL('./ratings.wasm', import.meta.url)), ...options });
}
