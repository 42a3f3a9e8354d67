// The timing loop shared by Node (wasm.mjs) and the page (browser.mjs), so
// both measure the same way. Only performance.now(): no Node or DOM APIs.
// Chromium coarsens performance.now() (to 100 µs without cross-origin
// isolation), so every sample lasts far longer than that.

let sink = 0; // results feed this so no engine can drop the work as unused
export const checksum = () => sink;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs fn (which returns a number) for warmupMs (JIT tiers up, caches fill),
 * then `samples` timed batches of about sampleMs each. Returns ns per call
 * (the median batch) and the spread.
 */
export function measure(fn, { warmupMs = 500, sampleMs = 300, samples = 7 } = {}) {
  let calls = 0;
  const start = performance.now();
  do {
    sink += fn();
    calls++;
  } while (performance.now() - start < warmupMs);
  const msPerCall = (performance.now() - start) / calls;
  const batch = Math.max(1, Math.round(sampleMs / msPerCall));

  const nsPerCall = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink += fn();
    nsPerCall.push(((performance.now() - t0) * 1e6) / batch);
  }
  return { ns: median(nsPerCall), min: Math.min(...nsPerCall), max: Math.max(...nsPerCall), batch, samples };
}
