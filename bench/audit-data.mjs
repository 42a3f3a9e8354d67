// The synthetic Latest-ratings exports the audit benchmarks read (audit-native.mjs,
// audit-page.mjs): written once by make-ratings-export.mjs (--ods, seed 1) into
// build/bench/audit-data/<rows>/ and reused while they are there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

/** {rows, csv: [Locations.csv, Providers.csv], ods: [latest-ratings.ods]} for an export of `rows` rows. */
export function auditData(rows) {
  const dir = path.join(ROOT, 'build/bench/audit-data', String(rows));
  const expectedFile = path.join(dir, 'expected.json');
  if (!fs.existsSync(expectedFile) || !fs.existsSync(path.join(dir, 'latest-ratings.ods'))) {
    console.error(`writing the ${rows}-row export into ${path.relative(ROOT, dir)} ...`);
    execFileSync('node', [path.join(ROOT, 'bench/make-ratings-export.mjs'), '--rows', String(rows), '--out', dir,
      '--ods', '--seed', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
  return {
    rows: expected.rows,
    expected,
    csv: [path.join(dir, 'Locations.csv'), path.join(dir, 'Providers.csv')],
    ods: [path.join(dir, 'latest-ratings.ods')],
  };
}

/** Megabytes (10^6 bytes) of these files together. */
export const megabytes = (files) => files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1e6;
