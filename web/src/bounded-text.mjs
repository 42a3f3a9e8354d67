// Shared by both WebAssembly wrappers (ratings-api.mjs, explorer-api.mjs).
//
// embind copies a string argument into wasm memory whole, before the core can
// check its size: a 100 MB string would grow the module's memory for good, and
// a far larger one can leave the module unusable. A string longer than the
// core's byte limit is over it in UTF-8 too (every UTF-16 code unit is at least
// one byte), so it is cut to one code unit past the limit; the core then
// rejects it with its own message, the same as the CLI's.
export function boundedForCore(text, limit) {
  return text.length > limit ? text.slice(0, limit + 1) : text;
}
