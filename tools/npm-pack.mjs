#!/usr/bin/env node
// Packs the WebAssembly API as an npm package (web/npm/: package.json, the
// Node entry, its README) with the built module from the site:
//
//   node tools/npm-pack.mjs [--site build/site] [--out build/npm]
//
// Prints the tarball's path. `npm pack` decides what goes in (package.json's "files").
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { site: { type: 'string', default: 'build/site' }, out: { type: 'string', default: 'build/npm' } },
});
const stage = path.join(args.out, 'package');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
for (const f of fs.readdirSync('web/npm')) fs.copyFileSync(path.join('web/npm', f), path.join(stage, f));
for (const f of ['ratings-api.mjs', 'ratings.mjs', 'ratings.wasm', 'bounded-text.mjs']) {
  const from = path.join(args.site, f);
  if (!fs.existsSync(from)) {
    console.error(`npm-pack: ${from} is missing; build the site first (cmake --build --preset wasm)`);
    process.exit(1);
  }
  fs.copyFileSync(from, path.join(stage, f));
}
fs.copyFileSync('web/src/ratings-api.d.mts', path.join(stage, 'ratings-api.d.mts'));
const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', path.resolve(args.out)], { cwd: stage })
  .toString().trim().split('\n').pop();
console.log(path.join(args.out, name));
