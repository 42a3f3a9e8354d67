// The npm package of the WebAssembly API, as someone else would use it: packed
// (tools/npm-pack.mjs), installed from the tarball into an empty folder with
// nothing else (offline), imported by its name from Node, and type-checked
// through its "exports" with TypeScript. Everything in fresh temporary folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { siteDir } from './load.mjs';

const repo = path.resolve('.');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

test('the package installs into an empty folder, evaluates in Node, and its types resolve', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-npm-'));
  try {
    const tarball = run('node', [path.join(repo, 'tools/npm-pack.mjs'), '--site', siteDir, '--out', path.join(work, 'dist')], repo)
      .trim().split('\n').pop();
    const listed = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean).sort();
    assert.deepEqual(listed, ['package/README.md', 'package/bounded-text.mjs', 'package/node.mjs', 'package/package.json',
      'package/ratings-api.d.mts', 'package/ratings-api.mjs', 'package/ratings.mjs', 'package/ratings.wasm']);

    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
    fs.writeFileSync(path.join(app, 'use.mjs'), `
      import { loadRatings } from 'cqc-trust-ratings';
      const api = await loadRatings();
      const r = api.evaluate({ safe: 'requires_improvement', effective: 'good', caring: 'good',
        responsive: 'requires_improvement', well_led: 'good', use_of_resources: 'good' });
      const bad = api.evaluate({ safe: 'great' });
      console.log(JSON.stringify([r.quality.rating, r.combined.rating, bad.errors[0].field]));`);
    assert.deepEqual(JSON.parse(run('node', ['use.mjs'], app)), ['requires_improvement', 'good', 'safe']);

    // The types, found through the package's "exports", as a TypeScript user would.
    fs.writeFileSync(path.join(app, 'use.ts'), `
      import { loadRatings, type Result, type ErrorResult } from 'cqc-trust-ratings';
      const api = await loadRatings();
      const answer: Result | ErrorResult = api.evaluate({ safe: 'good', effective: 'good', caring: 'good',
        responsive: 'good', well_led: 'good', use_of_resources: 'good' });
      // @ts-expect-error: ratings are tokens, not numbers
      const wrong: number = 'error' in answer ? 0 : answer.quality.rating;
      void wrong;`);
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true,
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'] }, files: ['use.ts'] }));
    run('node', [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
