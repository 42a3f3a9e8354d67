#!/usr/bin/env node
// `cqc-ratings audit` on synthetic Latest-ratings exports of growing size, as CSV and as .ods:
// wall time, rows a second and peak memory per size, side by side, to show the growth is linear.
// Figures, not a test: nothing here fails on speed.
//
//   node bench/audit-native.mjs [--sizes 100000,200000,400000] [--reps 3] [--no-build] [--cli PATH]
//
// Builds cqc-ratings in Release in build/bench (the tree bench/native.sh uses, same options), then
// writes each size once with bench/make-ratings-export.mjs (--ods; seed 1) into
// build/bench/audit-data/<rows>/ (audit-data.mjs; a size already written is reused), and runs
//   /usr/bin/time -v cqc-ratings audit Locations.csv Providers.csv --format jsonl > /dev/null
//   /usr/bin/time -v cqc-ratings audit latest-ratings.ods --format jsonl > /dev/null
// --reps times each, interleaved, taking the median wall time (rows/s = the export's data rows of
// both sheets / that time) and the largest "Maximum resident set size".
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditData, megabytes } from './audit-data.mjs';
import { ROOT, fmt, machine, printMachine, printTable, versionOf } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,200000,400000' },
    reps: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
    cli: { type: 'string' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const reps = Number(args.reps);
const buildDir = path.join(ROOT, 'build/bench');
const cli = args.cli ?? path.join(buildDir, 'cqc-ratings');

if (!args['no-build'] && !args.cli) {
  const quiet = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      process.exit(1);
    }
  };
  quiet('cmake', ['-S', '.', '-B', buildDir, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release',
    '-DCQC_BUILD_BENCHMARKS=ON', '-DCQC_BUILD_TESTS=OFF']);
  quiet('cmake', ['--build', buildDir, '--target', 'cqc-ratings']);
}

/** One run under /usr/bin/time -v: wall seconds and max RSS in MB. */
function run(files) {
  const r = spawnSync('/usr/bin/time', ['-v', cli, 'audit', ...files, '--format', 'jsonl'], {
    encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26,
  });
  const field = (name) => new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(r.stderr)?.[1];
  if (r.status !== 0) {
    console.error(r.stderr.split('\n').filter((l) => l.startsWith('cqc-ratings')).slice(0, 5).join('\n'));
    throw new Error(`cqc-ratings audit ${files.join(' ')} exited ${r.status}`);
  }
  const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number);
  const seconds = wall.reduce((acc, x) => acc * 60 + x, 0);
  return {
    seconds,
    cpu: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')),
    rssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

printMachine(machine({ cli: path.relative(ROOT, cli), compiler: versionOf('c++'), reps }));
const rows = [];
for (const size of sizes) {
  const data = auditData(size);
  const runs = { csv: [], ods: [] };
  for (let i = 0; i < reps; i++) {
    for (const kind of i % 2 ? ['ods', 'csv'] : ['csv', 'ods']) runs[kind].push(run(data[kind]));
  }
  for (const kind of ['csv', 'ods']) {
    const seconds = median(runs[kind].map((r) => r.seconds));
    const cpu = median(runs[kind].map((r) => r.cpu));
    const mb = megabytes(data[kind]);
    rows.push([
      `${fmt(data.rows)} rows, ${kind === 'csv' ? 'CSV (2 sheets)' : '.ods'}`, fmt(mb), seconds.toFixed(2), cpu.toFixed(2),
      fmt(data.rows / seconds), fmt(mb / seconds), fmt(Math.max(...runs[kind].map((r) => r.rssMb))),
    ]);
  }
}
printTable(['input', 'file MB', 'wall s (median)', 'CPU s', 'rows/s', 'file MB/s', 'max RSS MB'], rows);
