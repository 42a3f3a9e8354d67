// Node-side helpers for the bench scripts: the machine a figure came from,
// aligned Markdown tables (pasteable into bench/README.md), and the native
// figures that the JS tables compare with.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Defaults relative to the repository, so the scripts run from any folder.
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const NATIVE_JSON = path.resolve(ROOT, process.env.CQC_NATIVE_JSON ?? 'build/bench/native.json');
export const SITE_DIR = path.resolve(ROOT, process.env.CQC_SITE_DIR ?? 'build/site');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** CPU model, cores, OS, load (a busy machine explains odd figures), versions. */
export function machine(extra = {}) {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
  const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  const pretty = /^PRETTY_NAME="?([^"\n]*)/m.exec(osRelease)?.[1] ?? os.type();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: `${model}${mhz ? ` @ ${Math.round(Number(mhz))} MHz` : ''}`,
    cores: `${os.availableParallelism()} logical CPUs`,
    os: `${pretty}, Linux ${os.release()}`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    node: `${process.version} (V8 ${process.versions.v8})`,
    ...extra,
  };
}

export function printMachine(info) {
  for (const [key, value] of Object.entries(info)) console.log(`${`${key}:`.padEnd(11)}${value}`);
  console.log();
}

/** The first line of `cmd --version`, or "unknown". */
export function versionOf(cmd, args = ['--version']) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
}

/** 0.76, 19.2, 2,949: three significant figures for small, commas for large. */
export function fmt(x) {
  if (x == null || !Number.isFinite(x)) return 'n/a';
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return Math.round(x).toLocaleString('en-GB');
}
export const ratio = (a, b) => (a == null || b == null ? 'n/a' : `${fmt(a / b)}×`);

/** A Markdown table with columns padded; numbers (all but the first column) right-aligned. */
export function printTable(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const width = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
  console.log(line(cells[0]));
  console.log(`|${width.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
  console.log();
}

/** {case: ns per op} from native.sh, or null when it has not been run. */
export function readNative() {
  try {
    return JSON.parse(fs.readFileSync(NATIVE_JSON, 'utf8')).cases;
  } catch {
    return null;
  }
}

/** The table wasm.mjs and browser.mjs print for the cases of cases.mjs. */
export function printJsTable(results, native) {
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    fmt(r.ns),
    r.items > 1 ? fmt(r.ns / r.items) : '',
    `${fmt(r.min)}–${fmt(r.max)}`,
    native ? `${ratio(r.ns, native[r.native])} (${r.native})` : 'n/a',
    r.js ? ratio(r.ns, results[r.js]?.ns) : '',
  ]);
  printTable(['case', 'ns per op', 'ns per trust', 'spread (ns)', '× native', 'WASM/JS'], rows);
  if (!native) console.log(`(no native figures: run bench/native.sh to write ${NATIVE_JSON})\n`);
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
