// node --test tests/web/cache.test.mjs
// What a returning visitor downloads from web/serve.mjs: every answer says "revalidate"
// (Cache-Control: no-cache), and a file whose bytes did not change answers 304 with no body, even
// after a rebuild rewrote every file with new mtimes; a file whose bytes changed is sent again, even
// when its size and mtime are the same as before. Throw-away sites in a temp dir; the last test
// builds one with web/build-site.mjs twice, like a redeploy with nothing changed (it takes the
// wasm modules from $CQC_SITE_DIR, default build/site, and is skipped without them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { startServer } from '../../web/serve.mjs';

const BUILD = fileURLToPath(new URL('../../web/build-site.mjs', import.meta.url));
const WASM_DIR = path.resolve(process.env.CQC_SITE_DIR ?? 'build/site'); // a built site holds the four
const WASM_FILES = ['ratings.mjs', 'ratings.wasm', 'explorer.mjs', 'explorer.wasm'];
const APP = 'export const answer = 42;\n'.repeat(40);

let tmp, site, srv;

function get(rawPath, headers = {}, server = srv) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a browser sends to revalidate what it has: both validators of the cached answer. */
const revalidate = (cached, headers = {}) => ({
  'If-None-Match': cached.headers.etag,
  'If-Modified-Since': cached.headers['last-modified'],
  ...headers,
});

/** Same bytes, new mtime (and ctime): what a rebuild does to an unchanged file. */
function rewrite(file, secondsLater) {
  fs.writeFileSync(file, fs.readFileSync(file));
  const t = new Date(Date.now() + secondsLater * 1000);
  fs.utimesSync(file, t, t);
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-cache-'));
  site = path.join(tmp, 'site');
  fs.mkdirSync(site);
  fs.writeFileSync(path.join(site, 'index.html'), '<!DOCTYPE html><title>t</title>\n');
  fs.writeFileSync(path.join(site, 'app.mjs'), APP);
  fs.writeFileSync(path.join(site, 'app.mjs.gz'), zlib.gzipSync(APP, { level: 9 }));
  fs.writeFileSync(path.join(site, 'app.mjs.br'), zlib.brotliCompressSync(APP));
  fs.writeFileSync(path.join(site, 'rewritten.mjs'), APP);
  srv = await startServer({ dir: site, port: 0 });
});

after(async () => {
  await srv?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('every answer, 200 or 304, says revalidate; the ETag is strong', async () => {
  const first = await get('/app.mjs');
  assert.equal(first.status, 200);
  assert.equal(first.headers['cache-control'], 'no-cache');
  assert.match(first.headers.etag, /^"[A-Za-z0-9_-]+"$/, 'a strong ETag (no W/)');
  const again = await get('/app.mjs', revalidate(first));
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['cache-control'], 'no-cache');
  assert.equal(again.headers.etag, first.headers.etag);
  assert.ok(again.headers['content-security-policy'], 'a 304 has the security headers too');
});

test('an unchanged file rewritten with a new mtime still answers 304', async () => {
  const first = await get('/rewritten.mjs');
  rewrite(path.join(site, 'rewritten.mjs'), 5);
  const later = await get('/rewritten.mjs', revalidate(first));
  assert.notEqual(later.headers['last-modified'], first.headers['last-modified'], 'the test must change the mtime');
  assert.equal(later.status, 304, 'same bytes: nothing to download');
  assert.equal(later.headers.etag, first.headers.etag);
});

test('changed bytes with the same size and mtime are sent again', async () => {
  const file = path.join(site, 'index.html');
  const first = await get('/index.html');
  const { mtime, atime } = fs.statSync(file);
  const edited = '<!DOCTYPE html><title>T</title>\n'; // same length
  fs.writeFileSync(file, edited);
  fs.utimesSync(file, atime, mtime); // the old mtime back: a weak size-mtime ETag would not change
  const later = await get('/index.html', revalidate(first));
  assert.equal(later.headers['last-modified'], first.headers['last-modified']);
  assert.equal(later.status, 200, 'new bytes must not be answered 304');
  assert.equal(later.body.toString(), edited);
  assert.notEqual(later.headers.etag, first.headers.etag);
});

test('each encoding of a file has its own ETag, and a 304 only for the one the client has', async () => {
  const identity = await get('/app.mjs');
  const gzip = await get('/app.mjs', { 'Accept-Encoding': 'gzip' });
  const br = await get('/app.mjs', { 'Accept-Encoding': 'br' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(new Set([identity, gzip, br].map((r) => r.headers.etag)).size, 3);
  for (const r of [identity, gzip, br]) assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal((await get('/app.mjs', revalidate(br, { 'Accept-Encoding': 'br' }))).status, 304);
  const switched = await get('/app.mjs', revalidate(br)); // no longer accepts br: the identity bytes
  assert.equal(switched.status, 200);
  assert.equal(switched.body.toString(), APP);
});

test('a rebuild with nothing changed: every file of the site answers 304', async (t) => {
  const missing = WASM_FILES.filter((f) => !fs.existsSync(path.join(WASM_DIR, f)));
  if (missing.length) return t.skip(`no ${missing.join(', ')} in ${WASM_DIR} (build the wasm preset first)`);
  const out = path.join(tmp, 'built');
  const build = () => execFileSync(process.execPath, [BUILD, '--out', out, '--wasm-dir', WASM_DIR], { stdio: ['ignore', 'ignore', 'pipe'] });
  build();
  const built = await startServer({ dir: out, port: 0 });
  try {
    const files = fs.readdirSync(out, { recursive: true }).filter((f) => fs.statSync(path.join(out, f)).isFile() && !/\.(br|gz)$/.test(f));
    assert.ok(files.includes('index.html') && files.length > 5, `a site was built: ${files}`);
    const urlOf = (f) => `/${f.split(path.sep).map(encodeURIComponent).join('/')}`;
    const encodings = [{}, { 'Accept-Encoding': 'gzip' }, { 'Accept-Encoding': 'br, gzip' }];
    const before = [];
    for (const f of files) for (const enc of encodings) before.push({ f, enc, res: await get(urlOf(f), enc, built) });
    const mtime = fs.statSync(path.join(out, 'index.html')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    build(); // deletes the folder and writes every file again
    assert.notEqual(fs.statSync(path.join(out, 'index.html')).mtimeMs, mtime, 'the rebuild must write new files');
    const sentAgain = [];
    for (const { f, enc, res } of before) {
      assert.equal(res.status, 200, f);
      const again = await get(urlOf(f), revalidate(res, enc), built);
      if (again.status !== 304) sentAgain.push(`${f} (${enc['Accept-Encoding'] ?? 'identity'}): ${again.status}`);
    }
    assert.deepEqual(sentAgain, [], 'files downloaded again although their bytes are the same');
  } finally {
    await built.close();
  }
});
