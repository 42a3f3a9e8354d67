// Reads Google Benchmark's JSON (native.sh), prints the native table and
// writes build/bench/native.json ({machine, cases: {name: ns per op}}) for
// wasm.mjs and browser.mjs to compare with.
//   node bench/native-table.mjs build/bench/native-raw.json
import fs from 'node:fs';
import path from 'node:path';
import { NATIVE_JSON, ROOT, fmt, machine, printMachine, printTable, ratio, versionOf } from './lib.mjs';

const raw = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cache = fs.readFileSync(path.join(path.dirname(process.argv[2]), 'CMakeCache.txt'), 'utf8');
const cacheVar = (name) => new RegExp(`^${name}:[A-Z]+=(.*)$`, 'm').exec(cache)?.[1] ?? '';

// With repetitions, the median of the repeated runs; else the single run.
// Wall time is the figure (the JS side can only measure wall time); CPU time
// is shown beside it because a busy machine inflates wall time only.
const cases = {}, cpu = {};
for (const b of raw.benchmarks) {
  const unit = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit];
  if (b.run_type === 'aggregate' ? b.aggregate_name === 'median' : !(b.run_name in cases)) {
    cases[b.run_name] = b.real_time * unit;
    cpu[b.run_name] = b.cpu_time * unit;
  }
}

const info = machine({
  compiler: `${versionOf(cacheVar('CMAKE_CXX_COMPILER'))}, ${cacheVar('CMAKE_BUILD_TYPE')} (${cacheVar('CMAKE_CXX_FLAGS_RELEASE')})`,
  benchmark: `Google Benchmark, library built as ${raw.context.library_build_type}; ` +
    `median of ${raw.benchmarks.find((b) => b.repetitions)?.repetitions ?? 1} repetitions, wall time`,
});
delete info.node; // the native figures do not involve Node
printMachine(info);

const floorOf = (name) => (name.endsWith('/all_4096') ? 'lookup/all_4096' : 'lookup/example');
printTable(
  ['case', 'ns per op', 'CPU ns per op', 'ns per trust', '× floor'],
  Object.entries(cases).map(([name, ns]) => [
    name,
    fmt(ns),
    fmt(cpu[name]),
    name.endsWith('/all_4096') ? fmt(ns / 4096) : '',
    `${ratio(ns, cases[floorOf(name)])} (${floorOf(name)})`,
  ]),
);

fs.mkdirSync(path.dirname(NATIVE_JSON), { recursive: true });
fs.writeFileSync(NATIVE_JSON, `${JSON.stringify({ machine: info, cases, cpu }, null, 2)}\n`);
console.log(`(written ${path.relative(ROOT, NATIVE_JSON)})\n`);
