// node --test tests/web/serve.test.mjs
// Tests web/serve.mjs against a throw-away site in a temp dir (not build/site, so it needs no build).
// Requests go through node:http with the raw path, NOT fetch(): fetch/URL would normalise
// `..` and `%2e%2e` away before sending, and the traversal tests would then prove nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../web/serve.mjs';

const SERVE = fileURLToPath(new URL('../../web/serve.mjs', import.meta.url));
// Written out in full (not imported from serve.mjs) so a changed policy fails the test.
const EXPECTED_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // empty wasm module

let tmp, site, sub, root; // sub: server with --base /calc/, root: server with base /

function request(srv, method, rawPath) {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function assertHardened(res) {
  assert.equal(res.headers['content-security-policy'], EXPECTED_CSP);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  site = path.join(tmp, 'site');
  fs.mkdirSync(path.join(site, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>root page</title>');
  fs.writeFileSync(path.join(site, 'app.mjs'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(site, 'style.css'), 'body{color:red}\n');
  fs.writeFileSync(path.join(site, 'ratings.wasm'), WASM);
  fs.writeFileSync(path.join(site, 'sub', 'index.html'), '<!doctype html><title>sub page</title>');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET'); // outside the served dir
  sub = await startServer({ dir: site, port: 0, base: '/calc/' });
  root = await startServer({ dir: site, port: 0 });
});

after(async () => {
  await sub?.close();
  await root?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('reports a URL with the base path', () => {
  assert.match(sub.url, /^http:\/\/127\.0\.0\.1:\d+\/calc\/$/);
  assert.match(root.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('serves files with the right MIME types and bytes', async () => {
  const cases = [
    ['/calc/', 'text/html; charset=utf-8', 'root page'],
    ['/calc/index.html', 'text/html; charset=utf-8', 'root page'],
    ['/calc/app.mjs', 'text/javascript', 'export const x'],
    ['/calc/style.css', 'text/css', 'color:red'],
  ];
  for (const [p, type, text] of cases) {
    const res = await request(sub, 'GET', p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'], type, p);
    assert.ok(res.body.toString().includes(text), p);
    assertHardened(res);
  }
  const wasm = await request(sub, 'GET', '/calc/ratings.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual(wasm.body, WASM);
  assert.equal(wasm.headers['content-length'], String(WASM.length));
});

test('HEAD sends headers but no body', async () => {
  const res = await request(sub, 'HEAD', '/calc/app.mjs');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/javascript');
  assert.equal(res.headers['content-length'], String(fs.statSync(path.join(site, 'app.mjs')).size));
  assert.equal(res.body.length, 0);
});

test('base path: / and /calc redirect to /calc/, other paths are 404', async () => {
  for (const p of ['/', '/calc']) {
    const res = await request(sub, 'GET', p);
    assert.equal(res.status, 302, p);
    assert.equal(res.headers.location, '/calc/', p);
    assertHardened(res);
  }
  assert.equal((await request(sub, 'GET', '/index.html')).status, 404);
  assert.equal((await request(sub, 'GET', '/calcx/index.html')).status, 404);
  // the same site without a base is served at the root
  const res = await request(root, 'GET', '/');
  assert.equal(res.status, 200);
  assert.ok(res.body.toString().includes('root page'));
});

test('directories: redirect to the trailing slash, then serve index.html', async () => {
  const r1 = await request(sub, 'GET', '/calc/sub');
  assert.equal(r1.status, 302);
  assert.equal(r1.headers.location, '/calc/sub/');
  const r2 = await request(sub, 'GET', '/calc/sub/');
  assert.equal(r2.status, 200);
  assert.ok(r2.body.toString().includes('sub page'));
});

test('path traversal and NUL are refused', async () => {
  const attacks = [
    '/calc/../secret.txt',
    '/calc/sub/../../secret.txt',
    '/calc/%2e%2e/secret.txt',
    '/calc/%2E%2E/secret.txt',
    '/calc/.%2e/secret.txt',
    '/calc/..%2fsecret.txt',
    '/calc/..%5csecret.txt',
    '/calc/%2e%2e%2fsecret.txt',
    '/calc/index.html%00',
    '/calc/%00',
    '/calc/%E0%A4%A', // malformed escape
    '//secret.txt',
  ];
  for (const p of attacks) {
    for (const srv of [sub, root]) {
      const res = await request(srv, 'GET', srv === root ? p.replace('/calc', '') : p);
      assert.ok([400, 404].includes(res.status), `${p} gave ${res.status}`);
      assert.ok(!res.body.toString().includes('TOP-SECRET'), p);
      assertHardened(res);
    }
  }
});

test('missing files are 404 with a plain-text body', async () => {
  const res = await request(sub, 'GET', '/calc/nope.js');
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(res.body.toString(), 'Not Found\n');
  assertHardened(res);
});

test('only GET and HEAD are allowed', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    const res = await request(sub, method, '/calc/index.html');
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD');
    assertHardened(res);
  }
});

test('CLI: --port 0 prints one "Serving ... at URL" line and stops on SIGTERM', { timeout: 10_000 }, async (t) => {
  const child = spawn(process.execPath, [SERVE, '--dir', site, '--port', '0', '--base', '/calc/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.exitCode === null && child.kill('SIGKILL')); // never leave it running if an assert fails
  let stdout = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    exited.then(() => reject(new Error(`server exited early: ${stdout}`)));
  });
  const m = line.match(/^Serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/calc\/)$/);
  assert.ok(m, `unexpected line: ${line}`);
  assert.equal(m[1], site);
  const res = await request({ url: m[2] }, 'GET', '/calc/app.mjs');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/javascript');
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.equal(stdout, `${line}\n`); // exactly one line
});
